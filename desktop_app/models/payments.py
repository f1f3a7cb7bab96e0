"""Invoices and payments of engagements, the brief's budget month by month,
and what the owner spends: paid where there is data, estimated otherwise.

An invoice is a `Payment` row with no `paid_on`; paying it sets the day. A
payment made without an invoice is a row paid the day it is dated.
Currencies are never added together: every total is per currency, and
converted only with the rates the owner typed (`ConversionRate`, no
network), into the currency of the settings.

`month_spend` is the one function behind every spend figure: the
Overview's spend and paid-versus-budget lines, and the Engagements tab's
monthly view (per engagement and in total).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from peewee import (
    CharField,
    DateField,
    DateTimeField,
    DecimalField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from desktop_app.models import versions
from desktop_app.models.attached_files import clean_attachment
from desktop_app.models.base import BaseModel, database, now
from desktop_app.models.briefs import Brief, BudgetBasis
from desktop_app.models.contractors import Contractor
from desktop_app.models.currencies import check_currency
from desktop_app.models.engagements import (
    Engagement,
    EngagementRow,
    EngagementStatus,
    SpendLine,
    brief_monthly_hours,
    day_text,
    list_engagements,
    monthly_spend,
)
from desktop_app.models.errors import NeedsConfirmation, ValidationError
from desktop_app.models.field_checks import date_or_none, line_text, note_text
from desktop_app.models.formats import day as format_day
from desktop_app.models.formats import money, number
from desktop_app.models.i18n import _
from desktop_app.models.parsing import parse_amount, parse_decimal
from desktop_app.models.rows import delete_from, tuples
from desktop_app.models.settings import load_settings
from desktop_app.models.snapshots import RowSnapshot, delete_with_snapshot
from desktop_app.models.tasks import month_start, next_month
from desktop_app.models.trials import TrialPay, trial_pay_in_month

# An invoice without a due date is due this many days after its date.
DEFAULT_DUE_DAYS = 30
REFERENCE_MAX_LENGTH = 200
_CENTS = Decimal("0.01")


class Payment(BaseModel):
    """An invoice from a contractor, or a payment to them (paid when `paid_on` is set)."""

    engagement = ForeignKeyField(Engagement, backref="payments", on_delete="CASCADE")
    engagement_id: int
    invoiced_on = DateField(index=True)  # the invoice's (or the payment's) date
    amount = DecimalField(max_digits=14, decimal_places=2, auto_round=True)
    currency = CharField(max_length=3)
    period_start = DateField(null=True)  # the period the invoice covers
    period_end = DateField(null=True)
    due_on = DateField(null=True)
    paid_on = DateField(null=True, index=True)
    reference = CharField(max_length=REFERENCE_MAX_LENGTH, default="")
    # The attached invoice, stored like a portfolio sample (attachments.py).
    file_hash = CharField(max_length=64, null=True)
    file_name = CharField(max_length=300, default="")
    file_size = IntegerField(null=True)
    note = TextField(default="")
    created_at = DateTimeField(default=now)
    # No lost updates (`models.versions`, schema 12): bumped by each save,
    # with who saved last and when.
    row_version = IntegerField(default=1)
    changed_by = CharField(max_length=200, default="")
    changed_at = DateTimeField(null=True)


class ConversionRate(BaseModel):
    """What one unit of `currency` is worth in `to_currency`, as the owner typed it."""

    currency = CharField(max_length=3)
    to_currency = CharField(max_length=3)
    rate = DecimalField(max_digits=18, decimal_places=6, auto_round=True)
    updated_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("currency", "to_currency"), True),)


PAYMENT_FIELDS = (
    "invoiced_on",
    "amount",
    "currency",
    "period_start",
    "period_end",
    "due_on",
    "paid_on",
    "reference",
    "file_hash",
    "file_name",
    "file_size",
    "note",
)
FIELD_LABELS = {
    "invoiced_on": "Date",
    "amount": "Amount",
    "currency": "Currency",
    "period_start": "Period from",
    "period_end": "Period to",
    "due_on": "Due on",
    "paid_on": "Paid on",
    "reference": "Reference",
    "note": "Note",
}


class PaymentState(StrEnum):
    PAID = "paid"
    DUE = "due"
    OVERDUE = "overdue"


# ---------------------------------------------------------------------------
# Checks


def _clean_fields(values: Mapping[str, Any]) -> dict[str, Any]:
    """Each field of `values` checked on its own."""
    unknown = set(values) - set(PAYMENT_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    clean: dict[str, Any] = {
        name: date_or_none(values[name], name, FIELD_LABELS[name])
        for name in ("invoiced_on", "period_start", "period_end", "due_on", "paid_on")
        if name in values
    }
    if "amount" in values:
        amount = parse_amount(values["amount"], "amount", "Amount")
        if amount is None or amount == 0:
            raise ValidationError(_("Give the amount (above zero)."), "amount")
        clean["amount"] = amount
    if "currency" in values:
        clean["currency"] = check_currency(values["currency"])
    if "reference" in values:
        clean["reference"] = line_text(
            values["reference"], "reference", "Reference", REFERENCE_MAX_LENGTH
        )
    if "note" in values:
        clean["note"] = note_text(values["note"])
    return clean | clean_attachment(values)


def clean_payment_values(
    values: Mapping[str, Any],
    current: Mapping[str, Any],
    engagement_start: date,
    *,
    confirmed: bool = False,
) -> dict[str, Any]:
    """`values` checked, as a whole with `current` (what is stored, or {} for a
    new row). Refusals name their field; a date before the engagement started
    raises NeedsConfirmation unless `confirmed`."""
    clean = _clean_fields(values)
    merged = {**current, **clean}
    day = merged.get("invoiced_on")
    if day is None:
        raise ValidationError(_("Give the date of the invoice or payment."), "invoiced_on")
    if merged.get("amount") is None:
        raise ValidationError(_("Give the amount (above zero)."), "amount")
    start, end = merged.get("period_start"), merged.get("period_end")
    if start is not None and end is not None and end < start:
        raise ValidationError(
            _("The period ends ({end}) before it starts ({start}).").format(
                end=format_day(end), start=format_day(start)
            ),
            "period_end",
        )
    due = merged.get("due_on")
    if due is not None and due < day:
        raise ValidationError(
            _("Due on {due}, before the invoice's date ({date}).").format(
                due=format_day(due), date=format_day(day)
            ),
            "due_on",
        )
    # Only a date being set now is asked about: one confirmed before is not.
    touched = [(clean[k], k) for k in ("invoiced_on", "paid_on") if clean.get(k) is not None]
    early = min(touched, default=None)
    if not confirmed and early is not None and early[0] < engagement_start:
        raise NeedsConfirmation(
            _(
                "This payment is dated {day_text}, before the engagement started ({day_text2}). "
                "Record it anyway? (A deposit paid before the start, say.)"
            ).format(day_text=day_text(early[0]), day_text2=day_text(engagement_start)),
            early[1],
        )
    return clean


# ---------------------------------------------------------------------------
# Edits


def add_payment(engagement_id: int, values: Mapping[str, Any], *, confirmed: bool = False) -> int:
    """Record an invoice (no `paid_on`) or a payment; returns its id.

    The currency defaults to the engagement's. A date before the engagement
    started raises NeedsConfirmation unless `confirmed`.
    """
    engagement = Engagement.get_by_id(engagement_id)
    values = {"currency": engagement.currency, **values}
    clean = clean_payment_values(values, {}, engagement.start_date, confirmed=confirmed)
    return Payment.create(engagement=engagement_id, **clean).id


def update_payment(
    payment_id: int, changes: Mapping[str, Any], *, confirmed: bool = False
) -> dict[str, Any]:
    """Change a payment (mark it paid: `paid_on`); returns the previous values."""
    row = Payment.get_by_id(payment_id)
    current = {name: getattr(row, name) for name in PAYMENT_FIELDS}
    start = Engagement.get_by_id(row.engagement_id).start_date
    clean = clean_payment_values(changes, current, start, confirmed=confirmed)
    previous = {name: current[name] for name in clean}
    write_payment_values(payment_id, clean)
    return previous


def write_payment_values(payment_id: int, values: Mapping[str, Any]) -> None:
    """Store `values` as they are (for undo, which writes back what was valid)."""
    if values:
        versions.save(Payment, payment_id, dict(values), what="This payment")


def delete_payment(payment_id: int) -> RowSnapshot:
    return delete_with_snapshot(Payment.get_by_id(payment_id))


def parse_rate(text: object) -> Decimal | None:
    """A conversion rate as typed ("1.08", "0,92"); None when empty."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    if isinstance(text, Decimal):
        rate = text
    else:
        try:
            rate = parse_decimal(str(text))
        except ValueError as error:
            raise ValidationError(_("Rate: {error}").format(error=error), "rate") from None
    if rate <= 0:
        raise ValidationError(_("A rate is above zero."), "rate")
    if rate > Decimal("1000000"):
        raise ValidationError(_("A rate over a million: check it."), "rate")
    return rate.quantize(Decimal("0.000001"))


