"""Briefs: job descriptions with expectations in priority order (step 3).

What a brief is made of (statuses, levels, fields, `BriefData`) lives in
`brief_vocabulary.py`, re-exported here for the views; this module stores
it: the models, creating, updating, duplicating, deleting, expectations in
priority order, the tasks a brief hands off, and versions.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from peewee import (
    Case,
    CharField,
    Check,
    DateField,
    DateTimeField,
    DecimalField,
    ForeignKeyField,
    IntegerField,
    SmallIntegerField,
    TextField,
    fn,
)

from desktop_app.models import versions
from desktop_app.models.base import BaseModel, database, now
from desktop_app.models.brief_vocabulary import (  # noqa: F401  (re-exported for the views)
    BRIEF_FIELDS,
    BRIEF_STATUS_LABELS,
    BUDGET_BASIS_LABELS,
    CONTENT_FIELDS,
    DELEGATION_LABELS,
    EXPECTATION_MAX_LENGTH,
    FIELDS_BY_NAME,
    LEVEL_LABELS,
    MEASURE_MAX_LENGTH,
    BriefData,
    BriefField,
    BriefStatus,
    BudgetBasis,
    Delegation,
    ExpectationData,
    FieldKind,
    Level,
    brief_data_from_json,
    brief_from_json_text,
    brief_json_text,
    clean_expectation,
    clean_field,
    deadline_warning,
)
from desktop_app.models.clarity import count_content_findings, count_context_findings
from desktop_app.models.errors import ValidationError
from desktop_app.models.ordering import keys_between, move_to, place
from desktop_app.models.procedure_content import ProcedureData
from desktop_app.models.procedures import procedures_for_tasks
from desktop_app.models.rows import delete_from, dicts, iso_day, iso_time, plain_rows, tuples
from desktop_app.models.snapshots import RowSnapshot, delete_with_snapshot, restore
from desktop_app.models.tasks import (
    Task,
    TaskChanges,
    mark_briefed,
    restore_tasks,
    unmark_briefed,
)
from desktop_app.models.text import fold


class Brief(BaseModel):
    """The job description for one job."""

    title = CharField(max_length=200)
    summary = TextField(default="")  # the job and the business context
    deliverables = TextField(default="")  # one per line, with formats
    in_scope = TextField(default="")
    out_of_scope = TextField(default="")
    success_criteria = TextField(default="")
    acceptance = TextField(default="")  # how the work is signed off
    revision_rounds = SmallIntegerField(null=True, constraints=[Check("revision_rounds >= 0")])
    deadline = DateField(null=True, index=True)
    timeline = TextField(default="")  # milestones, one per line
    budget = DecimalField(max_digits=12, decimal_places=2, auto_round=True, null=True)
    currency = CharField(max_length=3, default="USD")
    budget_basis = CharField(max_length=10, default="fixed")  # fixed | hourly | monthly
    report_every_days = SmallIntegerField(null=True)
    report_how = TextField(default="")
    decide_alone = TextField(default="")  # judgement calls, one per line
    ask_first = TextField(default="")
    delegation_level = SmallIntegerField(
        default=Delegation.AS_WRITTEN, constraints=[Check("delegation_level BETWEEN 1 AND 5")]
    )
    contact = TextField(default="")
    working_hours = CharField(max_length=200, default="")
    skills = TextField(default="")  # comma-separated, to search the contractor bench
    status = CharField(max_length=10, default=BriefStatus.DRAFT, index=True)
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now, index=True)
    # How many clarity findings the brief's own fields and expectations give
    # (`clarity.count_content_findings`), counted by every edit of them, so
    # the list of briefs never runs the check over every brief. None: not
    # counted (the list counts it as it reads).
    content_findings = IntegerField(null=True)
    # No lost updates (`models.versions`): bumped by each save, with who saved.
    row_version = IntegerField(default=1)
    changed_by = CharField(max_length=200, default="")
    # The language its PDF is written in ("de"); "": the app's (schema 14).
    language = CharField(max_length=10, default="")


class BriefTask(BaseModel):
    """A task that a brief hands off."""

    brief = ForeignKeyField(Brief, backref="task_links", on_delete="CASCADE")
    brief_id: int
    task = ForeignKeyField(Task, backref="brief_links", on_delete="CASCADE")
    task_id: int

    class Meta:
        indexes = ((("brief", "task"), True),)


class Expectation(BaseModel):
    """One expectation of a brief, at a place in the owner's priority order."""

    brief = ForeignKeyField(Brief, backref="expectations", on_delete="CASCADE")
    brief_id: int
    text = TextField(constraints=[Check(f"length(text) <= {EXPECTATION_MAX_LENGTH}")])
    level = CharField(max_length=6, default=Level.SHOULD)
    measure = TextField(default="")  # how it will be measured
    # A fractional-index key: rows sort by it, and moving one expectation
    # rewrites only that row's key.
    position = CharField(max_length=255)
    # No lost updates (`models.versions`): bumped by each save, with who and when.
    row_version = IntegerField(default=1)
    changed_by = CharField(max_length=200, default="")
    changed_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("brief", "position"), False),)

    @classmethod
    def after_restore(cls, rows: list[dict[str, Any]]) -> None:
        # An undone delete (or a redone add) changes what the brief's clarity
        # check finds.
        recount_findings({row["brief"] for row in rows})


