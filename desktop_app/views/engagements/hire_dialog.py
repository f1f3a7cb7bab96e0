"""Hiring a contractor for a brief, from any tab.

The Contractors and Briefs tabs call `open_hire_dialog(ctx, parent,
contractor_id=..., brief_id=...)` with their side chosen in advance; the
Engagements tab calls it with neither. Accepting runs one undoable
`HireCommand`: the engagement, the contractor "hired", the brief "filled",
and, if the owner says so, the others interviewed for the brief "rejected"
with a reason (`models.hiring.others_in_the_running`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.availability import overlap_needed, overlap_with_owner
from desktop_app.models.briefs import BRIEF_STATUS_LABELS
from desktop_app.models.contractors import STAGE_LABELS
from desktop_app.models.engagements import Choice, brief_choices, contractor_choices
from desktop_app.models.hiring import Candidate, others_in_the_running
from desktop_app.models.i18n import _, count
from desktop_app.views.context import AppContext
from desktop_app.views.engagements.commands import HireCommand
from desktop_app.views.engagements.forms import TermsForm
from desktop_app.views.partials.dates import qdate
from desktop_app.views.partials.feedback import FieldErrors, MessageLine, run_edit
from desktop_app.views.partials.naming import name_buttons, named
from desktop_app.views.partials.plain_text import plain_label

DEFAULT_CADENCE_DAYS = 7


def _label(choice: Choice, labels: Mapping[Any, str]) -> str:
    detail = labels.get(choice.detail, choice.detail)
    return f"{choice.label}  ({detail})" if detail else choice.label


class HireDialog(QDialog):
    """Pick a contractor and a brief, agree the terms, hire.

    Attributes:
        engagement_id: the new engagement's id once hired, else None.
    """

    def __init__(  # noqa: PLR0915 (one form, built top to bottom)
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        contractor_id: int | None = None,
        brief_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.engagement_id: int | None = None
        named(self, "hireDialog", _("Hire a contractor"))
        self.setWindowTitle(_("Hire a contractor"))
        self.errors = FieldErrors("hire")
        layout = QVBoxLayout(self)
        intro = plain_label(
            _(
                "Hiring creates the engagement, moves the contractor to “Hired” and the brief to "
                "“Filled”. Agree how often you will check in: then trust them to do the work."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self._contractors = contractor_choices()
        self._briefs = brief_choices()
        self.contractor = named(QComboBox(), "hireContractor", _("Contractor"))
        for choice in self._contractors:
            self.contractor.addItem(_label(choice, STAGE_LABELS), choice.id)
        self.brief = named(QComboBox(), "hireBrief", _("Brief"))
        for choice in self._briefs:
            self.brief.addItem(_label(choice, BRIEF_STATUS_LABELS), choice.id)
        form.addRow(_("&Contractor:"), self.errors.under("contractor", self.contractor))
        form.addRow(_("&Brief:"), self.errors.under("brief", self.brief))
        layout.addLayout(form)
        self.overlap = MessageLine("hireOverlap", _("Shared working hours"))  # under the names
        layout.addWidget(self.overlap)
        self.terms = TermsForm("hire", self.errors, with_status=True)
        layout.addWidget(self.terms)
        layout.addWidget(self._build_others())
        layout.addWidget(self.errors.general)
        self.buttons = named(QDialogButtonBox(), "hireButtons", _("Hire or cancel"))
        self.hire_button = self.buttons.addButton(
            _("&Hire"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.hire_button.setObjectName("hireButton")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        name_buttons(self.buttons, "hireButtons")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.contractor.currentIndexChanged.connect(self._contractor_chosen)
        self.brief.currentIndexChanged.connect(self._brief_chosen)
        self._select(self.contractor, contractor_id)
        self._select(self.brief, brief_id)
        self._contractor_chosen()
        self._brief_chosen()
        for combo in (self.contractor, self.brief):
            combo.currentIndexChanged.connect(self._show_others)
        self._show_others()
        self.terms.start.setDate(qdate(date.today()))
        missing = ""
        if not self._contractors and not self._briefs:
            missing = _(
                "Add a contractor in the Contractors tab and a brief in the Briefs tab first."
            )
        elif not self._contractors:
            missing = _("Add a contractor in the Contractors tab first.")
        elif not self._briefs:
            missing = _("Add a brief in the Briefs tab first.")
        if missing:
            self.errors.show_message("", missing)
            self.hire_button.setEnabled(False)
        self.resize(480, self.sizeHint().height())

    def _build_others(self) -> QGroupBox:
        """What to do with the others in the running for the brief."""
        self.others_box = named(
            QGroupBox(_("Others interviewed for this brief")), "hireOthers", _("The others")
        )
        self.others_names = named(plain_label(), "hireOthersNames", _("Who else is waiting"))
        self.others_names.setWordWrap(True)
        self.keep_others = named(
            QRadioButton(_("&Keep them as they are")), "hireKeepOthers", _("Keep the others")
        )
        self.reject_others = named(
            QRadioButton(_("Move them to &Rejected, saying why:")), "hireRejectOthers",
            _("Move the others to Rejected"),
        )  # fmt: skip
        self.keep_others.setChecked(True)
        self.reject_reason = named(
            QLineEdit(), "hireRejectReason", _("Why the others were not hired"),
            _("Kept in each one's history"),
        )  # fmt: skip
        self.reject_reason.setEnabled(False)
        self.reject_others.toggled.connect(self.reject_reason.setEnabled)
        column = QVBoxLayout(self.others_box)
        column.addWidget(self.others_names)
        column.addWidget(self.keep_others)
        column.addWidget(self.reject_others)
        column.addWidget(self.reject_reason)
        self.others: list[Candidate] = []
        self.others_box.hide()
        return self.others_box

    def _show_others(self) -> None:
        """The others in the running for the chosen brief, if any."""
        contractor = self._chosen(self.contractor, self._contractors)
        brief = self._chosen(self.brief, self._briefs)
        self.others = others_in_the_running(
            brief.id if brief else None, contractor.id if contractor else None
        )
        self.others_box.setVisible(bool(self.others))
        if not self.others or brief is None:
            return
        names = [c.name for c in self.others]
        self.others_names.setText(
            count(
                len(names),
                "{names} is still in the running for “{brief}”. Tell them now, or keep them for "
                "later.",
                "{names} are still in the running for “{brief}”. Tell them now, or keep them for "
                "later.",
                names=", ".join(names),
                brief=brief.label,
            )
        )
        hired = contractor.label if contractor else _("someone else")
        if not self.reject_reason.isModified():
            self.reject_reason.setText(
                _("We hired {hired} for “{label}”.").format(hired=hired, label=brief.label)
            )
        # Taller by the box just shown, never narrower or shorter than it was.
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    @staticmethod
    def _select(combo: QComboBox, item_id: int | None) -> None:
        if item_id is None:
            combo.setCurrentIndex(-1 if combo.count() > 1 else 0)
            return
        index = combo.findData(item_id)
        combo.setCurrentIndex(index)

    def _chosen(self, combo: QComboBox, choices: list[Choice]) -> Choice | None:
        item_id = combo.currentData()
        return next((choice for choice in choices if choice.id == item_id), None)

    def _contractor_chosen(self) -> None:
        choice = self._chosen(self.contractor, self._contractors)
        if choice is not None:
            self.terms.set_rate(choice.rate, choice.rate_unit, choice.currency)
        self._show_overlap()

    def _show_overlap(self) -> None:
        """The hours the owner and the chosen contractor share, warned when under
        what the chosen brief needs for questions."""
        contractor = self._chosen(self.contractor, self._contractors)
        brief = self._chosen(self.brief, self._briefs)
        if contractor is None:
            self.overlap.clear_message()
            return
        info = overlap_with_owner([contractor.id], date.today())[contractor.id]
        warning = info.warning(overlap_needed(brief.id if brief else None))
        said = _("Shared working hours: {hours}").format(hours=info.text()) + (
            f"\n{warning}" if warning else ""
        )
        (self.overlap.show_warning if warning else self.overlap.show_note)(said)

    def _brief_chosen(self) -> None:
        choice = self._chosen(self.brief, self._briefs)
        self._show_overlap()
        if choice is None:
            return
        self.terms.cadence.setValue(choice.cadence_days or DEFAULT_CADENCE_DAYS)
        if not self.terms.currency.text():
            self.terms.currency.setText(choice.currency)

    def accept(self) -> None:
        """Hire as filled in; a refusal is shown under its field and changes nothing."""
        contractor = self._chosen(self.contractor, self._contractors)
        brief = self._chosen(self.brief, self._briefs)
        terms = self.terms.values()
        command = HireCommand(
            self.ctx,
            contractor.label if contractor else "",
            contractor_id=contractor.id if contractor else None,
            brief_id=brief.id if brief else None,
            start=terms["start_date"],
            end_date=terms["end_date"],
            rate=terms["rate"],
            rate_unit=terms["rate_unit"],
            currency=terms["currency"],
            cadence_days=terms["cadence_days"],
            status=terms["status"],
            reject_others=(
                [c.contractor_id for c in self.others] if self.reject_others.isChecked() else []
            ),
            reject_reason=self.reject_reason.text(),
        )
        if not run_edit(command, self.errors):
            return
        assert command.hiring is not None
        self.engagement_id = command.hiring.engagement_id
        super().accept()


def open_hire_dialog(
    ctx: AppContext,
    parent: QWidget | None = None,
    contractor_id: int | None = None,
    brief_id: int | None = None,
) -> HireDialog:
    """Show the hire dialog (window-modal, not blocking), either side chosen in advance."""
    dialog = HireDialog(ctx, parent, contractor_id=contractor_id, brief_id=brief_id)
    dialog.open()
    return dialog
