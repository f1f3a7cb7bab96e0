"""The time audit's edits, each one undoable command on the shared stack.

A command that adds rows remembers their ids; its undo deletes them with
a snapshot (`models.snapshots`), and its redo puts the very same rows back,
so later commands that point at those ids keep working.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from desktop_app.backup import Reason
from desktop_app.models.i18n import _, count
from desktop_app.models.snapshots import RowSnapshot
from desktop_app.models.tasks import (
    ImportOutcome,
    NewEntry,
    create_task,
    delete_imported,
    delete_task,
    delete_time_entry,
    format_minutes,
    import_time_entries,
    log_time,
    restore_entry_values,
    restore_task_values,
    update_task,
    update_time_entry,
)
from desktop_app.views.context import AppContext, Topic
from desktop_app.views.undo import AddRowsCommand, DeleteRowsCommand, StoreCommand


class _AddsRows(AddRowsCommand):
    """Adds rows of the time audit (see AddRowsCommand)."""

    topics = (Topic.TASKS,)


class CreateTaskCommand(_AddsRows):
    def __init__(self, ctx: AppContext, name: str, fields: Mapping[str, Any] | None = None) -> None:
        super().__init__(ctx, _("Add task “{name}”").format(name=name.strip()))
        self.name = name
        self.fields = dict(fields or {})
        self.task_id: int | None = None

    def first_apply(self) -> None:
        self.task_id = create_task(self.name, **self.fields)

    def take_back(self) -> RowSnapshot:
        assert self.task_id is not None
        return delete_task(self.task_id)


class UpdateTaskCommand(StoreCommand):
    """Change fields of one task; undo writes back every field as it was."""

    topics = (Topic.TASKS,)

    def __init__(self, ctx: AppContext, task_id: int, changes: Mapping[str, Any], text: str):
        super().__init__(ctx, text)
        self.task_id = task_id
        self.changes = dict(changes)
        self.before: dict[str, Any] = {}

    def apply(self) -> None:
        self.before = update_task(self.task_id, self.changes)

    def revert(self) -> None:
        restore_task_values(self.task_id, self.before)


class DeleteTaskCommand(DeleteRowsCommand):
    topics = (Topic.TASKS,)

    def __init__(self, ctx: AppContext, task_id: int, name: str) -> None:
        super().__init__(ctx, _("Delete task “{name}”").format(name=name))
        self.task_id = task_id

    def take_out(self) -> RowSnapshot:
        return delete_task(self.task_id)


class LogTimeCommand(_AddsRows):
    """Log minutes on a task, creating the task when it is typed by a new name."""

    def __init__(
        self,
        ctx: AppContext,
        task: int | str,
        task_name: str,
        *,
        day: date,
        minutes: int,
        note: str = "",
    ) -> None:
        super().__init__(
            ctx,
            _("Log {time} on “{task_name}”").format(
                time=format_minutes(minutes), task_name=task_name
            ),
        )
        self.task = task
        self.day = day
        self.minutes = minutes
        self.note = note
        self.entry_id: int | None = None
        self.created_task_id: int | None = None

    def first_apply(self) -> None:
        self.entry_id, self.created_task_id = log_time(self.task, self.day, self.minutes, self.note)

    def take_back(self) -> RowSnapshot:
        if self.created_task_id is not None:
            return delete_task(self.created_task_id)
        assert self.entry_id is not None
        return delete_time_entry(self.entry_id)


class UpdateEntryCommand(StoreCommand):
    topics = (Topic.TASKS,)

    def __init__(self, ctx: AppContext, entry_id: int, changes: Mapping[str, Any], text: str):
        super().__init__(ctx, text)
        self.entry_id = entry_id
        self.changes = dict(changes)
        self.before: dict[str, Any] = {}

    def apply(self) -> None:
        self.before = update_time_entry(self.entry_id, self.changes)

    def revert(self) -> None:
        restore_entry_values(self.entry_id, self.before)


class DeleteEntryCommand(DeleteRowsCommand):
    topics = (Topic.TASKS,)

    def __init__(self, ctx: AppContext, entry_id: int) -> None:
        super().__init__(ctx, _("Delete time entry"))
        self.entry_id = entry_id

    def take_out(self) -> RowSnapshot:
        return delete_time_entry(self.entry_id)


class ImportTimeCommand(_AddsRows):
    """An import in one transaction; undo takes back its entries and new tasks."""

    def __init__(self, ctx: AppContext, entries: list[NewEntry], file_name: str) -> None:
        super().__init__(
            ctx,
            count(
                len(entries),
                "Import {count} time entry from {name}",
                "Import {count} time entries from {name}",
                name=file_name,
            ),
        )
        self.entries = entries
        self.outcome = ImportOutcome()

    def first_apply(self) -> None:
        self.ctx.store.back_up(Reason.IMPORT)
        self.outcome = import_time_entries(self.entries, self.progress)

    def take_back(self) -> RowSnapshot:
        return delete_imported(self.outcome)
