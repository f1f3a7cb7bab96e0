"""The questions log in the models: asking, answering, the earlier answer
offered, and each answer folded into a step, a rule or an expectation,
with the undo each needs."""

from datetime import date

import pytest

from desktop_app.models.briefs import BriefTask, expectations_of, load_brief
from desktop_app.models.engagements import update_engagement
from desktop_app.models.errors import UserError, ValidationError
from desktop_app.models.procedures import Procedure, load_procedure, steps_of
from desktop_app.models.questions import (
    ASK_FIRST,
    DECIDE_ALONE,
    add_question,
    answer_to_expectation,
    answer_to_rule,
    answer_to_step,
    earlier_answer,
    get_question,
    questions_of,
    undo_answer_to_expectation,
    undo_answer_to_rule,
    undo_answer_to_step,
    update_question,
    waiting_questions,
)
from desktop_app.models.snapshots import restore
from desktop_app.models.tasks import create_task
from tests import engagement_helpers as make
from tests.conftest import BOTH_ENGINES

pytestmark = BOTH_ENGINES

ASKED = date(2026, 3, 2)
ANSWER = "Book Stripe fees to 6570 Bank charges, never to cost of sales."


@pytest.fixture
def engagement_id(store):
    return make.engagement(date(2026, 2, 1))


@pytest.fixture
def answered(engagement_id):
    return add_question(
        engagement_id, "Which account do Stripe fees go to?", ASKED, ANSWER, date(2026, 3, 3)
    )


def test_a_question_is_asked_then_answered(engagement_id):
    question_id = add_question(engagement_id, "  Where are the receipts?  ", ASKED)
    row = get_question(question_id)
    assert (row.text, row.answered, row.answered_on) == ("Where are the receipts?", False, None)
    [waiting] = waiting_questions()
    assert (waiting.id, waiting.contractor, waiting.brief) == (
        question_id,
        "Ana Souza",
        "Monthly bookkeeping",
    )
    old = update_question(question_id, {"answer": "In the shared Drive folder."})
    assert old == {"answer": "", "answered_on": None}
    assert get_question(question_id).answered_on == date.today()
    assert waiting_questions() == []


def test_refusals(engagement_id):
    with pytest.raises(ValidationError, match="Write the question"):
        add_question(engagement_id, "  ", ASKED)
    with pytest.raises(ValidationError, match="cannot come before the question"):
        add_question(engagement_id, "Q?", ASKED, "A", date(2026, 3, 1))


def test_the_questions_of_an_ended_engagement_wait_no_more(engagement_id):
    add_question(engagement_id, "Where are the receipts?", ASKED)
    update_engagement(
        engagement_id, {"status": "ended", "end_date": date(2026, 3, 5), "end_reason": "Moved"}
    )
    assert waiting_questions() == []


def test_unanswered_questions_come_first_in_the_log(engagement_id, answered):
    later = add_question(engagement_id, "Who approves refunds?", date(2026, 3, 1))
    assert [row.id for row in questions_of(engagement_id)] == [later, answered]


def test_the_same_question_asked_again_is_offered_the_earlier_answer(answered, engagement_id):
    match = earlier_answer("which account do the Stripe fees go to")
    assert match is not None and match.id == answered and match.answer == ANSWER
    assert earlier_answer("Can I take Friday off?") is None
    # Asked again in another engagement, the answer still comes back.
    other = make.engagement(date(2026, 2, 1), contractor_name="Ben Ode", title="Inbox")
    question = add_question(other, "Which account do Stripe fees go to?", ASKED)
    assert earlier_answer("Which account do Stripe fees go to?", exclude_id=question).id == answered


def test_an_answer_becomes_a_step_of_the_tasks_procedure(answered, engagement_id):
    task_id = create_task("Bookkeeping")
    BriefTask.create(brief=1, task=task_id)
    added = answer_to_step(answered)
    assert added.created_procedure
    data = load_procedure(added.procedure_id)
    [step] = data.steps
    assert step.text == ANSWER
    assert "Which account do Stripe fees go to?" in step.detail
    assert get_question(answered).step_id == step.id
    assert get_question(answered).used_as == ["a procedure step"]

    snapshot = undo_answer_to_step(added)
    assert not Procedure.select().exists()
    assert get_question(answered).step_id is None
    restore(snapshot)  # redo: the same step, linked again
    assert get_question(answered).step_id == step.id
    assert [s.text for s in steps_of(added.procedure_id)] == [ANSWER]


