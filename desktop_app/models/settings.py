"""The owner's settings, declared once as data and stored in the database.

Each field of `Settings` carries its label, kind and bounds, so the settings
dialog, the validation and the storage are all driven by this one
declaration. Adding a setting means adding one field here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from peewee import CharField, TextField

from desktop_app.models.base import BaseModel, database
from desktop_app.models.contractor_input import check_timezone
from desktop_app.models.currencies import normalize_currency
from desktop_app.models.errors import ValidationError
from desktop_app.models.formats import OFFERED_LOCALES, locale_label
from desktop_app.models.formats import number as number_text
from desktop_app.models.i18n import LANGUAGES, N_, _
from desktop_app.models.overlap import DEFAULT_HOURS, HoursError, normalize_hours
from desktop_app.models.parsing import parse_decimal


class SettingRow(BaseModel):
    """One stored setting: its key and its value as text."""

    key = CharField(max_length=64, unique=True)
    value = TextField()

    class Meta:
        table_name = "setting"


class Kind(StrEnum):
    TEXT = "text"
    CURRENCY = "currency"
    DECIMAL = "decimal"
    INTEGER = "integer"
    CHOICE = "choice"
    TIMEZONE = "timezone"  # an IANA name or a UTC offset; "" when not set
    HOURS = "hours"  # working hours, "09:00–17:00"


@dataclass(frozen=True)
class SettingSpec:
    """How one setting is labelled, edited and checked."""

    key: str
    label: str
    kind: Kind
    default: Any
    help: str = ""
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    max_length: int = 200
    # (stored value, label) pairs for Kind.CHOICE.
    choices: tuple[tuple[str, str], ...] = ()
    # An amount of money, in the currency setting's currency.
    money: bool = False


def _setting(default: Any, label: str, kind: Kind = Kind.TEXT, **spec: Any) -> Any:
    return field(default=default, metadata={"label": label, "kind": kind, **spec})


@dataclass(frozen=True)
class Settings:
    """The owner's settings, typed and valid."""

    owner_name: str = _setting("", N_("Your name"), help=N_("Printed on briefs as the contact."))
    business_name: str = _setting(
        "", N_("Business name"), help=N_("Printed at the top of every brief.")
    )
    currency: str = _setting(
        "USD", N_("Currency"), Kind.CURRENCY, help=N_("An ISO 4217 code, e.g. EUR.")
    )
    hourly_value: Decimal = _setting(
        Decimal("50"),
        N_("Your hourly value"),
        Kind.DECIMAL,
        help=N_("What an hour of your own time is worth to the business."),
        money=True,
        minimum=Decimal("0"),
        maximum=Decimal("100000"),
    )
    hours_per_month: Decimal = _setting(
        Decimal("160"),
        N_("Working hours per month"),
        Kind.DECIMAL,
        minimum=Decimal("1"),
        maximum=Decimal("744"),
    )
    buyback_divisor: Decimal = _setting(
        Decimal("4"),
        N_("Buyback divisor"),
        Kind.DECIMAL,
        help=N_(
            "Pay a contractor at most your hourly value divided by this (the rule of thumb is 4)."
        ),
        minimum=Decimal("1"),
        maximum=Decimal("20"),
    )
    page_size: str = _setting(
        "a4",
        N_("Paper size"),
        Kind.CHOICE,
        help=N_("The page size of exported and printed PDFs."),
        choices=(("a4", "A4"), ("letter", "US Letter")),
    )
    time_zone: str = _setting(
        "",
        N_("Your time zone"),
        Kind.TIMEZONE,
        help=N_(
            "An IANA name such as Europe/Stockholm, or an offset such as UTC+1: "
            "contractors' hours are compared with yours."
        ),
    )
    working_hours: str = _setting(
        DEFAULT_HOURS,
        N_("Your working hours"),
        Kind.HOURS,
        help=N_("When you can answer questions, Monday to Friday, e.g. 09:00–17:00."),
    )

    locale: str = _setting(
        "",
        N_("Formats"),
        Kind.CHOICE,
        help=N_("How money, numbers and dates are written: 1.234,50 € or €1,234.50."),
        choices=(
            ("", N_("The system's")),
            *((name, locale_label(name)) for name in OFFERED_LOCALES),
        ),
    )
    language: str = _setting(
        "",
        N_("Language"),
        Kind.CHOICE,
        help=N_("The language of the window and the PDFs (from the next start)."),
        choices=(("", N_("The system's")), *LANGUAGES.items()),
    )


def setting_specs() -> list[SettingSpec]:
    """The declared settings, in the order the dialog shows them."""
    return [
        SettingSpec(key=f.name, default=f.default, **f.metadata)
        for f in dataclasses.fields(Settings)
    ]


