"""The access register: which tools and accounts a contractor can reach.

For each engagement: the tool or account's name, the level (view, edit,
admin), when it was granted and by whom, and when it was revoked. Never a
password or a key: a field that looks like one is refused, with why
(`secret_check.refuse_secret`, the same check as a procedure's tools).
Ending or pausing an engagement revokes the accesses the owner picks, in
the same transaction (`hiring.py`); an ended engagement with an access
still open is a warning on the Overview.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from desktop_app.models import versions
from desktop_app.models.base import BaseModel, database, now
from desktop_app.models.briefs import Brief
from desktop_app.models.contractors import Contractor
from desktop_app.models.engagements import Engagement, EngagementStatus
from desktop_app.models.errors import ValidationError
from desktop_app.models.field_checks import date_or_none, line_text, note_text
from desktop_app.models.formats import day
from desktop_app.models.i18n import _
from desktop_app.models.rows import tuples
from desktop_app.models.secret_check import refuse_secret
from desktop_app.models.snapshots import RowSnapshot, delete_with_snapshot


class AccessLevel(StrEnum):
    VIEW = "view"
    EDIT = "edit"
    ADMIN = "admin"


ACCESS_LEVEL_LABELS = {
    AccessLevel.VIEW: "View",
    AccessLevel.EDIT: "Edit",
    AccessLevel.ADMIN: "Admin",
}

NAME_MAX_LENGTH = 200


class AccessGrant(BaseModel):
    """One tool or account a contractor was given access to."""

    engagement = ForeignKeyField(Engagement, backref="accesses", on_delete="CASCADE")
    engagement_id: int
    name = CharField(max_length=NAME_MAX_LENGTH)  # the tool or account, never its password
    level = CharField(max_length=8, default=AccessLevel.EDIT)
    granted_on = DateField()
    granted_by = CharField(max_length=NAME_MAX_LENGTH, default="")
    revoked_on = DateField(null=True, index=True)
    note = TextField(default="")
    created_at = DateTimeField(default=now)
    # No lost updates (`models.versions`, schema 12): bumped by each save,
    # with who saved last and when.
    row_version = IntegerField(default=1)
    changed_by = CharField(max_length=200, default="")
    changed_at = DateTimeField(null=True)


ACCESS_FIELDS = ("name", "level", "granted_on", "granted_by", "revoked_on", "note")
FIELD_LABELS = {
    "name": "Tool or account",
    "level": "Level",
    "granted_on": "Granted on",
    "granted_by": "Granted by",
    "revoked_on": "Revoked on",
    "note": "Note",
}


def _fields(values: Mapping[str, Any]) -> dict[str, Any]:
    """Each field of `values` checked on its own; no secret in any text."""
    unknown = set(values) - set(ACCESS_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    clean: dict[str, Any] = {
        name: refuse_secret(
            line_text(values[name], name, FIELD_LABELS[name], NAME_MAX_LENGTH), name
        )
        for name in ("name", "granted_by")
        if name in values
    }
    if "name" in clean and not clean["name"]:
        raise ValidationError(_("Name the tool or account (e.g. “Shopify staff account”)."), "name")
    if "level" in values:
        if values["level"] not in {level.value for level in AccessLevel}:
            raise ValidationError(_("Choose view, edit or admin."), "level")
        clean["level"] = str(values["level"])
    if "note" in values:
        clean["note"] = refuse_secret(note_text(values["note"]), "note")
    for name in ("granted_on", "revoked_on"):
        if name in values:
            clean[name] = date_or_none(values[name], name, FIELD_LABELS[name])
    return clean


def clean_access_values(values: Mapping[str, Any], current: Mapping[str, Any]) -> dict[str, Any]:
    """`values` checked, as a whole with `current` (what is stored, or {} for a
    new access). A refusal names its field; nothing is written."""
    clean = _fields(values)
    merged = {**current, **clean}
    if merged.get("granted_on") is None:
        raise ValidationError(_("Say when the access was granted."), "granted_on")
    revoked = merged.get("revoked_on")
    if revoked is not None and revoked < merged["granted_on"]:
        raise ValidationError(
            _("Revoked on {revoked}, before it was granted ({granted}).").format(
                revoked=day(revoked), granted=day(merged["granted_on"])
            ),
            "revoked_on",
        )
    return clean


def grant_access(engagement_id: int, values: Mapping[str, Any]) -> int:
    """Record an access given to the engagement's contractor; returns its id."""
    Engagement.get_by_id(engagement_id)
    values = {"level": AccessLevel.EDIT, **values}
    if "name" not in values:
        values["name"] = ""
    clean = clean_access_values(values, {})
    return AccessGrant.create(engagement=engagement_id, **clean).id


