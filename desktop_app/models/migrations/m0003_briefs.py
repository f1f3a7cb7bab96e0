"""Schema 3: briefs, their expectations, versions and the owner's templates."""

from __future__ import annotations

from peewee import SqliteDatabase
from playhouse.migrate import SqliteMigrator

from desktop_app.models.migrations.steps import run_statements

# Frozen DDL (python -m tools.schema_sql): never edit once released.
STATEMENTS = (
    'CREATE TABLE "brief" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "title" VARCHAR(200) NOT NULL, "summary" TEXT NOT NULL, "deliverables" TEXT NOT NULL, "in_scope" TEXT NOT NULL, "out_of_scope" TEXT NOT NULL, "success_criteria" TEXT NOT NULL, "acceptance" TEXT NOT NULL, "revision_rounds" INTEGER CHECK (revision_rounds >= 0), "deadline" DATE, "timeline" TEXT NOT NULL, "budget" DECIMAL(12, 2), "currency" VARCHAR(3) NOT NULL, "budget_basis" VARCHAR(10) NOT NULL, "report_every_days" INTEGER, "report_how" TEXT NOT NULL, "decide_alone" TEXT NOT NULL, "ask_first" TEXT NOT NULL, "delegation_level" INTEGER NOT NULL CHECK (delegation_level BETWEEN 1 AND 5), "contact" TEXT NOT NULL, "working_hours" VARCHAR(200) NOT NULL, "skills" TEXT NOT NULL, "status" VARCHAR(10) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL)',
    'CREATE INDEX "brief_deadline" ON "brief" ("deadline")',
    'CREATE INDEX "brief_status" ON "brief" ("status")',
    'CREATE INDEX "brief_updated_at" ON "brief" ("updated_at")',
    'CREATE TABLE "brief_task" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "brief_id" INTEGER NOT NULL, "task_id" INTEGER NOT NULL, FOREIGN KEY ("brief_id") REFERENCES "brief" ("id") ON DELETE CASCADE, FOREIGN KEY ("task_id") REFERENCES "task" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "brief_task_brief_id" ON "brief_task" ("brief_id")',
    'CREATE INDEX "brief_task_task_id" ON "brief_task" ("task_id")',
    'CREATE UNIQUE INDEX "brief_task_brief_id_task_id" ON "brief_task" ("brief_id", "task_id")',
    'CREATE TABLE "expectation" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "brief_id" INTEGER NOT NULL, "text" TEXT NOT NULL CHECK (length(text) <= 2000), "level" VARCHAR(6) NOT NULL, "measure" TEXT NOT NULL, "position" VARCHAR(255) NOT NULL, FOREIGN KEY ("brief_id") REFERENCES "brief" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "expectation_brief_id" ON "expectation" ("brief_id")',
    'CREATE INDEX "expectation_brief_id_position" ON "expectation" ("brief_id", "position")',
    'CREATE TABLE "brief_version" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "brief_id" INTEGER NOT NULL, "created_at" DATETIME NOT NULL, "snapshot" TEXT NOT NULL, "exported_to" TEXT NOT NULL, FOREIGN KEY ("brief_id") REFERENCES "brief" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "brief_version_brief_id" ON "brief_version" ("brief_id")',
    'CREATE INDEX "brief_version_created_at" ON "brief_version" ("created_at")',
    'CREATE TABLE "brief_template" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "name" VARCHAR(200) NOT NULL, "content" TEXT NOT NULL, "created_at" DATETIME NOT NULL)',
    'CREATE UNIQUE INDEX "brief_template_name" ON "brief_template" ("name")',
)


def apply(db: SqliteDatabase, migrator: SqliteMigrator) -> None:
    run_statements(db, STATEMENTS)