def _spec_for(key: str) -> SettingSpec:
    for spec in setting_specs():
        if spec.key == key:
            return spec
    raise KeyError(key)


def parse_value(spec: SettingSpec, text: str) -> Any:
    """The typed value of `text` for `spec`; ValueError with a message for the user."""
    text = text.strip()
    if spec.kind is Kind.TEXT:
        if len(text) > spec.max_length:
            raise ValueError(
                _("{label} can be at most {count} characters.").format(
                    label=_(spec.label), count=spec.max_length
                )
            )
        return text
    if spec.kind is Kind.CURRENCY:
        code = normalize_currency(text)
        if code is None:
            raise ValueError(
                _("“{text}” is not an ISO 4217 currency code (such as USD, EUR or GBP).").format(
                    text=text
                )
            )
        return code
    if spec.kind in (Kind.TIMEZONE, Kind.HOURS):
        return _parse_time_setting(spec, text)
    if spec.kind is Kind.CHOICE:
        if text not in {value for value, _label in spec.choices}:
            raise ValueError(_("{label}: choose one of the options.").format(label=_(spec.label)))
        return text
    if not text:
        raise ValueError(_("{label} is required.").format(label=_(spec.label)))
    try:
        number = parse_decimal(text)
    except ValueError as error:
        raise ValueError(
            _("{label}: {problem}").format(label=_(spec.label), problem=error)
        ) from None
    if spec.kind is Kind.INTEGER and number != number.to_integral_value():
        raise ValueError(_("{label} must be a whole number.").format(label=_(spec.label)))
    if spec.minimum is not None and number < spec.minimum:
        raise ValueError(
            _("{label} must be at least {number}.").format(
                label=_(spec.label), number=number_text(spec.minimum)
            )
        )
    if spec.maximum is not None and number > spec.maximum:
        raise ValueError(
            _("{label} must be at most {number}.").format(
                label=_(spec.label), number=number_text(spec.maximum)
            )
        )
    return int(number) if spec.kind is Kind.INTEGER else number


def _parse_time_setting(spec: SettingSpec, text: str) -> str:
    """A time zone (IANA name or UTC offset, "" for none) or working hours."""
    try:
        if spec.kind is Kind.TIMEZONE:
            return check_timezone(text, spec.key)
        return normalize_hours(text) or DEFAULT_HOURS
    except (ValidationError, HoursError) as error:
        raise ValueError(str(error)) from None


def format_value(value: Any) -> str:
    """The stored (and edited) text of a setting's value."""
    return str(value)


def parse_settings(raw: Mapping[str, str], base: Settings | None = None) -> Settings:
    """Settings from the texts in `raw` (missing keys keep `base`'s values).

    Raises ValidationError naming every field at fault; nothing is stored.
    """
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for key, text in raw.items():
        try:
            values[key] = parse_value(_spec_for(key), text)
        except KeyError:
            errors[key] = _("Unknown setting “{key}”.").format(key=key)
        except ValueError as error:
            errors[key] = str(error)
    if errors:
        raise ValidationError.from_errors(errors)
    return dataclasses.replace(base or Settings(), **values)


def load_settings() -> Settings:
    """The stored settings; defaults where nothing valid is stored."""
    stored = {row.key: row.value for row in SettingRow.select()}
    values: dict[str, Any] = {}
    for spec in setting_specs():
        if spec.key in stored:
            try:
                values[spec.key] = parse_value(spec, stored[spec.key])
            except ValueError:
                # A value this version cannot read (hand-edited, or from an
                # older rule) falls back to the default instead of failing.
                continue
    return Settings(**values)


def save_settings(settings: Settings) -> None:
    """Store every setting of `settings`, in one transaction."""
    rows = [
        {"key": f.name, "value": format_value(getattr(settings, f.name))}
        for f in dataclasses.fields(Settings)
    ]
    with database.atomic():
        SettingRow.insert_many(rows).on_conflict(
            conflict_target=[SettingRow.key], preserve=[SettingRow.value]
        ).execute()


def seed_defaults(overrides: Mapping[str, str]) -> None:
    """Store `overrides` (e.g. a currency from the system locale) for keys never set.

    Called on every start; it only fills gaps, it never changes a stored value.
    """
    stored = {row.key for row in SettingRow.select(SettingRow.key)}
    rows = []
    for key, text in overrides.items():
        if key in stored:
            continue
        try:
            value = parse_value(_spec_for(key), text)
        except (KeyError, ValueError):
            continue
        rows.append({"key": key, "value": format_value(value)})
    if rows:
        SettingRow.insert_many(rows).execute()
