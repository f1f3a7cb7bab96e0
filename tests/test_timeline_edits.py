"""Check-ins and feedback are changed where they are seen: the timeline opens an
entry in the form that added it, and the change is one undoable edit."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from desktop_app.models.engagements import (
    CheckIn,
    Feedback,
    check_ins_of,
    feedback_of,
    update_check_in,
    update_feedback,
    write_check_in_values,
)
from desktop_app.models.errors import ValidationError
from tests.dialogs import shown_dialog
from tests.engagement_helpers import engagement, feedback, report

TODAY = date.today()
TODAY_FOLLOWS_THE_CLOCK = True  # conftest.py sets TODAY as each test starts


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


@pytest.fixture
def ana(store):
    engagement_id = engagement(ago(60), contractor_name="Ana Souza", title="Bookkeeping")
    report(engagement_id, ago(5), summary="Reconciled October")
    feedback(engagement_id, ago(3), 4)
    return engagement_id


def _open(window, qtbot, engagement_id):
    page = window.show_tab("engagements").page()
    window.navigate("engagements", ("engagement", engagement_id))
    assert page.selected_id() == engagement_id
    return page


def _double_click(page, qtbot, row, name):
    view = page.detail.timeline_view
    page.detail.tabs.setCurrentIndex(0)
    qtbot.waitUntil(view.isVisible)
    rect = view.visualRect(page.detail.timeline.index(row, 2))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = shown_dialog(page, name)
    qtbot.waitExposed(dialog)
    return dialog


def test_a_check_in_is_edited_from_the_timeline_and_undone(window, qtbot, ana):
    page = _open(window, qtbot, ana)
    assert page.detail.timeline.row_at(1).summary == "Reconciled October"
    # Newest first: the feedback, then the report.
    dialog = _double_click(page, qtbot, 1, "editCheckInDialog")
    form = dialog.form
    assert form.summary.toPlainText() == "Reconciled October"
    assert form.add_button.text().replace("&", "") == "Save changes"

    # The same check as when adding: an empty summary is refused under its field.
    form.summary.setPlainText("   ")
    qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
    assert "Write a line" in form.errors.message("summary")
    assert dialog.isVisible() and window.undo_stack.count() == 0

    form.summary.setPlainText("Reconciled October and November")
    form.state.setCurrentIndex(form.state.findData("at_risk"))
    qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    [stored] = check_ins_of(ana)
    assert (stored.summary, stored.state) == ("Reconciled October and November", "at_risk")
    assert CheckIn.select().count() == 1  # changed, not added
    assert page.detail.timeline.row_at(1).summary == "Reconciled October and November"
    assert window.undo_stack.undoText() == "Edit check-in"
    assert "changed" in page.status.text()
    window.undo_stack.undo()
    [stored] = check_ins_of(ana)
    assert (stored.summary, stored.state) == ("Reconciled October", "on_track")
    assert page.detail.timeline.row_at(1).summary == "Reconciled October"
    window.undo_stack.redo()
    assert check_ins_of(ana)[0].summary == "Reconciled October and November"


def test_feedback_is_edited_from_the_context_menu_and_cancel_changes_nothing(window, qtbot, ana):
    page = _open(window, qtbot, ana)
    view = page.detail.timeline_view
    view.setCurrentIndex(page.detail.timeline.index(0, 0))
    assert page.detail.edit_entry_action in view.actions()
    page.detail.edit_entry_action.trigger()
    dialog = shown_dialog(page, "editFeedbackDialog")
    qtbot.waitExposed(dialog)
    assert dialog.objectName() == "editFeedbackDialog"
    form = dialog.form
    assert form.confidence.value() == 4
    form.deliverable.setText("Changed and cancelled")
    dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    assert feedback_of(ana)[0].deliverable == f"Work of {ago(3):%d %b}"

    page.detail.edit_entry_action.trigger()
    dialog = shown_dialog(page, "editFeedbackDialog")
    form = dialog.form
    assert form.deliverable.text() == f"Work of {ago(3):%d %b}"  # the stored value again
    form.confidence.setValue(2)
    form.on_time.setChecked(False)
    form.date.setDate(form.date.date().addDays(-100))  # before the engagement started
    qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
    assert "before the engagement started" in form.errors.message("date")
    form.date.setDate(form.date.date().addDays(99))
    qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    [stored] = feedback_of(ana)
    assert (stored.confidence, stored.on_time, stored.day) == (2, False, ago(4))
    assert Feedback.select().count() == 1
    # The scorecard and the trend read the changed score.
    assert page.selected_row().trend.latest == 2
    window.undo_stack.undo()
    [stored] = feedback_of(ana)
    assert (stored.confidence, stored.on_time, stored.day) == (4, True, ago(3))
    assert page.selected_row().trend.latest == 4


def test_without_a_selection_the_edit_says_what_to_do(window, qtbot, ana):
    page = _open(window, qtbot, ana)
    page.detail.timeline_view.setCurrentIndex(page.detail.timeline.index(-1, -1))
    assert page.edit_timeline_entry() is None
    assert "Select a check-in" in page.status.text()


def test_the_model_checks_an_edit_as_it_checks_a_new_entry(ana):
    [check_in] = check_ins_of(ana)
    with pytest.raises(ValidationError, match="before the engagement started") as refused:
        update_check_in(
            check_in.id, ago(100), initiated_by="contractor", kind="report", summary="x",
            state=None, blockers="",
        )  # fmt: skip
    assert refused.value.field == "date"
    [entry] = feedback_of(ana)
    with pytest.raises(ValidationError, match="from 1 to 5"):
        update_feedback(
            entry.id, ago(1), deliverable="x", on_time=True, quality=9, communication=3,
            confidence=3, good="", not_good="",
        )  # fmt: skip
    assert check_ins_of(ana) == [check_in] and feedback_of(ana) == [entry]

    previous = update_check_in(
        check_in.id, ago(2), initiated_by="owner", kind="report", summary=" Asked ",
        state="off_track", blockers=" VAT ",
    )  # fmt: skip
    [changed] = check_ins_of(ana)
    assert (changed.day, changed.summary, changed.blockers) == (ago(2), "Asked", "VAT")
    write_check_in_values(check_in.id, previous)
    assert check_ins_of(ana) == [check_in]
