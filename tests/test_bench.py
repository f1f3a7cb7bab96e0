"""`make bench` at a tiny scale, one run: every row of the table is produced.

Timings are never asserted (shared, noisy machines); this keeps the
benchmark from rotting as the app changes.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATABASES = ("empty", "demo", "large")
TABS = ("Time audit", "Contractors", "Briefs", "Engagements")
SCALES = ("0.001", "0.01", "0.03")  # the growth rows: 0.1, 1 and 3 times the scale


@pytest.mark.slow
def test_a_tiny_benchmark_produces_every_row(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "tools.bench", "--scale", "0.01", "--runs", "1", "--no-warm-up",
         "--cache", str(tmp_path / "cache")],
        capture_output=True, text=True, timeout=600, cwd=REPO, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in result.stdout.splitlines()
        if line.startswith("| ") and not line.startswith("| what") and "---" not in line
    ]
    produced = {(row[0], row[1]) for row in rows}
    expected = {
        *((f"start-up to first paint ({platform})", db)
          for platform in ("xcb", "offscreen") for db in DATABASES),
        *(("start-up to the Overview filled in (xcb)", db) for db in DATABASES),
        *((f"first visit of {tab} (painted)", db) for tab in TABS for db in DATABASES),
        ("peak memory, every tab visited", "large"),
        *(("one keystroke in the Time audit search (painted)", db) for db in ("demo", "large")),
        ("moving one of 1,000 expectations (painted)", "large"),
        ("then the longest freeze as the brief list catches up", "large"),
        ("PDF of a 200-expectation brief", "-"),
        ("importing a 200-row Toggl CSV", "empty"),
        ("opening: PRAGMA quick_check", "large"),
        ("opening: open_store (look, quick_check, lock, migrate, bind)", "large"),
        ("opening: the day's backup (online backup, then quick_check of the copy)", "large"),
        *(("growth: start-up to first paint (xcb)", f"scale {s}") for s in SCALES),
        *(("growth: the Overview's load, first paint to filled", f"scale {s}") for s in SCALES),
        ("growth: importing a 20-row Toggl CSV", "scale 0.001"),
        ("growth: importing a 200-row Toggl CSV", "scale 0.01"),
        ("growth: importing a 600-row Toggl CSV", "scale 0.03"),
    }  # fmt: skip
    assert produced == expected
    for row in rows:
        assert re.fullmatch(r"[\d.]+ (ms|s|MB)", row[3]), row  # Offload's figure
        if row[2]:
            assert re.match(r"[\d.]+ (ms|s|MB) \(", row[2]), row  # and its baseline
    assert "Medians of 1 runs" in result.stdout


@pytest.mark.slow
def test_only_measures_the_rows_asked_for(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "tools.bench", "--scale", "0.01", "--runs", "1", "--no-warm-up",
         "--cache", str(tmp_path / "cache"), "--only", "pdf", "--only", "opening"],
        capture_output=True, text=True, timeout=600, cwd=REPO, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    rows = [
        line.split("|")[1].strip()
        for line in result.stdout.splitlines()
        if line.startswith("| ") and not line.startswith(("| what", "| ---"))
    ]
    assert rows == [
        "PDF of a 200-expectation brief",
        "opening: PRAGMA quick_check",
        "opening: open_store (look, quick_check, lock, migrate, bind)",
        "opening: the day's backup (online backup, then quick_check of the copy)",
    ]


@pytest.mark.slow
@pytest.mark.postgres
def test_a_tiny_benchmark_with_a_server_adds_its_postgresql_rows(tmp_path):
    from tests.conftest import require_postgres

    server = require_postgres()
    result = subprocess.run(
        [sys.executable, "-m", "tools.bench", "--scale", "0.01", "--runs", "1", "--no-warm-up",
         "--cache", str(tmp_path / "cache"), "--postgres", server],
        capture_output=True, text=True, timeout=900, cwd=REPO, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in result.stdout.splitlines()
        if line.startswith("| ") and "(PostgreSQL)" in line
    ]
    produced = {(row[0], row[1]) for row in rows}
    platform = "xcb" if "start-up to first paint (xcb)" in result.stdout else "offscreen"
    expected = {
        *((f"start-up to first paint ({platform})", f"{db} (PostgreSQL)") for db in DATABASES),
        *((f"start-up to the Overview filled in ({platform})", f"{db} (PostgreSQL)")
          for db in DATABASES),
        *((f"first visit of {tab} (painted)", f"{db} (PostgreSQL)")
          for tab in TABS for db in DATABASES),
        ("importing a 200-row Toggl CSV", "empty (PostgreSQL)"),
    }  # fmt: skip
    assert produced == expected
    for row in rows:
        assert re.match(r"[\d.]+ (ms|s) \(Offload on SQLite\)", row[2]), row
