"""Reading what the owner types about a contractor: checks and normal forms.

Pure functions, no database: every form, the CSV and vCard importers and the
command line parse contractor fields through here, so the same input is
refused with the same message everywhere. Also the keys that duplicate
detection compares (e-mail, phone digits, website host and path).
"""

from __future__ import annotations

import ipaddress
import re
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from desktop_app.models.currencies import check_currency
from desktop_app.models.errors import ValidationError
from desktop_app.models.i18n import _
from desktop_app.models.overlap import HoursError, normalize_hours, zone_of
from desktop_app.models.parsing import parse_amount
from desktop_app.models.text import fold

KINDS = ("individual", "agency")
KIND_LABELS = {"individual": "Individual", "agency": "Agency"}
RATE_UNITS = ("hour", "project", "month")
RATE_UNIT_LABELS = {"hour": "per hour", "project": "per project", "month": "per month"}
STAGES = ("prospect", "contacted", "interviewing", "trial", "hired", "rejected", "ended")
SOURCES = ("upwork", "freelancer", "niche", "independent", "referral")
SOURCE_DETAIL_LABELS = {"niche": "Which site", "referral": "Referred by"}
RELATIONS = ("client", "colleague", "other")
RELATION_LABELS = {"client": "Previous client", "colleague": "Colleague", "other": "Other"}
MEDIUMS = ("phone", "video", "in_person", "chat")
MEDIUM_LABELS = {"phone": "Phone", "video": "Video", "in_person": "In person", "chat": "Chat"}
DECISIONS = ("", "advance", "hire", "reject", "hold")
DECISION_LABELS = {
    "": "Undecided",
    "advance": "Advance",
    "hire": "Hire",
    "reject": "Reject",
    "hold": "On hold",
}
SCORE_FIELDS = ("communication", "expertise", "reliability", "fit")
SCORE_LABELS = {
    "communication": "Communication",
    "expertise": "Expertise",
    "reliability": "Reliability",
    "fit": "Fit",
}

_EMAIL = re.compile(r"^[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[^@\s<>(),;:\".]{2,}$")
_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$|^localhost$")
_PHONE = re.compile(r"^\+?[\d\s().\-/]+(?:\s*(?:ext\.?|x|#)\s*\d{1,6})?$", re.IGNORECASE)
_UTC_OFFSET = re.compile(r"^(?:UTC|GMT)\s?[+-−]\s?\d{1,2}(?::?\d{2})?$", re.IGNORECASE)


class UrlWithoutScheme(ValidationError):
    """A web address typed without http(s)://; `suggestion` is the https:// form.

    Forms offer the suggestion with one click; importers take it as is.
    """

    def __init__(self, message: str, field: str, suggestion: str) -> None:
        super().__init__(message, field)
        self.suggestion = suggestion
        self.suggestions = {field: suggestion}


# Single fields
def check_email(text: str, field: str = "email") -> str:
    """`text` as a stored e-mail address ("" stays ""); ValidationError if malformed."""
    value = text.strip()
    if value.lower().startswith("mailto:"):
        value = value[len("mailto:") :]
    if value and not _EMAIL.match(value):
        raise ValidationError(
            _("“{value}” is not an e-mail address (like name@example.com).").format(value=value),
            field,
        )
    if len(value) > 254:
        raise ValidationError(_("An e-mail address can be at most 254 characters."), field)
    return value


def check_url(text: str, field: str = "website", *, assume_https: bool = False) -> str:
    """`text` as a stored web address ("" stays "").

    A plain "example.com/work" raises UrlWithoutScheme carrying
    "https://example.com/work", unless `assume_https` takes it at once.
    """
    value = text.strip()
    if not value:
        return ""
    if " " in value:
        raise ValidationError(
            _("“{value}” is not a web address: it contains spaces.").format(value=value), field
        )
    if "://" not in value:
        candidate = f"https://{value}"
        if _valid_http_url(candidate):
            if assume_https:
                return candidate
            raise UrlWithoutScheme(
                f"“{value}” has no https:// in front. Use {candidate}?", field, candidate
            )
        raise ValidationError(
            _("“{value}” is not a web address (like https://example.com).").format(value=value),
            field,
        )
    if not _valid_http_url(value):
        scheme = value.split("://", 1)[0]
        if scheme.lower() not in ("http", "https"):
            raise ValidationError(
                _(
                    "“{value}” is not a web page address: only http:// and https:// links are "
                    "kept, so that opening one never runs anything."
                ).format(value=value),
                field,
            )
        raise ValidationError(
            _("“{value}” is not a web address (like https://example.com).").format(value=value),
            field,
        )
    if len(value) > 2000:
        raise ValidationError(_("A web address can be at most 2000 characters."), field)
    return value


