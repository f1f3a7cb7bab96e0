"""Referrals as people: whom the owner asked for a recommendation, when, and
whom they recommended.

A `Referrer` is a person (a colleague, a client, a friend in the trade).
Each `ReferralRequest` is one time the owner asked them (for a brief, or in
general); each `Recommendation` links them to a contractor they named, and
makes that contractor's source "Referral from <their name>", so the source
names a person with a history instead of a free-text field.

Every edit is one transaction and returns what its undo needs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, TextField

from desktop_app.models import versions
from desktop_app.models.base import BaseModel, database, now
from desktop_app.models.briefs import Brief
from desktop_app.models.contractor_input import check_email, check_text
from desktop_app.models.contractors import Contractor, Source
from desktop_app.models.errors import UserError, ValidationError
from desktop_app.models.i18n import _
from desktop_app.models.rows import tuples
from desktop_app.models.snapshots import RowSnapshot, delete_with_snapshot, restore


class Referrer(BaseModel):
    """Someone the owner asks to recommend contractors."""

    name = CharField(max_length=200, index=True)
    email = CharField(max_length=254, default="")
    relation = CharField(max_length=200, default="")  # "fellow shop owner", "my accountant"
    notes = TextField(default="")
    created_at = DateTimeField(default=now)


class ReferralRequest(BaseModel):
    """One time the owner asked a referrer for a recommendation."""

    referrer = ForeignKeyField(Referrer, backref="requests", on_delete="CASCADE")
    referrer_id: int
    brief = ForeignKeyField(Brief, backref="referral_requests", null=True, on_delete="SET NULL")
    brief_id: int | None
    asked_on = DateField(index=True)
    notes = TextField(default="")


class Recommendation(BaseModel):
    """A contractor a referrer recommended."""

    referrer = ForeignKeyField(Referrer, backref="recommendations", on_delete="CASCADE")
    referrer_id: int
    contractor = ForeignKeyField(Contractor, backref="recommendations", on_delete="CASCADE")
    contractor_id: int
    request = ForeignKeyField(
        ReferralRequest, backref="recommendations", null=True, on_delete="SET NULL"
    )
    request_id: int | None
    recommended_on = DateField()

    class Meta:
        indexes = ((("referrer", "contractor"), True),)


def parse_referrer(raw: Mapping[str, Any]) -> dict[str, Any]:
    """A referrer's values from what the owner typed; every refusal names its field."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    checks: dict[str, Callable[[str], str]] = {
        "name": lambda t: check_text(t, "name", "Name", 200, required=True),
        "email": check_email,
        "relation": lambda t: check_text(t, "relation", "Who they are", 200),
        "notes": lambda t: check_text(t, "notes", "Notes", 20000),
    }
    for key, check in checks.items():
        try:
            values[key] = check(str(raw.get(key) or ""))
        except ValidationError as error:
            errors[key] = str(error)
    if errors:
        raise ValidationError.from_errors(errors)
    return values


def add_referrer(values: Mapping[str, Any]) -> int:
    with database.atomic():
        return Referrer.create(**dict(values)).id


def update_referrer(referrer_id: int, values: Mapping[str, Any]) -> dict[str, Any]:
    """Change the referrer; returns the old values (for `update_referrer` again)."""
    with database.atomic():
        row = _referrer(referrer_id)
        old = {key: getattr(row, key) for key in values}
        Referrer.update(**dict(values)).where(Referrer.id == referrer_id).execute()
        if "name" in values:
            # The contractors they recommended name them as their source.
            recommended = Recommendation.select(Recommendation.contractor).where(
                Recommendation.referrer == referrer_id
            )
            contractor_ids = [r.contractor_id for r in recommended]
            Contractor.update(source_detail=values["name"]).where(
                Contractor.id.in_(contractor_ids) & (Contractor.source == Source.REFERRAL)
            ).execute()
    return old


def delete_referrer(referrer_id: int) -> RowSnapshot:
    """Delete a referrer with their requests and recommendations (undo: `restore_rows`)."""
    return delete_with_snapshot(_referrer(referrer_id))


def restore_rows(snapshot: RowSnapshot) -> None:
    restore(snapshot)


def _referrer(referrer_id: int) -> Referrer:
    row = Referrer.get_or_none(Referrer.id == referrer_id)
    if row is None:
        raise UserError(_("That person is no longer in your referrers."))
    return row


def ask_for_referral(
    referrer_id: int, brief_id: int | None, asked_on: date, notes: str = ""
) -> int:
    """Record that the owner asked `referrer_id` for a recommendation; its id."""
    with database.atomic():
        _referrer(referrer_id)
        if brief_id is not None and not Brief.select().where(Brief.id == brief_id).exists():
            raise UserError(_("That brief no longer exists."))
        return ReferralRequest.create(
            referrer=referrer_id, brief=brief_id, asked_on=asked_on, notes=notes.strip()
        ).id


def delete_request(request_id: int) -> RowSnapshot:
    row = ReferralRequest.get_or_none(ReferralRequest.id == request_id)
    if row is None:
        raise UserError(_("That request is no longer on record."))
    return delete_with_snapshot(row)


@dataclass(frozen=True)
class RecommendationEdit:
    """What `record_recommendation` did: its row, and the contractor's source before."""

    recommendation_id: int
    contractor_id: int
    previous_source: str
    previous_detail: str


