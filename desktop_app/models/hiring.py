"""Hiring, ending and reopening: the edits of step 4 that reach the other steps.

Hiring a contractor for a brief creates the engagement, moves the contractor
to "hired" (with a StageChange row saying why), the brief to "filled" and
the time-audit tasks the brief hands off to "handed off", in one
transaction; the others still in the running for that brief (interviewed
for it: `others_in_the_running`) may be moved to "rejected" in the same
step, with a reason, or kept as they are; and the engagement's onboarding
checklist starts. Ending an engagement may move the contractor to "ended",
starts the offboarding checklist and revokes the accesses the owner chose
to revoke, in the same transaction; pausing one (`set_status`) may revoke
accesses too.
When confidence is lost, `reopen` puts the brief back to "posted" and the
engagement on notice, and says which skills to look for on the bench.

Each edit returns a record of what it changed, and has an undo that puts
back exactly what was there before (rows it created are removed with a
snapshot, so a redo restores them under the same ids).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from peewee import fn

from desktop_app.models import versions
from desktop_app.models.access import (
    AccessGrant,
    Revocation,
    revoke_accesses,
    revoke_again,
    unrevoke,
)
from desktop_app.models.base import database, now
from desktop_app.models.briefs import Brief, BriefStatus, BriefTask
from desktop_app.models.checklists import ChecklistKind, delete_items, start_checklist
from desktop_app.models.contractors import Contractor, Interview, Stage, StageChange
from desktop_app.models.engagements import (
    OPEN_STATUSES,
    Engagement,
    EngagementStatus,
    create_engagement,
    update_engagement,
    write_engagement_values,
)
from desktop_app.models.errors import ValidationError
from desktop_app.models.formats import day
from desktop_app.models.i18n import _
from desktop_app.models.rows import tuples
from desktop_app.models.snapshots import RowSnapshot, delete_with_snapshot, restore
from desktop_app.models.tasks import TaskStatus, restore_task_values, update_task


@dataclass(frozen=True)
class PreviousState:
    """The contractor's stage, the brief's status and its tasks' statuses before
    an edit changed them."""

    contractor_id: int
    stage: str
    contractor_updated_at: datetime
    brief_id: int
    brief_status: str
    brief_updated_at: datetime
    # The ids of the time-audit tasks the brief hands off.
    task_ids: tuple[int, ...] = ()
    # (task id, its editable fields) before a hiring handed it off.
    task_values: tuple[tuple[int, dict[str, Any]], ...] = ()


def _previous_state(contractor: Contractor, brief: Brief) -> PreviousState:
    task_ids = tuples(BriefTask.select(BriefTask.task).where(BriefTask.brief == brief.id))
    return PreviousState(
        contractor.id, contractor.stage, contractor.updated_at,
        brief.id, brief.status, brief.updated_at, tuple(task_id for (task_id,) in task_ids),
    )  # fmt: skip


def _hand_off_tasks(previous: PreviousState, start: date) -> PreviousState:
    """The brief's tasks are someone else's work from `start`: mark them handed
    off the way the time audit does (a task without an estimate keeps its
    latest month's hours as one, so "hours handed off" still counts them
    later; hours the owner logs from `start` on are flagged as still hers).
    Returns `previous` with what each task was, for the undo."""
    before = tuple(
        (
            task_id,
            update_task(task_id, {"status": TaskStatus.HANDED_OFF, "handed_off_on": start}),
        )
        for task_id in previous.task_ids
    )
    return replace(previous, task_values=before)


def _put_back(previous: PreviousState) -> None:
    for task_id, values in previous.task_values:
        restore_task_values(task_id, values)
    Contractor.update(stage=previous.stage, updated_at=previous.contractor_updated_at).where(
        Contractor.id == previous.contractor_id
    ).execute()
    Brief.update(status=previous.brief_status, updated_at=previous.brief_updated_at).where(
        Brief.id == previous.brief_id
    ).execute()


def _move_contractor(contractor_id: int, stage: str, reason: str, on: date | None = None) -> int:
    """Move the contractor to `stage`, keeping the move as history; the row's id.

    The move is dated now, or on the day `on` when that is past (a hire
    recorded after the work started), though never before the contractor's
    last move, so the history stays in order.
    """
    contractor = Contractor.get_by_id(contractor_id)
    at = now()
    if on is not None and on < at.date():
        last = (
            StageChange.select(fn.MAX(StageChange.changed_at))
            .where(StageChange.contractor == contractor_id)
            .scalar()
        )
        at = max(datetime.combine(on, time(9, 0)), last or datetime.min)
    change = StageChange.create(
        contractor=contractor_id, from_stage=contractor.stage, to_stage=stage, reason=reason,
        changed_at=at,
    )  # fmt: skip
    # A new version of the contractor: a form open on it is refused in turn.
    versions.save(
        Contractor,
        contractor_id,
        {"stage": stage},
        what=f"“{contractor.name}”",
        extra={"updated_at": now()},
        check=False,
    )
    return change.id


def _set_brief_status(brief_id: int, status: str) -> None:
    Brief.update(status=status, updated_at=now()).where(Brief.id == brief_id).execute()


# Stages of a contractor still in the running for a job.
IN_THE_RUNNING = (Stage.PROSPECT, Stage.CONTACTED, Stage.INTERVIEWING, Stage.TRIAL)


@dataclass(frozen=True)
class Candidate:
    """A contractor still in the running for a brief."""

    contractor_id: int
    name: str
    stage: str


def others_in_the_running(brief_id: int | None, hired_id: int | None) -> list[Candidate]:
    """The contractors interviewed (or with an interview planned) for `brief_id`,
    other than `hired_id`, who are neither hired, rejected nor ended: those a
    hire for the brief leaves waiting for an answer. By name."""
    if brief_id is None:
        return []
    rows = (
        Contractor.select(Contractor.id, Contractor.name, Contractor.stage)
        .join(Interview)
        .where(
            (Interview.brief == brief_id)
            & (Contractor.id != (hired_id or 0))
            & (Contractor.stage.in_([str(stage) for stage in IN_THE_RUNNING]))
        )
        .distinct()
        .order_by(Contractor.name, Contractor.id)
    )
    return [Candidate(row.id, row.name, row.stage) for row in rows]


@dataclass(frozen=True)
class Rejection:
    """A contractor `hire` moved to "rejected": the move's row and what was there before."""

    contractor_id: int
    stage_change_id: int
    previous_stage: str
    previous_updated_at: datetime


