"""Referrals as people with a history; interview criteria from the brief's
must-haves; the check-in calendar's timed events inside the shared hours;
the sample workspace's hiring data."""

from datetime import date, datetime, time, timedelta

import pytest
from icalendar import Calendar

from desktop_app.demo import fill_demo_data
from desktop_app.exporters.checkin_calendar import ScheduledCheckIn, write_schedule
from desktop_app.exporters.engagement_schedule import export_schedule
from desktop_app.models.contractor_input import parse_contractor
from desktop_app.models.contractors import (
    Contractor,
    contractor_rows,
    create_contractor,
    source_text,
)
from desktop_app.models.errors import ValidationError
from desktop_app.models.interview_criteria import (
    brief_criteria,
    criterion_scores,
    set_criterion_scores,
    write_criterion_scores,
)
from desktop_app.models.overlap import zone_of
from desktop_app.models.referrals import (
    add_referrer,
    ask_for_referral,
    delete_referrer,
    parse_referrer,
    record_recommendation,
    redo_recommendation,
    referrer_history,
    referrer_of,
    referrer_rows,
    restore_rows,
    undo_recommendation,
)
from desktop_app.models.settings import load_settings
from tests.engagement_helpers import brief, contractor, expectations


def test_a_referral_names_a_person_with_a_history(store):
    brief_id = brief()
    leo = add_referrer(parse_referrer({"name": "Leo Martins", "email": "leo@example.com",
                                       "relation": "Fellow shop owner"}))  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        parse_referrer({"name": " ", "email": "not-an-address"})
    assert set(refused.value.errors) == {"name", "email"}
    priya = create_contractor(parse_contractor({"name": "Priya Raman", "source": "upwork"}))
    request = ask_for_referral(leo, brief_id, date(2026, 11, 6))
    edit = record_recommendation(leo, priya, date(2026, 11, 7), request)
    row = next(r for r in contractor_rows() if r.id == priya)
    assert source_text(row.source, row.source_detail) == "Referral from Leo Martins"
    assert referrer_of(priya) == (leo, "Leo Martins")
    assert [e.text for e in referrer_history(leo)] == [
        "Recommended Priya Raman",
        "Asked for a recommendation for “Monthly bookkeeping”",
    ]
    (summary,) = referrer_rows()
    assert (summary.asked, summary.last_asked, summary.recommended) == (
        1, date(2026, 11, 6), ("Priya Raman",)
    )  # fmt: skip
    with pytest.raises(ValidationError, match="already on record"):
        record_recommendation(leo, priya, date(2026, 11, 8))
    snapshot = undo_recommendation(edit)
    assert Contractor.get_by_id(priya).source == "upwork" and referrer_of(priya) is None
    redo_recommendation(edit, snapshot)
    assert referrer_of(priya) == (leo, "Leo Martins")
    removed = delete_referrer(leo)
    assert referrer_rows() == [] and referrer_of(priya) is None
    restore_rows(removed)
    assert referrer_history(leo)[0].text == "Recommended Priya Raman"


def test_the_interview_scorecard_offers_the_brief_s_must_haves(store):
    from desktop_app.models.contractors import Interview

    brief_id = brief()
    expectations(brief_id, ("Reconcile", "must", ""), ("Answer fast", "should", ""),
                 ("Close by the 10th", "must", ""))  # fmt: skip
    criteria = brief_criteria(brief_id)
    assert [c.text for c in criteria] == ["Reconcile", "Close by the 10th"]
    interview = Interview.create(contractor=contractor(), brief=brief_id,
                                 held_at=datetime(2026, 11, 2, 10), held=True)  # fmt: skip
    first, second = (c.expectation_id for c in criteria)
    before = set_criterion_scores(interview.id, {first: 5, second: 3})
    assert before == {} and criterion_scores([interview.id]) == {
        interview.id: {first: 5, second: 3}
    }
    with pytest.raises(ValidationError, match="must-have"):
        set_criterion_scores(interview.id, {first + 1: 4})  # the should-have
    with pytest.raises(ValidationError, match="from 1 to 5"):
        set_criterion_scores(interview.id, {first: 0})
    previous = set_criterion_scores(interview.id, {second: None})
    assert criterion_scores([interview.id])[interview.id] == {first: 5}
    write_criterion_scores(interview.id, previous)  # undo
    assert criterion_scores([interview.id])[interview.id] == {first: 5, second: 3}


