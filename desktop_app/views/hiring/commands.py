"""Every hiring edit as one undoable command: each applies through one model
function (one transaction) and emits the topics whose views show it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from desktop_app.models import hiring_plan, interview_criteria, messages, referrals, trials
from desktop_app.models.i18n import N_, _, count
from desktop_app.models.snapshots import RowSnapshot
from desktop_app.models.trial_hiring import (
    TrialHiring,
    hire_from_trial,
    redo_hire_from_trial,
    undo_hire_from_trial,
)
from desktop_app.views.context import AppContext, Topic
from desktop_app.views.undo import AddRowsCommand, DeleteRowsCommand, StoreCommand


class HiringCommand(StoreCommand):
    topics: tuple[str, ...] = (Topic.HIRING,)


# Job post and screening -------------------------------------------------------


class UpdatePlanCommand(HiringCommand):
    """Change the brief's job post choices or the shared hours it needs."""

    def __init__(self, ctx: AppContext, brief_id: int, changes: Mapping[str, Any], text: str):
        super().__init__(ctx, text)
        self.brief_id, self.changes = brief_id, dict(changes)
        self._old: dict[str, Any] = {}

    def apply(self) -> None:
        self._old = hiring_plan.update_plan(self.brief_id, self.changes)

    def revert(self) -> None:
        hiring_plan.restore_plan(self.brief_id, self._old)


class LeaveOutCommand(HiringCommand):
    """Keep a section or an expectation out of the job post, or put it back."""

    def __init__(self, ctx: AppContext, brief_id: int, text: str, *, out: bool, **which: Any):
        super().__init__(ctx, text)
        self.brief_id, self.out, self.which = brief_id, out, which
        self._old: dict[str, Any] = {}

    def apply(self) -> None:
        self._old = hiring_plan.set_left_out(self.brief_id, out=self.out, **self.which)

    def revert(self) -> None:
        hiring_plan.restore_plan(self.brief_id, self._old)


class AddQuestionCommand(HiringCommand, AddRowsCommand):
    def __init__(self, ctx: AppContext, brief_id: int, text: str) -> None:
        super().__init__(ctx, _("Add screening question"))
        self.brief_id, self.text_value = brief_id, text
        self.question_id: int | None = None

    def first_apply(self) -> None:
        self.question_id = hiring_plan.add_question(self.brief_id, self.text_value)

    def take_back(self) -> RowSnapshot:
        assert self.question_id is not None
        return hiring_plan.delete_question(self.question_id)


class EditQuestionCommand(HiringCommand):
    def __init__(self, ctx: AppContext, question_id: int, text: str) -> None:
        super().__init__(ctx, _("Edit screening question"))
        self.question_id, self.new = question_id, text
        self._old = ""

    def apply(self) -> None:
        self._old = hiring_plan.update_question(self.question_id, self.new)

    def revert(self) -> None:
        hiring_plan.restore_question_text(self.question_id, self._old)


class DeleteQuestionCommand(HiringCommand, DeleteRowsCommand):
    def __init__(self, ctx: AppContext, question_id: int) -> None:
        super().__init__(ctx, _("Delete screening question"))
        self.question_id = question_id

    def take_out(self) -> RowSnapshot:
        return hiring_plan.delete_question(self.question_id)


class MoveQuestionCommand(HiringCommand):
    def __init__(self, ctx: AppContext, question_id: int, index: int) -> None:
        super().__init__(ctx, _("Move screening question"))
        self.question_id, self.index = question_id, index
        self._old: list[int] = []

    def apply(self) -> None:
        self._old = hiring_plan.move_question(self.question_id, self.index)

    def revert(self) -> None:
        hiring_plan.set_question_order(self._old)


