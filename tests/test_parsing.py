from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.models.errors import ValidationError
from desktop_app.models.parsing import parse_amount, parse_decimal
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


@pytest.mark.parametrize(
    ("value", "expected"),
    [("85", "85.00"), ("85,5", "85.50"), ("1 234,5", "1234.50"), ("12.346", "12.35"),
     (Decimal("12"), "12.00"), (40, "40.00"), ("0", "0.00"), ("", None), ("  ", None),
     (None, None)],
)  # fmt: skip
def test_amounts_are_read_to_the_cent_and_empty_means_none(value, expected):
    amount = parse_amount(value, "budget", "Budget")
    assert amount == (None if expected is None else Decimal(expected))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("lots", "Budget: “lots” is not a number."),
        ("-1", "Budget cannot be below zero."),
        (Decimal("-0.01"), "Budget cannot be below zero."),
        ("2000000000", "Budget is more than 1,000,000,000: check it."),
        (True, "Budget: “True” is not a number."),
    ],
)
def test_a_refused_amount_names_its_field(value, message):
    with pytest.raises(ValidationError) as refused:
        parse_amount(value, "budget", "Budget")
    assert str(refused.value) == message
    assert refused.value.field == "budget"


def test_a_step_sets_its_own_ceiling():
    assert parse_amount("100000", "contractor_rate", "Rate", maximum=Decimal("100000"))
    with pytest.raises(ValidationError, match=r"more than 100,000"):
        parse_amount("100000.01", "contractor_rate", "Rate", maximum=Decimal("100000"))
