"""The questions log through the window: log, answer, fold into each of the
three targets in two clicks, the earlier answer offered, the Overview."""

from datetime import date

from PySide6.QtCore import Qt

from desktop_app.models.briefs import BriefTask, expectations_of, load_brief
from desktop_app.models.procedures import load_procedure, procedure_id_for_task
from desktop_app.models.questions import add_question, questions_of
from desktop_app.models.tasks import create_task
from tests import engagement_helpers as make

ANSWER = "Book Stripe fees to 6570 Bank charges."


def _questions(window, qtbot):
    engagement_id = make.engagement(date(2026, 2, 1))
    task_id = create_task("Bookkeeping")
    BriefTask.create(brief=1, task=task_id)
    page = window.show_tab("engagements").page()
    page.refresh()
    page.open_target(("question", engagement_id))
    panel = page.detail.questions
    assert page.detail.tabs.currentWidget() is panel
    return page, panel, engagement_id, task_id


def test_a_question_is_logged_answered_and_folded_into_each_target(window, qtbot):
    page, panel, engagement_id, task_id = _questions(window, qtbot)
    qtbot.keyClicks(panel.question_edit, "Which account do Stripe fees go to?")
    qtbot.keyClick(panel.question_edit, Qt.Key.Key_Return)
    [row] = questions_of(engagement_id)
    assert not row.answered
    assert "1 waiting" in page.detail.tabs.tabText(page.detail.tabs.indexOf(panel))
    assert not panel.step_button.isEnabled()  # nothing to write down yet

    panel.answer_edit.setPlainText(ANSWER)
    # Two clicks: the question (selected), then where its answer goes; the answer is saved first.
    qtbot.mouseClick(panel.step_button, Qt.MouseButton.LeftButton)
    [row] = questions_of(engagement_id)
    assert row.answer == ANSWER and row.step_id is not None
    steps = load_procedure(procedure_id_for_task(task_id)).steps
    assert [s.text for s in steps] == [ANSWER]
    assert panel.model.rows()[0].used_as == ["a procedure step"]

    [ask_first] = [a for a in panel.rule_button.menu().actions() if "ask_first" in a.objectName()]
    ask_first.trigger()
    assert load_brief(1).ask_first.endswith(ANSWER)
    qtbot.mouseClick(panel.expectation_button, Qt.MouseButton.LeftButton)
    assert expectations_of(1)[-1].text == ANSWER

    window.undo_stack.undo()  # the expectation
    assert not expectations_of(1) or expectations_of(1)[-1].text != ANSWER
    window.undo_stack.undo()  # the rule
    assert load_brief(1).ask_first == ""
    window.undo_stack.undo()  # the step (and the procedure made for it)
    assert procedure_id_for_task(task_id) is None
    assert questions_of(engagement_id)[0].used_as == []
    window.undo_stack.redo()
    assert [s.text for s in load_procedure(procedure_id_for_task(task_id)).steps] == [ANSWER]


def test_the_same_question_asked_twice_is_offered_the_earlier_answer(window, qtbot):
    _page, panel, engagement_id, _ = _questions(window, qtbot)
    add_question(engagement_id, "Which account do Stripe fees go to?", date(2026, 3, 2), ANSWER)
    panel.set_engagement(engagement_id)
    assert not panel.use_button.isVisibleTo(panel)
    qtbot.keyClicks(panel.question_edit, "Which account do the Stripe fees go to")
    assert panel.use_button.isVisibleTo(panel)
    assert ANSWER in panel.offer_label.text()
    qtbot.mouseClick(panel.use_button, Qt.MouseButton.LeftButton)
    rows = questions_of(engagement_id)
    assert len(rows) == 2 and all(row.answer == ANSWER for row in rows)


def test_the_overview_lists_questions_waiting_and_opens_the_log(window, qtbot):
    engagement_id = make.engagement(date(2026, 2, 1))
    add_question(engagement_id, "Where are the receipts?", date.today())
    page = window.show_tab("overview").page()
    page.refresh()
    qtbot.waitUntil(lambda: page.lists["questions"].texts() != [])
    assert page.lists["questions"].texts() == ["Ana Souza: Where are the receipts?"]
    view = page.lists["questions"].view
    view.activated.emit(view.model().index(0, 0))
    engagements = window.current_page()
    assert engagements.detail.tabs.currentWidget() is engagements.detail.questions