def record_recommendation(
    referrer_id: int, contractor_id: int, on: date, request_id: int | None = None
) -> RecommendationEdit:
    """`referrer_id` recommended `contractor_id`: linked, and the contractor's
    source becomes a referral from them."""
    with database.atomic():
        referrer = _referrer(referrer_id)
        contractor = Contractor.get_or_none(Contractor.id == contractor_id)
        if contractor is None:
            raise UserError(_("That contractor is no longer on the bench."))
        if (
            Recommendation.select()
            .where(
                (Recommendation.referrer == referrer_id)
                & (Recommendation.contractor == contractor_id)
            )
            .exists()
        ):
            raise ValidationError(
                _("{name} is already on record as recommending {name2}.").format(
                    name=referrer.name, name2=contractor.name
                ),
                "contractor",
            )
        row = Recommendation.create(
            referrer=referrer_id, contractor=contractor_id, request=request_id, recommended_on=on
        )
        edit = RecommendationEdit(
            row.id, contractor_id, contractor.source, contractor.source_detail
        )
        _set_source(contractor_id, Source.REFERRAL, referrer.name[:200])
    return edit


def undo_recommendation(edit: RecommendationEdit) -> RowSnapshot:
    with database.atomic():
        snapshot = delete_with_snapshot(Recommendation.get_by_id(edit.recommendation_id))
        _set_source(edit.contractor_id, edit.previous_source, edit.previous_detail)
    return snapshot


def redo_recommendation(edit: RecommendationEdit, snapshot: RowSnapshot) -> None:
    with database.atomic():
        restore(snapshot)
        name = Referrer.get_by_id(snapshot.rows[0][1]["referrer"]).name
        _set_source(edit.contractor_id, Source.REFERRAL, name[:200])


def _set_source(contractor_id: int, source: str, detail: str) -> None:
    """A new version of the contractor: a form open on it is refused in turn."""
    versions.save(
        Contractor,
        contractor_id,
        {"source": source, "source_detail": detail},
        what="The contractor",
        check=False,
    )


# ---------------------------------------------------------------------------
# Reading


@dataclass(frozen=True)
class ReferrerRow:
    id: int
    name: str
    email: str
    relation: str
    notes: str
    asked: int
    last_asked: date | None
    recommended: tuple[str, ...]  # names of the contractors they recommended


def referrer_rows() -> list[ReferrerRow]:
    """Every referrer with how often they were asked and whom they recommended."""
    asked: dict[int, list[date]] = {}
    for request in ReferralRequest.select(ReferralRequest.referrer, ReferralRequest.asked_on):
        asked.setdefault(request.referrer_id, []).append(request.asked_on)
    recommended: dict[int, list[str]] = {}
    query = (
        Recommendation.select(Recommendation.referrer, Contractor.name)
        .join(Contractor)
        .order_by(Contractor.name)
    )
    for row in query:
        recommended.setdefault(row.referrer_id, []).append(row.contractor.name)
    return [
        ReferrerRow(
            r.id,
            r.name,
            r.email,
            r.relation,
            r.notes,
            len(asked.get(r.id, [])),
            max(asked[r.id]) if r.id in asked else None,
            tuple(recommended.get(r.id, [])),
        )
        for r in Referrer.select().order_by(Referrer.name, Referrer.id)
    ]


@dataclass(frozen=True)
class ReferralEvent:
    """One line of a referrer's history."""

    day: date
    text: str
    request_id: int | None = None
    contractor_id: int | None = None


def referrer_history(referrer_id: int) -> list[ReferralEvent]:
    """What happened with a referrer, newest first: each ask, each recommendation."""
    _referrer(referrer_id)
    events = []
    for request in ReferralRequest.select().where(ReferralRequest.referrer == referrer_id):
        brief = Brief.get_or_none(Brief.id == request.brief_id) if request.brief_id else None
        what = (
            f"Asked for a recommendation for “{brief.title}”"
            if brief
            else "Asked for a recommendation"
        )
        events.append(
            ReferralEvent(request.asked_on, what + (f": {request.notes}" if request.notes else ""),
                          request_id=request.id)
        )  # fmt: skip
    query = tuples(
        Recommendation.select(Recommendation.recommended_on, Contractor.id, Contractor.name)
        .join(Contractor)
        .where(Recommendation.referrer == referrer_id)
    )
    for day, contractor_id, name in query:
        events.append(ReferralEvent(day, f"Recommended {name}", contractor_id=contractor_id))
    return sorted(events, key=lambda e: (e.day, e.text), reverse=True)


def referrer_of(contractor_id: int) -> tuple[int, str] | None:
    """(id, name) of the person who recommended the contractor, if on record."""
    row = (
        Recommendation.select(Referrer.id, Referrer.name)
        .join(Referrer)
        .where(Recommendation.contractor == contractor_id)
        .order_by(Recommendation.id)
        .tuples()
        .first()
    )
    return None if row is None else (row[0], row[1])


def referrer_choices() -> list[tuple[int, str]]:
    return [(r.id, r.name) for r in Referrer.select().order_by(Referrer.name, Referrer.id)]


def contractor_choices() -> list[tuple[int, str]]:
    """(id, name) of every contractor, by name: whom a referrer may have recommended."""
    query = Contractor.select(Contractor.id, Contractor.name).order_by(
        Contractor.name, Contractor.id
    )
    return [(contractor_id, name) for contractor_id, name in tuples(query)]
