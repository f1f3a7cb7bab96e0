"""Engagements: a contractor working to a brief, check-ins and feedback (step 4).

The models, the edits with their validation (each refusal is a
`ValidationError` naming the field at fault, and changes nothing), and the
queries the Engagements and Overview tabs read. The rules they apply (when a
check-in is due, micromanagement, the confidence trend, scorecards) live in
`engagement_rules.py`; this module only feeds them stored values.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from peewee import (
    BooleanField,
    Case,
    CharField,
    Check,
    DateField,
    DateTimeField,
    DecimalField,
    ForeignKeyField,
    IntegerField,
    SmallIntegerField,
    TextField,
    fn,
)

from desktop_app.models import engagement_rules as rules
from desktop_app.models import versions
from desktop_app.models.base import BaseModel, now
from desktop_app.models.briefs import Brief, BriefStatus, BriefTask, Expectation
from desktop_app.models.contractors import (
    Contractor,
    Interview,
    PortfolioItem,
    RateUnit,
    Reference,
    monthly_equivalent,
    rate_text,
)
from desktop_app.models.currencies import check_currency
from desktop_app.models.engagement_rules import (
    ConfidenceTrend,
    Direction,
    FeedbackScore,
    MicromanagementCheck,
    Scorecard,
    confidence_trend,
    days_overdue,
    micromanagement,
    next_check_in_due,
    recent_and_lifetime,
    scorecard,
    started_by_owner,
)
from desktop_app.models.engine import month_text
from desktop_app.models.errors import ValidationError
from desktop_app.models.formats import day as format_day
from desktop_app.models.formats import money, number
from desktop_app.models.i18n import N_, _, count
from desktop_app.models.parsing import parse_amount
from desktop_app.models.rows import frozen_row, iso_day, plain_rows, tuples
from desktop_app.models.snapshots import RowSnapshot, delete_with_snapshot
from desktop_app.models.tasks import Task, TimeEntry


class EngagementStatus(StrEnum):
    TRIAL = "trial"
    ACTIVE = "active"
    PAUSED = "paused"
    ENDED = "ended"


ENGAGEMENT_STATUS_LABELS = {
    EngagementStatus.TRIAL: N_("Trial"),
    EngagementStatus.ACTIVE: N_("Active"),
    EngagementStatus.PAUSED: N_("Paused"),
    EngagementStatus.ENDED: N_("Ended"),
}

# Check-ins are expected of these; a paused or ended engagement has none due.
WORKING_STATUSES = (EngagementStatus.TRIAL, EngagementStatus.ACTIVE)
# Everything but "ended": at most one of these per contractor and brief.
OPEN_STATUSES = (EngagementStatus.TRIAL, EngagementStatus.ACTIVE, EngagementStatus.PAUSED)


class Initiator(StrEnum):
    OWNER = "owner"
    CONTRACTOR = "contractor"


INITIATOR_LABELS = {Initiator.OWNER: "You", Initiator.CONTRACTOR: "The contractor"}


class CheckInKind(StrEnum):
    REPORT = "report"  # a progress report was given
    REQUEST = "request"  # the owner asked for one


class CheckInState(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"


CHECK_IN_STATE_LABELS = {
    CheckInState.ON_TRACK: N_("On track"),
    CheckInState.AT_RISK: N_("At risk"),
    CheckInState.OFF_TRACK: N_("Off track"),
}


CADENCE_MIN_DAYS = 1
CADENCE_MAX_DAYS = 365
RATING_MIN = 1
RATING_MAX = 5
RATING_LABELS = {
    "quality": "Quality",
    "communication": "Communication",
    "confidence": "Confidence",
}


class Engagement(BaseModel):
    """A contractor working to a brief."""

    brief = ForeignKeyField(Brief, backref="engagements", on_delete="CASCADE")
    brief_id: int
    contractor = ForeignKeyField(Contractor, backref="engagements", on_delete="CASCADE")
    contractor_id: int
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
    # No lost updates (`models.versions`, schema 12): bumped by each save,
    # with who saved last and when.
    row_version = IntegerField(default=1)
    changed_by = CharField(max_length=200, default="")
    changed_at = DateTimeField(null=True)


class CheckIn(BaseModel):
    """A progress report, or the owner's request for one."""

    engagement = ForeignKeyField(Engagement, backref="check_ins", on_delete="CASCADE")
    engagement_id: int
    date = DateField(index=True)
    initiated_by = CharField(max_length=10, default="owner")  # owner | contractor
    kind = CharField(max_length=8, default="report")  # report | request
    summary = TextField(default="")
    state = CharField(max_length=10, null=True)  # on_track | at_risk | off_track
    blockers = TextField(default="")
    # No lost updates (`models.versions`, schema 12): bumped by each save,
    # with who saved last and when.
    row_version = IntegerField(default=1)
    changed_by = CharField(max_length=200, default="")
    changed_at = DateTimeField(null=True)


class Feedback(BaseModel):
    """The owner's feedback on one piece of completed work."""

    engagement = ForeignKeyField(Engagement, backref="feedback", on_delete="CASCADE")
    engagement_id: int
    date = DateField(index=True)
    deliverable = CharField(max_length=300, default="")
    on_time = BooleanField(default=True)
    good = TextField(default="")
    not_good = TextField(default="")
    quality = SmallIntegerField(constraints=[Check("quality BETWEEN 1 AND 5")])
    communication = SmallIntegerField(constraints=[Check("communication BETWEEN 1 AND 5")])
    confidence = SmallIntegerField(constraints=[Check("confidence BETWEEN 1 AND 5")])
    # No lost updates (`models.versions`, schema 12): bumped by each save,
    # with who saved last and when.
    row_version = IntegerField(default=1)
    changed_by = CharField(max_length=200, default="")
    changed_at = DateTimeField(null=True)


