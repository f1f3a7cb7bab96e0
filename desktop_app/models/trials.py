"""Paid trials: one small paid task per brief, given to a few shortlisted
contractors at once, scored on one rubric and compared before hiring.

A brief's `TrialTask` says what to do, the pay and the deadline; its rubric
is the brief's must and should expectations (in priority order) plus the
owner's own `TrialCriterion`s. Offering it (`offer_trial`) makes one
`TrialOffer` per contractor and moves each to the pipeline's "trial" stage
with the move in their history; the pay and deadline are copied onto the
offer, so a later change of the task does not rewrite what was agreed.
`record_result` keeps the delivery date, a score per criterion and notes.
Hiring from a trial (and closing the others) is `trial_hiring.py`.

Every edit is one transaction and returns what its undo needs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from peewee import (
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

from desktop_app.models.base import BaseModel, database, now
from desktop_app.models.briefs import Brief, Expectation, Level, clean_field
from desktop_app.models.contractors import (
    STAGE_LABELS,
    Contractor,
    Interview,
    Stage,
    StageChange,
)
from desktop_app.models.currencies import check_currency
from desktop_app.models.errors import UserError, ValidationError
from desktop_app.models.field_checks import note_text
from desktop_app.models.formats import day, integer, money_short
from desktop_app.models.i18n import _, count
from desktop_app.models.parsing import parse_amount
from desktop_app.models.rows import delete_from, tuples
from desktop_app.models.snapshots import RowSnapshot, delete_with_snapshot, restore

TASK_MAX_LENGTH = 5000
CRITERION_MAX_LENGTH = 300
MAX_OFFERS_AT_ONCE = 5


class OfferStatus(StrEnum):
    OFFERED = "offered"  # working on it
    DELIVERED = "delivered"  # work handed in (scores may follow)
    HIRED = "hired"  # the one hired from this trial
    CLOSED = "closed"  # not taken further, with a reason


OFFER_STATUS_LABELS = {
    OfferStatus.OFFERED: "Offered",
    OfferStatus.DELIVERED: "Delivered",
    OfferStatus.HIRED: "Hired",
    OfferStatus.CLOSED: "Closed",
}
OPEN_OFFER_STATUSES = (OfferStatus.OFFERED, OfferStatus.DELIVERED)
# Stages from which a contractor can be offered a trial: still on the shortlist.
SHORTLIST_STAGES = (Stage.PROSPECT, Stage.CONTACTED, Stage.INTERVIEWING, Stage.TRIAL)


class TrialTask(BaseModel):
    """A brief's paid trial task (one per brief)."""

    brief = ForeignKeyField(Brief, backref="trial_tasks", on_delete="CASCADE", unique=True)
    brief_id: int
    task = TextField(default="")  # what to do, and what to hand in
    pay = DecimalField(
        max_digits=12, decimal_places=2, auto_round=True, null=True,
        constraints=[Check("pay >= 0")],
    )  # fmt: skip
    currency = CharField(max_length=3, default="USD")
    deadline = DateField(null=True)
    created_at = DateTimeField(default=now)


class TrialCriterion(BaseModel):
    """One of the owner's own criteria in the trial's rubric."""

    trial = ForeignKeyField(TrialTask, backref="criteria", on_delete="CASCADE")
    trial_id: int
    text = CharField(max_length=CRITERION_MAX_LENGTH)
    position = IntegerField(default=0)


class TrialOffer(BaseModel):
    """The trial given to one contractor, and how it went."""

    trial = ForeignKeyField(TrialTask, backref="offers", on_delete="CASCADE")
    trial_id: int
    contractor = ForeignKeyField(Contractor, backref="trial_offers", on_delete="CASCADE")
    contractor_id: int
    offered_on = DateField()
    pay = DecimalField(max_digits=12, decimal_places=2, auto_round=True)
    currency = CharField(max_length=3, default="USD")
    deadline = DateField()
    status = CharField(max_length=10, default=OfferStatus.OFFERED, index=True)
    delivered_on = DateField(null=True)
    notes = TextField(default="")
    closed_reason = TextField(default="")

    class Meta:
        indexes = ((("trial", "contractor"), True),)