class BriefVersion(BaseModel):
    """What a brief said when it was exported: to show what changed since."""

    brief = ForeignKeyField(Brief, backref="versions", on_delete="CASCADE")
    brief_id: int
    created_at = DateTimeField(default=now, index=True)
    snapshot = TextField()  # JSON of the brief and its expectations
    exported_to = TextField(default="")


class BriefTemplate(BaseModel):
    """A brief the owner saved as a template of their own."""

    name = CharField(max_length=200, unique=True)
    content = TextField()  # JSON, in the same shape as the shipped templates
    created_at = DateTimeField(default=now)


def _data_from_row(
    brief: Brief, expectations: Iterable[Expectation], tasks: list[str]
) -> BriefData:
    values = {name: getattr(brief, name) for name in CONTENT_FIELDS}
    values["budget"] = None if brief.budget is None else Decimal(brief.budget)
    return BriefData(
        **values,
        expectations=[
            ExpectationData(text=e.text, level=e.level, measure=e.measure, id=e.id)
            for e in expectations
        ],
        tasks=tasks,
        id=brief.id,
    )


# ---------------------------------------------------------------------------
# Briefs


def _ordered_expectations(brief_id: int) -> list[Expectation]:
    return list(
        Expectation.select()
        .where(Expectation.brief == brief_id)
        .order_by(Expectation.position, Expectation.id)
    )


def _task_names(brief_id: int) -> list[str]:
    query = (
        Task.select(Task.name)
        .join(BriefTask)
        .where(BriefTask.brief == brief_id)
        .order_by(BriefTask.id)
    )
    return [task.name for task in query]


def _content(ids: Collection[int]) -> dict[int, BriefData]:
    """The briefs' own fields and expectations (no tasks, no procedures):
    what `clarity.count_content_findings` reads."""
    briefs = {
        row["id"]: row
        for row in dicts(
            Brief.select(Brief.id, *(getattr(Brief, name) for name in CONTENT_FIELDS)).where(
                Brief.id.in_(list(ids))
            )
        )
    }
    data = {brief_id: _content_data(row) for brief_id, row in briefs.items()}
    query = (
        Expectation.select(
            Expectation.brief, Expectation.text, Expectation.level, Expectation.measure,
            Expectation.id,
        )
        .where(Expectation.brief.in_(list(briefs)))
        .order_by(Expectation.brief, Expectation.position, Expectation.id)
    )  # fmt: skip
    for brief_id, text, level, measure, expectation_id in tuples(query):
        data[brief_id].expectations.append(ExpectationData(text, level, measure, expectation_id))
    return data


def _content_data(row: Mapping[str, Any]) -> BriefData:
    """A brief's own fields from a row of its table (expectations to be added)."""
    values = {name: row[name] for name in CONTENT_FIELDS if name in row}
    if values.get("budget") is not None:
        values["budget"] = Decimal(values["budget"])
    return BriefData(**values, id=row["id"])


def count_stored_content_findings(
    briefs: Iterable[Mapping[str, Any]], expectations: Iterable[tuple[int, str, str, str, int]]
) -> dict[int, int]:
    """`clarity.count_content_findings` of each brief, from plain rows: its
    table's (column -> value) and (brief id, text, level, measure, id) of
    the expectations in order. For the migration that first stored them."""
    data = {row["id"]: _content_data(row) for row in briefs}
    for brief_id, text, level, measure, expectation_id in expectations:
        data[brief_id].expectations.append(ExpectationData(text, level, measure, expectation_id))
    return {brief_id: count_content_findings(brief) for brief_id, brief in data.items()}


