"""The forms of the Contractors tab: a contractor, a reference, a portfolio
link, an interview, and the reason for a pipeline move."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QWidget

from desktop_app.models import contractors as bench
from desktop_app.models.contractor_input import (
    DECISION_LABELS,
    KIND_LABELS,
    MEDIUM_LABELS,
    RATE_UNIT_LABELS,
    RELATION_LABELS,
    SCORE_FIELDS,
    SCORE_LABELS,
    check_text,
    known_timezones,
    parse_contractor,
)
from desktop_app.models.currencies import ISO_4217_CODES
from desktop_app.models.i18n import _
from desktop_app.views.contractors.form import Field, FormDialog

SCORE_CHOICES = [("", "")] + [(str(n), str(n)) for n in range(1, 6)]


def contractor_fields(*, with_stage: bool) -> list[Field]:
    fields = [
        Field("name", _("Name"), placeholder=_("Person or agency")),
        Field("kind", _("Kind"), "choice", list(KIND_LABELS.items())),
        Field(
            "skills",
            _("Skills and tags"),
            placeholder=_("bookkeeping, Xero, VAT returns"),
            help=_("Comma-separated; the search finds contractors by these."),
        ),
        Field("email", _("E-mail")),
        Field("phone", _("Phone"), placeholder="+44 20 7946 0958"),
        Field("website", _("Website or profile"), placeholder=_("https://…")),
        Field("location", _("Location"), placeholder=_("City, country")),
        Field(
            "timezone",
            _("Time zone"),
            "editable",
            [("", "")] + [(zone, zone) for zone in sorted(known_timezones())],
            help=_("An IANA name such as Europe/Lisbon, or an offset such as UTC+2."),
        ),
        Field(
            "working_hours",
            _("Working hours"),
            placeholder="09:00–17:00",
            help=_("Their working hours in their own time zone, to see the hours you share."),
        ),
        Field("rate", _("Rate"), placeholder="0.00"),
        Field("rate_unit", _("Rate unit"), "choice", list(RATE_UNIT_LABELS.items())),
        Field("currency", _("Currency"), "editable", [(c, c) for c in sorted(ISO_4217_CODES)]),
        Field(
            "source",
            _("Source"),
            "choice",
            [(s.value, label) for s, label in bench.SOURCE_LABELS.items()],
        ),
        Field(
            "source_detail",
            _("Site or referrer"),
            help=_("The niche site you found them on, or who referred them."),
        ),
    ]
    if with_stage:
        fields.append(
            Field(
                "stage",
                _("Stage"),
                "choice",
                [(s.value, label) for s, label in bench.STAGE_LABELS.items()],
            )
        )
    fields += [
        Field("rating", _("Your rating (1-5)"), "editable", SCORE_CHOICES),
        Field("last_contact", _("Last contact"), "date"),
        Field("notes", _("Notes"), "multiline"),
    ]
    return fields


def contractor_texts(values: dict[str, Any]) -> dict[str, Any]:
    """Stored values as the form shows them."""
    texts = dict(values)
    rate = values.get("rate")
    texts["rate"] = "" if rate is None else f"{Decimal(rate):.2f}"
    texts["rating"] = "" if values.get("rating") is None else str(values["rating"])
    return texts


def contractor_dialog(
    parent: QWidget, values: dict[str, Any] | None = None, *, currency: str = "USD"
) -> FormDialog:
    """A new contractor (values None) or an edit of one; result: parsed values."""
    is_new = values is None
    texts = (
        contractor_texts(values)
        if values
        else {
            "currency": currency,
            "kind": "individual",
            "source": "independent",
            "rate_unit": "hour",
        }
    )
    return FormDialog(
        "contractorDialog",
        _("New contractor") if values is None else _("Edit {name}").format(name=values["name"]),
        contractor_fields(with_stage=is_new),
        texts,
        lambda raw: parse_contractor(raw, partial=not is_new),
        parent=parent,
    )


def reference_dialog(parent: QWidget, values: dict[str, Any] | None = None) -> FormDialog:
    return FormDialog(
        "referenceDialog",
        _("New reference") if values is None else _("Edit reference"),
        [
            Field("name", _("From whom")),
            Field("relation", _("Relation"), "choice", list(RELATION_LABELS.items())),
            Field("contact", _("How to reach them"), placeholder=_("e-mail, phone or profile")),
            Field("said", _("What they said"), "multiline"),
            Field("checked", _("Checked: I spoke to them myself"), "check"),
        ],
        values or {"relation": "client"},
        bench.parse_reference,
        parent=parent,
    )


def portfolio_link_dialog(parent: QWidget, values: dict[str, Any] | None = None) -> FormDialog:
    return FormDialog(
        "portfolioDialog",
        _("New portfolio link") if values is None else _("Edit portfolio item"),
        [
            Field("title", _("Title"), placeholder=_("What the work is")),
            Field("url", _("Address"), placeholder=_("https://…")),
            Field("notes", _("Notes"), "multiline"),
        ],
        values or {},
        bench.parse_portfolio_link,
        parent=parent,
    )


def interview_dialog(
    parent: QWidget,
    briefs: list[tuple[int, str]],
    values: dict[str, Any] | None = None,
) -> FormDialog:
    texts = dict(values or {"held_at": datetime.now().replace(second=0, microsecond=0)})
    texts["brief"] = texts.get("brief") or 0
    for key in SCORE_FIELDS:
        texts[key] = "" if texts.get(key) is None else str(texts[key])
    fields = [
        Field("held_at", _("Date and time"), "datetime"),
        Field("held", _("Held: the interview has taken place"), "check"),
        Field("medium", _("Medium"), "choice", list(MEDIUM_LABELS.items())),
        Field("brief", _("For brief"), "choice", [(0, _("No brief")), *briefs]),
    ]
    fields += [
        Field(key, f"{SCORE_LABELS[key]} (1-5)", "editable", SCORE_CHOICES) for key in SCORE_FIELDS
    ]
    fields += [
        Field("decision", _("Decision"), "choice", list(DECISION_LABELS.items())),
        Field("notes", _("Notes"), "multiline"),
    ]
    return FormDialog(
        "interviewDialog",
        _("New interview") if values is None else _("Edit interview"),
        fields,
        texts,
        lambda raw: bench.parse_interview({**raw, "brief": raw.get("brief") or None}),
        parent=parent,
    )


def move_stage_dialog(parent: QWidget, name: str, from_stage: str, to_stage: str) -> FormDialog:
    """Asks for an optional reason; result: the reason text."""
    labels = bench.STAGE_LABELS
    return FormDialog(
        "moveStageDialog",
        _("Move {name} to {labels}").format(name=name, labels=labels[bench.Stage(to_stage)]),
        [
            Field(
                "reason",
                _("Reason (optional)"),
                "multiline",
                placeholder=_("e.g. Strong references; invited to a paid trial"),
            )
        ],
        {},
        lambda raw: check_text(raw["reason"], "reason", _("The reason"), 2000),
        parent=parent,
        intro=_(
            "{name}: {before} → {after}. The move and its reason are kept in the History tab."
        ).format(
            name=name,
            before=_(labels[bench.Stage(from_stage)]),
            after=_(labels[bench.Stage(to_stage)]),
        ),
    )
