"""Engagements: a contractor working to a brief, check-ins and feedback (step 4)."""

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
    SmallIntegerField,
    TextField,
)

from desktop_app.models.base import BaseModel, now
from desktop_app.models.briefs import Brief
from desktop_app.models.contractors import Contractor


class EngagementStatus(StrEnum):
    TRIAL = "trial"
    ACTIVE = "active"
    PAUSED = "paused"
    ENDED = "ended"


ENGAGEMENT_STATUS_LABELS = {
    EngagementStatus.TRIAL: "Trial",
    EngagementStatus.ACTIVE: "Active",
    EngagementStatus.PAUSED: "Paused",
    EngagementStatus.ENDED: "Ended",
}


class Engagement(BaseModel):
    """A contractor working to a brief."""

    brief = ForeignKeyField(Brief, backref="engagements", on_delete="CASCADE")
    contractor = ForeignKeyField(Contractor, backref="engagements", on_delete="CASCADE")
    start_date = DateField(index=True)
    end_date = DateField(null=True)
    status = CharField(max_length=8, default=EngagementStatus.TRIAL, index=True)
    on_notice_since = DateField(null=True)  # set when confidence was lost
    rate = DecimalField(max_digits=12, decimal_places=2, auto_round=True, null=True)
    rate_unit = CharField(max_length=8, default="hour")
    currency = CharField(max_length=3, default="USD")
    cadence_days = SmallIntegerField(
        default=7, constraints=[Check("cadence_days BETWEEN 1 AND 365")]
    )
    end_reason = TextField(default="")
    created_at = DateTimeField(default=now)


class CheckIn(BaseModel):
    """A progress report, or the owner's request for one."""

    engagement = ForeignKeyField(Engagement, backref="check_ins", on_delete="CASCADE")
    date = DateField(index=True)
    initiated_by = CharField(max_length=10, default="owner")  # owner | contractor
    kind = CharField(max_length=8, default="report")  # report | request
    summary = TextField(default="")
    state = CharField(max_length=10, null=True)  # on_track | at_risk | off_track
    blockers = TextField(default="")


class Feedback(BaseModel):
    """The owner's feedback on one piece of completed work."""

    engagement = ForeignKeyField(Engagement, backref="feedback", on_delete="CASCADE")
    date = DateField(index=True)
    deliverable = CharField(max_length=300, default="")
    on_time = BooleanField(default=True)
    good = TextField(default="")
    not_good = TextField(default="")
    quality = SmallIntegerField(constraints=[Check("quality BETWEEN 1 AND 5")])
    communication = SmallIntegerField(constraints=[Check("communication BETWEEN 1 AND 5")])
    confidence = SmallIntegerField(constraints=[Check("confidence BETWEEN 1 AND 5")])
