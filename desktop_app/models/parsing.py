"""Reading numbers the way people type them, in any common locale, and the
amounts of money (rates, budgets) every step stores."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from desktop_app.models.errors import ValidationError

_DIGITS_AND_SEPARATORS = re.compile(r"^[+-]?[\d.,' \u00a0\u202f]+$")


def parse_decimal(text: str) -> Decimal:
    """The number in `text`: "85", "85.50", "85,5", "1,234.50", "1.234,50", "1 234,5".

    The last of "," and "." is the decimal separator when both appear. A lone
    "," followed by exactly three digits ("1,234") is a thousands separator;
    any other lone "," is a decimal comma. Raises ValueError otherwise.
    """
    cleaned = text.strip()
    if not cleaned or not _DIGITS_AND_SEPARATORS.match(cleaned):
        raise ValueError(f"“{text.strip()}” is not a number.")
    cleaned = re.sub(r"[' \u00a0\u202f]", "", cleaned)
    if "," in cleaned and "." in cleaned:
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        thousands_mark = "." if decimal_mark == "," else ","
        cleaned = cleaned.replace(thousands_mark, "").replace(decimal_mark, ".")
    elif cleaned.count(",") == 1:
        whole, fraction = cleaned.split(",")
        cleaned = (
            whole + fraction if len(fraction) == 3 and whole.strip("+-") else f"{whole}.{fraction}"
        )
    elif cleaned.count(",") > 1:
        cleaned = cleaned.replace(",", "")
    elif cleaned.count(".") > 1:
        cleaned = cleaned.replace(".", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"“{text.strip()}” is not a number.") from None
    if not value.is_finite():
        raise ValueError(f"“{text.strip()}” is not a number.")
    return value


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
            raise ValidationError(f"{label}: {error}", field) from None
    if not amount.is_finite():
        raise ValidationError(f"{label}: “{value}” is not a number.", field)
    if amount < 0:
        raise ValidationError(f"{label} cannot be below zero.", field)
    if amount > maximum:
        raise ValidationError(f"{label} is more than {maximum:,}: check it.", field)
    return amount.quantize(_CENTS)
