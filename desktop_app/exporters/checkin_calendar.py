"""The check-in schedule as an iCalendar file, for the owner's calendar app.

One recurring all-day event per engagement, from its next due date at its
agreed cadence, with a reminder at 9:00 that day. Each event's UID is fixed
per engagement, so importing a newer file updates the events instead of
adding copies; an engagement paused or ended since is written as a
cancelled event under the same UID, so the calendar stops reminding. Each
export carries a higher SEQUENCE than the one before (minutes since 1970),
which is how calendars tell a newer version of an event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
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
        event.add(
            "description",
            f"Agreed cadence: every {count_of(item.cadence_days, 'day')}. "
            "Ask for a progress report; then trust them to do the work.",
        )
        event.add("dtstart", item.first_due)
        event.add("dtend", item.first_due + timedelta(days=1))
        rule: dict[str, object] = {"freq": "daily", "interval": item.cadence_days}
        if item.until is not None:
            rule["until"] = item.until
        event.add("rrule", rule)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Check-in due with {item.contractor}")
        alarm.add("trigger", timedelta(hours=9))  # 9:00 on the day
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar


def write_schedule(destination: Path, schedule: Sequence[ScheduledCheckIn]) -> Path:
    """Write the schedule to `destination` (replaced only when complete)."""
    with atomic_destination(destination) as partial:
        partial.write_bytes(schedule_calendar(schedule).to_ical())
    return destination
