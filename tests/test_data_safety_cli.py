"""Issue 10 on the command line: every subcommand on real damaged and unusual
files, exports that never replace a database, check, restore, backups."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from desktop_app.cli import main
from tests import damaged_files
from tests.conftest import run_offload
from tests.test_time_tracking_import import TOGGL_US

CONTACTS = "Name,E-mail\nAna Souza,ana@example.com\nBen Okafor,ben@example.com\n"


@pytest.fixture(scope="module")
def sound_database(tmp_path_factory) -> Path:
    """The demo database, closed: what each damaged kind is made from."""
    from desktop_app.demo import create_demo_database

    return create_demo_database(tmp_path_factory.mktemp("sound"))


@pytest.fixture
def inputs(tmp_path) -> dict[str, Path]:
    folder = tmp_path / "inputs"
    folder.mkdir()
    time_report = folder / "toggl.csv"
    time_report.write_text(TOGGL_US, encoding="utf-8")
    contacts = folder / "contacts.csv"
    contacts.write_text(CONTACTS, encoding="utf-8")
    return {"time": time_report, "contacts": contacts, "out": tmp_path / "out"}


def entry_points(db: Path, inputs: dict[str, Path]) -> dict[str, list[str]]:
    """Every subcommand that opens the database, with what it writes (if anything)."""
    out = inputs["out"]
    return {
        "check": ["check", "--db", str(db)],
        "backup": ["backup", "--db", str(db), str(out / "copy.sqlite3")],
        "export-tasks": ["export-tasks", "--db", str(db), str(out / "tasks.csv")],
        "export-contractors": ["export-contractors", "--db", str(db), str(out / "bench.csv")],
        "export-schedule": ["export-schedule", "--db", str(db), str(out / "schedule.ics")],
        "export-brief": ["export-brief", "--db", str(db), "1", str(out / "brief.pdf")],
        "import-time --dry-run": ["import-time", "--dry-run", "--db", str(db), str(inputs["time"])],
        "import-time": ["import-time", "--db", str(db), str(inputs["time"])],
        "import-contractors": ["import-contractors", "--db", str(db), str(inputs["contacts"])],
    }


# What each kind of file must make each subcommand do: 1 (refused, file
# unchanged, nothing written) unless listed here.
SUCCEEDS = {
    ("zero-length", "import-time"),  # only an empty or new file may become a database
    ("zero-length", "import-contractors"),
    ("newer schema", "check"),  # healthy, and it says it is from a newer Offload
    ("newer schema", "backup"),  # a copy is harmless and checked
    ("hard link", "backup"),  # reading is harmless; the copy has one name
}
# A FIFO is tried in a subprocess (a hang must not hang the suite); a
# read-only file as another user (root writes whatever the modes say).
OWN_TESTS = ("FIFO", "read-only file and folder")
IN_PROCESS_KINDS = [kind for kind in damaged_files.KINDS if kind not in OWN_TESTS]


def _run_in_process(args: list[str], capsys) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("kind", IN_PROCESS_KINDS)
def test_every_subcommand_refuses_an_unusable_file_in_one_line_leaving_it_unchanged(
    kind, sound_database, inputs, tmp_path, capsys
):
    folder = tmp_path / "files"
    folder.mkdir()
    inputs["out"].mkdir()
    db = damaged_files.KINDS[kind](sound_database, folder)
    for name, args in entry_points(db, inputs).items():
        before = damaged_files.fingerprint(db)
        written_before = sorted(inputs["out"].iterdir())
        code, out, err = _run_in_process(args, capsys)
        if (kind, name) in SUCCEEDS:
            assert code == 0, (name, err)
            continue
        assert code == 1, (kind, name, out, err)
        lines = (err or out).strip().splitlines()
        assert len(lines) == 1, (kind, name, err)
        assert "Traceback" not in err and "unexpected error" not in err, (kind, name, err)
        assert damaged_files.fingerprint(db) == before, (kind, name)
        assert sorted(inputs["out"].iterdir()) == written_before, (kind, name)


@pytest.mark.slow
def test_a_fifo_as_db_is_refused_at_once_without_hanging(tmp_path, inputs):
    pipe = damaged_files.fifo(Path(), tmp_path)
    for args in (
        ("check", "--db", str(pipe)),
        ("export-tasks", "--db", str(pipe), str(tmp_path / "tasks.csv")),
        ("import-contractors", "--db", str(pipe), str(inputs["contacts"])),
        ("import-time", "--dry-run", "--db", str(pipe), str(inputs["time"])),
        ("backup", "--db", str(pipe), str(tmp_path / "copy.sqlite3")),
        ("--db", str(pipe), "export-brief", "1", str(tmp_path / "brief.pdf")),
    ):
        result = run_offload(*args, timeout=30)
        assert result.returncode == 1, (args, result.stderr)
        assert "named pipe (FIFO)" in (result.stderr + result.stdout), args
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert not (tmp_path / "tasks.csv").exists()
    device = run_offload("check", "--db", "/dev/null", timeout=30)
    assert device.returncode == 1
    assert "/dev/null is a device, not a database file" in device.stdout


def test_damaged_files_are_named_damaged_not_foreign(sound_database, tmp_path, capsys):
    for make in (damaged_files.truncated, damaged_files.overwritten_page):
        db = make(sound_database, tmp_path)
        code, _out, err = _run_in_process(["export-tasks", "--db", str(db), "x.csv"], capsys)
        assert code == 1
        assert "is damaged" in err
        assert "not an Offload database" not in err
        assert "Restore a backup" in err


def test_a_foreign_sqlite_file_is_never_migrated_even_by_a_dry_run(tmp_path, capsys, inputs):
    db = damaged_files.foreign_sqlite(Path(), tmp_path)
    before = db.read_bytes()
    for args in (
        ["import-time", "--dry-run", "--db", str(db), str(inputs["time"])],
        ["export-tasks", "--db", str(db), str(tmp_path / "x.csv")],
        ["import-contractors", "--db", str(db), str(inputs["contacts"])],
    ):
        code, _out, err = _run_in_process(args, capsys)
        assert code == 1
        assert "another program's SQLite database" in err
    assert db.read_bytes() == before
    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert {n for (n,) in connection.execute("SELECT name FROM sqlite_master")} == {"note", "tag"}
    connection.close()


def test_a_dry_run_and_exports_never_create_or_upgrade_a_database(
    sound_database, tmp_path, capsys, inputs
):
    missing = tmp_path / "typo.sqlite3"
    code, _out, err = _run_in_process(
        ["import-time", "--dry-run", "--db", str(missing), str(inputs["time"])], capsys
    )
    assert code == 1 and "does not exist" in err
    assert not missing.exists()

    older = shutil.copyfile(sound_database, tmp_path / "older.sqlite3")
    connection = sqlite3.connect(older)
    connection.execute("PRAGMA user_version = 4")
    connection.commit()
    connection.close()
    before = older.read_bytes()
    for args in (
        ["import-time", "--dry-run", "--db", str(older), str(inputs["time"])],
        ["export-tasks", "--db", str(older), str(tmp_path / "x.csv")],
        ["export-brief", "--db", str(older), "1", str(tmp_path / "x.pdf")],
    ):
        code, _out, err = _run_in_process(args, capsys)
        assert code == 1, args
        assert "must be upgraded first" in err
    assert older.read_bytes() == before
    assert not (tmp_path / "backups").exists()


def test_an_export_never_replaces_a_database_whatever_the_flags(store, tmp_path, capsys):
    store.close()
    db = store.path
    other = shutil.copyfile(db, tmp_path / "other.sqlite3")
    wal_name = tmp_path / "other.sqlite3-wal"
    wal_name.write_bytes(b"")
    for target in (db, other, wal_name):
        before = target.read_bytes()
        for command, extra in (
            ("export-tasks", []),
            ("export-contractors", []),
            ("export-schedule", []),
            ("export-tasks", ["--force"]),
            ("export-contractors", ["--force"]),
        ):
            code, _out, err = _run_in_process(
                [command, "--db", str(db), *extra, str(target)], capsys
            )
            assert code == 1, (command, target)
            assert "never replaces" in err
            assert target.read_bytes() == before


def test_the_window_database_itself_is_refused_under_any_name(store, tmp_path, capsys):
    """The database named by a symlink: found by identity, not by its name."""
    alias = tmp_path / "tasks.csv"
    alias.symlink_to(store.path)
    before = store.path.read_bytes()
    code, _out, err = _run_in_process(
        ["export-tasks", "--force", "--db", str(store.path), str(alias)], capsys
    )
    assert code == 1
    assert "never replaces" in err
    assert store.path.read_bytes() == before


def test_an_export_refuses_an_existing_file_unless_forced(store, tmp_path, capsys):
    store.close()
    target = tmp_path / "tasks.csv"
    target.write_text("my notes", encoding="utf-8")
    args = ["export-tasks", "--db", str(store.path), str(target)]
    code, _out, err = _run_in_process(args, capsys)
    assert code == 1
    assert "already exists" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "my notes"
    code, _out, _err = _run_in_process([*args, "--force"], capsys)
    assert code == 0
    assert target.read_text(encoding="utf-8-sig").startswith("Task")


# offload check ----------------------------------------------------------------------


def test_check_says_healthy_in_one_line_and_exits_zero(sound_database, capsys):
    code, out, _err = _run_in_process(["check", "--db", str(sound_database)], capsys)
    assert code == 0
    assert out.count("\n") == 1
    assert "healthy" in out and "schema" in out and "foreign keys ok" in out


def test_check_finds_damage_and_dangling_rows(sound_database, tmp_path, capsys):
    db = damaged_files.truncated(sound_database, tmp_path)
    code, out, _err = _run_in_process(["check", "--db", str(db)], capsys)
    assert code == 1
    assert out.count("\n") == 1
    assert "DAMAGED" in out or "is damaged" in out

    dangling = shutil.copyfile(sound_database, tmp_path / "dangling.sqlite3")
    connection = sqlite3.connect(dangling)
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute("DELETE FROM brief WHERE id = 1")
    connection.commit()
    connection.close()
    code, out, _err = _run_in_process(["check", "--db", str(dangling)], capsys)
    assert code == 1
    assert "point at rows that are gone" in out


def test_check_works_while_the_window_has_the_file_open(store, capsys):
    code, out, _err = _run_in_process(["check", "--db", str(store.path)], capsys)
    assert code == 0, out


# backup verifies its copy -------------------------------------------------------------


def test_backup_of_a_damaged_database_fails_and_keeps_no_copy(sound_database, tmp_path, capsys):
    for make in (damaged_files.truncated, damaged_files.overwritten_page):
        db = make(sound_database, tmp_path)
        out = tmp_path / f"copy-of-{db.name}"
        code, _out, err = _run_in_process(["backup", "--db", str(db), str(out)], capsys)
        assert code == 1
        assert "is damaged" in err
        assert not out.exists()
        assert not list(tmp_path.glob(".*partial"))


def test_backup_into_a_read_only_folder_says_so(sound_database):
    with damaged_files.shared_folder() as folder:
        db = shutil.copyfile(sound_database, folder / "offload.sqlite3")
        db.chmod(0o644)
        locked = folder / "locked"
        locked.mkdir(mode=0o555)
        locked.chmod(0o555)
        result = damaged_files.run_as_other_user(
            folder, "backup", "--db", str(db), str(locked / "copy.sqlite3")
        )
        assert result.returncode == 1
        assert result.stderr.strip().splitlines() == [
            f"offload backup: Cannot write to {locked}: it is read-only. "
            "Choose a folder you can write to."
        ]


# Read-only database files and folders --------------------------------------------------


def test_a_read_only_database_is_read_but_never_written(sound_database):
    with damaged_files.shared_folder() as folder:
        db = damaged_files.read_only(sound_database, folder)
        before = db.read_bytes()
        contacts = folder / "contacts.csv"
        contacts.write_text(CONTACTS, encoding="utf-8")
        contacts.chmod(0o644)
        out = folder / "out"
        out.mkdir(mode=0o777)
        out.chmod(0o777)
        check = damaged_files.run_as_other_user(folder, "check", "--db", str(db))
        assert check.returncode == 0, check.stdout + check.stderr
        export = damaged_files.run_as_other_user(
            folder, "export-contractors", "--db", str(db), str(out / "bench.csv")
        )
        assert export.returncode == 0, export.stderr
        assert (out / "bench.csv").exists()
        imported = damaged_files.run_as_other_user(
            folder, "import-contractors", "--db", str(db), str(contacts)
        )
        assert imported.returncode == 1
        assert imported.stderr.strip().splitlines() == [
            f"offload import-contractors: Cannot change it: {db} cannot be written "
            "(the file is read-only)."
        ]
        assert db.read_bytes() == before
        assert sorted(p.name for p in db.parent.iterdir()) == ["offload.sqlite3"]


# Hard links and symlinks -----------------------------------------------------------------


def test_a_database_with_two_names_is_refused(store, tmp_path):
    store.close()
    twin = tmp_path / "twin.sqlite3"
    os.link(store.path, twin)
    from desktop_app.store import StoreError, open_store

    for name in (store.path, twin):
        with pytest.raises(StoreError, match="has 2 names"):
            open_store(name)
    assert not Path(f"{twin}.lock").exists()


def test_the_lock_follows_the_real_file_through_a_symlink(store, tmp_path):
    from desktop_app.store import DatabaseLocked, open_store

    alias = tmp_path / "alias.sqlite3"
    alias.symlink_to(store.path)
    with pytest.raises(DatabaseLocked, match="already open"):
        open_store(alias)


# restore ------------------------------------------------------------------------------------


def _counts(db: Path) -> tuple[int, int]:
    connection = sqlite3.connect(db)
    try:
        return tuple(
            connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("task", "contractor")
        )
    finally:
        connection.close()


def test_restore_lists_backups_then_restores_one_keeping_the_current_file(
    sound_database, tmp_path, capsys
):
    from desktop_app.backup import Reason, automatic_backup

    db = shutil.copyfile(sound_database, tmp_path / "offload.sqlite3")
    backup = automatic_backup(db, Reason.DAILY)
    connection = sqlite3.connect(db)
    connection.execute("DELETE FROM time_entry")
    connection.execute("DELETE FROM task WHERE id NOT IN (SELECT task_id FROM brief_task)")
    connection.commit()
    connection.close()
    emptied = _counts(db)

    code, out, _err = _run_in_process(["restore", "--db", str(db)], capsys)
    assert code == 0
    assert str(backup) in out
    assert "Daily" in out and "tasks" in out and "contractors" in out

    code, out, err = _run_in_process(["restore", "--db", str(db), str(backup)], capsys)
    assert code == 0, err
    assert _counts(db) == _counts(backup)
    kept = [p for p in (tmp_path / "backups").iterdir() if "before-restore" in p.name]
    assert len(kept) == 1
    assert _counts(kept[0]) == emptied
    assert f"kept as {kept[0]}" in out


def test_restore_over_a_damaged_database_keeps_a_byte_copy_of_it(sound_database, tmp_path, capsys):
    damaged = damaged_files.truncated(sound_database, tmp_path)
    damaged_bytes = damaged.read_bytes()
    good = shutil.copyfile(sound_database, tmp_path / "good.sqlite3")
    code, _out, err = _run_in_process(["restore", "--db", str(damaged), str(good)], capsys)
    assert code == 0, err
    code, out, _err = _run_in_process(["check", "--db", str(damaged)], capsys)
    assert code == 0, out
    [kept] = (tmp_path / "backups").glob("*before-restore-damaged*")
    assert kept.read_bytes() == damaged_bytes


def test_restore_refuses_a_damaged_backup_and_a_database_open_elsewhere(
    store, sound_database, tmp_path, capsys
):
    damaged = damaged_files.overwritten_page(sound_database, tmp_path)
    before = store.path.read_bytes()
    code, _out, err = _run_in_process(["restore", "--db", str(store.path), str(damaged)], capsys)
    assert code == 1 and "is damaged" in err
    code, _out, err = _run_in_process(
        ["restore", "--db", str(store.path), str(sound_database)], capsys
    )
    assert code == 1 and "already open" in err
    assert store.path.read_bytes() == before


# Automatic backups --------------------------------------------------------------------------


def test_an_import_backs_up_first_and_the_day_starts_with_one_copy(
    sound_database, tmp_path, capsys, inputs
):
    db = shutil.copyfile(sound_database, tmp_path / "offload.sqlite3")
    code, _out, err = _run_in_process(
        ["import-contractors", "--db", str(db), str(inputs["contacts"])], capsys
    )
    assert code == 0, err
    names = sorted(p.name for p in (tmp_path / "backups").iterdir())
    assert [n for n in names if n.endswith("-daily.sqlite3")] != []
    assert [n for n in names if n.endswith("-before-import.sqlite3")] != []
    code, _out, err = _run_in_process(["import-time", "--db", str(db), str(inputs["time"])], capsys)
    assert code == 0, err
    names = sorted(p.name for p in (tmp_path / "backups").iterdir())
    assert len([n for n in names if n.endswith("-daily.sqlite3")]) == 1  # once a day
    assert len([n for n in names if n.endswith("-before-import.sqlite3")]) == 2


def test_rotation_keeps_the_newest_and_seven_days_and_four_weeks(tmp_path):
    from datetime import datetime, timedelta

    from desktop_app.backup import automatic_backups, rotate_backups

    db = tmp_path / "offload.sqlite3"
    folder = tmp_path / "backups"
    folder.mkdir()
    start = datetime(2025, 1, 1, 9, 0, 0)
    for day in range(60):  # two copies a day for sixty days
        for hour in (9, 17):
            stamp = start + timedelta(days=day, hours=hour - 9)
            (folder / f"offload-{stamp:%Y%m%d-%H%M%S}-daily.sqlite3").write_bytes(b"x")
    mine = folder / "offload-my-own-copy.sqlite3"
    mine.write_bytes(b"keep")
    rotate_backups(db)
    kept = {backup.taken for backup in automatic_backups(db)}

    def at(day: int, hour: int) -> datetime:
        return start + timedelta(days=day, hours=hour - 9)

    # Day 59 is Saturday 1 March 2025.
    newest_five = {at(59, 17), at(59, 9), at(58, 17), at(58, 9), at(57, 17)}
    last_seven_days = {at(day, 17) for day in range(53, 60)}
    last_four_weeks = {at(59, 17), at(53, 17), at(46, 17), at(39, 17)}  # each week's Sunday
    assert kept == newest_five | last_seven_days | last_four_weeks
    assert mine.exists()  # never deletes what it did not name


def test_restore_never_replaces_another_programs_file(sound_database, tmp_path, capsys):
    for make in (damaged_files.foreign_sqlite, damaged_files.not_sqlite):
        target = make(sound_database, tmp_path)
        before = target.read_bytes()
        code, _out, err = _run_in_process(
            ["restore", "--db", str(target), str(sound_database)], capsys
        )
        assert code == 1
        assert "never replaces another program's file" in err
        assert target.read_bytes() == before


def test_an_offload_file_whose_first_page_is_overwritten_is_called_damaged(
    sound_database, tmp_path, capsys
):
    from desktop_app.backup import Reason, automatic_backup

    db = shutil.copyfile(sound_database, tmp_path / "offload.sqlite3")
    automatic_backup(db, Reason.DAILY)
    with db.open("r+b") as stream:
        stream.write(b"\0" * 4096)
    code, _out, err = _run_in_process(["export-tasks", "--db", str(db), "x.csv"], capsys)
    assert code == 1
    assert "is damaged" in err and "first page" in err
    # ... and the newest backup can be put back over it.
    [backup] = (tmp_path / "backups").glob("*-daily.sqlite3")
    code, _out, err = _run_in_process(["restore", "--db", str(db), str(backup)], capsys)
    assert code == 0, err
