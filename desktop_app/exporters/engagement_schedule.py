"""The check-in schedule of the working engagements, as an .ics file.

The window's "Export check-in schedule…" and `offload export-schedule` both
write it through here.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from desktop_app.exporters.checkin_calendar import ScheduledCheckIn, write_schedule
from desktop_app.models.availability import OverlapInfo, overlap_with_owner, owner_schedule
from desktop_app.models.engagements import list_engagements
from desktop_app.models.errors import UserError
from desktop_app.models.overlap import zone_of

CHECK_IN_MINUTES = 30


def scheduled_check_ins(today: date) -> list[ScheduledCheckIn]:
    """One recurring check-in per trial or active engagement, and a cancelled
    event for each paused or ended one (so a calendar that imported an
    earlier file stops reminding).

    The series starts at the next due date, or today when that is past (an
    overdue check-in is best done now), and stops at a planned end date.
    """
    schedule = []
    rows = list_engagements(today)
    overlaps = overlap_with_owner(sorted({row.contractor_id for row in rows}), today)
    owner, _ = owner_schedule()
    for row in rows:
        if row.next_due is None:
            schedule.append(
                ScheduledCheckIn(
                    engagement_id=row.id,
                    contractor=row.contractor_name,
                    brief=row.brief_title,
                    first_due=row.end_date or row.start_date,
                    cadence_days=row.cadence_days,
                    cancelled=True,
                )
            )
            continue
        first = max(row.next_due, today)
        if row.end_date is not None and first > row.end_date:
            continue
        slot = check_in_slot(overlaps.get(row.contractor_id))
        schedule.append(
            ScheduledCheckIn(
                engagement_id=row.id,
                contractor=row.contractor_name,
                brief=row.brief_title,
                first_due=first,
                cadence_days=row.cadence_days,
                until=row.end_date,
                starts=slot[0] if slot else None,
                ends=slot[1] if slot else None,
                zone=zone_of(owner.zone) if slot and owner else None,
                shared_hours=overlaps[row.contractor_id].text()
                if row.contractor_id in overlaps
                else "",
            )
        )
    return schedule


def check_in_slot(info: OverlapInfo | None) -> tuple[time, time] | None:
    """Half an hour at the start of the hours shared with the contractor, the
    same local time (the owner's) through every summer-time change of the
    year on either side (the series recurs all year); None when the shared
    hours are not known, or no quarter of an hour is shared all year."""
    if info is None or info.summary is None:
        return None
    spans = [_span(info.summary.today.windows)]
    spans += [_span(later.windows) for _, later in info.summary.changes]
    if any(span is None for span in spans):
        return None
    start = max(span[0] for span in spans if span)
    end = min(span[1] for span in spans if span)
    if (end - start) < timedelta(minutes=15):
        return None
    finish = min(end, start + timedelta(minutes=CHECK_IN_MINUTES))
    base = datetime.combine(date.min, time())
    return (base + start).time(), (base + finish).time()


def _span(windows: tuple[tuple[datetime, datetime], ...]) -> tuple[timedelta, timedelta] | None:
    """The longest shared window of a day, as offsets from that day's midnight."""
    if not windows:
        return None
    start, end = max(windows, key=lambda w: w[1] - w[0])
    midnight = datetime.combine(start.date(), time())
    if end.date() != start.date():
        end = datetime.combine(start.date(), time(23, 59))
    return start - midnight, end - midnight


def export_schedule(destination: Path, today: date) -> int:
    """Write the schedule to `destination`; returns how many engagements have
    check-ins in it (cancelled ones are not counted).

    Raises UserError when no engagement has check-ins to schedule (nothing
    is written) or the file cannot be written (an existing one is kept).
    """
    schedule = scheduled_check_ins(today)
    working = sum(1 for item in schedule if not item.cancelled)
    if not working:
        raise UserError(
            "No trial or active engagement has check-ins to schedule, so there is nothing to "
            "export."
        )
    write_schedule(destination, schedule)
    return working
