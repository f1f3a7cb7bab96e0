"""Schema 12: no lost updates on every row an owner edits, and who did what.

Contractors, engagements with their check-ins and feedback, tasks,
procedures and their steps, hiring plans, payments, access grants and
checklist items carry a version number bumped by each save, the person who
saved last and when (`models.versions`), as briefs and expectations have
since schema 11. `row_change` keeps each field a save changed: the value
before and after, who and when (`models.history`)."""

from __future__ import annotations

from typing import Any

from peewee import CharField, DateTimeField, IntegerField
from playhouse.migrate import migrate

from desktop_app.models.migrations.steps import run_statements

VERSIONED_TABLES = (
    "task",
    "contractor",
    "engagement",
    "check_in",
    "feedback",
    "procedure",
    "procedure_step",
    "checklist_item",
    "access_grant",
    "payment",
    "hiring_plan",
)

# Frozen DDL (python -m tools.schema_sql): never edit once released.
STATEMENTS = (
    'CREATE TABLE "row_change" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "row_table" VARCHAR(64) NOT NULL, "row_id" INTEGER NOT NULL, "field" VARCHAR(64) NOT NULL, "old_value" TEXT NOT NULL, "new_value" TEXT NOT NULL, "person" VARCHAR(200) NOT NULL, "changed_at" DATETIME NOT NULL)',
    'CREATE INDEX "row_change_row_table_row_id" ON "row_change" ("row_table", "row_id")',
)


def apply(db: Any, migrator: Any) -> None:
    operations = []
    for table in VERSIONED_TABLES:
        operations += [
            migrator.add_column(table, "row_version", IntegerField(default=1)),
            migrator.add_column(table, "changed_by", CharField(max_length=200, default="")),
            migrator.add_column(table, "changed_at", DateTimeField(null=True)),
        ]
    migrate(*operations)
    run_statements(db, STATEMENTS)
