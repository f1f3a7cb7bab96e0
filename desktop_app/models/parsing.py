"""Reading what the owner types in their locale (numbers, durations, dates),
and the amounts of money (rates, budgets) every step stores.

Input that can be read one way only is never refused because of the locale;
input that could be read two ways is read in the locale's way, and `Read`
carries a note saying how, for the form to show."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from babel import Locale

from desktop_app.models.errors import ValidationError
from desktop_app.models.formats import current_locale, date_order, decimal_symbol, integer
from desktop_app.models.formats import day as day_text
from desktop_app.models.formats import number as number_text
from desktop_app.models.i18n import _

_DIGITS_AND_SEPARATORS = re.compile(r"^[+-−]?[\d.,' \u00a0\u202f]+$")
_SPACES = re.compile(r"[' \u00a0\u202f\u2019]")


@dataclass(frozen=True)
class Read:
    """What was read from the owner's text, and how, when it could have been
    read otherwise ("" when it could not)."""

    value: Any
    note: str = ""


def read_number(text: str, locale: Locale | None = None) -> Read:
    """The number in `text` as the owner's locale writes it: "1.234,5" in
    German, "1 234,5" in French, "1,234.5" in English.

    Input one way only is read that way in any locale ("1.234,5" anywhere,
    "1.5" in German: a dot followed by one digit groups nothing). Only a
    lone separator followed by exactly three digits ("1,234", "1.234") could
    be either; the locale decides and the note says how it was read.
    Raises ValueError otherwise.
    """
    loc = locale or current_locale()
    shown = text.strip()
    if not shown or not _DIGITS_AND_SEPARATORS.match(shown):
        raise ValueError(_("“{text}” is not a number.").format(text=shown))
    cleaned = _SPACES.sub("", shown).replace("−", "-")
    note = ""
    if "," in cleaned and "." in cleaned:
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        group_mark = "." if decimal_mark == "," else ","
        cleaned = cleaned.replace(group_mark, "").replace(decimal_mark, ".")
    else:
        mark = "," if "," in cleaned else "." if "." in cleaned else ""
        if mark and cleaned.count(mark) > 1:
            cleaned = cleaned.replace(mark, "")  # "1.234.567": only groups repeat
        elif mark:
            whole, fraction = cleaned.split(mark)
            if len(fraction) == 3 and whole.strip("+-"):
                # "1,234" or "1.234": the locale's decimal sign says which.
                groups = mark != decimal_symbol(locale=loc)
                cleaned = whole + fraction if groups else f"{whole}.{fraction}"
                note = (
                    _("Read “{text}” as {number}: a whole number, thousands grouped.")
                    if groups
                    else _("Read “{text}” as {number}: a number with three decimals.")
                ).format(
                    text=shown, number=number_text(Decimal(cleaned), 0 if groups else 3, locale=loc)
                )
            else:
                cleaned = f"{whole}.{fraction}"
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(_("“{text}” is not a number.").format(text=shown)) from None
    if not value.is_finite():
        raise ValueError(_("“{text}” is not a number.").format(text=shown))
    return Read(value, note)


def parse_decimal(text: str) -> Decimal:
    """The number in `text` ("85", "85,50", "1.234,50", "1 234,5"), read in the
    process's locale (`read_number`). Raises ValueError otherwise."""
    value: Decimal = read_number(text).value
    return value


_CLOCK = re.compile(r"^(\d{1,3}):([0-5]\d)$")
_HOUR_WORDS = ("h", "hr", "hrs", "hour", "hours", "std", "std.", "stunde", "stunden", "heure",
               "heures", "hora", "horas")  # fmt: skip
_MINUTE_WORDS = ("m", "min", "mins", "min.", "minute", "minutes", "minuten", "minuto", "minutos")
_UNIT = re.compile(r"(\d+(?:[.,]\d+)?)\s*([^\d\s]+\.?)?")