def set_conversion_rate(currency: str, rate: object, to_currency: str) -> Decimal | None:
    """1 `currency` = `rate` `to_currency`, as the owner typed it (empty removes
    it). Returns the previous rate (None when there was none), for undo."""
    code = check_currency(currency)
    to_code = check_currency(to_currency)
    if code == to_code:
        raise ValidationError(
            _("{code} is the currency totals are converted into.").format(code=code), "currency"
        )
    value = parse_rate(rate)
    with database.atomic():
        row = ConversionRate.get_or_none(
            (ConversionRate.currency == code) & (ConversionRate.to_currency == to_code)
        )
        previous = None if row is None else Decimal(row.rate)
        write_conversion_rate(code, to_code, value)
    return previous


def write_conversion_rate(currency: str, to_currency: str, rate: Decimal | None) -> None:
    where = (ConversionRate.currency == currency) & (ConversionRate.to_currency == to_currency)
    if rate is None:
        delete_from(ConversionRate).where(where).execute()
    elif ConversionRate.select().where(where).exists():
        ConversionRate.update(rate=rate, updated_at=now()).where(where).execute()
    else:
        ConversionRate.create(currency=currency, to_currency=to_currency, rate=rate)


def conversion_rates(to_currency: str) -> dict[str, Decimal]:
    """{currency: what one unit is worth in `to_currency`}, as the owner typed them."""
    query = ConversionRate.select().where(ConversionRate.to_currency == to_currency)
    return {row.currency: Decimal(row.rate) for row in query}


