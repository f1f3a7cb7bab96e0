"""Schema 2: tasks and time entries (time audit)."""

from __future__ import annotations

from peewee import SqliteDatabase
from playhouse.migrate import SqliteMigrator

from desktop_app.models.migrations.steps import run_statements

# Frozen DDL (python -m tools.schema_sql): never edit once released.
STATEMENTS = (
    'CREATE TABLE "task" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "name" VARCHAR(200) NOT NULL, "name_key" VARCHAR(200) NOT NULL, "area" VARCHAR(40) NOT NULL, "need" VARCHAR(12) NOT NULL, "owner_has_expertise" INTEGER NOT NULL, "dislike" INTEGER NOT NULL CHECK (dislike BETWEEN 1 AND 5), "pull_away" INTEGER NOT NULL CHECK (pull_away BETWEEN 1 AND 5), "business_value" INTEGER NOT NULL CHECK (business_value BETWEEN 1 AND 5), "monthly_estimate_minutes" INTEGER CHECK (monthly_estimate_minutes >= 0), "contractor_rate" DECIMAL(12, 2), "override" VARCHAR(10), "status" VARCHAR(12) NOT NULL, "notes" TEXT NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL)',
    'CREATE UNIQUE INDEX "task_name_key" ON "task" ("name_key")',
    'CREATE INDEX "task_area" ON "task" ("area")',
    'CREATE INDEX "task_need" ON "task" ("need")',
    'CREATE INDEX "task_status" ON "task" ("status")',
    'CREATE TABLE "time_entry" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "task_id" INTEGER NOT NULL, "date" DATE NOT NULL, "minutes" INTEGER NOT NULL CHECK (minutes > 0 AND minutes <= 1440), "note" TEXT NOT NULL, "import_key" VARCHAR(64), "created_at" DATETIME NOT NULL, FOREIGN KEY ("task_id") REFERENCES "task" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "time_entry_task_id" ON "time_entry" ("task_id")',
    'CREATE INDEX "time_entry_date" ON "time_entry" ("date")',
    'CREATE UNIQUE INDEX "time_entry_import_key" ON "time_entry" ("import_key")',
    'CREATE INDEX "time_entry_task_id_date" ON "time_entry" ("task_id", "date")',
)


def apply(db: SqliteDatabase, migrator: SqliteMigrator) -> None:
    run_statements(db, STATEMENTS)
