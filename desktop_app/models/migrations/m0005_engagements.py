"""Schema 5: engagements, check-ins and feedback."""

from __future__ import annotations

from peewee import SqliteDatabase
from playhouse.migrate import SqliteMigrator

from desktop_app.models.migrations.steps import run_statements

# Frozen DDL (python -m tools.schema_sql): never edit once released.
STATEMENTS = (
    'CREATE TABLE "engagement" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "brief_id" INTEGER NOT NULL, "contractor_id" INTEGER NOT NULL, "start_date" DATE NOT NULL, "end_date" DATE, "status" VARCHAR(8) NOT NULL, "on_notice_since" DATE, "rate" DECIMAL(12, 2), "rate_unit" VARCHAR(8) NOT NULL, "currency" VARCHAR(3) NOT NULL, "cadence_days" INTEGER NOT NULL CHECK (cadence_days BETWEEN 1 AND 365), "end_reason" TEXT NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("brief_id") REFERENCES "brief" ("id") ON DELETE CASCADE, FOREIGN KEY ("contractor_id") REFERENCES "contractor" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "engagement_brief_id" ON "engagement" ("brief_id")',
    'CREATE INDEX "engagement_contractor_id" ON "engagement" ("contractor_id")',
    'CREATE INDEX "engagement_start_date" ON "engagement" ("start_date")',
    'CREATE INDEX "engagement_status" ON "engagement" ("status")',
    'CREATE TABLE "check_in" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "engagement_id" INTEGER NOT NULL, "date" DATE NOT NULL, "initiated_by" VARCHAR(10) NOT NULL, "kind" VARCHAR(8) NOT NULL, "summary" TEXT NOT NULL, "state" VARCHAR(10), "blockers" TEXT NOT NULL, FOREIGN KEY ("engagement_id") REFERENCES "engagement" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "check_in_engagement_id" ON "check_in" ("engagement_id")',
    'CREATE INDEX "check_in_date" ON "check_in" ("date")',
    'CREATE TABLE "feedback" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "engagement_id" INTEGER NOT NULL, "date" DATE NOT NULL, "deliverable" VARCHAR(300) NOT NULL, "on_time" INTEGER NOT NULL, "good" TEXT NOT NULL, "not_good" TEXT NOT NULL, "quality" INTEGER NOT NULL CHECK (quality BETWEEN 1 AND 5), "communication" INTEGER NOT NULL CHECK (communication BETWEEN 1 AND 5), "confidence" INTEGER NOT NULL CHECK (confidence BETWEEN 1 AND 5), FOREIGN KEY ("engagement_id") REFERENCES "engagement" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "feedback_engagement_id" ON "feedback" ("engagement_id")',
    'CREATE INDEX "feedback_date" ON "feedback" ("date")',
)


def apply(db: SqliteDatabase, migrator: SqliteMigrator) -> None:
    run_statements(db, STATEMENTS)
