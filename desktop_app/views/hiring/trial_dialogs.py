"""The paid trial's dialogs: offer it to several at once, record one
contractor's result, hire from a trial (the others closed with a reason)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models import trials
from desktop_app.models.availability import overlap_needed, overlap_with_owner
from desktop_app.models.contractors import STAGE_LABELS, Stage
from desktop_app.models.formats import day, money_short
from desktop_app.models.i18n import _
from desktop_app.models.trial_hiring import hire_terms, other_open_offers
from desktop_app.views.context import AppContext
from desktop_app.views.engagements.forms import TermsForm
from desktop_app.views.hiring.commands import (
    HireFromTrialCommand,
    OfferTrialCommand,
    RecordResultCommand,
)
from desktop_app.views.hiring.widgets import ok_cancel
from desktop_app.views.partials.dates import date_edit, pydate, qdate
from desktop_app.views.partials.feedback import FieldErrors, MessageLine, run_edit
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import plain_label
from desktop_app.views.partials.text_direction import PlainTextEdit


class OfferDialog(QDialog):
    """Tick the shortlisted contractors who get the trial.

    Attributes:
        people: the list (checkable), those interviewed for the brief first.
        offered: the names the trial went to, once accepted.
    """

    def __init__(self, ctx: AppContext, brief_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "offerDialog", _("Offer the paid trial"))
        self.setWindowTitle(_("Offer the paid trial"))
        self.ctx, self.brief_id = ctx, brief_id
        self.offered: list[str] = []
        trial = trials.trial_of(brief_id)
        people = trials.trial_candidates(brief_id)
        pay = money_short(trial.pay, trial.currency) or _("no pay yet")
        due = day(trial.deadline) if trial.deadline else _("no deadline yet")
        intro = plain_label(
            _(
                "“{brief_title}”: {pay} each, due {due}. Two or three people are enough to "
                "compare; each moves to “Trial” in the pipeline."
            ).format(brief_title=trial.brief_title, pay=pay, due=due)
        )
        intro.setWordWrap(True)
        self.people = named(QListWidget(), "offerPeople", _("Who gets the trial"))
        for person in people:
            stage = _(STAGE_LABELS.get(Stage(person.stage), person.stage))
            about = (
                _("{stage}, interviewed for this brief").format(stage=stage)
                if person.interviewed
                else stage
            )
            item = QListWidgetItem(f"{person.name}  ({about})")
            item.setData(Qt.ItemDataRole.UserRole, person.contractor_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.people.addItem(item)
        self.errors = FieldErrors("offer")
        self.day = date_edit("offerDay", _("Offered on"), date.today())
        form = QFormLayout()
        form.addRow(_("Offered &on:"), self.day)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.errors.under("contractors", self.people), 1)
        layout.addLayout(form)
        layout.addWidget(self.errors.general)
        if not people:
            self.errors.general.setText(
                _("No one on the shortlist (prospect to trial) is left to offer it to.")
            )
            self.errors.general.show()
        layout.addWidget(ok_cancel(self, "offer", _("&Offer the trial")))
        self.resize(480, 420)

    def chosen(self) -> list[int]:
        return [
            self.people.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.people.count())
            if self.people.item(i).checkState() == Qt.CheckState.Checked
        ]

    def accept(self) -> None:
        ids = self.chosen()
        command = OfferTrialCommand(self.ctx, self.brief_id, ids, pydate(self.day.date()))
        if not run_edit(command, self.errors):
            return
        names = {
            self.people.item(i).data(Qt.ItemDataRole.UserRole): self.people.item(i).text()
            for i in range(self.people.count())
        }
        self.offered = [names[i].split("  (")[0] for i in ids]
        super().accept()


class ResultDialog(QDialog):
    """One contractor's trial: delivered when, a score per rubric line, notes."""

    def __init__(self, ctx: AppContext, offer: trials.OfferRow, parent: QWidget | None = None):
        super().__init__(parent)
        named(
            self,
            "resultDialog",
            _("{contractor_name}'s trial").format(contractor_name=offer.contractor_name),
        )
        self.setWindowTitle(
            _("{contractor_name}'s trial").format(contractor_name=offer.contractor_name)
        )
        self.ctx, self.offer = ctx, offer
        self.errors = FieldErrors("result")
        self.delivered = named(QCheckBox(_("&Delivered on:")), "resultDelivered", _("Delivered"))
        self.delivered_on = date_edit("resultDeliveredOn", _("Delivered on"))
        self.delivered.setChecked(offer.delivered_on is not None)
        self.delivered_on.setEnabled(offer.delivered_on is not None)
        if offer.delivered_on is not None:
            self.delivered_on.setDate(qdate(offer.delivered_on))
        self.delivered.toggled.connect(self.delivered_on.setEnabled)
        deadline = plain_label(
            _("Deadline agreed: {deadline}").format(deadline=day(offer.deadline))
        )
        deadline.setEnabled(False)
        self.scores: dict[str, QComboBox] = {}
        grid = QWidget()
        grid_form = QFormLayout(grid)
        for line in trials.rubric_of(offer.brief_id, offer.trial_id):
            combo = named(QComboBox(), f"score_{line.key}", line.text)
            combo.addItem("—", None)
            for score in range(1, 6):
                combo.addItem(str(score), score)
            combo.setCurrentIndex(max(0, combo.findData(offer.scores.get(line.key))))
            label = plain_label(f"{line.source_text}: {line.text}")
            label.setWordWrap(True)
            label.setBuddy(combo)
            grid_form.addRow(label, self.errors.under(line.key, combo))
            self.scores[line.key] = combo
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid)
        self.notes = named(PlainTextEdit(offer.notes), "resultNotes", _("Notes"))
        self.notes.setMaximumHeight(90)
        self.notes.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow(self.delivered, self.errors.under("delivered_on", self.delivered_on))
        form.addRow("", deadline)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(plain_label(_("Scores, 1 (poor) to 5 (excellent):")))
        layout.addWidget(scroll, 1)
        layout.addWidget(plain_label(_("Notes:")))
        layout.addWidget(self.notes)
        layout.addWidget(self.errors.general)
        layout.addWidget(ok_cancel(self, "result", _("&Save")))
        self.resize(620, 560)

    def accept(self) -> None:
        command = RecordResultCommand(
            self.ctx,
            self.offer.id,
            self.offer.contractor_name,
            delivered_on=pydate(self.delivered_on.date()) if self.delivered.isChecked() else None,
            scores={key: combo.currentData() for key, combo in self.scores.items()},
            notes=self.notes.toPlainText(),
        )
        if not run_edit(command, self.errors):
            return
        super().accept()


