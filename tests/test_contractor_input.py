"""What the owner types about a contractor: every refusal says why."""

from datetime import datetime
from decimal import Decimal

import pytest

from desktop_app.models.contractor_input import (
    UrlWithoutScheme,
    check_email,
    check_phone,
    check_rate,
    check_score,
    check_timezone,
    check_url,
    email_key,
    normalize_skills,
    parse_contractor,
    phone_key,
    website_key,
)
from desktop_app.models.errors import ValidationError


@pytest.mark.parametrize("text", ["ana@", "ana.example.com", "ana@example", "a b@example.com"])
def test_malformed_email_is_refused(text):
    with pytest.raises(ValidationError, match="is not an e-mail address"):
        check_email(text)


def test_email_is_trimmed_and_mailto_dropped():
    assert check_email("  mailto:Ana@Example.com ") == "Ana@Example.com"
    assert check_email("") == ""


def test_a_bare_address_is_offered_with_https():
    with pytest.raises(UrlWithoutScheme) as refused:
        check_url("anaferreira.example.com/work")
    assert refused.value.suggestion == "https://anaferreira.example.com/work"
    assert "Use https://anaferreira.example.com/work?" in str(refused.value)
    assert check_url("example.com", assume_https=True) == "https://example.com"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not a website", "contains spaces"),
        ("javascript://alert(1)", "only http:// and https://"),
        ("file:///etc/passwd", "only http:// and https://"),
        ("https://", "is not a web address"),
        ("https://exa mple.com", "contains spaces"),
        ("localhostish", "is not a web address"),
    ],
)
def test_invalid_urls_are_refused(text, message):
    with pytest.raises(ValidationError, match=message):
        check_url(text)


def test_valid_urls_are_kept_as_typed():
    assert check_url("https://www.upwork.com/freelancers/~01ab") == (
        "https://www.upwork.com/freelancers/~01ab"
    )
    assert check_url("http://münchen.example.de/") == "http://münchen.example.de/"


@pytest.mark.parametrize("text", ["12345", "call me", "+1 555 0100 0100 0100 0100", "55-55-x"])
def test_bad_phone_numbers_are_refused(text):
    with pytest.raises(ValidationError, match="is not a phone number"):
        check_phone(text)


def test_phone_numbers_are_kept_as_typed():
    assert check_phone("+44 (20) 7946-0958 ext. 12") == "+44 (20) 7946-0958 ext. 12"
    assert check_phone("tel:+351-912-345-678") == "+351-912-345-678"


def test_rates():
    assert check_rate("1.234,50") == Decimal("1234.50")
    assert check_rate("") is None
    with pytest.raises(ValidationError, match="cannot be below zero"):
        check_rate("-5")
    with pytest.raises(ValidationError, match="not a number"):
        check_rate("lots")


@pytest.mark.parametrize("value", ["0", "6", "-1", "4.5", "x"])
def test_scores_outside_one_to_five_are_refused(value):
    with pytest.raises(ValidationError, match=r"from 1 to 5|whole number from 1 to 5"):
        check_score(value, "communication")


def test_scores():
    assert check_score("4", "fit") == 4
    assert check_score("", "fit") is None


def test_time_zones():
    assert check_timezone("europe/lisbon") == "Europe/Lisbon"
    assert check_timezone("UTC+2") == "UTC+2"
    with pytest.raises(ValidationError, match="is not a time zone"):
        check_timezone("Lisbon time")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("UTC+99", "further from UTC than any time zone"),
        ("UTC+14:30", "further from UTC than any time zone"),
        ("UTC+5:75", "75 is not a number of minutes"),
    ],
)
def test_an_offset_no_clock_uses_is_refused_where_it_is_typed(text, message):
    # The overlap refuses these when it reads them: the form refuses them first.
    with pytest.raises(ValidationError, match=message):
        check_timezone(text)


def test_a_whole_contractor_names_every_field_at_fault():
    with pytest.raises(ValidationError) as refused:
        parse_contractor(
            {
                "name": "",
                "email": "nope",
                "rate": "-3",
                "currency": "XYZ",
                "rating": "9",
                "website": "example.com",
            }
        )
    errors = refused.value.errors
    assert set(errors) == {"name", "email", "rate", "currency", "rating", "website"}
    assert "ISO 4217" in errors["currency"]
    assert refused.value.suggestions == {"website": "https://example.com"}


def test_a_whole_contractor_is_normalised():
    values = parse_contractor(
        {
            "name": "  Ana  ",
            "skills": "Xero, bookkeeping; xero ,VAT",
            "currency": " eur",
            "rate": "35",
            "last_contact": "2026-11-02",
        }
    )
    assert values["name"] == "Ana"
    assert values["skills"] == "Xero, bookkeeping, VAT"
    assert values["currency"] == "EUR"
    assert values["last_contact"] == datetime(2026, 11, 2)
    assert values["stage"] == "prospect" and values["source"] == "independent"


def test_duplicate_keys_ignore_formatting():
    assert email_key(" Ana@Example.COM") == email_key("ana@example.com")
    assert phone_key("+44 20 7946 0958") == phone_key("020-7946-0958")
    assert website_key("https://www.Example.com/Work/") == website_key("http://example.com/work")
    assert website_key("example.com/a") != website_key("example.com/b")
    assert normalize_skills("") == ""