# ---------------------------------------------------------------------------
# Money as plain data


@dataclass(frozen=True)
class Converted:
    """Totals in several currencies, converted into one with the owner's rates.

    Attributes:
        amount: the converted sum, or None when a currency has no rate.
        missing: currencies without a rate (not converted).
    """

    currency: str
    amount: Decimal | None
    missing: tuple[str, ...] = ()


def convert(
    totals: Mapping[str, Decimal], to_currency: str, rates: Mapping[str, Decimal]
) -> Converted:
    """`totals` (currency -> amount) in `to_currency`, or None with the currencies
    that have no rate. Never a guess: no rate, no conversion."""
    missing = tuple(sorted(c for c in totals if c != to_currency and c not in rates))
    if missing:
        return Converted(to_currency, None, missing)
    amount = sum(
        (value if code == to_currency else value * rates[code] for code, value in totals.items()),
        Decimal(0),
    )
    return Converted(to_currency, amount.quantize(_CENTS))


def _add(totals: dict[str, Decimal], currency: str, amount: Decimal) -> None:
    totals[currency] = (totals.get(currency, Decimal(0)) + amount).quantize(_CENTS)


# ---------------------------------------------------------------------------
# Queries


@dataclass(frozen=True)
class PaymentRow:
    id: int
    engagement_id: int
    contractor_name: str
    brief_title: str
    invoiced_on: date
    amount: Decimal
    currency: str
    period_start: date | None
    period_end: date | None
    due_on: date | None
    paid_on: date | None
    reference: str
    file_hash: str | None
    file_name: str
    file_size: int | None
    note: str

    @property
    def due_date(self) -> date:
        """The due date, or the invoice's date plus DEFAULT_DUE_DAYS when none was given."""
        return self.due_on or self.invoiced_on + timedelta(days=DEFAULT_DUE_DAYS)

    def state(self, today: date) -> PaymentState:
        if self.paid_on is not None:
            return PaymentState.PAID
        return PaymentState.OVERDUE if self.due_date < today else PaymentState.DUE

    def days_overdue(self, today: date) -> int:
        return max((today - self.due_date).days, 0) if self.paid_on is None else 0

    @property
    def period_text(self) -> str:
        if self.period_start and self.period_end:
            return f"{day_text(self.period_start)} – {day_text(self.period_end)}"
        return day_text(self.period_start or self.period_end)


