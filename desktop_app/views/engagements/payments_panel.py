"""An engagement's invoices and payments, and its month against budget.

At the top, this month in a line: what was paid against the brief's
budget, and "Budget against paid…" for every engagement month by month
(`month_dialog.py`). "Record…" opens the form for an invoice (or a
payment made that day): date, amount, currency (ISO 4217, the
engagement's by default), the period covered, due date, reference; a date
before the engagement started is asked about first. The table lists them,
newest first; double-click a date, the amount or the reference to change
it; "Mark paid today" pays the selected invoice; a file (the invoice
itself) attaches under the rules of portfolio samples.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.exporters.running_csv import export_payments_csv
from desktop_app.models.currencies import ISO_4217_CODES
from desktop_app.models.engagements import EngagementRow, day_text
from desktop_app.models.errors import NeedsConfirmation, UserError
from desktop_app.models.formats import money, month_year, number
from desktop_app.models.i18n import _, count
from desktop_app.models.payments import PaymentRow, PaymentState, month_spend, payment_rows
from desktop_app.models.tasks import month_start
from desktop_app.views.context import AppContext
from desktop_app.views.engagements.month_dialog import MonthDialog, engagement_line
from desktop_app.views.engagements.running_commands import (
    AddPaymentCommand,
    DeletePaymentCommand,
    EditPaymentCommand,
)
from desktop_app.views.engagements.running_panel import RunningPanel, question_box
from desktop_app.views.partials.dates import date_edit, pydate, qdate
from desktop_app.views.partials.feedback import FieldErrors, run_edit
from desktop_app.views.partials.naming import name_buttons, named
from desktop_app.views.partials.plain_text import plain_label
from desktop_app.views.partials.row_tables import row_table, selected_rows, show_rows
from desktop_app.views.partials.table_model import ALIGN_RIGHT, Column, RowTableModel
from desktop_app.views.partials.tones import ALERT, GOOD, WARNING, tone_color
from desktop_app.views.time_audit.task_table import DateChoice, EditDelegate
from desktop_app.views.undo import execute

DAY, AMOUNT, CURRENCY, DUE, PAID, STATE, REFERENCE, FILE = range(8)
DEFAULT_TERMS_DAYS = 14


class RecordPaymentDialog(QDialog):
    """The form for an invoice, or a payment made that day.

    Attributes:
        errors: the messages under the fields.
    """

    def __init__(self, ctx: AppContext, row: EngagementRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(
            self,
            "paymentDialog",
            _("Record an invoice from {contractor_name}").format(
                contractor_name=row.contractor_name
            ),
        )
        self.setWindowTitle(
            _("Invoice or payment: {contractor_name}").format(contractor_name=row.contractor_name)
        )
        self.ctx = ctx
        self.row = row
        self._due_touched = False
        self.errors = FieldErrors("payment")
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_form(row))
        layout.addWidget(self.errors.general)
        self.buttons = named(QDialogButtonBox(), "paymentDialogButtons", _("Record or cancel"))
        ok = self.buttons.addButton(_("&Record"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName("paymentDialogOk")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        name_buttons(self.buttons, "paymentDialogButtons")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._follow_due()
        self.amount_edit.setFocus()

    def _build_form(self, row: EngagementRow) -> QFormLayout:
        form = QFormLayout()
        self.day_edit = date_edit("paymentDate", _("Date"), max(date.today(), row.start_date))
        self.day_edit.dateChanged.connect(self._follow_due)
        self.amount_edit = named(QLineEdit(), "paymentAmount", _("Amount"))
        self.amount_edit.setPlaceholderText(number(0, 2))
        self.currency_box = named(
            QComboBox(), "paymentCurrency", _("Currency"), _("An ISO 4217 code")
        )
        self.currency_box.setEditable(True)
        self.currency_box.addItems(sorted(ISO_4217_CODES))
        self.currency_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.currency_box.setCurrentText(row.currency)
        self.period_box = named(
            QCheckBox(_("Covers the period")), "paymentHasPeriod", _("Covers a period")
        )
        self.period_start = date_edit("paymentPeriodStart", _("Period from"))
        self.period_end = date_edit("paymentPeriodEnd", _("Period to"))
        first = month_start(date.today())
        self.period_start.setDate(qdate(max(first, row.start_date)))
        self.period_end.setDate(qdate(date.today()))
        period = QHBoxLayout()
        period.addWidget(self.period_box)
        period.addWidget(self.period_start)
        period.addWidget(plain_label("to"))
        period.addWidget(self.period_end)
        period.addStretch(1)
        for editor in (self.period_start, self.period_end):
            editor.setEnabled(False)
            self.period_box.toggled.connect(editor.setEnabled)
        self.due_edit = date_edit("paymentDue", _("Due on"))
        self.due_edit.dateChanged.connect(self._due_changed)
        self.paid_box = named(
            QCheckBox(_("Already paid, on the date above")),
            "paymentPaid",
            _("Paid that day"),
            _("A payment made on the date, not an invoice to pay later"),
        )
        self.paid_box.toggled.connect(lambda paid: self.due_edit.setEnabled(not paid))
        self.reference_edit = named(QLineEdit(), "paymentReference", _("Reference"))
        self.reference_edit.setPlaceholderText(_("Invoice number"))
        self.note_edit = named(QLineEdit(), "paymentNote", _("Note"))
        form.addRow(_("&Date:"), self.errors.under("invoiced_on", self.day_edit))
        form.addRow(_("&Amount:"), self.errors.under("amount", self.amount_edit))
        form.addRow(_("&Currency:"), self.errors.under("currency", self.currency_box))
        period_box = QWidget()
        period_box.setLayout(period)
        form.addRow(_("Period:"), self.errors.under("period_end", period_box))
        form.addRow(_("D&ue on:"), self.errors.under("due_on", self.due_edit))
        form.addRow("", self.paid_box)
        form.addRow(_("&Reference:"), self.errors.under("reference", self.reference_edit))
        form.addRow(_("&Note:"), self.errors.under("note", self.note_edit))
        return form

    def _follow_due(self, *_args: object) -> None:
        # The due date follows the date until the owner sets it.
        if not self._due_touched:
            day = pydate(self.day_edit.date())
            self.due_edit.blockSignals(True)
            self.due_edit.setDate(qdate(day + timedelta(days=DEFAULT_TERMS_DAYS)))
            self.due_edit.blockSignals(False)

    def _due_changed(self, *_args: object) -> None:
        self._due_touched = True

    def values(self) -> dict:
        day = pydate(self.day_edit.date())
        paid = self.paid_box.isChecked()
        period = self.period_box.isChecked()
        return {
            "invoiced_on": day,
            "amount": self.amount_edit.text(),
            "currency": self.currency_box.currentText(),
            "period_start": pydate(self.period_start.date()) if period else None,
            "period_end": pydate(self.period_end.date()) if period else None,
            "due_on": None if paid else pydate(self.due_edit.date()),
            "paid_on": day if paid else None,
            "reference": self.reference_edit.text(),
            "note": self.note_edit.text(),
        }

    def _command(self, confirmed: bool) -> AddPaymentCommand:
        paid = self.paid_box.isChecked()
        return AddPaymentCommand(
            self.ctx,
            self.row.id,
            self.values(),
            confirmed=confirmed,
            text=_("Record a payment") if paid else _("Record an invoice"),
        )

    def accept(self) -> None:
        try:
            execute(self._command(False))
        except NeedsConfirmation as asked:
            self.errors.clear()
            self._ask(asked.question)
            return
        except UserError as error:
            self.errors.show(error)
            return
        super().accept()

    def _ask(self, question: str) -> None:
        box = question_box(self, question)

        def answered(result: int) -> None:
            if result != QMessageBox.StandardButton.Yes:
                return
            if run_edit(self._command(True), self.errors):
                QDialog.accept(self)

        box.finished.connect(answered)
        box.open()


class PaymentsPanel(RunningPanel):
    """The invoices and payments of one engagement.

    Attributes:
        model: this engagement's invoices and payments, newest first.
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "paymentsPanel", _("Payments"), parent)
        self.summary = named(plain_label(), "paymentsSummary", _("This month against budget"))
        self.summary.setWordWrap(True)
        self.month_button = named(
            QPushButton(_("Budget against paid…")),
            "openMonth",
            _("Every engagement's budget, paid and spend, month by month"),
        )
        self.month_button.clicked.connect(self.open_month)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.month_button, 0, Qt.AlignmentFlag.AlignTop)
        self.model: RowTableModel[PaymentRow] = RowTableModel(self._columns(), self)
        self.table = row_table(
            "paymentsTable", _("Invoices and payments"), self.model, REFERENCE, self
        )
        self.delegate = EditDelegate(
            {DAY: DateChoice(), DUE: DateChoice(), PAID: DateChoice()}, self.table
        )
        self.delegate.refused.connect(lambda message: self.say(message, error=True))
        self.table.setItemDelegate(self.delegate)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self._double_clicked)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._build_actions())
        layout.addWidget(self.message)
        self._update_buttons()

    def _build_actions(self) -> QHBoxLayout:
        self.record_button = named(
            QPushButton(_("Record…")), "recordPayment", _("Record an invoice or a payment")
        )
        self.record_button.clicked.connect(self.open_record)
        self.pay_button = named(
            QPushButton(_("Mark paid today")), "markPaid", _("Mark the selected invoice paid today")
        )
        self.pay_button.clicked.connect(self.mark_paid)
        self.attach_button = named(
            QPushButton(_("Attach invoice…")),
            "attachInvoice",
            _("Attach a file (the invoice itself) to the selected row"),
        )
        self.attach_button.clicked.connect(self.choose_and_attach)
        more = self.more_menu("payments", _("Open the attached file"))
        more.addSeparator()
        export = more.addAction(_("Export this month's payments to CSV…"))
        export.setObjectName("exportPayments")
        export.triggered.connect(self.choose_and_export)
        self.more_button.setMenu(more)
        row = QHBoxLayout()
        for button in (self.record_button, self.pay_button, self.attach_button, self.more_button):
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _columns(self) -> list[Column[PaymentRow]]:
        return [
            Column(
                _("Date"),
                lambda r: day_text(r.invoiced_on),
                sort_key=lambda r: r.invoiced_on,
                tooltip=lambda r: (
                    _("Covers {period}").format(period=r.period_text) if r.period_text else None
                ),
                edit_value=lambda r: r.invoiced_on,
                commit=lambda r, v: self._edit(r, {"invoiced_on": v}, _("Change the date")),
            ),
            Column(
                _("Amount"),
                lambda r: number(r.amount, 2),
                sort_key=lambda r: r.amount,
                align=ALIGN_RIGHT,
                edit_value=lambda r: f"{r.amount:.2f}",
                commit=lambda r, v: self._edit(r, {"amount": v}, _("Change the amount")),
            ),
            Column(
                _("Currency"),
                lambda r: r.currency,
                edit_value=lambda r: r.currency,
                commit=lambda r, v: self._edit(r, {"currency": v}, _("Change the currency")),
            ),
            Column(
                _("Due on"),
                lambda r: "" if r.paid_on else day_text(r.due_date),
                sort_key=lambda r: r.due_date,
                tooltip=lambda r: (
                    None if r.due_on else _("No due date given: 30 days after its date")
                ),
                edit_value=lambda r: r.due_date,
                commit=lambda r, v: self._edit(r, {"due_on": v}, _("Change the due date")),
            ),
            Column(
                _("Paid on"),
                lambda r: day_text(r.paid_on),
                sort_key=lambda r: r.paid_on,
                edit_value=lambda r: r.paid_on or self.today,
                commit=lambda r, v: self._edit(r, {"paid_on": v}, _("Change the day it was paid")),
            ),
            Column(
                _("State"),
                self._state_text,
                foreground=lambda r: tone_color(
                    {PaymentState.OVERDUE: ALERT, PaymentState.DUE: WARNING}.get(
                        r.state(self.today), GOOD
                    )
                ),
            ),
            Column(
                _("Reference"),
                lambda r: r.reference,
                tooltip=lambda r: r.note or None,
                edit_value=lambda r: r.reference,
                commit=lambda r, v: self._edit(r, {"reference": v}, _("Change the reference")),
            ),
            Column(
                _("File"),
                lambda r: (
                    (
                        _("{file_name} — missing").format(file_name=r.file_name)
                        if self.file_missing(r.file_hash)
                        else r.file_name
                    )
                    if r.file_hash
                    else ""
                ),
            ),
        ]

    def _state_text(self, row: PaymentRow) -> str:
        state = row.state(self.today)
        if state is PaymentState.OVERDUE:
            days = row.days_overdue(self.today)
            return count(days, "Overdue {count} day", "Overdue {count} days")
        return _("Paid") if state is PaymentState.PAID else _("To pay")

    # Loading
    def load(self) -> None:
        row = self.row
        show_rows(self.model, payment_rows(row.id) if row else [])
        self.summary.setText(self._summary())
        self._update_buttons()

    def _summary(self) -> str:
        if self.row is None:
            return ""
        # This engagement's line only: the same function as every spend figure,
        # over one row rather than every engagement.
        spend = month_spend(self.today, self.today, [self.row])
        line = spend.line_of(self.row.id)
        if line is None:
            return _("{month}: not working this month, nothing paid.").format(
                month=month_year(self.today)
            )
        return _("{month}: {line}").format(month=month_year(self.today), line=engagement_line(line))

    def _update_buttons(self, *_args: object) -> None:
        chosen = selected_rows(self.table, self.model)
        self.pay_button.setEnabled(any(row.paid_on is None for row in chosen))
        self.attach_button.setEnabled(len(chosen) == 1)
        self.delete_action.setEnabled(len(chosen) == 1)
        self.open_action.setEnabled(len(chosen) == 1 and bool(chosen[0].file_hash))
        self.record_button.setEnabled(self.row is not None)

    def _double_clicked(self, index: object) -> None:
        # The file column opens its file (the others edit in place).
        if getattr(index, "column", lambda: -1)() == FILE:
            self.open_selected_file()

    # Edits
    def _edit(self, row: PaymentRow, changes: dict, text: str) -> str | None:
        if self.run(
            lambda confirmed: EditPaymentCommand(
                self.ctx, row.id, changes, text, confirmed=confirmed
            )
        ):
            return None
        return None if self.asking else (self.message.text() or _("Not changed."))

    def open_record(self) -> RecordPaymentDialog | None:
        if self.row is None:
            return None
        dialog = RecordPaymentDialog(self.ctx, self.row, self)
        dialog.accepted.connect(lambda: self.say(_("Recorded. Undo (Ctrl+Z) takes it back.")))
        dialog.open()
        return dialog

    def open_month(self) -> MonthDialog:
        dialog = MonthDialog(
            self.ctx, self.today, engagement_id=self.row.id if self.row else None, parent=self
        )
        dialog.show()
        return dialog

    def mark_paid(self) -> bool:
        chosen = [row for row in selected_rows(self.table, self.model) if row.paid_on is None]
        if not chosen:
            self.say(_("Select an invoice still to pay."))
            return False
        row = chosen[0]
        return self.run(
            lambda confirmed: EditPaymentCommand(
                self.ctx,
                row.id,
                {"paid_on": self.today},
                _("Mark an invoice paid"),
                confirmed=confirmed,
            ),
            (
                _("Paid today: {amount} ({reference}).")
                if row.reference
                else _("Paid today: {amount}.")
            ).format(amount=money(row.amount, row.currency), reference=row.reference),
        )

    def delete_selected(self) -> bool:
        chosen = selected_rows(self.table, self.model)
        if not chosen:
            return False
        row = chosen[0]
        return self.run(
            lambda _c: DeletePaymentCommand(self.ctx, row.id, _("Delete an invoice")),
            _("Deleted the {money} of {day_text}. Undo (Ctrl+Z) puts it back.").format(
                money=money(row.amount, row.currency), day_text=day_text(row.invoiced_on)
            ),
        )

    def choose_and_attach(self) -> bool:
        path = self.choose_file(_("Attach the invoice"))
        return self.attach(path) if path else False

    def attach(self, path: Path) -> bool:
        return self.attach_to_selected(path, "invoice", EditPaymentCommand)

    def choose_and_export(self) -> Path | None:
        month = month_start(self.today)
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Export the payments"),
            str(Path.home() / f"payments-{month:%Y-%m}.csv"),
            _("CSV files (*.csv)"),
        )
        return self.export(Path(path), month) if path else None

    def export(self, path: Path, month: date | None) -> Path | None:
        """Write the payments (of `month`, or all) to `path`, as export-payments does."""
        try:
            written = export_payments_csv(path, self.today, month)
        except UserError as error:
            self.say(str(error), error=True)
            return None
        if month:
            said = count(
                written,
                "Wrote {count} invoice and payment of {month} to {path}.",
                "Wrote {count} invoices and payments of {month} to {path}.",
                month=month_year(month),
                path=path,
            )
        else:
            said = count(
                written,
                "Wrote {count} invoice and payment to {path}.",
                "Wrote {count} invoices and payments to {path}.",
                path=path,
            )
        self.say(said)
        return path
