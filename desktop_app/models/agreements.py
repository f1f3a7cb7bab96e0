"""Agreements of an engagement, and the statement of work made from its brief.

An agreement is a contract, an NDA, a statement of work or an IP
assignment: when it was signed, the notice period, the confidentiality, IP
and payment terms in a line each, and the signed file (stored like a
portfolio sample, `attachments.py`). The statement of work (`pdf/sow.py`)
is written from the brief, the engagement's terms and these lines, to be
signed outside the app.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from peewee import (
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    SmallIntegerField,
    TextField,
)

from desktop_app.models.attached_files import clean_attachment
from desktop_app.models.base import BaseModel, now
from desktop_app.models.briefs import BriefData, load_brief
from desktop_app.models.contractors import rate_text
from desktop_app.models.engagements import Engagement, EngagementRow, day_text, get_engagement
from desktop_app.models.errors import ValidationError
from desktop_app.models.field_checks import date_or_none, line_text, note_text
from desktop_app.models.i18n import N_, _, count
from desktop_app.models.settings import load_settings
from desktop_app.models.snapshots import RowSnapshot, delete_with_snapshot


class AgreementKind(StrEnum):
    CONTRACT = "contract"
    NDA = "nda"
    SOW = "sow"
    IP_ASSIGNMENT = "ip"


AGREEMENT_KIND_LABELS = {
    AgreementKind.CONTRACT: N_("Contract"),
    AgreementKind.NDA: N_("NDA"),
    AgreementKind.SOW: N_("Statement of work"),
    AgreementKind.IP_ASSIGNMENT: N_("IP assignment"),
}

LINE_MAX_LENGTH = 500
MAX_NOTICE_DAYS = 365
DEFAULT_PAYMENT_TERMS = N_("Invoice monthly; paid within 14 days of the invoice.")


class Agreement(BaseModel):
    """One agreement with the contractor of an engagement."""

    engagement = ForeignKeyField(Engagement, backref="agreements", on_delete="CASCADE")
    engagement_id: int
    kind = CharField(max_length=10, default=AgreementKind.CONTRACT)
    signed_on = DateField(null=True)
    notice_days = SmallIntegerField(null=True)
    confidentiality = CharField(max_length=LINE_MAX_LENGTH, default="")
    ip_terms = CharField(max_length=LINE_MAX_LENGTH, default="")
    payment_terms = CharField(max_length=LINE_MAX_LENGTH, default="")
    # The signed file, stored like a portfolio sample (attachments.py).
    file_hash = CharField(max_length=64, null=True)
    file_name = CharField(max_length=300, default="")
    file_size = IntegerField(null=True)
    note = TextField(default="")
    created_at = DateTimeField(default=now)


AGREEMENT_FIELDS = (
    "kind",
    "signed_on",
    "notice_days",
    "confidentiality",
    "ip_terms",
    "payment_terms",
    "file_hash",
    "file_name",
    "file_size",
    "note",
)
FIELD_LABELS = {
    "kind": "Kind",
    "signed_on": "Signed on",
    "notice_days": "Notice period",
    "confidentiality": "Confidentiality",
    "ip_terms": "Intellectual property",
    "payment_terms": "Payment terms",
    "note": "Note",
}


def _notice_days(value: object) -> int | None:
    days = value.strip() or None if isinstance(value, str) else value
    if isinstance(days, str):
        try:
            days = int(days)
        except ValueError:
            raise ValidationError(
                _("The notice period is a whole number of days."), "notice_days"
            ) from None
    if days is not None and (isinstance(days, bool) or not isinstance(days, int)):
        raise ValidationError(_("The notice period is a whole number of days."), "notice_days")
    if days is not None and not 0 <= days <= MAX_NOTICE_DAYS:
        raise ValidationError(
            _("A notice period is from 0 to {MAX_NOTICE_DAYS} days.").format(
                MAX_NOTICE_DAYS=MAX_NOTICE_DAYS
            ),
            "notice_days",
        )
    return days


def clean_agreement_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """`values` checked; a refusal names its field and nothing is written."""
    unknown = set(values) - set(AGREEMENT_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    clean: dict[str, Any] = {}
    if "kind" in values:
        if values["kind"] not in {kind.value for kind in AgreementKind}:
            raise ValidationError(
                _("Choose a contract, an NDA, a statement of work or an IP assignment."), "kind"
            )
        clean["kind"] = str(values["kind"])
    if "signed_on" in values:
        clean["signed_on"] = date_or_none(values["signed_on"], "signed_on", "Signed on")
    if "notice_days" in values:
        clean["notice_days"] = _notice_days(values["notice_days"])
    for name in ("confidentiality", "ip_terms", "payment_terms"):
        if name in values:
            clean[name] = line_text(values[name], name, FIELD_LABELS[name], LINE_MAX_LENGTH)
    if "note" in values:
        clean["note"] = note_text(values["note"])
    return clean | clean_attachment(values)


def add_agreement(engagement_id: int, values: Mapping[str, Any]) -> int:
    Engagement.get_by_id(engagement_id)
    clean = clean_agreement_values(values)
    return Agreement.create(engagement=engagement_id, **clean).id


def update_agreement(agreement_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Change an agreement; returns the previous values of what was written."""
    row = Agreement.get_by_id(agreement_id)
    clean = clean_agreement_values(changes)
    previous = {name: getattr(row, name) for name in clean}
    write_agreement_values(agreement_id, clean)
    return previous


