"""Budget against paid, month by month: every engagement and the totals.

For the month chosen: each engagement's budget (from its brief, and how it
was reached), what was paid, its spend (paid where paid, estimated
elsewhere, saying which) and what is left or over; then the totals per
currency, never added together, and one total in the settings' currency
when the owner has typed a rate for each other one (Offload never looks
rates up). All of it from `payments.month_spend`, the function the
Overview and the payments panel read.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.formats import money, month_year, number
from desktop_app.models.i18n import _
from desktop_app.models.payments import (
    EngagementMonth,
    MonthSpend,
    conversion_rates,
    month_spend,
    months_of_payments,
)
from desktop_app.models.tasks import month_start, previous_month
from desktop_app.views.context import AppContext, Topic
from desktop_app.views.engagements.running_commands import SetConversionRateCommand
from desktop_app.views.partials.feedback import StatusLine, run_edit
from desktop_app.views.partials.naming import name_buttons, named
from desktop_app.views.partials.plain_text import plain_label
from desktop_app.views.partials.row_tables import row_table
from desktop_app.views.partials.table_model import ALIGN_RIGHT, Column, RowTableModel
from desktop_app.views.partials.tones import ALERT, tone_color

MONTHS_SHOWN = 12


def amounts_text(totals: dict[str, Decimal]) -> str:
    """ "$320.00 + €300.00": amounts in several currencies, never added."""
    if not totals:
        return "nothing"
    return " + ".join(money(amount, code) for code, amount in sorted(totals.items()))


def budget_line(month: MonthSpend) -> str:
    """The month's paid against budget, per currency, in words."""
    lines = month.budget_lines()
    when = month_year(month.month)
    if not lines:
        return _("{month}: no budget (the briefs set none).").format(month=when)
    parts = []
    for code, paid, budget in lines:
        left = _left(budget - paid, code)
        parts.append(
            _("paid {paid} of {budget} budgeted ({left})").format(
                paid=money(paid, code), budget=money(budget, code), left=left
            )
        )
    return _("{month}: {lines}.").format(month=when, lines="; ".join(parts))


def _left(left: Decimal, code: str) -> str:
    return (
        _("{amount} left").format(amount=money(left, code))
        if left >= 0
        else _("over by {amount}").format(amount=money(-left, code))
    )


def engagement_line(line: EngagementMonth) -> str:
    """One engagement's month in words: paid against its budget."""
    paid = line.paid_against_budget()
    month_paid = amounts_text(line.paid) if line.paid else _("nothing")
    if line.budget is None or paid is None:
        return _("Paid {paid}; {basis}").format(paid=month_paid, basis=line.budget_basis)
    code = line.budget_currency
    other = {c: a for c, a in line.paid.items() if c != code}
    values = {
        "paid": money(paid, code),
        "budget": money(line.budget, code),
        "left": _left(line.budget - paid, code),
        "other": amounts_text(other),
    }
    if other:
        return _(
            "Paid {paid} of a {budget} budget: {left} (and {other}, not counted against it)."
        ).format(**values)
    return _("Paid {paid} of a {budget} budget: {left}.").format(**values)


def month_totals_text(spend: MonthSpend) -> str:
    """The month's totals: budget against paid, the spend (which part is
    estimated, which is paid trials), and one converted total when every currency has a rate."""
    parts = [budget_line(spend)]
    of_which = []
    if spend.estimated:
        of_which.append(
            _("{amount} estimated (nothing paid yet)").format(amount=amounts_text(spend.estimated))
        )
    if spend.trials:
        names = ", ".join(sorted({trial.contractor_name for trial in spend.trials}))
        of_which.append(
            _("{amount} for paid trials ({names})").format(
                amount=amounts_text(spend.trial_pay), names=names
            )
        )
    if of_which:
        parts.append(
            _("Spend: {amount}, of which {parts}.").format(
                amount=amounts_text(spend.spend), parts=_(" and ").join(of_which)
            )
        )
    else:
        parts.append(_("Spend: {amount}.").format(amount=amounts_text(spend.spend)))
    if len(spend.spend) > 1 or (spend.spend and spend.home_currency not in spend.spend):
        converted = spend.converted(spend.spend)
        if converted.amount is not None:
            parts.append(
                _("About {amount} at your rates.").format(
                    amount=money(converted.amount, converted.currency)
                )
            )
        else:
            parts.append(
                _("Not added together: no rate for {currencies} into {currency}.").format(
                    currencies=", ".join(converted.missing), currency=converted.currency
                )
            )
    return "\n".join(parts)


def recent_months(today: date) -> list[date]:
    """The last twelve months and every month with a payment, newest first."""
    months = {month_start(today)}
    month = month_start(today)
    for _copy in range(MONTHS_SHOWN - 1):
        month = previous_month(month)
        months.add(month)
    months.update(months_of_payments())
    return sorted(months, reverse=True)


