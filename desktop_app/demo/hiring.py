"""Demo: hiring the bookkeeper well.

Maya works 09:00–16:00 in Stockholm and needs two shared hours a day with
her bookkeeper. The "Monthly bookkeeping" brief asks three screening
questions, answered by Ana, Tomasz and Ledgerlight; its paid trial
(October's reconciliation, 120 in the brief's currency, due in four days)
went to Ana, Tomasz and Priya six days ago: Ana delivered on time and
scored high, Tomasz delivered a day late, Priya is still working on it.
Ana's second interview is scored on the brief's must-haves, and Maya
wrote her own decline message. The social
media brief has its screening questions ready to post. Leo, Sofia and Ana
are on record as the people who recommended Priya, Jonas and Yuki, and
Maya has asked her mastermind group for a social media person.

Each contractor gets working hours in their own zone (the bench demo gave
every one a zone), so the profile, the comparison and the calendar show
shared hours.
"""

from __future__ import annotations

from datetime import date, timedelta

from desktop_app.models.briefs import Level, expectations_of
from desktop_app.models.contractors import Contractor, Interview, brief_choices
from desktop_app.models.hiring_plan import add_question, record_answers, update_plan
from desktop_app.models.interview_criteria import brief_criteria, set_criterion_scores
from desktop_app.models.messages import MessageKind, compose, record_sent, save_template
from desktop_app.models.referrals import (
    add_referrer,
    ask_for_referral,
    record_recommendation,
)
from desktop_app.models.trials import (
    TrialOffer,
    add_criterion,
    offer_rows,
    offer_trial,
    record_result,
    update_trial,
)

# Working hours in each contractor's own zone (the rest keep 09:00–17:00).
HOURS = {
    "Ana Ferreira": "08:00–16:00",
    "Tomasz Nowak": "10:00–18:00",
    "Ledgerlight Bookkeeping": "08:00–17:00",
    "Priya Raman": "10:00–18:30",
    "Maria Santos": "06:00–14:00",
    "Helpdesk Heroes": "07:00–19:00",
    "Grace Mwangi": "08:00–16:00",
    "Lena Fischer": "08:30–15:30",
    "Pixel & Post Studio": "09:00–17:30",
    "Sam Taylor": "10:00–18:00",
}

BOOKS_QUESTIONS = (
    "Which accounting software have you closed months in, and for how long?",
    "How do you handle a payout from Shopify or Etsy that bundles sales, fees and refunds?",
    "A transaction you cannot place: what do you do with it?",
)
ANSWERS = {
    "Ana Ferreira": (
        "Xero for six years (daily), QuickBooks Online for two.",
        "Split it with a clearing account: gross sales, fees and refunds booked apart, then "
        "reconciled to the payout.",
        "Park it in suspense and list it in the month-end note with my question.",
    ),
    "Tomasz Nowak": (
        "Xero since 2019, about 20 clients a month.",
        "A bank rule per payout type; fees to their own account.",
        "Email the client the same day.",
    ),
    "Ledgerlight Bookkeeping": (
        "QuickBooks Online and Xero, a team of four.",
        "Our own payout template per platform.",
        "Our reviewer decides, then we tell the client.",
    ),
    "Priya Raman": (
        "Xero for four years, with Wise and three currencies.",
        "Gross sales to income, fees and refunds to their own accounts, payout to clearing.",
        "Ask in the client's chat, and note it for the month-end review.",
    ),
}
SOCIAL_QUESTIONS = (
    "Show us a Pinterest account you grew: where did it start, and where is it now?",
    "How would you plan a month of posts for a planner launch?",
)


def _brief_id(title: str) -> int | None:
    return next((bid for bid, t in brief_choices() if t == title), None)


def fill(today: date) -> None:
    people = {c.name: c.id for c in Contractor.select(Contractor.id, Contractor.name)}
    for name, hours in HOURS.items():
        if name in people:
            Contractor.update(working_hours=hours).where(Contractor.id == people[name]).execute()
    books = _brief_id("Monthly bookkeeping")
    if books is not None:
        _bookkeeping(books, people, today)
    social = _brief_id("Social media management")
    if social is not None:
        update_plan(social, {"overlap_hours": "1"})
        for question in SOCIAL_QUESTIONS:
            add_question(social, question)
    _referrals(people, social, today)


