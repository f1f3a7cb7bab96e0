"""Working hours in two time zones, and the hours they share (pure, no database).

The owner's working hours and zone (Settings) against a contractor's: the
overlap is computed for a real date with `zoneinfo`, so a change to or from
summer time on either side (which do not fall on the same day: the United
States move three weeks before Europe in March) gives the hours of that
day, not of a fixed offset. A zone is an IANA name ("Europe/Lisbon") or a
UTC offset ("UTC+2", "UTC-03:30"), as the contractor form accepts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from desktop_app.models.formats import clock, long_weekday_day, number
from desktop_app.models.formats import day as day_of
from desktop_app.models.i18n import _

DEFAULT_HOURS = "09:00–17:00"
# Days the overlap counts: Monday to Friday (weekday() 0-4).
WORKING_WEEKDAYS = frozenset(range(5))

_TIME = r"(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm)?"
_RANGE = re.compile(rf"^\s*{_TIME}\s*(?:-|–|—|to|until)\s*{_TIME}\s*$", re.IGNORECASE)
_OFFSET = re.compile(r"^(?:UTC|GMT)\s*([+-−])\s*(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


class HoursError(ValueError):
    """Working hours or a zone that cannot be read; the message says why."""


@dataclass(frozen=True)
class WorkingHours:
    """From `start` to `end` local time; `end` before `start` runs past midnight."""

    start: time
    end: time

    @property
    def length(self) -> timedelta:
        start = datetime.combine(date.min, self.start)
        end = datetime.combine(date.min, self.end)
        if end <= start:
            end += timedelta(days=1)
        return end - start

    def text(self) -> str:
        # Stored as typed back (settings, contractor records): 24-hour, not the locale's.
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


def _clock(hour: str, minute: str | None, half: str | None, whole: str) -> time:
    h, m = int(hour), int(minute or 0)
    if half:
        if not 1 <= h <= 12:
            raise HoursError(
                _("“{whole}”: {h} {half} is not a time.").format(whole=whole, h=h, half=half)
            )
        h = h % 12 + (12 if half.lower() == "pm" else 0)
    if h == 24 and m == 0:
        return time(0, 0)
    if not (0 <= h <= 23 and 0 <= m <= 59):
        raise HoursError(
            _("“{whole}”: {hour}:{value} is not a time of day.").format(
                whole=whole, hour=hour, value=minute or "00"
            )
        )
    return time(h, m)


def parse_hours(text: str) -> WorkingHours:
    """ "09:00-17:00", "9–17", "9am to 5pm", "22:00-06:00" (past midnight)."""
    match = _RANGE.match(text or "")
    if not match:
        raise HoursError(
            _("“{text}” is not a span of working hours: write it as 09:00–17:00.").format(
                text=text.strip()
            )
        )
    h1, m1, p1, h2, m2, p2 = match.groups()
    start = _clock(h1, m1, p1, text.strip())
    end = _clock(h2, m2, p2, text.strip())
    if start == end:
        raise HoursError(_("“{text}” starts and ends at the same time.").format(text=text.strip()))
    return WorkingHours(start, end)


def normalize_hours(text: str) -> str:
    """The hours as stored ("09:00–17:00"); "" stays "" (not given)."""
    return parse_hours(text).text() if text and text.strip() else ""


def zone_of(name: str) -> tzinfo:
    """The tzinfo of an IANA name or a UTC offset; HoursError when unknown."""
    value = (name or "").strip()
    if not value:
        raise HoursError(_("No time zone given."))
    offset = _OFFSET.match(value)
    if offset:
        sign, hours, minutes = offset.groups()
        if int(minutes or 0) > 59:
            raise HoursError(
                _("“{value}”: {minutes} is not a number of minutes.").format(
                    value=value, minutes=minutes
                )
            )
        delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
        if delta > timedelta(hours=14):
            raise HoursError(
                _("“{value}” is further from UTC than any time zone (14 hours).").format(
                    value=value
                )
            )
        return timezone(-delta if sign in "-−" else delta, value.upper())
    if value.upper() in ("UTC", "GMT"):
        return UTC
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise HoursError(
            _(
                "“{value}” is not a time zone: use a name such as Europe/Lisbon or an offset "
                "such as UTC+2."
            ).format(value=value)
        ) from None


@dataclass(frozen=True)
class Schedule:
    """Someone's zone and working hours."""

    zone: str
    hours: WorkingHours

    @classmethod
    def of(cls, zone: str, hours_text: str) -> Schedule:
        """From stored text; hours not given are the usual 09:00–17:00."""
        zone_of(zone)  # refuse an unknown zone now, not at the first use
        return cls(zone.strip(), parse_hours(hours_text or DEFAULT_HOURS))

    def window(self, day: date) -> tuple[datetime, datetime]:
        """The working window that starts on local `day`, as aware datetimes in UTC."""
        tz = zone_of(self.zone)
        start = datetime.combine(day, self.hours.start, tzinfo=tz)
        end_day = day if self.hours.end > self.hours.start else day + timedelta(days=1)
        end = datetime.combine(end_day, self.hours.end, tzinfo=tz)
        return start.astimezone(UTC), end.astimezone(UTC)


