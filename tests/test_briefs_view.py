"""The Briefs tab, driven as the owner drives it."""

from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import Qt

from desktop_app.models.briefs import (
    BriefData,
    BriefTask,
    ExpectationData,
    brief_exists,
    create_brief,
    expectations_of,
    load_brief,
)
from desktop_app.models.tasks import Task
from tests.dialogs import shown_dialog


def _brief(count=5, **fields):
    data = BriefData(
        title=fields.pop("title", "Monthly bookkeeping"),
        expectations=[
            ExpectationData(f"Expectation {n}", "should", f"Measure {n}") for n in range(count)
        ],
        **fields,
    )
    return create_brief(data)


def _page(window, qtbot, brief_id=None):
    page = window.show_tab("briefs").page()
    if brief_id is not None:
        page.open_target(("brief", brief_id))
        assert page.current_brief_id == brief_id
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return page


def _texts(brief_id):
    return [row.text for row in expectations_of(brief_id)]


def _type(qtbot, widget, text):
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def _ctrl(qtbot, widget, key, shift=False):
    modifiers = Qt.KeyboardModifier.ControlModifier
    if shift:
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(widget, key, modifiers)


# Empty state and creating briefs ----------------------------------------------------


def test_an_empty_database_says_what_to_do_and_offers_a_new_brief(window, qtbot):
    page = _page(window, qtbot)
    assert page.stack.currentWidget() is page.empty
    assert "template" in page.empty.text_label.text()
    qtbot.mouseClick(page.empty.button, Qt.MouseButton.LeftButton)
    dialog = shown_dialog(page, "newBriefDialog")
    qtbot.waitExposed(dialog)
    names = [
        dialog.template_model.index(r, 0).data() for r in range(dialog.template_model.rowCount())
    ]
    assert names[0] == "Blank brief"
    assert len(names) >= 7
    dialog.reject()


def test_a_new_brief_from_a_template_is_one_undoable_edit(window, qtbot):
    page = _page(window, qtbot)
    dialog = page.new_brief()
    qtbot.waitExposed(dialog)
    _type(qtbot, dialog.title_edit, "Books for the shop")
    assert dialog.select_template("Monthly bookkeeping")
    assert "Reconcile every account" in dialog.preview.toPlainText()
    dialog.accept()
    brief_id = page.current_brief_id
    data = load_brief(brief_id)
    assert data.title == "Books for the shop"
    assert len(data.expectations) == 11
    assert data.status == "draft"
    assert page.stack.currentWidget() is page.splitter
    assert page.editor.fields["title"].value() == "Books for the shop"
    # The clarity check already says what the template cannot know.
    assert [f.rule for f in page.clarity.findings()] == ["missing_budget"]

    window.undo_stack.undo()
    assert not brief_exists(brief_id)
    assert page.stack.currentWidget() is page.empty
    window.undo_stack.redo()
    assert _texts(brief_id)[0].startswith("Categorise every transaction")
    assert page.current_brief_id == brief_id


def test_an_empty_title_is_refused_in_the_dialog(window, qtbot):
    page = _page(window, qtbot)
    dialog = page.new_brief()
    qtbot.waitExposed(dialog)
    dialog.title_edit.clear()
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.title_error.text() == "A brief needs a title."
    assert window.undo_stack.count() == 0
    dialog.reject()


def test_new_brief_for_a_time_audit_task_links_it_and_picks_the_template(window, qtbot):
    task = Task.create(name="Social media posts", name_key="social media posts", status="candidate")
    page = _page(window, qtbot)
    window.ctx.navigate_requested.emit("briefs", ("new_for_task", task.id))
    dialog = shown_dialog(page, "newBriefDialog")
    qtbot.waitExposed(dialog)
    assert dialog.title_edit.text() == "Social media posts"
    assert dialog.task_combo.currentData() == task.id
    assert dialog.selected_template().name == "Social media management"
    dialog.accept()
    brief_id = page.current_brief_id
    assert load_brief(brief_id).tasks == ["Social media posts"]
    assert BriefTask.get().task_id == task.id
    assert "Social media posts" in page.editor.tasks_label.text()


def test_the_template_follows_the_title_until_the_owner_picks_one(window, qtbot):
    page = _page(window, qtbot)
    dialog = page.new_brief()
    qtbot.waitExposed(dialog)
    _type(qtbot, dialog.title_edit, "Website maintenance for the shop")
    assert dialog.selected_template().name == "Website maintenance"
    dialog.select_template("Blog articles")
    _type(qtbot, dialog.title_edit, " bookkeeping")
    assert dialog.selected_template().name == "Blog articles"
    dialog.reject()


# Typing in fields -------------------------------------------------------------------


def test_typing_is_stored_at_once_and_undone_in_one_step(window, qtbot):
    brief_id = _brief()
    page = _page(window, qtbot, brief_id)
    summary = page.editor.fields["summary"].input
    _type(qtbot, summary, "We sell planners.")
    assert load_brief(brief_id).summary == "We sell planners."
    assert window.undo_stack.count() == 1
    assert window.undo_stack.undoText() == "Edit the job and its context"

    _ctrl(qtbot, summary, Qt.Key.Key_Z)  # in the field: the app's undo, not the widget's
    assert load_brief(brief_id).summary == ""
    assert summary.toPlainText() == ""
    _ctrl(qtbot, summary, Qt.Key.Key_Z, shift=True)
    assert load_brief(brief_id).summary == "We sell planners."
    assert summary.toPlainText() == "We sell planners."