class RecordAnswersCommand(HiringCommand):
    topics = (Topic.HIRING, Topic.CONTRACTORS)

    def __init__(self, ctx: AppContext, contractor_id: int, answers: Mapping[int, str], day: date):
        super().__init__(ctx, _("Record screening answers"))
        self.contractor_id, self.answers, self.day = contractor_id, dict(answers), day
        self._change: hiring_plan.AnswerChange | None = None

    def apply(self) -> None:
        if self._change is None:
            self._change = hiring_plan.record_answers(self.contractor_id, self.answers, self.day)
        else:
            hiring_plan.redo_answers(self._change)

    def revert(self) -> None:
        assert self._change is not None
        hiring_plan.undo_answers(self._change)


# Paid trials -----------------------------------------------------------------


class EditTrialCommand(HiringCommand):
    """Change the brief's trial task, pay or deadline (made on first use)."""

    def __init__(self, ctx: AppContext, brief_id: int, changes: Mapping[str, Any]) -> None:
        super().__init__(ctx, _("Edit the paid trial"))
        self.brief_id, self.changes = brief_id, dict(changes)
        self._edit: trials.TrialEdit | None = None
        self._new: dict[str, Any] = {}

    def apply(self) -> None:
        if self._edit is None:
            self._edit = trials.update_trial(self.brief_id, self.changes)
            self._new = {k: trials.clean_trial_field(k, v) for k, v in self.changes.items()}
        else:
            trials.redo_trial_edit(self._edit, self._new)

    def revert(self) -> None:
        assert self._edit is not None
        trials.undo_trial_edit(self._edit)


class AddCriterionCommand(HiringCommand, AddRowsCommand):
    def __init__(self, ctx: AppContext, brief_id: int, text: str) -> None:
        super().__init__(ctx, _("Add a trial criterion"))
        self.brief_id, self.text_value = brief_id, text
        self.criterion_id: int | None = None

    def first_apply(self) -> None:
        self.criterion_id = trials.add_criterion(self.brief_id, self.text_value)

    def take_back(self) -> RowSnapshot:
        assert self.criterion_id is not None
        return trials.delete_criterion(self.criterion_id)


class DeleteCriterionCommand(HiringCommand, DeleteRowsCommand):
    def __init__(self, ctx: AppContext, criterion_id: int) -> None:
        super().__init__(ctx, _("Delete a trial criterion"))
        self.criterion_id = criterion_id

    def take_out(self) -> RowSnapshot:
        return trials.delete_criterion(self.criterion_id)


class OfferTrialCommand(HiringCommand):
    """Offer the brief's trial to several contractors at once (each moves to "trial")."""

    topics = (Topic.HIRING, Topic.CONTRACTORS, Topic.ENGAGEMENTS)

    def __init__(self, ctx: AppContext, brief_id: int, contractor_ids: list[int], day: date):
        super().__init__(
            ctx,
            count(
                len(contractor_ids),
                "Offer the paid trial to {count} contractor",
                "Offer the paid trial to {count} contractors",
            ),
        )
        self.brief_id, self.contractor_ids, self.day = brief_id, contractor_ids, day
        self.offering: trials.Offering | None = None

    def apply(self) -> None:
        if self.offering is None:
            self.offering = trials.offer_trial(self.brief_id, self.contractor_ids, self.day)
        else:
            trials.redo_offer(self.offering)

    def revert(self) -> None:
        assert self.offering is not None
        self.offering = trials.undo_offer(self.offering)


class RecordResultCommand(HiringCommand):
    """Keep a trial's delivery date, scores and notes."""

    topics = (Topic.HIRING, Topic.CONTRACTORS, Topic.ENGAGEMENTS)

    def __init__(
        self, ctx: AppContext, offer_id: int, name: str, *, delivered_on: date | None,
        scores: Mapping[str, int | None], notes: str,
    ) -> None:  # fmt: skip
        super().__init__(ctx, _("Record the trial of {name}").format(name=name))
        self.offer_id = offer_id
        self.delivered_on = delivered_on
        self.scores = dict(scores)
        self.notes = notes
        self._before: trials.OfferResult | None = None
        self._after: trials.OfferResult | None = None

    def apply(self) -> None:
        if self._after is None:
            self._before, self._after = trials.record_result(
                self.offer_id, delivered_on=self.delivered_on, scores=self.scores, notes=self.notes
            )
        else:
            trials.write_result(self._after)

    def revert(self) -> None:
        assert self._before is not None
        trials.write_result(self._before)


