"""Time audit: the tasks the owner does and the time spent on them (step 1).

The models, and the queries and edits the time audit makes. Every edit
validates first and raises `ValidationError` naming the field at fault,
changing nothing. The rules (candidate, score, buy-back) are pure functions
in `time_audit_rules`; this module feeds them from the database.

A month is loaded with a fixed handful of queries whatever the number of
tasks: the tasks, and the month's entries summed per task (`load_month`).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from peewee import (
    BooleanField,
    CharField,
    Check,
    DateField,
    DateTimeField,
    DecimalField,
    Expression,
    ForeignKeyField,
    IntegerField,
    IntegrityError,
    SmallIntegerField,
    TextField,
    chunked,
    fn,
)

from desktop_app.models import versions
from desktop_app.models.base import BaseModel, database, now
from desktop_app.models.engine import is_postgres, param, placeholders
from desktop_app.models.errors import ValidationError
from desktop_app.models.formats import day as format_day
from desktop_app.models.formats import integer, month_name, month_year
from desktop_app.models.i18n import N_, _
from desktop_app.models.parsing import parse_amount, read_duration
from desktop_app.models.progress import Progress
from desktop_app.models.rows import delete_from, dicts, frozen_row, inserted_id, plain_rows, tuples
from desktop_app.models.settings import Settings, load_settings
from desktop_app.models.snapshots import RowSnapshot, delete_with_snapshot
from desktop_app.models.text import fold, fold_cached

# The vocabulary (needs, statuses, overrides) lives with the pure rules;
# it is re-exported here beside the models that store it.
from desktop_app.models.time_audit_rules import (  # noqa: F401
    NEED_LABELS,
    OVERRIDE_LABELS,
    RATED_FIELDS,
    TASK_STATUS_LABELS,
    Need,
    Override,
    Quadrant,
    TaskStatus,
    buy_back_per_month,
    buyback_rate,
    derive_status,
    drain,
    is_candidate,
    outsourcing_score,
    quadrant,
    worth_per_month,
)

AREAS = ("marketing", "admin", "finance", "content", "support", "development", "sales", "other")
AREA_LABELS = {
    "marketing": N_("Marketing"),
    "admin": N_("Admin"),
    "finance": N_("Finance"),
    "content": N_("Content"),
    "support": N_("Support"),
    "development": N_("Development"),
    "sales": N_("Sales"),
    "other": N_("Other"),
}

MAX_NAME_LENGTH = 200
MAX_NOTES_LENGTH = 10_000
MAX_ENTRY_NOTE_LENGTH = 2_000
MINUTES_PER_DAY = 24 * 60
MAX_MONTHLY_MINUTES = 31 * MINUTES_PER_DAY
# An hourly rate above this is a typo.
MAX_RATE = Decimal("100000")

log = logging.getLogger("offload.tasks")


class Task(BaseModel):
    """A piece of recurring work the owner does."""

    name = CharField(max_length=200)
    # Name folded for matching (case and accents ignored): imports match
    # "Factures" and "factures" to one task, and names stay unique that way.
    name_key = CharField(max_length=200, unique=True)
    area = CharField(max_length=40, default="other", index=True)
    # What the task needs and the owner's ratings: None until the owner rates
    # the task (see time_audit_rules.RATED_FIELDS); a new task is not rated.
    need = CharField(max_length=12, null=True, index=True)
    owner_has_expertise = BooleanField(null=True)
    dislike = SmallIntegerField(null=True, constraints=[Check("dislike BETWEEN 1 AND 5")])
    pull_away = SmallIntegerField(null=True, constraints=[Check("pull_away BETWEEN 1 AND 5")])
    # What the task is worth to the business, 1-5: the value axis of the matrix.
    business_value = SmallIntegerField(
        null=True, constraints=[Check("business_value BETWEEN 1 AND 5")]
    )
    # Used for months without entries.
    monthly_estimate_minutes = IntegerField(
        null=True, constraints=[Check("monthly_estimate_minutes >= 0")]
    )
    # The hourly rate a contractor would expect; optional.
    contractor_rate = DecimalField(max_digits=12, decimal_places=2, auto_round=True, null=True)
    override = CharField(max_length=10, null=True)
    status = CharField(max_length=12, default=TaskStatus.LOGGED, index=True)
    notes = TextField(default="")
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)
    # The day the task was handed off (None while it is not): hours the owner
    # logs on it from then on are flagged, never counted as handed off.
    handed_off_on = DateField(null=True)
    # No lost updates (`models.versions`, schema 12): bumped by each save,
    # with who saved last and when.
    row_version = IntegerField(default=1)
    changed_by = CharField(max_length=200, default="")
    changed_at = DateTimeField(null=True)


class TimeEntry(BaseModel):
    """Minutes spent on a task on one date."""

    task = ForeignKeyField(Task, backref="entries", on_delete="CASCADE")
    task_id: int
    date = DateField(index=True)
    minutes = IntegerField(constraints=[Check("minutes > 0 AND minutes <= 1440")])
    note = TextField(default="")
    # A fingerprint of the imported row: importing the same file twice adds nothing.
    import_key = CharField(max_length=64, null=True, unique=True)
    created_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("task", "date"), False),)


# Months ---------------------------------------------------------------------


def month_start(day: date) -> date:
    """The first day of `day`'s month: how a month is named in this module."""
    return day.replace(day=1)