# ---------------------------------------------------------------------------
# Validation: each check raises ValidationError(message, field) and writes nothing.


def validate_period(start: date, end: date | None) -> None:
    """An engagement cannot end before it starts."""
    if end is not None and end < start:
        raise ValidationError(
            _("The end date ({end}) is before the start ({start}).").format(
                end=format_day(end), start=format_day(start)
            ),
            "end_date",
        )


def validate_cadence(days: Any) -> int:
    """The agreed check-in cadence: a whole number of days from 1 to 365."""
    if isinstance(days, bool) or not isinstance(days, int):
        raise ValidationError(
            _("The check-in cadence must be a whole number of days."), "cadence_days"
        )
    if days < CADENCE_MIN_DAYS:
        raise ValidationError(
            _("Agree a check-in at least every day: a cadence of 0 days means no check-ins."),
            "cadence_days",
        )
    if days > CADENCE_MAX_DAYS:
        raise ValidationError(
            _(
                "A cadence of {days} days is over a year: agree a check-in at least yearly (at "
                "most {CADENCE_MAX_DAYS} days)."
            ).format(days=days, CADENCE_MAX_DAYS=CADENCE_MAX_DAYS),
            "cadence_days",
        )
    return days


def validate_rating(field_name: str, value: Any) -> int:
    """A score on the 1-5 scale."""
    label = RATING_LABELS.get(field_name, field_name.capitalize())
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(
            _("{label} must be a score from 1 to 5.").format(label=label), field_name
        )
    if not RATING_MIN <= value <= RATING_MAX:
        raise ValidationError(
            _("{label} must be from 1 to 5, not {value}.").format(label=label, value=value),
            field_name,
        )
    return value


def parse_rate(text: str | Decimal | None) -> Decimal | None:
    """The agreed rate typed by the owner ("85", "85,50"); empty means not agreed."""
    return parse_amount(text, "rate", "Rate")


def validate_rate_unit(unit: str) -> str:
    if unit not in {u.value for u in RateUnit}:
        raise ValidationError(_("Choose whether the rate is per hour, per project or per month."))
    return unit


def _ensure_one_open(contractor_id: int, brief_id: int, exclude_id: int | None = None) -> None:
    """A contractor works on a brief through at most one engagement that is not ended."""
    query = Engagement.select(Engagement.id).where(
        (Engagement.contractor == contractor_id)
        & (Engagement.brief == brief_id)
        & (Engagement.status.in_(list(OPEN_STATUSES)))
    )
    if exclude_id is not None:
        query = query.where(Engagement.id != exclude_id)
    if query.exists():
        raise ValidationError(
            _(
                "This contractor already has an engagement on this brief that is not ended: end "
                "it first, or pick another brief."
            ),
            "contractor",
        )


# ---------------------------------------------------------------------------
# Edits


def create_engagement(
    brief_id: int | None,
    contractor_id: int | None,
    start_date: date,
    *,
    rate: Decimal | str | None = None,
    rate_unit: str = RateUnit.HOUR,
    currency: str = "USD",
    cadence_days: int = 7,
    status: str = EngagementStatus.TRIAL,
    end_date: date | None = None,
) -> Engagement:
    """A new engagement of `contractor_id` on `brief_id`, validated first."""
    if (
        contractor_id is None
        or not Contractor.select().where(Contractor.id == contractor_id).exists()
    ):
        raise ValidationError(_("Choose the contractor you are hiring."), "contractor")
    if brief_id is None or not Brief.select().where(Brief.id == brief_id).exists():
        raise ValidationError(_("Choose the brief they will work to."), "brief")
    if status not in OPEN_STATUSES:
        raise ValidationError(_("A new engagement starts as a trial, active or paused."), "status")
    validate_period(start_date, end_date)
    cadence_days = validate_cadence(cadence_days)
    rate = parse_rate(rate)
    rate_unit = validate_rate_unit(rate_unit)
    currency = check_currency(currency)
    _ensure_one_open(contractor_id, brief_id)
    return Engagement.create(
        brief=brief_id,
        contractor=contractor_id,
        start_date=start_date,
        end_date=end_date,
        status=status,
        rate=rate,
        rate_unit=rate_unit,
        currency=currency,
        cadence_days=cadence_days,
        changed_by=versions.session.person,
        changed_at=now(),
    )


EDITABLE_FIELDS = (
    "start_date",
    "end_date",
    "status",
    "on_notice_since",
    "rate",
    "rate_unit",
    "currency",
    "cadence_days",
    "end_reason",
)


