"""The check-in schedule as an iCalendar file, for the owner's calendar app.

One recurring event per engagement, from its next due date at its agreed
cadence: a timed half hour inside the hours the owner and the contractor
share (in the owner's time zone, written with its VTIMEZONE, so the
calendar keeps it at that local time through summer time), with a reminder
15 minutes before; an all-day event with a reminder at 9:00 when the shared
hours are not known (no zone on record) or there are none. Each event's UID is fixed
per engagement, so importing a newer file updates the events instead of
adding copies; an engagement paused or ended since is written as a
cancelled event under the same UID, so the calendar stops reminding. Each
export carries a higher SEQUENCE than the one before (minutes since 1970),
which is how calendars tell a newer version of an event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from desktop_app.exporters.files import atomic_destination
from desktop_app.models.text import count_of

PRODUCT_ID = "-//Offload//Check-in schedule//EN"


@dataclass(frozen=True)
class ScheduledCheckIn:
    """What the calendar needs of one engagement."""

    engagement_id: int
    contractor: str
    brief: str
    first_due: date
    cadence_days: int
    until: date | None = None  # the engagement's planned end, if any
    cancelled: bool = False  # paused or ended: no more check-ins
    # A timed check-in: from `starts` to `ends` local time in `zone` (inside
    # the shared working hours); None: all day.
    starts: time | None = None
    ends: time | None = None
    zone: tzinfo | None = None
    shared_hours: str = ""  # the overlap in words, for the description


def event_uid(engagement_id: int) -> str:
    return f"offload-engagement-{engagement_id}@offload.invalid"


def schedule_calendar(
    schedule: Sequence[ScheduledCheckIn], stamp: datetime | None = None
) -> Calendar:
    """A calendar holding one recurring event per scheduled engagement."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Offload check-ins")
    stamp = stamp or datetime.now(UTC).replace(microsecond=0)
    sequence = int(stamp.timestamp()) // 60
    for item in schedule:
        event = Event()
        event.add("uid", event_uid(item.engagement_id))
        event.add("dtstamp", stamp)
        event.add("sequence", sequence)
        if item.cancelled:
            event.add("status", "CANCELLED")
            event.add("summary", f"Check in with {item.contractor}: {item.brief} (no longer)")
            event.add("dtstart", item.first_due)
            event.add("dtend", item.first_due + timedelta(days=1))
            calendar.add_component(event)
            continue
        event.add("summary", f"Check in with {item.contractor}: {item.brief}")
        description = (
            f"Agreed cadence: every {count_of(item.cadence_days, 'day')}. "
            "Ask for a progress report; then trust them to do the work."
        )
        if item.shared_hours:
            description += f" Shared working hours: {item.shared_hours}."
        event.add("description", description)
        rule: dict[str, object] = {"freq": "daily", "interval": item.cadence_days}
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Check-in due with {item.contractor}")
        if item.starts is not None and item.ends is not None and item.zone is not None:
            start = datetime.combine(item.first_due, item.starts, tzinfo=item.zone)
            event.add("dtstart", start)
            event.add("dtend", datetime.combine(item.first_due, item.ends, tzinfo=item.zone))
            if item.until is not None:
                # A timed series ends at a time, in UTC (RFC 5545, 3.3.10).
                rule["until"] = datetime.combine(
                    item.until, item.ends, tzinfo=item.zone
                ).astimezone(UTC)
            alarm.add("trigger", timedelta(minutes=-15))
        else:
            event.add("dtstart", item.first_due)
            event.add("dtend", item.first_due + timedelta(days=1))
            if item.until is not None:
                rule["until"] = item.until
            alarm.add("trigger", timedelta(hours=9))  # 9:00 on the day
        event.add("rrule", rule)
        event.add_component(alarm)
        calendar.add_component(event)
    # The VTIMEZONE of each zone the timed events name, so any calendar reads them.
    calendar.add_missing_timezones()
    return calendar


def write_schedule(destination: Path, schedule: Sequence[ScheduledCheckIn]) -> Path:
    """Write the schedule to `destination` (replaced only when complete)."""
    with atomic_destination(destination) as partial:
        partial.write_bytes(schedule_calendar(schedule).to_ical())
    return destination
