"""A procedure's edits, each one undoable command on the shared stack.

Every command writes through one `models.procedures` function (one
transaction) and keeps what its undo needs; commands that add rows take
them back with a snapshot, so redo puts the very same rows back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from desktop_app.models.i18n import _, count
from desktop_app.models.procedure_content import ProcedureData, StepData
from desktop_app.models.procedure_versions import (
    delete_procedure_version,
    record_procedure_sent,
)
from desktop_app.models.procedures import (
    ImportedProcedure,
    RecordedSteps,
    add_recorded_steps,
    add_step,
    create_procedure,
    delete_procedure,
    delete_step,
    import_procedure,
    move_step,
    redo_import,
    restore_step_values,
    set_step_positions,
    undo_import,
    undo_recorded_steps,
    update_procedure,
    update_step,
)
from desktop_app.models.snapshots import RowSnapshot
from desktop_app.views.context import AppContext, Topic
from desktop_app.views.undo import AddRowsCommand, DeleteRowsCommand, StoreCommand

# The brief views show the procedures of the tasks they hand off.
TOPICS = (Topic.PROCEDURES, Topic.BRIEFS)


class CreateProcedureCommand(AddRowsCommand):
    topics = TOPICS

    def __init__(self, ctx: AppContext, task_id: int, task_name: str) -> None:
        super().__init__(ctx, _("Start the procedure of “{task_name}”").format(task_name=task_name))
        self.task_id = task_id
        self.procedure_id: int | None = None

    def first_apply(self) -> None:
        self.procedure_id = create_procedure(self.task_id, ProcedureData())

    def take_back(self) -> RowSnapshot:
        assert self.procedure_id is not None
        return delete_procedure(self.procedure_id)


class UpdateProcedureCommand(StoreCommand):
    """Change the procedure's own fields; undo writes back what they were."""

    topics = TOPICS

    def __init__(self, ctx: AppContext, procedure_id: int, changes: Mapping[str, Any], text: str):
        super().__init__(ctx, text)
        self.procedure_id = procedure_id
        self.changes = dict(changes)
        self.before: dict[str, Any] = {}

    def apply(self) -> None:
        self.before = update_procedure(self.procedure_id, self.changes)

    def revert(self) -> None:
        update_procedure(self.procedure_id, self.before)


class DeleteProcedureCommand(DeleteRowsCommand):
    topics = TOPICS

    def __init__(self, ctx: AppContext, procedure_id: int, task_name: str) -> None:
        super().__init__(
            ctx, _("Delete the procedure of “{task_name}”").format(task_name=task_name)
        )
        self.procedure_id = procedure_id

    def take_out(self) -> RowSnapshot:
        return delete_procedure(self.procedure_id)


class AddStepCommand(AddRowsCommand):
    topics = TOPICS

    def __init__(
        self, ctx: AppContext, procedure_id: int, step: StepData, index: int | None = None
    ) -> None:
        super().__init__(ctx, _("Add step “{step}”").format(step=" ".join(step.text.split())[:40]))
        self.procedure_id = procedure_id
        self.step = step
        self.index = index
        self.step_id: int | None = None

    def first_apply(self) -> None:
        self.step_id = add_step(self.procedure_id, self.step, self.index)

    def take_back(self) -> RowSnapshot:
        assert self.step_id is not None
        return delete_step(self.step_id)


class UpdateStepCommand(StoreCommand):
    topics = TOPICS

    def __init__(self, ctx: AppContext, step_id: int, changes: Mapping[str, Any], text: str):
        super().__init__(ctx, text)
        self.step_id = step_id
        self.changes = dict(changes)
        self.before: dict[str, Any] = {}

    def apply(self) -> None:
        self.before = update_step(self.step_id, self.changes)

    def revert(self) -> None:
        restore_step_values(self.step_id, self.before)


class DeleteStepCommand(DeleteRowsCommand):
    topics = TOPICS

    def __init__(self, ctx: AppContext, step_id: int, number: int) -> None:
        super().__init__(ctx, _("Delete step {number}").format(number=number))
        self.step_id = step_id

    def take_out(self) -> RowSnapshot:
        return delete_step(self.step_id)


class MoveStepCommand(StoreCommand):
    """Move a step; undo and redo write back the keys the move changed."""

    topics = TOPICS

    def __init__(self, ctx: AppContext, step_id: int, index: int) -> None:
        super().__init__(ctx, _("Move step to {number}").format(number=index + 1))
        self.step_id = step_id
        self.index = index
        self.changes: dict[int, tuple[str, str]] | None = None

    def apply(self) -> None:
        if self.changes is None:
            self.changes = move_step(self.step_id, self.index)
        else:
            set_step_positions({row_id: new for row_id, (_, new) in self.changes.items()})

    def revert(self) -> None:
        assert self.changes is not None
        set_step_positions({row_id: old for row_id, (old, _) in self.changes.items()})


class RecordStepsCommand(AddRowsCommand):
    """A guided recording's steps, appended at once (the procedure made if need be)."""

    topics = TOPICS

    def __init__(
        self, ctx: AppContext, task_id: int, task_name: str, steps: Sequence[StepData]
    ) -> None:
        super().__init__(
            ctx,
            count(
                len(steps),
                "Record {count} step of “{task_name}”",
                "Record {count} steps of “{task_name}”",
                task_name=task_name,
            ),
        )
        self.task_id = task_id
        self.steps = list(steps)
        self.recorded: RecordedSteps | None = None

    def first_apply(self) -> None:
        self.recorded = add_recorded_steps(self.task_id, self.steps)

    def take_back(self) -> RowSnapshot:
        assert self.recorded is not None
        return undo_recorded_steps(self.recorded)


class ImportProcedureCommand(StoreCommand):
    """A procedure read from a file becomes the task's (replacing its own when
    the owner said so); undo puts the old one back."""

    topics = TOPICS

    def __init__(
        self, ctx: AppContext, task_id: int, data: ProcedureData, replace: bool, file_name: str
    ) -> None:
        super().__init__(ctx, _("Import the procedure {file_name}").format(file_name=file_name))
        self.task_id = task_id
        self.data = data
        self.replace = replace
        self.imported: ImportedProcedure | None = None
        self._snapshot: RowSnapshot | None = None

    def apply(self) -> None:
        if self.imported is None:
            self.imported = import_procedure(self.task_id, self.data, replace=self.replace)
        else:
            assert self._snapshot is not None
            redo_import(self.imported, self._snapshot)

    def revert(self) -> None:
        assert self.imported is not None
        self._snapshot = undo_import(self.imported)


class KeepProcedureVersionCommand(AddRowsCommand):
    """The procedure went out on its own: keep what it said; undo forgets it
    (the file sent stays where it went)."""

    topics = (Topic.PROCEDURES,)

    def __init__(
        self, ctx: AppContext, procedure_id: int, data: ProcedureData, sent_to: str, text: str
    ) -> None:
        super().__init__(ctx, text)
        self.procedure_id = procedure_id
        self.data = data
        self.sent_to = sent_to
        self.version_id: int | None = None

    def first_apply(self) -> None:
        self.version_id = record_procedure_sent(self.procedure_id, self.data, self.sent_to)

    def take_back(self) -> RowSnapshot:
        assert self.version_id is not None
        return delete_procedure_version(self.version_id)