def test_a_step_needs_a_task_and_an_answer(engagement_id, answered):
    with pytest.raises(UserError, match="hands off no task"):
        answer_to_step(answered)
    unanswered = add_question(engagement_id, "Where are the receipts?", ASKED)
    with pytest.raises(UserError, match="Answer the question first"):
        answer_to_step(unanswered)


def test_an_answer_becomes_a_rule_of_the_brief(answered):
    before = load_brief(1).decide_alone
    added = answer_to_rule(answered, DECIDE_ALONE)
    assert load_brief(1).decide_alone.splitlines()[-1] == ANSWER
    assert get_question(answered).rule == DECIDE_ALONE
    with pytest.raises(UserError, match="already in the brief"):
        answer_to_rule(answered, DECIDE_ALONE)
    undo_answer_to_rule(added)
    assert load_brief(1).decide_alone == before
    assert get_question(answered).rule == ""
    answer_to_rule(answered, ASK_FIRST)
    assert load_brief(1).ask_first.endswith(ANSWER)


def test_an_answer_becomes_an_expectation(answered):
    count = len(expectations_of(1))
    added = answer_to_expectation(answered)
    rows = expectations_of(1)
    assert len(rows) == count + 1
    assert (rows[-1].text, rows[-1].level) == (ANSWER, "should")
    assert get_question(answered).expectation_id == rows[-1].id
    snapshot = undo_answer_to_expectation(added)
    assert len(expectations_of(1)) == count
    assert get_question(answered).expectation_id is None
    restore(snapshot)
    assert get_question(answered).expectation_id == rows[-1].id


def test_each_field_is_checked_with_a_message_naming_it(engagement_id, answered):
    from desktop_app.models.questions import ANSWER_MAX_LENGTH, QUESTION_MAX_LENGTH

    with pytest.raises(ValidationError, match="at most 5,000 characters") as long_question:
        add_question(engagement_id, "Q" * (QUESTION_MAX_LENGTH + 1), ASKED)
    assert long_question.value.field == "text"
    with pytest.raises(ValidationError, match="An answer can be at most") as long_answer:
        update_question(answered, {"answer": "A" * (ANSWER_MAX_LENGTH + 1)})
    assert long_answer.value.field == "answer"
    with pytest.raises(ValidationError, match="is not a date"):
        update_question(answered, {"asked_on": "next Tuesday"})
    with pytest.raises(ValidationError, match="has no field"):
        update_question(answered, {"priority": "high"})
    # Dates may come as text; clearing the answer clears its date.
    update_question(answered, {"asked_on": "2026-03-01"})
    assert get_question(answered).asked_on == date(2026, 3, 1)
    update_question(answered, {"answer": ""})
    assert get_question(answered).answered_on is None


def test_a_step_is_taken_for_the_task_named_among_several(engagement_id, answered):
    first, second = create_task("Bookkeeping"), create_task("Payroll")
    BriefTask.create(brief=1, task=first)
    BriefTask.create(brief=1, task=second)
    with pytest.raises(UserError, match="several tasks"):
        answer_to_step(answered)
    with pytest.raises(UserError, match="not one the brief hands off"):
        answer_to_step(answered, create_task("Marketing"))
    added = answer_to_step(answered, second)
    assert Procedure.get_by_id(added.procedure_id).task_id == second


def test_a_long_answer_is_a_short_step_that_keeps_the_whole_answer(engagement_id):
    from desktop_app.models.procedure_content import STEP_TEXT_MAX_LENGTH

    answer = "Use the bank feed. " * 40
    question = add_question(engagement_id, "How do I reconcile?", ASKED, answer, ASKED)
    BriefTask.create(brief=1, task=create_task("Bookkeeping"))
    [step] = steps_of(answer_to_step(question).procedure_id)
    assert len(step.text) == STEP_TEXT_MAX_LENGTH and step.text.endswith("…")
    assert step.detail.startswith(answer.strip())