class HireFromTrialCommand(HiringCommand):
    """Hire from a trial and close the others with a reason, in one step."""

    topics = (Topic.HIRING, Topic.CONTRACTORS, Topic.BRIEFS, Topic.ENGAGEMENTS, Topic.TASKS)

    def __init__(
        self, ctx: AppContext, offer_id: int, name: str, *, start: date,
        rate: Decimal | str | None, cadence_days: int, reason: str, rate_unit: str, currency: str,
    ) -> None:  # fmt: skip
        super().__init__(ctx, _("Hire {name} from the trial").format(name=name))
        self.offer_id, self.start = offer_id, start
        self.rate, self.cadence_days = rate, cadence_days
        self.reason, self.rate_unit, self.currency = reason, rate_unit, currency
        self.done: TrialHiring | None = None
        self._snapshots: tuple[RowSnapshot, RowSnapshot] | None = None

    def apply(self) -> None:
        if self.done is None:
            self.done = hire_from_trial(
                self.offer_id, self.start, self.rate, self.cadence_days,
                reason=self.reason, rate_unit=self.rate_unit, currency=self.currency,
            )  # fmt: skip
        else:
            assert self._snapshots is not None
            redo_hire_from_trial(self.done, self._snapshots)

    def revert(self) -> None:
        assert self.done is not None
        self._snapshots = undo_hire_from_trial(self.done)


# Interviews, messages, referrals ---------------------------------------------


class CriterionScoresCommand(StoreCommand):
    topics = (Topic.CONTRACTORS, Topic.HIRING)

    def __init__(self, ctx: AppContext, interview_id: int, scores: Mapping[int, int | None]):
        super().__init__(ctx, _("Score the interview on the brief's must-haves"))
        self.interview_id, self.scores = interview_id, dict(scores)
        self._before: dict[int, int] = {}

    def apply(self) -> None:
        self._before = interview_criteria.set_criterion_scores(self.interview_id, self.scores)

    def revert(self) -> None:
        interview_criteria.write_criterion_scores(self.interview_id, self._before)


class RecordSentCommand(StoreCommand):
    """Keep a message as sent (the contractor's history, or a referrer's request)."""

    topics = (Topic.CONTRACTORS, Topic.HIRING)

    def __init__(self, ctx: AppContext, message: messages.Message, subject: str, body: str,
                 via: str) -> None:  # fmt: skip
        label = _(messages.MESSAGE_LABELS.get(messages.MessageKind(message.kind), N_("message")))
        super().__init__(ctx, _("{message} (recorded)").format(message=label))
        self.message, self.subject, self.body, self.via = message, subject, body, via
        self.sent: messages.Sent | None = None

    def apply(self) -> None:
        if self.sent is None:
            self.sent = messages.record_sent(self.message, self.subject, self.body, via=self.via)
        else:
            messages.rerecord_sent(self.sent)

    def revert(self) -> None:
        assert self.sent is not None
        self.sent = messages.unrecord_sent(self.sent)


class SaveTemplateCommand(StoreCommand):
    topics = (Topic.HIRING,)

    def __init__(self, ctx: AppContext, kind: str, subject: str, body: str) -> None:
        label = _(messages.MESSAGE_LABELS[messages.MessageKind(kind)])
        super().__init__(ctx, _("Edit the message “{label}”").format(label=label))
        self.new = messages.Template(kind, subject, body, own=True)
        self._before: messages.Template | None = None

    def apply(self) -> None:
        if self._before is None:
            self._before = messages.save_template(self.new.kind, self.new.subject, self.new.body)
        else:
            messages.write_template(self.new)

    def revert(self) -> None:
        assert self._before is not None
        messages.write_template(self._before)


