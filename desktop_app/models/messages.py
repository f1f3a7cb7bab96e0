"""The messages of a search, written from the data: templates, filling, history.

Each kind of message has a shipped template (subject and body with
`{placeholders}`); the owner may replace it with their own
(`save_template`), and a template naming a placeholder that does not exist
is refused, naming it. `fill` puts the values of one contractor, brief,
trial, interview or piece of feedback into a template; a placeholder with no
value stays visible as «placeholder» and is listed in `missing`, so the
owner sees it before sending. A message sent (through the mail program or
copied) is recorded in the contractor's history (`SentMessage`), or, for a
request for a referral, as that person's `ReferralRequest`.
"""

from __future__ import annotations

import dataclasses
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from peewee import JOIN, CharField, DateTimeField, ForeignKeyField, TextField

from desktop_app.models import versions
from desktop_app.models.base import BaseModel, database, now
from desktop_app.models.briefs import BUDGET_BASIS_LABELS, Brief, BudgetBasis
from desktop_app.models.contractor_input import MEDIUM_LABELS
from desktop_app.models.contractors import Contractor, Interview
from desktop_app.models.engagements import Engagement, Feedback
from desktop_app.models.errors import UserError, ValidationError
from desktop_app.models.formats import day, integer, money_short
from desktop_app.models.i18n import N_, _
from desktop_app.models.overlap import when_for_both
from desktop_app.models.referrals import ReferralRequest, Referrer, ask_for_referral
from desktop_app.models.rows import delete_from, tuples
from desktop_app.models.settings import load_settings
from desktop_app.models.snapshots import RowSnapshot, delete_with_snapshot, restore
from desktop_app.models.trials import TrialOffer, TrialTask, trial_of

SUBJECT_MAX_LENGTH = 300
BODY_MAX_LENGTH = 20000


class MessageKind(StrEnum):
    REFERRAL_REQUEST = "referral_request"
    INTERVIEW_INVITE = "interview_invite"
    REFERENCES_REQUEST = "references_request"
    TRIAL_OFFER = "trial_offer"
    DECLINE = "decline"
    SEND_BRIEF = "send_brief"
    SEND_FEEDBACK = "send_feedback"


MESSAGE_LABELS = {
    MessageKind.REFERRAL_REQUEST: N_("Ask for a referral"),
    MessageKind.INTERVIEW_INVITE: N_("Invite to an interview"),
    MessageKind.REFERENCES_REQUEST: N_("Ask for references or samples"),
    MessageKind.TRIAL_OFFER: N_("Offer the paid trial"),
    MessageKind.DECLINE: N_("Decline, with a reason"),
    MessageKind.SEND_BRIEF: N_("Send the brief"),
    MessageKind.SEND_FEEDBACK: N_("Send feedback"),
}

# Every placeholder a template may use, with what it holds.
PLACEHOLDERS: dict[str, str] = {
    "first_name": N_("the first name of whom you write to"),
    "contractor_name": N_("the contractor's full name"),
    "referrer_name": N_("the full name of the person you ask for a referral"),
    "owner_name": N_("your name (Settings)"),
    "business_name": N_("your business (Settings)"),
    "brief_title": N_("the brief's title"),
    "brief_summary": N_("the first paragraph of the brief's job description"),
    "brief_skills": N_("the skills the brief asks for"),
    "brief_budget": N_("the brief's budget"),
    "brief_deadline": N_("the brief's deadline"),
    "brief_pdf": N_("where the brief's PDF was saved"),
    "interview_when": N_("the interview's date and time"),
    "interview_medium": N_("phone, video, in person or chat"),
    "trial_task": N_("what the trial asks for"),
    "trial_pay": N_("what the trial pays"),
    "trial_deadline": N_("the trial's deadline"),
    "reason": N_("the reason you give"),
    "feedback_deliverable": N_("the work the feedback is on"),
    "feedback_good": N_("what was good"),
    "feedback_not_good": N_("what was not"),
}


@dataclass(frozen=True)
class Template:
    kind: str
    subject: str
    body: str
    own: bool = False  # the owner's, not the shipped one


