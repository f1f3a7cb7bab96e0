"""Who did what: every save through `models.versions` leaves one row per
field it changed (`RowChange`: the table, the row, the field, the value
before and after, the person and the time). `history` reads them back for
rows, newest first; `row_histories.changes_of` names the rows of a
contractor, a brief or an engagement.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from peewee import CharField, DateTimeField, IntegerField, TextField

from desktop_app.models.base import BaseModel, now


class RowChange(BaseModel):
    """One field of one row changed by one save."""

    row_table = CharField(max_length=64)
    row_id = IntegerField()
    field = CharField(max_length=64)
    old_value = TextField(default="")
    new_value = TextField(default="")
    person = CharField(max_length=200, default="")
    changed_at = DateTimeField(default=now)

    class Meta:
        table_name = "row_change"
        indexes = ((("row_table", "row_id"), False),)


def as_text(value: Any) -> str:
    """A stored value as the history shows it ("" for nothing)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    return str(value)


def record(
    table: str,
    row_id: int,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    *,
    person: str,
    at: datetime,
) -> None:
    """Keep each field whose value `after` differs from `before`."""
    rows = [
        {
            "row_table": table,
            "row_id": row_id,
            "field": name,
            "old_value": as_text(before.get(name)),
            "new_value": as_text(value),
            "person": person,
            "changed_at": at,
        }
        for name, value in after.items()
        if as_text(before.get(name)) != as_text(value)
    ]
    if rows:
        RowChange.insert_many(rows).execute()


@dataclass(frozen=True)
class Change:
    """One line of a History panel."""

    changed_at: datetime
    person: str
    what: str  # the row, when the history covers more than one ("" otherwise)
    field: str  # the field's name as stored
    old: str
    new: str

    @property
    def field_label(self) -> str:
        return self.field.replace("_", " ").capitalize()


def history(rows: Iterable[tuple[str, int, str]], limit: int = 500) -> list[Change]:
    """The changes of `rows` ((table, id, what) each), newest first."""
    wanted: dict[tuple[str, int], str] = {(t, int(i)): what for t, i, what in rows}
    if not wanted:
        return []
    by_table: dict[str, list[int]] = {}
    for table, row_id in wanted:
        by_table.setdefault(table, []).append(row_id)
    condition = None
    for table, ids in by_table.items():
        part = (RowChange.row_table == table) & RowChange.row_id.in_(ids)
        condition = part if condition is None else condition | part
    query = (
        RowChange.select()
        .where(condition)
        .order_by(RowChange.changed_at.desc(), RowChange.id.desc())
        .limit(limit)
    )
    return [
        Change(
            c.changed_at,
            c.person,
            wanted[(c.row_table, c.row_id)],
            c.field,
            c.old_value,
            c.new_value,
        )
        for c in query
    ]
