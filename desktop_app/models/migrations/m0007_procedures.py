"""Schema 7: procedures (steps, versions) and the questions log."""

from __future__ import annotations

from peewee import SqliteDatabase
from playhouse.migrate import SqliteMigrator

from desktop_app.models.migrations.steps import run_statements

# Frozen DDL (python -m tools.schema_sql): never edit once released.
STATEMENTS = (
    'CREATE TABLE "procedure" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "task_id" INTEGER NOT NULL, "title" VARCHAR(200) NOT NULL, "purpose" TEXT NOT NULL, "tools" TEXT NOT NULL, "inputs" TEXT NOT NULL, "outputs" TEXT NOT NULL, "done_when" TEXT NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, FOREIGN KEY ("task_id") REFERENCES "task" ("id") ON DELETE CASCADE)',
    'CREATE UNIQUE INDEX "procedure_task_id" ON "procedure" ("task_id")',
    'CREATE TABLE "procedure_step" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "procedure_id" INTEGER NOT NULL, "text" TEXT NOT NULL, "detail" TEXT NOT NULL, "link" TEXT NOT NULL, "check" TEXT NOT NULL, "seconds" INTEGER, "position" VARCHAR(255) NOT NULL, FOREIGN KEY ("procedure_id") REFERENCES "procedure" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "procedure_step_procedure_id" ON "procedure_step" ("procedure_id")',
    'CREATE INDEX "procedure_step_procedure_id_position" ON "procedure_step" ("procedure_id", "position")',
    'CREATE TABLE "procedure_version" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "procedure_id" INTEGER NOT NULL, "brief_version_id" INTEGER, "created_at" DATETIME NOT NULL, "snapshot" TEXT NOT NULL, "exported_to" TEXT NOT NULL, FOREIGN KEY ("procedure_id") REFERENCES "procedure" ("id") ON DELETE CASCADE, FOREIGN KEY ("brief_version_id") REFERENCES "brief_version" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "procedure_version_procedure_id" ON "procedure_version" ("procedure_id")',
    'CREATE INDEX "procedure_version_brief_version_id" ON "procedure_version" ("brief_version_id")',
    'CREATE INDEX "procedure_version_created_at" ON "procedure_version" ("created_at")',
    'CREATE TABLE "question" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "engagement_id" INTEGER NOT NULL, "text" TEXT NOT NULL, "answer" TEXT NOT NULL, "asked_on" DATE NOT NULL, "answered_on" DATE, "step_id" INTEGER, "expectation_id" INTEGER, "rule" VARCHAR(12) NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("engagement_id") REFERENCES "engagement" ("id") ON DELETE CASCADE, FOREIGN KEY ("step_id") REFERENCES "procedure_step" ("id") ON DELETE SET NULL, FOREIGN KEY ("expectation_id") REFERENCES "expectation" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "question_engagement_id" ON "question" ("engagement_id")',
    'CREATE INDEX "question_asked_on" ON "question" ("asked_on")',
    'CREATE INDEX "question_step_id" ON "question" ("step_id")',
    'CREATE INDEX "question_expectation_id" ON "question" ("expectation_id")',
)


def apply(db: SqliteDatabase, migrator: SqliteMigrator) -> None:
    run_statements(db, STATEMENTS)