@dataclass(frozen=True)
class Hiring:
    """What `hire` created and changed."""

    engagement_id: int
    stage_change_id: int | None  # None when the contractor was hired already
    previous: PreviousState
    start: date  # the first day of the engagement: the day its tasks were handed off
    rejected: tuple[Rejection, ...] = ()
    # The onboarding checklist's items (deleted with the engagement on undo).
    checklist_item_ids: tuple[int, ...] = ()


def hire(
    contractor_id: int | None,
    brief_id: int | None,
    start: date,
    rate: Decimal | str | None,
    cadence_days: int,
    *,
    rate_unit: str = "hour",
    currency: str = "USD",
    status: str = EngagementStatus.TRIAL,
    end_date: date | None = None,
    reject_others: Sequence[int] = (),
    reject_reason: str = "",
    onboarding_template: str | None = None,
) -> Hiring:
    """Hire `contractor_id` for `brief_id` from `start`, in one transaction.

    Creates the engagement (validated: see `create_engagement`), moves the
    contractor to "hired" recording the move and its reason, marks the brief
    "filled" and its time-audit tasks "handed off". The contractors of
    `reject_others` still in the running for the brief move to "rejected"
    for `reject_reason` (by default: who was hired instead). The onboarding
    checklist starts from `onboarding_template` (the default one when None). On a
    ValidationError nothing is changed.
    """
    with database.atomic():
        engagement = create_engagement(
            brief_id,
            contractor_id,
            start,
            rate=rate,
            rate_unit=rate_unit,
            currency=currency,
            cadence_days=cadence_days,
            status=status,
            end_date=end_date,
        )
        contractor = Contractor.get_by_id(contractor_id)
        brief = Brief.get_by_id(brief_id)
        previous = _previous_state(contractor, brief)
        change_id = None
        if contractor.stage != Stage.HIRED:
            change_id = _move_contractor(
                contractor.id,
                Stage.HIRED,
                _("Hired for “{brief}” from {date}.").format(brief=brief.title, date=day(start)),
                on=start,
            )
        _set_brief_status(brief.id, BriefStatus.FILLED)
        previous = _hand_off_tasks(previous, start)
        reason = reject_reason.strip() or f"{contractor.name} was hired for “{brief.title}”."
        waiting = {c.contractor_id: c for c in others_in_the_running(brief.id, contractor.id)}
        rejected = tuple(
            _reject(waiting[other], reason) for other in dict.fromkeys(reject_others)
            if other in waiting
        )  # fmt: skip
        items = start_checklist(engagement.id, ChecklistKind.ONBOARDING, onboarding_template)
    return Hiring(engagement.id, change_id, previous, start, rejected, tuple(items))


