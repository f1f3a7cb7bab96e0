"""The undoable edits of running an engagement: checklists, the access
register, payments, conversion rates and agreements; pausing with the
accesses revoked. One named command per operation, each applying one model
function (one transaction) and undoing through its counterpart.

Rows a command creates are taken out with a snapshot on undo, so a redo
puts them back under the same ids and later commands still find them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from desktop_app.models.access import (
    Revocation,
    delete_access,
    grant_access,
    revoke_accesses,
    revoke_again,
    unrevoke,
    update_access,
    write_access_values,
)
from desktop_app.models.agreements import (
    add_agreement,
    delete_agreement,
    update_agreement,
    write_agreement_values,
)
from desktop_app.models.checklists import (
    SavedTemplate,
    add_item,
    add_items_from_template,
    delete_item,
    delete_items,
    delete_own_template,
    put_back_template,
    save_own_template,
    set_default_template,
    take_back_template,
    update_item,
    write_item_values,
)
from desktop_app.models.hiring import StatusChange, redo_status, set_status, undo_status
from desktop_app.models.i18n import _, count
from desktop_app.models.payments import (
    add_payment,
    delete_payment,
    set_conversion_rate,
    update_payment,
    write_conversion_rate,
    write_payment_values,
)
from desktop_app.models.snapshots import RowSnapshot
from desktop_app.views.context import AppContext, Topic
from desktop_app.views.undo import AddRowsCommand, DeleteRowsCommand, StoreCommand

RUNNING_TOPICS = (Topic.ENGAGEMENTS,)


class _AddToEngagementCommand(AddRowsCommand):
    """Add one row to an engagement through `add(engagement_id, values)`; undo
    takes it out through `delete(id)`.

    Attributes:
        row_id: the new row's id, once applied.
    """

    topics = RUNNING_TOPICS
    add: Callable[..., int]
    delete: Callable[[int], RowSnapshot]

    def __init__(
        self, ctx: AppContext, engagement_id: int, values: Mapping[str, Any], text: str
    ) -> None:
        super().__init__(ctx, text)
        self.engagement_id = engagement_id
        self._values = dict(values)
        self.row_id: int | None = None

    def first_apply(self) -> None:
        self.row_id = self.add(self.engagement_id, self._values)

    def take_back(self) -> RowSnapshot:
        assert self.row_id is not None
        return self.delete(self.row_id)


class _EditCommand(StoreCommand):
    """Change a row through `update(id, changes)`, which returns the previous
    values; undo writes them back through `write(id, values)`."""

    topics = RUNNING_TOPICS
    update: Callable[..., dict[str, Any]]
    write: Callable[[int, Mapping[str, Any]], None]

    def __init__(self, ctx: AppContext, row_id: int, changes: Mapping[str, Any], text: str) -> None:
        super().__init__(ctx, text)
        self.row_id = row_id
        self._changes = dict(changes)
        self._previous: dict[str, Any] = {}

    def apply(self) -> None:
        self._previous = self.update(self.row_id, self._changes)

    def revert(self) -> None:
        self.write(self.row_id, self._previous)


class _DeleteCommand(DeleteRowsCommand):
    """Delete a row through `delete(id)`; undo restores it under its id."""

    topics = RUNNING_TOPICS
    delete: Callable[[int], RowSnapshot]

    def __init__(self, ctx: AppContext, row_id: int, text: str) -> None:
        super().__init__(ctx, text)
        self.row_id = row_id

    def take_out(self) -> RowSnapshot:
        return self.delete(self.row_id)


# Checklists -----------------------------------------------------------------------


class AddChecklistItemCommand(_AddToEngagementCommand):
    delete = staticmethod(delete_item)

    def __init__(self, ctx: AppContext, engagement_id: int, kind: str, text: str) -> None:
        super().__init__(
            ctx, engagement_id, {"kind": kind, "text": text}, _("Add a checklist item")
        )

    @staticmethod
    def add(engagement_id: int, values: Mapping[str, Any]) -> int:
        return add_item(engagement_id, values["kind"], values["text"])


class AddTemplateItemsCommand(AddRowsCommand):
    """Add a template's items to the engagement's checklist of its kind."""

    topics = RUNNING_TOPICS

    def __init__(self, ctx: AppContext, engagement_id: int, template_key: str, name: str) -> None:
        super().__init__(ctx, _("Add the items of “{name}”").format(name=name))
        self.engagement_id = engagement_id
        self._key = template_key
        self.item_ids: list[int] = []

    def first_apply(self) -> None:
        self.item_ids = add_items_from_template(self.engagement_id, self._key)

    def take_back(self) -> RowSnapshot:
        return delete_items(self.item_ids)


class EditChecklistItemCommand(_EditCommand):
    """Tick an item (a date), untick it (None), change its note or text."""

    update = staticmethod(update_item)
    write = staticmethod(write_item_values)


class DeleteChecklistItemCommand(_DeleteCommand):
    delete = staticmethod(delete_item)


class SaveChecklistTemplateCommand(StoreCommand):
    """Keep a list of items as a template of the owner's own."""

    topics = RUNNING_TOPICS

    def __init__(
        self, ctx: AppContext, name: str, kind: str, items: Sequence[str], make_default: bool
    ) -> None:
        super().__init__(ctx, _("Save the checklist template “{name}”").format(name=name))
        self._args = (name, kind, list(items), make_default)
        self.saved: SavedTemplate | None = None
        self._snapshot: RowSnapshot | None = None

    def apply(self) -> None:
        if self.saved is None:
            name, kind, items, make_default = self._args
            self.saved = save_own_template(name, kind, items, make_default=make_default)
        else:
            assert self._snapshot is not None
            put_back_template(self.saved, self._snapshot)

    def revert(self) -> None:
        assert self.saved is not None
        self._snapshot = take_back_template(self.saved)


