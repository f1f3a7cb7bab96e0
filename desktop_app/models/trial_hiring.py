"""Hiring from a paid trial: the hire, and closing the other trials, in one step.

`hire_from_trial` hires the contractor of one trial offer through
`hiring.hire` (engagement, "hired", brief filled, tasks handed off), marks
that offer "hired", closes every other open offer of the same trial with
the owner's reason and moves those contractors to "rejected" with the same
reason in their history: one transaction, undone exactly by
`undo_hire_from_trial`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from desktop_app.models.base import database, now
from desktop_app.models.briefs import Brief
from desktop_app.models.contractors import Contractor, Stage, StageChange
from desktop_app.models.errors import UserError, ValidationError
from desktop_app.models.formats import integer
from desktop_app.models.hiring import Hiring, hire, redo_hire, undo_hire
from desktop_app.models.i18n import _
from desktop_app.models.snapshots import RowSnapshot, delete_with_snapshot, restore
from desktop_app.models.trials import (
    OPEN_OFFER_STATUSES,
    OfferStatus,
    TrialOffer,
    TrialTask,
)

REASON_MAX_LENGTH = 2000


@dataclass(frozen=True)
class ClosedOffer:
    """Another offer `hire_from_trial` closed, and its contractor's move to "rejected"."""

    offer_id: int
    contractor_id: int
    previous_status: str
    previous_reason: str
    stage_change_id: int | None
    previous_stage: str
    previous_updated_at: datetime


@dataclass(frozen=True)
class TrialHiring:
    hiring: Hiring
    offer_id: int
    previous_status: str
    closed: tuple[ClosedOffer, ...]
    reason: str


def other_open_offers(offer_id: int) -> list[tuple[int, str]]:
    """(offer id, contractor name) of the trial's other offers still open."""
    offer = TrialOffer.get_or_none(TrialOffer.id == offer_id)
    if offer is None:
        return []
    query = (
        TrialOffer.select(TrialOffer.id, Contractor.name)
        .join(Contractor)
        .where(
            (TrialOffer.trial == offer.trial_id)
            & (TrialOffer.id != offer_id)
            & TrialOffer.status.in_(list(OPEN_OFFER_STATUSES))
        )
        .order_by(Contractor.name)
    )
    return [(row.id, row.contractor.name) for row in query]


@dataclass(frozen=True)
class HireTerms:
    """What the hire form starts from: the contractor's rate, the brief's cadence."""

    rate: Decimal | None
    rate_unit: str
    currency: str
    cadence_days: int


def hire_terms(offer_id: int) -> HireTerms:
    offer = TrialOffer.get_or_none(TrialOffer.id == offer_id)
    if offer is None:
        raise UserError(_("That trial offer no longer exists."))
    contractor = Contractor.get_by_id(offer.contractor_id)
    brief = Brief.get_by_id(TrialTask.get_by_id(offer.trial_id).brief_id)
    return HireTerms(
        None if contractor.rate is None else Decimal(contractor.rate),
        contractor.rate_unit,
        contractor.currency,
        brief.report_every_days or 7,
    )


def hire_from_trial(
    offer_id: int,
    start: date,
    rate: Decimal | str | None,
    cadence_days: int,
    *,
    reason: str,
    rate_unit: str = "hour",
    currency: str = "USD",
    status: str = "trial",
) -> TrialHiring:
    """Hire the contractor of `offer_id` for its brief and close the trial's
    other open offers for `reason` (required when there are any), in one
    transaction. Nothing changes on a refusal."""
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            _("The reason can be at most {limit} characters.").format(
                limit=integer(REASON_MAX_LENGTH)
            ),
            "reason",
        )
    with database.atomic():
        offer = TrialOffer.get_or_none(TrialOffer.id == offer_id)
        if offer is None:
            raise UserError(_("That trial offer no longer exists."))
        if offer.status not in OPEN_OFFER_STATUSES:
            raise ValidationError(_("This trial was decided already."), "offer")
        others = other_open_offers(offer_id)
        if others and not reason:
            names = ", ".join(name for _, name in others)
            raise ValidationError(
                _("Say why the others were not chosen ({names}): they will read it.").format(
                    names=names
                ),
                "reason",
            )
        brief_id = TrialTask.get_by_id(offer.trial_id).brief_id
        hiring = hire(
            offer.contractor_id, brief_id, start, rate, cadence_days,
            rate_unit=rate_unit, currency=currency, status=status,
        )  # fmt: skip
        TrialOffer.update(status=OfferStatus.HIRED).where(TrialOffer.id == offer_id).execute()
        closed = tuple(_close(other_id, reason) for other_id, _ in others)
    return TrialHiring(hiring, offer_id, offer.status, closed, reason)


def _close(offer_id: int, reason: str) -> ClosedOffer:
    offer = TrialOffer.get_by_id(offer_id)
    contractor = Contractor.get_by_id(offer.contractor_id)
    TrialOffer.update(status=OfferStatus.CLOSED, closed_reason=reason).where(
        TrialOffer.id == offer_id
    ).execute()
    change_id = None
    if contractor.stage != Stage.REJECTED:
        change_id = StageChange.create(
            contractor=contractor.id, from_stage=contractor.stage, to_stage=Stage.REJECTED,
            reason=reason,
        ).id  # fmt: skip
        Contractor.update(stage=Stage.REJECTED, updated_at=now()).where(
            Contractor.id == contractor.id
        ).execute()
    return ClosedOffer(
        offer_id, contractor.id, offer.status, offer.closed_reason, change_id,
        contractor.stage, contractor.updated_at,
    )  # fmt: skip


def undo_hire_from_trial(done: TrialHiring) -> tuple[RowSnapshot, RowSnapshot]:
    """Take it all back; returns what `redo_hire_from_trial` needs (the hire's
    rows, and the others' moves to "rejected")."""
    moves = RowSnapshot()
    with database.atomic():
        hired = undo_hire(done.hiring)
        TrialOffer.update(status=done.previous_status).where(
            TrialOffer.id == done.offer_id
        ).execute()
        for item in done.closed:
            TrialOffer.update(
                status=item.previous_status, closed_reason=item.previous_reason
            ).where(TrialOffer.id == item.offer_id).execute()
            if item.stage_change_id is not None:
                moved = delete_with_snapshot(StageChange.get_by_id(item.stage_change_id))
                moves.rows.extend(moved.rows)
                Contractor.update(
                    stage=item.previous_stage, updated_at=item.previous_updated_at
                ).where(Contractor.id == item.contractor_id).execute()
    return hired, moves


def redo_hire_from_trial(done: TrialHiring, snapshots: tuple[RowSnapshot, RowSnapshot]) -> None:
    """Do it again after `undo_hire_from_trial`: the same rows under the same ids."""
    hired, moves = snapshots
    with database.atomic():
        redo_hire(done.hiring, hired)
        restore(moves)
        TrialOffer.update(status=OfferStatus.HIRED).where(TrialOffer.id == done.offer_id).execute()
        for item in done.closed:
            TrialOffer.update(status=OfferStatus.CLOSED, closed_reason=done.reason).where(
                TrialOffer.id == item.offer_id
            ).execute()
            if item.stage_change_id is not None:
                Contractor.update(stage=Stage.REJECTED, updated_at=now()).where(
                    Contractor.id == item.contractor_id
                ).execute()