def _bookkeeping(brief_id: int, people: dict[str, int], today: date) -> None:
    update_plan(brief_id, {"overlap_hours": "2"})
    questions = [add_question(brief_id, q) for q in BOOKS_QUESTIONS]
    for name, answers in ANSWERS.items():
        if name in people:
            record_answers(
                people[name], dict(zip(questions, answers, strict=True)), today - timedelta(days=9)
            )
    update_trial(
        brief_id,
        {
            "task": "Reconcile October in our Xero demo company: the bank account, Shopify "
            "Payments and PayPal, with a one-page month-end note. Read-only access is sent "
            "with this offer; about three hours of work.",
            "pay": "120",
            "deadline": today + timedelta(days=4),
        },
    )
    own = add_criterion(brief_id, "The month-end note is clear to someone who is not a bookkeeper")
    trio = [people[n] for n in ("Ana Ferreira", "Tomasz Nowak", "Priya Raman")]
    offer_trial(brief_id, trio, today - timedelta(days=6))
    musts = [e for e in expectations_of(brief_id) if e.level in (Level.MUST, Level.SHOULD)]
    by_name = {row.contractor_name: row for row in offer_rows(brief_id=brief_id)}
    deadline = today + timedelta(days=4)
    results = {
        # delivered, first scores in rubric order, the own criterion, notes
        "Ana Ferreira": (today - timedelta(days=2), 5, 5, "Found the two Stripe fees again; "
                         "the note reads well."),
        "Tomasz Nowak": (deadline if deadline <= today else today - timedelta(days=1), 4, 3,
                         "Solid reconciliation; the note is a list of codes."),
    }  # fmt: skip
    for name, (delivered, score, own_score, notes) in results.items():
        offer = by_name[name]
        scores = {f"e{e.id}": max(1, score - (i % 3 == 2)) for i, e in enumerate(musts)}
        scores[f"c{own}"] = own_score
        record_result(offer.id, delivered_on=delivered, scores=scores, notes=notes)
    # Tomasz handed in a day after the deadline agreed with him.
    TrialOffer.update(deadline=today - timedelta(days=2)).where(
        TrialOffer.id == by_name["Tomasz Nowak"].id
    ).execute()
    for name in ("Ana Ferreira", "Tomasz Nowak", "Priya Raman"):
        message = compose(MessageKind.TRIAL_OFFER, offer_id=by_name[name].id)
        record_sent(message, message.subject, message.body)
    interview = (
        Interview.select()
        .where((Interview.contractor == people["Ana Ferreira"]) & Interview.held)
        .order_by(Interview.held_at.desc())
        .first()
    )
    if interview is not None and interview.brief_id == brief_id:
        criteria = brief_criteria(brief_id)
        set_criterion_scores(
            interview.id, {c.expectation_id: 5 - (i == 2) for i, c in enumerate(criteria)}
        )
    save_template(
        MessageKind.DECLINE,
        "{brief_title}: thank you",
        "Hi {first_name},\n\nthank you for the work you put into {brief_title}. I chose "
        "someone else this time: {reason}\n\nI will keep your details and may come back to "
        "you for other jobs.\n\nWarm regards,\n{owner_name}",
    )


def _referrals(people: dict[str, int], social: int | None, today: date) -> None:
    leo = add_referrer({"name": "Leo Martins", "email": "leo@example.com",
                        "relation": "Fellow shop owner (Etsy)", "notes": ""})  # fmt: skip
    sofia = add_referrer({"name": "Sofia Lind", "email": "sofia.lind@example.se",
                          "relation": "Former colleague", "notes": ""})  # fmt: skip
    ana = add_referrer({"name": "Ana Ferreira", "email": "ana.ferreira@example.com",
                        "relation": "Bookkeeping candidate", "notes": ""})  # fmt: skip
    group = add_referrer({"name": "Maya's mastermind", "email": "",
                          "relation": "Group chat of six shop owners", "notes": ""})  # fmt: skip
    books = _brief_id("Monthly bookkeeping")
    support = _brief_id("Customer support inbox")
    for referrer, brief, ago, contractor in (
        (leo, books, 14, "Priya Raman"),
        (sofia, support, 12, "Jonas Berg"),
        (ana, social, 3, "Yuki Tanaka"),
        (group, social, 20, "Lena Fischer"),
    ):
        request = ask_for_referral(referrer, brief, today - timedelta(days=ago))
        if contractor in people:
            record_recommendation(
                referrer, people[contractor], today - timedelta(days=ago - 1), request
            )
    ask_for_referral(group, social, today - timedelta(days=2), "Anyone for Pinterest?")