def update_access(access_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Change an access (revoke it: `revoked_on`); returns the previous values."""
    row = AccessGrant.get_by_id(access_id)
    current = {name: getattr(row, name) for name in ACCESS_FIELDS}
    clean = clean_access_values(changes, current)
    previous = {name: current[name] for name in clean}
    write_access_values(access_id, clean)
    return previous


def write_access_values(access_id: int, values: Mapping[str, Any]) -> None:
    """Store `values` as they are (for undo, which writes back what was valid)."""
    if values:
        versions.save(AccessGrant, access_id, dict(values), what="This access")


def delete_access(access_id: int) -> RowSnapshot:
    return delete_with_snapshot(AccessGrant.get_by_id(access_id))


# {access id: (revoked_on before, revoked_on written)}: what a revoke changed.
Revocation = dict[int, tuple[date | None, date]]


def revoke_accesses(access_ids: Sequence[int], on: date) -> Revocation:
    """Revoke each of `access_ids` still open, on `on` (never before it was
    granted: then on the day it was granted). Returns what it changed, which
    `unrevoke` takes back and `revoke_again` writes again. Runs in the
    caller's transaction when there is one."""
    changed: Revocation = {}
    with database.atomic():
        rows = AccessGrant.select().where(
            AccessGrant.id.in_(list(access_ids)) & AccessGrant.revoked_on.is_null()
        )
        for row in rows:
            changed[row.id] = (None, max(on, row.granted_on))
        revoke_again(changed)
    return changed


def unrevoke(revocation: Revocation) -> None:
    """Open again what a revoke closed (its undo)."""
    with database.atomic():
        for access_id, (before, _) in revocation.items():
            write_access_values(access_id, {"revoked_on": before})


def revoke_again(revocation: Revocation) -> None:
    """Close again what `unrevoke` opened (the redo)."""
    with database.atomic():
        for access_id, (_, revoked_on) in revocation.items():
            write_access_values(access_id, {"revoked_on": revoked_on})


# ---------------------------------------------------------------------------
# Queries


@dataclass(frozen=True)
class AccessRow:
    id: int
    engagement_id: int
    contractor_name: str
    brief_title: str
    engagement_status: str
    name: str
    level: str
    granted_on: date
    granted_by: str
    revoked_on: date | None
    note: str

    @property
    def is_open(self) -> bool:
        return self.revoked_on is None

    @property
    def level_label(self) -> str:
        return ACCESS_LEVEL_LABELS.get(AccessLevel(self.level), self.level)


def access_rows(engagement_id: int | None = None, *, open_only: bool = False) -> list[AccessRow]:
    """The register (of one engagement when given): open first, then by the day
    it was granted."""
    query = (
        AccessGrant.select(
            AccessGrant, Engagement.id, Engagement.status, Contractor.name, Brief.title
        )
        .join(Engagement)
        .join_from(Engagement, Contractor)
        .join_from(Engagement, Brief)
    )
    if engagement_id is not None:
        query = query.where(AccessGrant.engagement == engagement_id)
    if open_only:
        query = query.where(AccessGrant.revoked_on.is_null())
    fetched = list(query)
    # What the register shows is what this client has read (`models.versions`).
    versions.remember_rows(AccessGrant, ((row.id, row.row_version) for row in fetched))
    rows = [
        AccessRow(
            row.id,
            row.engagement_id,
            row.engagement.contractor.name,
            row.engagement.brief.title,
            row.engagement.status,
            row.name,
            row.level,
            row.granted_on,
            row.granted_by,
            row.revoked_on,
            row.note,
        )
        for row in fetched
    ]
    return sorted(
        rows, key=lambda r: (not r.is_open, r.contractor_name, r.granted_on, r.name.casefold())
    )


def open_accesses(engagement_id: int) -> list[AccessRow]:
    """What ending or pausing the engagement asks to revoke."""
    return access_rows(engagement_id, open_only=True)


@dataclass(frozen=True)
class LeftOpen:
    """An ended engagement whose contractor can still reach something."""

    engagement_id: int
    contractor_name: str
    brief_title: str
    end_date: date | None
    names: tuple[str, ...]


def left_open_after_ending() -> list[LeftOpen]:
    """Ended engagements with access still open: a warning on the Overview."""
    open_rows = [
        row
        for row in access_rows(open_only=True)
        if row.engagement_status == EngagementStatus.ENDED
    ]
    by_engagement: dict[int, list[AccessRow]] = {}
    for row in open_rows:
        by_engagement.setdefault(row.engagement_id, []).append(row)
    ends: dict[int, date | None] = dict(
        tuples(
            Engagement.select(Engagement.id, Engagement.end_date).where(
                Engagement.id.in_(list(by_engagement))
            )
        )
    )
    return [
        LeftOpen(
            engagement_id,
            rows[0].contractor_name,
            rows[0].brief_title,
            ends.get(engagement_id),
            tuple(r.name for r in rows),
        )
        for engagement_id, rows in by_engagement.items()
    ]