class TrialScore(BaseModel):
    """A score 1-5 of one offer on one rubric line (an expectation or an own criterion)."""

    offer = ForeignKeyField(TrialOffer, backref="scores", on_delete="CASCADE")
    offer_id: int
    expectation = ForeignKeyField(Expectation, null=True, on_delete="CASCADE")
    expectation_id: int | None
    criterion = ForeignKeyField(TrialCriterion, null=True, on_delete="CASCADE")
    criterion_id: int | None
    score = SmallIntegerField(constraints=[Check("score BETWEEN 1 AND 5")])


# ---------------------------------------------------------------------------
# The trial task and its rubric


@dataclass(frozen=True)
class RubricLine:
    """One line of the rubric. `key` is "e<id>" (an expectation) or "c<id>" (own)."""

    key: str
    text: str
    source: str  # "must", "should" or "own"

    @property
    def source_text(self) -> str:
        return {"must": "Must have", "should": "Should have"}.get(self.source, "Your criterion")


@dataclass(frozen=True)
class TrialValues:
    """A brief's trial task as plain data."""

    id: int | None
    brief_id: int
    brief_title: str
    task: str
    pay: Decimal | None
    currency: str
    deadline: date | None
    rubric: tuple[RubricLine, ...]

    def missing(self) -> list[str]:
        """What keeps the trial from being offered, in the owner's words."""
        said = []
        if not self.task.strip():
            said.append(_("say what the trial task is"))
        if self.pay is None:
            said.append(_("set the pay (a trial is paid work)"))
        if self.deadline is None:
            said.append(_("set a deadline"))
        return said


def rubric_of(brief_id: int, trial_id: int | None) -> tuple[RubricLine, ...]:
    """The brief's must and should expectations in priority order, then own criteria."""
    lines = [
        RubricLine(f"e{e.id}", e.text, e.level)
        for e in Expectation.select()
        .where((Expectation.brief == brief_id) & Expectation.level.in_([Level.MUST, Level.SHOULD]))
        .order_by(Expectation.position, Expectation.id)
    ]
    if trial_id is not None:
        lines += [
            RubricLine(f"c{c.id}", c.text, "own")
            for c in TrialCriterion.select()
            .where(TrialCriterion.trial == trial_id)
            .order_by(TrialCriterion.position, TrialCriterion.id)
        ]
    return tuple(lines)


def trial_of(brief_id: int) -> TrialValues:
    """The brief's trial task (empty values when none is written yet)."""
    brief = Brief.get_or_none(Brief.id == brief_id)
    if brief is None:
        raise UserError(_("That brief no longer exists."))
    row = TrialTask.get_or_none(TrialTask.brief == brief_id)
    if row is None:
        return TrialValues(
            None, brief_id, brief.title, "", None, brief.currency, None, rubric_of(brief_id, None)
        )
    return TrialValues(
        row.id, brief_id, brief.title, row.task,
        None if row.pay is None else Decimal(row.pay), row.currency, row.deadline,
        rubric_of(brief_id, row.id),
    )  # fmt: skip


TRIAL_FIELDS = ("task", "pay", "currency", "deadline")


def clean_trial_field(name: str, value: Any) -> Any:
    if name == "task":
        text = str(value or "")
        if len(text) > TASK_MAX_LENGTH:
            raise ValidationError(
                _("The trial task can be at most {limit} characters.").format(
                    limit=integer(TASK_MAX_LENGTH)
                ),
                "task",
            )
        return text
    if name == "pay":
        return parse_amount(value, "pay", "Pay")
    if name == "currency":
        return check_currency(value, "currency")
    if name == "deadline":
        return clean_field("deadline", value)  # the brief's deadline rule, the same field
    raise ValidationError(_("A trial has no field “{name}”.").format(name=name), name)


@dataclass(frozen=True)
class TrialEdit:
    """What `update_trial` changed: the old values, and whether it made the row."""

    brief_id: int
    trial_id: int
    old: dict[str, Any]
    created: bool


