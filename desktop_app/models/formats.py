"""Money, numbers, percentages, dates and times in the owner's locale.

Everything the owner reads goes through here: the window, the CSV exports'
human columns and every PDF. Babel holds the Unicode CLDR, so each currency
has its own symbol, placement and decimals ("1.234,50 €" in German,
"$1,234.50" in American English, "¥1,234" with no decimals), and no table of
symbols or separators is kept here. Machine columns (CSV dates, stored
values) stay ISO and never come through this module.

The locale is one per process: `use_locale` sets it from the owner's setting
(the store does so when it opens a database); "" is the system's. A locale
Babel does not know falls back to English, with a note in the log.
"""

from __future__ import annotations

import copy
import functools
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, TypeVar, cast

from babel import Locale, UnknownLocaleError, default_locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers

log = logging.getLogger("offload.locale")

FALLBACK = "en_US"
# The locales the Settings dialog offers first (any CLDR name is accepted).
OFFERED_LOCALES = (
    "en_US", "en_GB", "en_CA", "en_AU", "en_IN", "de_DE", "de_AT", "de_CH",
    "fr_FR", "fr_CA", "fr_CH", "es_ES", "es_MX", "pt_BR", "pt_PT", "it_IT",
    "nl_NL", "sv_SE", "pl_PL", "ja_JP",
)  # fmt: skip

_current: Locale = Locale.parse(FALLBACK)
# A document written in another language than the window's (a brief in the
# brief's own language) sets this for the thread that writes it
# (`written_in`); the window's locale is untouched.
_document: ContextVar[Locale | None] = ContextVar("document_locale", default=None)


def system_locale_name() -> str:
    """The system's locale ("de_DE"), English when it names none ("C", "POSIX")."""
    name = default_locale(("LC_ALL", "LC_NUMERIC", "LC_MONETARY", "LC_TIME", "LANG")) or ""
    if not name or name.startswith(("C", "POSIX")) or name.endswith("_POSIX"):
        return FALLBACK
    return name


