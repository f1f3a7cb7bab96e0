"""What the Overview tab sums up, across every step, as of one day.

The Overview opens first, so it reads each step once: the time audit's month
(two queries), the engagements (one pass, from which the check-ins due, the
confidence watch, the spend and who is doing well are all derived), the
briefs in draft with their open clarity findings, the contractors who
wait for the owner's decision, and what running the engagements asks of the
owner: checklists with open items, access left open after an ending,
overdue invoices, the month's paid against budget, and the focus figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from peewee import fn

from desktop_app.models.access import LeftOpen, left_open_after_ending
from desktop_app.models.briefs import Brief, BriefStatus, brief_summaries
from desktop_app.models.checklists import OpenChecklist, open_checklists
from desktop_app.models.contractors import Contractor, Stage, StageChange
from desktop_app.models.engagements import (
    EngagementRow,
    check_ins_due_this_week,
    confidence_watch,
    list_engagements,
)
from desktop_app.models.focus import FocusReport, focus_report
from desktop_app.models.payments import MonthSpend, PaymentRow, month_spend, overdue_payments
from desktop_app.models.questions import WaitingQuestion, waiting_questions
from desktop_app.models.rows import tuples
from desktop_app.models.tasks import (
    OutsourcingSummary,
    Task,
    audit_period,
    monthly_outsourcing_summary,
)

# A contractor in these stages waits for the owner: after an interview, to
# go on to a trial or not; after a trial, to be hired or not.
DECISION_STAGES = (Stage.INTERVIEWING, Stage.TRIAL)


@dataclass(frozen=True)
class DraftBrief:
    id: int
    title: str
    updated_at: datetime
    open_findings: int


@dataclass(frozen=True)
class WaitingContractor:
    id: int
    name: str
    stage: str
    since: datetime | None


@dataclass(frozen=True)
class Overview:
    """Everything the Overview shows.

    Attributes:
        outsourcing: hours a month handed off and still worth handing off.
        spend: this month's money, per currency: what was paid against the
            briefs' budgets, and the spend (paid where paid, estimated
            elsewhere, saying which); `payments.month_spend`, which the
            Engagements tab reads too.
        check_ins_due: engagements with a check-in overdue or due by Sunday.
        confidence_watch: engagements whose confidence is falling or lost.
        micromanaging: working engagements where the owner checks in clearly
            more than the cadence calls for (see engagement_rules).
        doing_well: working engagements with high, steady confidence.
        drafts: briefs still in draft, the most recently edited first.
        waiting: contractors waiting for a decision, the longest-waiting first.
        questions: contractors' questions waiting for an answer, the oldest first.
        is_empty: nothing has been recorded yet in any step.
        checklists: onboarding (and offboarding) checklists with items open.
        access_left_open: ended engagements whose contractor can still reach
            a tool or account.
        overdue: invoices unpaid past their due date.
        focus: growth hours this week against the weeks before the first hire.
    """

    today: date
    outsourcing: OutsourcingSummary
    spend: MonthSpend
    check_ins_due: list[EngagementRow]
    confidence_watch: list[EngagementRow]
    micromanaging: list[EngagementRow]
    doing_well: list[EngagementRow]
    drafts: list[DraftBrief]
    waiting: list[WaitingContractor]
    is_empty: bool
    questions: list[WaitingQuestion] = field(default_factory=list)
    checklists: list[OpenChecklist] = field(default_factory=list)
    access_left_open: list[LeftOpen] = field(default_factory=list)
    overdue: list[PaymentRow] = field(default_factory=list)
    focus: FocusReport | None = None


def draft_briefs(today: date) -> list[DraftBrief]:
    drafts = [
        DraftBrief(summary.id, summary.title, summary.updated_at, summary.open_findings)
        for summary in brief_summaries(today, status=BriefStatus.DRAFT)
    ]
    return sorted(drafts, key=lambda brief: brief.updated_at, reverse=True)


def contractors_waiting() -> list[WaitingContractor]:
    """Contractors interviewing or on trial, with when they reached that stage."""
    reached = (
        StageChange.select(StageChange.contractor, fn.MAX(StageChange.changed_at).alias("since"))
        .where(StageChange.to_stage.in_(DECISION_STAGES))
        .group_by(StageChange.contractor)
    )
    since = dict(tuples(reached))
    rows = tuples(
        Contractor.select(Contractor.id, Contractor.name, Contractor.stage).where(
            Contractor.stage.in_(DECISION_STAGES)
        )
    )
    waiting = [
        WaitingContractor(contractor_id, name, stage, _as_datetime(since.get(contractor_id)))
        for contractor_id, name, stage in rows
    ]
    return sorted(waiting, key=lambda row: (row.since or datetime.max, row.name))


def _as_datetime(value: object) -> datetime | None:
    # MAX() hands back SQLite's text, not the field's datetime.
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def load_overview(today: date) -> Overview:
    """The Overview as of `today`."""
    engagements = list_engagements(today)
    drafts = draft_briefs(today)
    waiting = contractors_waiting()
    is_empty = not (
        engagements
        or Task.select().exists()
        or Brief.select().exists()
        or Contractor.select().exists()
    )
    return Overview(
        today=today,
        # The period the Time audit opens on, so both say the same thing.
        outsourcing=monthly_outsourcing_summary(audit_period(today)),
        spend=month_spend(today, today, engagements),
        check_ins_due=check_ins_due_this_week(today, engagements),
        confidence_watch=confidence_watch(today, engagements),
        micromanaging=[
            row for row in engagements if row.micromanagement and row.micromanagement.warning
        ],
        doing_well=[row for row in engagements if row.doing_well],
        drafts=drafts,
        waiting=waiting,
        is_empty=is_empty,
        questions=waiting_questions(),
        checklists=open_checklists(),
        access_left_open=left_open_after_ending(),
        overdue=overdue_payments(today),
        focus=focus_report(today, detail=False),
    )