def update_trial(brief_id: int, changes: Mapping[str, Any]) -> TrialEdit:
    """Store `changes` to the brief's trial task (made on first use)."""
    clean = {name: clean_trial_field(name, value) for name, value in changes.items()}
    with database.atomic():
        brief = Brief.get_or_none(Brief.id == brief_id)
        if brief is None:
            raise UserError(_("That brief no longer exists."))
        row = TrialTask.get_or_none(TrialTask.brief == brief_id)
        created = row is None
        if row is None:
            row = TrialTask.create(brief=brief_id, currency=brief.currency)
        old = {name: getattr(row, name) for name in clean}
        TrialTask.update(**clean).where(TrialTask.id == row.id).execute()
    return TrialEdit(brief_id, row.id, old, created)


def undo_trial_edit(edit: TrialEdit) -> None:
    with database.atomic():
        if edit.created:
            delete_from(TrialTask).where(TrialTask.id == edit.trial_id).execute()
        else:
            TrialTask.update(**edit.old).where(TrialTask.id == edit.trial_id).execute()


def redo_trial_edit(edit: TrialEdit, new: Mapping[str, Any]) -> None:
    with database.atomic():
        if edit.created:
            brief = Brief.get_by_id(edit.brief_id)
            TrialTask.insert(
                id=edit.trial_id, brief=edit.brief_id, currency=brief.currency
            ).execute()
        TrialTask.update(**dict(new)).where(TrialTask.id == edit.trial_id).execute()


def _trial_id(brief_id: int) -> int:
    row = TrialTask.get_or_none(TrialTask.brief == brief_id)
    if row is None:
        raise UserError(_("Write the trial task first."))
    return row.id


def add_criterion(brief_id: int, text: str) -> int:
    """A criterion of the owner's own, last in the rubric; returns its id."""
    value = " ".join(str(text or "").split())
    if not value:
        raise ValidationError(_("A criterion needs some text."), "text")
    if len(value) > CRITERION_MAX_LENGTH:
        raise ValidationError(
            _("A criterion can be at most {CRITERION_MAX_LENGTH} characters.").format(
                CRITERION_MAX_LENGTH=CRITERION_MAX_LENGTH
            ),
            "text",
        )
    with database.atomic():
        trial_id = _trial_id(brief_id)
        last = TrialCriterion.select().where(TrialCriterion.trial == trial_id).count()
        return TrialCriterion.create(trial=trial_id, text=value, position=last).id


def delete_criterion(criterion_id: int) -> RowSnapshot:
    """Delete an own criterion with its scores (`restore_rows` undoes it)."""
    row = TrialCriterion.get_or_none(TrialCriterion.id == criterion_id)
    if row is None:
        raise UserError(_("That criterion no longer exists."))
    return delete_with_snapshot(row)


def restore_rows(snapshot: RowSnapshot) -> None:
    restore(snapshot)


# ---------------------------------------------------------------------------
# Offers


@dataclass(frozen=True)
class Offering:
    """What `offer_trial` made: the offers, and each contractor's move to "trial"."""

    offer_ids: tuple[int, ...]
    # (contractor id, stage change id or None when already at "trial", stage before, updated_at)
    moves: tuple[tuple[int, int | None, str, datetime], ...]
    snapshot: RowSnapshot = field(default_factory=RowSnapshot)


