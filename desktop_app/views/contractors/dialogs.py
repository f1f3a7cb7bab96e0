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
from desktop_app.views.contractors.form import Field, FormDialog

SCORE_CHOICES = [("", "")] + [(str(n), str(n)) for n in range(1, 6)]


def contractor_fields(*, with_stage: bool) -> list[Field]:
    fields = [
        Field("name", "Name", placeholder="Person or agency"),
        Field("kind", "Kind", "choice", list(KIND_LABELS.items())),
        Field(
            "skills",
            "Skills and tags",
            placeholder="bookkeeping, Xero, VAT returns",
            help="Comma-separated; the search finds contractors by these.",
        ),
        Field("email", "E-mail"),
        Field("phone", "Phone", placeholder="+44 20 7946 0958"),
        Field("website", "Website or profile", placeholder="https://…"),
        Field("location", "Location", placeholder="City, country"),
        Field(
            "timezone",
            "Time zone",
            "editable",
            [("", "")] + [(zone, zone) for zone in sorted(known_timezones())],
            help="An IANA name such as Europe/Lisbon, or an offset such as UTC+2.",
        ),
        Field(
            "working_hours",
            "Working hours",
            placeholder="09:00–17:00",
            help="Their working hours in their own time zone, to see the hours you share.",
        ),
        Field("rate", "Rate", placeholder="0.00"),
        Field("rate_unit", "Rate unit", "choice", list(RATE_UNIT_LABELS.items())),
        Field("currency", "Currency", "editable", [(c, c) for c in sorted(ISO_4217_CODES)]),
        Field(
            "source",
            "Source",
            "choice",
            [(s.value, label) for s, label in bench.SOURCE_LABELS.items()],
        ),
        Field(
            "source_detail",
            "Site or referrer",
            help="The niche site you found them on, or who referred them.",
        ),
    ]
    if with_stage:
        fields.append(
            Field(
                "stage",
                "Stage",
                "choice",
                [(s.value, label) for s, label in bench.STAGE_LABELS.items()],
            )
        )
    fields += [
        Field("rating", "Your rating (1-5)", "editable", SCORE_CHOICES),
        Field("last_contact", "Last contact", "date"),
        Field("notes", "Notes", "multiline"),
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
        "New contractor" if values is None else f"Edit {values['name']}",
        contractor_fields(with_stage=is_new),
        texts,
        lambda raw: parse_contractor(raw, partial=not is_new),
        parent=parent,
    )


def reference_dialog(parent: QWidget, values: dict[str, Any] | None = None) -> FormDialog:
    return FormDialog(
        "referenceDialog",
        "New reference" if values is None else "Edit reference",
        [
            Field("name", "From whom"),
            Field("relation", "Relation", "choice", list(RELATION_LABELS.items())),
            Field("contact", "How to reach them", placeholder="e-mail, phone or profile"),
            Field("said", "What they said", "multiline"),
            Field("checked", "Checked: I spoke to them myself", "check"),
        ],
        values or {"relation": "client"},
        bench.parse_reference,
        parent=parent,
    )


def portfolio_link_dialog(parent: QWidget, values: dict[str, Any] | None = None) -> FormDialog:
    return FormDialog(
        "portfolioDialog",
        "New portfolio link" if values is None else "Edit portfolio item",
        [
            Field("title", "Title", placeholder="What the work is"),
            Field("url", "Address", placeholder="https://…"),
            Field("notes", "Notes", "multiline"),
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
        Field("held_at", "Date and time", "datetime"),
        Field("held", "Held: the interview has taken place", "check"),
        Field("medium", "Medium", "choice", list(MEDIUM_LABELS.items())),
        Field("brief", "For brief", "choice", [(0, "No brief"), *briefs]),
    ]
    fields += [
        Field(key, f"{SCORE_LABELS[key]} (1-5)", "editable", SCORE_CHOICES) for key in SCORE_FIELDS
    ]
    fields += [
        Field("decision", "Decision", "choice", list(DECISION_LABELS.items())),
        Field("notes", "Notes", "multiline"),
    ]
    return FormDialog(
        "interviewDialog",
        "New interview" if values is None else "Edit interview",
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
        f"Move {name} to {labels[bench.Stage(to_stage)]}",
        [
            Field(
                "reason",
                "Reason (optional)",
                "multiline",
                placeholder="e.g. Strong references; invited to a paid trial",
            )
        ],
        {},
        lambda raw: check_text(raw["reason"], "reason", "The reason", 2000),
        parent=parent,
        intro=f"{name}: {labels[bench.Stage(from_stage)]} → {labels[bench.Stage(to_stage)]}. "
        "The move and its reason are kept in the History tab.",
    )