class ResetTemplateCommand(SaveTemplateCommand):
    """Go back to the shipped template."""

    def __init__(self, ctx: AppContext, kind: str) -> None:
        shipped = messages.SHIPPED[kind]
        super().__init__(ctx, kind, shipped.subject, shipped.body)
        self.new = shipped
        self.setText(
            _("Use Offload's message “{label}”").format(
                label=_(messages.MESSAGE_LABELS[messages.MessageKind(kind)])
            )
        )

    def apply(self) -> None:
        if self._before is None:
            self._before = messages.template_of(self.new.kind)
        messages.write_template(self.new)


class ReferralCommand(StoreCommand):
    topics = (Topic.HIRING, Topic.CONTRACTORS)


class AddReferrerCommand(ReferralCommand, AddRowsCommand):
    def __init__(self, ctx: AppContext, values: Mapping[str, Any]) -> None:
        super().__init__(ctx, _("Add {name} to your referrers").format(name=values["name"]))
        self.values = dict(values)
        self.referrer_id: int | None = None

    def first_apply(self) -> None:
        self.referrer_id = referrals.add_referrer(self.values)

    def take_back(self) -> RowSnapshot:
        assert self.referrer_id is not None
        return referrals.delete_referrer(self.referrer_id)


class EditReferrerCommand(ReferralCommand):
    def __init__(self, ctx: AppContext, referrer_id: int, values: Mapping[str, Any]) -> None:
        super().__init__(
            ctx,
            (
                _("Edit {name}").format(name=values["name"])
                if values.get("name")
                else _("Edit referrer")
            ),
        )
        self.referrer_id, self.values = referrer_id, dict(values)
        self._old: dict[str, Any] = {}

    def apply(self) -> None:
        self._old = referrals.update_referrer(self.referrer_id, self.values)

    def revert(self) -> None:
        referrals.update_referrer(self.referrer_id, self._old)


class DeleteReferrerCommand(ReferralCommand, DeleteRowsCommand):
    def __init__(self, ctx: AppContext, referrer_id: int, name: str) -> None:
        super().__init__(ctx, _("Delete {name} from your referrers").format(name=name))
        self.referrer_id = referrer_id

    def take_out(self) -> RowSnapshot:
        return referrals.delete_referrer(self.referrer_id)


class AskForReferralCommand(ReferralCommand, AddRowsCommand):
    def __init__(self, ctx: AppContext, referrer_id: int, brief_id: int | None, day: date,
                 notes: str = "") -> None:  # fmt: skip
        super().__init__(ctx, _("Record a request for a referral"))
        self.args = (referrer_id, brief_id, day, notes)
        self.request_id: int | None = None

    def first_apply(self) -> None:
        self.request_id = referrals.ask_for_referral(*self.args)

    def take_back(self) -> RowSnapshot:
        assert self.request_id is not None
        return referrals.delete_request(self.request_id)


class RecommendationCommand(ReferralCommand):
    def __init__(self, ctx: AppContext, referrer_id: int, contractor_id: int, day: date,
                 request_id: int | None = None) -> None:  # fmt: skip
        super().__init__(ctx, _("Record a recommendation"))
        self.args = (referrer_id, contractor_id, day, request_id)
        self.edit: referrals.RecommendationEdit | None = None
        self._snapshot: RowSnapshot | None = None

    def apply(self) -> None:
        if self.edit is None:
            self.edit = referrals.record_recommendation(*self.args)
        else:
            assert self._snapshot is not None
            referrals.redo_recommendation(self.edit, self._snapshot)

    def revert(self) -> None:
        assert self.edit is not None
        self._snapshot = referrals.undo_recommendation(self.edit)