def update_engagement(engagement_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Change fields of an engagement after checking the result as a whole.

    Ending (status "ended") needs a reason; reopening an ended engagement
    must not make a second open one for the same contractor and brief, and
    clears the old reason. Returns the previous values of every field
    written, which is what an undo writes back.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    engagement = Engagement.get_by_id(engagement_id)
    values = dict(changes)
    reopening = (
        values.get("status", engagement.status) != EngagementStatus.ENDED
        and engagement.status == EngagementStatus.ENDED
    )
    if reopening and "end_reason" not in values:
        values["end_reason"] = ""
    merged = {name: getattr(engagement, name) for name in EDITABLE_FIELDS} | values
    if merged["status"] not in {s.value for s in EngagementStatus}:
        raise ValidationError(_("Choose trial, active, paused or ended."), "status")
    validate_period(merged["start_date"], merged["end_date"])
    validate_cadence(merged["cadence_days"])
    if "rate" in values:
        values["rate"] = parse_rate(values["rate"])
    validate_rate_unit(merged["rate_unit"])
    if "currency" in values:
        values["currency"] = check_currency(values["currency"])
    if merged["status"] == EngagementStatus.ENDED and not str(merged["end_reason"]).strip():
        raise ValidationError(
            _("Say why the engagement ended: it helps the next time you hire."), "end_reason"
        )
    if reopening:
        _ensure_one_open(engagement.contractor_id, engagement.brief_id, exclude_id=engagement_id)
    previous = {name: getattr(engagement, name) for name in values}
    write_engagement_values(engagement_id, values)
    return previous


def write_engagement_values(engagement_id: int, values: Mapping[str, Any]) -> None:
    """Store `values` as they are (for undo, which writes back what was valid)."""
    if values:
        # StaleEdit when someone else saved the engagement since this client read it.
        versions.save(Engagement, engagement_id, dict(values), what="This engagement")


def _check_in_values(engagement_id: int, day: date, fields: Mapping[str, Any]) -> dict[str, Any]:
    """A check-in's fields (those `add_check_in` takes), checked: the one check
    of a new and of an edited check-in."""
    engagement = Engagement.get_by_id(engagement_id)
    if day < engagement.start_date:
        raise ValidationError(
            _("The check-in is dated {date}, before the engagement started ({start}).").format(
                date=format_day(day), start=format_day(engagement.start_date)
            ),
            "date",
        )
    initiated_by = fields.get("initiated_by", Initiator.CONTRACTOR)
    if initiated_by not in {i.value for i in Initiator}:
        raise ValidationError(
            _("Say who started the check-in: you or the contractor."), "initiated_by"
        )
    kind = fields.get("kind", CheckInKind.REPORT)
    if kind not in {k.value for k in CheckInKind}:
        raise ValidationError(_("A check-in is a report or a request for one."), "kind")
    state = fields.get("state")
    if state is not None and state not in {s.value for s in CheckInState}:
        raise ValidationError(_("Choose on track, at risk or off track."), "state")
    summary = str(fields.get("summary", "")).strip()
    if kind == CheckInKind.REPORT and not summary:
        raise ValidationError(_("Write a line on what the progress report said."), "summary")
    return {
        "date": day,
        "initiated_by": initiated_by,
        "kind": kind,
        "summary": summary,
        "state": state,
        "blockers": str(fields.get("blockers", "")).strip(),
    }


def add_check_in(
    engagement_id: int,
    day: date,
    *,
    initiated_by: str = Initiator.CONTRACTOR,
    kind: str = CheckInKind.REPORT,
    summary: str = "",
    state: str | None = None,
    blockers: str = "",
) -> int:
    """Record a check-in (a report, or the owner's request for one); returns its id."""
    fields = {
        "initiated_by": initiated_by, "kind": kind, "summary": summary, "state": state,
        "blockers": blockers,
    }  # fmt: skip
    values = _check_in_values(engagement_id, day, fields)
    check_in = CheckIn.create(
        engagement=engagement_id, **values, changed_by=versions.session.person, changed_at=now()
    )
    versions.remember(CheckIn, check_in.id, check_in.row_version)
    return check_in.id


def update_check_in(check_in_id: int, day: date, **fields: Any) -> dict[str, Any]:
    """Change a check-in to `day` and `fields` (as `add_check_in` takes them),
    checked as a new one is; returns the values it replaced (what
    `write_check_in_values` puts back)."""
    return _update_entry(
        CheckIn, check_in_id, _check_in_values(_engagement_of(CheckIn, check_in_id), day, fields)
    )


def write_check_in_values(check_in_id: int, values: Mapping[str, Any]) -> None:
    """Store a check-in's `values` as they are (for undo)."""
    versions.save(CheckIn, check_in_id, dict(values), what=_ENTRY_WHAT[CheckIn])


def _engagement_of(model: type[CheckIn | Feedback], row_id: int) -> int:
    return model.get_by_id(row_id).engagement_id


def _update_entry(
    model: type[CheckIn | Feedback], row_id: int, values: dict[str, Any]
) -> dict[str, Any]:
    """Write checked `values` to a check-in or feedback; returns those they replace."""
    row = model.get_by_id(row_id)
    previous = {name: getattr(row, name) for name in values}
    versions.save(model, row_id, values, what=_ENTRY_WHAT[model])
    return previous


_ENTRY_WHAT: dict[Any, str] = {CheckIn: "This check-in", Feedback: "This feedback"}


def _feedback_values(engagement_id: int, day: date, fields: Mapping[str, Any]) -> dict[str, Any]:
    """Feedback's fields (those `add_feedback` takes), checked: the one check of
    new and of edited feedback."""
    engagement = Engagement.get_by_id(engagement_id)
    if day < engagement.start_date:
        raise ValidationError(
            _("The feedback is dated {date}, before the engagement started ({start}).").format(
                date=format_day(day), start=format_day(engagement.start_date)
            ),
            "date",
        )
    deliverable = str(fields.get("deliverable", "")).strip()
    if not deliverable:
        raise ValidationError(_("Name the piece of work this feedback is about."), "deliverable")
    if len(deliverable) > 300:
        raise ValidationError(_("Keep the deliverable's name under 300 characters."), "deliverable")
    scores = {name: validate_rating(name, fields.get(name)) for name in RATING_LABELS}
    return {
        "date": day,
        "deliverable": deliverable,
        "on_time": bool(fields.get("on_time", True)),
        "good": str(fields.get("good", "")).strip(),
        "not_good": str(fields.get("not_good", "")).strip(),
        **scores,
    }


def add_feedback(
    engagement_id: int,
    day: date,
    *,
    deliverable: str,
    on_time: bool,
    quality: int,
    communication: int,
    confidence: int,
    good: str = "",
    not_good: str = "",
) -> int:
    """Record feedback on one piece of completed work; returns its id."""
    fields = {
        "deliverable": deliverable, "on_time": on_time, "quality": quality,
        "communication": communication, "confidence": confidence, "good": good,
        "not_good": not_good,
    }  # fmt: skip
    values = _feedback_values(engagement_id, day, fields)
    feedback = Feedback.create(
        engagement=engagement_id, **values, changed_by=versions.session.person, changed_at=now()
    )
    versions.remember(Feedback, feedback.id, feedback.row_version)
    return feedback.id


def update_feedback(feedback_id: int, day: date, **fields: Any) -> dict[str, Any]:
    """Change feedback to `day` and `fields` (as `add_feedback` takes them),
    checked as new feedback is; returns the values it replaced (what
    `write_feedback_values` puts back)."""
    return _update_entry(
        Feedback, feedback_id, _feedback_values(_engagement_of(Feedback, feedback_id), day, fields)
    )


def write_feedback_values(feedback_id: int, values: Mapping[str, Any]) -> None:
    """Store feedback's `values` as they are (for undo)."""
    versions.save(Feedback, feedback_id, dict(values), what=_ENTRY_WHAT[Feedback])


def delete_check_in(check_in_id: int) -> RowSnapshot:
    return delete_with_snapshot(CheckIn.get_by_id(check_in_id))


def delete_feedback(feedback_id: int) -> RowSnapshot:
    return delete_with_snapshot(Feedback.get_by_id(feedback_id))


def dependents_summary(contractor_id: int) -> dict[str, int]:
    """What deleting a contractor takes with it, counted. It lives here, above
    contractors.py, because engagements are among what it counts."""
    return {
        "engagements": Engagement.select().where(Engagement.contractor == contractor_id).count(),
        "interviews": Interview.select().where(Interview.contractor == contractor_id).count(),
        "references": Reference.select().where(Reference.contractor == contractor_id).count(),
        "portfolio": PortfolioItem.select()
        .where(PortfolioItem.contractor == contractor_id)
        .count(),
    }


# ---------------------------------------------------------------------------
# Queries


@dataclass(frozen=True)
class EngagementRow:
    """One engagement as the list and the Overview show it.

    Attributes:
        next_due: when the next check-in is due; None when paused or ended.
        overdue_days: days past `next_due` (0 when not overdue).
        confidences: every confidence score, oldest first.
        trend: the confidence trend of those scores.
        micromanagement: the owner's check-ins against the cadence (None
            when paused or ended).
    """

    id: int
    contractor_id: int
    contractor_name: str
    contractor_email: str
    brief_id: int
    brief_title: str
    brief_skills: str
    status: str
    start_date: date
    end_date: date | None
    on_notice_since: date | None
    rate: Decimal | None
    rate_unit: str
    currency: str
    cadence_days: int
    end_reason: str
    last_check_in: date | None
    next_due: date | None
    overdue_days: int
    confidences: tuple[int, ...]
    trend: ConfidenceTrend
    micromanagement: MicromanagementCheck | None

    # The row's version when it was read (`models.versions`): not part of
    # what the row says, so two reads of the same values compare equal.
    row_version: int = field(default=0, compare=False)

    @property
    def status_label(self) -> str:
        return ENGAGEMENT_STATUS_LABELS.get(EngagementStatus(self.status), self.status)

    @property
    def is_working(self) -> bool:
        return self.status in WORKING_STATUSES

    @property
    def latest_confidence(self) -> int | None:
        return self.trend.latest

    @property
    def warnings(self) -> list[str]:
        """What the app warns the owner about on this engagement, in words
        (empty when nothing): confidence lost or falling, on notice, the
        owner checking in far more than agreed, a check-in overdue."""
        found = []
        if self.trend.lost:
            found.append("confidence lost")
        elif self.trend.direction is Direction.FALLING:
            found.append("confidence falling")
        if self.on_notice_since is not None and self.status in OPEN_STATUSES:
            found.append("on notice")
        if self.micromanagement is not None and self.micromanagement.warning:
            found.append("you check in more than agreed")
        if self.overdue_days:
            found.append(
                f"check-in {self.overdue_days} day{'s' if self.overdue_days != 1 else ''} overdue"
            )
        return found

    @property
    def doing_well(self) -> bool:
        """Working, confidence 4 or 5, and nothing to warn about: leave them
        to it. An engagement with any warning is never "doing well"."""
        return (
            self.is_working
            and self.trend.latest is not None
            and self.trend.latest >= 4
            and not self.warnings
        )

    @property
    def confidence_at_risk(self) -> bool:
        """Working or paused, and confidence falling or lost."""
        return self.status in OPEN_STATUSES and (
            self.trend.lost or self.trend.direction is Direction.FALLING
        )

    def due_by(self, last_day: date) -> bool:
        """A check-in is due on or before `last_day` (or overdue)."""
        return self.next_due is not None and self.next_due <= last_day


def day_text(value: date | None) -> str:
    """A day as the engagements show it: "Nov 3, 2026" / "03.11.2026" ("" for none)."""
    return format_day(value) if value else ""


def terms_text(row: EngagementRow) -> str:
    """The agreed terms on one line, as the engagement's detail and its review
    PDF show them: "Active since 3 Nov 2026 · check-in every 7 days · 600 USD
    per month · on notice since 20 Nov 2026"."""
    if row.status == EngagementStatus.ENDED and row.end_date:
        parts = [
            _("Ended {end} (started {start})").format(
                end=day_text(row.end_date), start=day_text(row.start_date)
            )
        ]
    else:
        parts = [
            _("{status} since {start}").format(
                status=_(row.status_label), start=day_text(row.start_date)
            )
        ]
        if row.end_date:
            parts.append(_("planned end {day}").format(day=day_text(row.end_date)))
    parts.append(count(row.cadence_days, "check-in every day", "check-in every {count} days"))
    if row.rate is not None:
        parts.append(rate_text(row.rate, row.rate_unit, row.currency))
    if row.on_notice_since:
        parts.append(_("on notice since {day}").format(day=day_text(row.on_notice_since)))
    return " · ".join(parts)


def _engagement_rows(
    today: date, engagement_ids: Sequence[int] | None = None
) -> list[EngagementRow]:
    query = (
        Engagement.select(
            Engagement.id,
            Engagement.contractor,
            Contractor.name,
            Contractor.email,
            Engagement.brief,
            Brief.title,
            Brief.skills,
            Engagement.status,
            Engagement.start_date,
            Engagement.end_date,
            Engagement.on_notice_since,
            Engagement.rate,
            Engagement.rate_unit,
            Engagement.currency,
            Engagement.cadence_days,
            Engagement.end_reason,
            Engagement.row_version,
        )
        .join(Brief, on=(Engagement.brief == Brief.id))
        .switch(Engagement)
        .join(Contractor, on=(Engagement.contractor == Contractor.id))
        .order_by(Engagement.id)
    )
    # Of the check-ins, what the rules read: each engagement's latest, and its
    # latest since its start (the next is due a cadence after it), found in
    # SQL; and those the owner may have started within the micromanagement
    # window (at most its length before today), read one by one. A year of
    # check-ins is thousands of rows, a few hundred of them recent.
    since_start = Case(None, [(CheckIn.date >= Engagement.start_date, CheckIn.date)], None)
    latest = (
        CheckIn.select(CheckIn.engagement, fn.MAX(CheckIn.date), fn.MAX(since_start))
        .join(Engagement, on=(CheckIn.engagement == Engagement.id))
        .group_by(CheckIn.engagement)
    )
    recent = CheckIn.select(
        CheckIn.engagement, CheckIn.date, CheckIn.initiated_by, CheckIn.kind
    ).where(CheckIn.date > today - timedelta(days=rules.MICROMANAGEMENT_WINDOW_DAYS))
    feedback = Feedback.select(Feedback.engagement, Feedback.confidence).order_by(
        Feedback.date, Feedback.id
    )
    if engagement_ids is not None:
        ids = list(engagement_ids)
        query = query.where(Engagement.id.in_(ids))
        latest = latest.where(CheckIn.engagement.in_(ids))
        recent = recent.where(CheckIn.engagement.in_(ids))
        feedback = feedback.where(Feedback.engagement.in_(ids))
    latest_check_in: dict[int, date] = {}
    # The days to count each engagement's next check-in from (none: its start).
    due_from: dict[int, list[date]] = defaultdict(list)
    for engagement_id, last, last_since_start in plain_rows(latest):
        latest_check_in[engagement_id] = iso_day(last)
        if last_since_start is not None:
            due_from[engagement_id].append(iso_day(last_since_start))
    owner_dates: dict[int, list[date]] = defaultdict(list)
    for engagement_id, stored_day, initiated_by, kind in plain_rows(recent):
        if started_by_owner(initiated_by, kind):
            owner_dates[engagement_id].append(iso_day(stored_day))
    confidences: dict[int, list[int]] = defaultdict(list)
    for engagement_id, confidence in plain_rows(feedback):
        confidences[engagement_id].append(confidence)

    rows = []
    # Plain rows (Peewee's three model instances a row cost more than the
    # rules); the dates and the rate typed here as Peewee would.
    for (
        engagement_id,
        contractor_id,
        contractor_name,
        contractor_email,
        brief_id,
        brief_title,
        brief_skills,
        status,
        stored_start,
        stored_end,
        stored_notice,
        stored_rate,
        rate_unit,
        currency,
        cadence_days,
        end_reason,
        row_version,
    ) in plain_rows(query):
        # What the list shows is what this client has read (`models.versions`).
        versions.remember(Engagement, engagement_id, row_version)
        start_date = iso_day(stored_start)
        working = status in WORKING_STATUSES
        due = (
            next_check_in_due(start_date, cadence_days, due_from[engagement_id])
            if working
            else None
        )
        scores = tuple(confidences[engagement_id])
        rows.append(
            frozen_row(
                EngagementRow,
                {
                    "id": engagement_id,
                    "contractor_id": contractor_id,
                    "contractor_name": contractor_name,
                    "contractor_email": contractor_email,
                    "brief_id": brief_id,
                    "brief_title": brief_title,
                    "brief_skills": brief_skills,
                    "status": status,
                    "start_date": start_date,
                    "end_date": None if stored_end is None else iso_day(stored_end),
                    "on_notice_since": None if stored_notice is None else iso_day(stored_notice),
                    "rate": None if stored_rate is None else Decimal(str(stored_rate)),
                    "rate_unit": rate_unit,
                    "currency": currency,
                    "cadence_days": cadence_days,
                    "end_reason": end_reason,
                    "last_check_in": latest_check_in.get(engagement_id),
                    "next_due": due,
                    "overdue_days": days_overdue(due, today) if due else 0,
                    "confidences": scores,
                    "trend": confidence_trend(scores),
                    "micromanagement": (
                        micromanagement(start_date, cadence_days, owner_dates[engagement_id], today)
                        if working
                        else None
                    ),
                    "row_version": row_version,
                },
            )
        )
    return rows


def versions_read(row: EngagementRow) -> versions.Versions:
    """The version of the engagement `row` shows: what a dialog made from it
    saves over (`StoreCommand.expected`)."""
    if not row.row_version:
        return {}  # not read from the database: nothing to check against
    return {(Engagement._meta.table_name, row.id): row.row_version}


def list_engagements(today: date) -> list[EngagementRow]:
    """Every engagement, with its due date and confidence as of `today`."""
    return _engagement_rows(today)


def get_engagement(engagement_id: int, today: date) -> EngagementRow:
    """One engagement as of `today`; ValidationError when it no longer exists."""
    rows = _engagement_rows(today, [engagement_id])
    if not rows:
        raise ValidationError(_("That engagement no longer exists."))
    return rows[0]


@dataclass(frozen=True)
class CheckInRecord:
    id: int
    engagement_id: int
    day: date
    initiated_by: str
    kind: str
    summary: str
    state: str | None
    blockers: str
    # The row's version when it was read (`models.versions`): not part of
    # what the row says, so two reads of the same values compare equal.
    row_version: int = field(default=0, compare=False)

    @property
    def started_by_owner(self) -> bool:
        return started_by_owner(self.initiated_by, self.kind)

    @property
    def state_label(self) -> str:
        return CHECK_IN_STATE_LABELS.get(CheckInState(self.state), "") if self.state else ""


@dataclass(frozen=True)
class FeedbackRecord:
    id: int
    engagement_id: int
    day: date
    deliverable: str
    on_time: bool
    good: str
    not_good: str
    quality: int
    communication: int
    confidence: int
    # The row's version when it was read (`models.versions`): not part of
    # what the row says, so two reads of the same values compare equal.
    row_version: int = field(default=0, compare=False)


def entry_versions_read(entry: CheckInRecord | FeedbackRecord) -> versions.Versions:
    """The version of the check-in or feedback a form was opened on: what its
    save goes over (`StoreCommand.expected`)."""
    model = Feedback if isinstance(entry, FeedbackRecord) else CheckIn
    if not entry.row_version:
        return {}  # not read from the database: nothing to check against
    return {(model._meta.table_name, entry.id): entry.row_version}


def _check_in_record(row: CheckIn) -> CheckInRecord:
    versions.remember(CheckIn, row.id, row.row_version)
    return CheckInRecord(
        row.id, row.engagement_id, row.date, row.initiated_by, row.kind, row.summary, row.state,
        row.blockers, row.row_version,
    )  # fmt: skip


def _feedback_record(row: Feedback) -> FeedbackRecord:
    versions.remember(Feedback, row.id, row.row_version)
    return FeedbackRecord(
        row.id, row.engagement_id, row.date, row.deliverable, row.on_time, row.good, row.not_good,
        row.quality, row.communication, row.confidence, row.row_version,
    )  # fmt: skip


def check_ins_of(engagement_id: int) -> list[CheckInRecord]:
    """The engagement's check-ins, oldest first."""
    query = CheckIn.select().where(CheckIn.engagement == engagement_id)
    return [_check_in_record(row) for row in query.order_by(CheckIn.date, CheckIn.id)]


def feedback_of(engagement_id: int) -> list[FeedbackRecord]:
    """The engagement's feedback, oldest first."""
    query = Feedback.select().where(Feedback.engagement == engagement_id)
    return [_feedback_record(row) for row in query.order_by(Feedback.date, Feedback.id)]


def timeline(engagement_id: int) -> list[CheckInRecord | FeedbackRecord]:
    """Check-ins and feedback together, newest first (feedback first on a tie)."""
    items: list[CheckInRecord | FeedbackRecord] = [
        *check_ins_of(engagement_id),
        *feedback_of(engagement_id),
    ]
    return sorted(
        items,
        key=lambda item: (item.day, isinstance(item, FeedbackRecord), item.id),
        reverse=True,
    )


def contractor_scorecard(contractor_id: int, today: date) -> tuple[Scorecard, Scorecard]:
    """The contractor's scorecard over all engagements: last 90 days, lifetime."""
    query = (
        Feedback.select(Feedback.date, Feedback.on_time, Feedback.quality, Feedback.communication)
        .join(Engagement)
        .where(Engagement.contractor == contractor_id)
    )
    scores = [FeedbackScore(*row) for row in tuples(query)]
    return recent_and_lifetime(scores, today)


@dataclass(frozen=True)
class ExpectationLine:
    text: str
    level: str
    measure: str


@dataclass(frozen=True)
class Review:
    """What the printable engagement review shows."""

    engagement: EngagementRow
    brief_summary: str
    expectations: list[ExpectationLine]
    feedback: list[FeedbackRecord]
    check_ins: list[CheckInRecord]
    scorecard: Scorecard

    @property
    def owner_started(self) -> int:
        """The check-ins the owner started, counted as the micromanagement rule counts."""
        return sum(1 for item in self.check_ins if item.started_by_owner)


def engagement_review(engagement_id: int, today: date) -> Review:
    """The brief's expectations in priority order beside the feedback received."""
    row = get_engagement(engagement_id, today)
    brief = Brief.get_by_id(row.brief_id)
    expectations = [
        ExpectationLine(item.text, item.level, item.measure)
        for item in Expectation.select()
        .where(Expectation.brief == row.brief_id)
        .order_by(Expectation.position, Expectation.id)
    ]
    feedback = feedback_of(engagement_id)
    scores = [FeedbackScore(f.day, f.on_time, f.quality, f.communication) for f in feedback]
    return Review(
        engagement=row,
        brief_summary=brief.summary,
        expectations=expectations,
        feedback=feedback,
        check_ins=check_ins_of(engagement_id),
        scorecard=scorecard(scores),
    )


@dataclass(frozen=True)
class Choice:
    """A contractor or brief offered in the hire dialog."""

    id: int
    label: str
    detail: str  # stage or status
    rate: Decimal | None = None
    rate_unit: str = RateUnit.HOUR
    currency: str = "USD"
    cadence_days: int | None = None


def contractor_choices() -> list[Choice]:
    """Contractors to hire from, by name (the rejected ones last)."""
    rows = Contractor.select(
        Contractor.id, Contractor.name, Contractor.stage, Contractor.rate,
        Contractor.rate_unit, Contractor.currency,
    ).order_by(Contractor.name, Contractor.id)  # fmt: skip
    choices = [Choice(c.id, c.name, c.stage, c.rate, c.rate_unit, c.currency) for c in rows]
    return sorted(choices, key=lambda c: c.detail == "rejected")


@dataclass(frozen=True)
class EngagementLink:
    """One engagement as another tab names it: who, on which brief, in what state."""

    id: int
    contractor_id: int
    contractor_name: str
    brief_id: int
    brief_title: str
    status: str
    start_date: date


def engagement_links(
    *, brief_id: int | None = None, contractor_id: int | None = None
) -> list[EngagementLink]:
    """The engagements of a brief or of a contractor: open ones first, then the
    most recent start first."""
    query = (
        Engagement.select(
            Engagement.id,
            Engagement.status,
            Engagement.start_date,
            Contractor.id,
            Contractor.name,
            Brief.id,
            Brief.title,
        )
        .join_from(Engagement, Contractor)
        .join_from(Engagement, Brief)
    )
    if brief_id is not None:
        query = query.where(Engagement.brief == brief_id)
    if contractor_id is not None:
        query = query.where(Engagement.contractor == contractor_id)
    links = [
        EngagementLink(
            row.id,
            row.contractor.id,
            row.contractor.name,
            row.brief.id,
            row.brief.title,
            row.status,
            row.start_date,
        )
        for row in query
    ]
    return sorted(
        links,
        key=lambda link: (link.status == EngagementStatus.ENDED, -link.start_date.toordinal()),
    )


def brief_choices() -> list[Choice]:
    """Briefs to hire for, by title (closed ones left out)."""
    rows = (
        Brief.select(Brief.id, Brief.title, Brief.status, Brief.currency, Brief.report_every_days)
        .where(Brief.status != BriefStatus.CLOSED)
        .order_by(Brief.title, Brief.id)
    )
    return [
        Choice(b.id, b.title, b.status, currency=b.currency, cadence_days=b.report_every_days)
        for b in rows
    ]


# ---------------------------------------------------------------------------
# What the Overview needs


def end_of_week(today: date) -> date:
    """The Sunday closing `today`'s week (Monday to Sunday)."""
    return today + timedelta(days=6 - today.weekday())


def check_ins_due_this_week(
    today: date, rows: Sequence[EngagementRow] | None = None
) -> list[EngagementRow]:
    """Working engagements whose next check-in is overdue or due by Sunday.

    Sorted most urgent first. On a Monday that is the whole week ahead.
    `rows` (from `list_engagements(today)`) saves reading them again.
    """
    last_day = end_of_week(today)
    due = [row for row in _rows_or_all(today, rows) if row.due_by(last_day)]
    return sorted(due, key=lambda row: (row.next_due, row.contractor_name))


def confidence_watch(
    today: date, rows: Sequence[EngagementRow] | None = None
) -> list[EngagementRow]:
    """Engagements not ended whose confidence is lost or falling, lost first."""
    watched = [row for row in _rows_or_all(today, rows) if row.confidence_at_risk]
    return sorted(watched, key=lambda row: (not row.trend.lost, row.contractor_name))


def _rows_or_all(today: date, rows: Sequence[EngagementRow] | None) -> Sequence[EngagementRow]:
    return list_engagements(today) if rows is None else rows


AVERAGE_MONTH_DAYS = Decimal("30.44")


@dataclass(frozen=True)
class SpendLine:
    """One engagement's share of the monthly spend.

    Attributes:
        monthly: the monthly figure, or None when it cannot be known (an
            hourly rate with no known hours, or no agreed rate).
        basis: how the figure was reached, for a tooltip.
    """

    engagement_id: int
    contractor_name: str
    brief_title: str
    currency: str
    monthly: Decimal | None
    basis: str


@dataclass(frozen=True)
class MonthlySpend:
    """Monthly spend on engagements that are working (trial or active).

    Attributes:
        totals: currency -> the sum of the known monthly figures (rates in
            different currencies are never converted).
        lines: every working engagement's figure.
        unknown: the lines whose figure is not known, so not in the totals.
    """

    totals: dict[str, Decimal]
    lines: list[SpendLine] = field(default_factory=list)

    @property
    def unknown(self) -> list[SpendLine]:
        return [line for line in self.lines if line.monthly is None]


def monthly_spend(
    today: date,
    rows: Sequence[EngagementRow] | None = None,
    *,
    hours: Mapping[int, Decimal] | None = None,
) -> MonthlySpend:
    """What the working engagements cost a month, per currency.

    How each rate becomes a monthly figure:
    - per month: the rate itself.
    - per hour: the rate times the hours a month that the brief's tasks take
      (from the time audit, see `brief_monthly_hours`). Without linked tasks
      or known hours the figure is unknown and left out of the total.
    - per project: the rate spread over the engagement's planned length
      (start to end date, in months of 30.44 days, at least one month);
      without an end date the whole fee counts as one month.
    Paused and ended engagements cost nothing; no rate agreed: unknown.
    Paid trials are not engagements: `payments.month_spend` adds their pay
    to the month's spend.
    """
    rows = [row for row in _rows_or_all(today, rows) if row.is_working]
    if hours is None:  # `hours`: `brief_monthly_hours` when the caller has it already
        hours = brief_monthly_hours([row.brief_id for row in rows], today)
    totals: dict[str, Decimal] = {}
    lines = []
    for row in rows:
        monthly, basis = _monthly_figure(row, hours.get(row.brief_id))
        if monthly is not None:
            totals[row.currency] = totals.get(row.currency, Decimal(0)) + monthly
        lines.append(
            SpendLine(row.id, row.contractor_name, row.brief_title, row.currency, monthly, basis)
        )
    return MonthlySpend(
        {code: value.quantize(Decimal("0.01")) for code, value in totals.items()}, lines
    )


def _monthly_figure(row: EngagementRow, brief_hours: Decimal | None) -> tuple[Decimal | None, str]:
    if row.rate is None:
        return None, "No rate agreed."
    if row.rate_unit == RateUnit.MONTH:
        return row.rate, "Monthly rate."
    if row.rate_unit == RateUnit.HOUR:
        if brief_hours is None:
            return None, "Hourly rate; the hours a month of the brief's tasks are not known."
        return (
            monthly_equivalent(row.rate, row.rate_unit, brief_hours),
            _("{amount} an hour × {hours} h a month of the brief's tasks.").format(
                amount=money(row.rate, row.currency), hours=number(brief_hours)
            ),
        )
    if row.end_date is None:
        return row.rate, "Project fee, no end date: counted as one month."
    months = max(Decimal((row.end_date - row.start_date).days) / AVERAGE_MONTH_DAYS, Decimal(1))
    return (
        (row.rate / months).quantize(Decimal("0.01")),
        _("Project fee spread over {months} months.").format(months=number(months, 1)),
    )


def brief_monthly_hours(brief_ids: Sequence[int], today: date) -> dict[int, Decimal]:
    """Hours a month of each brief's tasks, for the briefs where any are known.

    A task's hours a month are, in this order: the minutes logged in the
    latest *whole* month before `today`'s that has entries; its monthly
    estimate (the owner's figure, or the one a hand-off recorded); the
    minutes logged so far this month. A part of a month would understate
    the hours, so it is the last resort. Tasks with none add nothing.
    """
    if not brief_ids:
        return {}
    links = list(
        tuples(
            BriefTask.select(BriefTask.brief, BriefTask.task, Task.monthly_estimate_minutes)
            .join(Task)
            .where(BriefTask.brief.in_(list(brief_ids)))
        )
    )
    task_ids = {task_id for _, task_id, _ in links}
    by_month: dict[int, dict[tuple[int, int], int]] = defaultdict(dict)
    if task_ids:
        # Each task's minutes by month, summed in SQL: a row a month, not a
        # row an entry ("2026-11" is the month, on either engine).
        month = month_text(TimeEntry.date)
        sums = (
            TimeEntry.select(TimeEntry.task, month, fn.SUM(TimeEntry.minutes))
            .where(TimeEntry.task.in_(list(task_ids)))
            .group_by(TimeEntry.task, month)
        )
        for task_id, stored_month, logged in plain_rows(sums):
            year, number = str(stored_month).split("-")
            by_month[task_id][(int(year), int(number))] = logged
    this_month = (today.year, today.month)
    minutes_of_brief: dict[int, int] = {}
    for brief_id, task_id, estimate in links:
        months = by_month.get(task_id, {})
        whole = [month for month in months if month < this_month]
        minutes: int | None
        if whole:
            minutes = months[max(whole)]
        elif estimate is not None:
            minutes = estimate
        else:
            minutes = months.get(this_month)
        if minutes is not None:
            minutes_of_brief[brief_id] = minutes_of_brief.get(brief_id, 0) + minutes
    return {
        brief_id: (Decimal(minutes) / 60).quantize(Decimal("0.1"))
        for brief_id, minutes in minutes_of_brief.items()
    }


def micromanagement_rule() -> str:
    """The micromanagement rule in words, from the constants the rule uses."""
    return (
        f"The rule: over the last {rules.MICROMANAGEMENT_WINDOW_DAYS} days (at least "
        f"{rules.MICROMANAGEMENT_MIN_WINDOW_DAYS} for a new engagement), the check-ins you "
        "started (reports you asked for and check-ins you opened, not those the contractor "
        f"sent) number more than {rules.MICROMANAGEMENT_RATIO:g} times what the cadence calls "
        f"for, and at least {rules.MICROMANAGEMENT_MARGIN} more."
    )