SHIPPED: dict[str, Template] = {
    t.kind: t
    for t in (
        Template(
            MessageKind.REFERRAL_REQUEST,
            N_("Do you know someone for {brief_title}?"),
            N_(
                "Hi {first_name},\n\nI am looking for someone to take over {brief_title} for "
                "{business_name}. In short: {brief_summary}\n\nThe skills it needs: "
                "{brief_skills}.\n\nHave you worked with someone you would recommend? A name and "
                "how to reach them is plenty.\n\nThank you,\n{owner_name}"
            ),
        ),
        Template(
            MessageKind.INTERVIEW_INVITE,
            N_("Interview for {brief_title}"),
            N_(
                "Hi {first_name},\n\nthank you for applying for {brief_title}. I would like to "
                "talk it through with you: would {interview_when} ({interview_medium}) suit you? "
                "If not, suggest a time that does.\n\nWe will go through what the job needs and "
                "your questions; it takes about 30 minutes.\n\nBest,\n{owner_name}\n{business_name}"
            ),
        ),
        Template(
            MessageKind.REFERENCES_REQUEST,
            N_("References and samples for {brief_title}"),
            N_(
                "Hi {first_name},\n\nbefore I decide on {brief_title}, could you send me two "
                "references from clients you did similar work for (name and how to reach them) and "
                "one or two samples of that work?\n\nThank you,\n{owner_name}"
            ),
        ),
        Template(
            MessageKind.TRIAL_OFFER,
            N_("A paid trial for {brief_title}"),
            N_(
                "Hi {first_name},\n\nI would like to offer you a short paid trial for "
                "{brief_title}.\n\nThe task: {trial_task}\n\nIt pays {trial_pay}; please deliver "
                "by {trial_deadline}. I am giving the same task to two or three people and will "
                "decide after comparing the results.\n\nCan you do it? Reply with any question "
                "before you start.\n\nBest,\n{owner_name}"
            ),
        ),
        Template(
            MessageKind.DECLINE,
            "{brief_title}",
            N_(
                "Hi {first_name},\n\nthank you for the time you put into {brief_title}. I have "
                "decided to go with someone else: {reason}\n\nI appreciated your work and will "
                "keep your details for future jobs.\n\nAll the best,\n{owner_name}"
            ),
        ),
        Template(
            MessageKind.SEND_BRIEF,
            N_("The brief: {brief_title}"),
            N_(
                "Hi {first_name},\n\nplease find the brief for {brief_title} attached: it says "
                "what the job is, what success looks like, the deadline ({brief_deadline}) and the "
                "budget ({brief_budget}).\n\nRead it through and send me your questions before "
                "you start.\n\nBest,\n{owner_name}\n\n(Attach the PDF saved at {brief_pdf}.)"
            ),
        ),
        Template(
            MessageKind.SEND_FEEDBACK,
            N_("Feedback on {feedback_deliverable}"),
            N_(
                "Hi {first_name},\n\nthank you for {feedback_deliverable}.\n\nWhat was good: "
                "{feedback_good}\n\nWhat to change next time: {feedback_not_good}\n\nBest,\n"
                "{owner_name}"
            ),
        ),
    )
}


class MessageTemplate(BaseModel):
    """The owner's own version of a message template."""

    kind = CharField(max_length=30, unique=True)
    subject = CharField(max_length=SUBJECT_MAX_LENGTH)
    body = TextField()


class SentMessage(BaseModel):
    """A message sent (or copied to send) to a contractor, kept in their history."""

    contractor = ForeignKeyField(Contractor, backref="messages", on_delete="CASCADE")
    contractor_id: int
    brief = ForeignKeyField(Brief, backref="messages", null=True, on_delete="SET NULL")
    brief_id: int | None
    kind = CharField(max_length=30)
    to_address = CharField(max_length=254, default="")
    subject = CharField(max_length=SUBJECT_MAX_LENGTH)
    body = TextField()
    via = CharField(max_length=10, default="mail")  # mail | clipboard
    sent_at = DateTimeField(default=now, index=True)


# ---------------------------------------------------------------------------
# Templates


