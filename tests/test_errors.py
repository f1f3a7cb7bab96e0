import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from desktop_app.logging_setup import setup_logging
from desktop_app.models.errors import UserError
from desktop_app.views.error_dialog import ErrorReporter


@pytest.fixture
def reporter(tmp_path):
    log_path = setup_logging(tmp_path)
    reporter = ErrorReporter(log_path)
    reporter.install()
    yield reporter
    reporter.uninstall()
    if reporter.dialog is not None:
        reporter.dialog.close()


@pytest.mark.qt_no_exception_capture
def test_a_bug_in_a_slot_is_logged_and_shown_and_the_app_keeps_running(window, qtbot, reporter):
    def broken_slot():
        raise RuntimeError("boom in a slot")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    box = reporter.dialog
    assert box.icon() == QMessageBox.Icon.Critical
    assert "Everything you saved before is safe" in box.text()
    assert "boom in a slot" in box.detailedText()
    assert "boom in a slot" in reporter.log_path.read_text()
    box.close()
    # Still alive: the window answers.
    window.show_tab("briefs")
    assert window.tabs.currentWidget().spec.key == "briefs"


@pytest.mark.qt_no_exception_capture
def test_a_known_error_is_shown_as_its_message(window, qtbot, reporter):
    def refusing_slot():
        raise UserError("That file is not a Toggl export.")

    QTimer.singleShot(0, refusing_slot)
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert reporter.dialog.text() == "That file is not a Toggl export."
    assert reporter.dialog.icon() == QMessageBox.Icon.Warning


@pytest.mark.qt_no_exception_capture
def test_a_repeating_error_shows_one_dialog(window, qtbot, reporter):
    def broken_slot():
        raise RuntimeError("again")

    for _ in range(5):
        QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: reporter.log_path.read_text().count("again") >= 5)
    dialogs = [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    assert len(dialogs) == 1