def write_agreement_values(agreement_id: int, values: Mapping[str, Any]) -> None:
    if values:
        Agreement.update(dict(values)).where(Agreement.id == agreement_id).execute()


def delete_agreement(agreement_id: int) -> RowSnapshot:
    return delete_with_snapshot(Agreement.get_by_id(agreement_id))


@dataclass(frozen=True)
class AgreementRow:
    id: int
    engagement_id: int
    kind: str
    signed_on: date | None
    notice_days: int | None
    confidentiality: str
    ip_terms: str
    payment_terms: str
    file_hash: str | None
    file_name: str
    file_size: int | None
    note: str

    @property
    def kind_label(self) -> str:
        return _(AGREEMENT_KIND_LABELS.get(AgreementKind(self.kind), self.kind))

    @property
    def notice_text(self) -> str:
        return notice_text(self.notice_days)


def notice_text(days: int | None) -> str:
    if days is None:
        return ""
    if days == 0:
        return _("No notice")
    if days % 7 == 0 and days < 70:
        return count(days // 7, "{count} week", "{count} weeks")
    return count(days, "{count} day", "{count} days")


def agreements_of(engagement_id: int) -> list[AgreementRow]:
    """The engagement's agreements, the latest signed first, unsigned last."""
    query = Agreement.select().where(Agreement.engagement == engagement_id)
    rows = [
        AgreementRow(
            row.id,
            row.engagement_id,
            row.kind,
            row.signed_on,
            row.notice_days,
            row.confidentiality,
            row.ip_terms,
            row.payment_terms,
            row.file_hash,
            row.file_name,
            row.file_size,
            row.note,
        )
        for row in query
    ]
    return sorted(
        rows, key=lambda r: (r.signed_on is None, -(r.signed_on or date.min).toordinal(), r.id)
    )


# ---------------------------------------------------------------------------
# The statement of work


@dataclass(frozen=True)
class StatementOfWork:
    """What the statement-of-work PDF prints.

    Terms come from the statement of work on record, else the contract, else
    defaults that say so (`terms_source`).
    """

    engagement: EngagementRow
    brief: BriefData
    business_name: str
    owner_name: str
    rate: str
    payment_terms: str
    notice: str
    confidentiality: str
    ip_terms: str
    terms_source: str
    today: date

    @property
    def title(self) -> str:
        return _("Statement of work: {title}").format(title=self.brief.title)


def statement_of_work(engagement_id: int, today: date) -> StatementOfWork:
    """The statement of work of an engagement, from its brief and agreements."""
    row = get_engagement(engagement_id, today)
    brief = load_brief(row.brief_id)
    agreements = agreements_of(engagement_id)
    chosen = next(
        (
            a
            for kind in (AgreementKind.SOW, AgreementKind.CONTRACT)
            for a in agreements
            if a.kind == kind
        ),
        None,
    )
    settings = load_settings()
    if row.rate is not None:
        rate = rate_text(row.rate, row.rate_unit, row.currency)
    elif brief.budget is not None:
        rate = rate_text(Decimal(brief.budget), _unit(brief.budget_basis), brief.currency)
    else:
        rate = _("To be agreed")
    return StatementOfWork(
        engagement=row,
        brief=brief,
        business_name=settings.business_name,
        owner_name=settings.owner_name,
        rate=rate,
        payment_terms=(chosen.payment_terms if chosen else "") or _(DEFAULT_PAYMENT_TERMS),
        notice=(
            _("{notice} written notice by either side").format(notice=chosen.notice_text)
            if chosen and chosen.notice_days is not None
            else _("As agreed in the contract")
        ),
        confidentiality=(chosen.confidentiality if chosen else "")
        or _("Everything about the business and its customers stays confidential."),
        ip_terms=(chosen.ip_terms if chosen else "")
        or _("The work, once paid for, belongs to the business."),
        terms_source=_terms_source(chosen),
        today=today,
    )


def _terms_source(chosen: AgreementRow | None) -> str:
    """Where the statement's terms come from, as one sentence."""
    if chosen is None:
        return _("No agreement recorded: the usual terms are printed; change them before signing.")
    is_sow = chosen.kind == AgreementKind.SOW
    if chosen.signed_on is None:
        return (
            _("Terms from the statement of work (not signed yet)")
            if is_sow
            else _("Terms from the contract (not signed yet)")
        )
    signed = (
        _("Terms from the statement of work signed {date}")
        if is_sow
        else _("Terms from the contract signed {date}")
    )
    return signed.format(date=day_text(chosen.signed_on))


def _unit(basis: str) -> str:
    return {"hourly": "hour", "monthly": "month"}.get(basis, "project")
