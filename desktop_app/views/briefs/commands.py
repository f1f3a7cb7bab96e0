"""Every edit of the Briefs tab as an undoable command.

Field edits merge: typing in one field makes one undo step per burst of
typing (the editor starts a new burst when the field loses focus), not one
per keystroke. Undoing or redoing a brief's edit shows that brief, so the
owner sees what changed even from another tab.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from desktop_app.models.brief_templates import (
    delete_own_template,
    restore_own_template,
    save_own_template,
)
from desktop_app.models.briefs import (
    FIELDS_BY_NAME,
    BriefData,
    DeletedBrief,
    NewBrief,
    TaskLink,
    add_brief,
    add_expectation,
    brief_exists,
    delete_brief,
    delete_expectation,
    delete_version,
    duplicate_brief,
    link_task,
    move_expectation,
    redo_add_brief,
    set_expectation_positions,
    undo_add_brief,
    undo_delete_brief,
    undo_task_link,
    unlink_task,
    update_brief,
    update_expectation,
)
from desktop_app.models.i18n import _
from desktop_app.models.procedure_versions import record_brief_sent
from desktop_app.models.snapshots import RowSnapshot
from desktop_app.views.context import AppContext, Topic
from desktop_app.views.partials.plain_text import in_sentence
from desktop_app.views.undo import AddRowsCommand, DeleteRowsCommand, StoreCommand

# QUndoCommand ids: commands with the same id may merge.
_EDIT_BRIEF_ID = 3101
_EDIT_EXPECTATION_ID = 3102


class BriefCommand(StoreCommand):
    """An edit of one brief; undo and redo bring that brief into view."""

    topics: tuple[str, ...] = (Topic.BRIEFS,)

    def __init__(self, ctx: AppContext, text: str, brief_id: int | None) -> None:
        super().__init__(ctx, text)
        self.brief_id = brief_id

    @property
    def known_brief_id(self) -> int:
        """The brief's id: an edit of a brief that exists always has one."""
        assert self.brief_id is not None
        return self.brief_id

    def undo(self) -> None:
        super().undo()
        self._reveal()

    def redo(self) -> None:
        first_push = self._applied_before_push
        super().redo()
        if not first_push:
            self._reveal()

    def _reveal(self) -> None:
        if self.brief_id is not None and brief_exists(self.brief_id):
            self.ctx.navigate_requested.emit("briefs", ("brief", self.brief_id))