def placeholders_in(text: str) -> list[str]:
    """The placeholder names `text` uses, in order (ValidationError on a broken brace)."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        raise ValidationError(
            _(
                "A “{open}” or “{close}” has no partner: write {open}{open} and {close}{close} "
                "for a brace itself."
            ).format(open="{", close="}"),
            "body",
        ) from None
    return [name for _, name, _, _ in parsed if name is not None]


def check_template(subject: str, body: str) -> None:
    """Refuse a template naming a placeholder that does not exist, naming it."""
    if not subject.strip():
        raise ValidationError(_("A message needs a subject."), "subject")
    if len(subject) > SUBJECT_MAX_LENGTH:
        raise ValidationError(
            _("A subject can be at most {limit} characters.").format(
                limit=integer(SUBJECT_MAX_LENGTH)
            ),
            "subject",
        )
    if len(body) > BODY_MAX_LENGTH:
        raise ValidationError(
            _("A message can be at most {limit} characters.").format(
                limit=integer(BODY_MAX_LENGTH)
            ),
            "body",
        )
    for where, text in (("subject", subject), ("body", body)):
        try:
            names = placeholders_in(text)
        except ValidationError as error:
            raise ValidationError(str(error), where) from None
        for name in names:
            if name not in PLACEHOLDERS:
                known = ", ".join("{" + key + "}" for key in PLACEHOLDERS)
                raise ValidationError(
                    _(
                        "“{{{name}}}” is not a placeholder Offload knows. Use one of: {known}."
                    ).format(name=name, known=known),
                    where,
                )


def template_of(kind: str) -> Template:
    """The owner's template of `kind`, or the shipped one."""
    if kind not in SHIPPED:
        raise UserError(_("There is no message “{kind}”.").format(kind=kind))
    row = MessageTemplate.get_or_none(MessageTemplate.kind == kind)
    if row is None:
        return shipped_template(kind)
    return Template(kind, row.subject, row.body, own=True)


def shipped_template(kind: str) -> Template:
    """Offload's own template of `kind`, in the owner's language."""
    shipped = SHIPPED[kind]
    return Template(kind, _(shipped.subject), _(shipped.body))


def save_template(kind: str, subject: str, body: str) -> Template:
    """Store the owner's template of `kind`; returns the one it replaces."""
    check_template(subject, body)
    with database.atomic():
        before = template_of(kind)
        write_template(Template(kind, subject, body, own=True))
    return before


def write_template(template: Template) -> None:
    """Make `template` the one in use (the shipped one: the owner's is removed)."""
    with database.atomic():
        delete_from(MessageTemplate).where(MessageTemplate.kind == template.kind).execute()
        if template.own:
            MessageTemplate.create(kind=template.kind, subject=template.subject, body=template.body)


# ---------------------------------------------------------------------------
# Filling


@dataclass(frozen=True)
class Message:
    """A message ready to edit and send.

    Attributes:
        missing: placeholders the data had no value for; they show as
            «name» in the text until the owner writes something there.
    """

    kind: str
    to: str
    subject: str
    body: str
    missing: tuple[str, ...] = ()
    contractor_id: int | None = None
    referrer_id: int | None = None
    brief_id: int | None = None


MISSING_MARK = "«{}»"


def fill(template: Template, values: Mapping[str, str]) -> tuple[str, str, tuple[str, ...]]:
    """(subject, body, missing) with `values` put in; unknown placeholders refused."""
    check_template(template.subject, template.body)
    missing: list[str] = []

    def put(text: str) -> str:
        out = []
        for literal, name, _spec, _conversion in string.Formatter().parse(text):
            out.append(literal)
            if name is None:
                continue
            value = (values.get(name) or "").strip()
            if not value:
                missing.append(name)
                value = MISSING_MARK.format(name)
            out.append(value)
        return "".join(out)

    subject, body = put(template.subject), put(template.body)
    return subject, body, tuple(dict.fromkeys(missing))


def still_missing(message: Message, subject: str, body: str) -> list[str]:
    """The placeholders still showing as «name» in what the owner edited."""
    return [name for name in message.missing if MISSING_MARK.format(name) in subject + body]


def _first(name: str) -> str:
    return name.split(maxsplit=1)[0] if name.split() else ""


def _brief_values(brief_id: int | None) -> dict[str, str]:
    if brief_id is None:
        return {}
    brief = Brief.get_or_none(Brief.id == brief_id)
    if brief is None:
        raise UserError(_("That brief no longer exists."))
    paragraphs = [p.strip() for p in brief.summary.split("\n\n") if p.strip()]
    budget = money_short(brief.budget, brief.currency)
    if budget and brief.budget_basis in set(BudgetBasis):
        budget += f" ({BUDGET_BASIS_LABELS[BudgetBasis(brief.budget_basis)].lower()})"
    return {
        "brief_title": brief.title,
        "brief_summary": " ".join(paragraphs[0].split()) if paragraphs else "",
        "brief_skills": brief.skills,
        "brief_budget": budget,
        "brief_deadline": day(brief.deadline) if brief.deadline else "",
    }


