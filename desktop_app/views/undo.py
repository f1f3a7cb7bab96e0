"""Undoable edits: every change the owner makes is a command on one stack.

A command's `apply` makes the change and `revert` takes it back, through
`desktop_app.models` functions. Each apply, undo and redo runs in one
transaction, however many model calls it makes: if any step fails, none
of it is kept. `execute` applies a command before pushing it, so a change
the models refuse (a `UserError`) raises to the caller and nothing lands
on the stack; an undo or redo that fails changes nothing and leaves the
stack (see `StoreCommand._in_one_transaction`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from desktop_app.models import versions
from desktop_app.models.base import database
from desktop_app.models.engine import announce
from desktop_app.models.progress import Progress
from desktop_app.models.snapshots import RowSnapshot, restore
from desktop_app.views.context import AppContext
from desktop_app.views.partials.long_task import LongTask
from desktop_app.views.partials.plain_text import menu_text


class StoreCommand(QUndoCommand):
    """Base of every edit. Subclasses implement apply() and revert().

    Attributes:
        topics: what the edit changes; data_changed is emitted for each after
            apply, undo and redo.
    """

    topics: tuple[str, ...] = ()
    # Set while a long apply runs in a worker (`execute_in_background`): a
    # command that reports progress passes it to its model function.
    progress: Progress | None = None

    def __init__(self, ctx: AppContext, text: str) -> None:
        # The Edit menu shows it ("Undo Delete brief “R&D”"): a name's "&" stays.
        super().__init__(menu_text(text))
        self.ctx = ctx
        self._applied_before_push = False
        # No lost updates (`models.versions`): the row versions the next run
        # checks against. Before the first apply, those of the form it was
        # made from (`read_for_editing`), if any; then those its last run
        # wrote, so an undo or a redo is refused when someone saved since.
        self.expected: versions.Versions = {}

    def run_tracked(self, step: Callable[[], None]) -> None:
        """Run apply or revert, checking and then keeping the row versions."""
        with versions.tracking(self.expected) as written:
            step()
        self.expected = dict(written)

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if self._applied_before_push:
            # QUndoStack.push calls redo(); execute() already applied it.
            self._applied_before_push = False
        else:
            self._in_one_transaction(self.apply)
        self.notify()

    def undo(self) -> None:
        self._in_one_transaction(self.revert)
        self.notify()

    def _in_one_transaction(self, step: Callable[[], None]) -> None:
        """Run an undo or a redo as one transaction.

        When it fails, the transaction is rolled back, so the data are as they
        were; but QUndoStack moves its index whatever happens. Marked obsolete,
        the command leaves the stack instead, so the stack never offers to take
        back what did not happen, nor to redo what already is. The error goes
        on to the error dialog.
        """
        try:
            with database.atomic():
                self.run_tracked(step)
        except BaseException:
            self.setObsolete(True)
            raise

    def notify(self) -> None:
        # In a team workspace the other clients hear of it too (committed by now).
        announce(database, self.topics)
        for topic in self.topics:
            self.ctx.data_changed.emit(topic)


class AddRowsCommand(StoreCommand):
    """An edit that adds rows. The first apply makes them (`first_apply`);
    undo takes them out with a snapshot (`take_back`), so redo puts the very
    same rows back under the same ids and later commands still find them."""

    def __init__(self, ctx: AppContext, text: str) -> None:
        super().__init__(ctx, text)
        self._snapshot: RowSnapshot | None = None

    def apply(self) -> None:
        if self._snapshot is None:
            self.first_apply()
        else:
            restore(self._snapshot)

    def revert(self) -> None:
        self._snapshot = self.take_back()

    def first_apply(self) -> None:
        raise NotImplementedError

    def take_back(self) -> RowSnapshot:
        raise NotImplementedError


class DeleteRowsCommand(StoreCommand):
    """An edit that deletes rows (with what depends on them) through
    `take_out`, which returns their snapshot; undo puts them all back."""

    def __init__(self, ctx: AppContext, text: str) -> None:
        super().__init__(ctx, text)
        self._snapshot: RowSnapshot | None = None

    def apply(self) -> None:
        self._snapshot = self.take_out()

    def revert(self) -> None:
        assert self._snapshot is not None
        restore(self._snapshot)

    def take_out(self) -> RowSnapshot:
        raise NotImplementedError


def execute(command: StoreCommand) -> None:
    """Apply `command` and push it on the undo stack.

    Raises whatever apply() raises (a UserError for refused input); then
    nothing was changed (apply runs in one transaction) and nothing is pushed.
    """
    with database.atomic():
        command.run_tracked(command.apply)
    _push_applied(command)


def execute_in_background(
    command: StoreCommand, parent: QWidget, title: str, text: str, cancelled_text: str
) -> LongTask:
    """Apply `command` in a worker thread, then push it: one transaction, one undo step.

    A dialog over `parent` shows the progress the command reports and offers
    Cancel (`cancelled_text` is what the owner is then told). The task is
    started; its `succeeded` comes once the command is on the stack, its
    `failed` with the UserError (a `Cancelled` too) when nothing was changed.
    """

    def work(progress: Progress) -> None:
        command.progress = progress
        try:
            with database.atomic():
                command.apply()
        finally:
            command.progress = None

    task = LongTask(command.ctx.store, parent, title, text, work, cancelled_text=cancelled_text)
    # Connected before `succeeded` reaches the caller's slots: pushed first.
    task.succeeded.connect(lambda _result: _push_applied(command))
    task.start()
    return task


def _push_applied(command: StoreCommand) -> None:
    command._applied_before_push = True
    command.ctx.undo_stack.push(command)
