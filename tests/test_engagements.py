"""Engagements in the database: edits with their validation, and the queries."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from desktop_app.models.briefs import BriefTask
from desktop_app.models.engagement_rules import Direction
from desktop_app.models.engagements import (
    CheckIn,
    Engagement,
    Feedback,
    add_check_in,
    add_feedback,
    check_ins_due_this_week,
    confidence_watch,
    contractor_scorecard,
    create_engagement,
    engagement_review,
    get_engagement,
    list_engagements,
    monthly_spend,
    timeline,
    update_engagement,
    write_engagement_values,
)
from desktop_app.models.errors import ValidationError
from desktop_app.models.tasks import Task, TimeEntry
from tests.conftest import BOTH_ENGINES
from tests.engagement_helpers import brief, contractor, engagement, expectations, feedback, report

pytestmark = BOTH_ENGINES

TODAY = date(2026, 11, 23)  # a Monday
START = date(2026, 9, 1)


def _counts():
    return (Engagement.select().count(), CheckIn.select().count(), Feedback.select().count())


# Bad input: a clear message naming the field, and nothing changed.


def test_an_end_date_before_the_start_is_refused(store):
    with pytest.raises(ValidationError, match="before the start") as refused:
        create_engagement(brief(), contractor(), START, end_date=START - timedelta(days=1))
    assert refused.value.field == "end_date"
    assert _counts() == (0, 0, 0)


def test_an_end_date_moved_before_the_start_is_refused(store):
    engagement_id = engagement(START)
    with pytest.raises(ValidationError) as refused:
        update_engagement(engagement_id, {"end_date": date(2026, 8, 1)})
    assert refused.value.field == "end_date"
    assert Engagement.get_by_id(engagement_id).end_date is None


@pytest.mark.parametrize(
    ("cadence", "message"), [(0, "0 days"), (-3, "0 days"), (366, "over a year"), (1000, "365")]
)
def test_a_cadence_of_zero_or_over_a_year_is_refused(store, cadence, message):
    with pytest.raises(ValidationError, match=message) as refused:
        create_engagement(brief(), contractor(), START, cadence_days=cadence)
    assert refused.value.field == "cadence_days"
    assert _counts() == (0, 0, 0)


def test_a_cadence_of_one_day_and_of_a_year_are_fine(store):
    create_engagement(brief("A"), contractor("A"), START, cadence_days=1)
    create_engagement(brief("B"), contractor("B"), START, cadence_days=365)
    assert Engagement.select().count() == 2


def test_a_check_in_dated_before_the_start_is_refused(store):
    engagement_id = engagement(START)
    with pytest.raises(ValidationError, match="before the engagement started") as refused:
        add_check_in(engagement_id, START - timedelta(days=1), summary="Early")
    assert refused.value.field == "date"
    assert _counts() == (1, 0, 0)


def test_feedback_dated_before_the_start_is_refused(store):
    engagement_id = engagement(START)
    with pytest.raises(ValidationError) as refused:
        feedback(engagement_id, START - timedelta(days=1), 4)
    assert refused.value.field == "date"


@pytest.mark.parametrize("field", ["quality", "communication", "confidence"])
@pytest.mark.parametrize("value", [0, 6, -1])
def test_ratings_outside_one_to_five_are_refused(store, field, value):
    engagement_id = engagement(START)
    scores = {"quality": 3, "communication": 3, "confidence": 3, field: value}
    with pytest.raises(ValidationError, match="from 1 to 5") as refused:
        add_feedback(engagement_id, START, deliverable="Report", on_time=True, **scores)
    assert refused.value.field == field
    assert _counts() == (1, 0, 0)


def test_a_second_open_engagement_of_the_same_contractor_on_the_same_brief_is_refused(store):
    brief_id, contractor_id = brief(), contractor()
    create_engagement(brief_id, contractor_id, START)
    with pytest.raises(ValidationError, match="already has an engagement") as refused:
        create_engagement(brief_id, contractor_id, START + timedelta(days=30))
    assert refused.value.field == "contractor"
    assert _counts() == (1, 0, 0)


def test_once_ended_the_same_pair_may_start_again_but_not_reopen_both(store):
    brief_id, contractor_id = brief(), contractor()
    first = create_engagement(brief_id, contractor_id, START).id
    update_engagement(first, {"status": "ended", "end_reason": "Season over"})
    second = create_engagement(brief_id, contractor_id, START + timedelta(days=60)).id
    assert second != first
    with pytest.raises(ValidationError) as refused:
        update_engagement(first, {"status": "active"})
    assert refused.value.field == "contractor"
    assert Engagement.get_by_id(first).status == "ended"


def test_ending_needs_a_reason_and_reopening_clears_it(store):
    engagement_id = engagement(START)
    with pytest.raises(ValidationError) as refused:
        update_engagement(engagement_id, {"status": "ended"})
    assert refused.value.field == "end_reason"
    previous = update_engagement(engagement_id, {"status": "ended", "end_reason": "Done"})
    assert previous == {"status": "active", "end_reason": ""}
    previous = update_engagement(engagement_id, {"status": "paused"})
    assert previous == {"status": "ended", "end_reason": "Done"}
    assert Engagement.get_by_id(engagement_id).end_reason == ""
    write_engagement_values(engagement_id, previous)
    assert Engagement.get_by_id(engagement_id).status == "ended"


@pytest.mark.parametrize(("rate", "message"), [("-5", "below zero"), ("lots", "not a number")])
def test_a_bad_rate_is_refused(store, rate, message):
    with pytest.raises(ValidationError, match=message) as refused:
        create_engagement(brief(), contractor(), START, rate=rate)
    assert refused.value.field == "rate"


def test_an_unknown_currency_and_missing_sides_are_refused(store):
    with pytest.raises(ValidationError) as refused:
        create_engagement(brief(), contractor(), START, currency="XYZ")
    assert refused.value.field == "currency"
    with pytest.raises(ValidationError) as refused:
        create_engagement(brief(), None, START)
    assert refused.value.field == "contractor"
    with pytest.raises(ValidationError) as refused:
        create_engagement(None, contractor("B"), START)
    assert refused.value.field == "brief"


def test_a_progress_report_needs_a_summary_but_a_request_does_not(store):
    engagement_id = engagement(START)
    with pytest.raises(ValidationError) as refused:
        add_check_in(engagement_id, START, summary="  ")
    assert refused.value.field == "summary"
    add_check_in(engagement_id, START, initiated_by="owner", kind="request")
    assert CheckIn.get().kind == "request"


# Queries


def test_the_list_shows_due_dates_overdue_days_and_confidence(store):
    engagement_id = engagement(START, cadence=7)
    report(engagement_id, date(2026, 11, 13))
    feedback(engagement_id, date(2026, 10, 1), 4)
    feedback(engagement_id, date(2026, 11, 1), 2)
    [row] = list_engagements(TODAY)
    assert row.contractor_name == "Ana Souza"
    assert row.brief_title == "Monthly bookkeeping"
    assert row.last_check_in == date(2026, 11, 13)
    assert row.next_due == date(2026, 11, 20)
    assert row.overdue_days == 3
    assert row.latest_confidence == 2
    assert row.trend.direction is Direction.FALLING
    assert row.confidence_at_risk


def test_paused_and_ended_engagements_have_no_check_in_due(store):
    paused = engagement(START, status="paused", contractor_name="P", title="P")
    ended = engagement(START, contractor_name="E", title="E")
    update_engagement(ended, {"status": "ended", "end_reason": "Finished"})
    rows = {row.id: row for row in list_engagements(TODAY)}
    assert rows[paused].next_due is None and rows[paused].micromanagement is None
    assert rows[ended].next_due is None and rows[ended].overdue_days == 0


def test_the_owners_requests_count_towards_micromanagement(store):
    engagement_id = engagement(START, cadence=7)
    for offset in range(8):
        add_check_in(
            engagement_id, TODAY - timedelta(days=offset * 3), initiated_by="owner", kind="request"
        )
    for offset in range(4):  # the contractor's reports do not count
        report(engagement_id, TODAY - timedelta(days=offset * 7 + 1))
    row = get_engagement(engagement_id, TODAY)
    assert row.micromanagement.owner_started == 8
    assert row.micromanagement.warning


def test_the_timeline_is_newest_first_with_both_kinds(store):
    engagement_id = engagement(START)
    report(engagement_id, date(2026, 9, 8), summary="First week")
    feedback(engagement_id, date(2026, 9, 8), 4)
    report(engagement_id, date(2026, 9, 15), summary="Second week")
    items = timeline(engagement_id)
    assert [type(item).__name__ for item in items] == [
        "CheckInRecord",
        "FeedbackRecord",
        "CheckInRecord",
    ]
    assert items[0].summary == "Second week"


def test_the_scorecard_spans_every_engagement_of_the_contractor(store):
    contractor_id = contractor()
    first = create_engagement(brief("A"), contractor_id, date(2026, 1, 1)).id
    second = create_engagement(brief("B"), contractor_id, date(2026, 9, 1)).id
    feedback(first, date(2026, 2, 1), 4, quality=2, on_time=False)
    feedback(second, date(2026, 10, 1), 4, quality=4)
    feedback(second, date(2026, 11, 1), 4, quality=5)
    recent, lifetime = contractor_scorecard(contractor_id, TODAY)
    assert recent.feedback_count == 2 and recent.average_quality == 4.5
    assert recent.on_time_percent == 100
    assert lifetime.feedback_count == 3
    assert lifetime.on_time_percent == pytest.approx(200 / 3)
    assert lifetime.average_quality == pytest.approx(11 / 3)


def test_the_review_lists_expectations_in_priority_order(store):
    engagement_id = engagement(START)
    brief_id = Engagement.get_by_id(engagement_id).brief_id
    expectations(
        brief_id,
        ("Reconcile every account weekly", "must", "No unreconciled item older than 7 days"),
        ("Answer within a day", "should", "Reply time under 24 h"),
    )
    feedback(engagement_id, date(2026, 10, 1), 5)
    review = engagement_review(engagement_id, TODAY)
    assert [line.text for line in review.expectations] == [
        "Reconcile every account weekly",
        "Answer within a day",
    ]
    assert review.scorecard.feedback_count == 1


def test_deleting_the_brief_takes_its_engagement_and_history_and_undo_puts_them_back(store):
    from desktop_app.models.briefs import delete_brief, undo_delete_brief
    from desktop_app.models.engagements import Engagement

    engagement_id = engagement(START)
    report(engagement_id, date(2026, 9, 8))
    feedback(engagement_id, date(2026, 9, 9), 4)
    deleted = delete_brief(Engagement.get_by_id(engagement_id).brief_id)
    assert _counts() == (0, 0, 0)
    undo_delete_brief(deleted)
    assert _counts() == (1, 1, 1)


# What the Overview reads, on a known database


@pytest.fixture
def known_database(store):
    """Four engagements with known due dates, confidence and rates.

    - Ana (bookkeeping, weekly, $40/h; the brief's task took 10 h in its
      latest logged month): last report 13 Nov, so due 20 Nov: 3 days overdue.
    - Ben (social media, every 14 days, $1,200 a month): report on 12 Nov,
      due 26 Nov (this week); confidence 4, 4, 2: lost.
    - Cleo (support inbox, every 30 days, a $3,000 project over 3 months
      from 1 Sep to 30 Nov): due 1 Dec, next week; confidence 4, 5, 5.
    - Dan (website, paused, $50/h with no known hours): nothing due, no spend.
    - Eve (design, ended, €500 a month): no spend, nothing due.
    """
    ana = engagement(START, contractor_name="Ana", title="Bookkeeping", rate="40")
    report(ana, date(2026, 11, 13))
    task = Task.create(name="Bookkeeping", name_key="bookkeeping", monthly_estimate_minutes=60)
    BriefTask.create(brief=Engagement.get_by_id(ana).brief_id, task=task)
    TimeEntry.create(task=task, date=date(2026, 7, 3), minutes=300)
    TimeEntry.create(task=task, date=date(2026, 8, 3), minutes=400)
    TimeEntry.create(task=task, date=date(2026, 8, 20), minutes=200)
    ben = engagement(
        START, contractor_name="Ben", title="Social media", cadence=14, rate="1200",
        rate_unit="month",
    )  # fmt: skip
    report(ben, date(2026, 11, 12))
    for day, score in ((date(2026, 10, 1), 4), (date(2026, 10, 20), 4), (date(2026, 11, 10), 2)):
        feedback(ben, day, score)
    cleo = engagement(
        START, contractor_name="Cleo", title="Support inbox", cadence=30, rate="3000",
        rate_unit="project", end_date=date(2026, 11, 30),
    )  # fmt: skip
    report(cleo, date(2026, 11, 1))
    for day, score in ((date(2026, 10, 1), 4), (date(2026, 10, 20), 5), (date(2026, 11, 10), 5)):
        feedback(cleo, day, score)
    engagement(START, contractor_name="Dan", title="Website", rate="50", status="paused")
    eve = engagement(
        START, contractor_name="Eve", title="Design", rate="500", rate_unit="month", currency="EUR"
    )
    update_engagement(eve, {"status": "ended", "end_reason": "Brand finished"})
    return {"ana": ana, "ben": ben, "cleo": cleo}


def test_check_ins_due_this_week_on_a_monday(known_database):
    due = check_ins_due_this_week(TODAY)
    assert [(row.contractor_name, row.next_due, row.overdue_days) for row in due] == [
        ("Ana", date(2026, 11, 20), 3),
        ("Ben", date(2026, 11, 26), 0),
    ]


def test_check_ins_due_this_week_on_the_sunday(known_database):
    due = check_ins_due_this_week(date(2026, 11, 29))
    assert [row.contractor_name for row in due] == ["Ana", "Ben"]
    due = check_ins_due_this_week(date(2026, 11, 30))  # the next Monday: Cleo's week too
    assert [row.contractor_name for row in due] == ["Ana", "Ben", "Cleo"]


def test_monthly_spend_turns_each_rate_into_a_month(known_database):
    spend = monthly_spend(TODAY)
    lines = {line.contractor_name: line for line in spend.lines}
    assert set(lines) == {"Ana", "Ben", "Cleo"}  # paused and ended cost nothing
    assert lines["Ana"].monthly == Decimal("400.00")  # 10 h (August) x $40
    assert lines["Ben"].monthly == Decimal("1200")
    assert lines["Cleo"].monthly == Decimal("1014.67")  # 3000 over 90 / 30.44 months
    assert spend.totals == {"USD": Decimal("2614.67")}
    assert spend.unknown == []


def test_an_hourly_rate_without_known_hours_is_left_out_and_said_so(known_database):
    update_engagement(known_database["ana"], {"rate_unit": "hour"})
    BriefTask.delete().execute()
    spend = monthly_spend(TODAY)
    assert [line.contractor_name for line in spend.unknown] == ["Ana"]
    assert "not known" in spend.unknown[0].basis
    assert spend.totals == {"USD": Decimal("2214.67")}


def test_a_task_without_entries_counts_its_monthly_estimate(known_database):
    TimeEntry.delete().execute()
    lines = {line.contractor_name: line for line in monthly_spend(TODAY).lines}
    assert lines["Ana"].monthly == Decimal("40.00")  # 1 h estimate x $40


def test_confidence_watch_lists_falling_or_lost_engagements(known_database):
    watch = confidence_watch(TODAY)
    assert [(row.contractor_name, row.trend.lost) for row in watch] == [("Ben", True)]
    feedback(known_database["cleo"], date(2026, 11, 20), 3)  # 4, 5, 5 then 3: falling, not lost
    watch = confidence_watch(TODAY)
    assert [(row.contractor_name, row.trend.lost) for row in watch] == [
        ("Ben", True),
        ("Cleo", False),
    ]


def test_hours_logged_so_far_this_month_do_not_shrink_the_spend(known_database):
    # One hour logged today must not turn a month of work into one hour.
    task = Task.get(Task.name == "Bookkeeping")
    TimeEntry.create(task=task, date=TODAY, minutes=60)
    lines = {line.contractor_name: line for line in monthly_spend(TODAY).lines}
    assert lines["Ana"].monthly == Decimal("400.00")  # still August's 10 h
    TimeEntry.delete().where(TimeEntry.date < TODAY.replace(day=1)).execute()
    Task.update(monthly_estimate_minutes=None).execute()
    lines = {line.contractor_name: line for line in monthly_spend(TODAY).lines}
    assert lines["Ana"].monthly == Decimal("40.00")  # only this month's hour is known


def test_the_terms_read_as_one_line(store):
    from desktop_app.models.engagements import get_engagement, terms_text

    start = date(2026, 3, 21)
    open_one = engagement(
        start, rate="600", rate_unit="month", cadence=30, end_date=date(2026, 12, 31)
    )
    assert terms_text(get_engagement(open_one, date(2026, 4, 1))) == (
        "Active since Mar 21, 2026 · planned end Dec 31, 2026 · check-in every 30 days · "
        "$600 per month"
    )
    ended = engagement(start, contractor_name="Bo Lind", title="Website", cadence=1)
    update_engagement(
        ended, {"status": "ended", "end_date": date(2026, 9, 27), "end_reason": "Done"}
    )
    assert terms_text(get_engagement(ended, date(2026, 10, 1))) == (
        "Ended Sep 27, 2026 (started Mar 21, 2026) · check-in every day · $40 per hour"
    )
    # In the owner's language, whole sentences (not English pieces around
    # German dates).
    from desktop_app.models.formats import use_locale
    from desktop_app.models.i18n import use_language

    use_language("de")
    use_locale("de_DE")
    assert terms_text(get_engagement(open_one, date(2026, 4, 1))) == (
        "Aktiv seit 21.03.2026 · geplantes Ende 31.12.2026 · Check-in alle 30 Tage · "
        "600\u00a0$ pro Monat"
    )


def test_the_list_gives_each_engagement_its_fields_typed(store):
    # The list reads plain rows (issue 13); dates, the rate and the names come
    # back as the model stores them.
    from desktop_app.models.engagements import Engagement, get_engagement, list_engagements

    start = date(2026, 3, 2)
    first = engagement(start, rate="42.50", end_date=date(2026, 9, 30))
    Engagement.update(on_notice_since=date(2026, 4, 1)).where(Engagement.id == first).execute()
    second = engagement(start, contractor_name="Li Wei", title="Inbox", rate=None, cadence=14)
    rows = {row.id: row for row in list_engagements(date(2026, 4, 10))}
    one, two = rows[first], rows[second]
    assert (one.contractor_name, one.brief_title, one.brief_skills) == (
        "Ana Souza", "Monthly bookkeeping", "bookkeeping, xero",
    )  # fmt: skip
    assert (one.start_date, one.end_date, one.on_notice_since) == (
        start, date(2026, 9, 30), date(2026, 4, 1),
    )  # fmt: skip
    assert one.rate == Decimal("42.50") and isinstance(one.rate, Decimal)
    assert (one.rate_unit, one.currency, one.cadence_days, one.status) == (
        "hour",
        "USD",
        7,
        "active",
    )
    assert (two.rate, two.end_date, two.on_notice_since, two.cadence_days) == (None, None, None, 14)
    assert two.contractor_name == "Li Wei"
    assert get_engagement(first, date(2026, 4, 10)) == one
