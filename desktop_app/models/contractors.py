"""The contractor bench: sources, references, portfolios, interviews (step 2)."""

from __future__ import annotations

from enum import StrEnum

from peewee import (
    BigIntegerField,
    BooleanField,
    CharField,
    Check,
    DateTimeField,
    DecimalField,
    ForeignKeyField,
    SmallIntegerField,
    TextField,
)

from desktop_app.models.base import BaseModel, now
from desktop_app.models.briefs import Brief


class Stage(StrEnum):
    PROSPECT = "prospect"
    CONTACTED = "contacted"
    INTERVIEWING = "interviewing"
    TRIAL = "trial"
    HIRED = "hired"
    REJECTED = "rejected"
    ENDED = "ended"


STAGE_LABELS = {
    Stage.PROSPECT: "Prospect",
    Stage.CONTACTED: "Contacted",
    Stage.INTERVIEWING: "Interviewing",
    Stage.TRIAL: "Trial",
    Stage.HIRED: "Hired",
    Stage.REJECTED: "Rejected",
    Stage.ENDED: "Ended",
}


class Source(StrEnum):
    UPWORK = "upwork"
    FREELANCER = "freelancer"
    NICHE = "niche"
    INDEPENDENT = "independent"
    REFERRAL = "referral"


SOURCE_LABELS = {
    Source.UPWORK: "Upwork",
    Source.FREELANCER: "Freelancer",
    Source.NICHE: "Niche site",
    Source.INDEPENDENT: "Found independently",
    Source.REFERRAL: "Referral",
}


class RateUnit(StrEnum):
    HOUR = "hour"
    PROJECT = "project"
    MONTH = "month"


class Contractor(BaseModel):
    """A freelancer or agency, at some stage of the hiring pipeline."""

    name = CharField(max_length=200, index=True)
    kind = CharField(max_length=10, default="individual")  # individual | agency
    skills = TextField(default="")  # comma-separated skills and tags
    email = CharField(max_length=254, default="")
    phone = CharField(max_length=50, default="")
    website = CharField(max_length=500, default="")
    location = CharField(max_length=200, default="")
    timezone = CharField(max_length=64, default="")  # an IANA name, e.g. Europe/Lisbon
    rate = DecimalField(
        max_digits=12, decimal_places=2, auto_round=True, null=True, index=True,
        constraints=[Check("rate >= 0")],
    )  # fmt: skip
    rate_unit = CharField(max_length=8, default=RateUnit.HOUR)
    currency = CharField(max_length=3, default="USD")
    source = CharField(max_length=12, default=Source.INDEPENDENT, index=True)
    source_detail = CharField(max_length=200, default="")  # the niche site, or who referred
    stage = CharField(max_length=12, default=Stage.PROSPECT, index=True)
    rating = SmallIntegerField(null=True, index=True, constraints=[Check("rating BETWEEN 1 AND 5")])
    notes = TextField(default="")
    last_contact = DateTimeField(null=True, index=True)
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)


class StageChange(BaseModel):
    """One move along the pipeline, kept as history."""

    contractor = ForeignKeyField(Contractor, backref="stage_changes", on_delete="CASCADE")
    from_stage = CharField(max_length=12, null=True)
    to_stage = CharField(max_length=12)
    changed_at = DateTimeField(default=now, index=True)
    reason = TextField(default="")


class Reference(BaseModel):
    """A previous client's or a colleague's word on a contractor."""

    contractor = ForeignKeyField(Contractor, backref="references", on_delete="CASCADE")
    name = CharField(max_length=200)  # from whom
    relation = CharField(max_length=10, default="client")  # client | colleague | other
    contact = CharField(max_length=300, default="")  # how to reach them
    said = TextField(default="")
    checked = BooleanField(default=False)
    created_at = DateTimeField(default=now)


class PortfolioItem(BaseModel):
    """A link to, or a sample file of, a contractor's earlier work."""

    contractor = ForeignKeyField(Contractor, backref="portfolio", on_delete="CASCADE")
    title = CharField(max_length=300)
    url = CharField(max_length=2000, default="")
    # Sample files are copied into the data folder under their SHA-256, so
    # attaching the same file twice stores it once.
    file_hash = CharField(max_length=64, null=True, index=True)
    file_name = CharField(max_length=300, default="")
    file_size = BigIntegerField(null=True)
    notes = TextField(default="")
    created_at = DateTimeField(default=now)


class Interview(BaseModel):
    """A conversation with a contractor, with notes and scores 1-5."""

    contractor = ForeignKeyField(Contractor, backref="interviews", on_delete="CASCADE")
    brief = ForeignKeyField(Brief, backref="interviews", null=True, on_delete="SET NULL")
    held_at = DateTimeField(index=True)
    held = BooleanField(default=False)  # False while it is only scheduled
    medium = CharField(max_length=10, default="video")  # phone | video | in_person | chat
    notes = TextField(default="")
    communication = SmallIntegerField(
        null=True, constraints=[Check("communication BETWEEN 1 AND 5")]
    )
    expertise = SmallIntegerField(null=True, constraints=[Check("expertise BETWEEN 1 AND 5")])
    reliability = SmallIntegerField(null=True, constraints=[Check("reliability BETWEEN 1 AND 5")])
    fit = SmallIntegerField(null=True, constraints=[Check("fit BETWEEN 1 AND 5")])
    decision = CharField(max_length=12, default="")  # "" | advance | hire | reject | hold