class _MergingEdit(BriefCommand):
    """Stores `new` over `old`; consecutive edits with the same merge key merge."""

    def __init__(
        self,
        ctx: AppContext,
        text: str,
        brief_id: int,
        changes: Mapping[str, Any],
        merge_key: object = None,
    ) -> None:
        super().__init__(ctx, text, brief_id)
        self.new = dict(changes)
        self.old: dict[str, Any] = {}
        self.merge_key = merge_key
        self._closed = False

    def _store(self, values: Mapping[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def apply(self) -> None:
        old = self._store(self.new)
        if not self.old:
            self.old = old

    def revert(self) -> None:
        self._store(self.old)

    def undo(self) -> None:
        self._closed = True
        super().undo()

    def redo(self) -> None:
        if not self._applied_before_push:
            self._closed = True
        super().redo()

    def mergeWith(self, other: object) -> bool:
        if (
            self._closed
            or self.merge_key is None
            or type(other) is not type(self)
            or other.merge_key != self.merge_key
            or other.brief_id != self.brief_id
        ):
            return False
        self.new.update(other.new)
        if self.new == {name: self.old.get(name) for name in self.new}:
            # Typed, then typed back: nothing left to undo.
            self.setObsolete(True)
        return True


class EditBriefCommand(_MergingEdit):
    """Change fields of a brief."""

    def __init__(
        self,
        ctx: AppContext,
        brief_id: int,
        changes: Mapping[str, Any],
        merge_key: object = None,
    ) -> None:
        if len(changes) == 1:
            [name] = changes
            field = in_sentence(_(FIELDS_BY_NAME[name].label))
            text = _("Edit {field}").format(field=field)
        else:
            text = _("Edit brief")
        super().__init__(ctx, text, brief_id, changes, merge_key)

    def id(self) -> int:
        return _EDIT_BRIEF_ID if self.merge_key is not None else -1

    def _store(self, values: Mapping[str, Any]) -> dict[str, Any]:
        return update_brief(self.known_brief_id, values)


class EditExpectationCommand(_MergingEdit):
    """Change an expectation's text, level or measure."""

    def __init__(
        self,
        ctx: AppContext,
        brief_id: int,
        expectation_id: int,
        changes: Mapping[str, Any],
        merge_key: object = None,
    ) -> None:
        what = {
            "text": _("Edit expectation"),
            "level": _("Edit expectation level"),
            "measure": _("Edit measure"),
        }
        text = what[next(iter(changes))] if len(changes) == 1 else _("Edit expectation")
        super().__init__(ctx, text, brief_id, changes, merge_key)
        self.expectation_id = expectation_id

    def id(self) -> int:
        return _EDIT_EXPECTATION_ID if self.merge_key is not None else -1

    def mergeWith(self, other: object) -> bool:
        if getattr(other, "expectation_id", None) != self.expectation_id:
            return False
        return super().mergeWith(other)

    def _store(self, values: Mapping[str, Any]) -> dict[str, Any]:
        return update_expectation(self.expectation_id, values)


class _AddBriefCommand(BriefCommand):
    """A brief that did not exist; undo deletes it, redo puts the very same
    rows back under the same ids.

    The time-audit tasks it hands off show as briefed (unless kept or handed
    off already); undo puts them back as they were. Subclasses make it in
    `create()`, with the model edit that returns what the undo needs.

    Attributes:
        brief_id: the new brief's id, once applied.
    """

    topics = (Topic.BRIEFS, Topic.TASKS)

    def __init__(self, ctx: AppContext, text: str) -> None:
        super().__init__(ctx, text, None)
        self._added: NewBrief | None = None
        self._snapshot: RowSnapshot | None = None

    def create(self) -> NewBrief:
        raise NotImplementedError

    def apply(self) -> None:
        if self._added is None:
            self._added = self.create()
            self.brief_id = self._added.brief_id
        else:
            assert self._snapshot is not None
            self._added = redo_add_brief(self._added, self._snapshot)

    def revert(self) -> None:
        assert self._added is not None
        self._snapshot = undo_add_brief(self._added)


class NewBriefCommand(_AddBriefCommand):
    """A new brief (blank or from a template), handing off `task_ids`."""

    def __init__(self, ctx: AppContext, data: BriefData, task_ids: Sequence[int] = ()) -> None:
        super().__init__(ctx, _("New brief “{title}”").format(title=data.title.strip()))
        self.data = data
        self.task_ids = tuple(task_ids)

    def create(self) -> NewBrief:
        return add_brief(self.data, task_ids=self.task_ids)


class DuplicateBriefCommand(_AddBriefCommand):
    """A draft copy of a brief, with its expectations, order and tasks."""

    def __init__(self, ctx: AppContext, brief_id: int, title: str) -> None:
        super().__init__(ctx, _("Duplicate brief “{title}”").format(title=title))
        self.original_id = brief_id

    def create(self) -> NewBrief:
        return duplicate_brief(self.original_id)


class DeleteBriefCommand(BriefCommand):
    """Delete a brief with all that hangs on it (the tasks it alone hands off
    are no longer briefed); undo puts every row and status back."""

    # Engagements hang on briefs, interviews link to them, tasks are linked.
    topics = (Topic.BRIEFS, Topic.TASKS, Topic.CONTRACTORS, Topic.ENGAGEMENTS)

    def __init__(self, ctx: AppContext, brief_id: int, title: str) -> None:
        super().__init__(ctx, _("Delete brief “{title}”").format(title=title), brief_id)
        self._deleted: DeletedBrief | None = None

    def apply(self) -> None:
        self._deleted = delete_brief(self.known_brief_id)

    def revert(self) -> None:
        assert self._deleted is not None
        undo_delete_brief(self._deleted)


class AddExpectationCommand(BriefCommand, AddRowsCommand):
    def __init__(
        self,
        ctx: AppContext,
        brief_id: int,
        values: Mapping[str, str],
        index: int | None = None,
    ) -> None:
        super().__init__(ctx, _("Add expectation"), brief_id)
        self.values = dict(values)
        self.index = index
        self.expectation_id: int | None = None

    def first_apply(self) -> None:
        self.expectation_id = add_expectation(self.known_brief_id, index=self.index, **self.values)

    def take_back(self) -> RowSnapshot:
        assert self.expectation_id is not None  # applied first
        return delete_expectation(self.expectation_id)


class DeleteExpectationCommand(BriefCommand, DeleteRowsCommand):
    def __init__(self, ctx: AppContext, brief_id: int, expectation_id: int) -> None:
        super().__init__(ctx, _("Delete expectation"), brief_id)
        self.expectation_id = expectation_id

    def take_out(self) -> RowSnapshot:
        return delete_expectation(self.expectation_id)


class MoveExpectationCommand(BriefCommand):
    """Put an expectation at a new place in the priority order.

    The first apply computes the new order keys (one row, normally); undo
    and redo write the remembered keys back, so both are exact.

    Attributes:
        positions: {expectation id: (old key, new key)} of every row written.
    """

    def __init__(
        self, ctx: AppContext, brief_id: int, expectation_id: int, index: int, text: str
    ) -> None:
        super().__init__(ctx, text, brief_id)
        self.expectation_id = expectation_id
        self.index = index
        self.positions: dict[int, tuple[str, str]] | None = None

    def apply(self) -> None:
        if self.positions is None:
            self.positions = move_expectation(self.expectation_id, self.index)
            # Already there (the list was behind what is stored): nothing to undo.
            self.setObsolete(not self.positions)
        else:
            set_expectation_positions({row: new for row, (_, new) in self.positions.items()})

    def revert(self) -> None:
        assert self.positions is not None  # applied first
        set_expectation_positions({row: old for row, (old, _) in self.positions.items()})


class LinkTaskCommand(BriefCommand):
    """Link a time-audit task to the brief (it shows as briefed), or unlink it
    (no longer briefed, unless another brief hands it off)."""

    topics = (Topic.BRIEFS, Topic.TASKS)

    def __init__(self, ctx: AppContext, brief_id: int, task_id: int, name: str, *, link: bool):
        text = (_("Link task “{name}”") if link else _("Unlink task “{name}”")).format(name=name)
        super().__init__(ctx, text, brief_id)
        self.task_id = task_id
        self.link = link
        self._change: TaskLink | None = None

    def apply(self) -> None:
        edit = link_task if self.link else unlink_task
        self._change = edit(self.known_brief_id, self.task_id)

    def revert(self) -> None:
        assert self._change is not None
        undo_task_link(self._change)


class KeepVersionCommand(BriefCommand, AddRowsCommand):
    """The brief went out (exported or printed): keep what it said as a version,
    with one of each procedure it carried, so the Versions pages can list what
    changed since. Undo forgets them (the procedures' versions hang on the
    brief's); the file sent stays where it went.

    Attributes:
        version_id: the version kept, once applied.
    """

    topics = (Topic.BRIEFS, Topic.PROCEDURES)

    def __init__(
        self, ctx: AppContext, brief_id: int, data: BriefData, sent_to: str, text: str
    ) -> None:
        super().__init__(ctx, text, brief_id)
        self.data = data
        self.sent_to = sent_to
        self.version_id: int | None = None

    def first_apply(self) -> None:
        self.version_id = record_brief_sent(self.known_brief_id, self.data, self.sent_to)

    def take_back(self) -> RowSnapshot:
        assert self.version_id is not None
        return delete_version(self.version_id)


class SaveTemplateCommand(StoreCommand):
    """Save template JSON under a name (replacing one of that name); undo restores."""

    topics = (Topic.BRIEFS,)

    def __init__(self, ctx: AppContext, name: str, content: str) -> None:
        super().__init__(ctx, _("Save template “{name}”").format(name=name.strip()))
        self.name = name
        self.content = content
        self.template_id: int | None = None
        self._previous: str | None = None

    def apply(self) -> None:
        self.template_id, self._previous = save_own_template(self.name, self.content)

    def revert(self) -> None:
        assert self.template_id is not None  # applied first
        restore_own_template(self.template_id, self._previous)


class DeleteTemplateCommand(DeleteRowsCommand):
    topics = (Topic.BRIEFS,)

    def __init__(self, ctx: AppContext, template_id: int, name: str) -> None:
        super().__init__(ctx, _("Delete template “{name}”").format(name=name))
        self.template_id = template_id

    def take_out(self) -> RowSnapshot:
        return delete_own_template(self.template_id)
