"""How the time audit writes hours and money."""

from __future__ import annotations

from decimal import Decimal

from desktop_app.models.text import count_of

# Symbols for the currencies most owners use; others show their ISO code.
_SYMBOLS = {
    "USD": "$",
    "EUR": "€",
    "GBP": "£",
    "JPY": "¥",
    "INR": "₹",
    "CAD": "CA$",
    "AUD": "A$",
    "NZD": "NZ$",
    "CHF": "CHF ",
    "SEK": "SEK ",
    "NOK": "NOK ",
    "DKK": "DKK ",
    "PLN": "PLN ",
    "BRL": "R$",
    "MXN": "MX$",
    "ZAR": "R ",
}


def money(amount: Decimal | None, currency: str, *, cents: bool = True) -> str:
    """ "$1,234.50"; "" for None."""
    if amount is None:
        return ""
    number = f"{abs(amount):,.2f}" if cents else f"{abs(amount):,.0f}"
    sign = "−" if amount < 0 else ""
    symbol = _SYMBOLS.get(currency)
    return f"{sign}{symbol}{number}" if symbol else f"{sign}{number} {currency}"


def hours(minutes: int) -> str:
    """Minutes as decimal hours with one decimal: "12.5"."""
    return f"{Decimal(minutes) / 60:.1f}"


# "1 entry", "2 entries": the one way to count a noun (models.text.count_of).
plural = count_of