def next_month(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def previous_month(month: date) -> date:
    return (month.replace(day=1) - timedelta(days=1)).replace(day=1)


ROLLING_DAYS = 30


@dataclass(frozen=True)
class Period:
    """What the time audit sums up: a calendar month, or the last 30 days.

    `end` is the day after the last day. The last 30 days always hold a
    whole month's worth of days, where a calendar month on its 1st holds one.
    """

    start: date
    end: date
    rolling: bool = False

    @property
    def label(self) -> str:
        """ "Last 30 days" or "December 2026"."""
        if self.rolling:
            return _("Last {count} days").format(count=ROLLING_DAYS)
        return month_year(self.start).capitalize()

    @property
    def phrase(self) -> str:
        """ "in the last 30 days" or "in December 2026"."""
        if self.rolling:
            return _("in the last {count} days").format(count=ROLLING_DAYS)
        return _("in {month}").format(month=month_year(self.start))

    @property
    def short(self) -> str:
        """ "the last 30 days" or "December"."""
        if self.rolling:
            return _("the last {count} days").format(count=ROLLING_DAYS)
        return month_name(self.start)

    @property
    def in_short(self) -> str:
        """ "in the last 30 days" or "in December"."""
        if self.rolling:
            return _("in the last {count} days").format(count=ROLLING_DAYS)
        return _("in {month}").format(month=month_name(self.start))

    @property
    def key(self) -> str:
        """ "last30" or "2026-12": how a period is named in settings and menus."""
        return f"last{ROLLING_DAYS}" if self.rolling else f"{self.start:%Y-%m}"


def month_period(day: date) -> Period:
    """The calendar month holding `day`."""
    start = month_start(day)
    return Period(start, next_month(start))


def rolling_period(today: date) -> Period:
    """The last 30 days, today included."""
    return Period(today - timedelta(days=ROLLING_DAYS - 1), today + timedelta(days=1), True)


def as_period(value: date | Period) -> Period:
    return value if isinstance(value, Period) else month_period(value)


def audit_period(today: date) -> Period:
    """The period the Time audit opens on and the Overview sums up, so both say
    the same thing: whichever holds a month of data.

    While the owner logs (entries this month), the last 30 days: on the 1st
    the calendar month would hold one day. Otherwise the latest month with
    entries (after importing last month's export, say: that month is whole),
    or this month when nothing is logged yet.
    """
    if _has_entries(month_period(today)):
        return rolling_period(today)
    return month_period(audit_month(today))


def _has_entries(period: Period) -> bool:
    return (
        TimeEntry.select(TimeEntry.id)
        .where((TimeEntry.date >= period.start) & (TimeEntry.date < period.end))
        .exists()
    )


def parse_month(text: str) -> date:
    """The month in "YYYY-MM" (e.g. "2025-03"); ValidationError otherwise."""
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValidationError(
            _("“{text}” is not a month; write it as YYYY-MM.").format(text=text.strip()), "month"
        )
    return date(int(match.group(1)), int(match.group(2)), 1)


def audit_month(today: date) -> date:
    """The month to show when none is chosen: this month, unless only earlier
    months hold entries (after importing last month's export, say), then the
    latest of those. The Time audit opens on it; the Overview and
    `export-tasks` sum it up."""
    this_month = month_start(today)
    months = months_with_entries()
    if not months or this_month in months:
        return this_month
    earlier = [month for month in months if month < this_month]
    return earlier[0] if earlier else this_month


def months_with_entries() -> list[date]:
    """The months that hold at least one time entry, most recent first.

    One look into the date index a month, from the latest entry back (a
    DISTINCT over every entry's month read all of them: 7 ms on a year of
    60,000, against 0.1 ms)."""
    months: list[date] = []
    # The SQL written once (Peewee takes longer to write it than SQLite to
    # answer it), then asked a month at a time.
    sql, _ = TimeEntry.select(fn.MAX(TimeEntry.date)).where(TimeEntry.date < date.max).sql()
    latest = TimeEntry.select(fn.MAX(TimeEntry.date)).scalar()
    while latest is not None:
        months.append(parse_month(str(latest)[:7]))
        (latest,) = database.execute_sql(sql, (months[-1],)).fetchone()
    return months


# Durations as people type them ------------------------------------------------


def parse_entry_duration(text: str) -> int:
    """Minutes from what the owner typed: "45" (minutes), "1:30", "1h30", "1.5h", "90m".

    Raises ValidationError (field "minutes") for anything else, for zero or
    a negative duration, and for more than 24 hours.
    """
    cleaned = text.strip().lower().replace(" ", "")
    if not cleaned:
        raise ValidationError(
            _("How long? Type minutes (45) or hours and minutes (1:30)."), "minutes"
        )
    if cleaned.startswith("-"):
        raise ValidationError(_("A duration cannot be negative."), "minutes")
    if len(cleaned) > 16:  # no duration is written this long (and int() refuses 4,300 digits)
        raise ValidationError(
            _("“{text}…” is not a duration; type minutes (45) or hours and minutes (1:30).").format(
                text=text.strip()[:16]
            ),
            "minutes",
        )
    try:
        minutes = read_duration(text)
    except ValueError as error:
        raise ValidationError(str(error), "minutes") from None
    return check_entry_minutes(minutes)


def check_entry_minutes(minutes: int) -> int:
    if minutes <= 0:
        raise ValidationError(_("A time entry must last at least one minute."), "minutes")
    if minutes > MINUTES_PER_DAY:
        raise ValidationError(_("A time entry cannot last more than 24 hours."), "minutes")
    return minutes


def parse_monthly_hours(text: str) -> int | None:
    """Minutes a month from hours typed as "6", "6.5", "6,5" or "6:30"; None when empty."""
    if not text.strip():
        return None
    try:
        minutes = read_duration(text, bare="hours")
    except ValueError:
        raise ValidationError(
            _("“{text}” is not a number of hours (e.g. 6 or 6:30).").format(text=text.strip()),
            "monthly_estimate_minutes",
        ) from None
    return _check_estimate(minutes)


def _check_estimate(minutes: int) -> int:
    if minutes < 0:
        raise ValidationError(
            _("A monthly estimate cannot be negative."), "monthly_estimate_minutes"
        )
    if minutes > MAX_MONTHLY_MINUTES:
        raise ValidationError(
            _("A month holds at most 744 hours; check the estimate."), "monthly_estimate_minutes"
        )
    return minutes


def format_minutes(minutes: int) -> str:
    """Minutes as h:mm ("1:05")."""
    sign = "-" if minutes < 0 else ""
    whole, rest = divmod(abs(minutes), 60)
    return f"{sign}{whole}:{rest:02d}"


# Task fields: validation ------------------------------------------------------

# The fields the owner edits; `task_values` and `restore_task_values` carry them.
TASK_FIELDS = (
    "name",
    "area",
    "need",
    "owner_has_expertise",
    "dislike",
    "pull_away",
    "business_value",
    "monthly_estimate_minutes",
    "contractor_rate",
    "override",
    "status",
    "notes",
    "handed_off_on",
)

_RATING_LABELS = {
    "dislike": N_("Dislike"),
    "pull_away": N_("Pull-away"),
    "business_value": N_("Business value"),
}


def _clean_name(value: Any, task_id: int | None) -> str:
    name = " ".join(str(value or "").split())
    if not name:
        raise ValidationError(_("A task needs a name."), "name")
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError(
            _("A task name can be at most {MAX_NAME_LENGTH} characters.").format(
                MAX_NAME_LENGTH=MAX_NAME_LENGTH
            ),
            "name",
        )
    clash = Task.select(Task.id, Task.name).where(Task.name_key == fold(name))
    if task_id is not None:
        clash = clash.where(Task.id != task_id)
    existing = clash.first()
    if existing is not None:
        raise ValidationError(
            _("A task named “{name}” already exists.").format(name=existing.name), "name"
        )
    return name


def _clean_rating(key: str, value: Any) -> int:
    label = _(_RATING_LABELS[key])
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError(
            _("{label} is a rating from 1 to 5.").format(label=label), key
        ) from None
    if not 1 <= number <= 5:
        raise ValidationError(_("{label} is a rating from 1 to 5.").format(label=label), key)
    return number


def _clean_rate(value: Any) -> Decimal | None:
    return parse_amount(value, "contractor_rate", "Contractor rate", maximum=MAX_RATE)


def _clean_field(key: str, value: Any, task_id: int | None) -> Any:  # noqa: PLR0912 (one branch a field)
    if key == "name":
        return _clean_name(value, task_id)
    if key == "area":
        if value not in AREAS:
            raise ValidationError(
                _("Choose an area: {join}.").format(join=", ".join(AREAS)), "area"
            )
        return value
    if key == "need":
        if value is None:
            return None  # back to "not rated" (an undo)
        if value not in set(Need):
            raise ValidationError(_("Choose what the task needs."), "need")
        return Need(value).value
    if key == "owner_has_expertise":
        return None if value is None else bool(value)
    if key in _RATING_LABELS:
        return None if value is None else _clean_rating(key, value)
    if key == "monthly_estimate_minutes":
        if value is None or value == "":
            return None
        if isinstance(value, str):
            return parse_monthly_hours(value)
        return _check_estimate(int(value))
    if key == "contractor_rate":
        return _clean_rate(value)
    if key == "override":
        if value in (None, ""):
            return None
        if value not in set(Override):
            raise ValidationError(_("Choose Keep, Outsource or By the rules."), "override")
        return Override(value).value
    if key == "status":
        if value not in set(TaskStatus):
            raise ValidationError(_("Choose a status."), "status")
        return TaskStatus(value).value
    if key == "handed_off_on":
        return None if value is None else _clean_day(value)
    if key == "notes":
        text = str(value or "")
        if len(text) > MAX_NOTES_LENGTH:
            raise ValidationError(
                _("Notes can be at most {limit} characters.").format(
                    limit=integer(MAX_NOTES_LENGTH)
                ),
                "notes",
            )
        return text
    raise ValidationError(_("Unknown task field “{key}”.").format(key=key), key)


def clean_task_fields(values: Mapping[str, Any], task_id: int | None = None) -> dict[str, Any]:
    """Typed, valid values for `values`; ValidationError naming every field at fault."""
    cleaned: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for key, value in values.items():
        try:
            cleaned[key] = _clean_field(key, value, task_id)
        except ValidationError as error:
            errors[key] = str(error)
    if errors:
        raise ValidationError.from_errors(errors)
    return cleaned


# Tasks: edits -----------------------------------------------------------------


def create_task(name: str, **fields: Any) -> int:
    """Add a task; its status follows the rules. Returns its id.

    What it needs and the ratings left out stay unrated (None): a new task
    is no candidate until the owner says what it needs."""
    values = clean_task_fields({"name": name, **fields})
    need = values.get("need")
    override = values.get("override")
    values["status"] = derive_status(need, override, values.get("status", TaskStatus.LOGGED))
    values["name_key"] = fold(values["name"])
    return inserted_id(Task.insert(**values))


def task_values(task_id: int) -> dict[str, Any]:
    """The editable fields of a task, as stored (what an undo puts back)."""
    task = _get_task(task_id)
    return {key: getattr(task, key) for key in TASK_FIELDS}


def _get_task(task_id: int) -> Task:
    task = Task.get_or_none(Task.id == task_id)
    if task is None:
        raise ValidationError(_("That task no longer exists."))
    return task


def update_task(task_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Change a task's fields; returns every editable field as it was before.

    A change of what the task needs or of the owner's override moves its
    status by the rules. A status chosen by the owner moves the override
    with it: Kept is the override Keep; Candidate on a task the rules
    leave out is the override Outsource. A task marked handed off without a
    monthly estimate keeps its latest logged month as one, so the hours
    handed off still count in the months after; it also keeps the day of
    the hand-off (`handed_off_on`, today unless given), from which hours the
    owner still logs are flagged. A task no longer handed off forgets it.
    """
    task = _get_task(task_id)
    before = {key: getattr(task, key) for key in TASK_FIELDS}
    values = clean_task_fields(changes, task_id)
    merged = {**before, **values}
    if "status" in values:
        merged.update(_status_choice(task, merged, values["status"]))
    elif "need" in values or "override" in values:
        merged["status"] = derive_status(merged["need"], merged["override"], before["status"])
    if (
        merged["status"] == TaskStatus.HANDED_OFF
        and before["status"] != TaskStatus.HANDED_OFF
        and merged["monthly_estimate_minutes"] is None
    ):
        merged["monthly_estimate_minutes"] = latest_month_minutes(task_id)
    if merged["status"] == TaskStatus.HANDED_OFF:
        if merged["handed_off_on"] is None or "handed_off_on" in values:
            merged["handed_off_on"] = values.get("handed_off_on") or date.today()
    else:
        merged["handed_off_on"] = None
    _write_task(task_id, merged)
    return before


def _status_choice(task: Task, merged: dict[str, Any], status: str) -> dict[str, Any]:
    natural = is_candidate(merged["need"])
    override = merged["override"]
    if status == TaskStatus.KEPT:
        return {"override": Override.KEEP.value, "status": status}
    if status == TaskStatus.LOGGED:
        if natural:
            raise ValidationError(
                _(
                    "“{name}” needs {NEED_LABELS}, so the rules make it a candidate. Choose Kept "
                    "to keep it yourself, or change what it needs."
                ).format(name=task.name, NEED_LABELS=_(NEED_LABELS[Need(merged["need"])]).lower()),
                "status",
            )
        return {"override": None, "status": status}
    # Candidate, briefed or handed off: the task is on its way out.
    if override == Override.KEEP or (override is None and not natural):
        override = None if natural else Override.OUTSOURCE.value
    return {"override": override, "status": status}


def restore_task_values(task_id: int, values: Mapping[str, Any]) -> None:
    """Write `values` (from `task_values` or `update_task`) back exactly."""
    _write_task(task_id, dict(values))


def _write_task(task_id: int, values: dict[str, Any]) -> None:
    values = {key: values[key] for key in TASK_FIELDS if key in values}
    if "name" in values:
        values["name_key"] = fold(values["name"])
    name_key = {"name_key": values.pop("name_key")} if "name_key" in values else {}
    # StaleEdit when someone else saved the task since this client read it.
    versions.save(Task, task_id, values, what="This task", extra={**name_key, "updated_at": now()})


def delete_task(task_id: int) -> RowSnapshot:
    """Delete a task with its time entries; the snapshot puts everything back."""
    return delete_with_snapshot(_get_task(task_id))


# Statuses that the Briefs step moves --------------------------------------------

# {task id: every editable field as it was}: what `restore_tasks` writes back.
TaskChanges = dict[int, dict[str, Any]]

# A task in one of these stays as it is when a brief is written for it: the
# owner keeps it, or someone already does it.
_NOT_BRIEFED_AGAIN = (TaskStatus.BRIEFED, TaskStatus.HANDED_OFF, TaskStatus.KEPT)


def mark_briefed(task_ids: Iterable[int]) -> TaskChanges:
    """A brief now hands these tasks off: each shows as briefed, exactly as if
    the owner had chosen Briefed in its Status column, unless it is kept or
    handed off already. Returns what it changed, for `restore_tasks`."""
    ids = list(dict.fromkeys(task_ids))
    query = Task.select(Task.id).where(Task.id.in_(ids) & Task.status.not_in(_NOT_BRIEFED_AGAIN))
    with database.atomic():
        return {
            task.id: update_task(task.id, {"status": TaskStatus.BRIEFED.value})
            for task in list(query)
        }


def unmark_briefed(task_ids: Iterable[int]) -> TaskChanges:
    """No brief hands these tasks off any more: a briefed one goes back to what
    the rules make it (candidate, or merely logged). Returns what it changed."""
    ids = list(dict.fromkeys(task_ids))
    query = Task.select(Task.id, Task.need, Task.override).where(
        Task.id.in_(ids) & (Task.status == TaskStatus.BRIEFED)
    )
    with database.atomic():
        return {
            task.id: update_task(
                task.id, {"status": derive_status(task.need, task.override, TaskStatus.LOGGED)}
            )
            for task in list(query)
        }


def restore_tasks(changes: TaskChanges) -> None:
    """Put back the tasks `mark_briefed` or `unmark_briefed` changed, exactly."""
    with database.atomic():
        for task_id, values in changes.items():
            restore_task_values(task_id, values)


def task_entry_count(task_id: int) -> int:
    return TimeEntry.select().where(TimeEntry.task == task_id).count()


def find_task_id(name: str) -> int | None:
    """The id of the task called `name` (case and accents ignored), if any."""
    found = Task.select(Task.id).where(Task.name_key == fold(name)).first()
    return found.id if found else None


def latest_month_logged(task_id: int) -> tuple[date, int, int] | None:
    """The latest month with time logged on a task: (its first day, the
    minutes, the number of entries); None when nothing was ever logged."""
    last = TimeEntry.select(fn.MAX(TimeEntry.date)).where(TimeEntry.task == task_id).scalar()
    if last is None:
        return None
    start = month_start(last if isinstance(last, date) else date.fromisoformat(str(last)))
    minutes, count = next(
        tuples(
            TimeEntry.select(fn.SUM(TimeEntry.minutes), fn.COUNT(TimeEntry.id)).where(
                (TimeEntry.task == task_id)
                & (TimeEntry.date >= start)
                & (TimeEntry.date < next_month(start))
            )
        )
    )
    return start, int(minutes), int(count)


def latest_month_minutes(task_id: int) -> int | None:
    """The minutes logged on a task in the latest month that has any, or None."""
    logged = latest_month_logged(task_id)
    return logged[1] if logged is not None else None


# Time entries -------------------------------------------------------------------


@dataclass(frozen=True)
class EntryRow:
    id: int
    task_id: int
    date: date
    minutes: int
    note: str
    imported: bool


def minutes_logged_on(day: date, exclude_entry_id: int | None = None) -> int:
    """Minutes logged on `day` across every task."""
    query = TimeEntry.select(fn.COALESCE(fn.SUM(TimeEntry.minutes), 0)).where(TimeEntry.date == day)
    if exclude_entry_id is not None:
        query = query.where(TimeEntry.id != exclude_entry_id)
    return int(query.scalar())


def _check_day_total(day: date, minutes: int, exclude_entry_id: int | None = None) -> None:
    already = minutes_logged_on(day, exclude_entry_id)
    if already + minutes > MINUTES_PER_DAY:
        raise ValidationError(
            _(
                "That would make more than 24 hours on {date}: {logged} is already logged that day."
            ).format(date=format_day(day), logged=format_minutes(already)),
            "minutes",
        )


def _clean_entry_note(note: str) -> str:
    note = note.strip()
    if len(note) > MAX_ENTRY_NOTE_LENGTH:
        raise ValidationError(
            _("A note can be at most {limit} characters.").format(
                limit=integer(MAX_ENTRY_NOTE_LENGTH)
            ),
            "note",
        )
    return note


def _clean_day(day: Any) -> date:
    if isinstance(day, date):
        return day
    try:
        return date.fromisoformat(str(day).strip())
    except ValueError:
        raise ValidationError(
            _("“{day}” is not a date (write it as YYYY-MM-DD).").format(day=day), "date"
        ) from None


def add_time_entry(task_id: int, day: date, minutes: int, note: str = "") -> int:
    """Log `minutes` on a task on `day`; returns the entry's id.

    Refused: zero or negative minutes, more than 24 hours, or a day whose
    entries would then add up to more than 24 hours.
    """
    _get_task(task_id)
    day = _clean_day(day)
    minutes = check_entry_minutes(int(minutes))
    note = _clean_entry_note(note)
    _check_day_total(day, minutes)
    return inserted_id(TimeEntry.insert(task=task_id, date=day, minutes=minutes, note=note))


def log_time(task: int | str, day: date, minutes: int, note: str = "") -> tuple[int, int | None]:
    """Log time on a task given by id, or by name: a name no task has makes a new task.

    One transaction: a refused entry creates no task. Returns (entry id,
    id of the task created or None).
    """
    with database.atomic():
        created = None
        if isinstance(task, str):
            task_id = find_task_id(task)
            if task_id is None:
                task_id = created = create_task(task)
        else:
            task_id = task
        entry_id = add_time_entry(task_id, day, minutes, note)
    return entry_id, created


ENTRY_FIELDS = ("task", "date", "minutes", "note")


def entry_values(entry_id: int) -> dict[str, Any]:
    entry = _get_entry(entry_id)
    return {"task": entry.task_id, "date": entry.date, "minutes": entry.minutes, "note": entry.note}


def _get_entry(entry_id: int) -> TimeEntry:
    entry = TimeEntry.get_or_none(TimeEntry.id == entry_id)
    if entry is None:
        raise ValidationError(_("That time entry no longer exists."))
    return entry


def update_time_entry(entry_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Change an entry's date, minutes or note; returns its values as they were."""
    before = entry_values(entry_id)
    merged = dict(before)
    if "date" in changes:
        merged["date"] = _clean_day(changes["date"])
    if "minutes" in changes:
        merged["minutes"] = check_entry_minutes(int(changes["minutes"]))
    if "note" in changes:
        merged["note"] = _clean_entry_note(str(changes["note"]))
    if "task" in changes:
        merged["task"] = _get_task(int(changes["task"])).id
    _check_day_total(merged["date"], merged["minutes"], exclude_entry_id=entry_id)
    restore_entry_values(entry_id, merged)
    return before


def restore_entry_values(entry_id: int, values: Mapping[str, Any]) -> None:
    TimeEntry.update({key: values[key] for key in ENTRY_FIELDS if key in values}).where(
        TimeEntry.id == entry_id
    ).execute()


def delete_time_entry(entry_id: int) -> RowSnapshot:
    return delete_with_snapshot(_get_entry(entry_id))


def entries_for_task(task_id: int, period: date | Period) -> list[EntryRow]:
    """A task's entries in `period` (a Period, or any day of a month), newest first."""
    period = as_period(period)
    query = (
        TimeEntry.select(
            TimeEntry.id, TimeEntry.date, TimeEntry.minutes, TimeEntry.note, TimeEntry.import_key
        )
        .where(
            (TimeEntry.task == task_id)
            & (TimeEntry.date >= period.start)
            & (TimeEntry.date < period.end)
        )
        .order_by(TimeEntry.date.desc(), TimeEntry.id.desc())
    )
    return [
        EntryRow(entry_id, task_id, day, minutes, note, key is not None)
        for entry_id, day, minutes, note, key in tuples(query)
    ]


def entries_between(start: date | None, end: date | None) -> Iterator[tuple[date, str, int, str]]:
    """(date, task name, minutes, note) of every entry from `start` up to, not
    including, `end` (either may be None), by date: what the entries export writes."""
    query = (
        TimeEntry.select(TimeEntry.date, Task.name, TimeEntry.minutes, TimeEntry.note)
        .join(Task)
        .order_by(TimeEntry.date, Task.name_key, TimeEntry.id)
    )
    if start is not None:
        query = query.where(TimeEntry.date >= start)
    if end is not None:
        query = query.where(TimeEntry.date < end)
    yield from query.tuples().iterator()


# A month of the audit -----------------------------------------------------------


@dataclass(frozen=True)
class TaskRow:
    """One task as the time audit shows it for a period.

    `minutes` are the period's logged minutes, or the monthly estimate when
    nothing was logged (`from_estimate`). A handed-off task's `minutes` are
    the hours a month someone else now does (its estimate), never the
    owner's own: those logged since the hand-off are `still_yours_minutes`.
    `score` is None for a task that is not a candidate (or whose dislike and
    pull-away are not rated), and so is `buy_back`. `expected_rate` is the
    contractor rate, or the buyback rate when none is set (`rate_is_buyback`).
    The need and ratings are None until the owner rates them (`unrated`).
    """

    id: int
    name: str
    name_key: str
    area: str
    need: str | None
    owner_has_expertise: bool | None
    dislike: int | None
    pull_away: int | None
    business_value: int | None
    monthly_estimate_minutes: int | None
    contractor_rate: Decimal | None
    override: str | None
    status: str
    notes: str
    logged_minutes: int
    entry_count: int
    minutes: int
    from_estimate: bool
    candidate: bool
    score: Decimal | None
    worth: Decimal
    expected_rate: Decimal
    rate_is_buyback: bool
    buy_back: Decimal | None
    quadrant: Quadrant | None
    still_yours_minutes: int = 0

    @property
    def handed_off(self) -> bool:
        return self.status == TaskStatus.HANDED_OFF

    @property
    def drain(self) -> Decimal | None:
        """How much it drains the owner (1-5); None until dislike and pull-away are rated."""
        if self.dislike is None or self.pull_away is None:
            return None
        return drain(self.dislike, self.pull_away)

    @property
    def worth_handing_off(self) -> bool:
        """A candidate with hours in the period, not handed off yet (briefed
        ones still count). A task with no hours frees none."""
        return self.candidate and not self.handed_off and self.minutes > 0

    @property
    def unrated(self) -> list[str]:
        """What the owner has not said about the task yet, in words."""
        return [_(label) for key, label in RATED_FIELDS.items() if getattr(self, key) is None]


@dataclass(frozen=True)
class AreaHours:
    area: str
    candidate_minutes: int
    other_minutes: int

    @property
    def total_minutes(self) -> int:
        return self.candidate_minutes + self.other_minutes


@dataclass(frozen=True)
class MonthAudit:
    """Everything the Time audit tab shows for one period (a month, or the
    last 30 days); `month` is the period's first day."""

    period: Period
    rows: list[TaskRow]
    currency: str
    hourly_value: Decimal
    buyback_divisor: Decimal
    buyback_rate: Decimal
    open_minutes: int = 0
    open_worth: Decimal = Decimal(0)
    open_tasks: int = 0
    handed_off_minutes: int = 0
    handed_off_tasks: int = 0
    logged_minutes: int = 0
    area_hours: list[AreaHours] = field(default_factory=list)
    # Hours the owner logged on tasks after handing them off, and on how many.
    still_yours_minutes: int = 0
    still_yours_tasks: int = 0
    unrated_tasks: int = 0

    @property
    def month(self) -> date:
        return self.period.start


def still_yours_condition() -> Expression:
    """Time entries (joined to their task) that the owner logged on a task
    already handed off, from the day it was handed off: hours not let go yet.
    The one definition the Time audit, the Overview and the focus figures use."""
    return (Task.status == TaskStatus.HANDED_OFF) & (
        Task.handed_off_on.is_null() | (TimeEntry.date >= Task.handed_off_on)
    )


def load_month(period: date | Period, settings: Settings | None = None) -> MonthAudit:
    """The time audit of `period` (a Period, or any day of a calendar month):
    every task with its hours, rules applied.

    Three queries whatever the number of tasks: the tasks, the period's
    entries summed per task, and those logged on handed-off tasks since
    their hand-off (plus one for the settings when not given).
    """
    period = as_period(period)
    settings = settings or load_settings()
    rate_cap = buyback_rate(settings.hourly_value, settings.buyback_divisor)
    in_period = (TimeEntry.date >= period.start) & (TimeEntry.date < period.end)
    # Plain rows: whole numbers, which Peewee would only convert to themselves.
    sums = {
        task_id: (minutes, count)
        for task_id, minutes, count in plain_rows(
            TimeEntry.select(TimeEntry.task, fn.SUM(TimeEntry.minutes), fn.COUNT(TimeEntry.id))
            .where(in_period)
            .group_by(TimeEntry.task)
        )
    }
    still_yours: dict[int, int] = dict(
        plain_rows(
            TimeEntry.select(TimeEntry.task, fn.SUM(TimeEntry.minutes))
            .join(Task)
            .where(in_period & still_yours_condition())
            .group_by(TimeEntry.task)
        )
    )
    columns = (
        Task.id,
        Task.name,
        Task.name_key,
        Task.area,
        Task.need,
        Task.owner_has_expertise,
        Task.dislike,
        Task.pull_away,
        Task.business_value,
        Task.monthly_estimate_minutes,
        Task.contractor_rate,
        Task.override,
        Task.status,
        Task.notes,
        Task.row_version,
    )
    # Raw rows: Peewee's per-column conversion would cost as much as all the
    # rules together on a few thousand tasks; `_task_row` types the two
    # columns that need it.
    cursor = database.execute_sql(*Task.select(*columns).order_by(Task.name_key).sql())
    fetched = cursor.fetchall()
    # What the audit shows is what this client has read (`models.versions`).
    versions.remember_rows(Task, ((values[0], values[-1]) for values in fetched))
    rows = [
        _task_row(
            values[:-1],
            sums.get(values[0], (0, 0)),
            still_yours.get(values[0], 0),
            settings.hourly_value,
            rate_cap,
        )
        for values in fetched
    ]
    return _summarise(period, rows, settings, rate_cap)


def _task_row(
    values: tuple[Any, ...],
    logged: tuple[int, int],
    still_yours: int,
    hourly_value: Decimal,
    rate_cap: Decimal,
) -> TaskRow:
    (
        task_id,
        name,
        name_key,
        area,
        need,
        expertise,
        dislike,
        pull_away,
        value,
        estimate,
        rate,
        override,
        status,
        notes,
    ) = values
    logged_minutes, entry_count = logged
    if status == TaskStatus.HANDED_OFF:
        # Someone else does it now: its hours a month are the estimate (the
        # hours the owner logged before the hand-off when there is none).
        from_estimate = estimate is not None
        minutes = estimate if from_estimate else logged_minutes - still_yours
    else:
        still_yours = 0
        from_estimate = logged_minutes == 0 and estimate is not None
        minutes = estimate if from_estimate else logged_minutes
    candidate = is_candidate(need, override)
    expertise = None if expertise is None else bool(expertise)
    if rate is not None:
        rate = Decimal(str(rate)).quantize(_CENTS)
    expected = rate if rate is not None else rate_cap
    score = outsourcing_score(minutes, dislike, pull_away, expertise) if candidate else None
    return frozen_row(
        TaskRow,
        {
            "id": task_id,
            "name": name,
            "name_key": name_key,
            "area": area,
            "need": need,
            "owner_has_expertise": expertise,
            "dislike": dislike,
            "pull_away": pull_away,
            "business_value": value,
            "monthly_estimate_minutes": estimate,
            "contractor_rate": rate,
            "override": override,
            "status": status,
            "notes": notes,
            "logged_minutes": logged_minutes,
            "entry_count": entry_count,
            "minutes": minutes,
            "from_estimate": from_estimate,
            "candidate": candidate,
            "score": score,
            "worth": worth_per_month(minutes, hourly_value),
            "expected_rate": expected,
            "rate_is_buyback": rate is None,
            "buy_back": buy_back_per_month(minutes, hourly_value, expected) if candidate else None,
            "quadrant": quadrant(value, dislike, pull_away),
            "still_yours_minutes": still_yours,
        },
    )


def _summarise(
    period: Period, rows: list[TaskRow], settings: Settings, rate_cap: Decimal
) -> MonthAudit:
    open_rows = [row for row in rows if row.worth_handing_off]
    handed = [row for row in rows if row.handed_off]
    per_area: dict[str, list[int]] = {}
    for row in rows:
        if row.minutes:
            bucket = per_area.setdefault(row.area, [0, 0])
            bucket[0 if row.worth_handing_off else 1] += row.minutes
    area_hours = [
        AreaHours(area, *per_area[area])
        for area in sorted(per_area, key=lambda a: (-sum(per_area[a]), a))
    ]
    open_minutes = sum(row.minutes for row in open_rows)
    still_yours = [row for row in handed if row.still_yours_minutes]
    return MonthAudit(
        period=period,
        rows=rows,
        currency=settings.currency,
        hourly_value=settings.hourly_value,
        buyback_divisor=settings.buyback_divisor,
        buyback_rate=rate_cap,
        open_minutes=open_minutes,
        open_worth=worth_per_month(open_minutes, settings.hourly_value),
        open_tasks=len(open_rows),
        handed_off_minutes=sum(row.minutes for row in handed),
        handed_off_tasks=len(handed),
        logged_minutes=sum(row.logged_minutes for row in rows),
        area_hours=area_hours,
        still_yours_minutes=sum(row.still_yours_minutes for row in still_yours),
        still_yours_tasks=len(still_yours),
        unrated_tasks=sum(1 for row in rows if row.unrated),
    )


@dataclass(frozen=True)
class OutsourcingSummary:
    """What the Overview shows of the time audit for a period.

    handed_off_*: tasks with status handed off (their hours a month, from
    their estimate). still_yours_*: hours the owner still logged on them
    since the hand-off, flagged apart. open_*: candidates with hours, not
    handed off yet, and what their hours are worth at the hourly value.
    """

    period: Period
    handed_off_minutes: int
    handed_off_tasks: int
    open_minutes: int
    open_tasks: int
    open_worth: Decimal
    currency: str
    hourly_value: Decimal
    still_yours_minutes: int = 0
    still_yours_tasks: int = 0

    @property
    def month(self) -> date:
        return self.period.start

    @property
    def still_yours_hours(self) -> Decimal:
        return (Decimal(self.still_yours_minutes) / 60).quantize(Decimal("0.1"))

    @property
    def handed_off_hours(self) -> Decimal:
        return (Decimal(self.handed_off_minutes) / 60).quantize(Decimal("0.1"))

    @property
    def open_hours(self) -> Decimal:
        return (Decimal(self.open_minutes) / 60).quantize(Decimal("0.1"))


def monthly_outsourcing_summary(period: date | Period) -> OutsourcingSummary:
    """Hours a month already handed off, and those still worth handing off with their worth.

    `period` as `load_month` takes it; the same few queries.
    """
    audit = load_month(period)
    return OutsourcingSummary(
        period=audit.period,
        handed_off_minutes=audit.handed_off_minutes,
        handed_off_tasks=audit.handed_off_tasks,
        open_minutes=audit.open_minutes,
        open_tasks=audit.open_tasks,
        open_worth=audit.open_worth,
        currency=audit.currency,
        hourly_value=audit.hourly_value,
        still_yours_minutes=audit.still_yours_minutes,
        still_yours_tasks=audit.still_yours_tasks,
    )


# Imports --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NewEntry:
    """A time entry read from another program's file, ready to store."""

    task_name: str
    day: date
    minutes: int
    note: str
    import_key: str
    area: str = "other"
    need: str | None = Need.REPETITIVE.value


@dataclass
class ImportOutcome:
    """What `import_time_entries` added: the ids an undo takes back."""

    task_ids: list[int] = field(default_factory=list)
    entry_ids: list[int] = field(default_factory=list)
    duplicates: int = 0


_CHUNK = 400  # under SQLite's limit of bound parameters per statement
_CENTS = Decimal("0.01")


def tasks_by_key(keys: Iterable[str]) -> dict[str, tuple[int, str]]:
    """name_key -> (id, name) of the existing tasks among `keys`."""
    found: dict[str, tuple[int, str]] = {}
    for batch in chunked(sorted(set(keys)), _CHUNK):
        query = Task.select(Task.name_key, Task.id, Task.name).where(Task.name_key.in_(batch))
        found.update({key: (task_id, name) for key, task_id, name in tuples(query)})
    return found


def existing_import_keys(keys: Iterable[str]) -> set[str]:
    """The import keys among `keys` already stored (rows imported before)."""
    found: set[str] = set()
    # Plain SQL: Peewee would build a parameter object for each of thousands of keys.
    for batch in chunked(keys, _CHUNK):
        marks = placeholders(len(batch), database)
        sql = f'SELECT "import_key" FROM "time_entry" WHERE "import_key" IN ({marks})'
        found.update(key for (key,) in database.execute_sql(sql, batch))
    return found


def minutes_logged_by_day(days: Iterable[date]) -> dict[date, int]:
    """Minutes already logged on each of `days` (days with none are left out)."""
    totals: dict[date, int] = {}
    for batch in chunked(sorted(set(days)), _CHUNK):
        query = (
            TimeEntry.select(TimeEntry.date, fn.SUM(TimeEntry.minutes))
            .where(TimeEntry.date.in_(batch))
            .group_by(TimeEntry.date)
        )
        for day, minutes in tuples(query):
            day_value = day if isinstance(day, date) else date.fromisoformat(str(day))
            totals[day_value] = int(minutes)
    return totals


def import_time_entries(entries: list[NewEntry], progress: Progress | None = None) -> ImportOutcome:
    """Store `entries` in one transaction, creating the tasks they name.

    In a team workspace two people may import at once. A task the other
    import is creating is waited for, then used (a savepoint around each new
    task); an entry the other stored is skipped (ON CONFLICT DO NOTHING on
    its import key). Nothing is lost, nothing doubled. Should the server
    still refuse the transaction (a deadlock between two imports creating
    the same tasks in another order, or a conflict not foreseen), it is
    rolled back and run again, finding what the other stored, for up to
    `_IMPORT_PATIENCE` seconds: however many imports are running, and
    however slow the machine, not a fixed number of times.
    """
    deadline = time.monotonic() + _IMPORT_PATIENCE
    while True:
        try:
            with database.atomic():
                return _import_time_entries_once(entries, progress)
        except Exception as error:
            if not (is_postgres(database) and _worth_retrying(error)):
                raise
            if time.monotonic() > deadline:
                raise
            log.info("import refused by the server (%s); run again", _sqlstate(error))


_IMPORT_PATIENCE = 30.0  # seconds
# unique_violation, serialization_failure, deadlock_detected
_RETRIED_SQLSTATES = frozenset({"23505", "40001", "40P01"})


def _sqlstate(error: BaseException) -> str | None:
    """The server's SQLSTATE of `error` (peewee wraps the driver's error)."""
    for candidate in (error, *error.args, error.__cause__, error.__context__):
        code = getattr(candidate, "sqlstate", None)
        if isinstance(code, str):
            return code
    return None


def _worth_retrying(error: BaseException) -> bool:
    """A refusal that running the transaction again can get past."""
    return _sqlstate(error) in _RETRIED_SQLSTATES


def _import_time_entries_once(
    entries: list[NewEntry], progress: Progress | None = None
) -> ImportOutcome:
    """One attempt of `import_time_entries`.

    Tasks are matched by name with case and accents ignored. An entry whose
    import key is already stored is skipped, so the same file imported
    twice adds nothing. `progress(done, total)` is called as rows are written;
    it may raise `Cancelled`, and then nothing is kept.
    Entries go in a few thousand at a time through one prepared statement:
    building each row's SQL would take most of the time.
    """
    for entry in entries:
        check_entry_minutes(entry.minutes)
    outcome = ImportOutcome()
    total = len(entries)
    stamp = now()
    with database.atomic():
        stored = existing_import_keys(entry.import_key for entry in entries)
        task_ids = {key: task_id for key, (task_id, _) in tasks_by_key(
            fold_cached(entry.task_name) for entry in entries
        ).items()}  # fmt: skip
        (last_id,) = database.execute_sql("SELECT COALESCE(MAX(id), 0) FROM time_entry").fetchone()
        # On PostgreSQL others may import at the same time: the new rows'
        # ids come back from the insert itself.
        concurrent = is_postgres(database)
        returned: list[int] | None = [] if concurrent else None
        insert = _INSERT_ENTRY.replace("?", param(database))
        seen: set[str] = set()
        created_at = str(stamp)
        days: dict[date, str] = {}  # each day's text, made once
        for start in range(0, total, _INSERT_CHUNK):
            rows = []
            for entry in entries[start : start + _INSERT_CHUNK]:
                import_key = entry.import_key
                if import_key in stored or import_key in seen:
                    outcome.duplicates += 1
                    continue
                seen.add(import_key)
                key = fold_cached(entry.task_name)
                if key not in task_ids and concurrent:
                    # Another import may have stored it since this one looked.
                    task_ids.update({k: i for k, (i, _) in tasks_by_key([key]).items()})
                if key not in task_ids:
                    task_id, created = _create_or_find_task(entry, key, concurrent)
                    task_ids[key] = task_id
                    if created:
                        outcome.task_ids.append(task_id)
                day = days.get(entry.day)
                if day is None:
                    day = days[entry.day] = entry.day.isoformat()
                rows.append((task_ids[key], day, entry.minutes, entry.note, import_key, created_at))
            if returned is None:
                database.cursor().executemany(insert, rows)
            elif rows:
                ids = _insert_returning_ids(insert + _SKIP_STORED_KEYS, rows)
                # Those another import stored meanwhile are skipped: duplicates.
                outcome.duplicates += len(rows) - len(ids)
                returned.extend(ids)
            if progress is not None:
                progress(min(start + _INSERT_CHUNK, total), total)
        if returned is not None:
            outcome.entry_ids = sorted(returned)
            return outcome
        # The entries just written are the rows above the highest id before:
        # nothing else writes while this transaction holds the SQLite file.
        newer = database.execute_sql(
            'SELECT "id" FROM "time_entry" WHERE "id" > ? ORDER BY "id"', (last_id,)
        )
        outcome.entry_ids = [entry_id for (entry_id,) in newer]
    return outcome


def _create_or_find_task(entry: NewEntry, key: str, concurrent: bool) -> tuple[int, bool]:
    """The new task `entry` names, and True; on PostgreSQL, when another
    import created it meanwhile (the insert waits for that import to commit,
    then is refused), that task and False."""
    if not concurrent:
        return create_task(entry.task_name, area=entry.area, need=entry.need), True
    try:
        with database.atomic():  # a savepoint: a refusal undoes only this insert
            return create_task(entry.task_name, area=entry.area, need=entry.need), True
    except IntegrityError as error:
        found = tasks_by_key([key])
        if key not in found:
            raise error
        return found[key][0], False


# PostgreSQL: an entry another import stored since this one looked is skipped
# (the insert waits for that import to commit) instead of refusing the batch.
_SKIP_STORED_KEYS = ' ON CONFLICT ("import_key") DO NOTHING'


def _insert_returning_ids(insert: str, rows: list[tuple[Any, ...]]) -> list[int]:
    """PostgreSQL: insert `rows` in one batch, returning their new ids."""
    cursor = database.cursor()
    cursor.executemany(insert + ' RETURNING "id"', rows, returning=True)
    ids: list[int] = []
    while True:
        ids.extend(row[0] for row in cursor.fetchall())
        if not cursor.nextset():
            return ids


_INSERT_CHUNK = 2000
_INSERT_ENTRY = (
    'INSERT INTO "time_entry" ("task_id", "date", "minutes", "note", "import_key", "created_at") '
    "VALUES (?, ?, ?, ?, ?, ?)"
)


def delete_imported(outcome: ImportOutcome) -> RowSnapshot:
    """Take back what an import added: its entries, and the tasks it created
    with whatever hangs off them. `snapshots.restore` puts it all back."""
    snapshot = RowSnapshot()
    created = set(outcome.task_ids)
    with database.atomic():
        for batch in chunked(outcome.entry_ids, _CHUNK):
            query = TimeEntry.select().where(
                TimeEntry.id.in_(batch) & TimeEntry.task.not_in(created or {0})
            )
            rows = list(dicts(query))
            snapshot.rows.extend((TimeEntry, row) for row in rows)
            delete_from(TimeEntry).where(TimeEntry.id.in_([row["id"] for row in rows])).execute()
        for task_id in outcome.task_ids:
            task = Task.get_or_none(Task.id == task_id)
            if task is not None:
                part = delete_with_snapshot(task)
                snapshot.rows.extend(part.rows)
                snapshot.nulled_links.extend(part.nulled_links)
    return snapshot
