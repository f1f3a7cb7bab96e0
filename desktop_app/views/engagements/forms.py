"""The quick forms of the Engagements tab, and the terms form the dialogs share.

Each form shows a refused input's message under the field at fault (the
field a `ValidationError` names, through `partials.feedback.FieldErrors`)
and changes nothing; on success it runs its command on the undo stack and
clears itself. The same forms change an entry of the timeline
(`edit(record)`: Save writes it back, undoably).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.contractor_input import RATE_UNIT_LABELS
from desktop_app.models.contractors import RateUnit
from desktop_app.models.engagements import (
    CHECK_IN_STATE_LABELS,
    CheckInKind,
    CheckInRecord,
    CheckInState,
    FeedbackRecord,
    Initiator,
    entry_versions_read,
)
from desktop_app.models.formats import integer
from desktop_app.models.i18n import _, ngettext
from desktop_app.views.context import AppContext
from desktop_app.views.engagements.commands import (
    AddCheckInCommand,
    AddEntryCommand,
    AddFeedbackCommand,
    EditCheckInCommand,
    EditEntryCommand,
    EditFeedbackCommand,
)
from desktop_app.views.partials.dates import date_edit, pydate, qdate
from desktop_app.views.partials.feedback import FieldErrors, run_edit
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import plain_label
from desktop_app.views.partials.spin_boxes import count_suffix
from desktop_app.views.partials.text_direction import PlainTextEdit


def compact_form(widget: QWidget) -> QFormLayout:
    """A form layout at the top of `widget`, labels beside fields, spare room below."""
    outer = QVBoxLayout(widget)
    form = QFormLayout()
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    outer.addLayout(form)
    outer.addStretch(1)
    return form


class TermsForm(QWidget):
    """Start and planned end, rate, currency, cadence (and status when hiring)."""

    def __init__(self, prefix: str, errors: FieldErrors, *, with_status: bool) -> None:
        super().__init__()
        self.errors = errors
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.start = date_edit(f"{prefix}Start", _("Start date"))
        layout.addRow(_("&Start:"), errors.under("start_date", self.start))
        self.has_end = named(
            QCheckBox(_("Planned &end:")), f"{prefix}HasEnd", _("Has a planned end")
        )
        self.end = date_edit(f"{prefix}End", _("Planned end date"))
        self.end.setEnabled(False)
        self.has_end.toggled.connect(self.end.setEnabled)
        layout.addRow(self.has_end, errors.under("end_date", self.end))
        rate_row = QWidget()
        rate_layout = QHBoxLayout(rate_row)
        rate_layout.setContentsMargins(0, 0, 0, 0)
        self.rate = named(
            QLineEdit(), f"{prefix}Rate", _("Agreed rate"), _("The rate agreed, e.g. 40")
        )
        self.rate.setPlaceholderText(_("e.g. {number}").format(number=integer(40)))
        self.currency = named(
            QLineEdit(), f"{prefix}Currency", _("Currency"), _("ISO code, e.g. USD")
        )
        self.currency.setMaxLength(3)
        self.currency.setFixedWidth(60)
        self.rate_unit = named(QComboBox(), f"{prefix}RateUnit", _("Rate unit"))
        for unit in RateUnit:
            self.rate_unit.addItem(RATE_UNIT_LABELS[unit], unit.value)
        rate_layout.addWidget(self.rate, 1)
        rate_layout.addWidget(self.currency)
        rate_layout.addWidget(self.rate_unit)
        rate_box = errors.under("rate", rate_row)
        self.errors.labels["currency"] = self.errors.labels["rate"]
        layout.addRow(_("&Rate:"), rate_box)
        self.cadence = named(
            QSpinBox(), f"{prefix}Cadence", _("Check-in cadence in days"),
            _("How often you agreed to check in, in days (1 to 365)"),
        )  # fmt: skip
        # Wider than the valid range, so a cadence of 0 or over a year gets
        # the model's explanation instead of a silent clamp.
        self.cadence.setRange(0, 999)
        count_suffix(self.cadence, lambda n: ngettext("day", "days", n))
        self.cadence.setValue(7)
        layout.addRow(_("Check in &every:"), errors.under("cadence_days", self.cadence))
        self.status: QComboBox | None = None
        if with_status:
            self.status = named(QComboBox(), f"{prefix}Status", _("Starts as"))
            self.status.addItem(_("Trial"), "trial")
            self.status.addItem(_("Active"), "active")
            layout.addRow(_("Starts &as:"), errors.under("status", self.status))

    def set_rate(self, rate: Any, unit: str, currency: str) -> None:
        self.rate.setText("" if rate is None else f"{rate}")
        index = self.rate_unit.findData(unit)
        if index >= 0:
            self.rate_unit.setCurrentIndex(index)
        self.currency.setText(currency)

    def set_terms(self, values: dict[str, Any]) -> None:
        self.start.setDate(qdate(values["start_date"]))
        self.has_end.setChecked(values["end_date"] is not None)
        if values["end_date"] is not None:
            self.end.setDate(qdate(values["end_date"]))
        self.set_rate(values["rate"], values["rate_unit"], values["currency"])
        self.cadence.setValue(values["cadence_days"])

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "start_date": pydate(self.start.date()),
            "end_date": pydate(self.end.date()) if self.has_end.isChecked() else None,
            "rate": self.rate.text(),
            "rate_unit": self.rate_unit.currentData(),
            "currency": self.currency.text(),
            "cadence_days": self.cadence.value(),
        }
        if self.status is not None:
            values["status"] = self.status.currentData()
        return values


class DraftsPerEngagement:
    """What is typed in a quick form belongs to the engagement it was typed for.

    Selecting another engagement keeps the half-typed text as that
    engagement's draft and shows the new one's (or a blank form), so a note
    meant for one contractor can never be added to another's timeline, and
    nothing typed is lost. Forms implement `capture()` and `apply(values)`.
    """

    engagement_id: int | None
    errors: FieldErrors
    add_button: QPushButton

    def set_engagement(self, engagement_id: int | None) -> None:
        """Show the form for `engagement_id` (None: nothing selected)."""
        if engagement_id != self.engagement_id:
            self.errors.clear()
        self._switch_to(engagement_id)
        self.engagement_id = engagement_id
        self.add_button.setEnabled(engagement_id is not None)

    def _init_drafts(self) -> None:
        self._drafts: dict[int, dict[str, Any]] = {}
        self._blank = self.capture()

    def capture(self) -> dict[str, Any]:
        raise NotImplementedError

    def apply(self, values: dict[str, Any]) -> None:
        raise NotImplementedError

    def _switch_to(self, engagement_id: int | None) -> None:
        if engagement_id == self.engagement_id:
            return
        if self.engagement_id is not None:
            typed = self.capture()
            if typed != self._blank:
                self._drafts[self.engagement_id] = typed
            else:
                self._drafts.pop(self.engagement_id, None)
        draft = self._drafts.pop(engagement_id, None) if engagement_id is not None else None
        self.apply(draft or self._blank_for_today())

    def _blank_for_today(self) -> dict[str, Any]:
        return {**self._blank, "date": date.today()}


class CheckInForm(DraftsPerEngagement, QWidget):
    """Record a progress report: when, who started it, how it is going, blockers.

    Signals:
        added(int): a check-in was added (its id).
        saved(int): the check-in being edited was changed (its id).
    """

    added = Signal(int)
    saved = Signal(int)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.engagement_id: int | None = None
        self.editing: CheckInRecord | None = None
        self.errors = FieldErrors("checkIn")
        layout = compact_form(self)
        self.date = date_edit("checkInDate", _("Check-in date"))
        layout.addRow(_("&Date:"), self.errors.under("date", self.date))
        self.initiated_by = named(QComboBox(), "checkInInitiatedBy", _("Who started the check-in"))
        self.initiated_by.addItem(_("The contractor reported"), Initiator.CONTRACTOR.value)
        self.initiated_by.addItem(_("I asked for it"), Initiator.OWNER.value)
        layout.addRow(_("&Started by:"), self.initiated_by)
        self.state = named(QComboBox(), "checkInState", _("How the work is going"))
        for state in CheckInState:
            self.state.addItem(CHECK_IN_STATE_LABELS[state], state.value)
        self.state.addItem(_("Not said"), None)
        layout.addRow(_("S&tate:"), self.errors.under("state", self.state))
        self.summary = named(
            PlainTextEdit(), "checkInSummary", _("Summary"), _("What the progress report said")
        )
        self.summary.setTabChangesFocus(True)
        self.summary.setFixedHeight(64)
        layout.addRow(_("S&ummary:"), self.errors.under("summary", self.summary))
        self.blockers = named(
            QLineEdit(), "checkInBlockers", _("Blockers"), _("What holds them up")
        )
        layout.addRow(_("&Blockers:"), self.blockers)
        self.add_button = named(QPushButton(_("&Add check-in")), "addCheckIn", _("Add check-in"))
        self.add_button.clicked.connect(self.submit)
        layout.addRow(self.errors.general)
        layout.addRow("", self.add_button)
        self._init_drafts()

    def capture(self) -> dict[str, Any]:
        return {
            "date": pydate(self.date.date()),
            "initiated_by": self.initiated_by.currentIndex(),
            "state": self.state.currentIndex(),
            "summary": self.summary.toPlainText(),
            "blockers": self.blockers.text(),
        }

    def apply(self, values: dict[str, Any]) -> None:
        self.date.setDate(qdate(values["date"]))
        self.initiated_by.setCurrentIndex(values["initiated_by"])
        self.state.setCurrentIndex(values["state"])
        self.summary.setPlainText(values["summary"])
        self.blockers.setText(values["blockers"])

    def edit(self, record: CheckInRecord) -> None:
        """Show `record` to change it: Save writes it back instead of adding one."""
        self.editing = record
        self.engagement_id = record.engagement_id
        self.apply(
            {
                "date": record.day,
                "initiated_by": max(self.initiated_by.findData(record.initiated_by), 0),
                "state": self.state.findData(record.state)
                if record.state
                else self.state.count() - 1,
                "summary": record.summary,
                "blockers": record.blockers,
            }
        )
        self.add_button.setText(_("&Save changes"))
        self.add_button.setAccessibleName(_("Save changes"))
        self.add_button.setEnabled(True)

    def submit(self) -> int | None:
        """Add the check-in as typed (or save the one being edited); returns its
        id, or None when refused."""
        if self.engagement_id is None:
            return None
        fields = {
            "initiated_by": self.initiated_by.currentData(),
            "kind": CheckInKind.REPORT.value if self.editing is None else self.editing.kind,
            "summary": self.summary.toPlainText(),
            "state": self.state.currentData(),
            "blockers": self.blockers.text(),
        }
        command = (
            AddCheckInCommand(self.ctx, self.engagement_id, pydate(self.date.date()), fields)
            if self.editing is None
            else EditCheckInCommand(self.ctx, self.editing.id, pydate(self.date.date()), fields)
        )
        if self.editing is not None:
            # Saved over the check-in the form was opened on.
            command.expected = entry_versions_read(self.editing)
        row_id = _save_entry(command, self.errors)
        if row_id is None or isinstance(command, EditCheckInCommand):
            if row_id is not None:
                self.saved.emit(row_id)
            return row_id
        self.summary.clear()
        self.blockers.clear()
        self.date.setDate(qdate(date.today()))
        self.added.emit(row_id)
        return row_id


def _save_entry(command: AddEntryCommand | EditEntryCommand, errors: FieldErrors) -> int | None:
    """Run the add or the edit of a check-in or feedback; the entry's id, or
    None when refused (said under the form's fields)."""
    if not run_edit(command, errors):
        return None
    assert command.row_id is not None  # applied
    return command.row_id


def score_box(object_name: str, accessible_name: str) -> QSpinBox:
    """A 1-5 score; 0 shows "–", not yet rated, so every score is a choice."""
    box = named(
        QSpinBox(),
        object_name,
        accessible_name,
        _("{accessible_name}, from 1 to 5").format(accessible_name=accessible_name),
    )
    box.setRange(0, 5)
    box.setSpecialValueText("–")
    box.setSuffix(" / 5")
    return box


class FeedbackForm(DraftsPerEngagement, QWidget):
    """Feedback on completed work: what, on time, good, not good, three scores.

    Signals:
        added(int): feedback was added (its id).
        saved(int): the feedback being edited was changed (its id).
    """

    added = Signal(int)
    saved = Signal(int)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.engagement_id: int | None = None
        self.editing: FeedbackRecord | None = None
        self.errors = FieldErrors("feedback")
        layout = compact_form(self)
        self.date = date_edit("feedbackDate", _("Feedback date"))
        layout.addRow(_("&Date:"), self.errors.under("date", self.date))
        self.deliverable = named(
            QLineEdit(),
            "feedbackDeliverable",
            _("Deliverable"),
            _("The piece of work this is about"),
        )
        layout.addRow(_("De&liverable:"), self.errors.under("deliverable", self.deliverable))
        self.on_time = named(
            QCheckBox(_("Delivered &on time")), "feedbackOnTime", _("Delivered on time")
        )
        self.on_time.setChecked(True)
        layout.addRow("", self.on_time)
        self.good = named(PlainTextEdit(), "feedbackGood", _("What was good"))
        self.not_good = named(PlainTextEdit(), "feedbackNotGood", _("What was not good"))
        for editor in (self.good, self.not_good):
            editor.setTabChangesFocus(True)
            editor.setFixedHeight(52)
        layout.addRow(_("What was &good:"), self.good)
        layout.addRow(_("What was &not:"), self.not_good)
        scores = QWidget()
        row = QHBoxLayout(scores)
        row.setContentsMargins(0, 0, 0, 0)
        self.quality = score_box("feedbackQuality", _("Quality"))
        self.communication = score_box("feedbackCommunication", _("Communication"))
        self.confidence = score_box("feedbackConfidence", _("Confidence in the contractor"))
        for label, box in (
            (_("&Quality"), self.quality),
            (_("Co&mmunication"), self.communication),
            (_("&Confidence"), self.confidence),
        ):
            caption = plain_label(label)
            caption.setBuddy(box)
            row.addWidget(caption)
            row.addWidget(box)
        row.addStretch(1)
        score_errors = self.errors.under("quality", scores)
        self.errors.labels["communication"] = self.errors.labels["quality"]
        self.errors.labels["confidence"] = self.errors.labels["quality"]
        layout.addRow(_("Scores:"), score_errors)
        self.add_button = named(QPushButton(_("Add &feedback")), "addFeedback", _("Add feedback"))
        self.add_button.clicked.connect(self.submit)
        layout.addRow(self.errors.general)
        layout.addRow("", self.add_button)
        self._init_drafts()

    def capture(self) -> dict[str, Any]:
        return {
            "date": pydate(self.date.date()),
            "deliverable": self.deliverable.text(),
            "on_time": self.on_time.isChecked(),
            "good": self.good.toPlainText(),
            "not_good": self.not_good.toPlainText(),
            "scores": (self.quality.value(), self.communication.value(), self.confidence.value()),
        }

    def apply(self, values: dict[str, Any]) -> None:
        self.date.setDate(qdate(values["date"]))
        self.deliverable.setText(values["deliverable"])
        self.on_time.setChecked(values["on_time"])
        self.good.setPlainText(values["good"])
        self.not_good.setPlainText(values["not_good"])
        for box, value in zip(
            (self.quality, self.communication, self.confidence), values["scores"], strict=True
        ):
            box.setValue(value)

    @staticmethod
    def _score(box: QSpinBox) -> int | None:
        return box.value() or None

    def edit(self, record: FeedbackRecord) -> None:
        """Show `record` to change it: Save writes it back instead of adding one."""
        self.editing = record
        self.engagement_id = record.engagement_id
        self.apply(
            {
                "date": record.day,
                "deliverable": record.deliverable,
                "on_time": record.on_time,
                "good": record.good,
                "not_good": record.not_good,
                "scores": (record.quality, record.communication, record.confidence),
            }
        )
        self.add_button.setText(_("&Save changes"))
        self.add_button.setAccessibleName(_("Save changes"))
        self.add_button.setEnabled(True)

    def submit(self) -> int | None:
        """Add the feedback as typed (or save the one being edited); returns its
        id, or None when refused."""
        if self.engagement_id is None:
            return None
        day = pydate(self.date.date())
        fields = {
            "deliverable": self.deliverable.text(),
            "on_time": self.on_time.isChecked(),
            "good": self.good.toPlainText(),
            "not_good": self.not_good.toPlainText(),
            "quality": self._score(self.quality),
            "communication": self._score(self.communication),
            "confidence": self._score(self.confidence),
        }
        command = (
            AddFeedbackCommand(self.ctx, self.engagement_id, day, fields)
            if self.editing is None
            else EditFeedbackCommand(self.ctx, self.editing.id, day, fields)
        )
        if self.editing is not None:
            # Saved over the feedback the form was opened on.
            command.expected = entry_versions_read(self.editing)
        row_id = _save_entry(command, self.errors)
        if row_id is None or isinstance(command, EditFeedbackCommand):
            if row_id is not None:
                self.saved.emit(row_id)
            return row_id
        for editor in (self.deliverable, self.good, self.not_good):
            editor.clear()
        for box in (self.quality, self.communication, self.confidence):
            box.setValue(0)
        self.on_time.setChecked(True)
        self.date.setDate(qdate(date.today()))
        self.added.emit(row_id)
        return row_id
