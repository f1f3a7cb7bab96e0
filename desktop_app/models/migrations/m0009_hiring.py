"""Schema 9: hiring well. A brief's hiring plan (job post choices, hours of
overlap needed) and screening questions with candidates' answers; paid
trials (task, own criteria, offers, scores); interview scores on a brief's
must-haves; referrers with their requests and recommendations; the owner's
message templates and the messages sent; a contractor's working hours."""

from __future__ import annotations

from peewee import CharField, SqliteDatabase
from playhouse.migrate import SqliteMigrator, migrate

from desktop_app.models.migrations.steps import run_statements

# Frozen DDL (python -m tools.schema_sql): never edit once released.
STATEMENTS = (
    'CREATE TABLE "hiring_plan" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "brief_id" INTEGER NOT NULL, "board" VARCHAR(20) NOT NULL, "left_out" TEXT NOT NULL, "how_to_apply" TEXT NOT NULL, "overlap_hours" DECIMAL(4, 1), FOREIGN KEY ("brief_id") REFERENCES "brief" ("id") ON DELETE CASCADE)',
    'CREATE UNIQUE INDEX "hiring_plan_brief_id" ON "hiring_plan" ("brief_id")',
    'CREATE TABLE "screening_question" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "brief_id" INTEGER NOT NULL, "text" TEXT NOT NULL, "position" INTEGER NOT NULL, FOREIGN KEY ("brief_id") REFERENCES "brief" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "screening_question_brief_id" ON "screening_question" ("brief_id")',
    'CREATE TABLE "screening_answer" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "question_id" INTEGER NOT NULL, "contractor_id" INTEGER NOT NULL, "text" TEXT NOT NULL, "answered_on" DATE, FOREIGN KEY ("question_id") REFERENCES "screening_question" ("id") ON DELETE CASCADE, FOREIGN KEY ("contractor_id") REFERENCES "contractor" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "screening_answer_question_id" ON "screening_answer" ("question_id")',
    'CREATE INDEX "screening_answer_contractor_id" ON "screening_answer" ("contractor_id")',
    'CREATE UNIQUE INDEX "screening_answer_question_id_contractor_id" ON "screening_answer" ("question_id", "contractor_id")',
    'CREATE TABLE "trial_task" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "brief_id" INTEGER NOT NULL, "task" TEXT NOT NULL, "pay" DECIMAL(12, 2) CHECK (pay >= 0), "currency" VARCHAR(3) NOT NULL, "deadline" DATE, "created_at" DATETIME NOT NULL, FOREIGN KEY ("brief_id") REFERENCES "brief" ("id") ON DELETE CASCADE)',
    'CREATE UNIQUE INDEX "trial_task_brief_id" ON "trial_task" ("brief_id")',
    'CREATE TABLE "trial_criterion" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "trial_id" INTEGER NOT NULL, "text" VARCHAR(300) NOT NULL, "position" INTEGER NOT NULL, FOREIGN KEY ("trial_id") REFERENCES "trial_task" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "trial_criterion_trial_id" ON "trial_criterion" ("trial_id")',
    'CREATE TABLE "trial_offer" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "trial_id" INTEGER NOT NULL, "contractor_id" INTEGER NOT NULL, "offered_on" DATE NOT NULL, "pay" DECIMAL(12, 2) NOT NULL, "currency" VARCHAR(3) NOT NULL, "deadline" DATE NOT NULL, "status" VARCHAR(10) NOT NULL, "delivered_on" DATE, "notes" TEXT NOT NULL, "closed_reason" TEXT NOT NULL, FOREIGN KEY ("trial_id") REFERENCES "trial_task" ("id") ON DELETE CASCADE, FOREIGN KEY ("contractor_id") REFERENCES "contractor" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "trial_offer_trial_id" ON "trial_offer" ("trial_id")',
    'CREATE INDEX "trial_offer_contractor_id" ON "trial_offer" ("contractor_id")',
    'CREATE INDEX "trial_offer_status" ON "trial_offer" ("status")',
    'CREATE UNIQUE INDEX "trial_offer_trial_id_contractor_id" ON "trial_offer" ("trial_id", "contractor_id")',
    'CREATE TABLE "trial_score" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "offer_id" INTEGER NOT NULL, "expectation_id" INTEGER, "criterion_id" INTEGER, "score" INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5), FOREIGN KEY ("offer_id") REFERENCES "trial_offer" ("id") ON DELETE CASCADE, FOREIGN KEY ("expectation_id") REFERENCES "expectation" ("id") ON DELETE CASCADE, FOREIGN KEY ("criterion_id") REFERENCES "trial_criterion" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "trial_score_offer_id" ON "trial_score" ("offer_id")',
    'CREATE INDEX "trial_score_expectation_id" ON "trial_score" ("expectation_id")',
    'CREATE INDEX "trial_score_criterion_id" ON "trial_score" ("criterion_id")',
    'CREATE TABLE "interview_criterion_score" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "interview_id" INTEGER NOT NULL, "expectation_id" INTEGER NOT NULL, "score" INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5), FOREIGN KEY ("interview_id") REFERENCES "interview" ("id") ON DELETE CASCADE, FOREIGN KEY ("expectation_id") REFERENCES "expectation" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "interview_criterion_score_interview_id" ON "interview_criterion_score" ("interview_id")',
    'CREATE INDEX "interview_criterion_score_expectation_id" ON "interview_criterion_score" ("expectation_id")',
    'CREATE UNIQUE INDEX "interview_criterion_score_interview_id_expectation_id" ON "interview_criterion_score" ("interview_id", "expectation_id")',
    'CREATE TABLE "referrer" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "name" VARCHAR(200) NOT NULL, "email" VARCHAR(254) NOT NULL, "relation" VARCHAR(200) NOT NULL, "notes" TEXT NOT NULL, "created_at" DATETIME NOT NULL)',
    'CREATE INDEX "referrer_name" ON "referrer" ("name")',
    'CREATE TABLE "referral_request" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "referrer_id" INTEGER NOT NULL, "brief_id" INTEGER, "asked_on" DATE NOT NULL, "notes" TEXT NOT NULL, FOREIGN KEY ("referrer_id") REFERENCES "referrer" ("id") ON DELETE CASCADE, FOREIGN KEY ("brief_id") REFERENCES "brief" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "referral_request_referrer_id" ON "referral_request" ("referrer_id")',
    'CREATE INDEX "referral_request_brief_id" ON "referral_request" ("brief_id")',
    'CREATE INDEX "referral_request_asked_on" ON "referral_request" ("asked_on")',
    'CREATE TABLE "recommendation" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "referrer_id" INTEGER NOT NULL, "contractor_id" INTEGER NOT NULL, "request_id" INTEGER, "recommended_on" DATE NOT NULL, FOREIGN KEY ("referrer_id") REFERENCES "referrer" ("id") ON DELETE CASCADE, FOREIGN KEY ("contractor_id") REFERENCES "contractor" ("id") ON DELETE CASCADE, FOREIGN KEY ("request_id") REFERENCES "referral_request" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "recommendation_referrer_id" ON "recommendation" ("referrer_id")',
    'CREATE INDEX "recommendation_contractor_id" ON "recommendation" ("contractor_id")',
    'CREATE INDEX "recommendation_request_id" ON "recommendation" ("request_id")',
    'CREATE UNIQUE INDEX "recommendation_referrer_id_contractor_id" ON "recommendation" ("referrer_id", "contractor_id")',
    'CREATE TABLE "message_template" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "kind" VARCHAR(30) NOT NULL, "subject" VARCHAR(300) NOT NULL, "body" TEXT NOT NULL)',
    'CREATE UNIQUE INDEX "message_template_kind" ON "message_template" ("kind")',
    'CREATE TABLE "sent_message" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "contractor_id" INTEGER NOT NULL, "brief_id" INTEGER, "kind" VARCHAR(30) NOT NULL, "to_address" VARCHAR(254) NOT NULL, "subject" VARCHAR(300) NOT NULL, "body" TEXT NOT NULL, "via" VARCHAR(10) NOT NULL, "sent_at" DATETIME NOT NULL, FOREIGN KEY ("contractor_id") REFERENCES "contractor" ("id") ON DELETE CASCADE, FOREIGN KEY ("brief_id") REFERENCES "brief" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "sent_message_contractor_id" ON "sent_message" ("contractor_id")',
    'CREATE INDEX "sent_message_brief_id" ON "sent_message" ("brief_id")',
    'CREATE INDEX "sent_message_sent_at" ON "sent_message" ("sent_at")',
)


def apply(db: SqliteDatabase, migrator: SqliteMigrator) -> None:
    migrate(
        migrator.add_column("contractor", "working_hours", CharField(max_length=40, default=""))
    )
    run_statements(db, STATEMENTS)
