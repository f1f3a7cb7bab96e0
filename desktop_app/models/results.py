"""Results over time: a monthly figure the owner chooses (revenue, orders,
leads), typed in or imported from a CSV, beside the hours freed and the
spend of each month, so the case for outsourcing is visible.

Hours freed in a month: the hours a month of every task handed off by the
end of that month (its monthly estimate, which a hire sets when it has
none). Spend: `payments.month_spend` (paid where paid, estimated
elsewhere), converted into the settings' currency with the owner's rates.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from peewee import CharField, DateField, DecimalField

from desktop_app.models.base import BaseModel, database
from desktop_app.models.engagements import EngagementRow, list_engagements
from desktop_app.models.errors import ValidationError
from desktop_app.models.i18n import _
from desktop_app.models.parsing import parse_decimal
from desktop_app.models.payments import Converted, month_spend
from desktop_app.models.rows import delete_from, tuples
from desktop_app.models.tasks import Task, TaskStatus, month_start, next_month, previous_month

NAME_MAX_LENGTH = 100
MAX_VALUE = Decimal("1000000000000")
# What most owners track; the owner may name any other.
SUGGESTED_NAMES = ("Revenue", "Orders", "Leads", "Subscribers")


class ResultFigure(BaseModel):
    """The owner's figure `name` for one month."""

    name = CharField(max_length=NAME_MAX_LENGTH)
    month = DateField()  # the month's first day
    value = DecimalField(max_digits=16, decimal_places=2, auto_round=True)

    class Meta:
        indexes = ((("name", "month"), True),)


def check_name(value: object) -> str:
    name = " ".join(str(value or "").split())
    if not name:
        raise ValidationError(_("Name the figure (revenue, orders, leads…)."), "name")
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError(
            _("Keep the name under {NAME_MAX_LENGTH} characters.").format(
                NAME_MAX_LENGTH=NAME_MAX_LENGTH
            ),
            "name",
        )
    return name


def parse_value(value: object) -> Decimal | None:
    """A figure as typed ("12 400", "1.234,50", "-300" for a loss); None when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        number = Decimal(value)
    else:
        text = str(value).strip()
        negative = text.startswith("-")
        try:
            number = parse_decimal(text.removeprefix("-"))
        except ValueError as error:
            raise ValidationError(_("Value: {error}").format(error=error), "value") from None
        number = -number if negative else number
    if abs(number) > MAX_VALUE:
        raise ValidationError(_("That value is over a trillion: check it."), "value")
    return number.quantize(Decimal("0.01"))


def set_result(name: str, month: date, value: object) -> Decimal | None:
    """The figure `name` for `month` (empty: removes it). Returns the previous
    value (None when there was none), which undo writes back."""
    name = check_name(name)
    number = parse_value(value)
    first = month_start(month)
    with database.atomic():
        previous = _value_of(name, first)
        write_result(name, first, number)
    return previous


def _value_of(name: str, month: date) -> Decimal | None:
    row = ResultFigure.get_or_none((ResultFigure.name == name) & (ResultFigure.month == month))
    return None if row is None else Decimal(row.value)


def write_result(name: str, month: date, value: Decimal | None) -> None:
    """Store a value as it is (for undo and the import)."""
    where = (ResultFigure.name == name) & (ResultFigure.month == month_start(month))
    if value is None:
        delete_from(ResultFigure).where(where).execute()
    elif ResultFigure.select().where(where).exists():
        ResultFigure.update(value=value).where(where).execute()
    else:
        ResultFigure.create(name=name, month=month_start(month), value=value)


def import_results(name: str, values: Mapping[date, Decimal]) -> dict[date, Decimal | None]:
    """Store many months of `name` in one transaction (a CSV's rows). Returns
    {month: previous value} of every month written, for undo."""
    name = check_name(name)
    previous: dict[date, Decimal | None] = {}
    with database.atomic():
        for month, value in values.items():
            first = month_start(month)
            previous[first] = _value_of(name, first)
            write_result(name, first, parse_value(value))
    return previous


def restore_results(name: str, previous: Mapping[date, Decimal | None]) -> None:
    """Undo `import_results`: every month back to what it was."""
    name = check_name(name)
    with database.atomic():
        for month, value in previous.items():
            write_result(name, month, value)


def result_names() -> list[str]:
    """The figures the owner keeps, by name."""
    query = ResultFigure.select(ResultFigure.name).distinct().order_by(ResultFigure.name)
    return [name for (name,) in tuples(query)]


def results_of(name: str) -> dict[date, Decimal]:
    query = ResultFigure.select(ResultFigure.month, ResultFigure.value).where(
        ResultFigure.name == name
    )
    return {month: Decimal(value) for month, value in tuples(query)}


def hours_freed_by_month(months: Sequence[date]) -> dict[date, Decimal]:
    """Hours a month handed off by the end of each of `months`."""
    handed = list(
        tuples(
            Task.select(Task.handed_off_on, Task.monthly_estimate_minutes).where(
                (Task.status == TaskStatus.HANDED_OFF)
                & Task.monthly_estimate_minutes.is_null(False)
            )
        )
    )
    freed = {}
    for month in months:
        end = next_month(month_start(month))
        minutes = sum(m for day, m in handed if day is None or day < end)
        freed[month_start(month)] = (Decimal(minutes) / 60).quantize(Decimal("0.1"))
    return freed


@dataclass(frozen=True)
class ResultMonth:
    """One month of the results chart.

    Attributes:
        value: the owner's figure, or None when not entered.
        spend: the month's spend in the settings' currency (None when a
            currency has no rate: `spend_missing` names them).
        estimated: part of the spend is an estimate (nothing paid yet).
    """

    month: date
    value: Decimal | None
    hours_freed: Decimal
    spend: Converted
    estimated: bool


def results_over_time(
    name: str | None, today: date, months: int = 12, rows: Sequence[EngagementRow] | None = None
) -> list[ResultMonth]:
    """The last `months` months (this one included), oldest first."""
    rows = list_engagements(today) if rows is None else rows
    last = month_start(today)
    chosen = [last]
    while len(chosen) < months:
        chosen.append(previous_month(chosen[-1]))
    chosen.reverse()
    values = results_of(name) if name else {}
    freed = hours_freed_by_month(chosen)
    found = []
    for month in chosen:
        spend = month_spend(month, today, rows)
        found.append(
            ResultMonth(
                month,
                values.get(month),
                freed[month],
                spend.converted(spend.spend),
                bool(spend.estimated),
            )
        )
    return found
