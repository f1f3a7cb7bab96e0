"""The check-in schedule of the working engagements, as an .ics file.

The window's "Export check-in schedule…" and `offload export-schedule` both
write it through here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop_app.exporters.checkin_calendar import ScheduledCheckIn, write_schedule
from desktop_app.models.engagements import list_engagements
from desktop_app.models.errors import UserError


def scheduled_check_ins(today: date) -> list[ScheduledCheckIn]:
    """One recurring check-in per trial or active engagement, and a cancelled
    event for each paused or ended one (so a calendar that imported an
    earlier file stops reminding).

    The series starts at the next due date, or today when that is past (an
    overdue check-in is best done now), and stops at a planned end date.
    """
    schedule = []
    for row in list_engagements(today):
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
        schedule.append(
            ScheduledCheckIn(
                engagement_id=row.id,
                contractor=row.contractor_name,
                brief=row.brief_title,
                first_due=first,
                cadence_days=row.cadence_days,
                until=row.end_date,
            )
        )
    return schedule


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