def offer_trial(brief_id: int, contractor_ids: Sequence[int], offered_on: date) -> Offering:
    """Give the brief's trial to `contractor_ids` at once.

    Refused, with nothing written, when the trial has no task, pay or
    deadline, the deadline is before `offered_on`, a contractor is no longer
    on the shortlist (hired, rejected, ended) or already has this trial.
    """
    with database.atomic():
        trial = trial_of(brief_id)
        missing = trial.missing()
        if missing:
            raise ValidationError(
                _("The trial cannot be offered yet: {missing}.").format(missing="; ".join(missing)),
                "pay" if trial.pay is None else "deadline" if trial.deadline is None else "task",
            )
        assert trial.id is not None and trial.pay is not None and trial.deadline is not None
        if trial.deadline < offered_on:
            raise ValidationError(
                _("The trial's deadline ({date}) has passed: set a new one.").format(
                    date=day(trial.deadline)
                ),
                "deadline",
            )
        ids = list(dict.fromkeys(contractor_ids))
        if not ids:
            raise ValidationError(_("Choose who gets the trial."), "contractors")
        if len(ids) > MAX_OFFERS_AT_ONCE:
            raise ValidationError(
                _(
                    "Offer a trial to at most {MAX_OFFERS_AT_ONCE} people at once: each is paid, "
                    "and two or three are enough to compare."
                ).format(MAX_OFFERS_AT_ONCE=MAX_OFFERS_AT_ONCE),
                "contractors",
            )
        people = {c.id: c for c in Contractor.select().where(Contractor.id.in_(ids))}
        offered = {
            o.contractor_id
            for o in TrialOffer.select().where(
                (TrialOffer.trial == trial.id) & TrialOffer.contractor.in_(ids)
            )
        }
        for cid in ids:
            person = people.get(cid)
            if person is None:
                raise UserError(_("A contractor you chose is no longer on the bench."))
            if cid in offered:
                raise ValidationError(
                    _("{name} has this trial already.").format(name=person.name), "contractors"
                )
            if person.stage not in SHORTLIST_STAGES:
                stage = STAGE_LABELS.get(Stage(person.stage), person.stage)
                raise ValidationError(
                    _(
                        "{name} is at “{stage}”, not on the shortlist: move them back to "
                        "interviewing first."
                    ).format(name=person.name, stage=stage),
                    "contractors",
                )
        pay = money_short(trial.pay, trial.currency)
        reason = _("Offered the paid trial for “{brief}”: {pay}, due {date}.").format(
            brief=trial.brief_title, pay=pay, date=day(trial.deadline)
        )
        offer_ids, moves = [], []
        stamp = now()
        for cid in ids:
            person = people[cid]
            offer_ids.append(
                TrialOffer.create(
                    trial=trial.id, contractor=cid, offered_on=offered_on, pay=trial.pay,
                    currency=trial.currency, deadline=trial.deadline,
                ).id
            )  # fmt: skip
            change_id = None
            if person.stage != Stage.TRIAL:
                change_id = StageChange.create(
                    contractor=cid, from_stage=person.stage, to_stage=Stage.TRIAL,
                    changed_at=stamp, reason=reason,
                ).id  # fmt: skip
                Contractor.update(stage=Stage.TRIAL, updated_at=stamp).where(
                    Contractor.id == cid
                ).execute()
            moves.append((cid, change_id, person.stage, person.updated_at))
    return Offering(tuple(offer_ids), tuple(moves))


def undo_offer(offering: Offering) -> Offering:
    """Take the offers back (and the moves to "trial"); returns what `redo_offer` needs."""
    snapshot = RowSnapshot()
    with database.atomic():
        for offer_id in offering.offer_ids:
            part = delete_with_snapshot(TrialOffer.get_by_id(offer_id))
            snapshot.rows.extend(part.rows)
        for cid, change_id, stage, updated_at in offering.moves:
            if change_id is not None:
                part = delete_with_snapshot(StageChange.get_by_id(change_id))
                snapshot.rows.extend(part.rows)
                Contractor.update(stage=stage, updated_at=updated_at).where(
                    Contractor.id == cid
                ).execute()
    return Offering(offering.offer_ids, offering.moves, snapshot)


def redo_offer(offering: Offering) -> None:
    with database.atomic():
        restore(offering.snapshot)
        for cid, change_id, _stage, _updated in offering.moves:
            if change_id is not None:
                Contractor.update(stage=Stage.TRIAL, updated_at=now()).where(
                    Contractor.id == cid
                ).execute()


@dataclass(frozen=True)
class TrialCandidate:
    """Someone on the shortlist who could be offered the brief's trial."""

    contractor_id: int
    name: str
    stage: str
    interviewed: bool  # interviewed (or an interview planned) for this brief


def trial_candidates(brief_id: int) -> list[TrialCandidate]:
    """The shortlist without the trial yet: those interviewed for the brief
    first, then by name."""
    taken = {
        cid
        for (cid,) in tuples(
            TrialOffer.select(TrialOffer.contractor)
            .join(TrialTask)
            .where(TrialTask.brief == brief_id)
        )
    }
    interviewed = {
        cid
        for (cid,) in tuples(
            Interview.select(Interview.contractor).where(Interview.brief == brief_id)
        )
    }
    rows = Contractor.select(Contractor.id, Contractor.name, Contractor.stage).where(
        Contractor.stage.in_([str(s) for s in SHORTLIST_STAGES])
    )
    people = [
        TrialCandidate(c.id, c.name, c.stage, c.id in interviewed)
        for c in rows
        if c.id not in taken
    ]
    return sorted(people, key=lambda p: (not p.interviewed, p.name, p.contractor_id))


