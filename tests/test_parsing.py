from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.models.parsing import parse_decimal
from desktop_app.models.text import fold


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("85", "85"),
        (" 85.50 ", "85.50"),
        ("85,5", "85.5"),
        ("1,234.50", "1234.50"),
        ("1.234,50", "1234.50"),
        ("1 234,5", "1234.5"),
        ("1,234", "1234"),
        ("-3", "-3"),
        ("0,75", "0.75"),
    ],
)
def test_reads_numbers_as_people_type_them(text, expected):
    assert parse_decimal(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "abc", "12abc", "1e5", "NaN", "--3", ","])
def test_refuses_what_is_not_a_number(text):
    with pytest.raises(ValueError, match="not a number"):
        parse_decimal(text)


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False))
def test_round_trips_a_plainly_written_decimal(value):
    assert parse_decimal(f"{value:.2f}") == value
    assert parse_decimal(f"{value:,.2f}") == value
    assert parse_decimal(f"{value:.2f}".replace(".", ",")) == value


def test_fold_ignores_case_accents_and_space():
    assert fold("  Éléments ") == fold("elements")
    assert fold("STRASSE") == fold("straße")
