"""`offload generate-sample`: the demo, and the large database at any scale."""

import sqlite3
from datetime import date

from desktop_app.demo.large import Counts
from tests.conftest import run_offload


def _count(path, table: str, where: str = "") -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(f"SELECT COUNT(*) FROM {table} {where}").fetchone()[0]
    finally:
        connection.close()


def test_the_large_sample_holds_every_count_times_the_scale(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "large.sqlite3"
    result = run_offload("generate-sample", str(path), "--size", "large", "--scale", "0.02")
    assert result.returncode == 0, result.stderr
    assert "Wrote" in result.stdout
    counts = Counts.at(0.02)
    assert (counts.tasks, counts.time_entries, counts.contractors) == (40, 1200, 40)
    assert _count(path, "task") == counts.tasks
    assert _count(path, "time_entry") == counts.time_entries
    assert _count(path, "contractor") == counts.contractors
    assert _count(path, "brief") == counts.briefs == 8
    assert _count(path, "expectation") == counts.briefs * counts.expectations_per_brief
    assert _count(path, "engagement") == counts.engagements == 10
    assert _count(path, "check_in") > counts.engagements
    # Briefs at every step: drafts for the Overview, filled ones being worked on.
    assert _count(path, "brief", "WHERE status = 'draft'") > 0
    assert _count(path, "brief", "WHERE status = 'filled'") > 0
    # Hiring for a brief hands its task off, as in the window.
    assert _count(path, "task", "WHERE status = 'handed_off'") > 0
    # Nothing left beside it.
    assert sorted(p.name for p in folder.iterdir()) == ["large.sqlite3"]


def test_the_large_sample_reads_like_an_owners_data(store):
    from desktop_app.demo.large import fill_large
    from desktop_app.models.briefs import brief_summaries
    from desktop_app.models.overview import load_overview
    from desktop_app.models.tasks import load_month

    today = date.today()
    fill_large(today, 0.01)
    overview = load_overview(today)
    assert not overview.is_empty
    assert overview.drafts and overview.waiting
    assert any(summary.open_findings for summary in brief_summaries(today))
    month = load_month(today.replace(day=1))
    assert sum(row.minutes for row in month.rows) > 0
    # No day over 24 hours: the rules the window enforces hold.
    from desktop_app.models.tasks import TimeEntry, minutes_logged_by_day

    days = {day for (day,) in TimeEntry.select(TimeEntry.date).tuples()}
    assert max(minutes_logged_by_day(days).values()) <= 24 * 60


def test_the_demo_sample_is_the_demo(tmp_path):
    path = tmp_path / "demo.sqlite3"
    result = run_offload("generate-sample", str(path))
    assert result.returncode == 0, result.stderr
    connection = sqlite3.connect(path)
    titles = {title for (title,) in connection.execute("SELECT title FROM brief")}
    connection.close()
    assert "Monthly bookkeeping" in titles


def test_generate_sample_never_overwrites_and_explains_bad_input(tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    existing = tmp_path / "mine.sqlite3"
    existing.write_bytes(b"keep me")
    refused = {
        (str(existing),): "already exists",
        (str(tmp_path / "new.sqlite3"), "--scale", "2"): "--size large only",
        (str(tmp_path / "new.sqlite3"), "--size", "large", "--scale", "0"): "above 0",
        (str(tmp_path / "none" / "new.sqlite3"),): "not a folder",
    }
    for args, message in refused.items():
        result = run_offload("generate-sample", *args)
        assert result.returncode == 1, args
        assert message in result.stderr, (args, result.stderr)
    assert existing.read_bytes() == b"keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.sqlite3"]
