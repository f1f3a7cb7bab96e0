"""Schema 13: a team workspace keeps its attached files' contents in the
database (`models.attachment_contents`), so every member sees them; an
owner's file keeps them as files beside it, and this table stays empty.

Numbered 13 on purpose: step 12 is another change of issue 14, landed
before this one (the ladder has no gaps)."""

from __future__ import annotations

from typing import Any

from desktop_app.models.migrations.steps import run_statements

# python -m tools.schema_sql desktop_app.models.attachment_contents:AttachmentContent
# (BLOB becomes BYTEA on PostgreSQL: engine.portable_ddl)
STATEMENTS = (
    'CREATE TABLE "attachment_content" ("file_hash" VARCHAR(64) NOT NULL PRIMARY KEY, '
    '"file_size" INTEGER NOT NULL, "content" BLOB NOT NULL)',
)


def apply(db: Any, migrator: Any) -> None:
    run_statements(db, STATEMENTS)
