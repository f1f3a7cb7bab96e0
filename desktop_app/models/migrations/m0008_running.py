"""Schema 8: running engagements (checklists, the access register, payments,
conversion rates, agreements) and the owner's focus (growth marks and
priorities, results over time)."""

from __future__ import annotations

from peewee import SqliteDatabase
from playhouse.migrate import SqliteMigrator

from desktop_app.models.migrations.steps import run_statements

# Frozen DDL (python -m tools.schema_sql): never edit once released.
STATEMENTS = (
    'CREATE TABLE "checklist_template" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "name" VARCHAR(200) NOT NULL, "kind" VARCHAR(12) NOT NULL, "items" TEXT NOT NULL, "is_default" INTEGER NOT NULL, "created_at" DATETIME NOT NULL)',
    'CREATE UNIQUE INDEX "checklist_template_name" ON "checklist_template" ("name")',
    'CREATE TABLE "checklist_item" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "engagement_id" INTEGER NOT NULL, "kind" VARCHAR(12) NOT NULL, "text" VARCHAR(300) NOT NULL, "position" INTEGER NOT NULL, "done_on" DATE, "note" TEXT NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("engagement_id") REFERENCES "engagement" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "checklist_item_engagement_id" ON "checklist_item" ("engagement_id")',
    'CREATE INDEX "checklist_item_engagement_id_kind_position" ON "checklist_item" ("engagement_id", "kind", "position")',
    'CREATE TABLE "access_grant" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "engagement_id" INTEGER NOT NULL, "name" VARCHAR(200) NOT NULL, "level" VARCHAR(8) NOT NULL, "granted_on" DATE NOT NULL, "granted_by" VARCHAR(200) NOT NULL, "revoked_on" DATE, "note" TEXT NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("engagement_id") REFERENCES "engagement" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "access_grant_engagement_id" ON "access_grant" ("engagement_id")',
    'CREATE INDEX "access_grant_revoked_on" ON "access_grant" ("revoked_on")',
    'CREATE TABLE "payment" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "engagement_id" INTEGER NOT NULL, "invoiced_on" DATE NOT NULL, "amount" DECIMAL(14, 2) NOT NULL, "currency" VARCHAR(3) NOT NULL, "period_start" DATE, "period_end" DATE, "due_on" DATE, "paid_on" DATE, "reference" VARCHAR(200) NOT NULL, "file_hash" VARCHAR(64), "file_name" VARCHAR(300) NOT NULL, "file_size" INTEGER, "note" TEXT NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("engagement_id") REFERENCES "engagement" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "payment_engagement_id" ON "payment" ("engagement_id")',
    'CREATE INDEX "payment_invoiced_on" ON "payment" ("invoiced_on")',
    'CREATE INDEX "payment_paid_on" ON "payment" ("paid_on")',
    'CREATE TABLE "conversion_rate" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "currency" VARCHAR(3) NOT NULL, "to_currency" VARCHAR(3) NOT NULL, "rate" DECIMAL(18, 6) NOT NULL, "updated_at" DATETIME NOT NULL)',
    'CREATE UNIQUE INDEX "conversion_rate_currency_to_currency" ON "conversion_rate" ("currency", "to_currency")',
    'CREATE TABLE "agreement" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "engagement_id" INTEGER NOT NULL, "kind" VARCHAR(10) NOT NULL, "signed_on" DATE, "notice_days" INTEGER, "confidentiality" VARCHAR(500) NOT NULL, "ip_terms" VARCHAR(500) NOT NULL, "payment_terms" VARCHAR(500) NOT NULL, "file_hash" VARCHAR(64), "file_name" VARCHAR(300) NOT NULL, "file_size" INTEGER, "note" TEXT NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("engagement_id") REFERENCES "engagement" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "agreement_engagement_id" ON "agreement" ("engagement_id")',
    'CREATE TABLE "growth_mark" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "task_id" INTEGER, "area" VARCHAR(40), "growth" INTEGER NOT NULL, FOREIGN KEY ("task_id") REFERENCES "task" ("id") ON DELETE CASCADE)',
    'CREATE UNIQUE INDEX "growth_mark_task_id" ON "growth_mark" ("task_id")',
    'CREATE UNIQUE INDEX "growth_mark_area" ON "growth_mark" ("area")',
    'CREATE TABLE "growth_priority" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "week" DATE NOT NULL, "text" VARCHAR(300) NOT NULL, "position" INTEGER NOT NULL, "done_on" DATE, "created_at" DATETIME NOT NULL)',
    'CREATE INDEX "growth_priority_week" ON "growth_priority" ("week")',
    'CREATE TABLE "result_figure" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "name" VARCHAR(100) NOT NULL, "month" DATE NOT NULL, "value" DECIMAL(16, 2) NOT NULL)',
    'CREATE UNIQUE INDEX "result_figure_name_month" ON "result_figure" ("name", "month")',
)


def apply(db: SqliteDatabase, migrator: SqliteMigrator) -> None:
    run_statements(db, STATEMENTS)