def payment_rows(engagement_id: int | None = None, month: date | None = None) -> list[PaymentRow]:
    """Invoices and payments, newest first; of one engagement when given.

    With `month`: the payments made that month and the invoices dated that
    month still unpaid (what an accountant asks for a month)."""
    query = (
        Payment.select(Payment, Engagement.id, Contractor.name, Brief.title)
        .join(Engagement)
        .join_from(Engagement, Contractor)
        .join_from(Engagement, Brief)
    )
    if engagement_id is not None:
        query = query.where(Payment.engagement == engagement_id)
    if month is not None:
        start, end = month_start(month), next_month(month_start(month))
        query = query.where(
            ((Payment.paid_on >= start) & (Payment.paid_on < end))
            | (
                Payment.paid_on.is_null()
                & (Payment.invoiced_on >= start)
                & (Payment.invoiced_on < end)
            )
        )
    fetched = list(query)
    # What the list shows is what this client has read (`models.versions`).
    versions.remember_rows(Payment, ((row.id, row.row_version) for row in fetched))
    rows = [
        PaymentRow(
            row.id,
            row.engagement_id,
            row.engagement.contractor.name,
            row.engagement.brief.title,
            row.invoiced_on,
            Decimal(row.amount).quantize(_CENTS),
            row.currency,
            row.period_start,
            row.period_end,
            row.due_on,
            row.paid_on,
            row.reference,
            row.file_hash,
            row.file_name,
            row.file_size,
            row.note,
        )
        for row in fetched
    ]
    return sorted(rows, key=lambda r: (r.paid_on or r.invoiced_on, r.id), reverse=True)


def overdue_payments(today: date) -> list[PaymentRow]:
    """Invoices unpaid past their due date, the longest overdue first."""
    unpaid = [row for row in payment_rows() if row.paid_on is None]
    overdue = [row for row in unpaid if row.state(today) is PaymentState.OVERDUE]
    return sorted(overdue, key=lambda row: (row.due_date, row.id))


# ---------------------------------------------------------------------------
# The budget of a month


@dataclass(frozen=True)
class BriefBudget:
    """What `month_budget` reads of a brief."""

    budget: Decimal | None
    basis: str
    currency: str
    deadline: date | None


