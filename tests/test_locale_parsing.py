"""Reading what the owner types in their locale (models/parsing.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop_app.models.formats import parse_locale
from desktop_app.models.parsing import read_date, read_duration, read_number

DE, EN, FR = (parse_locale(name) for name in ("de_DE", "en_US", "fr_FR"))


@pytest.mark.parametrize(
    ("text", "locale"),
    [("1.234,5", DE), ("1 234,5", FR), ("1\u202f234,5", FR), ("1,234.5", EN), ("1234,5", EN)],
)
def test_a_number_as_the_locale_writes_it(text, locale):
    read = read_number(text, locale)
    assert read.value == Decimal("1234.5")
    assert read.note == ""


def test_input_that_reads_one_way_only_is_never_refused_because_of_the_locale():
    # The German way typed in English, the English way typed in German.
    assert read_number("1.234,5", EN).value == Decimal("1234.5")
    assert read_number("1,234.5", DE).value == Decimal("1234.5")
    # A dot followed by one digit groups nothing, even in German.
    assert read_number("1.5", DE).value == Decimal("1.5")
    assert read_number("1.234.567", DE).value == Decimal(1234567)


def test_input_that_reads_two_ways_is_read_the_locale_s_way_and_says_so():
    german = read_number("1.234", DE)
    assert german.value == Decimal(1234)
    assert german.note == "Read “1.234” as 1.234: a whole number, thousands grouped."
    english = read_number("1.234", EN)
    assert english.value == Decimal("1.234")
    assert english.note == "Read “1.234” as 1.234: a number with three decimals."
    assert read_number("1,234", DE).value == Decimal("1.234")


@pytest.mark.parametrize("text", ["", "abc", "1,2,3.4.5x", "--1"])
def test_what_is_not_a_number_is_refused(text):
    with pytest.raises(ValueError, match="is not a number"):
        read_number(text, DE)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("1:30", 90), ("1,5 h", 90), ("1.5h", 90), ("1 h 30", 90), ("1h30m", 90),
     ("90 min", 90), ("1,5 Std.", 90), ("45", 45), ("2 hours 15 minutes", 135)],
)  # fmt: skip
def test_durations_in_any_locale(text, minutes):
    assert read_duration(text, DE) == minutes
    assert read_duration(text, EN) == minutes


def test_a_bare_number_of_hours():
    assert read_duration("6,5", bare="hours") == 390
    assert read_duration("6", bare="hours") == 360


@pytest.mark.parametrize("text", ["", "soon", "1:75", "1 h later"])
def test_what_is_not_a_duration_is_refused(text):
    with pytest.raises(ValueError, match="is not a duration"):
        read_duration(text, DE)


def test_dates_in_the_locale_s_order():
    assert read_date("1.12.2026", DE).value == date(2026, 12, 1)
    assert read_date("12/1/2026", EN).value == date(2026, 12, 1)
    assert read_date("2026-12-01", DE) == read_date("2026-12-01", EN)
    assert read_date("2026-12-01", DE).note == ""


def test_a_date_that_exists_in_one_order_only_is_read_that_way():
    assert read_date("25/12/2026", EN).value == date(2026, 12, 25)
    assert read_date("12/25/2026", DE).value == date(2026, 12, 25)
    assert read_date("25/12/2026", EN).note == ""


def test_an_ambiguous_date_says_how_it_was_read():
    assert read_date("3/4/26", EN).value == date(2026, 3, 4)
    assert read_date("3/4/26", EN).note == "Read “3/4/26” as Mar 4, 2026."
    assert read_date("3.4.26", DE).value == date(2026, 4, 3)
    assert read_date("3.4.26", DE).note == "Read “3.4.26” as 03.04.2026."


def test_a_date_that_does_not_exist_is_refused():
    with pytest.raises(ValueError, match="does not exist"):
        read_date("31.2.2026", DE)
    with pytest.raises(ValueError, match="is not a date"):
        read_date("tomorrow", DE)
