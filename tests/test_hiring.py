"""Hiring, ending and reopening: the edits that reach the contractor and the brief."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from desktop_app.models.briefs import Brief
from desktop_app.models.contractors import Contractor, StageChange
from desktop_app.models.engagements import CheckIn, Engagement, add_check_in
from desktop_app.models.errors import ValidationError
from desktop_app.models.hiring import (
    end_engagement,
    hire,
    put_on_notice,
    redo_hire,
    reopen,
    undo_end,
    undo_hire,
    undo_reopen,
)
from tests.conftest import BOTH_ENGINES
from tests.engagement_helpers import brief, contractor

pytestmark = BOTH_ENGINES

START = date(2026, 11, 2)


def _state(contractor_id, brief_id):
    return (
        Contractor.get_by_id(contractor_id).stage,
        Brief.get_by_id(brief_id).status,
        Engagement.select().count(),
        [(c.from_stage, c.to_stage) for c in StageChange.select().order_by(StageChange.id)],
    )


def test_hiring_creates_the_engagement_and_moves_contractor_and_brief(store):
    contractor_id, brief_id = contractor(), brief(status="posted")
    hiring = hire(contractor_id, brief_id, START, "45,50", 14, currency="eur")
    engagement = Engagement.get_by_id(hiring.engagement_id)
    assert (engagement.contractor_id, engagement.brief_id) == (contractor_id, brief_id)
    assert engagement.rate == Decimal("45.50")
    assert engagement.currency == "EUR"
    assert engagement.cadence_days == 14
    assert engagement.status == "trial"
    assert _state(contractor_id, brief_id) == ("hired", "filled", 1, [("interviewing", "hired")])
    change = StageChange.get()
    assert "Monthly bookkeeping" in change.reason and "Nov 2, 2026" in change.reason


def test_a_refused_hiring_changes_nothing(store):
    contractor_id, brief_id = contractor(), brief()
    before = _state(contractor_id, brief_id)
    with pytest.raises(ValidationError) as refused:
        hire(contractor_id, brief_id, START, "40", 0)
    assert refused.value.field == "cadence_days"
    assert _state(contractor_id, brief_id) == before


def test_a_second_hiring_on_the_same_brief_is_refused_and_changes_nothing(store):
    contractor_id, brief_id = contractor(), brief()
    hire(contractor_id, brief_id, START, "40", 7)
    before = _state(contractor_id, brief_id)
    with pytest.raises(ValidationError, match="already has an engagement"):
        hire(contractor_id, brief_id, START, "40", 7)
    assert _state(contractor_id, brief_id) == before


def test_hiring_someone_already_hired_adds_no_stage_move(store):
    contractor_id = contractor(stage="hired")
    hiring = hire(contractor_id, brief(), START, None, 7)
    assert hiring.stage_change_id is None
    assert StageChange.select().count() == 0


def test_undo_and_redo_of_a_hiring_restore_everything_under_the_same_ids(store):
    contractor_id, brief_id = contractor(), brief(status="final")
    before = _state(contractor_id, brief_id)
    hiring = hire(contractor_id, brief_id, START, "40", 7)
    add_check_in(hiring.engagement_id, START, summary="Kick-off")
    after = _state(contractor_id, brief_id)

    snapshot = undo_hire(hiring)
    assert _state(contractor_id, brief_id) == before
    assert CheckIn.select().count() == 0

    redo_hire(hiring, snapshot)
    assert _state(contractor_id, brief_id) == after
    assert Engagement.get().id == hiring.engagement_id
    assert CheckIn.get().summary == "Kick-off"


def test_ending_moves_the_contractor_to_ended_and_undo_puts_it_back(store):
    contractor_id, brief_id = contractor(), brief()
    hiring = hire(contractor_id, brief_id, START, "40", 7)
    ending = end_engagement(hiring.engagement_id, date(2026, 12, 1), "Project finished")
    engagement = Engagement.get_by_id(hiring.engagement_id)
    assert (engagement.status, engagement.end_reason) == ("ended", "Project finished")
    assert Contractor.get_by_id(contractor_id).stage == "ended"
    assert StageChange.select().order_by(StageChange.id.desc()).get().reason == "Project finished"

    undo_end(ending)
    engagement = Engagement.get_by_id(hiring.engagement_id)
    assert (engagement.status, engagement.end_date, engagement.end_reason) == ("trial", None, "")
    assert Contractor.get_by_id(contractor_id).stage == "hired"
    assert StageChange.select().count() == 1


def test_ending_keeps_the_contractor_hired_while_another_engagement_runs(store):
    contractor_id = contractor()
    first = hire(contractor_id, brief("A"), START, "40", 7)
    hire(contractor_id, brief("B"), START, "40", 7)
    end_engagement(first.engagement_id, date(2026, 12, 1), "A is done")
    assert Contractor.get_by_id(contractor_id).stage == "hired"


def test_ending_needs_a_reason_and_a_date_after_the_start(store):
    hiring = hire(contractor(), brief(), START, "40", 7)
    with pytest.raises(ValidationError) as refused:
        end_engagement(hiring.engagement_id, date(2026, 12, 1), "  ")
    assert refused.value.field == "end_reason"
    with pytest.raises(ValidationError) as refused:
        end_engagement(hiring.engagement_id, date(2026, 10, 1), "Too early")
    assert refused.value.field == "end_date"
    assert Engagement.get().status == "trial"
    assert Contractor.get().stage == "hired"


def test_reopen_posts_the_brief_puts_the_engagement_on_notice_and_names_the_skills(store):
    contractor_id, brief_id = contractor(), brief(skills="bookkeeping, xero")
    hiring = hire(contractor_id, brief_id, START, "40", 7)
    today = date(2026, 12, 10)
    reopening = reopen(hiring.engagement_id, today)
    assert reopening.skills == "bookkeeping, xero"
    assert reopening.brief_id == brief_id
    assert Brief.get_by_id(brief_id).status == "posted"
    assert Engagement.get_by_id(hiring.engagement_id).on_notice_since == today

    undo_reopen(reopening)
    assert Brief.get_by_id(brief_id).status == "filled"
    assert Engagement.get_by_id(hiring.engagement_id).on_notice_since is None


def test_put_on_notice_once(store):
    hiring = hire(contractor(), brief(), START, "40", 7)
    previous = put_on_notice(hiring.engagement_id, date(2026, 12, 1))
    assert previous == {"on_notice_since": None}
    with pytest.raises(ValidationError, match="on notice since Dec 1, 2026"):
        put_on_notice(hiring.engagement_id, date(2026, 12, 2))


def test_hiring_hands_off_the_briefs_tasks_and_undo_gives_them_back(store):
    from desktop_app.models.briefs import BriefTask
    from desktop_app.models.tasks import Task, create_task

    contractor_id, brief_id = contractor(), brief(status="posted")
    books = create_task("Bookkeeping", need="knowledge", status="candidate")
    receipts = create_task("Receipts", need="repetitive", status="briefed")
    other = create_task("Planner design", override="keep")
    for task_id in (books, receipts):
        BriefTask.create(brief=brief_id, task=task_id)

    def statuses():
        return {task.name: task.status for task in Task.select()}

    hiring = hire(contractor_id, brief_id, START, "40", 7)
    assert statuses() == {
        "Bookkeeping": "handed_off",
        "Receipts": "handed_off",
        "Planner design": "kept",
    }
    snapshot = undo_hire(hiring)
    assert statuses() == {
        "Bookkeeping": "candidate",
        "Receipts": "briefed",
        "Planner design": "kept",
    }
    redo_hire(hiring, snapshot)
    assert statuses()["Bookkeeping"] == "handed_off"
    assert Task.get_by_id(other).status == "kept"


def test_a_hired_task_keeps_its_hours_handed_off_in_later_months(store):
    from desktop_app.models.briefs import BriefTask
    from desktop_app.models.tasks import Task, add_time_entry, create_task

    books = create_task("Bookkeeping")
    for day in (3, 10, 17):
        add_time_entry(books, date(2026, 10, day), 100)
    brief_id = brief()
    BriefTask.create(brief=brief_id, task=books)
    hiring = hire(contractor(), brief_id, START, "40", 7)
    # As when the owner marks it handed off by hand: its last month becomes its estimate.
    assert Task.get_by_id(books).monthly_estimate_minutes == 300
    undo_hire(hiring)
    assert Task.get_by_id(books).monthly_estimate_minutes is None


def test_a_hire_recorded_after_the_start_is_dated_on_the_start(store):
    from desktop_app.models.contractors import contractor_detail

    ana = contractor("Ana Souza")
    StageChange.create(
        contractor=ana, from_stage="prospect", to_stage="interviewing",
        changed_at=datetime(2026, 3, 2, 15, 0),
    )  # fmt: skip
    started = date(2026, 3, 10)
    hiring = hire(ana, brief("Monthly bookkeeping"), started, Decimal("40"), 7)
    moved = StageChange.get_by_id(hiring.stage_change_id)
    assert moved.changed_at == datetime(2026, 3, 10, 9, 0)
    assert contractor_detail(ana).row.stage_since.date() == started
    # Never before the contractor's last move: the history stays in order.
    bo = contractor("Bo Lind", email="bo@example.com")
    StageChange.create(
        contractor=bo, from_stage="prospect", to_stage="trial",
        changed_at=datetime(2026, 3, 12, 11, 0),
    )  # fmt: skip
    later = hire(bo, brief("Social media"), started, Decimal("40"), 7)
    assert StageChange.get_by_id(later.stage_change_id).changed_at == datetime(2026, 3, 12, 11, 0)


def test_a_refused_hire_leaves_the_others_in_the_running(store):
    from desktop_app.models.contractors import Interview
    from desktop_app.models.hiring import others_in_the_running

    ana, ben = contractor(), contractor("Ben Okafor", email="ben@example.com")
    brief_id = brief(status="posted")
    for person in (ana, ben):
        Interview.create(contractor=person, brief=brief_id, held_at=datetime(2026, 11, 2))
    assert [c.name for c in others_in_the_running(brief_id, ana)] == ["Ben Okafor"]
    with pytest.raises(ValidationError):
        hire(ana, brief_id, START, "-5", 7, reject_others=[ben], reject_reason="Hired Ana.")
    assert Contractor.get_by_id(ben).stage == "interviewing"
    assert StageChange.select().count() == 0
    hiring = hire(ana, brief_id, START, "40", 7, reject_others=[ben])
    # Without a reason typed, the move says who was hired instead.
    [rejection] = StageChange.select().where(StageChange.contractor == ben)
    assert rejection.reason == "Ana Souza was hired for “Monthly bookkeeping”."
    assert others_in_the_running(brief_id, ana) == []
    undo_hire(hiring)
    assert Contractor.get_by_id(ben).stage == "interviewing"
