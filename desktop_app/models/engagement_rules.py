"""The rules of step 4, "focus on your own work", as plain functions.

They decide when a check-in is due, when the owner is checking in far more
than agreed (micromanaging), where confidence in a contractor is heading,
and when it is lost. They take plain values (dates, scores), not rows, so
each rule can be read and tested on a hand-made history.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from desktop_app.models.formats import integer, number
from desktop_app.models.i18n import _

# Micromanagement is judged over the last four weeks (or since the start, if
# the engagement is younger, but never over less than two weeks: one extra
# check-in in a first week says little).
MICROMANAGEMENT_WINDOW_DAYS = 28
MICROMANAGEMENT_MIN_WINDOW_DAYS = 14
# "Clearly more than agreed": more than half as many again as the cadence
# calls for, and at least two more than it.
MICROMANAGEMENT_RATIO = 1.5
MICROMANAGEMENT_MARGIN = 2

LOW_CONFIDENCE = 2  # 1-5 scale: 1 or 2 is low
SHARP_FALL = 2  # points below the recent average


# How check-ins are stored (see models.engagements.Initiator and CheckInKind).
OWNER = "owner"
REQUEST = "request"


def started_by_owner(initiated_by: str, kind: str) -> bool:
    """Whether the owner started a check-in: one they opened ("I asked for
    it") or a progress report they requested (a request is always theirs).

    The one definition: the engagement's detail, its review PDF and the
    micromanagement rule all count check-ins through it.
    """
    return initiated_by == OWNER or kind == REQUEST


def next_check_in_due(start: date, cadence_days: int, check_in_dates: Sequence[date]) -> date:
    """The day the next check-in is due: one cadence after the latest check-in
    on or after the start, or one cadence after the start when there is none."""
    latest = max((day for day in check_in_dates if day >= start), default=start)
    return latest + timedelta(days=cadence_days)


def days_overdue(due: date, today: date) -> int:
    """How many days past `due` today is (0 when not yet due)."""
    return max((today - due).days, 0)


@dataclass(frozen=True)
class MicromanagementCheck:
    """The owner's check-ins over the window against what the cadence calls for."""

    window_days: int
    expected: float
    owner_started: int
    warning: bool

    def explanation(self) -> str:
        return _(
            "You started {started} check-ins in the last {days} days; the agreed cadence calls "
            "for about {expected}."
        ).format(
            started=integer(self.owner_started),
            days=integer(self.window_days),
            expected=number(self.expected, 0),
        )


def micromanagement(
    start: date,
    cadence_days: int,
    owner_check_in_dates: Sequence[date],
    today: date,
) -> MicromanagementCheck:
    """Whether the owner checks in clearly more often than agreed.

    The rule: over the last 28 days (or since the start, at least 14 days),
    the cadence calls for window / cadence check-ins. The owner is
    micromanaging when the check-ins *they* started (reports they asked for
    and check-ins they opened; not those the contractor sent) number more
    than 1.5 times that, and at least 2 more. Weekly cadence, four weeks:
    4 expected, the warning comes at 7; daily: 28 expected, at 43.
    """
    window = min(MICROMANAGEMENT_WINDOW_DAYS, max((today - start).days, 0))
    window = max(window, MICROMANAGEMENT_MIN_WINDOW_DAYS)
    since = today - timedelta(days=window)
    started = sum(1 for day in owner_check_in_dates if since < day <= today)
    expected = window / cadence_days
    warning = started > expected * MICROMANAGEMENT_RATIO and started >= (
        expected + MICROMANAGEMENT_MARGIN
    )
    return MicromanagementCheck(window, expected, started, warning)


class Direction(StrEnum):
    RISING = "rising"
    STEADY = "steady"
    FALLING = "falling"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class ConfidenceTrend:
    """Where confidence in a contractor is heading, from feedback in date order.

    Attributes:
        latest: the latest confidence (1-5), or None without feedback.
        previous_average: the average of up to three scores before the latest.
        direction: rising or falling when the latest differs from that
            average by a point or more; steady otherwise.
        lost: confidence is lost (see `confidence_lost`).
    """

    latest: int | None
    previous_average: float | None
    direction: Direction
    lost: bool
    reason: str


def confidence_trend(confidences: Sequence[int]) -> ConfidenceTrend:
    """The trend of `confidences` (1-5, oldest first)."""
    if not confidences:
        return ConfidenceTrend(None, None, Direction.UNKNOWN, False, "")
    latest = confidences[-1]
    earlier = confidences[-4:-1]
    previous = sum(earlier) / len(earlier) if earlier else None
    if previous is None:
        direction = Direction.UNKNOWN
    elif latest >= previous + 1:
        direction = Direction.RISING
    elif latest <= previous - 1:
        direction = Direction.FALLING
    else:
        direction = Direction.STEADY
    lost, reason = confidence_lost(confidences)
    return ConfidenceTrend(latest, previous, direction, lost, reason)


def confidence_lost(confidences: Sequence[int]) -> tuple[bool, str]:
    """Whether confidence is lost, and why.

    The rule: it *stays low* when the last two scores are both 2 or less; it
    *falls sharply* when the latest is 3 or less and at least 2 points below
    the average of up to three scores before it. One bad score after a good
    run is a sharp fall; one low score alone is not yet "staying low".
    """
    if len(confidences) >= 2 and all(score <= LOW_CONFIDENCE for score in confidences[-2:]):
        return True, _("Confidence has stayed low over the last two pieces of feedback.")
    earlier = confidences[-4:-1]
    if earlier:
        latest = confidences[-1]
        previous = sum(earlier) / len(earlier)
        if latest <= 3 and previous - latest >= SHARP_FALL:
            return True, _(
                "Confidence fell sharply: {latest} after an average of {average}."
            ).format(latest=integer(latest), average=number(previous, 1))
    return False, ""


@dataclass(frozen=True)
class FeedbackScore:
    """The part of one piece of feedback a scorecard needs."""

    day: date
    on_time: bool
    quality: int
    communication: int


@dataclass(frozen=True)
class Scorecard:
    """A contractor's record over some period; None where there is no feedback."""

    feedback_count: int
    on_time_percent: float | None
    average_quality: float | None
    average_communication: float | None


def scorecard(feedback: Sequence[FeedbackScore], since: date | None = None) -> Scorecard:
    """On-time share and average scores of `feedback` (from `since`, if given)."""
    chosen = [item for item in feedback if since is None or item.day >= since]
    if not chosen:
        return Scorecard(0, None, None, None)
    count = len(chosen)
    return Scorecard(
        feedback_count=count,
        on_time_percent=100 * sum(item.on_time for item in chosen) / count,
        average_quality=sum(item.quality for item in chosen) / count,
        average_communication=sum(item.communication for item in chosen) / count,
    )


RECENT_DAYS = 90


def recent_and_lifetime(
    feedback: Sequence[FeedbackScore], today: date
) -> tuple[Scorecard, Scorecard]:
    """The scorecard of the last 90 days beside the lifetime one."""
    return scorecard(feedback, today - timedelta(days=RECENT_DAYS)), scorecard(feedback)
