"""What a procedure said each time it was sent, to show what changed since.

A procedure goes out inside a brief (the brief's PDF carries the
procedures of the tasks it hands off as an appendix) or on its own
(`offload export-procedure`, the task's menu). Each time, what it said is
kept as a version. A version kept with a brief hangs on that brief's
version, so forgetting the brief's version (undo of an export) forgets
those of its procedures in the same delete, and undo puts them back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from peewee import JOIN, DateTimeField, ForeignKeyField, TextField

from desktop_app.models.base import BaseModel, database, now
from desktop_app.models.briefs import BriefData, BriefVersion, record_version
from desktop_app.models.errors import ValidationError
from desktop_app.models.procedure_content import ProcedureData, procedure_data_from_json
from desktop_app.models.procedures import Procedure
from desktop_app.models.snapshots import RowSnapshot, delete_with_snapshot


class ProcedureVersion(BaseModel):
    """What a procedure said when it was sent."""

    procedure = ForeignKeyField(Procedure, backref="versions", on_delete="CASCADE")
    procedure_id: int
    # The brief's version it went out with; None when sent on its own.
    brief_version = ForeignKeyField(
        BriefVersion, backref="procedure_versions", on_delete="CASCADE", null=True
    )
    brief_version_id: int | None
    created_at = DateTimeField(default=now, index=True)
    snapshot = TextField()  # JSON of the procedure and its steps
    exported_to = TextField(default="")


def _snapshot(data: ProcedureData) -> str:
    return json.dumps(data.to_json(), ensure_ascii=False)


def record_brief_sent(brief_id: int, data: BriefData, exported_to: str) -> int:
    """The brief went out (exported or printed): keep its version and one of
    each procedure it carried, in one transaction. Returns the brief version's id."""
    with database.atomic():
        version_id = record_version(brief_id, data, exported_to)
        for procedure in data.procedures:
            if procedure.id is not None:
                ProcedureVersion.create(
                    procedure=procedure.id,
                    brief_version=version_id,
                    snapshot=_snapshot(procedure),
                    exported_to=exported_to,
                )
    return version_id


def record_procedure_sent(procedure_id: int, data: ProcedureData, exported_to: str) -> int:
    """The procedure went out on its own: keep what it said. Returns the version's id."""
    version = ProcedureVersion.create(
        procedure=procedure_id, snapshot=_snapshot(data), exported_to=exported_to
    )
    return version.id


def delete_procedure_version(version_id: int) -> RowSnapshot:
    """Forget a version (undo of sending); `snapshots.restore` puts it back."""
    return delete_with_snapshot(ProcedureVersion.get_by_id(version_id))


@dataclass(frozen=True)
class ProcedureVersionRow:
    """One version, as the procedure's Versions list shows it.

    Attributes:
        brief_title: the brief it went out with ("" when sent alone).
    """

    id: int
    created_at: datetime
    exported_to: str
    brief_title: str
    data: ProcedureData


def procedure_versions(procedure_id: int) -> list[ProcedureVersionRow]:
    """The procedure's versions, newest first."""
    query = (
        ProcedureVersion.select(ProcedureVersion, BriefVersion.snapshot.alias("brief_snapshot"))
        .join(
            BriefVersion,
            join_type=JOIN.LEFT_OUTER,
            on=ProcedureVersion.brief_version == BriefVersion.id,
        )
        .where(ProcedureVersion.procedure == procedure_id)
        .order_by(ProcedureVersion.created_at.desc(), ProcedureVersion.id.desc())
        .objects()
    )
    rows = []
    for version in query:
        try:
            data = procedure_data_from_json(json.loads(version.snapshot))
        except (ValueError, ValidationError):
            # A snapshot this version cannot read shows as empty, not as a crash.
            data = ProcedureData(title="(unreadable version)")
        rows.append(
            ProcedureVersionRow(
                version.id,
                version.created_at,
                version.exported_to,
                _brief_title(getattr(version, "brief_snapshot", None)),
                data,
            )
        )
    return rows


def _brief_title(snapshot: str | None) -> str:
    if not snapshot:
        return ""
    try:
        title = json.loads(snapshot).get("title", "")
    except (ValueError, AttributeError):
        return ""
    return str(title).strip()