def read_duration(text: str, locale: Locale | None = None, *, bare: str = "minutes") -> int:
    """Minutes from what the owner typed: "1:30", "1,5 h", "1.5h", "1 h 30",
    "1h30m", "90 min", "1,5 Std."; a bare number is in `bare` units
    ("minutes": "45"; "hours": "6,5").
    The decimal sign is "," or "." in any locale (a duration has no
    thousands). Raises ValueError otherwise."""
    del locale  # both signs are read in every locale: no ambiguity to settle
    cleaned = text.strip().lower()
    problem = _("“{text}” is not a duration; type minutes (45) or hours and minutes (1:30).")
    if not cleaned or len(cleaned) > 24:
        raise ValueError(problem.format(text=text.strip()[:24]))
    if cleaned.isdigit() and bare == "minutes":
        return int(cleaned)
    if clock := _CLOCK.match(cleaned.replace(" ", "")):
        return int(clock.group(1)) * 60 + int(clock.group(2))
    total = Decimal(0)
    position = 0
    parts = list(_UNIT.finditer(cleaned))
    if not parts:
        raise ValueError(problem.format(text=text.strip()))
    for index, part in enumerate(parts):
        if cleaned[position : part.start()].strip():
            raise ValueError(problem.format(text=text.strip()))
        position = part.end()
        amount = Decimal(part.group(1).replace(",", "."))
        unit = (part.group(2) or "").strip()
        if unit in _HOUR_WORDS or (not unit and index == 0 and bare == "hours"):
            total += amount * 60
        elif unit in _MINUTE_WORDS or (not unit and index > 0):
            total += amount
        else:
            raise ValueError(problem.format(text=text.strip()))
    if cleaned[position:].strip():
        raise ValueError(problem.format(text=text.strip()))
    return int(total.to_integral_value(ROUND_HALF_UP))


_DATE_PARTS = re.compile(r"^\s*(\d{1,4})\s*[./\-\s]\s*(\d{1,2})\s*[./\-\s]\s*(\d{1,4})\s*\.?\s*$")


def read_date(text: str, locale: Locale | None = None) -> Read:
    """The date in `text`: ISO ("2026-12-01") anywhere, otherwise in the
    locale's order ("1.12.2026" in German, "12/1/2026" in American English).

    A date that exists in one order only is read that way whatever the
    locale ("25/12/2026" in English); one that exists in both
    ("3/4/2026") is read in the locale's order, and the note says so.
    Raises ValueError otherwise.
    """
    loc = locale or current_locale()
    shown = text.strip()
    match = _DATE_PARTS.match(shown)
    if not match:
        raise ValueError(_("“{text}” is not a date.").format(text=shown))
    first, second, third = (int(part) for part in match.groups())
    if len(match.group(1)) == 4:
        candidates = [(first, second, third)]
        order = "YMD"
    else:
        year = third + 2000 if len(match.group(3)) <= 2 else third
        order = date_order(locale=loc)
        day_first = (year, second, first)
        month_first = (year, first, second)
        candidates = [month_first, day_first] if order == "MDY" else [day_first, month_first]
    found = []
    for year_, month_, day_ in candidates:
        try:
            found.append(date(year_, month_, day_))
        except ValueError:
            continue
    if not found:
        raise ValueError(_("The date “{text}” does not exist.").format(text=shown))
    value = found[0]
    note = ""
    if len(set(found)) > 1:
        note = _("Read “{text}” as {date}.").format(text=shown, date=day_text(value, locale=loc))
    return Read(value, note)


# Amounts of money no real rate or budget reaches; a larger one is a typo.
MAX_AMOUNT = Decimal("1000000000")
_CENTS = Decimal("0.01")


def parse_amount(
    value: object, field: str, label: str, *, maximum: Decimal = MAX_AMOUNT
) -> Decimal | None:
    """A rate or a budget: an amount of 0 or more, to the cent; None when empty.

    `value` is what the owner typed ("85", "85,50", "1 234,5"; see
    `parse_decimal`) or a number. A refusal is a ValidationError for `field`
    whose message names it by `label`: "Rate: “lots” is not a number.",
    "Budget cannot be below zero.", "Contractor rate is more than 100,000:
    check it."
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        amount = Decimal(value)
    else:
        try:
            amount = parse_decimal(str(value))
        except ValueError as error:
            raise ValidationError(
                _("{label}: {error}").format(label=label, error=error), field
            ) from None
    if not amount.is_finite():
        raise ValidationError(
            _("{field}: “{value}” is not a number.").format(field=label, value=value), field
        )
    if amount < 0:
        raise ValidationError(_("{field} cannot be below zero.").format(field=label), field)
    if amount > maximum:
        raise ValidationError(
            _("{field} is more than {maximum}: check it.").format(
                field=label, maximum=integer(int(maximum))
            ),
            field,
        )
    return amount.quantize(_CENTS)