def _reject(candidate: Candidate, reason: str) -> Rejection:
    before = Contractor.get_by_id(candidate.contractor_id)
    change_id = _move_contractor(candidate.contractor_id, Stage.REJECTED, reason)
    return Rejection(candidate.contractor_id, change_id, before.stage, before.updated_at)


def undo_hire(hiring: Hiring) -> RowSnapshot:
    """Take a hiring back: remove the engagement and the stage move, restore the
    contractor's stage and the brief's status. Returns what `redo_hire` needs."""
    with database.atomic():
        snapshot = delete_with_snapshot(Engagement.get_by_id(hiring.engagement_id))
        moves = [hiring.stage_change_id] if hiring.stage_change_id is not None else []
        for change_id in [*moves, *(r.stage_change_id for r in hiring.rejected)]:
            snapshot.rows.extend(delete_with_snapshot(StageChange.get_by_id(change_id)).rows)
        _put_back(hiring.previous)
        for rejection in hiring.rejected:
            Contractor.update(
                stage=rejection.previous_stage, updated_at=rejection.previous_updated_at
            ).where(Contractor.id == rejection.contractor_id).execute()
    return snapshot


def redo_hire(hiring: Hiring, snapshot: RowSnapshot) -> None:
    """Hire again after `undo_hire`: the same rows under the same ids."""
    with database.atomic():
        restore(snapshot)
        if hiring.stage_change_id is not None:
            Contractor.update(stage=Stage.HIRED, updated_at=now()).where(
                Contractor.id == hiring.previous.contractor_id
            ).execute()
        _set_brief_status(hiring.previous.brief_id, BriefStatus.FILLED)
        _hand_off_tasks(hiring.previous, hiring.start)
        for rejection in hiring.rejected:
            Contractor.update(stage=Stage.REJECTED, updated_at=now()).where(
                Contractor.id == rejection.contractor_id
            ).execute()


@dataclass(frozen=True)
class Ending:
    """What `end_engagement` changed.

    Attributes:
        values: what was written on the engagement (status, end date, reason).
        previous_values: what they were before.
        revoked: the accesses revoked on the way out.
        checklist_item_ids: the offboarding checklist's items it made.
    """

    engagement_id: int
    previous_values: dict[str, Any]
    stage_change_id: int | None
    previous: PreviousState
    values: dict[str, Any] = field(default_factory=dict)
    revoked: Revocation = field(default_factory=dict)
    checklist_item_ids: tuple[int, ...] = ()


def end_engagement(
    engagement_id: int,
    end_date: date,
    reason: str,
    *,
    revoke: Sequence[int] = (),
    offboarding_template: str | None = None,
) -> Ending:
    """End an engagement on `end_date` for `reason` (required).

    When the contractor has no other engagement left open and was "hired"
    or on "trial", they move to "ended", with the reason kept as history.
    The accesses `revoke` names are revoked on `end_date`, and the
    offboarding checklist starts (from `offboarding_template`, the default
    one when None), all in one transaction.
    """
    with database.atomic():
        engagement = Engagement.get_by_id(engagement_id)
        if engagement.status == EngagementStatus.ENDED:
            raise ValidationError(_("This engagement has ended already."), "status")
        values = {
            "status": EngagementStatus.ENDED,
            "end_date": end_date,
            "end_reason": reason.strip(),
        }
        previous_values = update_engagement(engagement_id, values)
        contractor = Contractor.get_by_id(engagement.contractor_id)
        previous = _previous_state(contractor, Brief.get_by_id(engagement.brief_id))
        still_open = (
            Engagement.select()
            .where(
                (Engagement.contractor == contractor.id)
                & (Engagement.id != engagement_id)
                & (Engagement.status.in_(list(OPEN_STATUSES)))
            )
            .exists()
        )
        change_id = None
        if not still_open and contractor.stage in (Stage.HIRED, Stage.TRIAL):
            change_id = _move_contractor(contractor.id, Stage.ENDED, reason.strip())
        revoked = revoke_accesses(_own_accesses(engagement_id, revoke), end_date)
        items = start_checklist(engagement_id, ChecklistKind.OFFBOARDING, offboarding_template)
    return Ending(
        engagement_id, previous_values, change_id, previous, values, revoked, tuple(items)
    )


def _own_accesses(engagement_id: int, access_ids: Sequence[int]) -> list[int]:
    """The ids of `access_ids` that are this engagement's (never another's)."""
    from_this = AccessGrant.select(AccessGrant.id).where(
        (AccessGrant.engagement == engagement_id) & AccessGrant.id.in_(list(access_ids))
    )
    return [access_id for (access_id,) in tuples(from_this)]