@dataclass(frozen=True)
class Overlap:
    """The hours two schedules share on one of the owner's working days.

    Attributes:
        windows: each shared span, in the owner's local time (naive datetimes
            of that day or the next), earliest first.
    """

    day: date
    windows: tuple[tuple[datetime, datetime], ...]

    @property
    def hours(self) -> float:
        return sum((end - start).total_seconds() for start, end in self.windows) / 3600

    def text(self) -> str:
        if not self.windows:
            return _("no shared working hours")
        spans = ", ".join(f"{clock(start)}–{clock(end)}" for start, end in self.windows)
        return _("{hours} ({spans} your time)").format(hours=hours_text(self.hours), spans=spans)


def hours_text(hours: float) -> str:
    """3.5 -> "3.5 h", 3.0 -> "3 h"."""
    rounded = round(hours * 4) / 4
    return _("{hours} h").format(hours=number(rounded))


def overlap_on(day: date, owner: Schedule, other: Schedule) -> Overlap:
    """What the owner's working window starting on `day` shares with the other's
    windows (theirs of the days around it, since their day may start on our
    yesterday or tomorrow)."""
    own_start, own_end = owner.window(day)
    owner_tz = zone_of(owner.zone)
    windows = []
    for shift in (-1, 0, 1):
        their_start, their_end = other.window(day + timedelta(days=shift))
        start, end = max(own_start, their_start), min(own_end, their_end)
        if start < end:
            windows.append(
                (
                    start.astimezone(owner_tz).replace(tzinfo=None),
                    end.astimezone(owner_tz).replace(tzinfo=None),
                )
            )
    return Overlap(day, tuple(sorted(windows)))


def next_working_day(day: date) -> date:
    while day.weekday() not in WORKING_WEEKDAYS:
        day += timedelta(days=1)
    return day


@dataclass(frozen=True)
class OverlapSummary:
    """The overlap on the next working day, and when it next changes (summer time).

    Attributes:
        change: the first change within the horizon asked for (what the
            profile and the comparison say).
        changes: every change within a year, in turn (summer time starts and
            ends on each side, on other days): a check-in that recurs all
            year stays inside all of them.
    """

    today: Overlap
    # (first day, overlap from that day) of the next change within the horizon.
    change: tuple[date, Overlap] | None
    changes: tuple[tuple[date, Overlap], ...] = ()

    @property
    def hours(self) -> float:
        return self.today.hours

    def text(self) -> str:
        said = self.today.text()
        if self.change is not None:
            day, later = self.change
            said += _("; {hours} from {date}").format(
                hours=hours_text(later.hours), date=day_of(day)
            )
        return said


YEAR_DAYS = 366


def _same_clock(earlier: Overlap, later: Overlap) -> bool:
    """Whether `later` shares the same hours of the day as `earlier`."""
    shift = later.day - earlier.day
    return later.windows == tuple((start + shift, end + shift) for start, end in earlier.windows)


def overlap_summary(
    owner: Schedule, other: Schedule, today: date, horizon_days: int = 183
) -> OverlapSummary:
    """The overlap from `today` (its next working day), its first change
    within `horizon_days` (a summer-time move on either side), and every
    change within a year."""
    first = overlap_on(next_working_day(today), owner, other)
    current, day = first, first.day
    changes: list[tuple[date, Overlap]] = []
    for _day in range(max(horizon_days, YEAR_DAYS)):
        day += timedelta(days=1)
        if day.weekday() not in WORKING_WEEKDAYS:
            continue
        later = overlap_on(day, owner, other)
        if not _same_clock(current, later):
            changes.append((day, later))
            current = later
    change = changes[0] if changes and (changes[0][0] - first.day).days <= horizon_days else None
    return OverlapSummary(first, change, tuple(changes))


def zone_place(zone: str) -> str:
    """How a zone is named in a sentence: "Australia/Sydney" -> "Sydney",
    "America/Argentina/Buenos_Aires" -> "Buenos Aires"; an offset, or an
    Etc/ zone (whose sign reads backwards), as written."""
    name = zone.strip()
    if "/" not in name or name.startswith("Etc/"):
        return name
    return name.rsplit("/", 1)[1].replace("_", " ")


def when_for_both(when: datetime, owner_zone: str, their_zone: str) -> str:
    """The owner's local `when` as both read it: "Tuesday 24 Nov at 09:00
    Stockholm time, 19:00 Sydney time" (their day too when it differs);
    the owner's time alone when either zone is not known or both clocks agree."""
    said = _("{day} at {time}").format(day=long_weekday_day(when), time=clock(when))
    try:
        ours, theirs = zone_of(owner_zone), zone_of(their_zone)
    except HoursError:
        return said
    local = when.replace(tzinfo=ours)
    there = local.astimezone(theirs).replace(tzinfo=None)
    if there == when:
        return said
    their_time = (
        clock(there)
        if there.date() == when.date()
        else _("{day} at {time}").format(day=long_weekday_day(there), time=clock(there))
    )
    return _("{ours} {our_place} time, {theirs} {their_place} time").format(
        ours=said,
        our_place=zone_place(owner_zone),
        theirs=their_time,
        their_place=zone_place(their_zone),
    )