def test_timed_check_ins_keep_their_local_time_in_the_owner_s_zone(tmp_path):
    zone = zone_of("Europe/Stockholm")
    schedule = [
        ScheduledCheckIn(3, "Ana", "Books", date(2026, 11, 23), 7, date(2027, 4, 30),
                         starts=time(15), ends=time(15, 30), zone=zone,
                         shared_hours="2 h (15:00–17:00 your time)"),
        ScheduledCheckIn(4, "Ben", "Support", date(2026, 11, 24), 14),
    ]  # fmt: skip
    calendar = Calendar.from_ical(write_schedule(tmp_path / "c.ics", schedule).read_bytes())
    timed, all_day = calendar.walk("VEVENT")
    start = timed.decoded("dtstart")
    assert start == datetime(2026, 11, 23, 15, tzinfo=zone)
    assert str(timed["dtstart"].params["TZID"]) == "Europe/Stockholm"
    assert timed.decoded("dtend") - start == timedelta(minutes=30)
    # The series ends at the last check-in's end, in UTC (RFC 5545).
    assert timed["rrule"]["UNTIL"] == [datetime(2027, 4, 30, 13, 30, tzinfo=zone_of("UTC"))]
    assert timed.walk("VALARM")[0].decoded("trigger") == timedelta(minutes=-15)
    assert "Shared working hours: 2 h (15:00–17:00 your time)." in str(timed["description"])
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    assert all_day.decoded("dtstart") == date(2026, 11, 24)


def test_the_sample_workspace_sets_hours_zones_and_a_trial_with_three(store, tmp_path):
    fill_demo_data(date(2026, 11, 20))
    settings = load_settings()
    assert (settings.time_zone, settings.working_hours) == ("Europe/Stockholm", "09:00–16:00")
    assert all(c.timezone for c in Contractor.select())
    path = tmp_path / "checkins.ics"
    assert export_schedule(path, date(2026, 11, 20)) == 3
    events = [e for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")
              if str(e.get("status", "")) != "CANCELLED"]  # fmt: skip
    # Every working engagement's contractor has a zone: each check-in is timed,
    # inside Maya's 09:00–16:00.
    for event in events:
        start = event.decoded("dtstart")
        assert isinstance(start, datetime), event["summary"]
        assert time(9) <= start.time() and event.decoded("dtend").time() <= time(16)


@pytest.mark.parametrize("zone", ["Australia/Sydney", "America/Santiago", "America/New_York"])
def test_a_timed_check_in_stays_inside_the_shared_hours_through_every_change_of_the_year(zone):
    from desktop_app.exporters.engagement_schedule import check_in_slot
    from desktop_app.models.availability import OverlapInfo
    from desktop_app.models.overlap import Schedule, overlap_on, overlap_summary

    owner = Schedule.of("Europe/Stockholm", "09:00–16:00")
    for start in range(0, 24, 2):
        theirs = Schedule.of(zone, f"{start:02d}:00–{(start + 8) % 24:02d}:00")
        for today in (date(2026, 1, 15), date(2026, 6, 15), date(2026, 11, 16)):
            slot = check_in_slot(OverlapInfo(1, overlap_summary(owner, theirs, today)))
            if slot is None:
                continue  # an all-day check-in: no half hour is shared all year
            # Sydney from 00:00 in January: 14:00–16:00 here, 15:00–16:00 from
            # 29 March, none from 6 April when Sydney leaves summer time.
            for offset in range(366):
                day = today + timedelta(days=offset)
                if day.weekday() > 4:
                    continue
                begin, end = (datetime.combine(day, t) for t in slot)
                shared = overlap_on(day, owner, theirs).windows
                assert any(a <= begin and end <= b for a, b in shared), (zone, start, today, day)