class DeleteChecklistTemplateCommand(_DeleteCommand):
    delete = staticmethod(delete_own_template)


class SetDefaultTemplateCommand(StoreCommand):
    """Start new checklists of a kind from this template (None: the shipped one)."""

    topics = RUNNING_TOPICS

    def __init__(self, ctx: AppContext, kind: str, template_id: int | None, name: str) -> None:
        super().__init__(
            ctx, _("Start {kind} checklists from “{name}”").format(kind=kind, name=name)
        )
        self._kind = kind
        self._template_id = template_id
        self._previous: int | None = None

    def apply(self) -> None:
        self._previous = set_default_template(self._kind, self._template_id)

    def revert(self) -> None:
        set_default_template(self._kind, self._previous)


# The access register ------------------------------------------------------------------


class GrantAccessCommand(_AddToEngagementCommand):
    add = staticmethod(grant_access)
    delete = staticmethod(delete_access)

    def __init__(self, ctx: AppContext, engagement_id: int, values: Mapping[str, Any]) -> None:
        super().__init__(
            ctx,
            engagement_id,
            values,
            _("Record access to {name}").format(name=values.get("name", "")),
        )


class EditAccessCommand(_EditCommand):
    update = staticmethod(update_access)
    write = staticmethod(write_access_values)


class DeleteAccessCommand(_DeleteCommand):
    delete = staticmethod(delete_access)


class RevokeAccessCommand(StoreCommand):
    """Revoke accesses on a day; undo opens them again."""

    topics = RUNNING_TOPICS

    def __init__(self, ctx: AppContext, access_ids: Sequence[int], on: date) -> None:
        super().__init__(
            ctx, count(len(access_ids), "Revoke {count} access", "Revoke {count} accesses")
        )
        self._ids = list(access_ids)
        self._on = on
        self.revocation: Revocation | None = None

    def apply(self) -> None:
        if self.revocation is None:
            self.revocation = revoke_accesses(self._ids, self._on)
        else:
            revoke_again(self.revocation)

    def revert(self) -> None:
        assert self.revocation is not None
        unrevoke(self.revocation)


