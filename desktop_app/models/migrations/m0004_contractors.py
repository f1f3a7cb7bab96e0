"""Schema 4: the contractor bench."""

from __future__ import annotations

from peewee import SqliteDatabase
from playhouse.migrate import SqliteMigrator

from desktop_app.models.migrations.steps import run_statements

# Frozen DDL (python -m tools.schema_sql): never edit once released.
STATEMENTS = (
    'CREATE TABLE "contractor" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "name" VARCHAR(200) NOT NULL, "kind" VARCHAR(10) NOT NULL, "skills" TEXT NOT NULL, "email" VARCHAR(254) NOT NULL, "phone" VARCHAR(50) NOT NULL, "website" VARCHAR(500) NOT NULL, "location" VARCHAR(200) NOT NULL, "timezone" VARCHAR(64) NOT NULL, "rate" DECIMAL(12, 2) CHECK (rate >= 0), "rate_unit" VARCHAR(8) NOT NULL, "currency" VARCHAR(3) NOT NULL, "source" VARCHAR(12) NOT NULL, "source_detail" VARCHAR(200) NOT NULL, "stage" VARCHAR(12) NOT NULL, "rating" INTEGER CHECK (rating BETWEEN 1 AND 5), "notes" TEXT NOT NULL, "last_contact" DATETIME, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL)',
    'CREATE INDEX "contractor_name" ON "contractor" ("name")',
    'CREATE INDEX "contractor_rate" ON "contractor" ("rate")',
    'CREATE INDEX "contractor_source" ON "contractor" ("source")',
    'CREATE INDEX "contractor_stage" ON "contractor" ("stage")',
    'CREATE INDEX "contractor_rating" ON "contractor" ("rating")',
    'CREATE INDEX "contractor_last_contact" ON "contractor" ("last_contact")',
    'CREATE TABLE "stage_change" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "contractor_id" INTEGER NOT NULL, "from_stage" VARCHAR(12), "to_stage" VARCHAR(12) NOT NULL, "changed_at" DATETIME NOT NULL, "reason" TEXT NOT NULL, FOREIGN KEY ("contractor_id") REFERENCES "contractor" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "stage_change_contractor_id" ON "stage_change" ("contractor_id")',
    'CREATE INDEX "stage_change_changed_at" ON "stage_change" ("changed_at")',
    'CREATE TABLE "reference" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "contractor_id" INTEGER NOT NULL, "name" VARCHAR(200) NOT NULL, "relation" VARCHAR(10) NOT NULL, "contact" VARCHAR(300) NOT NULL, "said" TEXT NOT NULL, "checked" INTEGER NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("contractor_id") REFERENCES "contractor" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "reference_contractor_id" ON "reference" ("contractor_id")',
    'CREATE TABLE "portfolio_item" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "contractor_id" INTEGER NOT NULL, "title" VARCHAR(300) NOT NULL, "url" VARCHAR(2000) NOT NULL, "file_hash" VARCHAR(64), "file_name" VARCHAR(300) NOT NULL, "file_size" INTEGER, "notes" TEXT NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("contractor_id") REFERENCES "contractor" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "portfolio_item_contractor_id" ON "portfolio_item" ("contractor_id")',
    'CREATE INDEX "portfolio_item_file_hash" ON "portfolio_item" ("file_hash")',
    'CREATE TABLE "interview" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "contractor_id" INTEGER NOT NULL, "brief_id" INTEGER, "held_at" DATETIME NOT NULL, "held" INTEGER NOT NULL, "medium" VARCHAR(10) NOT NULL, "notes" TEXT NOT NULL, "communication" INTEGER CHECK (communication BETWEEN 1 AND 5), "expertise" INTEGER CHECK (expertise BETWEEN 1 AND 5), "reliability" INTEGER CHECK (reliability BETWEEN 1 AND 5), "fit" INTEGER CHECK (fit BETWEEN 1 AND 5), "decision" VARCHAR(12) NOT NULL, FOREIGN KEY ("contractor_id") REFERENCES "contractor" ("id") ON DELETE CASCADE, FOREIGN KEY ("brief_id") REFERENCES "brief" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "interview_contractor_id" ON "interview" ("contractor_id")',
    'CREATE INDEX "interview_brief_id" ON "interview" ("brief_id")',
    'CREATE INDEX "interview_held_at" ON "interview" ("held_at")',
)


def apply(db: SqliteDatabase, migrator: SqliteMigrator) -> None:
    run_statements(db, STATEMENTS)
