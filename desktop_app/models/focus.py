"""Focus: what the owner did with the hours bought back.

Growth work is what only the owner can do for the business: a time-audit
task counts as growth work when the owner marks it so, when its area is
marked so, or when its need is "your unique input" (a task's own mark,
either way, wins). The owner also sets up to three growth priorities a week.

`focus_report` is the one source of the focus figures, for the Time audit
and the Overview alike:
- growth hours a week before and after each hand-off (each hire, and each
  task handed off on its own), over the weeks the owner logged any time;
- this week's growth hours against the weekly average before the first hire;
- "not let go yet": hours the owner still logged on a task after handing it
  off (`tasks.still_yours_condition`, the Time audit's flag), per task and week.

Weeks run Monday to Sunday. An average counts whole weeks in which the owner
logged any time at all (a week with no entries says nothing about growth
work), and never the week in progress; a hand-off's week counts after it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from peewee import (
    BooleanField,
    Case,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    SmallIntegerField,
    Value,
    fn,
)

from desktop_app.models.base import BaseModel, database, now
from desktop_app.models.briefs import Brief, BriefTask
from desktop_app.models.contractors import Contractor
from desktop_app.models.engagements import Engagement
from desktop_app.models.errors import ValidationError
from desktop_app.models.formats import day_month, integer
from desktop_app.models.i18n import _
from desktop_app.models.rows import delete_from, tuples
from desktop_app.models.snapshots import RowSnapshot, delete_with_snapshot
from desktop_app.models.tasks import (
    AREA_LABELS,
    AREAS,
    Need,
    Task,
    TaskStatus,
    TimeEntry,
    still_yours_condition,
)

MAX_PRIORITIES = 3
PRIORITY_MAX_LENGTH = 300


class GrowthMark(BaseModel):
    """The owner's word on whether a task, or a whole area, is growth work."""

    task = ForeignKeyField(
        Task, backref="growth_marks", null=True, unique=True, on_delete="CASCADE"
    )
    task_id: int | None
    area = CharField(max_length=40, null=True, unique=True)
    growth = BooleanField(default=True)


class GrowthPriority(BaseModel):
    """One of the owner's (at most three) growth priorities of a week."""

    week = DateField(index=True)  # the Monday
    text = CharField(max_length=PRIORITY_MAX_LENGTH)
    position = SmallIntegerField(default=0)
    done_on = DateField(null=True)
    created_at = DateTimeField(default=now)