class SetStatusCommand(StoreCommand):
    """Move an engagement to trial, active or paused, revoking the accesses
    the owner chose (pausing asks which)."""

    topics = (Topic.ENGAGEMENTS,)

    def __init__(
        self,
        ctx: AppContext,
        engagement_id: int,
        status: str,
        on: date,
        *,
        revoke: Sequence[int] = (),
        text: str = _("Change status"),
    ) -> None:
        super().__init__(ctx, text)
        self.engagement_id = engagement_id
        self._args = (status, on, list(revoke))
        self.change: StatusChange | None = None

    def apply(self) -> None:
        if self.change is None:
            status, on, revoke = self._args
            self.change = set_status(self.engagement_id, status, on, revoke=revoke)
        else:
            redo_status(self.change)

    def revert(self) -> None:
        assert self.change is not None
        undo_status(self.change)


# Payments ---------------------------------------------------------------------------------


class AddPaymentCommand(_AddToEngagementCommand):
    """Record an invoice or a payment. `confirmed`: the owner said yes to a
    date before the engagement started."""

    delete = staticmethod(delete_payment)

    def __init__(
        self,
        ctx: AppContext,
        engagement_id: int,
        values: Mapping[str, Any],
        *,
        confirmed: bool = False,
        text: str = _("Record an invoice"),
    ) -> None:
        super().__init__(ctx, engagement_id, {**values, "_confirmed": confirmed}, text)

    @staticmethod
    def add(engagement_id: int, values: Mapping[str, Any]) -> int:
        fields = {key: value for key, value in values.items() if key != "_confirmed"}
        return add_payment(engagement_id, fields, confirmed=bool(values["_confirmed"]))


class EditPaymentCommand(_EditCommand):
    """Change a payment (mark it paid); `confirmed` as for adding one."""

    write = staticmethod(write_payment_values)

    def __init__(
        self,
        ctx: AppContext,
        payment_id: int,
        changes: Mapping[str, Any],
        text: str,
        *,
        confirmed: bool = False,
    ) -> None:
        super().__init__(ctx, payment_id, changes, text)
        self._confirmed = confirmed

    def apply(self) -> None:
        self._previous = update_payment(self.row_id, self._changes, confirmed=self._confirmed)


class DeletePaymentCommand(_DeleteCommand):
    delete = staticmethod(delete_payment)


class SetConversionRateCommand(StoreCommand):
    """1 `currency` = rate `to_currency`, as the owner typed it (empty removes it)."""

    topics = RUNNING_TOPICS

    def __init__(self, ctx: AppContext, currency: str, rate: str, to_currency: str) -> None:
        super().__init__(ctx, _("Set the rate of {upper}").format(upper=currency.strip().upper()))
        self._args = (currency, rate, to_currency)
        self._previous: Decimal | None = None

    def apply(self) -> None:
        self._previous = set_conversion_rate(*self._args)

    def revert(self) -> None:
        currency, _rate, to_currency = self._args
        write_conversion_rate(currency.strip().upper(), to_currency.strip().upper(), self._previous)


# Agreements -------------------------------------------------------------------------------


class AddAgreementCommand(_AddToEngagementCommand):
    add = staticmethod(add_agreement)
    delete = staticmethod(delete_agreement)

    def __init__(self, ctx: AppContext, engagement_id: int, values: Mapping[str, Any]) -> None:
        super().__init__(ctx, engagement_id, values, _("Record an agreement"))


class EditAgreementCommand(_EditCommand):
    update = staticmethod(update_agreement)
    write = staticmethod(write_agreement_values)


class DeleteAgreementCommand(_DeleteCommand):
    delete = staticmethod(delete_agreement)