def compose(
    kind: str,
    *,
    contractor_id: int | None = None,
    referrer_id: int | None = None,
    brief_id: int | None = None,
    interview_id: int | None = None,
    offer_id: int | None = None,
    feedback_id: int | None = None,
    reason: str = "",
    brief_pdf: str = "",
    interview_when: datetime | None = None,
) -> Message:
    """The message `kind` filled from the data named (what is not given stays missing)."""
    settings = load_settings()
    values: dict[str, str] = {
        "owner_name": settings.owner_name,
        "business_name": settings.business_name,
        "reason": reason,
        "brief_pdf": brief_pdf,
    }
    to = their_zone = ""
    if interview_id is not None:
        interview = Interview.get_or_none(Interview.id == interview_id)
        if interview is None:
            raise UserError(_("That interview no longer exists."))
        contractor_id = contractor_id or interview.contractor_id
        brief_id = brief_id or interview.brief_id
        interview_when = interview_when or interview.held_at
        values["interview_medium"] = MEDIUM_LABELS.get(interview.medium, interview.medium).lower()
    if offer_id is not None:
        offer = TrialOffer.get_or_none(TrialOffer.id == offer_id)
        if offer is None:
            raise UserError(_("That trial offer no longer exists."))
        contractor_id = contractor_id or offer.contractor_id
        trial = trial_of(offer.trial.brief_id)
        brief_id = brief_id or trial.brief_id
        values.update(
            trial_task=trial.task,
            trial_pay=money_short(offer.pay, offer.currency),
            trial_deadline=day(offer.deadline),
        )
    elif kind == MessageKind.TRIAL_OFFER and brief_id is not None:
        trial = trial_of(brief_id)
        values.update(
            trial_task=trial.task,
            trial_pay=money_short(trial.pay, trial.currency),
            trial_deadline=day(trial.deadline) if trial.deadline else "",
        )
    if feedback_id is not None:
        feedback = Feedback.get_or_none(Feedback.id == feedback_id)
        if feedback is None:
            raise UserError(_("That feedback no longer exists."))
        engagement = Engagement.get_by_id(feedback.engagement_id)
        contractor_id = contractor_id or engagement.contractor_id
        brief_id = brief_id or engagement.brief_id
        values.update(
            feedback_deliverable=feedback.deliverable,
            feedback_good=feedback.good,
            feedback_not_good=feedback.not_good,
        )
    values.update(_brief_values(brief_id))
    if contractor_id is not None:
        contractor = Contractor.get_or_none(Contractor.id == contractor_id)
        if contractor is None:
            raise UserError(_("That contractor is no longer on the bench."))
        # An agency is greeted by its name, a person by their first name.
        greeting = contractor.name if contractor.kind == "agency" else _first(contractor.name)
        values.update(contractor_name=contractor.name, first_name=greeting)
        to = contractor.email
        their_zone = contractor.timezone
    if interview_when is not None:
        # In both clocks when they differ: "09:00" alone misleads someone 9 hours away.
        values["interview_when"] = when_for_both(interview_when, settings.time_zone, their_zone)
    if referrer_id is not None:
        referrer = Referrer.get_or_none(Referrer.id == referrer_id)
        if referrer is None:
            raise UserError(_("That person is no longer in your referrers."))
        values.update(referrer_name=referrer.name, first_name=_first(referrer.name))
        to = referrer.email
    subject, body, missing = fill(template_of(kind), values)
    return Message(kind, to, subject, body, missing, contractor_id, referrer_id, brief_id)


def likely_brief(contractor_id: int) -> int | None:
    """The brief a message to the contractor is most likely about: their latest
    trial's, else their latest interview's, else their latest engagement's."""
    trial: TrialOffer | None = (
        TrialOffer.select(TrialOffer.trial)
        .where(TrialOffer.contractor == contractor_id)
        .order_by(TrialOffer.id.desc())
        .first()
    )
    if trial is not None:
        return trial.trial.brief_id
    interview: Interview | None = (
        Interview.select(Interview.brief)
        .where((Interview.contractor == contractor_id) & Interview.brief.is_null(False))
        .order_by(Interview.held_at.desc())
        .first()
    )
    if interview is not None:
        return interview.brief_id
    engagement: Engagement | None = (
        Engagement.select(Engagement.brief)
        .where(Engagement.contractor == contractor_id)
        .order_by(Engagement.start_date.desc())
        .first()
    )
    return None if engagement is None else engagement.brief_id


def next_interview_of(contractor_id: int) -> int | None:
    """The contractor's next interview still to hold (the invitation names its time)."""
    row = (
        Interview.select(Interview.id)
        .where((Interview.contractor == contractor_id) & ~Interview.held)
        .order_by(Interview.held_at)
        .first()
    )
    return None if row is None else row.id


