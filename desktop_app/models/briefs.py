"""Briefs: job descriptions with expectations in priority order (step 3)."""

from __future__ import annotations

from enum import IntEnum, StrEnum

from peewee import (
    CharField,
    Check,
    DateField,
    DateTimeField,
    DecimalField,
    ForeignKeyField,
    SmallIntegerField,
    TextField,
)

from desktop_app.models.base import BaseModel, now
from desktop_app.models.tasks import Task


class BriefStatus(StrEnum):
    DRAFT = "draft"
    FINAL = "final"
    POSTED = "posted"
    FILLED = "filled"
    CLOSED = "closed"


BRIEF_STATUS_LABELS = {
    BriefStatus.DRAFT: "Draft",
    BriefStatus.FINAL: "Final",
    BriefStatus.POSTED: "Posted",
    BriefStatus.FILLED: "Filled",
    BriefStatus.CLOSED: "Closed",
}


class Delegation(IntEnum):
    """How far the contractor may decide alone, from none to all."""

    AS_WRITTEN = 1
    RECOMMEND = 2
    DECIDE_AFTER_ASKING = 3
    DECIDE_AND_TELL = 4
    DECIDE_FREELY = 5


DELEGATION_LABELS = {
    Delegation.AS_WRITTEN: "Do exactly as written",
    Delegation.RECOMMEND: "Recommend; I decide",
    Delegation.DECIDE_AFTER_ASKING: "Decide after checking with me",
    Delegation.DECIDE_AND_TELL: "Decide and tell me afterwards",
    Delegation.DECIDE_FREELY: "Decide, no need to report",
}


class Level(StrEnum):
    MUST = "must"
    SHOULD = "should"
    NICE = "nice"


LEVEL_LABELS = {Level.MUST: "Must have", Level.SHOULD: "Should have", Level.NICE: "Nice to have"}

EXPECTATION_MAX_LENGTH = 2000


class Brief(BaseModel):
    """The job description for one job."""

    title = CharField(max_length=200)
    summary = TextField(default="")  # the job and the business context
    deliverables = TextField(default="")  # one per line, with formats
    in_scope = TextField(default="")
    out_of_scope = TextField(default="")
    success_criteria = TextField(default="")
    acceptance = TextField(default="")  # how the work is signed off
    revision_rounds = SmallIntegerField(null=True, constraints=[Check("revision_rounds >= 0")])
    deadline = DateField(null=True, index=True)
    timeline = TextField(default="")  # milestones, one per line
    budget = DecimalField(max_digits=12, decimal_places=2, auto_round=True, null=True)
    currency = CharField(max_length=3, default="USD")
    budget_basis = CharField(max_length=10, default="fixed")  # fixed | hourly | monthly
    report_every_days = SmallIntegerField(null=True)
    report_how = TextField(default="")
    decide_alone = TextField(default="")  # judgement calls, one per line
    ask_first = TextField(default="")
    delegation_level = SmallIntegerField(
        default=Delegation.AS_WRITTEN, constraints=[Check("delegation_level BETWEEN 1 AND 5")]
    )
    contact = TextField(default="")
    working_hours = CharField(max_length=200, default="")
    skills = TextField(default="")  # comma-separated, to search the contractor bench
    status = CharField(max_length=10, default=BriefStatus.DRAFT, index=True)
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now, index=True)


class BriefTask(BaseModel):
    """A task that a brief hands off."""

    brief = ForeignKeyField(Brief, backref="task_links", on_delete="CASCADE")
    task = ForeignKeyField(Task, backref="brief_links", on_delete="CASCADE")

    class Meta:
        indexes = ((("brief", "task"), True),)


class Expectation(BaseModel):
    """One expectation of a brief, at a place in the owner's priority order."""

    brief = ForeignKeyField(Brief, backref="expectations", on_delete="CASCADE")
    text = TextField(constraints=[Check(f"length(text) <= {EXPECTATION_MAX_LENGTH}")])
    level = CharField(max_length=6, default=Level.SHOULD)
    measure = TextField(default="")  # how it will be measured
    # A fractional-index key: rows sort by it, and moving one expectation
    # rewrites only that row's key.
    position = CharField(max_length=255)

    class Meta:
        indexes = ((("brief", "position"), False),)


class BriefVersion(BaseModel):
    """What a brief said when it was exported: to show what changed since."""

    brief = ForeignKeyField(Brief, backref="versions", on_delete="CASCADE")
    created_at = DateTimeField(default=now, index=True)
    snapshot = TextField()  # JSON of the brief and its expectations
    exported_to = TextField(default="")


class BriefTemplate(BaseModel):
    """A brief the owner saved as a template of their own."""

    name = CharField(max_length=200, unique=True)
    content = TextField()  # JSON, in the same shape as the shipped templates
    created_at = DateTimeField(default=now)