def parse_locale(name: str) -> Locale:
    """The Locale `name` names ("" = the system's); English, with a note in the
    log, when Babel does not know it."""
    wanted = name.strip() or system_locale_name()
    try:
        return Locale.parse(wanted.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        log.warning("unknown locale %r: formats fall back to %s", wanted, FALLBACK)
        return Locale.parse(FALLBACK)


def use_locale(name: str) -> Locale:
    """Make `name` the locale every format of this process uses; returns it."""
    global _current  # noqa: PLW0603 (one locale per process, as Qt's default QLocale)
    _current = parse_locale(name)
    return _current


# The offered locales named in their own language, as Babel names them
# (tests/test_formats.py checks that it still does): Babel reads a locale's
# whole data to name it, tens of milliseconds for these twenty, which the
# Settings dialog's declaration would otherwise cost every start-up.
OFFERED_LOCALE_LABELS = {
    "en_US": "English (United States)", "en_GB": "English (United Kingdom)",
    "en_CA": "English (Canada)", "en_AU": "English (Australia)", "en_IN": "English (India)",
    "de_DE": "Deutsch (Deutschland)", "de_AT": "Deutsch (Österreich)",
    "de_CH": "Deutsch (Schweiz)", "fr_FR": "français (France)", "fr_CA": "français (Canada)",
    "fr_CH": "français (Suisse)", "es_ES": "español (España)", "es_MX": "español (México)",
    "pt_BR": "português (Brasil)", "pt_PT": "português (Portugal)",
    "it_IT": "italiano (Italia)", "nl_NL": "Nederlands (Nederland)",
    "sv_SE": "svenska (Sverige)", "pl_PL": "polski (Polska)", "ja_JP": "日本語 (日本)",
}  # fmt: skip


def locale_label(name: str) -> str:
    """ "Deutsch (Deutschland)": a locale named in its own language."""
    known = OFFERED_LOCALE_LABELS.get(name)
    return known if known is not None else babel_locale_label(name)


def babel_locale_label(name: str) -> str:
    return str(Locale.parse(name).get_display_name(name))


def current_locale() -> Locale:
    return _document.get() or _current


def locale_for_language(language: str) -> Locale:
    """The locale a document in `language` ("de", "pt_BR") writes its figures
    in: the owner's own when it speaks that language (an owner in Vienna keeps
    de_AT), else the language's own CLDR locale."""
    if not language:
        return _current
    wanted = parse_locale(language)
    if _current.language == wanted.language and (
        not wanted.territory or wanted.territory == _current.territory
    ):
        return _current
    return wanted


@contextmanager
def document_locale(locale: Locale) -> Iterator[Locale]:
    """Within the block, this thread's figures are written in `locale`."""
    token = _document.set(locale)
    try:
        yield locale
    finally:
        _document.reset(token)


def _loc(locale: Locale | None) -> Locale:
    return locale or _document.get() or _current


_Format = TypeVar("_Format", bound=Callable[..., str])


def _remembered(function: _Format) -> _Format:
    """`function` (value, *options, locale=None), remembering what it wrote for
    each value, options and locale: Babel takes a tenth of a millisecond a
    number, and a table repaints the same figures at every scroll, a tab's
    first frame a few hundred of them. The value is told apart by its type
    and its text (Decimal("1.50") is not Decimal("1.5"), though they are equal)."""
    written: dict[tuple[Any, ...], str] = {}

    @functools.wraps(function)
    def remembering(value: Any, *options: Any, locale: Locale | None = None, **named: Any) -> str:
        key = (type(value), str(value), options, tuple(named.items()), _loc(locale))
        text = written.get(key)
        if text is None:
            if len(written) >= 8192:
                written.clear()
            text = written[key] = function(value, *options, locale=locale, **named)
        return text

    return cast(_Format, remembering)


def _with_decimals(
    pattern: babel_numbers.NumberPattern, decimals: int
) -> babel_numbers.NumberPattern:
    """The locale's own `pattern` (sign, symbol and grouping where the locale puts
    them) with exactly `decimals` digits after the separator."""
    fixed = copy.copy(pattern)
    fixed.frac_prec = (decimals, decimals)
    return fixed


@_remembered
def money(
    amount: Decimal | int | None, currency: str, *, cents: bool = True, locale: Locale | None = None
) -> str:
    """ "$1,234.50", "1.234,50 €", "¥1,235"; "" for None. `cents=False` rounds to
    whole units (a column of large sums)."""
    if amount is None:
        return ""
    loc = _loc(locale)
    code = currency.strip().upper() or "USD"
    if cents:
        return babel_numbers.format_currency(Decimal(amount), code, locale=loc)
    pattern = _with_decimals(loc.currency_formats["standard"], 0)
    return str(pattern.apply(Decimal(amount), loc, currency=code, currency_digits=False))


def money_short(
    amount: Decimal | int | None, currency: str, *, locale: Locale | None = None
) -> str:
    """Money without the cents when there are none: "$1,250", "12,50 €"."""
    if amount is None:
        return ""
    whole = Decimal(amount) == Decimal(amount).to_integral_value()
    return money(amount, currency, cents=not whole, locale=locale)


def currency_symbol(currency: str, *, locale: Locale | None = None) -> str:
    """ "$", "€", "CHF"."""
    return babel_numbers.get_currency_symbol(currency.strip().upper(), locale=_loc(locale))


@_remembered
def number(
    value: Decimal | int | float, decimals: int | None = None, *, locale: Locale | None = None
) -> str:
    """ "1,234.5" / "1.234,5"; `decimals` fixes the digits after the separator."""
    loc = _loc(locale)
    if decimals is None:
        return babel_numbers.format_decimal(value, locale=loc)
    pattern = _with_decimals(loc.decimal_formats[None], decimals)
    return str(pattern.apply(Decimal(str(value)), loc))


def integer(value: int, *, locale: Locale | None = None) -> str:
    """ "1,234" / "1.234" / "1 234"."""
    return babel_numbers.format_decimal(value, locale=_loc(locale))


def percent(fraction: Decimal | float, decimals: int = 0, *, locale: Locale | None = None) -> str:
    """A fraction as a percentage: 0.125 -> "13%" / "13 %"."""
    loc = _loc(locale)
    pattern = _with_decimals(loc.percent_formats[None], decimals)
    return str(pattern.apply(Decimal(str(fraction)), loc))


@_remembered
def hours(minutes: int, *, locale: Locale | None = None) -> str:
    """Minutes as hours with one decimal: "12.5" / "12,5"."""
    return number(Decimal(minutes) / 60, 1, locale=locale)


@_remembered
def day(value: date, *, locale: Locale | None = None) -> str:
    """A date as the locale writes it in a sentence: "Dec 1, 2026" / "01.12.2026"."""
    return babel_dates.format_date(value, format="medium", locale=_loc(locale))


def long_day(value: date, *, locale: Locale | None = None) -> str:
    """ "December 1, 2026" / "1. Dezember 2026"."""
    return babel_dates.format_date(value, format="long", locale=_loc(locale))


def full_day(value: date, *, locale: Locale | None = None) -> str:
    """ "Tuesday, December 1, 2026" / "Dienstag, 1. Dezember 2026"."""
    return babel_dates.format_date(value, format="full", locale=_loc(locale))


@_remembered
def day_short(value: date, *, locale: Locale | None = None) -> str:
    """A date in a column: "12/1/26" / "01.12.26"."""
    return babel_dates.format_date(value, format="short", locale=_loc(locale))


@_remembered
def weekday_day(value: date, *, locale: Locale | None = None) -> str:
    """ "Tue, Dec 1" / "Di., 1. Dez.": a day this year, with its weekday."""
    return babel_dates.format_skeleton("MMMEd", value, locale=_loc(locale))


@_remembered
def day_month(value: date, *, locale: Locale | None = None) -> str:
    """ "Sep 28" / "28. Sept."."""
    return babel_dates.format_skeleton("MMMd", value, locale=_loc(locale))


@_remembered
def month_year(value: date, *, locale: Locale | None = None) -> str:
    """ "December 2026" / "Dezember 2026"."""
    return babel_dates.format_skeleton("yMMMM", value, locale=_loc(locale))


def clock(value: time | datetime, *, locale: Locale | None = None) -> str:
    """ "9:30 AM" / "09:30"."""
    return babel_dates.format_time(value, format="short", locale=_loc(locale))


@_remembered
def date_time(value: datetime, *, locale: Locale | None = None) -> str:
    """ "Dec 1, 2026, 9:30 AM" / "01.12.2026, 09:30"."""
    return babel_dates.format_datetime(value, format="medium", locale=_loc(locale)).replace(
        babel_dates.format_time(value, format="medium", locale=_loc(locale)),
        babel_dates.format_time(value, format="short", locale=_loc(locale)),
    )


def first_day_of_week(*, locale: Locale | None = None) -> int:
    """The first day of the locale's week: 0 Monday ... 6 Sunday (as date.weekday())."""
    return int(_loc(locale).first_week_day)


def weekday_name(weekday: int, *, width: str = "wide", locale: Locale | None = None) -> str:
    """ "Monday" / "Montag" for 0 (date.weekday()'s numbering)."""
    return str(_loc(locale).days["format"][width][weekday])


def date_order(*, locale: Locale | None = None) -> str:
    """The order of day, month and year in the locale's short date: "MDY", "DMY", "YMD"."""
    pattern = _loc(locale).date_formats["short"].pattern
    order = []
    for char in pattern:
        letter = {"d": "D", "M": "M", "L": "M", "y": "Y"}.get(char)
        if letter and letter not in order:
            order.append(letter)
    return "".join(order) if len(order) == 3 else "YMD"


def decimal_symbol(*, locale: Locale | None = None) -> str:
    return babel_numbers.get_decimal_symbol(_loc(locale))


def group_symbol(*, locale: Locale | None = None) -> str:
    return babel_numbers.get_group_symbol(_loc(locale))


def long_weekday_day(value: date, *, locale: Locale | None = None) -> str:
    """ "Tuesday, December 1" / "Dienstag, 1. Dezember"."""
    return babel_dates.format_skeleton("MMMMEEEEd", value, locale=_loc(locale))


def month_name(value: date, *, locale: Locale | None = None) -> str:
    """ "December" / "Dezember" (standalone)."""
    return str(_loc(locale).months["stand-alone"]["wide"][value.month])
