"""Paid trials from offer to hire for three candidates: the refusals, each
step undone, the others closed with a reason, the comparison and its PDF,
and the pay in the spend."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from pypdf import PdfReader

from desktop_app.models.briefs import Brief
from desktop_app.models.contractors import Contractor, StageChange
from desktop_app.models.engagements import Engagement, monthly_spend
from desktop_app.models.errors import ValidationError
from desktop_app.models.hiring_comparison import compare_candidates
from desktop_app.models.hiring_plan import add_question, questions_of, record_answers
from desktop_app.models.payments import month_spend
from desktop_app.models.trial_hiring import (
    hire_from_trial,
    redo_hire_from_trial,
    undo_hire_from_trial,
)
from desktop_app.models.trials import (
    TrialOffer,
    add_criterion,
    offer_rows,
    offer_trial,
    record_result,
    redo_offer,
    rubric_of,
    trial_of,
    undo_offer,
    undo_trial_edit,
    update_trial,
    write_result,
)
from desktop_app.pdf.comparison import write_comparison_pdf
from tests.conftest import BOTH_ENGINES
from tests.engagement_helpers import brief, contractor, expectations

pytestmark = BOTH_ENGINES

TODAY = date(2026, 11, 10)


@pytest.fixture
def three(store):
    brief_id = brief()
    expectations(
        brief_id,
        ("Reconcile every account", "must", "Difference 0.00"),
        ("Close by the 10th", "must", ""),
        ("Answer within 2 days", "should", ""),
        ("Suggest savings", "nice", ""),
    )
    people = [contractor(name, email=f"{name.split()[0].lower()}@example.com")
              for name in ("Ana Souza", "Ben Okafor", "Chloé Martin")]  # fmt: skip
    return brief_id, people


def _stages(people):
    return [Contractor.get_by_id(c).stage for c in people]


def test_a_trial_without_task_pay_or_deadline_cannot_be_offered(three):
    brief_id, people = three
    with pytest.raises(ValidationError, match="say what the trial task is; set the pay"):
        offer_trial(brief_id, people, TODAY)
    update_trial(brief_id, {"task": "Reconcile October", "deadline": TODAY + timedelta(days=5)})
    with pytest.raises(ValidationError) as refused:
        offer_trial(brief_id, people, TODAY)
    assert refused.value.field == "pay" and "a trial is paid work" in str(refused.value)
    update_trial(brief_id, {"pay": "120", "deadline": None})
    with pytest.raises(ValidationError) as refused:
        offer_trial(brief_id, people, TODAY)
    assert refused.value.field == "deadline"
    update_trial(brief_id, {"deadline": TODAY - timedelta(days=1)})
    with pytest.raises(ValidationError, match="has passed"):
        offer_trial(brief_id, people, TODAY)
    with pytest.raises(ValidationError, match="Pay"):
        update_trial(brief_id, {"pay": "-5"})
    assert TrialOffer.select().count() == 0 and _stages(people) == ["interviewing"] * 3


def test_the_rubric_is_the_musts_and_shoulds_in_order_then_own_criteria(three):
    brief_id, _ = three
    edit = update_trial(brief_id, {"task": "Reconcile October", "pay": "120"})
    own = add_criterion(brief_id, "Clear month-end note")
    rubric = trial_of(brief_id).rubric
    assert [(line.source, line.text) for line in rubric] == [
        ("must", "Reconcile every account"),
        ("must", "Close by the 10th"),
        ("should", "Answer within 2 days"),
        ("own", "Clear month-end note"),
    ]
    assert rubric[-1].key == f"c{own}"
    assert trial_of(brief_id).pay == Decimal("120") and edit.created
    undo_trial_edit(edit)
    assert trial_of(brief_id).id is None


# One path, as the owner walks it: offer, results, compare, hire (each step undone).
def test_trial_from_offer_to_hire_for_three_with_each_step_undone(three, tmp_path):  # noqa: PLR0915
    brief_id, (ana, ben, chloe) = three
    update_trial(brief_id, {"task": "Reconcile October", "pay": "120",
                            "deadline": TODAY + timedelta(days=5)})  # fmt: skip
    add_criterion(brief_id, "Clear month-end note")

    # Offer to three at once: each moves to "trial", with the move in the history.
    offering = offer_trial(brief_id, [ana, ben, chloe], TODAY)
    assert _stages([ana, ben, chloe]) == ["trial"] * 3
    reason = StageChange.select().where(StageChange.contractor == ana).order_by(
        StageChange.id.desc()).get().reason  # fmt: skip
    assert reason == "Offered the paid trial for “Monthly bookkeeping”: $120, due Nov 15, 2026."
    with pytest.raises(ValidationError, match="has this trial already"):
        offer_trial(brief_id, [ana], TODAY)
    undone = undo_offer(offering)
    assert TrialOffer.select().count() == 0 and _stages([ana, ben, chloe]) == ["interviewing"] * 3
    redo_offer(undone)
    assert TrialOffer.select().count() == 3 and _stages([ana, ben, chloe]) == ["trial"] * 3
    assert [o.id for o in offer_rows(brief_id=brief_id)] == list(offering.offer_ids)

    # Results: delivery dates and a score per criterion.
    keys = [line.key for line in rubric_of(brief_id, trial_of(brief_id).id)]
    offers = {o.contractor_id: o.id for o in offer_rows(brief_id=brief_id)}
    fives = dict.fromkeys(keys, 5)
    before, after = record_result(
        offers[ana], delivered_on=TODAY + timedelta(days=3), scores=fives, notes="Excellent note"
    )
    record_result(offers[ben], delivered_on=TODAY + timedelta(days=7),
                  scores=dict(zip(keys, (4, 3, 4, 2), strict=True)), notes="Late")  # fmt: skip
    with pytest.raises(ValidationError, match="from 1 to 5"):
        record_result(offers[chloe], delivered_on=None, scores={keys[0]: 6}, notes="")
    write_result(before)  # undo of Ana's result
    assert offer_rows(offer_ids=[offers[ana]])[0].scores == {}
    write_result(after)  # and redo
    rows = {o.contractor_id: o for o in offer_rows(brief_id=brief_id)}
    assert rows[ana].status == "delivered" and rows[ana].average() == 5
    assert rows[ben].days_late == 2 and rows[chloe].status == "offered"

    # Compare: on time, scores, cost, notes side by side; and the PDF.
    add_question(brief_id, "Which software?")
    questions = {q.text: q.id for q in questions_of(brief_id)}
    record_answers(ana, {questions["Which software?"]: "Xero, 6 years"}, TODAY)
    comparison = compare_candidates([ana, ben, chloe], brief_id, TODAY)
    by_label = {row.label: row for row in comparison.rows}
    assert by_label["Delivered"].values == (
        "Nov 13, 2026, on time", "Nov 17, 2026, 2 days late", "due Nov 15, 2026"
    )  # fmt: skip
    assert by_label["Delivered"].best == {0}
    assert by_label["Must have: Reconcile every account"].values == ("5 / 5", "4 / 5", "—")
    assert by_label["Trial average score"].values == ("5.0", "3.2", "—")
    assert by_label["Trial pay"].values == ("$120",) * 3
    assert by_label["Trial notes"].values[:2] == ("Excellent note", "Late")
    assert by_label["1. Which software?"].values == ("Xero, 6 years", "—", "—")
    assert [row.label for row in comparison.rows if row.heading] == [
        "Screening answers", "Paid trial"
    ]  # fmt: skip
    pdf = write_comparison_pdf(comparison, tmp_path / "trial.pdf")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    for expected in ("Paid trial", "Screening answers", "Xero, 6 years", "2 days late",
                     "Trial average score", "Clear month-end note", "Excellent note"):  # fmt: skip
        assert expected in " ".join(text.split())

    # Hire Ana from the trial: the others are closed with the reason, in one step.
    with pytest.raises(ValidationError) as refused:
        hire_from_trial(offers[ana], TODAY + timedelta(days=8), "400", 30,
                        reason="", rate_unit="month")  # fmt: skip
    assert refused.value.field == "reason" and "Ben Okafor, Chloé Martin" in str(refused.value)
    assert Engagement.select().count() == 0
    done = hire_from_trial(offers[ana], TODAY + timedelta(days=8), "400", 30,
                           reason="Ana's trial was on time and the clearest.",
                           rate_unit="month")  # fmt: skip

    def state():
        return (
            _stages([ana, ben, chloe]),
            [o.status for o in offer_rows(brief_id=brief_id)],
            [o.closed_reason for o in offer_rows(brief_id=brief_id)],
            Engagement.select().count(),
            Brief.get_by_id(brief_id).status,
            StageChange.select().count(),
        )

    hired = state()
    assert hired[:5] == (
        ["hired", "rejected", "rejected"],
        ["hired", "closed", "closed"],
        ["", "Ana's trial was on time and the clearest.", "Ana's trial was on time and the "
         "clearest."],
        1,
        "filled",
    )  # fmt: skip
    moves = StageChange.select().where(StageChange.contractor == ben).order_by(StageChange.id)
    assert [(m.to_stage, m.reason) for m in moves][-1] == (
        "rejected", "Ana's trial was on time and the clearest."
    )  # fmt: skip
    snapshots = undo_hire_from_trial(done)
    assert state()[:5] == (
        ["trial"] * 3, ["delivered", "delivered", "offered"], ["", "", ""], 0, "posted"
    )  # fmt: skip
    redo_hire_from_trial(done, snapshots)
    assert state() == hired
    with pytest.raises(ValidationError, match="decided already"):
        hire_from_trial(offers[ben], TODAY, "400", 30, reason="x")


def test_the_trial_pay_is_in_the_month_it_is_owed(three):
    brief_id, (ana, ben, chloe) = three
    update_trial(brief_id, {"task": "T", "pay": "120", "deadline": date(2026, 12, 2)})
    offer_trial(brief_id, [ana, ben, chloe], TODAY)
    offers = {o.contractor_id: o.id for o in offer_rows(brief_id=brief_id)}
    record_result(offers[ana], delivered_on=date(2026, 11, 28), scores={}, notes="")
    # The month's spend, the one the Overview and the payments' month show.
    november = month_spend(date(2026, 11, 1), TODAY)
    assert november.spend == {"USD": Decimal("120.00")}
    assert november.trial_pay == {"USD": Decimal("120.00")}
    (trial,) = november.trials
    assert trial.offer_id == offers[ana] and trial.contractor_name == "Ana Souza"
    assert trial.basis == "Paid trial for “Monthly bookkeeping”, owed Nov 28, 2026."
    # Ben and Chloé are owed in December, when their deadline falls.
    december = month_spend(date(2026, 12, 1), TODAY)
    assert december.spend == december.trial_pay == {"USD": Decimal("240.00")}
    # The engagements' own monthly cost leaves trials out: they count once.
    assert monthly_spend(date(2026, 11, 15)).totals == {}


def test_at_most_five_at_once_and_only_from_the_shortlist(three):
    brief_id, people = three
    update_trial(brief_id, {"task": "T", "pay": "50", "deadline": TODAY})
    many = people + [contractor(f"Extra {n}") for n in range(3)]
    with pytest.raises(ValidationError, match="at most 5"):
        offer_trial(brief_id, many, TODAY)
    Contractor.update(stage="rejected").where(Contractor.id == people[0]).execute()
    with pytest.raises(ValidationError, match="not on the shortlist"):
        offer_trial(brief_id, people, TODAY)
    assert TrialOffer.select().count() == 0
