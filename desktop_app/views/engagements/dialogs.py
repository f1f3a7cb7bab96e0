"""Dialogs of the Engagements tab: ending an engagement, editing its terms."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.access import open_accesses
from desktop_app.models.engagements import EDITABLE_FIELDS, EngagementRow, versions_read
from desktop_app.models.errors import UserError
from desktop_app.models.i18n import _
from desktop_app.models.versions import StaleEdit
from desktop_app.views.context import AppContext
from desktop_app.views.engagements.commands import EndEngagementCommand, UpdateEngagementCommand
from desktop_app.views.engagements.forms import TermsForm
from desktop_app.views.engagements.revoke_prompt import RevokeChoices
from desktop_app.views.partials.dates import date_edit, pydate
from desktop_app.views.partials.feedback import FieldErrors
from desktop_app.views.partials.naming import name_buttons, named
from desktop_app.views.partials.plain_text import plain_label
from desktop_app.views.partials.stale_edit import offer_for_command
from desktop_app.views.partials.text_direction import PlainTextEdit
from desktop_app.views.undo import StoreCommand, execute


class _CommandDialog(QDialog):
    """A dialog whose OK runs a command; a refusal is shown and the dialog stays."""

    def __init__(self, ctx: AppContext, parent: QWidget | None, name: str, title: str) -> None:
        super().__init__(parent)
        self.ctx = ctx
        named(self, name, title)
        self.setWindowTitle(title)
        self.errors = FieldErrors(name)
        self.layout_ = QVBoxLayout(self)

    def _finish(self, ok_text: str) -> None:
        self.layout_.addWidget(self.errors.general)
        self.buttons = named(QDialogButtonBox(), f"{self.objectName()}Buttons", _("OK or cancel"))
        self.ok_button = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName(f"{self.objectName()}Ok")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        name_buttons(self.buttons, self.buttons.objectName())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.layout_.addWidget(self.buttons)

    def command(self) -> StoreCommand | None:
        raise NotImplementedError

    def accept(self) -> None:
        command = None
        try:
            command = self.command()
            if command is not None:
                execute(command)
        except StaleEdit as error:
            # Someone else saved it while the dialog was open: theirs beside yours.
            self.errors.show(error)
            if command is not None:
                offer_for_command(self, command, error, lambda: self._again(command))
            return
        except UserError as error:
            self.errors.show(error)
            return
        super().accept()

    def _again(self, command: StoreCommand) -> None:
        """ "Save mine": the same change, over their version."""
        try:
            execute(command)
        except UserError as error:
            self.errors.show(error)
            return
        super().accept()


class EndDialog(_CommandDialog):
    """End an engagement on a date, saying why."""

    def __init__(self, ctx: AppContext, row: EngagementRow, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            parent,
            "endDialog",
            _("End the engagement with {name}").format(name=row.contractor_name),
        )
        self.row = row
        intro = plain_label(
            _(
                "End {contractor_name}'s work on “{brief_title}”. The reason is kept with the "
                "engagement and in the contractor's history."
            ).format(contractor_name=row.contractor_name, brief_title=row.brief_title)
        )
        intro.setWordWrap(True)
        self.layout_.addWidget(intro)
        form = QFormLayout()
        self.end_date = date_edit("endDate", _("End date"), max(date.today(), row.start_date))
        form.addRow(_("&Ended on:"), self.errors.under("end_date", self.end_date))
        self.reason = named(PlainTextEdit(), "endReason", _("Why it ended"))
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(70)
        form.addRow(_("&Why:"), self.errors.under("end_reason", self.reason))
        self.layout_.addLayout(form)
        # Every access still open, each ticked to be revoked on the end date.
        self.revoke = RevokeChoices(open_accesses(row.id), _("on the end date"), self)
        self.layout_.addWidget(self.revoke)
        self._finish(_("&End engagement"))

    def command(self) -> StoreCommand:
        return EndEngagementCommand(
            self.ctx,
            self.row.id,
            pydate(self.end_date.date()),
            self.reason.toPlainText(),
            self.revoke.chosen(),
        )


class TermsDialog(_CommandDialog):
    """Change an engagement's dates, rate and check-in cadence."""

    def __init__(self, ctx: AppContext, row: EngagementRow, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx, parent, "termsDialog", _("Terms with {name}").format(name=row.contractor_name)
        )
        self.row = row
        self.terms = TermsForm("terms", self.errors, with_status=False)
        self.terms.set_terms(self._stored())
        self.layout_.addWidget(self.terms)
        self._finish(_("&Save"))

    def _stored(self) -> dict[str, Any]:
        row = self.row
        return {
            "start_date": row.start_date,
            "end_date": row.end_date,
            "rate": row.rate,
            "rate_unit": row.rate_unit,
            "currency": row.currency,
            "cadence_days": row.cadence_days,
        }

    def command(self) -> StoreCommand | None:
        stored = self._stored()
        typed = self.terms.values()
        changes = {
            name: value
            for name, value in typed.items()
            if name in EDITABLE_FIELDS and _differs(stored[name], value)
        }
        if not changes:
            return None
        command = UpdateEngagementCommand(self.ctx, self.row.id, changes, _("Change terms"))
        # Saved over the terms the dialog showed: refused if someone saved them since.
        command.expected = versions_read(self.row)
        return command


def _differs(stored: Any, typed: Any) -> bool:
    if isinstance(typed, str):
        return typed.strip() != ("" if stored is None else str(stored))
    return stored != typed
