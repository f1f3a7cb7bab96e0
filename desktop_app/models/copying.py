"""A whole workspace copied into an empty one, on either engine.

`copy-workspace` moves an owner's SQLite file onto a PostgreSQL server (and
a workspace back into a file): every row of every model, ids kept, values
read and written through the models (dates, decimals and booleans as each
engine stores them), in one transaction on the target. The target must
hold nothing but the settings a new database seeds, which the source's
replace. Attached files are not rows here: a file keeps them beside it, a
workspace in its `attachment_content` table, and `attachments.copy_stored`
carries them from one to the other (in the same transaction).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from peewee import Database, chunked

from desktop_app.models.attachment_contents import AttachmentContent
from desktop_app.models.engine import ids_inserted
from desktop_app.models.errors import UserError
from desktop_app.models.i18n import _
from desktop_app.models.rows import dicts
from desktop_app.models.schema import ALL_MODELS
from desktop_app.models.settings import SettingRow

_BATCH = 500

# Every model whose rows are copied as rows (not the attached files' contents).
COPIED_MODELS = tuple(model for model in ALL_MODELS if model is not AttachmentContent)


def row_counts(db: Database) -> dict[str, int]:
    """Each table's number of rows in `db` (table name -> count)."""
    counts = {}
    with db.bind_ctx(ALL_MODELS):
        for model in ALL_MODELS:
            counts[model._meta.table_name] = model.select().count()
    return counts


def copy_rows(
    source: Database, target: Database, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Copy every row of `source` into the empty `target`; returns the counts copied.

    Raises UserError, with nothing written, when `target` holds any data.
    """
    held = {
        table: count
        for table, count in row_counts(target).items()
        if count and table != SettingRow._meta.table_name
    }
    if held:
        parts = [f"{count} {table}" for table, count in sorted(held.items())]
        listed = ", ".join(parts[:4]) + (", …" if len(parts) > 4 else "")
        raise UserError(
            _("The target is not empty ({listed}): copy only into a new, empty one.").format(
                listed=listed
            )
        )
    copied: dict[str, int] = {}
    with target.atomic():
        with target.bind_ctx([SettingRow]):
            SettingRow.delete().execute()  # the target's seeded defaults: the source's replace them
        for model in COPIED_MODELS:
            table = model._meta.table_name
            with source.bind_ctx([model]):
                rows: list[dict[str, Any]] = list(
                    dicts(model.select().order_by(model._meta.primary_key))
                )
            with target.bind_ctx([model]):
                for batch in chunked(rows, _BATCH):
                    model.insert_many(batch).execute()
            ids_inserted(target, table)
            copied[table] = len(rows)
            if progress is not None:
                progress(table, len(rows))
    return copied