def undo_end(ending: Ending) -> RowSnapshot:
    """Take an ending back; returns what `redo_end` needs to end it again
    exactly (the same checklist items and stage move, under their ids)."""
    with database.atomic():
        snapshot = delete_items(ending.checklist_item_ids)
        if ending.stage_change_id is not None:
            moved = delete_with_snapshot(StageChange.get_by_id(ending.stage_change_id))
            snapshot.rows.extend(moved.rows)
        unrevoke(ending.revoked)
        write_engagement_values(ending.engagement_id, ending.previous_values)
        _put_back(ending.previous)
    return snapshot


def redo_end(ending: Ending, snapshot: RowSnapshot) -> None:
    with database.atomic():
        write_engagement_values(ending.engagement_id, ending.values)
        restore(snapshot)
        if ending.stage_change_id is not None:
            Contractor.update(stage=Stage.ENDED, updated_at=now()).where(
                Contractor.id == ending.previous.contractor_id
            ).execute()
        revoke_again(ending.revoked)


@dataclass(frozen=True)
class StatusChange:
    """What `set_status` changed."""

    engagement_id: int
    values: dict[str, Any]
    previous_values: dict[str, Any]
    revoked: Revocation = field(default_factory=dict)


def set_status(
    engagement_id: int, status: str, on: date, *, revoke: Sequence[int] = ()
) -> StatusChange:
    """Move an engagement to trial, active or paused, revoking the accesses
    `revoke` names on `on` (pausing asks which), in one transaction. Ending
    is `end_engagement`."""
    if status == EngagementStatus.ENDED:
        raise ValidationError(_("End an engagement with “End engagement…”: it needs a reason."))
    with database.atomic():
        values = {"status": status}
        previous_values = update_engagement(engagement_id, values)
        revoked = revoke_accesses(_own_accesses(engagement_id, revoke), on)
    return StatusChange(engagement_id, values, previous_values, revoked)


def undo_status(change: StatusChange) -> None:
    with database.atomic():
        write_engagement_values(change.engagement_id, change.previous_values)
        unrevoke(change.revoked)


def redo_status(change: StatusChange) -> None:
    with database.atomic():
        write_engagement_values(change.engagement_id, change.values)
        revoke_again(change.revoked)


@dataclass(frozen=True)
class Reopening:
    """What `reopen` changed, and what the view needs to look for someone new.

    Attributes:
        skills: the brief's skills, to filter the contractor bench by.
    """

    engagement_id: int
    brief_id: int
    brief_title: str
    skills: str
    previous_brief_status: str
    previous_brief_updated_at: datetime
    previous_on_notice_since: date | None


def reopen(engagement_id: int, today: date) -> Reopening:
    """Confidence is lost: the brief goes back to "posted" and the engagement on
    notice (from today, unless it already was), in one transaction."""
    with database.atomic():
        engagement = Engagement.get_by_id(engagement_id)
        if engagement.status == EngagementStatus.ENDED:
            raise ValidationError(
                _("This engagement has ended; reopen the brief from the Briefs tab.")
            )
        brief = Brief.get_by_id(engagement.brief_id)
        result = Reopening(
            engagement_id, brief.id, brief.title, brief.skills,
            brief.status, brief.updated_at, engagement.on_notice_since,
        )  # fmt: skip
        _set_brief_status(brief.id, BriefStatus.POSTED)
        if engagement.on_notice_since is None:
            write_engagement_values(engagement_id, {"on_notice_since": today})
    return result


def undo_reopen(reopening: Reopening) -> None:
    with database.atomic():
        Brief.update(
            status=reopening.previous_brief_status, updated_at=reopening.previous_brief_updated_at
        ).where(Brief.id == reopening.brief_id).execute()
        write_engagement_values(
            reopening.engagement_id, {"on_notice_since": reopening.previous_on_notice_since}
        )


def put_on_notice(engagement_id: int, today: date) -> dict[str, Any]:
    """Put the engagement on notice from `today`; returns the previous values."""
    engagement = Engagement.get_by_id(engagement_id)
    if engagement.status == EngagementStatus.ENDED:
        raise ValidationError(_("This engagement has ended already."), "status")
    if engagement.on_notice_since is not None:
        raise ValidationError(
            _("This engagement is on notice since {date}.").format(
                date=day(engagement.on_notice_since)
            )
        )
    return update_engagement(engagement_id, {"on_notice_since": today})
