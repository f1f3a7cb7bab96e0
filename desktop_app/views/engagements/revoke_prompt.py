"""Ending or pausing an engagement asks about every access still open.

`RevokeChoices` lists each tool or account the contractor can still reach,
each ticked to be revoked (untick one to keep it open, say a shared inbox
they hand over next week). The end dialog shows it above its buttons;
pausing with access open opens `PauseDialog`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.access import AccessRow
from desktop_app.models.engagements import EngagementRow, EngagementStatus, day_text
from desktop_app.models.i18n import _, count
from desktop_app.views.context import AppContext
from desktop_app.views.engagements.running_commands import SetStatusCommand
from desktop_app.views.partials.feedback import MessageLine, run_edit
from desktop_app.views.partials.naming import name_buttons, named
from desktop_app.views.partials.plain_text import in_sentence, menu_text, plain_label


class RevokeChoices(QWidget):
    """One tick box per open access, all ticked: the ones to revoke.

    Attributes:
        boxes: access id -> its tick box.
    """

    def __init__(
        self, accesses: Sequence[AccessRow], when: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        named(self, "revokeChoices", _("Accesses to revoke"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        self.heading = heading = plain_label(
            count(
                len(accesses),
                "{count} access still open. Revoke it {when}? Untick it to keep it open.",
                "{count} accesses still open. Revoke each {when}? Untick one to keep it open.",
                when=when,
            )
        )
        heading.setObjectName("revokeHeading")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.boxes: dict[int, QCheckBox] = {}
        for access in accesses:
            text = _("{name} ({level}, since {day})").format(
                name=access.name,
                level=in_sentence(_(access.level_label)),
                day=day_text(access.granted_on),
            )
            box = named(
                QCheckBox(menu_text(text)),
                f"revoke_{access.id}",
                _("Revoke {name}").format(name=access.name),
            )
            box.setChecked(True)
            layout.addWidget(box)
            self.boxes[access.id] = box
        self.setVisible(bool(accesses))

    def chosen(self) -> list[int]:
        """The ids of the accesses ticked to be revoked."""
        return [access_id for access_id, box in self.boxes.items() if box.isChecked()]


class PauseDialog(QDialog):
    """Pause an engagement, revoking the accesses the owner keeps ticked."""

    def __init__(
        self,
        ctx: AppContext,
        row: EngagementRow,
        accesses: Sequence[AccessRow],
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        named(
            self,
            "pauseDialog",
            _("Pause the engagement with {contractor_name}").format(
                contractor_name=row.contractor_name
            ),
        )
        self.setWindowTitle(
            _("Pause the engagement with {contractor_name}").format(
                contractor_name=row.contractor_name
            )
        )
        self.ctx = ctx
        self.row = row
        self.today = today
        layout = QVBoxLayout(self)
        intro = plain_label(
            _(
                "While paused, {contractor_name} does no work on “{brief_title}” and no check-in "
                "is due. Access they do not need while paused is best revoked."
            ).format(contractor_name=row.contractor_name, brief_title=row.brief_title)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.choices = RevokeChoices(accesses, _("today"), self)
        layout.addWidget(self.choices)
        self.error = MessageLine("pauseError", _("Why it was not paused"))
        layout.addWidget(self.error)
        self.buttons = named(QDialogButtonBox(), "pauseDialogButtons", _("Pause or cancel"))
        self.ok_button = self.buttons.addButton(_("&Pause"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("pauseDialogOk")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        name_buttons(self.buttons, "pauseDialogButtons")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        command = SetStatusCommand(
            self.ctx,
            self.row.id,
            EngagementStatus.PAUSED,
            self.today,
            revoke=self.choices.chosen(),
            text=_("Pause"),
        )
        if run_edit(command, self.error.show_error):
            super().accept()