def week_of(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


# ---------------------------------------------------------------------------
# What counts as growth work (pure)

REASON_MARKED = "marked growth work"
REASON_UNIQUE = "your unique input"


def growth_reason(
    task_mark: bool | None, area_marked: bool, area: str, need: str | None
) -> str | None:
    """Why a task counts as growth work, or None when it does not.

    The task's own mark decides when there is one; then its area's; then a
    need of "your unique input".
    """
    if task_mark is not None:
        return REASON_MARKED if task_mark else None
    if area_marked:
        return f"area {AREA_LABELS.get(area, area)} is growth work"
    if need == Need.UNIQUE:
        return REASON_UNIQUE
    return None


# ---------------------------------------------------------------------------
# Edits: marks and priorities


def set_task_growth(task_id: int, growth: bool | None) -> bool | None:
    """Mark a task as growth work (True), as not (False), or take the mark
    off (None: its area and need decide). Returns the previous mark, for undo."""
    Task.get_by_id(task_id)
    with database.atomic():
        row = GrowthMark.get_or_none(GrowthMark.task == task_id)
        previous = None if row is None else bool(row.growth)
        if growth is None:
            delete_from(GrowthMark).where(GrowthMark.task == task_id).execute()
        elif row is None:
            GrowthMark.create(task=task_id, growth=bool(growth))
        else:
            GrowthMark.update(growth=bool(growth)).where(GrowthMark.id == row.id).execute()
    return previous


def set_area_growth(area: str, growth: bool) -> bool:
    """Mark a whole area as growth work or not. Returns the previous state."""
    if area not in AREAS:
        raise ValidationError(
            _("“{area}” is not an area of the time audit.").format(area=area), "area"
        )
    with database.atomic():
        row = GrowthMark.get_or_none(GrowthMark.area == area)
        previous = row is not None and bool(row.growth)
        delete_from(GrowthMark).where(GrowthMark.area == area).execute()
        if growth:
            GrowthMark.create(area=area, growth=True)
    return previous


def task_growth_mark(task_id: int) -> bool | None:
    """The task's own mark: True (growth work), False (not), None (none)."""
    row = GrowthMark.get_or_none(GrowthMark.task == task_id)
    return None if row is None else bool(row.growth)


def growth_areas() -> set[str]:
    return {
        area
        for (area,) in tuples(
            GrowthMark.select(GrowthMark.area).where(
                GrowthMark.area.is_null(False) & (GrowthMark.growth == True)  # noqa: E712
            )
        )
    }


def _check_priority_text(value: object) -> str:
    text = " ".join(str(value or "").split())
    if not text:
        raise ValidationError(_("Write the priority: what growth work you will do."), "text")
    if len(text) > PRIORITY_MAX_LENGTH:
        raise ValidationError(
            _("Keep a priority under {limit} characters (this is {length}).").format(
                limit=integer(PRIORITY_MAX_LENGTH), length=integer(len(text))
            ),
            "text",
        )
    return text


def add_priority(week: date, text: str) -> int:
    """A growth priority for the week of `week`; at most three a week."""
    monday = week_of(week)
    text = _check_priority_text(text)
    with database.atomic():
        existing = GrowthPriority.select().where(GrowthPriority.week == monday)
        if existing.count() >= MAX_PRIORITIES:
            raise ValidationError(
                _(
                    "Three priorities a week at most: the week of {date} has three. Finish or "
                    "drop one first; fewer priorities get done."
                ).format(date=day_month(monday)),
                "text",
            )
        position = max((row.position for row in existing), default=-1) + 1
        return GrowthPriority.create(week=monday, text=text, position=position).id


def update_priority(priority_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Reword a priority or tick it done (`done_on`); returns the previous values."""
    unknown = set(changes) - {"text", "done_on"}
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    row = GrowthPriority.get_by_id(priority_id)
    values: dict[str, Any] = {}
    if "text" in changes:
        values["text"] = _check_priority_text(changes["text"])
    if "done_on" in changes:
        if changes["done_on"] is not None and not isinstance(changes["done_on"], date):
            raise ValidationError(_("Give the day it was done."), "done_on")
        values["done_on"] = changes["done_on"]
    previous = {name: getattr(row, name) for name in values}
    write_priority_values(priority_id, values)
    return previous


def write_priority_values(priority_id: int, values: Mapping[str, Any]) -> None:
    if values:
        GrowthPriority.update(dict(values)).where(GrowthPriority.id == priority_id).execute()


def delete_priority(priority_id: int) -> RowSnapshot:
    return delete_with_snapshot(GrowthPriority.get_by_id(priority_id))


@dataclass(frozen=True)
class PriorityRow:
    id: int
    week: date
    text: str
    done_on: date | None


def priorities_of(week: date) -> list[PriorityRow]:
    query = (
        GrowthPriority.select()
        .where(GrowthPriority.week == week_of(week))
        .order_by(GrowthPriority.position, GrowthPriority.id)
    )
    return [PriorityRow(row.id, row.week, row.text, row.done_on) for row in query]


# ---------------------------------------------------------------------------
# The figures


@dataclass(frozen=True)
class Average:
    """Growth minutes a week over `weeks` logged weeks (None: no week logged)."""

    minutes: Decimal | None
    weeks: int

    @property
    def hours(self) -> Decimal | None:
        return None if self.minutes is None else (self.minutes / 60).quantize(Decimal("0.1"))


def average(growth_by_week: Mapping[date, int], weeks: Iterable[date]) -> Average:
    """The growth minutes a week over `weeks` (logged weeks), from `growth_by_week`."""
    chosen = list(weeks)
    if not chosen:
        return Average(None, 0)
    total = sum(growth_by_week.get(week, 0) for week in chosen)
    return Average((Decimal(total) / len(chosen)).quantize(Decimal("0.01")), len(chosen))


@dataclass(frozen=True)
class GrowthTask:
    id: int
    name: str
    area: str
    reason: str


@dataclass(frozen=True)
class TaskAverages:
    task_id: int
    name: str
    before: Average
    after: Average


@dataclass(frozen=True)
class HandOff:
    """A day work was handed off: who took over what."""

    day: date
    label: str


@dataclass(frozen=True)
class HandOffFigures:
    """Growth hours a week in the weeks before a hand-off (since the previous
    one) and after it (until the next one, or the last whole week)."""

    hand_off: HandOff
    before: Average
    after: Average
    tasks: list[TaskAverages] = field(default_factory=list)

    @property
    def change_minutes(self) -> Decimal | None:
        if self.before.minutes is None or self.after.minutes is None:
            return None
        return self.after.minutes - self.before.minutes


@dataclass(frozen=True)
class NotLetGo:
    """Minutes the owner logged in a week on a task already handed off."""

    task_id: int
    task_name: str
    week: date
    minutes: int


@dataclass(frozen=True)
class WeekFigures:
    week: date
    logged_minutes: int
    growth_minutes: int


@dataclass(frozen=True)
class FocusReport:
    """Everything the focus figures show, as of `today`.

    Attributes:
        this_week_minutes: growth minutes logged this week so far.
        first_hire: the start of the first engagement (None before any hire).
        before_first_hire: growth minutes a week in the logged weeks before it.
        hand_offs: before and after each hand-off, oldest first.
        not_let_go: per task and week, newest week first.
        weeks: every logged week, oldest first (this week included).
    """

    today: date
    this_week: date
    this_week_minutes: int
    first_hire: date | None
    before_first_hire: Average
    hand_offs: list[HandOffFigures]
    not_let_go: list[NotLetGo]
    weeks: list[WeekFigures]
    growth_tasks: list[GrowthTask]
    priorities: list[PriorityRow]

    @property
    def this_week_hours(self) -> Decimal:
        return (Decimal(self.this_week_minutes) / 60).quantize(Decimal("0.1"))

    @property
    def not_let_go_minutes(self) -> int:
        return sum(item.minutes for item in self.not_let_go)


def growth_tasks() -> list[GrowthTask]:
    """Every task that counts as growth work, with why, by name."""
    marks = {
        task_id: bool(growth)
        for task_id, growth in tuples(
            GrowthMark.select(GrowthMark.task, GrowthMark.growth).where(
                GrowthMark.task.is_null(False)
            )
        )
    }
    areas = growth_areas()
    found = []
    for task_id, name, area, need in tuples(
        Task.select(Task.id, Task.name, Task.area, Task.need).order_by(Task.name_key)
    ):
        reason = growth_reason(marks.get(task_id), area in areas, area, need)
        if reason is not None:
            found.append(GrowthTask(task_id, name, area, reason))
    return found


def hand_offs() -> list[HandOff]:
    """Every hand-off, oldest first: each hire (its contractor and brief), and
    each task handed off on a day no hire explains. Several on one day are one."""
    labels: dict[date, list[str]] = defaultdict(list)
    hired_tasks: set[tuple[int, date]] = set()
    query = tuples(
        Engagement.select(Engagement.start_date, Contractor.name, Brief.title, Brief.id)
        .join_from(Engagement, Contractor)
        .join_from(Engagement, Brief)
        .order_by(Engagement.start_date, Engagement.id)
    )
    brief_days: dict[int, list[date]] = defaultdict(list)
    for start, contractor, brief_title, brief_id in query:
        labels[start].append(f"{contractor}: {brief_title}")
        brief_days[brief_id].append(start)
    for brief_id, task_id in tuples(BriefTask.select(BriefTask.brief, BriefTask.task)):
        for day in brief_days.get(brief_id, []):
            hired_tasks.add((task_id, day))
    for task_id, name, day in tuples(
        Task.select(Task.id, Task.name, Task.handed_off_on).where(
            (Task.status == TaskStatus.HANDED_OFF) & Task.handed_off_on.is_null(False)
        )
    ):
        if (task_id, day) not in hired_tasks:
            labels[day].append(name)
    return [HandOff(day, "; ".join(names)) for day, names in sorted(labels.items())]


def _weekly_minutes(growth_ids: Sequence[int]) -> tuple[dict[date, int], dict[date, int]]:
    """Minutes logged a week, and those on growth tasks, in one pass over the
    entries (summed by day in SQL, by week here)."""
    logged: dict[date, int] = defaultdict(int)
    growth: dict[date, int] = defaultdict(int)
    on_growth = (
        fn.SUM(Case(None, [(TimeEntry.task.in_(list(growth_ids)), TimeEntry.minutes)], 0))
        if growth_ids
        else Value(0)
    )
    query = TimeEntry.select(TimeEntry.date, fn.SUM(TimeEntry.minutes), on_growth).group_by(
        TimeEntry.date
    )
    for day, minutes, growth_minutes in tuples(query):
        logged[week_of(day)] += int(minutes)
        growth[week_of(day)] += int(growth_minutes or 0)
    return logged, growth


def _growth_by_task(growth_ids: Sequence[int]) -> dict[int, dict[date, int]]:
    """Each growth task's minutes a week."""
    by_task: dict[int, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    if not growth_ids:
        return by_task
    query = (
        TimeEntry.select(TimeEntry.task, TimeEntry.date, fn.SUM(TimeEntry.minutes))
        .where(TimeEntry.task.in_(list(growth_ids)))
        .group_by(TimeEntry.task, TimeEntry.date)
    )
    for task_id, day, minutes in tuples(query):
        by_task[task_id][week_of(day)] += int(minutes)
    return by_task


def first_hire() -> date | None:
    """The start of the first engagement, or None before any hire."""
    first = Engagement.select(fn.MIN(Engagement.start_date)).scalar()
    if isinstance(first, str):  # MIN() hands back SQLite's text
        return date.fromisoformat(first)
    return first if isinstance(first, date) else None


def _not_let_go() -> list[NotLetGo]:
    query = tuples(
        TimeEntry.select(TimeEntry.task, Task.name, TimeEntry.date, fn.SUM(TimeEntry.minutes))
        .join(Task)
        .where(still_yours_condition())
        .group_by(TimeEntry.task, Task.name, TimeEntry.date)
    )
    by_week: dict[tuple[int, str, date], int] = defaultdict(int)
    for task_id, name, day, minutes in query:
        by_week[(task_id, name, week_of(day))] += int(minutes)
    items = [
        NotLetGo(task_id, name, week, minutes) for (task_id, name, week), minutes in by_week.items()
    ]
    return sorted(items, key=lambda item: (-item.week.toordinal(), item.task_name.casefold()))


def focus_report(today: date, *, detail: bool = True) -> FocusReport:
    """The focus figures as of `today` (see the module's docstring).

    Without `detail` (the Overview), the per-task figures of each hand-off
    and "not let go yet" are left out: the other figures are the same.
    """
    this_week = week_of(today)
    growing = growth_tasks()
    growth_ids = [task.id for task in growing]
    logged, growth = _weekly_minutes(growth_ids)
    by_task = _growth_by_task(growth_ids) if detail else {}
    logged_weeks = sorted(week for week in logged if week <= this_week)
    whole_weeks = [week for week in logged_weeks if week < this_week]
    hired = first_hire()
    before_first = (
        average(growth, [w for w in whole_weeks if w < week_of(hired)])
        if hired is not None
        else Average(None, 0)
    )
    return FocusReport(
        today=today,
        this_week=this_week,
        this_week_minutes=growth.get(this_week, 0),
        first_hire=hired,
        before_first_hire=before_first,
        hand_offs=_hand_off_figures(
            hand_offs(), whole_weeks, this_week, growth, growing=growing, by_task=by_task
        ),
        not_let_go=_not_let_go() if detail else [],
        weeks=[WeekFigures(week, logged[week], growth.get(week, 0)) for week in logged_weeks],
        growth_tasks=growing,
        priorities=priorities_of(today),
    )


def _hand_off_figures(
    events: Sequence[HandOff],
    whole_weeks: Sequence[date],
    this_week: date,
    growth: Mapping[date, int],
    *,
    growing: Sequence[GrowthTask],
    by_task: Mapping[int, Mapping[date, int]],
) -> list[HandOffFigures]:
    """Before and after each hand-off's week; several hand-offs in one week are one."""
    labels: dict[date, list[str]] = defaultdict(list)
    first_day: dict[date, date] = {}
    for event in events:
        week = week_of(event.day)
        labels[week].append(event.label)
        first_day.setdefault(week, event.day)
    boundaries = sorted(labels)
    figures = []
    for index, week in enumerate(boundaries):
        previous = boundaries[index - 1] if index else date.min
        following = boundaries[index + 1] if index + 1 < len(boundaries) else this_week
        before_weeks = [w for w in whole_weeks if previous <= w < week]
        after_weeks = [w for w in whole_weeks if week <= w < following]
        tasks = [
            TaskAverages(
                task.id,
                task.name,
                average(by_task[task.id], before_weeks),
                average(by_task[task.id], after_weeks),
            )
            for task in growing
            if task.id in by_task
            and any(by_task[task.id].get(w) for w in (*before_weeks, *after_weeks))
        ]
        figures.append(
            HandOffFigures(
                HandOff(first_day[week], "; ".join(labels[week])),
                average(growth, before_weeks),
                average(growth, after_weeks),
                tasks,
            )
        )
    return figures