# ---------------------------------------------------------------------------
# Results: delivery, scores, notes


@dataclass(frozen=True)
class OfferResult:
    """An offer's delivery, scores and notes: what `record_result` wrote or found."""

    offer_id: int
    status: str
    delivered_on: date | None
    notes: str
    scores: dict[str, int] = field(default_factory=dict)  # rubric key -> 1-5


def _result(offer: TrialOffer) -> OfferResult:
    scores = {}
    for row in TrialScore.select().where(TrialScore.offer == offer.id):
        key = f"e{row.expectation_id}" if row.expectation_id else f"c{row.criterion_id}"
        scores[key] = row.score
    return OfferResult(offer.id, offer.status, offer.delivered_on, offer.notes, scores)


def _offer(offer_id: int) -> TrialOffer:
    offer = TrialOffer.get_or_none(TrialOffer.id == offer_id)
    if offer is None:
        raise UserError(_("That trial offer no longer exists."))
    return offer


def record_result(
    offer_id: int,
    *,
    delivered_on: date | None,
    scores: Mapping[str, object],
    notes: str,
) -> tuple[OfferResult, OfferResult]:
    """Keep when the trial was delivered, a score per rubric line and notes.

    Returns (before, after), for undo and redo. Scores are 1 to 5; None
    removes one. A score on a line not in the trial's rubric is refused.
    """
    notes = note_text(notes, "notes")
    with database.atomic():
        offer = _offer(offer_id)
        if offer.status in (OfferStatus.HIRED, OfferStatus.CLOSED) and delivered_on is None:
            raise ValidationError(
                _("A trial already decided keeps its delivery date."), "delivered"
            )
        if delivered_on is not None and delivered_on < offer.offered_on:
            raise ValidationError(
                _("Delivered on {delivered}, before the trial was offered ({offered}).").format(
                    delivered=day(delivered_on), offered=day(offer.offered_on)
                ),
                "delivered_on",
            )
        trial = TrialTask.get_by_id(offer.trial_id)
        keys = {line.key for line in rubric_of(trial.brief_id, trial.id)}
        clean: dict[str, int] = {}
        for key, value in scores.items():
            if key not in keys:
                raise ValidationError(_("That criterion is no longer in the trial's rubric."), key)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
                raise ValidationError(_("A score is a whole number from 1 to 5."), key)
            clean[key] = value
        before = _result(offer)
        status = offer.status
        if status in OPEN_OFFER_STATUSES:
            status = OfferStatus.DELIVERED if delivered_on is not None else OfferStatus.OFFERED
        after = OfferResult(offer_id, status, delivered_on, notes, {
            **{k: v for k, v in before.scores.items() if k not in scores}, **clean,
        })  # fmt: skip
        write_result(after)
    return before, after


def write_result(result: OfferResult) -> None:
    """Store `result` as it is (record, undo and redo all write through here)."""
    with database.atomic():
        TrialOffer.update(
            status=result.status, delivered_on=result.delivered_on, notes=result.notes
        ).where(TrialOffer.id == result.offer_id).execute()
        delete_from(TrialScore).where(TrialScore.offer == result.offer_id).execute()
        for key, score in result.scores.items():
            kind, number = key[0], int(key[1:])
            TrialScore.create(
                offer=result.offer_id,
                expectation=number if kind == "e" else None,
                criterion=number if kind == "c" else None,
                score=score,
            )


# ---------------------------------------------------------------------------
# Reading offers


def _offer_row(values: tuple[Any, ...], scores: dict[str, int]) -> OfferRow:
    """An OfferRow from the columns `offer_rows` selects, in their order."""
    (offer_id, trial_id, brief_id, brief_title, contractor_id, contractor_name, offered_on,
     pay, currency, deadline, status, delivered_on, notes, closed_reason) = values  # fmt: skip
    return OfferRow(
        offer_id, trial_id, brief_id, brief_title, contractor_id, contractor_name, offered_on,
        Decimal(pay), currency, deadline, status, delivered_on, notes, closed_reason, scores,
    )  # fmt: skip


