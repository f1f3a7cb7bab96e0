"""Money, numbers and dates in the owner's locale (models/formats.py, Babel's CLDR)."""

from __future__ import annotations

import logging
from datetime import date, datetime
from decimal import Decimal

import pytest

from desktop_app.models import formats
from desktop_app.models.formats import parse_locale

DE, EN, FR, JA = (parse_locale(name) for name in ("de_DE", "en_US", "fr_FR", "ja_JP"))
NBSP = "\u00a0"
NNBSP = "\u202f"


def test_money_takes_the_currency_s_own_symbol_placement_and_decimals():
    assert formats.money(Decimal("1234.5"), "EUR", locale=DE) == f"1.234,50{NBSP}€"
    assert formats.money(Decimal("1234.5"), "USD", locale=EN) == "$1,234.50"
    assert formats.money(Decimal("1234.5"), "EUR", locale=FR) == f"1{NNBSP}234,50{NBSP}€"
    # The yen has no minor unit: no decimals, whatever the locale.
    assert formats.money(Decimal("1234"), "JPY", locale=EN) == "¥1,234"
    assert formats.money(Decimal("1234"), "JPY", locale=DE) == f"1.234{NBSP}¥"
    assert formats.money(None, "EUR", locale=DE) == ""


def test_money_in_whole_units_and_short_money():
    assert formats.money(Decimal("1234.4"), "USD", cents=False, locale=EN) == "$1,234"
    assert formats.money(Decimal("1234.4"), "EUR", cents=False, locale=DE) == f"1.234{NBSP}€"
    assert formats.money_short(Decimal("450.00"), "USD", locale=EN) == "$450"
    assert formats.money_short(Decimal("12.5"), "EUR", locale=DE) == f"12,50{NBSP}€"


def test_numbers_percentages_and_hours():
    assert formats.number(Decimal("1234.5"), 2, locale=DE) == "1.234,50"
    assert formats.number(Decimal("1234.5"), 1, locale=EN) == "1,234.5"
    assert formats.integer(1234, locale=FR) == f"1{NNBSP}234"
    assert formats.percent(Decimal("0.25"), locale=DE) == f"25{NBSP}%"
    assert formats.percent(Decimal("0.255"), 1, locale=EN) == "25.5%"
    assert formats.hours(90, locale=DE) == "1,5"
    assert formats.hours(750, locale=EN) == "12.5"


def test_dates_times_and_the_first_day_of_the_week():
    day = date(2026, 12, 1)
    assert formats.weekday_day(day, locale=DE) == "Di., 1. Dez."
    assert formats.weekday_day(day, locale=EN) == "Tue, Dec 1"
    assert formats.day(day, locale=DE) == "01.12.2026"
    assert formats.day(day, locale=EN) == "Dec 1, 2026"
    assert formats.month_year(day, locale=DE) == "Dezember 2026"
    assert formats.clock(datetime(2026, 12, 1, 9, 30), locale=DE) == "09:30"
    assert formats.first_day_of_week(locale=DE) == 0
    assert formats.first_day_of_week(locale=EN) == 6
    assert formats.weekday_name(0, locale=DE) == "Montag"
    assert formats.date_order(locale=DE) == "DMY"
    assert formats.date_order(locale=EN) == "MDY"
    assert formats.date_order(locale=JA) == "YMD"


def test_an_unknown_locale_falls_back_to_english_with_a_note_in_the_log(caplog):
    with caplog.at_level(logging.WARNING, logger="offload.locale"):
        assert str(parse_locale("xx_QQ")) == "en_US"
    assert "unknown locale 'xx_QQ'" in caplog.text


@pytest.mark.parametrize("name", ["", "C", "POSIX"])
def test_the_system_s_locale_when_it_names_none_is_english(monkeypatch, name):
    for variable in ("LC_ALL", "LC_NUMERIC", "LC_MONETARY", "LC_TIME", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    if name:
        monkeypatch.setenv("LANG", name)
    assert formats.system_locale_name() == "en_US"
    monkeypatch.setenv("LANG", "de_AT.UTF-8")
    assert formats.system_locale_name() == "de_AT"


def test_use_locale_sets_the_process_locale():
    try:
        formats.use_locale("de_DE")
        assert formats.money(Decimal(5), "EUR") == f"5,00{NBSP}€"
    finally:
        formats.use_locale("en_US")


def test_the_offered_locales_are_named_as_babel_names_them():
    # Kept as a table so that start-up does not load twenty locales' data.
    assert tuple(formats.OFFERED_LOCALE_LABELS) == formats.OFFERED_LOCALES
    for name, label in formats.OFFERED_LOCALE_LABELS.items():
        assert label == formats.babel_locale_label(name), name
    assert formats.locale_label("da_DK") == "dansk (Danmark)"
