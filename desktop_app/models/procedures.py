"""Procedures: how each time-audit task is done, step by step.

A task has at most one procedure; its steps sort by a fractional-index key
(`ordering.py`, as a brief's expectations do), so moving a step rewrites
that one row. Every edit checks its input first (`procedure_content`),
runs in one transaction and returns what its undo needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from peewee import (
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from desktop_app.models import versions
from desktop_app.models.base import BaseModel, database, now
from desktop_app.models.errors import UserError
from desktop_app.models.formats import integer, month_year
from desktop_app.models.i18n import _, count
from desktop_app.models.ordering import keys_between, move_to, place
from desktop_app.models.procedure_content import (
    MAX_STEPS,
    ProcedureData,
    StepData,
    clean_procedure_field,
    clean_step,
    clean_step_data,
)
from desktop_app.models.rows import tuples
from desktop_app.models.snapshots import RowSnapshot, delete_with_snapshot, restore
from desktop_app.models.tasks import Task, latest_month_logged
from desktop_app.models.text import fold


class Procedure(BaseModel):
    """How one task is done."""

    task = ForeignKeyField(Task, backref="procedures", on_delete="CASCADE", unique=True)
    task_id: int
    title = CharField(max_length=200, default="")
    purpose = TextField(default="")
    tools = TextField(default="")  # one tool or account a line, names only
    inputs = TextField(default="")
    outputs = TextField(default="")
    done_when = TextField(default="")
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)
    # No lost updates (`models.versions`, schema 12): bumped by each save,
    # with who saved last and when.
    row_version = IntegerField(default=1)
    changed_by = CharField(max_length=200, default="")
    changed_at = DateTimeField(null=True)


class ProcedureStep(BaseModel):
    """One step of a procedure, at its place in the order."""

    procedure = ForeignKeyField(Procedure, backref="steps", on_delete="CASCADE")
    procedure_id: int
    text = TextField()
    detail = TextField(default="")
    link = TextField(default="")
    check = TextField(default="")
    # Seconds it took in a guided recording ("record yourself doing it").
    seconds = IntegerField(null=True)
    # A fractional-index key: rows sort by it.
    position = CharField(max_length=255)
    # No lost updates (`models.versions`, schema 12): bumped by each save,
    # with who saved last and when.
    row_version = IntegerField(default=1)
    changed_by = CharField(max_length=200, default="")
    changed_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("procedure", "position"), False),)


# ---------------------------------------------------------------------------
# Reading


def _ordered_steps(procedure_ids: Sequence[int]) -> dict[int, list[StepData]]:
    steps: dict[int, list[StepData]] = {procedure_id: [] for procedure_id in procedure_ids}
    query = (
        ProcedureStep.select()
        .where(ProcedureStep.procedure.in_(list(procedure_ids)))
        .order_by(ProcedureStep.procedure, ProcedureStep.position, ProcedureStep.id)
    )
    for step in query:
        versions.remember(ProcedureStep, step.id, step.row_version)
        steps[step.procedure_id].append(
            StepData(step.text, step.detail, step.link, step.check, step.seconds, step.id)
        )
    return steps


def _data(procedure: Procedure, task_name: str, steps: list[StepData]) -> ProcedureData:
    return ProcedureData(
        **{name: getattr(procedure, name) for name in ProcedureData().fields()},
        steps=steps,
        task_name=task_name,
        task_id=procedure.task_id,
        id=procedure.id,
    )


def procedures_for_tasks(task_ids: Iterable[int]) -> dict[int, ProcedureData]:
    """The procedures of the tasks `task_ids` (task id -> procedure), in two queries."""
    ids = list(dict.fromkeys(task_ids))
    if not ids:
        return {}
    rows = list(
        Procedure.select(Procedure, Task.id, Task.name).join(Task).where(Procedure.task.in_(ids))
    )
    steps = _ordered_steps([row.id for row in rows])
    return {row.task_id: _data(row, row.task.name, steps[row.id]) for row in rows}


def load_procedure(procedure_id: int) -> ProcedureData:
    """The procedure with its steps in order."""
    procedure = Procedure.get_by_id(procedure_id)
    versions.remember(Procedure, procedure.id, procedure.row_version)
    return _data(procedure, procedure.task.name, _ordered_steps([procedure_id])[procedure_id])


def procedure_id_for_task(task_id: int) -> int | None:
    row = Procedure.select(Procedure.id).where(Procedure.task == task_id).first()
    return row.id if row is not None else None


def task_name_of(task_id: int) -> str:
    """The task's name; UserError when it no longer exists."""
    task = Task.get_or_none(Task.id == task_id)
    if task is None:
        raise UserError(_("That task no longer exists."))
    return task.name