def test_leaving_a_field_starts_a_new_undo_step(window, qtbot):
    brief_id = _brief()
    page = _page(window, qtbot, brief_id)
    summary = page.editor.fields["summary"].input
    deliverables = page.editor.fields["deliverables"].input
    _type(qtbot, summary, "First.")
    _type(qtbot, deliverables, "P&L, PDF")
    _type(qtbot, summary, " Second.")
    assert window.undo_stack.count() == 3
    window.undo_stack.undo()
    assert load_brief(brief_id).summary == "First."
    assert load_brief(brief_id).deliverables == "P&L, PDF"


def test_nothing_typed_is_lost_when_switching_briefs(window, qtbot):
    first, second = _brief(title="First"), _brief(title="Second")
    page = _page(window, qtbot, first)
    _type(qtbot, page.editor.fields["ask_first"].input, "Refunds over 50")
    page.open_target(("brief", second))
    assert page.editor.fields["ask_first"].value() == ""
    assert load_brief(first).ask_first == "Refunds over 50"
    page.open_target(("brief", first))
    assert page.editor.fields["ask_first"].value() == "Refunds over 50"


def test_an_empty_title_is_refused_and_the_stored_title_kept(window, qtbot):
    brief_id = _brief(title="Keep me")
    page = _page(window, qtbot, brief_id)
    field = page.editor.fields["title"]
    field.input.setFocus()
    field.input.selectAll()
    qtbot.keyClick(field.input, Qt.Key.Key_Delete)
    assert field.message.isVisible()
    assert "A brief needs a title." in field.message.text()
    assert load_brief(brief_id).title == "Keep me"
    qtbot.keyClicks(field.input, "New title")
    assert not field.message.isVisible()
    assert load_brief(brief_id).title == "New title"


def test_a_budget_below_zero_is_refused_with_a_message(window, qtbot):
    brief_id = _brief(budget=Decimal("400"))
    page = _page(window, qtbot, brief_id)
    page.editor.focus_field("budget")
    field = page.editor.fields["budget"]
    field.input.setFocus()
    field.input.selectAll()
    qtbot.keyClicks(field.input, "-50")
    assert "cannot be below zero" in field.message.text()
    assert load_brief(brief_id).budget == Decimal("400.00")
    field.input.selectAll()
    qtbot.keyClicks(field.input, "1 250,50")
    assert load_brief(brief_id).budget == Decimal("1250.50")
    assert not field.message.isVisible()
    # Typing on was not interrupted by the stored value being shown back.
    assert field.input.text() == "1 250,50"


def test_a_past_deadline_is_kept_with_a_warning(window, qtbot):
    brief_id = _brief()
    page = _page(window, qtbot, brief_id)
    page.editor.focus_field("deadline")
    field = page.editor.fields["deadline"]
    past = date.today() - timedelta(days=3)
    field.input.setDate(past)
    assert load_brief(brief_id).deadline == past
    assert field.message.isVisible()
    assert "already passed" in field.message.text()
    assert "deadline_passed" in [f.rule for f in page.clarity.findings()]
    field.input.setDate(date.today() + timedelta(days=30))
    assert not field.message.isVisible()


def test_status_and_delegation_are_single_undo_steps(window, qtbot):
    brief_id = _brief()
    page = _page(window, qtbot, brief_id)
    status = page.editor.fields["status"].input
    status.setCurrentIndex(status.findData("final"))
    status.setCurrentIndex(status.findData("posted"))
    assert load_brief(brief_id).status == "posted"
    assert window.undo_stack.count() == 2
    window.undo_stack.undo()
    assert load_brief(brief_id).status == "final"
    assert page.editor.fields["status"].value() == "final"


def test_undo_from_another_tab_shows_the_brief_it_changed(window, qtbot):
    first, second = _brief(title="First"), _brief(title="Second")
    page = _page(window, qtbot, first)
    _type(qtbot, page.editor.fields["skills"].input, "Xero")
    page.open_target(("brief", second))
    window.show_tab("overview")
    window.undo_stack.undo()
    assert window.tabs.currentWidget() is window.tab("briefs")
    assert page.current_brief_id == first
    assert load_brief(first).skills == ""


def test_the_wheel_over_a_choice_not_being_edited_leaves_it_alone(window, qtbot):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    brief_id = _brief()
    page = _page(window, qtbot, brief_id)
    page.editor.focus_field("summary")
    combo = page.editor.fields["status"].input
    assert not combo.hasFocus()
    center = QPointF(combo.rect().center())
    wheel = QWheelEvent(
        center, QPointF(combo.mapToGlobal(center.toPoint())), QPoint(0, 0), QPoint(0, -120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
        False,
    )  # fmt: skip
    QApplication.sendEvent(combo, wheel)
    assert combo.currentData() == "draft"
    assert load_brief(brief_id).status == "draft"
    assert window.undo_stack.count() == 0
