"""Long work runs in a worker with a connection of its own: imports and large
exports, with progress and Cancel, one transaction, one undo step; the app
never pumps the event loop from inside its own work (no processEvents)."""

from __future__ import annotations

import re
import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.models import contractors as bench
from desktop_app.models.briefs import ExpectationData, versions_of
from desktop_app.models.contractor_input import parse_contractor
from desktop_app.models.progress import Cancelled
from desktop_app.models.tasks import Task, TimeEntry
from desktop_app.store import Store
from desktop_app.views.partials.long_task import LongTask
from tests.conftest import REPO
from tests.dialogs import shown_dialog
from tests.test_time_audit_view import _write_toggl


class Writer:
    """Another program writing to the database: holds its write lock until released."""

    def __init__(self, path: Path) -> None:
        self.connection = sqlite3.connect(path, timeout=0, isolation_level=None)
        self.connection.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        self.connection.execute("COMMIT")
        self.connection.close()


def test_no_code_of_the_app_pumps_the_event_loop_itself():
    # processEvents from a progress callback let the owner re-enter the
    # window mid-import; long work runs in a worker instead.
    calls = [
        f"{path.relative_to(REPO)}:{number}"
        for path in sorted((REPO / "desktop_app").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"processEvents\s*\(", line)
    ]
    assert calls == []


def test_a_time_import_runs_beside_the_window_and_cancel_keeps_nothing(
    window, store: Store, tmp_path, qtbot
):
    page = window.show_tab("time_audit").page()
    dialog = page.open_import(_write_toggl(tmp_path))
    qtbot.waitExposed(dialog)
    writer = Writer(store.path)  # the import will wait for the database
    try:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        # The window's thread is free while the worker waits: the progress shows,
        # modal, so nothing can be edited under the import.
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None)
        work = shown_dialog(dialog, "longTaskDialog")
        assert QApplication.activeModalWidget() is work
        assert not dialog.import_button.isEnabled()
        qtbot.mouseClick(work.cancel_button, Qt.MouseButton.LeftButton)
        assert "Cancelling" in work.label.text()
        assert work.isVisible()  # until the worker has really stopped
    finally:
        writer.release()
    qtbot.waitUntil(lambda: "Import cancelled: nothing was imported." in dialog.summary.text())
    assert TimeEntry.select().count() == 0
    assert Task.select().count() == 0
    assert window.undo_stack.count() == 0
    assert dialog.isVisible() and dialog.import_button.isEnabled()
    assert QApplication.activeModalWidget() is not work

    # Imported again, it completes: one undo step, made on the worker's connection.
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert TimeEntry.select().count() == 3
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert TimeEntry.select().count() == 0


def test_a_contractor_import_cancelled_mid_way_keeps_nothing(window, store: Store, tmp_path, qtbot):
    page = window.show_tab("contractors").page()
    rows = "\n".join(f"Person {n},person{n}@example.com" for n in range(60))
    path = tmp_path / "bench.csv"
    path.write_text("Name,Email\n" + rows + "\n", encoding="utf-8")
    dialog = page.import_file(path)
    writer = Writer(store.path)
    try:
        task = dialog.run_import()
        work = shown_dialog(dialog, "longTaskDialog")
        task.cancel()
        assert not work.cancel_button.isEnabled()
    finally:
        writer.release()
    with qtbot.waitSignal(task.failed) as failed:
        pass
    assert isinstance(failed.args[0], Cancelled)
    assert "Import cancelled: nothing was imported." in dialog.summary.text()
    assert bench.contractor_rows() == []
    assert window.undo_stack.count() == 0


def test_the_progress_shows_as_the_work_reports_it(window, store: Store, qtbot):
    gate = threading.Event()
    threads = []

    def work(progress):
        threads.append(threading.current_thread())
        progress(1, 4)
        gate.wait(timeout=30)
        progress(4, 4)
        # The worker's own connection reads the same store.
        return bench.create_contractor(parse_contractor({"name": "Ana"}))

    task = LongTask(store, window, "Working", "Doing it…", work)
    task.start()
    bar = task.dialog.bar
    qtbot.waitUntil(lambda: bar.maximum() == 4 and bar.value() == 1)
    with qtbot.waitSignal(task.succeeded) as done:
        gate.set()
    assert threads[0] is not threading.main_thread()
    assert [row.name for row in bench.contractor_rows()] == ["Ana"]
    assert done.args[0] == bench.contractor_rows()[0].id


def test_a_bug_in_the_work_reaches_the_error_dialog_not_a_silent_failure(
    window, store: Store, qtbot
):
    def work(progress):
        raise RuntimeError("a bug")

    task = LongTask(store, window, "Working", "Doing it…", work)
    failed = []
    task.failed.connect(failed.append)
    with qtbot.captureExceptions() as exceptions, qtbot.waitSignal(task.finished):
        task.start()
    assert [str(error) for _, error, _ in exceptions] == ["a bug"]
    assert failed == []


def test_the_windows_thread_cannot_take_a_worker_connection(store: Store):
    with pytest.raises(RuntimeError, match="worker threads only"), store.worker_connection():
        pass


def _long_brief_page(window, qtbot):
    from tests.test_briefs_actions import _brief, _page

    expectations = [
        ExpectationData(f"Expectation number {n} of a long brief", "should", "Checked weekly")
        for n in range(1, 201)
    ]
    brief_id = _brief(title="Long brief", expectations=expectations)
    return brief_id, _page(window, qtbot, brief_id)


def test_a_long_brief_exports_in_a_worker_and_keeps_its_version(window, qtbot, tmp_path):
    brief_id, page = _long_brief_page(window, qtbot)
    task = page.export_to(tmp_path / "long")
    assert isinstance(task, LongTask)
    with qtbot.waitSignal(task.finished, timeout=60_000):
        pass
    assert (tmp_path / "long.pdf").exists()
    assert "Exported “Long brief” (" in page.status.text()
    assert [v.exported_to for v in versions_of(brief_id)] == [str(tmp_path / "long.pdf")]
    assert window.undo_stack.count() == 1


def test_a_cancelled_export_writes_no_file_and_keeps_no_version(window, qtbot, tmp_path):
    brief_id, page = _long_brief_page(window, qtbot)
    out = tmp_path / "out"
    out.mkdir()
    old = out / "long.pdf"
    old.write_bytes(b"%PDF- an earlier export")
    task = page.export_to(old)
    task.cancel()  # before the first page is laid out
    with qtbot.waitSignal(task.failed, timeout=60_000) as failed:
        pass
    assert isinstance(failed.args[0], Cancelled)
    assert (
        page.status.text() == "Export cancelled: long.pdf was not written. The brief is unchanged."
    )
    assert old.read_bytes() == b"%PDF- an earlier export"
    assert sorted(out.iterdir()) == [old]  # no partial file left beside it
    assert versions_of(brief_id) == []
    assert window.undo_stack.count() == 0