class HireFromTrialDialog(QDialog):
    """Hire one trial's contractor; the others are closed with the reason given.

    Attributes:
        outcome: what was done, in words, once accepted.
    """

    def __init__(self, ctx: AppContext, offer: trials.OfferRow, parent: QWidget | None = None):
        super().__init__(parent)
        named(
            self,
            "hireFromTrial",
            _("Hire {contractor_name}").format(contractor_name=offer.contractor_name),
        )
        self.setWindowTitle(
            _("Hire {contractor_name} from the trial").format(contractor_name=offer.contractor_name)
        )
        self.ctx, self.offer = ctx, offer
        self.outcome = ""
        self.others = other_open_offers(offer.id)
        self.errors = FieldErrors("trialHire")
        defaults = hire_terms(offer.id)
        intro = plain_label(
            _(
                "{contractor_name} is hired for “{brief_title}”: the engagement starts, the brief "
                "is filled and its tasks handed off."
            ).format(contractor_name=offer.contractor_name, brief_title=offer.brief_title)
        )
        intro.setWordWrap(True)
        info = overlap_with_owner([offer.contractor_id], date.today())[offer.contractor_id]
        warning = info.warning(overlap_needed(offer.brief_id))
        self.overlap = MessageLine("trialHireOverlap", _("Shared working hours"))
        said = _("Shared working hours: {hours}").format(hours=info.text()) + (
            f"\n{warning}" if warning else ""
        )
        (self.overlap.show_warning if warning else self.overlap.show_note)(said)
        self.terms = TermsForm("trialHire", self.errors, with_status=True)
        self.terms.set_rate(defaults.rate, defaults.rate_unit, defaults.currency)
        self.terms.cadence.setValue(defaults.cadence_days)
        self.terms.start.setDate(qdate(date.today()))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.overlap)
        layout.addWidget(self.terms)
        self.reason = named(
            PlainTextEdit(), "trialHireReason", _("Why the others were not chosen"),
            _("Kind and specific: it goes in their history and into the decline message"),
        )  # fmt: skip
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(80)
        if self.others:
            names = ", ".join(name for _, name in self.others)
            closing = plain_label(
                _(
                    "The trial closes for {names}: they move to “Rejected” with this reason, "
                    "which the decline message then offers to send."
                ).format(names=names)
            )
            closing.setWordWrap(True)
            layout.addWidget(closing)
            layout.addWidget(self.errors.under("reason", self.reason))
        else:
            self.reason.hide()
        layout.addWidget(self.errors.general)
        layout.addWidget(ok_cancel(self, "trialHire", _("&Hire")))
        self.resize(520, self.sizeHint().height())

    def accept(self) -> None:
        terms = self.terms.values()
        command = HireFromTrialCommand(
            self.ctx,
            self.offer.id,
            self.offer.contractor_name,
            start=terms["start_date"],
            rate=terms["rate"],
            cadence_days=terms["cadence_days"],
            reason=self.reason.toPlainText(),
            rate_unit=terms["rate_unit"],
            currency=terms["currency"],
        )
        if not run_edit(command, self.errors):
            return
        names = [name for _, name in self.others]
        self.outcome = _("Hired {name} from the trial.").format(name=self.offer.contractor_name)
        if names:
            self.outcome += " " + _(
                "Closed the trial for {names} with your reason: select each and click Write the "
                "decline… to tell them (Ctrl+Z takes the hire back)."
            ).format(names=", ".join(names))
        super().accept()