def open_offer_of(contractor_id: int, brief_id: int | None) -> int | None:
    """The contractor's trial offer for the brief, if any (for the trial offer message)."""
    if brief_id is None:
        return None
    row = (
        TrialOffer.select(TrialOffer.id)
        .join(TrialTask)
        .where((TrialOffer.contractor == contractor_id) & (TrialTask.brief == brief_id))
        .first()
    )
    return None if row is None else row.id


# ---------------------------------------------------------------------------
# Keeping what was sent


@dataclass(frozen=True)
class Sent:
    """What `record_sent` stored: a SentMessage row, or a referrer's request."""

    message_id: int | None = None
    request_id: int | None = None
    snapshot: RowSnapshot = field(default_factory=RowSnapshot)
    # The contractor's last contact before and after (a message is a contact).
    contractor_id: int | None = None
    last_contact_before: datetime | None = None
    last_contact_after: datetime | None = None


def record_sent(
    message: Message, subject: str, body: str, *, via: str = "mail", on: date | None = None
) -> Sent:
    """Keep the message as sent: in the contractor's history, or, asking a
    referrer, as a request for a referral. One transaction."""
    if via not in ("mail", "clipboard"):
        raise ValueError(via)
    with database.atomic():
        if message.referrer_id is not None and message.contractor_id is None:
            day = on or now().date()
            request_id = ask_for_referral(message.referrer_id, message.brief_id, day, subject)
            return Sent(request_id=request_id)
        if message.contractor_id is None:
            raise UserError(_("Choose whom the message is for."))
        contractor = Contractor.get_or_none(Contractor.id == message.contractor_id)
        if contractor is None:
            raise UserError(_("That contractor is no longer on the bench."))
        row = SentMessage.create(
            contractor=message.contractor_id, brief=message.brief_id, kind=message.kind,
            to_address=message.to, subject=subject[:SUBJECT_MAX_LENGTH], body=body, via=via,
        )  # fmt: skip
        _set_last_contact(message.contractor_id, row.sent_at)
    return Sent(
        message_id=row.id,
        contractor_id=contractor.id,
        last_contact_before=contractor.last_contact,
        last_contact_after=row.sent_at,
    )


def unrecord_sent(sent: Sent) -> Sent:
    """Undo `record_sent`; returns what `rerecord_sent` needs."""
    with database.atomic():
        if sent.request_id is not None:
            snapshot = delete_with_snapshot(ReferralRequest.get_by_id(sent.request_id))
        else:
            snapshot = delete_with_snapshot(SentMessage.get_by_id(sent.message_id))
            _set_last_contact(sent.contractor_id, sent.last_contact_before)
    return dataclasses.replace(sent, snapshot=snapshot)


def rerecord_sent(sent: Sent) -> None:
    with database.atomic():
        restore(sent.snapshot)
        _set_last_contact(sent.contractor_id, sent.last_contact_after)


def _set_last_contact(contractor_id: int | None, value: datetime | None) -> None:
    if contractor_id is not None:
        # A new version of the contractor: a form open on it is refused in turn.
        versions.save(
            Contractor, contractor_id, {"last_contact": value}, what="The contractor", check=False
        )


@dataclass(frozen=True)
class SentRow:
    id: int
    kind: str
    subject: str
    body: str
    to: str
    via: str
    sent_at: datetime
    brief_title: str

    @property
    def kind_text(self) -> str:
        return (
            MESSAGE_LABELS.get(MessageKind(self.kind), self.kind)
            if self.kind in set(MessageKind)
            else self.kind
        )


def messages_of(contractor_id: int) -> list[SentRow]:
    """The messages sent to a contractor, newest first."""
    query = (
        SentMessage.select(
            SentMessage.id,
            SentMessage.kind,
            SentMessage.subject,
            SentMessage.body,
            SentMessage.to_address,
            SentMessage.via,
            SentMessage.sent_at,
            Brief.title,
        )
        .join(Brief, JOIN.LEFT_OUTER)
        .where(SentMessage.contractor == contractor_id)
        .order_by(SentMessage.sent_at.desc(), SentMessage.id.desc())
    )
    return [
        SentRow(message_id, kind, subject, body, to_address, via, sent_at, brief_title or "")
        for message_id, kind, subject, body, to_address, via, sent_at, brief_title in tuples(query)
    ]