def recount_findings(ids: Iterable[int] | None = None) -> None:
    """Count and store the findings of the briefs' own fields and expectations
    (all briefs when None): every edit of them calls it, in its transaction."""
    wanted = sorted(brief_ids() if ids is None else set(ids))
    with database.atomic():
        for chunk in (wanted[start : start + 500] for start in range(0, len(wanted), 500)):
            for brief_id, data in _content(chunk).items():
                Brief.update(content_findings=count_content_findings(data)).where(
                    Brief.id == brief_id
                ).execute()


def brief_ids() -> set[int]:
    """The ids of every brief (cheap: to tell whether briefs came or went)."""
    return {brief_id for (brief_id,) in tuples(Brief.select(Brief.id))}


def brief_exists(brief_id: int) -> bool:
    return Brief.select().where(Brief.id == brief_id).exists()


def load_brief(brief_id: int, *, for_editing: bool = False) -> BriefData:
    """The brief's content with its expectations in priority order, and the
    procedures of the tasks it hands off. `for_editing`: what the editor now
    shows, so a save checks nobody changed it since (`models.versions`)."""
    brief = Brief.get_by_id(brief_id)
    expectations = _ordered_expectations(brief_id)
    data = _data_from_row(brief, expectations, _task_names(brief_id))
    data.procedures = _procedures(brief_task_ids(brief_id))
    if for_editing:
        versions.remember(Brief, brief_id, brief.row_version)
        for expectation in expectations:
            versions.remember(Expectation, expectation.id, expectation.row_version)
    return data


def _procedures(task_ids: Sequence[int]) -> list[ProcedureData]:
    by_task = procedures_for_tasks(task_ids)
    return [by_task[task_id] for task_id in task_ids if task_id in by_task]


# Creating and deleting a brief reaches the time audit: the tasks it hands
# off show as briefed while it exists. Each edit below is one transaction
# and returns what its undo needs, like `hiring.hire`.


@dataclass(frozen=True)
class NewBrief:
    """What `add_brief` created and changed.

    Attributes:
        tasks: the time-audit tasks it marked briefed, as they were before.
    """

    brief_id: int
    tasks: TaskChanges


def add_brief(data: BriefData, *, task_ids: Sequence[int] = ()) -> NewBrief:
    """Store a new brief with its expectations (in their order) and its links to
    the time-audit tasks it hands off, which show as briefed from now on (unless
    kept or handed off already), in one transaction."""
    values = {name: clean_field(name, value) for name, value in data.fields().items()}
    expectations = [
        {
            "text": clean_expectation("text", e.text),
            "level": clean_expectation("level", e.level),
            "measure": clean_expectation("measure", e.measure),
        }
        for e in data.expectations
    ]
    with database.atomic():
        brief = Brief.create(**values, changed_by=versions.session.person)
        versions.remember(Brief, brief.id, brief.row_version)
        keys = keys_between(None, None, len(expectations))
        rows = [
            {**e, "brief": brief.id, "position": key}
            for e, key in zip(expectations, keys, strict=True)
        ]
        if rows:
            Expectation.insert_many(rows).execute()
        for task_id in dict.fromkeys(task_ids):
            BriefTask.create(brief=brief.id, task=task_id)
        recount_findings([brief.id])
        tasks = brief_tasks_briefed(brief.id)
    return NewBrief(brief.id, tasks)


def create_brief(data: BriefData, *, task_ids: Sequence[int] = ()) -> int:
    """`add_brief` for callers that need no undo (the demo, scripts); the new id."""
    return add_brief(data, task_ids=task_ids).brief_id


def undo_add_brief(added: NewBrief) -> RowSnapshot:
    """Take a new brief back: its tasks as they were, the brief and all that
    hangs on it deleted. Returns what `redo_add_brief` needs."""
    with database.atomic():
        restore_tasks(added.tasks)
        return delete_with_snapshot(Brief.get_by_id(added.brief_id))


def redo_add_brief(added: NewBrief, snapshot: RowSnapshot) -> NewBrief:
    """Put the brief back after `undo_add_brief`: the same rows under the same
    ids, its tasks briefed again. Returns what the next undo needs."""
    with database.atomic():
        restore(snapshot)
        return NewBrief(added.brief_id, brief_tasks_briefed(added.brief_id))