@dataclass(frozen=True)
class OfferRow:
    """One trial offer as the views, the comparison and the spend read it."""

    id: int
    trial_id: int
    brief_id: int
    brief_title: str
    contractor_id: int
    contractor_name: str
    offered_on: date
    pay: Decimal
    currency: str
    deadline: date
    status: str
    delivered_on: date | None
    notes: str
    closed_reason: str
    scores: dict[str, int]

    @property
    def status_text(self) -> str:
        return OFFER_STATUS_LABELS.get(OfferStatus(self.status), self.status)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_OFFER_STATUSES

    @property
    def days_late(self) -> int | None:
        """Days after the deadline it was delivered (0: on time); None until delivered."""
        if self.delivered_on is None:
            return None
        return max(0, (self.delivered_on - self.deadline).days)

    def delivery_text(self, today: date) -> str:
        if self.delivered_on is None:
            if not self.is_open:
                return _("not delivered")
            if today > self.deadline:
                days = (today - self.deadline).days
                return count(
                    days,
                    "not delivered, {count} day past the deadline",
                    "not delivered, {count} days past the deadline",
                )
            return _("due {date}").format(date=day(self.deadline))
        late = self.days_late or 0
        when = day(self.delivered_on)
        if not late:
            return _("{date}, on time").format(date=when)
        return count(late, "{date}, {count} day late", "{date}, {count} days late", date=when)

    def average(self) -> float | None:
        return sum(self.scores.values()) / len(self.scores) if self.scores else None


def offer_rows(
    *,
    brief_id: int | None = None,
    contractor_ids: Sequence[int] | None = None,
    offer_ids: Sequence[int] | None = None,
) -> list[OfferRow]:
    """Trial offers (of a brief, of contractors, or by id), by brief then contractor name."""
    query = (
        TrialOffer.select(
            TrialOffer.id,
            TrialOffer.trial,
            TrialTask.brief,
            Brief.title,
            TrialOffer.contractor,
            Contractor.name,
            TrialOffer.offered_on,
            TrialOffer.pay,
            TrialOffer.currency,
            TrialOffer.deadline,
            TrialOffer.status,
            TrialOffer.delivered_on,
            TrialOffer.notes,
            TrialOffer.closed_reason,
        )
        .join(TrialTask)
        .join(Brief)
        .switch(TrialOffer)
        .join(Contractor)
    )
    if brief_id is not None:
        query = query.where(TrialTask.brief == brief_id)
    if contractor_ids is not None:
        query = query.where(TrialOffer.contractor.in_(list(contractor_ids)))
    if offer_ids is not None:
        query = query.where(TrialOffer.id.in_(list(offer_ids)))
    offers = list(tuples(query))
    scores: dict[int, dict[str, int]] = defaultdict(dict)
    for row in TrialScore.select().where(TrialScore.offer.in_([o[0] for o in offers])):
        key = f"e{row.expectation_id}" if row.expectation_id else f"c{row.criterion_id}"
        scores[row.offer_id][key] = row.score
    rows = [_offer_row(values, scores.get(values[0], {})) for values in offers]
    return sorted(rows, key=lambda r: (r.brief_title, r.contractor_name, r.id))


@dataclass(frozen=True)
class TrialPay:
    """A trial's pay as the month's spend counts it."""

    offer_id: int
    contractor_name: str
    brief_title: str
    currency: str
    pay: Decimal
    due: date  # the day it is owed: delivery, or the deadline while still open

    @property
    def basis(self) -> str:
        return _("Paid trial for “{brief}”, owed {date}.").format(
            brief=self.brief_title, date=day(self.due)
        )


def trial_pay_in_month(today: date) -> list[TrialPay]:
    """The trials owed in `today`'s calendar month: delivered this month, or
    open with their deadline in it (closed without delivery: nothing owed)."""
    pays = []
    for row in offer_rows():
        if row.delivered_on is not None:
            due = row.delivered_on
        elif row.is_open:
            due = row.deadline
        else:
            continue
        if (due.year, due.month) == (today.year, today.month):
            pays.append(
                TrialPay(row.id, row.contractor_name, row.brief_title, row.currency, row.pay, due)
            )
    return pays
