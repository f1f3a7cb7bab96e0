"""Shared working hours across time zones and summer-time changes (zoneinfo)."""

from datetime import date, datetime, time
from decimal import Decimal

import pytest

from desktop_app.models.availability import overlap_with_owner
from desktop_app.models.contractor_input import parse_contractor
from desktop_app.models.contractors import create_contractor
from desktop_app.models.errors import ValidationError
from desktop_app.models.hiring_plan import update_plan
from desktop_app.models.overlap import (
    HoursError,
    Schedule,
    overlap_on,
    overlap_summary,
    parse_hours,
    zone_of,
)
from desktop_app.models.settings import Settings, load_settings, parse_settings, save_settings

STOCKHOLM = Schedule.of("Europe/Stockholm", "09:00-17:00")
NEW_YORK = Schedule.of("America/New_York", "09:00-17:00")


def test_overlap_follows_each_side_s_summer_time_change():
    # Winter: New York is 6 h behind Stockholm, 15:00-17:00 ours.
    winter = overlap_on(date(2027, 3, 5), STOCKHOLM, NEW_YORK)
    assert winter.hours == 2
    assert winter.windows == ((datetime(2027, 3, 5, 15), datetime(2027, 3, 5, 17)),)
    # 14 Mar 2027 the US moves; Europe waits until 28 Mar: 5 h apart, 3 h shared.
    assert overlap_on(date(2027, 3, 15), STOCKHOLM, NEW_YORK).hours == 3
    assert overlap_on(date(2027, 3, 26), STOCKHOLM, NEW_YORK).text() == (
        "3 h (2:00\u202fPM–5:00\u202fPM your time)"
    )
    # Both on summer time: 6 h apart again.
    assert overlap_on(date(2027, 3, 29), STOCKHOLM, NEW_YORK).hours == 2
    summary = overlap_summary(STOCKHOLM, NEW_YORK, date(2027, 3, 5))
    assert summary.change is not None and summary.change[0] == date(2027, 3, 15)
    assert summary.text() == "2 h (3:00\u202fPM–5:00\u202fPM your time); 3 h from Mar 15, 2027"


def test_overlap_across_midnight_and_the_date_line():
    manila = Schedule.of("Asia/Manila", "14:00-22:00")  # 7 h ahead of Stockholm in winter
    assert overlap_on(date(2026, 11, 23), STOCKHOLM, manila).text() == (
        "6 h (9:00\u202fAM–3:00\u202fPM your time)"
    )
    # Works nights at a fixed offset: their Sunday night is our Monday morning.
    night = Schedule.of("UTC+2", "22:00-08:00")
    shared = overlap_on(date(2026, 11, 23), Schedule.of("Europe/London", "05:00-09:00"), night)
    assert shared.windows == ((datetime(2026, 11, 23, 5), datetime(2026, 11, 23, 6)),)
    sydney = Schedule.of("Australia/Sydney", "09:00-17:00")
    assert overlap_on(date(2026, 11, 23), STOCKHOLM, sydney).hours == 0
    assert overlap_on(date(2026, 11, 23), STOCKHOLM, sydney).text() == "no shared working hours"


def test_hours_and_zones_as_people_type_them():
    assert parse_hours("9-17").text() == "09:00–17:00"
    assert parse_hours("9am to 5:30pm").text() == "09:00–17:30"
    assert parse_hours("22.00 – 06.00").start == time(22)
    for bad in ("9", "25:00-26:00", "9-9", "noon-ish"):
        with pytest.raises(HoursError):
            parse_hours(bad)
    assert zone_of("UTC-03:30").utcoffset(None).total_seconds() == -3.5 * 3600
    with pytest.raises(HoursError, match="not a time zone"):
        zone_of("Mars/Olympus")
    with pytest.raises(HoursError, match="14 hours"):
        zone_of("UTC+15")


def test_the_owner_sets_zone_and_hours_in_settings_and_bad_ones_are_refused(store):
    settings = parse_settings({"time_zone": "europe/stockholm", "working_hours": "9-16"})
    assert (settings.time_zone, settings.working_hours) == ("Europe/Stockholm", "09:00–16:00")
    with pytest.raises(ValidationError) as refused:
        parse_settings({"time_zone": "Stockholm", "working_hours": "all day"})
    assert set(refused.value.errors) == {"time_zone", "working_hours"}
    save_settings(settings)
    assert load_settings().time_zone == "Europe/Stockholm"
    assert Settings().time_zone == ""  # not set until the owner says


def test_each_contractor_s_overlap_and_the_warning_under_the_brief_s_need(store):
    from tests.engagement_helpers import brief

    ids = [
        create_contractor(parse_contractor(values))
        for values in (
            {"name": "Ana", "timezone": "Europe/Lisbon", "working_hours": "08:00-16:00"},
            {"name": "Dana", "timezone": "America/Chicago"},
            {"name": "Yuki"},
        )
    ]
    unset = overlap_with_owner(ids, date(2026, 11, 23))
    assert unset[ids[0]].summary is None and "Set your time zone" in unset[ids[0]].text()
    save_settings(Settings(time_zone="Europe/Stockholm", working_hours="09:00–16:00"))
    info = overlap_with_owner(ids, date(2026, 11, 23))
    assert info[ids[0]].text() == "7 h (9:00\u202fAM–4:00\u202fPM your time)"
    assert info[ids[1]].text() == (
        "no shared working hours; 1 h from Mar 15, 2027 (their hours assumed 09:00–17:00)"
    )
    assert info[ids[2]].text() == "Their time zone is not on record."
    brief_id = brief()
    update_plan(brief_id, {"overlap_hours": "2"})
    assert info[ids[0]].warning(Decimal("2")) == ""
    assert info[ids[1]].warning(Decimal("2")) == (
        "No shared working hours on some working days; the brief needs 2 h for questions."
    )
    assert info[ids[1]].warning(Decimal("0.5")) == (  # none before 15 Mar, not "only 0 h"
        "No shared working hours on some working days; the brief needs 0.5 h for questions."
    )
    with pytest.raises(ValidationError, match=r"span of working hours"):
        parse_contractor({"name": "X", "working_hours": "whenever"})


def test_a_zone_is_named_by_its_place_and_an_offset_as_written():
    from desktop_app.models.overlap import zone_place

    assert zone_place("Australia/Sydney") == "Sydney"
    assert zone_place("America/Argentina/Buenos_Aires") == "Buenos Aires"
    assert zone_place("UTC+5:30") == "UTC+5:30"
    assert zone_place("Etc/GMT+5") == "Etc/GMT+5"  # five hours behind UTC, not "GMT+5"
