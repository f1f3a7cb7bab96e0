"""Reading numbers the way people type them, in any common locale."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

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
