"""Issue 10: what the disk and other programs do to the database — a full
disk, a read-only file, another program's write lock — and the log."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.cli import main
from tests import damaged_files
from tests.conftest import REPO, run_offload

CONTACTS = "Name,E-mail\nAna Souza,ana@example.com\n"


@pytest.fixture(scope="module")
def sound_database(tmp_path_factory) -> Path:
    from desktop_app.demo import create_demo_database

    return create_demo_database(tmp_path_factory.mktemp("sound"))


@contextlib.contextmanager
def small_disk(size: str) -> Iterator[Path | None]:
    """A folder on a tmpfs of `size` (root can mount one), or None where
    mounting is not allowed: the caller then limits file sizes instead."""
    folder = Path(tempfile.mkdtemp(prefix="offload-small-disk-"))
    mounted = False
    if os.geteuid() == 0 and shutil.which("mount"):
        mounted = (
            subprocess.run(
                ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder)],
                capture_output=True,
                check=False,
            ).returncode
            == 0
        )
    try:
        yield folder if mounted else None
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=False)
        shutil.rmtree(folder, ignore_errors=True)


def _child(*args: str, user: Path | None = None) -> dict:
    command = [sys.executable, "-m", "tests.storage_child", *args]
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if user is not None:
        command = damaged_files.as_other_user(command)
        environment.update(damaged_files.other_user_environment(user))
        environment = damaged_files.not_measured(environment)
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=120, env=environment, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert "crash" not in report, report.get("crash")
    return report


NO_ROOM = ("no room left on the disk", "could not write")


def test_a_full_disk_during_a_save_or_an_import_says_so_and_loses_nothing(sound_database, tmp_path):
    with small_disk("3m") as disk:
        folder = disk or tmp_path
        db = shutil.copyfile(sound_database, folder / "offload.sqlite3")
        how = str(folder / "filler") if disk else "rlimit"
        report = _child("full-disk", str(db), how)
    for key in ("settings_message", "task_message"):
        message = report[key]
        assert any(words in message for words in NO_ROOM), (key, message)
        assert "Something went wrong" not in message
    # SQLite rolled the import back itself: the error says why, not
    # "cannot rollback - no transaction is active".
    assert "cannot rollback" not in report["import_error"]
    assert report["import_error"], "the import cannot have fitted"
    assert any(words in report["import_explained"] for words in NO_ROOM)
    assert report["in_transaction"] is False
    assert report["counts_after"] == report["counts_before"]
    assert report["after_room_message"] == ""
    assert report["quick_check"] == "ok"
    assert report["tasks_at_end"] == report["counts_before"]["task"] + 1


def fill_disk(filler: Path) -> None:
    with contextlib.suppress(OSError), filler.open("wb") as stream:
        while True:
            stream.write(b"\0" * 4096)
            stream.flush()


def test_an_import_on_a_full_disk_fails_in_one_line_and_changes_nothing(sound_database, tmp_path):
    contacts = tmp_path / "contacts.csv"
    contacts.write_text(CONTACTS, encoding="utf-8")
    with small_disk("2m") as disk:
        folder = disk or tmp_path / "db"
        folder.mkdir(exist_ok=True)
        db = shutil.copyfile(sound_database, folder / "offload.sqlite3")
        before = db.read_bytes()
        if disk:
            fill_disk(folder / "filler")
            limit = None
        else:
            limit = 0  # no file of the command may grow: the disk is full

        def no_growth() -> None:
            if limit is not None:
                import resource

                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        result = subprocess.run(
            [sys.executable, "-m", "desktop_app", "import-contractors", "--db", str(db),
             str(contacts)],
            capture_output=True, text=True, timeout=60, cwd=REPO, preexec_fn=no_growth,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, check=False,
        )  # fmt: skip
        assert result.returncode == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        # Opening already needs room (the lock file's content): said as such,
        # not as "cannot create the lock file".
        assert any(words in lines[0] for words in NO_ROOM), lines[0]
        assert "lock file" not in lines[0]
        assert db.read_bytes() == before


def test_a_read_only_database_opens_read_only_in_the_window_with_a_banner(sound_database):
    with damaged_files.shared_folder() as folder:
        db = damaged_files.read_only(sound_database, folder)
        report = _child("read-only", str(db), user=folder)
    assert report["read_only"] is True
    assert report["banner_visible"] is True
    assert report["banner"].startswith("Read-only: the file is read-only.")
    assert "(read-only)" in report["title"]
    for key in ("edit_message", "task_message"):
        assert "is read-only, so the change was not saved" in report[key], report[key]
    assert report["undo_count"] == 0
    assert report["unchanged"] is True


def test_a_read_only_folder_opens_the_database_read_only(sound_database):
    with damaged_files.shared_folder() as folder:
        inner = folder / "locked"
        inner.mkdir()
        db = shutil.copyfile(sound_database, inner / "offload.sqlite3")
        db.chmod(0o644)  # the file could be written, the folder cannot
        if os.geteuid() == 0:
            os.chown(db, damaged_files.NOBODY, damaged_files.NOBODY)
        inner.chmod(0o555)
        report = _child("read-only", str(db), user=folder)
    assert report["read_only"] is True
    assert f"its folder {inner} is read-only" in report["banner"]
    assert "is read-only, so the change was not saved" in report["edit_message"]
    assert report["unchanged"] is True


# Another program holding SQLite's write lock ----------------------------------------------


@pytest.fixture
def write_lock_held_elsewhere(sound_database, tmp_path) -> Iterator[tuple[Path, int]]:
    """A database whose write lock another process (a Python script, as a
    database browser would) holds until the test ends."""
    db = shutil.copyfile(sound_database, tmp_path / "offload.sqlite3")
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys\n"
         f"c = sqlite3.connect({str(db)!r}, isolation_level=None)\n"
         "c.execute('BEGIN IMMEDIATE')\n"
         "c.execute(\"INSERT INTO setting (key, value) VALUES ('held', 'yes')\")\n"
         "print('holding', flush=True)\n"
         "sys.stdin.read()\n"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout.readline().strip() == "holding"
    try:
        yield db, holder.pid
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)


def test_another_programs_write_lock_is_waited_for_then_named(
    write_lock_held_elsewhere, tmp_path, capsys, monkeypatch
):
    from desktop_app.models import base

    monkeypatch.setattr(base, "BUSY_TIMEOUT", 0.3)
    db, holder = write_lock_held_elsewhere
    contacts = tmp_path / "contacts.csv"
    contacts.write_text(CONTACTS, encoding="utf-8")
    assert main(["import-contractors", "--db", str(db), str(contacts)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert f"(process {holder})" in err
    assert "Close that program" in err
    assert "database is locked" not in err


@pytest.mark.qt_no_exception_capture
def test_the_window_names_the_program_holding_the_write_lock(
    write_lock_held_elsewhere, qtbot, monkeypatch, tmp_path
):
    from desktop_app.logging_setup import setup_logging
    from desktop_app.models import base
    from desktop_app.store import open_store
    from desktop_app.views.error_dialog import ErrorReporter
    from desktop_app.views.main_window import MainWindow
    from desktop_app.views.time_audit.commands import CreateTaskCommand
    from desktop_app.views.undo import execute

    monkeypatch.setattr(base, "BUSY_TIMEOUT", 0.3)
    db, holder = write_lock_held_elsewhere
    store = open_store(db)
    window = MainWindow(store, remember_layout=False)
    qtbot.addWidget(window)
    reporter = ErrorReporter(setup_logging(tmp_path))
    reporter.install()
    try:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, lambda: execute(CreateTaskCommand(window.ctx, "Answer e-mail")))
        qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
        assert f"(process {holder})" in reporter.dialog.text()
        assert "Something went wrong" not in reporter.dialog.text()
        assert window.undo_stack.count() == 0
        reporter.dialog.close()
    finally:
        reporter.uninstall()
        store.close()


# The log ------------------------------------------------------------------------------------------


def test_the_log_is_private_and_the_command_line_logs_its_errors(tmp_path):
    missing = tmp_path / "typo.sqlite3"
    result = run_offload("export-tasks", "--db", str(missing), str(tmp_path / "x.csv"))
    assert result.returncode == 1
    from desktop_app.paths import logs_dir

    log = logs_dir() / "offload.log"
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    text = log.read_text(encoding="utf-8")
    assert "offload export-tasks failed" in text
    assert "does not exist" in text


def test_a_log_left_readable_by_an_earlier_version_becomes_private(tmp_path):
    import logging

    from desktop_app.logging_setup import setup_logging

    old = tmp_path / "offload.log"
    old.write_text("old lines\n", encoding="utf-8")
    old.chmod(0o644)
    setup_logging(tmp_path)
    logging.getLogger("offload.test").warning("a line")
    assert stat.S_IMODE(old.stat().st_mode) == 0o600