def find_procedures(name: str) -> list[tuple[int, str]]:
    """Procedures whose task's name, or whose title, is `name` (case and accents
    ignored): (procedure id, task name) pairs."""
    wanted = fold(name)
    query = (
        Procedure.select(Procedure.id, Procedure.title, Task.id, Task.name, Task.name_key)
        .join(Task)
        .order_by(Procedure.id)
    )
    by_task = [(row.id, row.task.name) for row in query if row.task.name_key == wanted]
    if by_task:
        return by_task
    return [(row.id, row.task.name) for row in query if row.title and fold(row.title) == wanted]


@dataclass(frozen=True)
class StepRow:
    """One step as the editor lists it."""

    id: int
    text: str
    detail: str
    link: str
    check: str
    seconds: int | None
    position: str


def steps_of(procedure_id: int) -> list[StepRow]:
    """The procedure's steps, in order."""
    query = (
        ProcedureStep.select()
        .where(ProcedureStep.procedure == procedure_id)
        .order_by(ProcedureStep.position, ProcedureStep.id)
    )
    fetched = list(query)
    # What the steps show is what this client has read (`models.versions`).
    versions.remember_rows(ProcedureStep, ((s.id, s.row_version) for s in fetched))
    return [
        StepRow(s.id, s.text, s.detail, s.link, s.check, s.seconds, s.position) for s in fetched
    ]


@dataclass(frozen=True)
class OwnerTime:
    """How long the task takes the owner today, from the time audit."""

    month: date
    minutes: int
    times: int

    @property
    def minutes_each_time(self) -> int:
        return round(self.minutes / self.times)


def owner_time(task_id: int) -> OwnerTime | None:
    """The task's entries in the latest month that has any: how often, how long."""
    logged = latest_month_logged(task_id)
    return OwnerTime(*logged) if logged is not None else None


