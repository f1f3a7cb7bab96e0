"""Shared working hours between the owner and each contractor: the one
function the profile, the comparison, the hire dialog and the calendar
export read (`overlap_with_owner`), with the warning when it is under what
the brief needs for questions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from desktop_app.models.contractors import Contractor
from desktop_app.models.formats import number
from desktop_app.models.hiring_plan import plan_of
from desktop_app.models.i18n import _
from desktop_app.models.overlap import (
    DEFAULT_HOURS,
    HoursError,
    OverlapSummary,
    Schedule,
    hours_text,
    overlap_summary,
)
from desktop_app.models.settings import load_settings


@dataclass(frozen=True)
class OverlapInfo:
    """A contractor's shared hours with the owner, or why they are not known.

    Attributes:
        summary: None when a zone is missing or unreadable (`unknown` says which).
        assumed: the contractor's hours were not given, so 09:00–17:00 was used.
    """

    contractor_id: int
    summary: OverlapSummary | None
    unknown: str = ""
    assumed: bool = False

    @property
    def hours(self) -> float | None:
        return None if self.summary is None else self.summary.hours

    def text(self) -> str:
        if self.summary is None:
            return self.unknown
        said = self.summary.text()
        return said + (" (their hours assumed 09:00–17:00)" if self.assumed else "")

    def warning(self, needed: Decimal | None) -> str:
        """A warning when the overlap is under `needed` hours a day ("" when fine)."""
        if needed is None or self.summary is None:
            return ""
        least = min(
            [self.summary.today.hours]
            + ([self.summary.change[1].hours] if self.summary.change is not None else [])
        )
        if least + 1e-9 >= float(needed):
            return ""
        if least < 1e-9:
            return _(
                "No shared working hours on some working days; the brief needs {needed} h for "
                "questions."
            ).format(needed=number(needed))
        return _(
            "Only {hours} a day of shared working hours; the brief needs {needed} h for questions."
        ).format(hours=hours_text(least), needed=number(needed))


def owner_schedule() -> tuple[Schedule | None, str]:
    """The owner's schedule from Settings, or None with what to set."""
    settings = load_settings()
    if not settings.time_zone:
        return None, "Set your time zone in File > Settings to see shared hours."
    try:
        return Schedule.of(settings.time_zone, settings.working_hours or DEFAULT_HOURS), ""
    except HoursError as error:
        return None, f"Your time zone or hours in Settings cannot be read: {error}"


def overlap_with_owner(contractor_ids: Sequence[int], today: date) -> dict[int, OverlapInfo]:
    """Each contractor's shared working hours with the owner, from `today` on."""
    owner, why = owner_schedule()
    rows = Contractor.select(Contractor.id, Contractor.timezone, Contractor.working_hours).where(
        Contractor.id.in_(list(contractor_ids))
    )
    result = {}
    for row in rows:
        if owner is None:
            result[row.id] = OverlapInfo(row.id, None, why)
            continue
        if not row.timezone:
            result[row.id] = OverlapInfo(row.id, None, "Their time zone is not on record.")
            continue
        try:
            theirs = Schedule.of(row.timezone, row.working_hours or DEFAULT_HOURS)
        except HoursError as error:
            result[row.id] = OverlapInfo(row.id, None, str(error))
            continue
        result[row.id] = OverlapInfo(
            row.id, overlap_summary(owner, theirs, today), assumed=not row.working_hours
        )
    return result


def overlap_needed(brief_id: int | None) -> Decimal | None:
    """The hours a day of shared time the brief needs for questions (None: not said)."""
    return None if brief_id is None else plan_of(brief_id).overlap_hours
