"""Issue 10 in the window: exports that never replace a database, a damaged
file on opening, File > Restore from backup…, and Help > About."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from desktop_app.backup import Reason, automatic_backup
from desktop_app.demo import fill_demo_data
from desktop_app.models.errors import UserError
from desktop_app.store import StoreError
from desktop_app.views.restore_dialog import RestoreDialog
from desktop_app.views.time_audit.commands import CreateTaskCommand
from desktop_app.views.undo import execute
from tests import damaged_files
from tests.dialogs import shown_dialog


def _tasks(db: Path) -> int:
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return connection.execute("SELECT count(*) FROM task").fetchone()[0]
    finally:
        connection.close()


def answer_modal(qtbot, respond) -> list[str]:
    """Answer the next modal dialogs as the owner would: `respond(box)` clicks
    something in each, until it returns False. Returns the texts seen."""
    seen: list[str] = []

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, poll)
            return
        seen.append(box.text() if isinstance(box, QMessageBox) else box.objectName())
        if respond(box):
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def click(box: QMessageBox, text: str) -> None:
    [button] = [b for b in box.buttons() if b.text() == text]
    button.click()


# Exports ------------------------------------------------------------------------------------


def test_the_window_refuses_to_export_over_a_database(window, tmp_path, qtbot):
    other = tmp_path / "other.sqlite3"
    shutil.copyfile(window.ctx.store.path, other)
    alias = tmp_path / "tasks.csv"
    alias.symlink_to(window.ctx.store.path)
    page = window.show_tab("time_audit").page()
    for target in (other, alias):
        before = target.read_bytes()
        assert page.export_tasks(target) is False
        box = shown_dialog(page, "timeAuditWarning")
        qtbot.waitExposed(box)
        assert "an export never replaces a database" in box.text()
        box.close()
        assert target.read_bytes() == before


def test_a_backup_never_replaces_the_open_database(window, tmp_path):
    before = window.ctx.store.path.read_bytes()
    with pytest.raises(StoreError, match="is the database itself"):
        window.back_up_database(window.ctx.store.path)
    assert window.ctx.store.path.read_bytes() == before

    from desktop_app.store import open_store

    elsewhere = tmp_path / "elsewhere.sqlite3"
    open_store(elsewhere).close()
    held = open_store(elsewhere)  # rebinds; the window's store stays open
    try:
        with pytest.raises(UserError, match="open in Offload"):
            window.back_up_database(elsewhere)
    finally:
        held.close()
        from desktop_app.models.base import database

        database.initialize(window.ctx.store.db)


# A damaged database -------------------------------------------------------------------------


@pytest.fixture
def damaged_with_backup(tmp_path) -> tuple[Path, Path]:
    """A database with a good daily backup, then a page overwritten."""
    from desktop_app.models.base import database
    from desktop_app.store import open_store

    db = tmp_path / "owner" / "offload.sqlite3"
    window_database = database.obj
    store = open_store(db)
    fill_demo_data()
    store.close()
    database.initialize(window_database)  # the window's, when a test has one
    good = automatic_backup(db, Reason.DAILY)
    sound = db.read_bytes()
    damaged = damaged_files.overwritten_page(db, tmp_path)
    shutil.copyfile(damaged, db)
    assert db.read_bytes() != sound
    return db, good


def test_a_damaged_database_at_start_is_never_opened_unasked(damaged_with_backup, qtbot):
    from desktop_app.app import run_gui

    db, _good = damaged_with_backup
    before = db.read_bytes()

    def cancel(box: QMessageBox) -> bool:
        box.reject()
        return False

    seen = answer_modal(qtbot, cancel)
    assert run_gui(database_path=db) == 1
    assert "is damaged" in seen[0]
    assert "The newest backup that passes the check was taken" in seen[0]
    assert db.read_bytes() == before


def test_the_window_checks_a_database_beside_its_start_up_and_hears_of_damage(
    damaged_with_backup,
):
    """The window's start-up (issue 13) leaves SQLite's check to a thread
    while it builds itself; the damage is raised before anything is shown."""
    from desktop_app.store import DatabaseDamaged, open_store

    db, _good = damaged_with_backup
    before = db.read_bytes()
    store = open_store(db, check_later=True)  # today's copy exists: checked beside
    try:
        with pytest.raises(DatabaseDamaged, match="is damaged"):
            store.wait_for_check()
        store.wait_for_check()  # said once
    finally:
        store.close()
    assert db.read_bytes() == before


def test_a_damaged_database_is_checked_before_the_days_copy_even_at_start(
    damaged_with_backup,
):
    from desktop_app.store import DatabaseDamaged, open_store

    db, good = damaged_with_backup
    good.unlink()  # no copy today: one is due, and a damaged file is never copied
    before = db.read_bytes()
    with pytest.raises(DatabaseDamaged, match="is damaged"):
        open_store(db, check_later=True)
    assert list((db.parent / "backups").glob("*.sqlite3")) == []
    assert db.read_bytes() == before


def test_a_sound_database_checked_beside_the_start_up_opens(tmp_path):
    from desktop_app.store import open_store

    db = tmp_path / "offload.sqlite3"
    open_store(db).close()
    automatic_backup(db, Reason.DAILY)
    store = open_store(db, check_later=True)
    try:
        store.wait_for_check()
        assert _tasks(db) == 0
    finally:
        store.close()


def test_opening_a_damaged_database_offers_to_restore_the_newest_good_backup(
    window, damaged_with_backup, qtbot
):
    db, good = damaged_with_backup
    damaged_bytes = db.read_bytes()

    def restore(box: QMessageBox) -> bool:
        click(box, "Restore that backup")
        return False

    seen = answer_modal(qtbot, restore)
    assert window.open_database(db)
    assert "is damaged" in seen[0]
    assert window.ctx.store.path == db.resolve()
    assert not window.ctx.store.read_only
    assert _tasks(db) == _tasks(good)
    kept = list((db.parent / "backups").glob("*before-restore-damaged.sqlite3"))
    assert [k.read_bytes() for k in kept] == [damaged_bytes]


@pytest.mark.qt_no_exception_capture
def test_a_damaged_database_can_be_looked_at_read_only(
    window, damaged_with_backup, qtbot, tmp_path
):
    from desktop_app.logging_setup import setup_logging
    from desktop_app.views.error_dialog import ErrorReporter

    db, _good = damaged_with_backup
    before = db.read_bytes()
    reporter = ErrorReporter(setup_logging(tmp_path))
    reporter.install()

    def read_only(box: QMessageBox) -> bool:
        click(box, "Open read-only")
        return False

    try:
        answer_modal(qtbot, read_only)
        assert window.open_database(db)
        assert window.ctx.store.read_only
        assert window.read_only_banner.isVisible()
        assert "it is damaged" in window.read_only_banner.text()
        # What cannot be read any more is said plainly, not as a bug.
        qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
        assert "is damaged" in reporter.dialog.text()
        assert "Something went wrong" not in reporter.dialog.text()
        reporter.dialog.close()
    finally:
        reporter.uninstall()
    assert db.read_bytes() == before


# File > Restore from backup… -------------------------------------------------------------------


def test_restore_from_backup_lists_what_each_holds_and_restores_keeping_the_current_file(
    window, qtbot
):
    fill_demo_data()
    db = window.ctx.store.path
    backup = automatic_backup(db, Reason.DAILY)
    execute(CreateTaskCommand(window.ctx, "Reconcile the shop's payouts"))
    assert window.undo_stack.count() == 1
    added = _tasks(db)
    listed: list[list[str]] = []

    def respond(box) -> bool:
        if isinstance(box, RestoreDialog):
            model = box.model
            listed.extend(
                [model.index(row, col).data() for col in range(model.columnCount())]
                for row in range(model.rowCount())
            )
            box.restore_button.click()
            return True
        click(box, "Restore")
        return False

    seen = answer_modal(qtbot, respond)
    window.choose_and_restore()
    assert seen[0] == "restoreDialog"
    assert "Replace offload.sqlite3" in seen[1]
    [row] = listed
    assert row[1] == "Daily"
    assert row[3] == str(_tasks(backup))
    assert row[4] != "—" and row[5] != "—" and row[6] != "—"
    assert row[7] == "Passes the check"
    # Restored, with the file it replaced kept, an empty undo history, a fresh view.
    assert _tasks(db) == added - 1
    assert window.undo_stack.count() == 0
    [kept] = (db.parent / "backups").glob("*before-restore.sqlite3")
    assert _tasks(kept) == added
    assert "Restored offload.sqlite3" in window.statusBar().currentMessage()
    assert not window.read_only_banner.isVisible()


def test_the_restore_dialog_says_what_to_do_when_there_are_no_backups(window, qtbot):
    dialog = RestoreDialog(window.ctx.store.path, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.empty_label.isVisible()
    assert "No backups yet" in dialog.empty_label.text()
    assert not dialog.restore_button.isEnabled()


# Help > About ----------------------------------------------------------------------------------


class _UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_about_says_where_the_data_and_backups_are_and_opens_the_folder(window, qtbot):
    catcher = _UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        box = window.show_about()
        qtbot.waitExposed(box)
        folder = window.ctx.store.path.parent
        assert str(window.ctx.store.path) in box.text()
        assert str(folder / "backups") in box.text()
        button = box.findChild(QPushButton, "aboutOpenFolder")
        button.click()
        assert [url.toLocalFile() for url in catcher.urls] == [str(folder)]
    finally:
        QDesktopServices.unsetUrlHandler("file")
