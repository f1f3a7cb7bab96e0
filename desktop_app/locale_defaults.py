"""Settings a new database takes from the system locale: currency and paper."""

from __future__ import annotations

from PySide6.QtCore import QLocale

# Where US Letter, not A4, is the paper in the printer. (PySide6 names
# the territory enum QLocale.Country.)
_LETTER_TERRITORIES = {
    QLocale.Country.UnitedStates,
    QLocale.Country.Canada,
    QLocale.Country.Mexico,
    QLocale.Country.Philippines,
    QLocale.Country.Chile,
    QLocale.Country.Colombia,
    QLocale.Country.Venezuela,
    QLocale.Country.PuertoRico,
}


def locale_defaults(locale: QLocale | None = None) -> dict[str, str]:
    """Settings a new database takes from the system locale."""
    locale = locale or QLocale()
    defaults = {"page_size": "letter" if locale.territory() in _LETTER_TERRITORIES else "a4"}
    currency = locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode)
    if currency:
        defaults["currency"] = currency
    return defaults