def _months_between(first: date, last: date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month + 1


def month_budget(
    brief: BriefBudget,
    start: date,
    end: date | None,
    month: date,
    brief_hours: Decimal | None,
) -> tuple[Decimal | None, str]:
    """The brief's budget for the engagement in `month`, and how it was reached.

    - per month: the budget itself;
    - per hour: the budget times the hours a month of the brief's tasks
      (`brief_hours`, see `engagements.brief_monthly_hours`); unknown without;
    - fixed price: spread evenly over the months from the engagement's start
      to its end (or the brief's deadline); with neither, all in the first month.
    None outside the engagement's months or when the brief sets no budget.
    """
    month = month_start(month)
    if brief.budget is None:
        return None, "The brief sets no budget."
    if month < month_start(start) or (end is not None and month > month_start(end)):
        return None, "Not working that month."
    amount = Decimal(brief.budget)
    if brief.basis == BudgetBasis.MONTHLY:
        return amount.quantize(_CENTS), "The brief's monthly budget."
    if brief.basis == BudgetBasis.HOURLY:
        if brief_hours is None:
            return None, "Hourly budget; the hours a month of the brief's tasks are not known."
        return (
            (amount * brief_hours).quantize(_CENTS),
            _("{amount} an hour × {hours} h a month of the brief's tasks.").format(
                amount=money(amount, brief.currency), hours=number(brief_hours)
            ),
        )
    last = end or brief.deadline
    if last is None or last < start:
        if month == month_start(start):
            return amount.quantize(_CENTS), "Fixed price, no end date: all in the first month."
        return None, "Fixed price, counted in the first month."
    months = _months_between(month_start(start), month_start(last))
    return (
        (amount / months).quantize(_CENTS),
        f"Fixed price spread over {months} month{'s' if months != 1 else ''}.",
    )


# ---------------------------------------------------------------------------
# Spend: paid where there is data, estimated otherwise


@dataclass(frozen=True)
class EngagementMonth:
    """One engagement's money in a month.

    Attributes:
        paid: currency -> paid in the month (empty when nothing was paid).
        payments: how many payments were made in the month.
        budget: the brief's budget for the month, in `budget_currency`, or None.
        estimate: what the engagement costs a month by its rate (`monthly_spend`),
            in `currency`, or None when it cannot be known or it is paused.
        spend: currency -> the month's spend: `paid` when anything was paid in
            the month, otherwise the estimate.
    """

    engagement_id: int
    contractor_name: str
    brief_title: str
    status: str
    currency: str
    paid: dict[str, Decimal]
    payments: int
    budget: Decimal | None
    budget_currency: str
    budget_basis: str
    estimate: Decimal | None
    estimate_basis: str

    @property
    def from_payments(self) -> bool:
        return bool(self.paid)

    @property
    def spend(self) -> dict[str, Decimal]:
        if self.paid:
            return dict(self.paid)
        return {} if self.estimate is None else {self.currency: self.estimate}

    @property
    def spend_basis(self) -> str:
        """Which the spend is, in words: paid (with how many payments) or estimated (how)."""
        if self.paid:
            return f"Paid: {self.payments} payment{'s' if self.payments != 1 else ''} this month."
        if self.estimate is None:
            return f"Not known: {self.estimate_basis}"
        return f"Estimated: {self.estimate_basis}"

    def paid_against_budget(self) -> Decimal | None:
        """Paid in the budget's currency, when there is a budget."""
        if self.budget is None:
            return None
        return self.paid.get(self.budget_currency, Decimal(0))


@dataclass(frozen=True)
class MonthSpend:
    """Every engagement's money in one month, and the totals per currency.

    Attributes:
        lines: engagements working in the month or paid in it.
        paid: currency -> paid in the month.
        budget: currency -> the briefs' budgets for the month.
        spend: currency -> paid where paid, estimated elsewhere, plus the
            paid trials owed in the month.
        estimated: currency -> the estimated part of `spend`.
        home_currency: the settings' currency, which `converted` totals are in.
        rates: the owner's rates into `home_currency`.
        trials: the paid trials owed in the month (`trials.trial_pay_in_month`).
        trial_pay: currency -> their pay, the part of `spend` they make.
    """

    month: date
    lines: list[EngagementMonth]
    paid: dict[str, Decimal]
    budget: dict[str, Decimal]
    spend: dict[str, Decimal]
    estimated: dict[str, Decimal]
    home_currency: str
    rates: dict[str, Decimal] = field(default_factory=dict)
    trials: list[TrialPay] = field(default_factory=list)
    trial_pay: dict[str, Decimal] = field(default_factory=dict)

    @property
    def unknown(self) -> list[EngagementMonth]:
        """Working engagements whose spend is neither paid nor estimable."""
        return [
            line for line in self.lines if not line.spend and line.status != EngagementStatus.PAUSED
        ]

    def converted(self, totals: Mapping[str, Decimal]) -> Converted:
        return convert(totals, self.home_currency, self.rates)

    def budget_lines(self) -> list[tuple[str, Decimal, Decimal]]:
        """(currency, paid, budget) for each currency with a budget this month:
        paid counts only what was paid in the budget's currency."""
        return [
            (code, self.paid.get(code, Decimal(0)), amount)
            for code, amount in sorted(self.budget.items())
        ]

    def line_of(self, engagement_id: int) -> EngagementMonth | None:
        return next((line for line in self.lines if line.engagement_id == engagement_id), None)


def _overlaps(row: EngagementRow, month: date) -> bool:
    first, after = month_start(month), next_month(month_start(month))
    return row.start_date < after and (row.end_date is None or row.end_date >= first)


def month_spend(
    month: date, today: date, rows: Sequence[EngagementRow] | None = None
) -> MonthSpend:
    """Paid, budget and spend of every engagement in `month`, as of `today`.

    An engagement counts in a month it was working (start to end) or was paid
    in. Its spend is what was paid in the month when anything was, otherwise
    its estimate by its rate (see `engagements.monthly_spend`; nothing while
    paused). A paid trial's pay is in the spend of the month it is owed
    (`trials.trial_pay_in_month`): trials are no engagements, so this is
    the one place they are added. Totals are per currency; `converted` turns them into the settings'
    currency with the owner's rates, or says which currency lacks one.
    """
    month = month_start(month)
    after = next_month(month)
    rows = list_engagements(today) if rows is None else list(rows)
    paid: dict[int, dict[str, Decimal]] = defaultdict(dict)
    counts: dict[int, int] = defaultdict(int)
    query = Payment.select(Payment.engagement, Payment.amount, Payment.currency).where(
        (Payment.paid_on >= month) & (Payment.paid_on < after)
    )
    for engagement_id, amount, currency in tuples(query):
        _add(paid[engagement_id], currency, Decimal(amount))
        counts[engagement_id] += 1
    in_month = [row for row in rows if _overlaps(row, month) or row.id in paid]
    as_of = today if month == month_start(today) else after - timedelta(days=1)
    hours = brief_monthly_hours([row.brief_id for row in in_month], as_of)
    estimates = {
        line.engagement_id: line for line in _estimates(in_month, month, today, as_of, hours)
    }
    briefs = {
        brief.id: BriefBudget(brief.budget, brief.budget_basis, brief.currency, brief.deadline)
        for brief in Brief.select(
            Brief.id, Brief.budget, Brief.budget_basis, Brief.currency, Brief.deadline
        ).where(Brief.id.in_([row.brief_id for row in in_month]))
    }
    lines = []
    totals: dict[str, dict[str, Decimal]] = {
        "paid": {},
        "budget": {},
        "spend": {},
        "estimated": {},
    }
    for row in in_month:
        brief = briefs[row.brief_id]
        budget, budget_basis = month_budget(
            brief, row.start_date, row.end_date, month, hours.get(row.brief_id)
        )
        estimate = estimates.get(row.id)
        line = EngagementMonth(
            engagement_id=row.id,
            contractor_name=row.contractor_name,
            brief_title=row.brief_title,
            status=row.status,
            currency=row.currency,
            paid=paid.get(row.id, {}),
            payments=counts.get(row.id, 0),
            budget=budget,
            budget_currency=brief.currency,
            budget_basis=budget_basis,
            estimate=None if estimate is None else estimate.monthly,
            estimate_basis="Paused: costs nothing while paused."
            if estimate is None
            else estimate.basis,
        )
        lines.append(line)
        for code, amount in line.paid.items():
            _add(totals["paid"], code, amount)
        if budget is not None:
            _add(totals["budget"], brief.currency, budget)
        for code, amount in line.spend.items():
            _add(totals["spend"], code, amount)
            if not line.from_payments:
                _add(totals["estimated"], code, amount)
    trials = trial_pay_in_month(month)
    trial_pay: dict[str, Decimal] = {}
    for trial in trials:
        _add(trial_pay, trial.currency, trial.pay)
        _add(totals["spend"], trial.currency, trial.pay)
    home = load_settings().currency
    lines.sort(key=lambda line: (line.contractor_name, line.engagement_id))
    return MonthSpend(
        month,
        lines,
        totals["paid"],
        totals["budget"],
        totals["spend"],
        totals["estimated"],
        home,
        conversion_rates(home),
        trials,
        trial_pay,
    )


def _estimates(
    rows: Iterable[EngagementRow],
    month: date,
    today: date,
    as_of: date,
    hours: Mapping[int, Decimal],
) -> list[SpendLine]:
    """`monthly_spend`'s lines for the engagements working in `month`: one that
    has ended since was working then, so it is estimated as working."""
    current = month_start(today)
    working = [
        row
        if month >= current or row.status != EngagementStatus.ENDED
        else dataclasses.replace(row, status=EngagementStatus.ACTIVE)
        for row in rows
    ]
    return monthly_spend(as_of, working, hours=hours).lines


def months_of_payments() -> list[date]:
    """The months with a payment made or an invoice dated, newest first."""
    days = {
        month_start(day)
        for pair in tuples(Payment.select(Payment.invoiced_on, Payment.paid_on))
        for day in pair
        if day is not None
    }
    return sorted(days, reverse=True)
