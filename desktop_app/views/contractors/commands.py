"""Every edit on the Contractors tab, as an undoable command.

Each command writes through `desktop_app.models.contractors` functions and
emits Topic.CONTRACTORS, so the list, the pipeline counts and the detail
pane reload after the edit, its undo and its redo.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop_app.backup import Reason
from desktop_app.importers.contractor_records import ImportPlan, run_plan
from desktop_app.models import contractors as bench
from desktop_app.models.i18n import N_, _
from desktop_app.models.snapshots import RowSnapshot
from desktop_app.views.context import AppContext, Topic
from desktop_app.views.undo import AddRowsCommand, DeleteRowsCommand, StoreCommand

# The undo names of a child row, by kind: whole sentences.
ADD_CHILD = {
    "reference": N_("Add reference"),
    "portfolio": N_("Add portfolio item"),
    "interview": N_("Add interview"),
}
EDIT_CHILD = {
    "reference": N_("Edit reference"),
    "portfolio": N_("Edit portfolio item"),
    "interview": N_("Edit interview"),
}
DELETE_CHILD = {
    "reference": N_("Delete reference"),
    "portfolio": N_("Delete portfolio item"),
    "interview": N_("Delete interview"),
}


class ContractorCommand(StoreCommand):
    topics = (Topic.CONTRACTORS,)


class AddContractorCommand(ContractorCommand, AddRowsCommand):
    """Add a contractor; undo deletes it, redo puts it back under the same id."""

    def __init__(self, ctx: AppContext, values: Mapping[str, Any]) -> None:
        super().__init__(ctx, _("Add {name}").format(name=values["name"]))
        self.values = dict(values)
        self.contractor_id: int | None = None

    def first_apply(self) -> None:
        self.contractor_id = bench.create_contractor(self.values)

    def take_back(self) -> RowSnapshot:
        assert self.contractor_id is not None
        return bench.delete_contractor(self.contractor_id)


class EditContractorCommand(ContractorCommand):
    def __init__(
        self,
        ctx: AppContext,
        contractor_id: int,
        values: Mapping[str, Any],
        read: bench.Versions | None = None,
    ) -> None:
        super().__init__(
            ctx,
            (
                _("Edit {name}").format(name=values["name"])
                if values.get("name")
                else _("Edit contractor")
            ),
        )
        self.contractor_id = contractor_id
        self.values = dict(values)
        self._old: dict[str, Any] = {}
        # The versions the form was opened on: its save checks nobody saved since.
        self.expected = dict(read or {})

    def apply(self) -> None:
        self._old = bench.update_contractor(self.contractor_id, self.values)

    def revert(self) -> None:
        bench.restore_contractor_values(self.contractor_id, self._old)


class DeleteContractorCommand(ContractorCommand, DeleteRowsCommand):
    """Delete a contractor with its references, portfolio, interviews and history."""

    def __init__(self, ctx: AppContext, contractor_id: int, name: str) -> None:
        super().__init__(ctx, _("Delete {name}").format(name=name))
        self.contractor_id = contractor_id

    def take_out(self) -> RowSnapshot:
        return bench.delete_contractor(self.contractor_id)


class MoveStageCommand(ContractorCommand):
    """Move a contractor along the pipeline; the move and its reason go in the history."""

    def __init__(
        self, ctx: AppContext, contractor_id: int, name: str, to_stage: str, reason: str = ""
    ) -> None:
        label = bench.STAGE_LABELS[bench.Stage(to_stage)]
        super().__init__(ctx, _("Move {name} to {label}").format(name=name, label=label))
        self.contractor_id = contractor_id
        self.to_stage = to_stage
        self.reason = reason
        self._change: dict[str, Any] | None = None

    def apply(self) -> None:
        if self._change is None:
            self._change = bench.move_stage(self.contractor_id, self.to_stage, self.reason)
        else:
            bench.redo_stage_move(self._change)

    def revert(self) -> None:
        assert self._change is not None
        bench.undo_stage_move(self._change)


class MergeContractorsCommand(ContractorCommand):
    """Fold one record into another (the same person entered twice)."""

    def __init__(self, ctx: AppContext, keep_id: int, other_id: int, names: tuple[str, str]):
        super().__init__(
            ctx, _("Merge {name} into {target}").format(name=names[1], target=names[0])
        )
        self.keep_id = keep_id
        self.other_id = other_id
        self._record: bench.MergeRecord | None = None

    def apply(self) -> None:
        self._record = bench.merge_contractors(self.keep_id, self.other_id)

    def revert(self) -> None:
        assert self._record is not None
        bench.unmerge(self._record)


class MergeValuesCommand(ContractorCommand):
    """Take what was typed for a new contractor into the matching existing one."""

    def __init__(self, ctx: AppContext, contractor_id: int, name: str, values: Mapping[str, Any]):
        super().__init__(ctx, _("Merge new details into {name}").format(name=name))
        self.contractor_id = contractor_id
        self.values = dict(values)
        self._old: dict[str, Any] = {}

    def apply(self) -> None:
        self._old = bench.merge_values_into(self.contractor_id, self.values)

    def revert(self) -> None:
        bench.restore_contractor_values(self.contractor_id, self._old)


class ImportContractorsCommand(ContractorCommand):
    """An import as one edit: undo removes what it added and takes back its merges."""

    def __init__(
        self,
        ctx: AppContext,
        plan: ImportPlan,
        on_duplicate: bench.OnDuplicate,
    ) -> None:
        super().__init__(
            ctx, _("Import contractors from {source_name}").format(source_name=plan.source_name)
        )
        self.plan = plan
        self.on_duplicate = on_duplicate
        self.outcome: bench.ImportOutcome | None = None

    def apply(self) -> None:
        if self.outcome is None:
            self.ctx.store.back_up(Reason.IMPORT)
            self.outcome = run_plan(self.plan, self.on_duplicate, self.progress)
        else:
            bench.redo_import(self.outcome)

    def revert(self) -> None:
        assert self.outcome is not None
        bench.undo_import(self.outcome)


class AddChildCommand(ContractorCommand, AddRowsCommand):
    """Add a reference, portfolio item or interview."""

    def __init__(
        self, ctx: AppContext, kind: str, contractor_id: int, values: Mapping[str, Any]
    ) -> None:
        super().__init__(ctx, _(ADD_CHILD[kind]))
        self.kind = kind
        self.contractor_id = contractor_id
        self.values = dict(values)
        self.row_id: int | None = None

    def first_apply(self) -> None:
        self.row_id = bench.add_child(self.kind, self.contractor_id, self.values)

    def take_back(self) -> RowSnapshot:
        assert self.row_id is not None
        return bench.delete_child(self.kind, self.row_id)


class EditChildCommand(ContractorCommand):
    def __init__(
        self, ctx: AppContext, kind: str, row_id: int, values: Mapping[str, Any], text: str = ""
    ) -> None:
        super().__init__(ctx, text or _(EDIT_CHILD[kind]))
        self.kind = kind
        self.row_id = row_id
        self.values = dict(values)
        self._old: dict[str, Any] = {}

    def apply(self) -> None:
        self._old = bench.update_child(self.kind, self.row_id, self.values)

    def revert(self) -> None:
        bench.update_child(self.kind, self.row_id, self._old)


class DeleteChildCommand(ContractorCommand, DeleteRowsCommand):
    def __init__(self, ctx: AppContext, kind: str, row_id: int) -> None:
        super().__init__(ctx, _(DELETE_CHILD[kind]))
        self.kind = kind
        self.row_id = row_id

    def take_out(self) -> RowSnapshot:
        return bench.delete_child(self.kind, self.row_id)
