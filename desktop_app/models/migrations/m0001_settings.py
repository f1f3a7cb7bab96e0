"""Schema 1: the owner's settings."""

from __future__ import annotations

from peewee import SqliteDatabase
from playhouse.migrate import SqliteMigrator

from desktop_app.models.migrations.steps import run_statements

# Frozen DDL (python -m tools.schema_sql): never edit once released.
STATEMENTS = (
    'CREATE TABLE "setting" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "key" VARCHAR(64) NOT NULL, "value" TEXT NOT NULL)',
    'CREATE UNIQUE INDEX "setting_key" ON "setting" ("key")',
)


def apply(db: SqliteDatabase, migrator: SqliteMigrator) -> None:
    run_statements(db, STATEMENTS)
