"""Deleting rows so that the delete can be undone exactly.

A delete cascades (a task takes its time entries with it). Before it runs,
`delete_with_snapshot` reads the row and every row that depends on it; the
snapshot puts them all back under their old ids. Ids are never reused
(AUTOINCREMENT), so nothing created since can collide with them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from peewee import chunked

from desktop_app.models.base import BaseModel, database


@dataclass
class RowSnapshot:
    """Rows removed by a delete, parents first, and links that were nulled."""

    rows: list[tuple[type[BaseModel], dict[str, Any]]] = field(default_factory=list)
    # (model, id, foreign-key field name, old value) for ON DELETE SET NULL links.
    nulled_links: list[tuple[type[BaseModel], int, str, Any]] = field(default_factory=list)


def delete_with_snapshot(instance: BaseModel) -> RowSnapshot:
    """Delete `instance` and its dependents; return what `restore` needs."""
    snapshot = RowSnapshot()
    model = type(instance)
    with database.atomic():
        snapshot.rows.append((model, dict(instance.__data__)))
        _collect_dependents(model, model.select(model.id).where(model.id == instance.id), snapshot)
        instance.delete_instance()
    return snapshot


def _collect_dependents(model: type[BaseModel], parent_ids: Any, snapshot: RowSnapshot) -> None:
    """Record the rows that deleting `parent_ids` of `model` would cascade to or null."""
    for fk in model._meta.backrefs:
        child = fk.model
        if fk.on_delete == "SET NULL":
            for row in child.select(child.id, fk).where(fk.in_(parent_ids)):
                snapshot.nulled_links.append((child, row.id, fk.name, row.__data__[fk.name]))
        elif fk.on_delete == "CASCADE":
            rows = child.select().where(fk.in_(parent_ids))
            snapshot.rows.extend((child, dict(row.__data__)) for row in rows)
            _collect_dependents(child, child.select(child.id).where(fk.in_(parent_ids)), snapshot)


def restore(snapshot: RowSnapshot) -> None:
    """Put back everything `delete_with_snapshot` removed, under the same ids,
    then let each model count again what it counts from its rows
    (`BaseModel.after_restore`)."""
    with database.atomic():
        restored: list[tuple[type[BaseModel], list[dict[str, Any]]]] = []
        for model, group in groupby(snapshot.rows, key=lambda row: row[0]):
            rows = [data for _, data in group]
            for batch in chunked(rows, 200):
                model.insert_many(batch).execute()
            restored.append((model, rows))
        for model, row_id, field_name, value in snapshot.nulled_links:
            model.update({field_name: value}).where(model.id == row_id).execute()
        for model, rows in restored:
            model.after_restore(rows)
