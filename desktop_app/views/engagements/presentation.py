"""How engagements read on screen: dates, due texts, trends and their colours.

Colour never carries meaning alone: every coloured cell also says it in
words ("3 days overdue", "Lost"). Each tone is returned for the palette in
use by `tones.tone`: a tone function here returns the tone's name, which
the view turns into the colour of the palette in use when it paints.
"""

from __future__ import annotations

from datetime import date

from desktop_app.models.engagement_rules import Direction
from desktop_app.models.engagements import EngagementRow, EngagementStatus
from desktop_app.models.formats import weekday_day
from desktop_app.models.i18n import _, count
from desktop_app.views.partials.tones import ALERT, GOOD, WARNING, tone


def _weekday(value: date) -> str:
    return weekday_day(value)


def due_text(row: EngagementRow, today: date, *, long: bool = False) -> str:
    """When the next check-in is due, in words: "3 days overdue", "Due today"."""
    if row.status == EngagementStatus.ENDED:
        return _("Ended: no check-ins") if long else "—"
    if row.next_due is None:
        return _("Paused: no check-in due") if long else "—"
    day = _weekday(row.next_due)
    if row.overdue_days:
        days = row.overdue_days
        if long:
            return count(
                days,
                "Next check-in: {count} day overdue (was due {day})",
                "Next check-in: {count} days overdue (was due {day})",
                day=day,
            )
        return count(days, "{count} day overdue", "{count} days overdue")
    ahead = (row.next_due - today).days
    if ahead <= 0:
        return _("Next check-in: due today") if long else _("Due today")
    if ahead == 1:
        return (
            _("Next check-in: due tomorrow ({day})").format(day=day) if long else _("Due tomorrow")
        )
    if long:
        return count(
            ahead,
            "Next check-in: due {day}, in {count} day",
            "Next check-in: due {day}, in {count} days",
            day=day,
        )
    return _("Due {day}").format(day=day)


def due_tone(row: EngagementRow, today: date) -> str | None:
    """ALERT when overdue, WARNING when due today; None otherwise."""
    if row.next_due is None:
        return None
    if row.overdue_days:
        return ALERT
    return WARNING if row.next_due <= today else None


def due_sort_key(row: EngagementRow) -> tuple[int, date | None]:
    """Most urgent first: overdue, then soonest; paused and ended last."""
    return (0, row.next_due) if row.next_due else (1 if row.status == "paused" else 2, None)


def confidence_text(row: EngagementRow) -> str:
    return "" if row.trend.latest is None else f"{row.trend.latest} / 5"


def trend_text(row: EngagementRow) -> str:
    trend = row.trend
    if trend.latest is None:
        return _("No feedback yet")
    if trend.lost:
        return _("Lost")
    return {
        Direction.RISING: _("Rising ↑"),
        Direction.FALLING: _("Falling ↓"),
        Direction.STEADY: _("Steady"),
        Direction.UNKNOWN: _("First score"),
    }[trend.direction]


def trend_tone(row: EngagementRow) -> str | None:
    if row.trend.lost:
        return ALERT
    if row.trend.direction is Direction.FALLING:
        return WARNING
    if row.doing_well:
        return GOOD
    return None


def status_text(row: EngagementRow) -> str:
    text = _(row.status_label)
    if row.on_notice_since and row.status != EngagementStatus.ENDED:
        return _("{status} · on notice").format(status=text)
    return text


def banner_style(object_name: str, name: str) -> str:
    """A tinted box with a border in tone `name`, for warnings and alerts."""
    colour = tone(name)
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return (
        f"QFrame#{object_name} {{ border: 1px solid {colour}; border-radius: 6px; "
        f"background: rgba({red}, {green}, {blue}, 28); }}"
    )