def _valid_http_url(value: str) -> bool:
    try:
        parts = urlsplit(value)
        host = (parts.hostname or "").lower().rstrip(".")
        parts.port  # noqa: B018 (raises ValueError on a bad port)
    except ValueError:
        return False
    if parts.scheme.lower() not in ("http", "https") or not host:
        return False
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    return bool(_HOST.match(host) or _is_ip(host))


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def check_phone(text: str, field: str = "phone") -> str:
    """`text` as a stored phone number, kept as typed; 6 to 15 digits."""
    value = text.strip()
    if value.lower().startswith("tel:"):
        value = value[len("tel:") :]
    if not value:
        return ""
    number = re.split(r"(?i)\s*(?:ext\.?|x|#)\s*\d", value, maxsplit=1)[0]
    digits = phone_digits(number)
    if not _PHONE.match(value) or not 6 <= len(digits) <= 15:
        raise ValidationError(
            _("“{value}” is not a phone number (6 to 15 digits, e.g. +44 20 7946 0958).").format(
                value=value
            ),
            field,
        )
    return value


def check_rate(text: str | Decimal | None, field: str = "rate") -> Decimal | None:
    """A rate of 0 or more ("" means none yet)."""
    return parse_amount(text, field, "Rate")


def check_score(value: str | int | None, field: str, label: str = "") -> int | None:
    """A score from 1 to 5, or None when not given."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    label = label or SCORE_LABELS.get(field, field.capitalize())
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationError(
            _("{label} must be a whole number from 1 to 5.").format(label=label), field
        ) from None
    if not 1 <= number <= 5:
        raise ValidationError(
            _("{label} must be from 1 to 5, not {number}.").format(label=label, number=number),
            field,
        )
    return number


def check_timezone(text: str, field: str = "timezone") -> str:
    """An IANA time zone name ("Europe/Lisbon") or a UTC offset ("UTC+2")."""
    value = text.strip()
    if not value:
        return value
    if _UTC_OFFSET.match(value):
        try:
            zone_of(value)  # the check the overlap makes when it reads the offset
        except HoursError as error:
            raise ValidationError(str(error), field) from None
        return value
    zones = known_timezones()
    if zones and value not in zones:
        matches = [zone for zone in zones if zone.lower() == value.lower()]
        if matches:
            return matches[0]
        raise ValidationError(
            _(
                "“{value}” is not a time zone: use a name such as Europe/Lisbon or an offset "
                "such as UTC+2."
            ).format(value=value),
            field,
        )
    return value


_TIMEZONES: frozenset[str] | None = None


def known_timezones() -> frozenset[str]:
    """The IANA names this system knows (empty when it ships no database)."""
    global _TIMEZONES  # noqa: PLW0603 (computed once; the list never changes while running)
    if _TIMEZONES is None:
        try:
            _TIMEZONES = frozenset(zoneinfo.available_timezones())
        except OSError:
            _TIMEZONES = frozenset()
    return _TIMEZONES


def check_working_hours(text: str, field: str = "working_hours") -> str:
    """Working hours in their own time zone ("09:00–17:00"); "" when not known."""
    try:
        return normalize_hours(text)
    except HoursError as error:
        raise ValidationError(str(error), field) from None


def check_choice(text: str, choices: tuple[str, ...], field: str, what: str) -> str:
    value = text.strip().lower()
    if value not in choices:
        raise ValidationError(_("“{text}” is not a {what}.").format(text=text, what=what), field)
    return value


def check_text(
    text: str, field: str, label: str, max_length: int, *, required: bool = False
) -> str:
    value = (text or "").strip()
    if required and not value:
        raise ValidationError(_("{label} is required.").format(label=label), field)
    if len(value) > max_length:
        raise ValidationError(
            _("{label} can be at most {max_length} characters.").format(
                label=label, max_length=max_length
            ),
            field,
        )
    return value


def normalize_skills(text: str) -> str:
    """Comma-separated skills, trimmed, duplicates (ignoring case) dropped."""
    seen: set[str] = set()
    skills = []
    for part in re.split(r"[,;\n]", text or ""):
        skill = " ".join(part.split())
        if skill and fold(skill) not in seen:
            seen.add(fold(skill))
            skills.append(skill)
    return ", ".join(skills)


def skill_list(text: str) -> list[str]:
    return [skill for skill in normalize_skills(text).split(", ") if skill]


# A whole contractor
@dataclass(frozen=True)
class ContractorFields:
    """How each contractor field is checked (the order forms and CSV files use)."""

    key: str
    label: str


CONTRACTOR_FIELDS: tuple[ContractorFields, ...] = tuple(
    ContractorFields(key, label)
    for key, label in (
        ("name", "Name"),
        ("kind", "Kind"),
        ("skills", "Skills"),
        ("email", "E-mail"),
        ("phone", "Phone"),
        ("website", "Website"),
        ("location", "Location"),
        ("timezone", "Time zone"),
        ("working_hours", "Working hours"),
        ("rate", "Rate"),
        ("rate_unit", "Rate unit"),
        ("currency", "Currency"),
        ("source", "Source"),
        ("source_detail", "Source detail"),
        ("stage", "Stage"),
        ("rating", "Rating"),
        ("last_contact", "Last contact"),
        ("notes", "Notes"),
    )
)
FIELD_LABELS = {spec.key: spec.label for spec in CONTRACTOR_FIELDS}


def parse_contractor(
    raw: Mapping[str, Any], *, assume_https: bool = False, partial: bool = False
) -> dict[str, Any]:
    """Typed, valid contractor values from the texts in `raw`.

    Raises ValidationError naming every field at fault (nothing is stored).
    With `partial`, keys missing from `raw` are left out of the result;
    otherwise they take their defaults.
    """
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    suggestions: dict[str, str] = {}

    def take(key: str, parse: Any, default: Any = "") -> None:
        if key not in raw and partial:
            return
        text = raw.get(key, default)
        try:
            values[key] = parse(text if text is not None else "")
        except ValidationError as error:
            errors[key] = str(error)
            if error.suggestions:
                suggestions[key] = next(iter(error.suggestions.values()))

    take("name", lambda t: check_text(t, "name", "Name", 200, required=True))
    take("kind", lambda t: check_choice(t or "individual", KINDS, "kind", "kind"), "individual")
    take("skills", normalize_skills)
    take("email", check_email)
    take("phone", check_phone)
    take("website", lambda t: check_url(t, assume_https=assume_https))
    take("location", lambda t: check_text(t, "location", "Location", 200))
    take("timezone", check_timezone)
    take("working_hours", check_working_hours)
    take("rate", check_rate, None)
    take("rate_unit", lambda t: check_choice(t or "hour", RATE_UNITS, "rate_unit", "rate unit"),
         "hour")  # fmt: skip
    take("currency", check_currency, "USD")
    take("source", lambda t: check_choice(t or "independent", SOURCES, "source", "source"),
         "independent")  # fmt: skip
    take("source_detail", lambda t: check_text(t, "source_detail", "Source detail", 200))
    take("stage", lambda t: check_choice(t or "prospect", STAGES, "stage", "pipeline stage"),
         "prospect")  # fmt: skip
    take("rating", lambda t: check_score(t, "rating", "Rating"), None)
    take("last_contact", lambda t: check_datetime(t, "last_contact", "Last contact"), None)
    take("notes", lambda t: check_text(t, "notes", "Notes", 20000))
    if errors:
        raise ValidationError.from_errors(errors, suggestions)
    return values


def check_datetime(value: Any, field: str, label: str) -> datetime | None:
    """A date or date and time: a datetime, a date, or ISO text ("2026-11-02 14:30")."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.replace(microsecond=0)
    if isinstance(value, date):
        return datetime.combine(value, time())
    text = str(value).strip()
    if not text:
        return None
    for parse in (datetime.fromisoformat, _parse_day_month_name):
        try:
            return parse(text.replace("T", " ")).replace(microsecond=0, tzinfo=None)
        except ValueError:
            continue
    raise ValidationError(
        _("{label}: “{text}” is not a date (use YYYY-MM-DD).").format(label=label, text=text), field
    )


def _parse_day_month_name(text: str) -> datetime:
    for pattern in ("%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    raise ValueError(text)


# Duplicate keys
def phone_digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")


def email_key(text: str) -> str:
    return (text or "").strip().lower()


def phone_key(text: str) -> str:
    """The last nine digits: "+44 20 7946 0958" and "020 7946 0958" match."""
    digits = phone_digits(re.split(r"(?i)\s*(?:ext\.?|x|#)\s*\d", text or "", maxsplit=1)[0])
    return digits[-9:] if len(digits) >= 6 else ""


def name_key(text: str) -> str:
    """A name with case, accents, punctuation and word order ignored:
    "Ana Ferreira", "FERREIRA, Ana" and "ana  ferreira." match."""
    words = re.findall(r"\w+", fold(text or ""))
    return " ".join(sorted(words))


def website_key(text: str) -> str:
    """Host without "www." plus path without a trailing slash, ignoring scheme and query."""
    value = (text or "").strip()
    if not value:
        return ""
    if "://" not in value:
        value = f"https://{value}"
    try:
        parts = urlsplit(value)
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return ""
    host = host.removeprefix("www.")
    if not host:
        return ""
    return host + parts.path.rstrip("/").lower()