def owner_time_text(time: OwnerTime | None) -> str:
    """ "About 1 h 10 min each time (9 times in May 2026)"; "" without entries."""
    if time is None:
        return ""
    each = time.minutes_each_time
    length = (
        _("{minutes} min").format(minutes=integer(each))
        if each < 60
        else _("{hours} h {minutes} min").format(
            hours=integer(each // 60), minutes=f"{each % 60:02d}"
        )
    )
    times = count(time.times, "once", "{count} times")
    return _("About {length} each time ({times} in {month}, from the time audit)").format(
        length=length, times=times, month=month_year(time.month)
    )


# ---------------------------------------------------------------------------
# Edits of the procedure itself


def _touch(procedure_id: int) -> None:
    Procedure.update(updated_at=now()).where(Procedure.id == procedure_id).execute()


def _check_steps(steps: Sequence[StepData]) -> list[StepData]:
    if len(steps) > MAX_STEPS:
        raise UserError(
            _("A procedure can have at most {limit} steps (this one has {length}).").format(
                limit=integer(MAX_STEPS), length=integer(len(steps))
            )
        )
    return [clean_step_data(step) for step in steps]


def _step_order(procedure_id: int) -> list[tuple[int, str]]:
    """The procedure's steps in order: (id, order key) pairs."""
    query = (
        ProcedureStep.select(ProcedureStep.id, ProcedureStep.position)
        .where(ProcedureStep.procedure == procedure_id)
        .order_by(ProcedureStep.position, ProcedureStep.id)
    )
    return [(step_id, position) for step_id, position in tuples(query)]


def _insert_steps(procedure_id: int, steps: Sequence[StepData], index: int | None) -> list[int]:
    """Insert checked `steps` at `index` of the order (None: last); their ids."""
    if not steps:
        return []
    order = _step_order(procedure_id)
    if len(order) + len(steps) > MAX_STEPS:
        raise UserError(
            _("A procedure can have at most {limit} steps.").format(limit=integer(MAX_STEPS))
        )
    index = len(order) if index is None else max(0, min(index, len(order)))
    below = order[index - 1][1] if index > 0 else None
    above = order[index][1] if index < len(order) else None
    try:
        keys = keys_between(below, above, len(steps))
    except ValueError:
        keys = []
    if len(steps) == 1 or not keys:
        # One at a time through `place`, which respaces neighbours when needed.
        ids = []
        for offset, step in enumerate(steps):
            ids.append(_insert_one(procedure_id, step, index + offset))
        return ids
    ids = []
    for step, key in zip(steps, keys, strict=True):
        ids.append(_create_step(procedure_id, step, key))
    return ids


def _insert_one(procedure_id: int, step: StepData, index: int) -> int:
    order = _step_order(procedure_id)
    key, rewrites = place([position for _, position in order], index)
    _write_positions({order[i][0]: new for i, new in rewrites.items()})
    return _create_step(procedure_id, step, key)


def _create_step(procedure_id: int, step: StepData, key: str) -> int:
    return ProcedureStep.create(
        procedure=procedure_id,
        text=step.text,
        detail=step.detail,
        link=step.link,
        check=step.check,
        seconds=step.seconds,
        position=key,
    ).id


def _write_positions(positions: Mapping[int, str]) -> None:
    for step_id, key in positions.items():
        ProcedureStep.update(position=key).where(ProcedureStep.id == step_id).execute()


def create_procedure(task_id: int, data: ProcedureData | None = None) -> int:
    """A new procedure for the task (with `data`'s fields and steps); its id.

    Refused when the task has one already.
    """
    data = data or ProcedureData()
    values = {name: clean_procedure_field(name, value) for name, value in data.fields().items()}
    steps = _check_steps(data.steps)
    with database.atomic():
        task = Task.get_or_none(Task.id == task_id)
        if task is None:
            raise UserError(_("That task no longer exists."))
        if procedure_id_for_task(task_id) is not None:
            raise UserError(_("“{name}” already has a procedure.").format(name=task.name))
        procedure = Procedure.create(task=task_id, **values)
        _insert_steps(procedure.id, steps, None)
    return procedure.id


def update_procedure(procedure_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Store `changes` (field -> value), all checked first; returns the old values."""
    clean = {name: clean_procedure_field(name, value) for name, value in changes.items()}
    with database.atomic():
        procedure = Procedure.get_by_id(procedure_id)
        old = {name: getattr(procedure, name) for name in clean}
        versions.save(
            Procedure, procedure_id, clean, what="This procedure", extra={"updated_at": now()}
        )
    return old


def delete_procedure(procedure_id: int) -> RowSnapshot:
    """Delete the procedure with its steps and versions; `snapshots.restore` undoes it."""
    return delete_with_snapshot(Procedure.get_by_id(procedure_id))


@dataclass(frozen=True)
class ImportedProcedure:
    """What `import_procedure` did: the new procedure, and the one it replaced."""

    procedure_id: int
    replaced: RowSnapshot | None


def import_procedure(task_id: int, data: ProcedureData, *, replace: bool) -> ImportedProcedure:
    """Give the task the procedure `data` (read from a file), in one transaction.

    A task that has a procedure keeps it unless `replace`; then the old one
    goes (with a snapshot, so `undo_import` puts it back).
    """
    with database.atomic():
        existing = procedure_id_for_task(task_id)
        replaced = None
        if existing is not None:
            if not replace:
                name = Task.get_by_id(task_id).name
                raise UserError(
                    _("“{name}” already has a procedure; replace it to import this one.").format(
                        name=name
                    )
                )
            replaced = delete_procedure(existing)
        return ImportedProcedure(create_procedure(task_id, data), replaced)


def undo_import(imported: ImportedProcedure) -> RowSnapshot:
    """Take the imported procedure out and put back the one it replaced."""
    with database.atomic():
        snapshot = delete_procedure(imported.procedure_id)
        if imported.replaced is not None:
            restore(imported.replaced)
    return snapshot


def redo_import(imported: ImportedProcedure, snapshot: RowSnapshot) -> None:
    """Import again, as the same rows under the same ids."""
    with database.atomic():
        if imported.replaced is not None:
            replaced_id = imported.replaced.rows[0][1]["id"]
            Procedure.get_by_id(replaced_id).delete_instance()
        restore(snapshot)


# ---------------------------------------------------------------------------
# Steps


def add_step(procedure_id: int, step: StepData, index: int | None = None) -> int:
    """A new step at `index` of the order (None: last); returns its id.

    An empty step is refused (ValidationError naming the field).
    """
    checked = clean_step_data(step)
    with database.atomic():
        [step_id] = _insert_steps(procedure_id, [checked], index)
        _touch(procedure_id)
    return step_id


def update_step(step_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Store `changes` to a step, all checked first; returns the old values."""
    clean = {name: clean_step(name, value) for name, value in changes.items()}
    with database.atomic():
        step = ProcedureStep.get_by_id(step_id)
        old = {name: getattr(step, name) for name in clean}
        versions.save(ProcedureStep, step_id, clean, what="This step")
        _touch(step.procedure_id)
    return old


def restore_step_values(step_id: int, values: Mapping[str, Any]) -> None:
    """Write back values `update_step` returned (undo: no checks, they were stored)."""
    with database.atomic():
        versions.save(ProcedureStep, step_id, dict(values), what="This step")
        _touch(ProcedureStep.get_by_id(step_id).procedure_id)


def delete_step(step_id: int) -> RowSnapshot:
    step = ProcedureStep.get_by_id(step_id)
    with database.atomic():
        snapshot = delete_with_snapshot(step)
        _touch(step.procedure_id)
    return snapshot


def delete_steps(step_ids: Iterable[int]) -> RowSnapshot:
    """Delete several steps in one transaction; one snapshot puts them all back."""
    snapshot = RowSnapshot()
    with database.atomic():
        for step_id in step_ids:
            part = delete_step(step_id)
            snapshot.rows.extend(part.rows)
            snapshot.nulled_links.extend(part.nulled_links)
    return snapshot


def move_step(step_id: int, index: int) -> dict[int, tuple[str, str]]:
    """Put the step at `index` of its procedure's order (0 is the first).

    Returns {id: (old key, new key)} for every row written (empty when it
    already sits there): what undo and redo need.
    """
    with database.atomic():
        procedure_id = ProcedureStep.get_by_id(step_id).procedure_id
        changes = move_to(_step_order(procedure_id), step_id, index)
        if changes:
            _write_positions({row_id: new for row_id, (_, new) in changes.items()})
            _touch(procedure_id)
    return changes


def set_step_positions(positions: Mapping[int, str]) -> None:
    """Write order keys back (undo and redo of a move)."""
    if not positions:
        return
    with database.atomic():
        _write_positions(positions)
        procedures = ProcedureStep.select(ProcedureStep.procedure).where(
            ProcedureStep.id.in_(list(positions))
        )
        for procedure_id in {row.procedure_id for row in procedures}:
            _touch(procedure_id)


# ---------------------------------------------------------------------------
# A guided recording: the first draft in one pass


@dataclass(frozen=True)
class RecordedSteps:
    """What `add_recorded_steps` added: the steps, and the procedure if it was new."""

    procedure_id: int
    created_procedure: bool
    step_ids: tuple[int, ...]


def add_recorded_steps(task_id: int, steps: Sequence[StepData]) -> RecordedSteps:
    """Append the steps of a guided recording to the task's procedure (made
    when the task has none), in one transaction."""
    checked = _check_steps(steps)
    if not checked:
        raise UserError(_("Nothing was recorded: write at least one step."))
    with database.atomic():
        procedure_id = procedure_id_for_task(task_id)
        created = procedure_id is None
        if procedure_id is None:
            procedure_id = create_procedure(task_id)
        step_ids = _insert_steps(procedure_id, checked, None)
        _touch(procedure_id)
    return RecordedSteps(procedure_id, created, tuple(step_ids))


def undo_recorded_steps(recorded: RecordedSteps) -> RowSnapshot:
    """Take back a recording (and the procedure it made)."""
    if recorded.created_procedure:
        return delete_procedure(recorded.procedure_id)
    return delete_steps(recorded.step_ids)
