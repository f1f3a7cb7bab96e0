"""Demo: three briefs of the planner shop, made from the shipped templates.

"Monthly bookkeeping" was posted after one export and edited since (so
Versions has something to show); "Customer support inbox" is a draft with
a few things the clarity check still flags; "Social media management" is
final and clear. Each is linked to the time-audit task of its subject when
the time audit demo made one, and that task shows as briefed, as it does when
the owner writes a brief for it.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from desktop_app.assets import templates_folder
from desktop_app.models.brief_templates import Template, shipped_templates
from desktop_app.models.briefs import (
    Brief,
    BriefData,
    BriefStatus,
    BriefVersion,
    ExpectationData,
    add_expectation,
    create_brief,
    expectations_of,
    load_brief,
    move_expectation,
    update_brief,
)
from desktop_app.models.procedure_content import StepData
from desktop_app.models.procedure_versions import ProcedureVersion, record_brief_sent
from desktop_app.models.procedures import (
    add_step,
    procedure_id_for_task,
    steps_of,
    update_procedure,
    update_step,
)
from desktop_app.models.settings import load_settings
from desktop_app.models.tasks import find_task_id

CONTACT = "Maya Lindqvist, Northwind Planners\nmaya@northwindplanners.example\nSlack: #contractors"
HOURS = "Monday to Friday, 9:00–16:00 Stockholm time (CET)"


def _template(name: str) -> Template:
    # The demo's own texts are English: so are the templates they start from.
    templates, _ = shipped_templates(templates_folder(), language="en")
    return next(t for t in templates if t.name == name)


def _create(data: BriefData, task_name: str, created: datetime) -> int:
    task_id = find_task_id(task_name)
    brief_id = create_brief(data, task_ids=[task_id] if task_id is not None else [])
    Brief.update(created_at=created, updated_at=created).where(Brief.id == brief_id).execute()
    return brief_id


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0))


def fill(today: date) -> None:
    currency = load_settings().currency
    _bookkeeping(today, currency)
    _support_inbox(today, currency)
    _social_media(today, currency)


def _bookkeeping(today: date, currency: str) -> None:
    base = _template("Monthly bookkeeping").data
    data = dataclasses.replace(
        base,
        summary=(
            "Northwind Planners sells printable planners and digital stickers: about 900 orders "
            "a month through our Shopify shop and Etsy, paid by card, PayPal and Klarna. Costs "
            "are software subscriptions, Facebook and Pinterest ads, two freelancers and print "
            "samples. Maya has kept the books in the evenings and is four months behind.\n\n"
            "We want the books kept up to date every month by someone who does this for a "
            "living, so that we always know where the money stands and the VAT return is no "
            "scramble. You will work in Xero with read-only access to the business bank "
            "account, Shopify Payments, PayPal and Etsy. Receipts arrive in a shared Google "
            "Drive folder and by email forwarding to Xero."
        ),
        skills="Xero, bank reconciliation, Shopify and Etsy payouts, Swedish VAT",
        budget=Decimal("400"),
        currency=currency,
        contact=CONTACT,
        working_hours=HOURS,
    )
    created = _at(today - timedelta(days=24), 10)
    brief_id = _create(data, "Bookkeeping", created)
    # Sent to two candidates ten days ago...
    sent = _at(today - timedelta(days=10), 15)
    version_id = record_brief_sent(brief_id, load_brief(brief_id), "Monthly bookkeeping.pdf")
    BriefVersion.update(created_at=sent).where(BriefVersion.id == version_id).execute()
    ProcedureVersion.update(created_at=sent).where(
        ProcedureVersion.brief_version == version_id
    ).execute()
    _sharpen_bookkeeping_procedure()
    # ...then posted, with a higher budget, sharper priorities and one more expectation.
    update_brief(brief_id, {"budget": "450", "status": BriefStatus.POSTED})
    rows = expectations_of(brief_id)
    vat = next(row for row in rows if row.text.startswith("Prepare each sales tax"))
    move_expectation(vat.id, 5)
    add_expectation(
        brief_id,
        "Split Etsy and Shopify payouts into sales, fees and refunds.",
        "should",
        "Fees and refunds booked to their own accounts every month.",
        index=6,
    )
    edited = _at(today - timedelta(days=3), 11)
    Brief.update(updated_at=edited).where(Brief.id == brief_id).execute()


def _sharpen_bookkeeping_procedure() -> None:
    """Since the brief went out, the procedure of its task was made sharper."""
    task_id = find_task_id("Bookkeeping")
    procedure_id = procedure_id_for_task(task_id) if task_id is not None else None
    if procedure_id is None:
        return
    receipts = next(step for step in steps_of(procedure_id) if "receipt" in step.text)
    update_step(receipts.id, {"check": "No card payment above 100 SEK is left without a receipt."})
    add_step(
        procedure_id,
        StepData(
            "Lock the period in Xero once Maya has read the note",
            check="Settings › Financial settings shows the lock date as the month's last day.",
        ),
    )
    update_procedure(
        procedure_id,
        {
            "outputs": "Reconciled bank and clearing accounts\n"
            "Month-end note (email to Maya)\nLocked period"
        },
    )


def _support_inbox(today: date, currency: str) -> None:
    base = _template("Customer support inbox").data
    expectations = list(base.expectations)
    # A draft in progress: the clarity check has a few things to say.
    expectations[1] = ExpectationData(
        "Answer refund requests ASAP, in our tone: friendly, plain, signed with your first name.",
        "must",
        "",
    )
    expectations.insert(
        5,
        ExpectationData(
            "Send customers a replacement download link when the first one expired.", "should", ""
        ),
    )
    data = dataclasses.replace(
        base,
        summary=(
            "Customers write to hello@northwindplanners.example about their orders, download "
            "links, refunds and how to print the planners at home: about 150 conversations a "
            "month, twice that in December. Maya answers every one, often late at night.\n\n"
            "We want a support agent who answers the inbox within agreed hours, in our tone, "
            "using our saved replies in Help Scout, and who hands over what needs Maya."
        ),
        in_scope=base.in_scope + "\nPrinting questions: paper sizes, scaling, etc.",
        currency=currency,
        contact=CONTACT,
        working_hours=HOURS,
        expectations=expectations,
    )
    _create(data, "Customer support inbox", _at(today - timedelta(days=2), 9))


def _social_media(today: date, currency: str) -> None:
    base = _template("Social media management").data
    data = dataclasses.replace(
        base,
        summary=(
            "We sell printable planners and digital stickers, and Instagram, Facebook and "
            "Pinterest bring us a third of our shop visits. Posting has been irregular because "
            "Maya writes every post between other jobs.\n\n"
            "We want a social media manager who plans a monthly calendar with us, writes and "
            "schedules the posts, answers comments and messages, and reports what works. We "
            "provide product photos, our brand colours and fonts, and a one-page brand voice "
            "guide. You will work in Later and a shared Google Drive folder."
        ),
        budget=Decimal("600"),
        currency=currency,
        deadline=today + timedelta(days=21),
        contact=CONTACT,
        working_hours=HOURS,
        skills="Instagram, Pinterest, Canva, Later, copywriting for small shops",
        status=BriefStatus.FINAL,
    )
    _create(data, "Social media posts", _at(today - timedelta(days=6), 14))