def update_brief(brief_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Store `changes` (field -> value), all checked first; returns the old values."""
    clean = {name: clean_field(name, value) for name, value in changes.items()}
    with database.atomic():
        brief = Brief.get_by_id(brief_id)
        old = {name: getattr(brief, name) for name in clean}
        # StaleEdit when someone else saved the brief since this client read it.
        versions.save(
            Brief,
            brief_id,
            clean,
            what=f"The brief “{brief.title}”",
            changed_at_field="updated_at",
            extra={"updated_at": now()},
        )
        recount_findings([brief_id])
    return old


def duplicate_brief(brief_id: int) -> NewBrief:
    """A new draft copy of the brief (expectations, order and task links kept)."""
    data = load_brief(brief_id)
    title = data.title.strip()
    copy_title = f"{title} (copy)"
    data = dataclasses.replace(data, title=copy_title[:200], status=BriefStatus.DRAFT)
    task_ids = [link.task_id for link in BriefTask.select().where(BriefTask.brief == brief_id)]
    return add_brief(data, task_ids=task_ids)


@dataclass(frozen=True)
class DeletedBrief:
    """What `delete_brief` removed and changed: every row that hung on the brief,
    and the tasks it no longer hands off as they were before."""

    snapshot: RowSnapshot
    tasks: TaskChanges


def delete_brief(brief_id: int) -> DeletedBrief:
    """Delete the brief with all that hangs on it, in one transaction; the tasks
    no other brief hands off are no longer briefed. `undo_delete_brief` undoes it."""
    with database.atomic():
        tasks = release_tasks(brief_id)
        return DeletedBrief(delete_with_snapshot(Brief.get_by_id(brief_id)), tasks)


def undo_delete_brief(deleted: DeletedBrief) -> None:
    """Every row back under its id, and the tasks briefed as they were."""
    with database.atomic():
        restore(deleted.snapshot)
        restore_tasks(deleted.tasks)


def brief_dependents(brief_id: int) -> dict[str, int]:
    """How many rows of each model point at the brief (model name -> count)."""
    counts = {}
    for foreign_key in Brief._meta.backrefs:
        model = foreign_key.model
        counts[model.__name__] = model.select().where(foreign_key == brief_id).count()
    return counts


def find_briefs(id_or_title: str) -> list[tuple[int, str]]:
    """Briefs whose id is `id_or_title`, else whose title matches it (case and
    accents ignored): (id, title) pairs."""
    text = id_or_title.strip()
    if text.isdigit():
        brief = Brief.get_or_none(Brief.id == int(text))
        if brief is not None:
            return [(brief.id, brief.title)]
    wanted = fold(text)
    return [
        (brief.id, brief.title)
        for brief in Brief.select(Brief.id, Brief.title).order_by(Brief.id)
        if fold(brief.title) == wanted
    ]


@dataclass(frozen=True)
class BriefSummary:
    """One brief as the list of briefs shows it."""

    id: int
    title: str
    status: str
    deadline: date | None
    updated_at: datetime
    expectation_count: int
    must_count: int
    open_findings: int
    tasks: tuple[str, ...]
    search_text: str


def brief_summaries(
    today: date, *, ids: Collection[int] | None = None, status: str | None = None
) -> list[BriefSummary]:
    """Every brief (or those of `ids`, or of one `status`), with its counts and
    how many clarity findings it has open.

    Reads plain rows, counts in SQL, and runs only the clarity rules that
    read the date and the procedures (`clarity.CONTEXT_RULES`): the findings
    of a brief's own text are counted when it is edited and stored with it.
    After one edit, the list reads the one brief again (`ids`).
    """
    chosen = Brief.select(Brief.id)
    if ids is not None:
        chosen = chosen.where(Brief.id.in_(list(ids)))
    if status is not None:
        chosen = chosen.where(Brief.status == status)
    columns = (
        Brief.id, Brief.title, Brief.summary, Brief.skills, Brief.status, Brief.deadline,
        Brief.updated_at, Brief.content_findings,
    )  # fmt: skip
    # Plain rows (Peewee converts every value of every row): the deadline and
    # the time of change typed here as Peewee would, the rest as stored.
    rows = [
        (
            *row[:5],
            None if row[5] is None else iso_day(row[5]),
            iso_time(row[6]),
            row[7],
        )
        for row in plain_rows(Brief.select(*columns).where(Brief.id.in_(chosen)).order_by(Brief.id))
    ]
    must = Case(None, [(Expectation.level == Level.MUST, 1)], 0)
    counts = {
        brief_id: (count, musts)
        for brief_id, count, musts in plain_rows(
            Expectation.select(Expectation.brief, fn.COUNT(Expectation.id), fn.SUM(must))
            .where(Expectation.brief.in_(chosen))
            .group_by(Expectation.brief)
        )
    }
    tasks: dict[int, list[str]] = {}
    task_ids: dict[int, list[int]] = {}
    links = plain_rows(
        BriefTask.select(BriefTask.brief, Task.name, Task.id)
        .join(Task)
        .where(BriefTask.brief.in_(chosen))
        .order_by(BriefTask.id)
    )
    for brief_id, name, task_id in links:
        tasks.setdefault(brief_id, []).append(name)
        task_ids.setdefault(brief_id, []).append(task_id)
    procedures = procedures_for_tasks(t for ids_ in task_ids.values() for t in ids_)
    # Briefs whose count is not stored (none, unless written behind the
    # models' back): counted here, from their content.
    uncounted = [row[0] for row in rows if row[7] is None]
    content = _content(uncounted) if uncounted else {}
    summaries = []
    for brief_id, title, summary, skills, state, deadline, updated_at, stored in rows:
        context = BriefData(
            title=title,
            status=state,
            deadline=deadline,
            tasks=tasks.get(brief_id, []),
            id=brief_id,
            procedures=[procedures[t] for t in task_ids.get(brief_id, []) if t in procedures],
        )
        own = stored if stored is not None else count_content_findings(content[brief_id])
        count, musts = counts.get(brief_id, (0, 0))
        label = BRIEF_STATUS_LABELS.get(BriefStatus(state), state)
        summaries.append(
            BriefSummary(
                id=brief_id,
                title=title,
                status=state,
                deadline=deadline,
                updated_at=updated_at,
                expectation_count=count,
                must_count=musts,
                open_findings=own + count_context_findings(context, today),
                tasks=tuple(context.tasks),
                search_text=" ".join([title, summary, skills, *context.tasks, label]),
            )
        )
    return summaries


def brief_stamps(ids: Collection[int] | None = None) -> dict[int, datetime]:
    """When each brief (or those of `ids`) was last changed (id -> updated_at):
    cheap, to tell which rows of the list to read again, or to show a change
    that touched nothing else the list shows (a move of an expectation)."""
    query = Brief.select(Brief.id, Brief.updated_at)
    if ids is not None:
        query = query.where(Brief.id.in_(list(ids)))
    return {brief_id: iso_time(stored) for brief_id, stored in plain_rows(query)}


# ---------------------------------------------------------------------------
# Tasks a brief hands off


@dataclass(frozen=True)
class TaskChoice:
    id: int
    name: str
    status: str


def task_choices() -> list[TaskChoice]:
    """Every time-audit task, candidates first, then by name."""
    tasks = [
        TaskChoice(t.id, t.name, t.status) for t in Task.select(Task.id, Task.name, Task.status)
    ]
    return sorted(tasks, key=lambda t: (t.status != "candidate", fold(t.name)))


def task_name(task_id: int) -> str | None:
    task = Task.get_or_none(Task.id == task_id)
    return None if task is None else task.name


def linked_tasks(brief_id: int) -> list[TaskChoice]:
    query = (
        Task.select(Task.id, Task.name, Task.status)
        .join(BriefTask)
        .where(BriefTask.brief == brief_id)
        .order_by(BriefTask.id)
    )
    return [TaskChoice(t.id, t.name, t.status) for t in query]


def brief_task_ids(brief_id: int) -> list[int]:
    """The ids of the time-audit tasks the brief hands off."""
    query = BriefTask.select(BriefTask.task).where(BriefTask.brief == brief_id)
    return [link.task_id for link in query.order_by(BriefTask.id)]


def brief_tasks_briefed(brief_id: int) -> TaskChanges:
    """The tasks the brief hands off show as briefed in the time audit (unless
    kept or handed off already); returns what changed, for `restore_tasks`."""
    return mark_briefed(brief_task_ids(brief_id))


def release_tasks(brief_id: int, task_ids: Iterable[int] | None = None) -> TaskChanges:
    """The brief stops handing off `task_ids` (None: all its tasks), as when it
    is deleted or a task is unlinked: those no other brief hands off are no
    longer briefed. Call it before the links go; returns what changed."""
    ids = brief_task_ids(brief_id) if task_ids is None else list(task_ids)
    elsewhere = {
        link.task_id
        for link in BriefTask.select(BriefTask.task).where(
            BriefTask.task.in_(ids) & (BriefTask.brief != brief_id)
        )
    }
    return unmark_briefed(task_id for task_id in ids if task_id not in elsewhere)


def briefs_for_task(task_id: int) -> list[tuple[int, str]]:
    """(id, title) of the briefs that hand the task off, newest first."""
    query = (
        Brief.select(Brief.id, Brief.title)
        .join(BriefTask)
        .where(BriefTask.task == task_id)
        .order_by(Brief.id.desc())
    )
    return [(brief.id, brief.title) for brief in query]


@dataclass(frozen=True)
class TaskLink:
    """What `link_task` or `unlink_task` changed.

    Attributes:
        linked: True for a link made, False for one removed.
        changed: False when there was nothing to do (already so).
        tasks: the task's fields before its status moved, if it moved.
    """

    brief_id: int
    task_id: int
    linked: bool
    changed: bool
    tasks: TaskChanges
    brief_updated_at: datetime | None = None


def _has_link(brief_id: int, task_id: int) -> bool:
    return BriefTask.select().where(BriefTask.brief == brief_id, BriefTask.task == task_id).exists()


def link_task(brief_id: int, task_id: int) -> TaskLink:
    """The brief hands the task off: link them, and the task shows as briefed
    (unless kept or handed off already), in one transaction."""
    with database.atomic():
        if _has_link(brief_id, task_id):
            return TaskLink(brief_id, task_id, linked=True, changed=False, tasks={})
        updated_at = Brief.get_by_id(brief_id).updated_at
        BriefTask.create(brief=brief_id, task=task_id)
        _touch(brief_id)
        tasks = mark_briefed([task_id])
    return TaskLink(brief_id, task_id, True, True, tasks, updated_at)


def unlink_task(brief_id: int, task_id: int) -> TaskLink:
    """The brief no longer hands the task off: the task is no longer briefed
    (unless another brief hands it off) and the link goes, in one transaction."""
    with database.atomic():
        if not _has_link(brief_id, task_id):
            return TaskLink(brief_id, task_id, linked=False, changed=False, tasks={})
        updated_at = Brief.get_by_id(brief_id).updated_at
        tasks = release_tasks(brief_id, [task_id])
        delete_from(BriefTask).where(
            BriefTask.brief == brief_id, BriefTask.task == task_id
        ).execute()
        _touch(brief_id)
    return TaskLink(brief_id, task_id, False, True, tasks, updated_at)


def undo_task_link(change: TaskLink) -> None:
    """Take back `link_task` or `unlink_task`: the link and the task as they were."""
    if not change.changed:
        return
    with database.atomic():
        restore_tasks(change.tasks)
        if change.linked:
            delete_from(BriefTask).where(
                BriefTask.brief == change.brief_id, BriefTask.task == change.task_id
            ).execute()
        else:
            BriefTask.create(brief=change.brief_id, task=change.task_id)
        Brief.update(updated_at=change.brief_updated_at).where(
            Brief.id == change.brief_id
        ).execute()


# ---------------------------------------------------------------------------
# Expectations, in priority order


def _touch(brief_id: int) -> None:
    Brief.update(updated_at=now()).where(Brief.id == brief_id).execute()


def add_expectation(
    brief_id: int,
    text: str,
    level: str = Level.SHOULD,
    measure: str = "",
    index: int | None = None,
) -> int:
    """A new expectation at `index` in the order (None: last); returns its id."""
    values = {
        "text": clean_expectation("text", text),
        "level": clean_expectation("level", level),
        "measure": clean_expectation("measure", measure),
    }
    with database.atomic():
        ordered = _ordered_expectations(brief_id)
        index = len(ordered) if index is None else max(0, min(index, len(ordered)))
        key, rewrites = place([e.position for e in ordered], index)
        _write_positions({ordered[i].id: new for i, new in rewrites.items()})
        expectation = Expectation.create(brief=brief_id, position=key, **values)
        versions.remember(Expectation, expectation.id, expectation.row_version)
        _touch(brief_id)
        recount_findings([brief_id])
    return expectation.id


def update_expectation(expectation_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Store `changes` to an expectation, all checked first; returns the old values."""
    clean = {name: clean_expectation(name, value) for name, value in changes.items()}
    with database.atomic():
        expectation = Expectation.get_by_id(expectation_id)
        old = {name: getattr(expectation, name) for name in clean}
        versions.save(
            Expectation,
            expectation_id,
            clean,
            what="This expectation",
            changed_at_field="changed_at",
            extra={"changed_at": now()},
        )
        _touch(expectation.brief_id)
        recount_findings([expectation.brief_id])
    return old


def delete_expectation(expectation_id: int) -> RowSnapshot:
    expectation = Expectation.get_by_id(expectation_id)
    with database.atomic():
        snapshot = delete_with_snapshot(expectation)
        _touch(expectation.brief_id)
        recount_findings([expectation.brief_id])
    return snapshot


def _write_positions(positions: Mapping[int, str]) -> None:
    for expectation_id, key in positions.items():
        Expectation.update(position=key).where(Expectation.id == expectation_id).execute()


def move_expectation(expectation_id: int, index: int) -> dict[int, tuple[str, str]]:
    """Put the expectation at `index` of its brief's order (0 is the top).

    Writes the moved row's key and, only when the gap there has grown too
    narrow, a few neighbours' keys. Returns {id: (old key, new key)} for
    every row written (empty when it already sits there), which is what
    undo and redo need.
    """
    with database.atomic():
        moved = Expectation.alias()
        query = (
            Expectation.select(Expectation.id, Expectation.position, Expectation.brief)
            .where(Expectation.brief == moved.select(moved.brief).where(moved.id == expectation_id))
            .order_by(Expectation.position, Expectation.id)
        )
        # A plain cursor: plain columns of every row of a long list, read at
        # each move (Peewee's rows cost four times as much); one query.
        rows = database.execute_sql(*query.sql()).fetchall()
        if not rows:
            Expectation.get_by_id(expectation_id)  # raises DoesNotExist, as before
            return {}
        brief_id = rows[0][2]
        changes = move_to([(row_id, key) for row_id, key, _ in rows], expectation_id, index)
        if not changes:
            return {}
        _write_positions({row_id: new for row_id, (_, new) in changes.items()})
        _touch(brief_id)
    return changes


def set_expectation_positions(positions: Mapping[int, str]) -> None:
    """Write order keys back (undo and redo of a move)."""
    if not positions:
        return
    with database.atomic():
        _write_positions(positions)
        brief_ids = {
            e.brief_id
            for e in Expectation.select(Expectation.brief).where(
                Expectation.id.in_(list(positions))
            )
        }
        for brief_id in brief_ids:
            _touch(brief_id)


@dataclass(frozen=True)
class ExpectationRow:
    id: int
    text: str
    level: str
    measure: str
    position: str


def expectations_of(brief_id: int) -> list[ExpectationRow]:
    """The brief's expectations in priority order."""
    return [
        ExpectationRow(e.id, e.text, e.level, e.measure, e.position)
        for e in _ordered_expectations(brief_id)
    ]


# ---------------------------------------------------------------------------
# Versions: what the brief said each time it was exported


@dataclass(frozen=True)
class VersionRow:
    id: int
    created_at: datetime
    exported_to: str
    data: BriefData


def record_version(brief_id: int, data: BriefData, exported_to: str) -> int:
    """Keep what the brief said when it went out (`exported_to`: a path, or
    "Printed"); returns the version's id."""
    version = BriefVersion.create(
        brief=brief_id, snapshot=brief_json_text(data), exported_to=exported_to
    )
    return version.id


def delete_version(version_id: int) -> RowSnapshot:
    """Forget a version (the undo of keeping it); `snapshots.restore` puts it back."""
    return delete_with_snapshot(BriefVersion.get_by_id(version_id))


def versions_of(brief_id: int) -> list[VersionRow]:
    """The brief's exported versions, newest first."""
    rows = []
    for version in (
        BriefVersion.select()
        .where(BriefVersion.brief == brief_id)
        .order_by(BriefVersion.created_at.desc(), BriefVersion.id.desc())
    ):
        try:
            data = brief_from_json_text(version.snapshot)
        except (ValueError, ValidationError):
            # A snapshot this version cannot read shows as empty, not as a crash.
            data = BriefData(title="(unreadable version)")
        rows.append(VersionRow(version.id, version.created_at, version.exported_to, data))
    return rows
