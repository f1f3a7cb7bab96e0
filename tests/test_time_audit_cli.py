"""`offload import-time` and `offload export-tasks`, and the CSV exports behind them."""

import csv
from datetime import date
from decimal import Decimal

from desktop_app.exporters.tasks_csv import export_entries_csv, export_tasks_csv
from desktop_app.models.settings import Settings, save_settings
from desktop_app.models.tasks import add_time_entry, create_task, update_task
from tests.conftest import run_offload
from tests.test_time_tracking_import import TOGGL_US


def _rows(path):
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def test_import_time_prints_the_preview_then_imports_once(store, tmp_path):
    store.close()
    export = tmp_path / "toggl.csv"
    export.write_text(TOGGL_US, encoding="utf-8")
    db = str(store.path)

    dry = run_offload("import-time", "--db", db, "--dry-run", str(export))
    assert dry.returncode == 0, dry.stderr
    assert "Toggl Track detailed report (comma-separated, UTF-8), 7 rows." in dry.stdout
    assert "To import: 3 time entries, 2.6 h" in dry.stdout
    assert "line 5: The date “02/30/2025” does not exist." in dry.stdout
    assert "Dry run: nothing was imported." in dry.stdout

    first = run_offload("import-time", "--db", db, str(export))
    assert first.returncode == 0, first.stderr
    assert "Imported 3 time entries (2.6 h) and created 3 new tasks." in first.stdout

    second = run_offload("import-time", str(export), "--db", db)
    assert second.returncode == 0, second.stderr
    assert "Already imported before: 3 rows (skipped)." in second.stdout
    assert "Nothing new to import" in second.stdout

    out = tmp_path / "tasks.csv"
    exported = run_offload("export-tasks", "--db", db, str(out), "--month", "2025-03")
    assert exported.returncode == 0, exported.stderr
    assert "Wrote 3 tasks with hours for March 2025" in exported.stdout
    hours = {row["Task"]: row["Hours"] for row in _rows(out)}
    assert hours == {
        "Customer support inbox": "1.50",
        "Bookkeeping": "0.75",
        "Social media posts, Instagram": "0.33",
    }


def test_import_time_refuses_an_unknown_file_in_one_line(store, tmp_path):
    store.close()
    export = tmp_path / "contacts.csv"
    export.write_text("Name,Phone\nAna,123\n", encoding="utf-8")
    result = run_offload("import-time", "--db", str(store.path), str(export))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "not a detailed report from Toggl Track, Clockify or Harvest" in lines[0]


def test_import_time_fails_when_no_row_can_be_read(store, tmp_path):
    store.close()
    export = tmp_path / "toggl.csv"
    export.write_text(TOGGL_US.splitlines()[0] + "\n" + TOGGL_US.splitlines()[4] + "\n")
    result = run_offload("import-time", "--db", str(store.path), str(export))
    assert result.returncode == 1
    assert "line 2: The date “02/30/2025” does not exist." in result.stdout
    assert "Nothing could be imported from toggl.csv." in result.stderr


def test_export_tasks_refuses_a_bad_month(store, tmp_path):
    store.close()
    out = tmp_path / "tasks.csv"
    result = run_offload("export-tasks", "--db", str(store.path), str(out), "--month", "2025-13")
    assert result.returncode == 1
    assert "not a month" in result.stderr
    assert not out.exists()


def test_the_tasks_export_holds_one_row_per_task_with_the_month(store, tmp_path):
    save_settings(Settings(hourly_value=Decimal("80")))
    inbox = create_task("=Inbox", need="repetitive", contractor_rate="20")
    mine = create_task("Design", need="unique", notes="mine, all mine")
    taxes = create_task("Taxes", need="knowledge", monthly_estimate_minutes=180)
    update_task(taxes, {"status": "handed_off"})
    add_time_entry(inbox, date(2025, 3, 3), 90)
    add_time_entry(mine, date(2025, 3, 3), 60)
    add_time_entry(mine, date(2025, 4, 3), 600)
    out = tmp_path / "tasks.csv"
    assert export_tasks_csv(out, date(2025, 3, 1)) == 3
    rows = {row["Task"]: row for row in _rows(out)}
    # A name a spreadsheet would run as a formula is defused.
    inbox_row = rows["'=Inbox"]
    assert (inbox_row["Hours"], inbox_row["Hours from"], inbox_row["Candidate"]) == (
        "1.50",
        "entries",
        "yes",
    )
    assert (inbox_row["Worth"], inbox_row["Buy-back a month"]) == ("120.00", "90.00")
    assert inbox_row["Month"] == "2025-03"
    assert (rows["Design"]["Candidate"], rows["Design"]["Score"]) == ("no", "")
    assert rows["Design"]["Notes"] == "mine, all mine"
    assert (rows["Taxes"]["Hours"], rows["Taxes"]["Hours from"]) == ("3.00", "estimate")
    assert rows["Taxes"]["Status"] == "Handed off"


def test_the_entries_export_holds_the_month(store, tmp_path):
    inbox = create_task("Inbox")
    add_time_entry(inbox, date(2025, 3, 3), 90, "refunds, resends")
    add_time_entry(inbox, date(2025, 4, 1), 30)
    out = tmp_path / "entries.csv"
    assert export_entries_csv(out, date(2025, 3, 1)) == 1
    assert _rows(out) == [
        {
            "Date": "2025-03-03",
            "Task": "Inbox",
            "Minutes": "90",
            "Hours": "1.50",
            "Note": "refunds, resends",
        }
    ]
    assert export_entries_csv(out) == 2
