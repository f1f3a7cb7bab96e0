"""A brief's vocabulary: what a brief is made of, as plain data.

Statuses, expectation levels, delegation and budget bases with their
labels; the fields of a brief declared once (`BRIEF_FIELDS`: label, kind
and bounds, read by the editor, validation, the PDF and the change list)
with the one check of each value (`clean_field`, `clean_expectation`);
`BriefData`, a brief's content detached from the database (what the editor
shows, the PDF prints, the clarity check reads, a version keeps and a
template holds), and its JSON form. No database, no Qt: `briefs.py` stores
it, `clarity.py`, `brief_changes.py`, `brief_templates.py` and `pdf/` read it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import IntEnum, StrEnum
from typing import Any

from desktop_app.models.currencies import check_currency
from desktop_app.models.errors import ValidationError
from desktop_app.models.formats import day, integer
from desktop_app.models.i18n import LANGUAGES, N_, _
from desktop_app.models.parsing import parse_amount
from desktop_app.models.procedure_content import ProcedureData


class BriefStatus(StrEnum):
    DRAFT = "draft"
    FINAL = "final"
    POSTED = "posted"
    FILLED = "filled"
    CLOSED = "closed"


BRIEF_STATUS_LABELS = {
    BriefStatus.DRAFT: N_("Draft"),
    BriefStatus.FINAL: N_("Final"),
    BriefStatus.POSTED: N_("Posted"),
    BriefStatus.FILLED: N_("Filled"),
    BriefStatus.CLOSED: N_("Closed"),
}


class Delegation(IntEnum):
    """How far the contractor may decide alone, from none to all."""

    AS_WRITTEN = 1
    RECOMMEND = 2
    DECIDE_AFTER_ASKING = 3
    DECIDE_AND_TELL = 4
    DECIDE_FREELY = 5


DELEGATION_LABELS = {
    Delegation.AS_WRITTEN: N_("Do exactly as written"),
    Delegation.RECOMMEND: N_("Recommend; I decide"),
    Delegation.DECIDE_AFTER_ASKING: N_("Decide after checking with me"),
    Delegation.DECIDE_AND_TELL: N_("Decide and tell me afterwards"),
    Delegation.DECIDE_FREELY: N_("Decide, no need to report"),
}


class Level(StrEnum):
    MUST = "must"
    SHOULD = "should"
    NICE = "nice"


LEVEL_LABELS = {
    Level.MUST: N_("Must have"),
    Level.SHOULD: N_("Should have"),
    Level.NICE: N_("Nice to have"),
}


class BudgetBasis(StrEnum):
    FIXED = "fixed"
    HOURLY = "hourly"
    MONTHLY = "monthly"


BUDGET_BASIS_LABELS = {
    BudgetBasis.FIXED: N_("Fixed price"),
    BudgetBasis.HOURLY: N_("Per hour"),
    BudgetBasis.MONTHLY: N_("Per month"),
}

EXPECTATION_MAX_LENGTH = 2000
MEASURE_MAX_LENGTH = 1000


# ---------------------------------------------------------------------------
# The brief's fields, declared once: the editor, validation, the PDF and the
# "what changed" list all read their labels and rules from here.


class FieldKind(StrEnum):
    LINE = "line"  # one line of text
    TEXT = "text"  # free text; list fields hold one item a line
    COUNT = "count"  # a whole number, or None
    MONEY = "money"  # a Decimal >= 0, or None
    DATE = "date"  # a date, or None
    CURRENCY = "currency"  # an ISO 4217 code
    CHOICE = "choice"  # one of `choices`


@dataclass(frozen=True)
class BriefField:
    """One field of a brief: its label, its kind and its bounds."""

    name: str
    label: str
    kind: FieldKind
    help: str = ""
    max_length: int = 0
    minimum: int = 0
    maximum: int = 0
    choices: tuple[str, ...] = ()


_TEXT_LIMIT = 20_000

BRIEF_FIELDS: tuple[BriefField, ...] = (
    BriefField("title", N_("Title"), FieldKind.LINE, N_("What the job is, in a few words."), 200),
    BriefField(
        "summary",
        N_("The job and its context"),
        FieldKind.TEXT,
        N_(
            "What the job is and why it matters to the business: who your customers are, "
            "what the contractor takes over, what they will find when they start."
        ),
        _TEXT_LIMIT,
    ),
    BriefField(
        "deliverables",
        N_("Deliverables"),
        FieldKind.TEXT,
        N_(
            "What you receive, one per line, with its format (e.g. “Monthly profit and loss, PDF”)."
        ),
        _TEXT_LIMIT,
    ),
    BriefField(
        "in_scope",
        N_("In scope"),
        FieldKind.TEXT,
        N_("What the job includes, one per line."),
        _TEXT_LIMIT,
    ),
    BriefField(
        "out_of_scope",
        N_("Out of scope"),
        FieldKind.TEXT,
        N_("What the job does not include, one per line: it saves an argument later."),
        _TEXT_LIMIT,
    ),
    BriefField(
        "success_criteria",
        N_("What success looks like"),
        FieldKind.TEXT,
        N_("How you will know the job is done well, one per line, in numbers where you can."),
        _TEXT_LIMIT,
    ),
    BriefField(
        "acceptance",
        N_("How the work is accepted"),
        FieldKind.TEXT,
        N_("The sign-off: who checks what, and when the work counts as accepted."),
        _TEXT_LIMIT,
    ),
    BriefField(
        "revision_rounds",
        N_("Revision rounds included"),
        FieldKind.COUNT,
        N_("How many rounds of changes the price includes."),
        minimum=0,
        maximum=20,
    ),
    BriefField(
        "deadline",
        N_("Deadline"),
        FieldKind.DATE,
        N_("When the work (or its first delivery) is due."),
    ),
    BriefField(
        "timeline",
        N_("Timeline and milestones"),
        FieldKind.TEXT,
        N_("Milestones or the recurring schedule, one per line."),
        _TEXT_LIMIT,
    ),
    BriefField(
        "budget", N_("Budget"), FieldKind.MONEY, N_("What you will pay, in the currency chosen.")
    ),
    BriefField(
        "currency", N_("Currency"), FieldKind.CURRENCY, N_("An ISO 4217 code, e.g. USD or EUR.")
    ),
    BriefField(
        "budget_basis",
        N_("Budget basis"),
        FieldKind.CHOICE,
        N_("A fixed price, per hour or per month."),
        choices=tuple(BudgetBasis),
    ),
    BriefField(
        "report_every_days",
        N_("Report progress every"),
        FieldKind.COUNT,
        N_("How often, in days, the contractor reports progress."),
        minimum=1,
        maximum=365,
    ),
    BriefField(
        "report_how",
        N_("How to report"),
        FieldKind.TEXT,
        N_("What a progress report contains and where it goes."),
        _TEXT_LIMIT,
    ),
    BriefField(
        "delegation_level",
        N_("Delegation"),
        FieldKind.CHOICE,
        N_("How far the contractor may decide alone."),
        choices=tuple(str(d.value) for d in Delegation),
    ),
    BriefField(
        "decide_alone",
        N_("Decide on your own"),
        FieldKind.TEXT,
        N_("Judgement calls the contractor makes without asking, one per line."),
        _TEXT_LIMIT,
    ),
    BriefField(
        "ask_first",
        N_("Ask me first"),
        FieldKind.TEXT,
        N_("Decisions the contractor brings to you before acting, one per line."),
        _TEXT_LIMIT,
    ),
    BriefField(
        "contact",
        N_("Contact"),
        FieldKind.TEXT,
        N_("Who to contact and how (email, chat, phone)."),
        2000,
    ),
    BriefField(
        "working_hours",
        N_("Working hours"),
        FieldKind.LINE,
        N_("When you are reachable, with the time zone."),
        200,
    ),
    BriefField(
        "skills",
        N_("Skills needed"),
        FieldKind.LINE,
        N_("Comma-separated, e.g. “Xero, bank reconciliation”."),
        500,
    ),
    BriefField(
        "language",
        N_("Language of the brief"),
        FieldKind.CHOICE,
        N_("The language its PDF is written in: headings, dates and money."),
        # "": the app's language, whichever it is when the PDF is written.
        choices=("", *LANGUAGES),
    ),
    BriefField(
        "status",
        N_("Status"),
        FieldKind.CHOICE,
        N_("Where the brief stands."),
        choices=tuple(BriefStatus),
    ),
)

FIELDS_BY_NAME: dict[str, BriefField] = {spec.name: spec for spec in BRIEF_FIELDS}


def clean_field(name: str, value: Any) -> Any:
    """`value` checked and typed for the field `name`; ValidationError if it is refused.

    Text is kept exactly as typed (the editor stores every keystroke);
    numbers and dates may come as text ("1 200,50", "2026-12-01").
    """
    spec = FIELDS_BY_NAME.get(name)
    if spec is None:
        raise ValidationError(_("A brief has no field “{name}”.").format(name=name), name)
    return _CLEANERS[spec.kind](spec, value)


def _clean_text(spec: BriefField, value: Any) -> str:
    text = "" if value is None else str(value)
    if spec.name == "title" and not text.strip():
        raise ValidationError(_("A brief needs a title."), spec.name)
    if spec.kind is FieldKind.LINE and "\n" in text:
        text = " ".join(text.split("\n"))
    if len(text) > spec.max_length:
        raise ValidationError(
            _("{field} can be at most {limit} characters (this is {length}).").format(
                field=_(spec.label), limit=integer(spec.max_length), length=integer(len(text))
            ),
            spec.name,
        )
    return text


def _clean_currency(spec: BriefField, value: Any) -> str:
    return check_currency(value, spec.name)


def _clean_choice(spec: BriefField, value: Any) -> str | int:
    if spec.name == "delegation_level":
        try:
            return Delegation(int(value)).value
        except (TypeError, ValueError):
            raise ValidationError(
                _("Choose a delegation level from the list."), spec.name
            ) from None
    if str(value) not in spec.choices:
        raise ValidationError(
            _("{field}: choose one from the list.").format(field=_(spec.label)), spec.name
        )
    return str(value)


def _clean_count(spec: BriefField, value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = None if isinstance(value, bool) else Decimal(str(value).strip())
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or number != number.to_integral_value():
        raise ValidationError(
            _("{field} must be a whole number.").format(field=_(spec.label)), spec.name
        )
    if not spec.minimum <= number <= spec.maximum:
        raise ValidationError(
            _("{field} must be from {minimum} to {maximum}.").format(
                field=_(spec.label), minimum=integer(spec.minimum), maximum=integer(spec.maximum)
            ),
            spec.name,
        )
    return int(number)


def _clean_money(spec: BriefField, value: Any) -> Decimal | None:
    return parse_amount(value, spec.name, _(spec.label))


def _clean_date(spec: BriefField, value: Any) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(
            _("{field}: “{value}” is not a date (write it as 2026-12-31).").format(
                field=_(spec.label), value=value
            ),
            spec.name,
        ) from None


_CLEANERS = {
    FieldKind.LINE: _clean_text,
    FieldKind.TEXT: _clean_text,
    FieldKind.COUNT: _clean_count,
    FieldKind.MONEY: _clean_money,
    FieldKind.DATE: _clean_date,
    FieldKind.CURRENCY: _clean_currency,
    FieldKind.CHOICE: _clean_choice,
}


def deadline_warning(deadline: date | None, today: date) -> str:
    """A warning (never a refusal) for a deadline already past; "" when fine."""
    if deadline is not None and deadline < today:
        return _("The deadline {date} has already passed.").format(date=day(deadline))
    return ""


def clean_expectation(name: str, value: Any) -> Any:
    """A value for the expectation field `name` (text, level, measure), checked."""
    value = "" if value is None else value
    if name == "text":
        text = str(value)
        if not text.strip():
            raise ValidationError(_("An expectation needs some text."), "text")
        if len(text) > EXPECTATION_MAX_LENGTH:
            raise ValidationError(
                _(
                    "An expectation can be at most {limit} characters (this one has "
                    "{length}). Split it into two."
                ).format(limit=integer(EXPECTATION_MAX_LENGTH), length=integer(len(text))),
                "text",
            )
        return text
    if name == "level":
        if str(value) not in tuple(Level):
            raise ValidationError(_("The level must be must, should or nice."), "level")
        return str(value)
    if name == "measure":
        measure = str(value)
        if len(measure) > MEASURE_MAX_LENGTH:
            raise ValidationError(
                _("A measure can be at most {limit} characters (this one has {length}).").format(
                    limit=integer(MEASURE_MAX_LENGTH), length=integer(len(measure))
                ),
                "measure",
            )
        return measure
    raise ValidationError(_("An expectation has no field “{name}”.").format(name=name), name)


# ---------------------------------------------------------------------------
# A brief's content as plain data: what the editor shows, the PDF prints,
# the clarity check reads, a version keeps and a template holds.

CONTENT_FIELDS = tuple(spec.name for spec in BRIEF_FIELDS)


@dataclass
class ExpectationData:
    text: str
    level: str = Level.SHOULD
    measure: str = ""
    id: int | None = None


@dataclass
class BriefData:
    """A brief's content, detached from the database."""

    title: str = ""
    summary: str = ""
    deliverables: str = ""
    in_scope: str = ""
    out_of_scope: str = ""
    success_criteria: str = ""
    acceptance: str = ""
    revision_rounds: int | None = None
    deadline: date | None = None
    timeline: str = ""
    budget: Decimal | None = None
    currency: str = "USD"
    budget_basis: str = BudgetBasis.FIXED
    report_every_days: int | None = None
    report_how: str = ""
    delegation_level: int = Delegation.AS_WRITTEN
    decide_alone: str = ""
    ask_first: str = ""
    contact: str = ""
    working_hours: str = ""
    skills: str = ""
    # A shipped language ("de"), or "": the app's.
    language: str = ""
    status: str = BriefStatus.DRAFT
    expectations: list[ExpectationData] = field(default_factory=list)
    # Names of the time-audit tasks the brief hands off (for reading, not matching).
    tasks: list[str] = field(default_factory=list)
    id: int | None = None
    # How those tasks are done: the procedures of those that have one, in
    # the order of `tasks` (read from the database, never from JSON: each
    # procedure keeps versions of its own).
    procedures: list[ProcedureData] = field(default_factory=list)

    def fields(self) -> dict[str, Any]:
        """The brief's own fields (no expectations), by name."""
        return {name: getattr(self, name) for name in CONTENT_FIELDS}

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (dates ISO, money as text)."""
        brief: dict[str, Any] = {
            name: value.isoformat()
            if isinstance(value, date)
            else str(value)
            if isinstance(value, Decimal)
            else value
            for name, value in self.fields().items()
        }
        brief["expectations"] = [
            {"text": e.text, "level": str(e.level), "measure": e.measure}
            | ({"id": e.id} if e.id is not None else {})
            for e in self.expectations
        ]
        if self.tasks:
            brief["tasks"] = list(self.tasks)
        return brief


def brief_data_from_json(raw: Any) -> BriefData:
    """Checked BriefData from a JSON object (a template or a stored version).

    Missing fields take their defaults; anything wrong raises ValidationError
    that names the field (or "expectations[N].field").
    """
    if not isinstance(raw, Mapping):
        raise ValidationError(_("The brief must be a JSON object of fields."))
    unknown = set(raw) - {*CONTENT_FIELDS, "expectations", "tasks", "id"}
    if unknown:
        name = sorted(unknown)[0]
        raise ValidationError(_("Unknown field “{name}”.").format(name=name), name)
    values = {name: clean_field(name, raw[name]) for name in CONTENT_FIELDS if name in raw}
    expectations_raw = raw.get("expectations", [])
    if not isinstance(expectations_raw, list):
        raise ValidationError(_("“expectations” must be a list."), "expectations")
    expectations = []
    for number, item in enumerate(expectations_raw, start=1):
        if not isinstance(item, Mapping):
            raise ValidationError(
                _("Expectation {number} must be an object.").format(number=number), "expectations"
            )
        try:
            expectations.append(
                ExpectationData(
                    text=clean_expectation("text", item.get("text")),
                    level=clean_expectation("level", item.get("level", Level.SHOULD)),
                    measure=clean_expectation("measure", item.get("measure", "")),
                    id=item.get("id") if isinstance(item.get("id"), int) else None,
                )
            )
        except ValidationError as error:
            raise ValidationError(
                _("Expectation {number}: {error}").format(number=number, error=error),
                f"expectations[{number}].{error.field}",
            ) from None
    tasks = raw.get("tasks", [])
    return BriefData(
        **values,
        expectations=expectations,
        tasks=[str(name) for name in tasks] if isinstance(tasks, list) else [],
    )


def brief_json_text(data: BriefData) -> str:
    """`data` as JSON text, as a version keeps it."""
    return json.dumps(data.to_json(), ensure_ascii=False)


def brief_from_json_text(text: str) -> BriefData:
    """The BriefData in JSON `text`; ValueError or ValidationError when it cannot be read."""
    return brief_data_from_json(json.loads(text))
