"""Time audit: the tasks the owner does and the time spent on them (step 1)."""

from __future__ import annotations

from enum import StrEnum

from peewee import (
    BooleanField,
    CharField,
    Check,
    DateField,
    DateTimeField,
    DecimalField,
    ForeignKeyField,
    IntegerField,
    SmallIntegerField,
    TextField,
)

from desktop_app.models.base import BaseModel, now


class Need(StrEnum):
    """What a task needs; the first three make it worth handing off."""

    EXPERTISE = "expertise"
    KNOWLEDGE = "knowledge"
    REPETITIVE = "repetitive"
    UNIQUE = "unique"


NEED_LABELS = {
    Need.EXPERTISE: "Specific expertise",
    Need.KNOWLEDGE: "Specialized knowledge",
    Need.REPETITIVE: "Repetitive, unskilled",
    Need.UNIQUE: "Your unique input",
}


class TaskStatus(StrEnum):
    LOGGED = "logged"
    CANDIDATE = "candidate"
    BRIEFED = "briefed"
    HANDED_OFF = "handed_off"
    KEPT = "kept"


TASK_STATUS_LABELS = {
    TaskStatus.LOGGED: "Logged",
    TaskStatus.CANDIDATE: "Candidate",
    TaskStatus.BRIEFED: "Briefed",
    TaskStatus.HANDED_OFF: "Handed off",
    TaskStatus.KEPT: "Kept",
}


class Override(StrEnum):
    """The owner's word over the score: keep it, or hand it off anyway."""

    KEEP = "keep"
    OUTSOURCE = "outsource"


AREAS = ("marketing", "admin", "finance", "content", "support", "development", "sales", "other")


class Task(BaseModel):
    """A piece of recurring work the owner does."""

    name = CharField(max_length=200)
    # Name folded for matching (case and accents ignored): imports match
    # "Factures" and "factures" to one task, and names stay unique that way.
    name_key = CharField(max_length=200, unique=True)
    area = CharField(max_length=40, default="other", index=True)
    need = CharField(max_length=12, default=Need.REPETITIVE, index=True)
    owner_has_expertise = BooleanField(default=True)
    dislike = SmallIntegerField(default=3, constraints=[Check("dislike BETWEEN 1 AND 5")])
    pull_away = SmallIntegerField(default=3, constraints=[Check("pull_away BETWEEN 1 AND 5")])
    # What the task is worth to the business, 1-5: the value axis of the matrix.
    business_value = SmallIntegerField(
        default=3, constraints=[Check("business_value BETWEEN 1 AND 5")]
    )
    # Used for months without entries.
    monthly_estimate_minutes = IntegerField(
        null=True, constraints=[Check("monthly_estimate_minutes >= 0")]
    )
    # The hourly rate a contractor would expect; optional.
    contractor_rate = DecimalField(max_digits=12, decimal_places=2, auto_round=True, null=True)
    override = CharField(max_length=10, null=True)
    status = CharField(max_length=12, default=TaskStatus.LOGGED, index=True)
    notes = TextField(default="")
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)


class TimeEntry(BaseModel):
    """Minutes spent on a task on one date."""

    task = ForeignKeyField(Task, backref="entries", on_delete="CASCADE")
    date = DateField(index=True)
    minutes = IntegerField(constraints=[Check("minutes > 0 AND minutes <= 1440")])
    note = TextField(default="")
    # A fingerprint of the imported row: importing the same file twice adds nothing.
    import_key = CharField(max_length=64, null=True, unique=True)
    created_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("task", "date"), False),)