class MonthDialog(QDialog):
    """Budget against paid for a month, every engagement and in total.

    Attributes:
        spend: what is shown (from `month_spend`).
    """

    def __init__(
        self,
        ctx: AppContext,
        today: date,
        *,
        month: date | None = None,
        engagement_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        named(self, "monthDialog", _("Budget against paid"))
        self.setWindowTitle(_("Budget against paid"))
        self.ctx = ctx
        self.today = today
        self.engagement_id = engagement_id
        self.spend: MonthSpend | None = None
        self.month_box = named(QComboBox(), "paymentsMonth", _("Month"))
        for item in recent_months(today):
            self.month_box.addItem(month_year(item), item)
        self.month_box.setCurrentIndex(max(self.month_box.findData(month or month_start(today)), 0))
        self.month_box.currentIndexChanged.connect(lambda *_args: self.load())
        heading = QHBoxLayout()
        month_label = plain_label(_("&Month:"))
        month_label.setBuddy(self.month_box)
        heading.addWidget(month_label)
        heading.addWidget(self.month_box)
        heading.addStretch(1)
        self.model: RowTableModel[EngagementMonth] = RowTableModel(self._columns(), self)
        self.table = row_table("monthTable", _("Every engagement this month"), self.model, 0, self)
        self.table.setEditTriggers(self.table.EditTrigger.NoEditTriggers)
        self.totals = named(plain_label(), "monthTotals", _("The month's totals"))
        self.totals.setWordWrap(True)
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        layout.addLayout(self._build_rates())
        self.message = StatusLine("monthMessage")
        layout.addWidget(self.message)
        buttons = named(
            QDialogButtonBox(QDialogButtonBox.StandardButton.Close), "monthButtons", _("Close")
        )
        name_buttons(buttons, "monthButtons")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(820, 480)
        ctx.data_changed.connect(self._on_data_changed)
        self.load()

    def _build_rates(self) -> QHBoxLayout:
        self.rates_label = named(plain_label(), "conversionRates", _("Conversion rates"))
        self.rates_label.setWordWrap(True)
        self.rate_currency = named(QLineEdit(), "rateCurrency", _("Currency to convert"))
        self.rate_currency.setPlaceholderText("EUR")
        self.rate_currency.setMaximumWidth(70)
        self.rate_value = named(QLineEdit(), "rateValue", _("Its worth in your currency"))
        self.rate_value.setPlaceholderText(number(1.08, 2))
        self.rate_value.setMaximumWidth(90)
        self.rate_value.returnPressed.connect(self.set_rate)
        self.rate_home = plain_label()
        self.rate_button = named(
            QPushButton(_("Set rate")),
            "setRate",
            _("Convert totals in that currency with this rate (empty removes it)"),
        )
        self.rate_button.clicked.connect(self.set_rate)
        row = QHBoxLayout()
        row.addWidget(self.rates_label, 1)
        for widget in (
            plain_label("1"),
            self.rate_currency,
            plain_label("="),
            self.rate_value,
            self.rate_home,
            self.rate_button,
        ):
            row.addWidget(widget)
        return row

    def _columns(self) -> list[Column[EngagementMonth]]:
        return [
            Column(_("Engagement"), lambda line: f"{line.contractor_name} · {line.brief_title}"),
            Column(
                _("Budget"),
                lambda line: (
                    money(line.budget, line.budget_currency) if line.budget is not None else "—"
                ),
                align=ALIGN_RIGHT,
                tooltip=lambda line: line.budget_basis,
            ),
            Column(
                _("Paid"),
                lambda line: amounts_text(line.paid) if line.paid else "—",
                align=ALIGN_RIGHT,
            ),
            Column(
                _("Spend"),
                lambda line: (
                    (
                        amounts_text(line.spend)
                        if line.from_payments
                        else _("{amount} (estimated)").format(amount=amounts_text(line.spend))
                    )
                    if line.spend
                    else _("not known")
                ),
                align=ALIGN_RIGHT,
                tooltip=lambda line: line.spend_basis,
            ),
            Column(
                _("Against budget"),
                _against_budget,
                align=ALIGN_RIGHT,
                foreground=lambda line: tone_color(ALERT) if _over(line) else None,
            ),
        ]

    def _on_data_changed(self, topic: str) -> None:
        if topic in (Topic.ENGAGEMENTS, Topic.SETTINGS, Topic.BRIEFS):
            self.load()

    def load(self) -> None:
        month = self.month_box.currentData() or month_start(self.today)
        spend = month_spend(month, self.today)
        self.spend = spend
        self.model.set_rows(spend.lines)
        for position, line in enumerate(spend.lines):
            if line.engagement_id == self.engagement_id:
                self.table.selectRow(position)
        self.totals.setText(month_totals_text(spend))
        rates = conversion_rates(spend.home_currency)
        self.rate_home.setText(spend.home_currency)
        self.rates_label.setText(
            _("Your rates: {rates}").format(
                rates=", ".join(
                    f"1 {code} = {number(rate)} {spend.home_currency}"
                    for code, rate in sorted(rates.items())
                )
            )
            if rates
            else _("Type a rate to see one total in {home_currency}:").format(
                home_currency=spend.home_currency
            )
        )

    def set_rate(self) -> bool:
        if self.spend is None:
            return False
        currency, rate = self.rate_currency.text(), self.rate_value.text()
        home = self.spend.home_currency
        done = (
            _("1 {currency} = {rate} {home}: totals convert with it.").format(
                currency=currency.strip().upper(), rate=rate.strip(), home=home
            )
            if rate.strip()
            else _("No rate for {currency} any more.").format(currency=currency.strip().upper())
        )
        if not run_edit(
            SetConversionRateCommand(self.ctx, currency, rate, home), self.message, done
        ):
            return False
        self.rate_currency.clear()
        self.rate_value.clear()
        return True


def _over(line: EngagementMonth) -> bool:
    paid = line.paid_against_budget()
    return line.budget is not None and paid is not None and paid > line.budget


def _against_budget(line: EngagementMonth) -> str:
    paid = line.paid_against_budget()
    if line.budget is None or paid is None:
        return ""
    return _left(line.budget - paid, line.budget_currency)
