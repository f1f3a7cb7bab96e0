"""One way to show feedback: every message under a field is the same kind of
line, in the same tone, gone as soon as the value it is about is edited; a
refused edit is said in the tab, never in a box to dismiss; a dialog grows or
scrolls so that no message is cut."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop_app.models import contractors as bench
from desktop_app.views.partials.feedback import MessageLine
from desktop_app.views.partials.tones import ALERT, tone_color
from tests.engagement_helpers import brief, contractor, engagement
from tests.test_contractors_view import type_into


def _ok(qtbot, buttons: QDialogButtonBox) -> None:
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _is_alert(line: MessageLine) -> bool:
    colour = line.palette().color(QPalette.ColorRole.WindowText)
    return isinstance(line, MessageLine) and colour == tone_color(ALERT) and line.kind == "error"


def test_a_contractor_field_message_goes_when_the_field_is_edited(window, qtbot):
    page = window.show_tab("contractors").page()
    dialog = page.new_contractor()
    qtbot.waitExposed(dialog)
    type_into(qtbot, dialog.editors["name"], "Bo")
    type_into(qtbot, dialog.editors["email"], "bo@nowhere")
    type_into(qtbot, dialog.editors["rate"], "-20")
    _ok(qtbot, dialog.buttons)
    email, rate = dialog.errors.labels["email"], dialog.errors.labels["rate"]
    assert email.isVisible() and _is_alert(email)
    assert rate.isVisible() and _is_alert(rate)

    type_into(qtbot, dialog.editors["email"], "bo@example.com")

    # The message about the e-mail address goes with the address it was about;
    # the rate, not yet fixed, keeps its message.
    assert not email.isVisible() and email.message() == ""
    assert rate.isVisible() and "cannot be below zero" in rate.text()
    dialog.reject()


def test_settings_and_new_brief_messages_go_when_the_value_is_fixed(window, qtbot):
    settings = window.open_settings()
    qtbot.waitExposed(settings)
    type_into(qtbot, settings.editors["hourly_value"], "a lot")
    _ok(qtbot, settings.findChild(QDialogButtonBox, "settingsButtons"))
    line = settings.errors.labels["hourly_value"]
    assert line.isVisible() and _is_alert(line)
    type_into(qtbot, settings.editors["hourly_value"], "80")
    assert not line.isVisible()
    settings.reject()

    briefs = window.show_tab("briefs").page()
    dialog = briefs.new_brief()
    qtbot.waitExposed(dialog)
    type_into(qtbot, dialog.title_edit, "")
    dialog.accept()
    assert dialog.title_error.message() == "A brief needs a title." and _is_alert(
        dialog.title_error
    )
    qtbot.keyClicks(dialog.title_edit, "Bookkeeping")
    assert dialog.title_error.message() == ""
    dialog.reject()


def test_a_check_in_date_message_goes_when_the_date_is_changed(window, qtbot):
    start = (date.today() - timedelta(days=40)).replace(day=10)  # mid-month: Up steps the day
    engagement_id = engagement(start)
    page = window.show_tab("engagements").page()
    page.open_target(("engagement", engagement_id))
    form = page.detail.check_in_form
    page.detail.tabs.setCurrentWidget(form)
    form.date.setDate(QDate(start.year, start.month, start.day).addDays(-1))
    qtbot.keyClicks(form.summary, "Too early")
    qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
    line = form.errors.labels["date"]
    assert line.isVisible() and _is_alert(line)

    # The day, one up: the start itself.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    form.date.setFocus()
    qtbot.keyClick(form.date, Qt.Key.Key_Up)
    assert form.date.date() == QDate(start.year, start.month, start.day)

    assert not line.isVisible()


def test_a_refused_contractor_edit_is_said_in_the_tab_without_a_box(window, qtbot):
    ana = contractor("Ana Souza", stage="contacted")
    page = window.show_tab("contractors").page()
    page.refresh()
    page.select_ids([ana])
    # Someone else (another window on the same file) deletes her meanwhile.
    bench.Contractor.delete_by_id(ana)

    assert not page.move_to_stage(ana, bench.Stage.INTERVIEWING)

    assert QApplication.activeModalWidget() is None
    assert page.status.kind == "error" and _is_alert(page.status)
    assert page.status.isVisible() and page.status.text()


@pytest.mark.parametrize("size", [(1280, 800), (1280, 720)])
def test_the_contractor_dialog_shows_every_message_whole(window, qtbot, size):
    window.resize(*size)
    page = window.show_tab("contractors").page()
    dialog = page.new_contractor()
    qtbot.waitExposed(dialog)
    for key, text in (
        ("name", ""),
        ("email", "not an email"),
        ("phone", "abc"),
        ("website", "exa mple"),
        ("rate", "-5"),
        ("timezone", "Mars/Olympus"),
        ("rating", "9"),
        ("currency", "QQQ"),
    ):
        type_into(qtbot, dialog.editors[key], text)
    _ok(qtbot, dialog.buttons)
    shown = [line for line in dialog.errors.labels.values() if line.isVisible()]
    assert len(shown) >= 7
    for line in shown:
        # Tall enough for every wrapped line of its message: nothing is cut.
        assert line.height() >= line.heightForWidth(line.width()), line.text()
    # The fields scroll above the buttons; none slides under them.
    buttons_top = dialog.buttons.mapTo(dialog, dialog.buttons.rect().topLeft()).y()
    scroll_bottom = dialog.scroll_area.geometry().bottom()
    assert scroll_bottom < buttons_top
    notes = dialog.editors["notes"]
    assert notes.height() >= notes.minimumHeight() >= 60
    # The dialog stays on the screen.
    screen = dialog.screen().availableGeometry()
    assert screen.contains(dialog.frameGeometry())
    # Reaching the notes scrolls them into view, under the other fields.
    dialog.scroll_area.ensureWidgetVisible(notes)
    top = notes.mapTo(dialog.scroll_area.viewport(), notes.rect().topLeft()).y()
    assert 0 <= top < dialog.scroll_area.viewport().height()
    dialog.reject()


def test_a_hire_dialog_message_goes_when_the_choice_is_made(window, qtbot):
    brief("Monthly bookkeeping")
    contractor("Ana Souza")
    contractor("Ben Okafor", email="ben@example.com")
    page = window.show_tab("engagements").page()
    dialog = page.open_hire_dialog()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.hire_button, Qt.MouseButton.LeftButton)
    line = dialog.errors.labels["contractor"]
    assert line.isVisible() and _is_alert(line)
    dialog.contractor.setFocus()
    qtbot.keyClick(dialog.contractor, Qt.Key.Key_Down)  # picks the first on the list
    assert dialog.contractor.currentIndex() == 0
    assert not line.isVisible()
    dialog.reject()
