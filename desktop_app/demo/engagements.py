"""Demo: four engagements over the last months, each telling its own story.

- Sofia Almeida keeps the books: weekly reports, on time, confidence high.
- Luca Romano runs social media: confidence fell from 5 to 2 and stayed
  low, and his check-in is overdue; the app says confidence is lost.
- Nadia Haddad answers the support inbox on trial: the owner has been asking
  for updates every few days, far more than the weekly cadence agreed.
- Mateusz Zieliński maintained the website until the migration was done: ended.

The contractors and briefs of the other demos are used when they exist
(looked up by name, and by a word of the brief's title); otherwise minimal
ones are created here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from desktop_app.models.briefs import Brief, BriefTask, Expectation
from desktop_app.models.contractor_input import parse_contractor
from desktop_app.models.contractors import Contractor, create_contractor
from desktop_app.models.engagements import add_check_in, add_feedback
from desktop_app.models.hiring import end_engagement, hire
from desktop_app.models.tasks import Task
from desktop_app.models.text import fold


@dataclass(frozen=True)
class BriefSketch:
    keyword: str  # a brief whose title holds this word is used as it is
    title: str
    skills: str
    summary: str
    report_every_days: int
    expectations: tuple[tuple[str, str, str], ...]  # text, level, measure


BOOKKEEPING = BriefSketch(
    "bookkeeping",
    "Monthly bookkeeping",
    "bookkeeping, Xero, reconciliation",
    "Keep the shop's books in Xero: categorise every transaction, reconcile the bank and "
    "PayPal accounts, and send a short monthly report.",
    7,
    (
        ("Reconcile bank and PayPal every week", "must", "Nothing unreconciled after 7 days"),
        ("Send the monthly profit and loss by the 5th", "must", "Report in my inbox by the 5th"),
        ("Flag any unusual expense instead of guessing", "should", "Listed in the weekly note"),
        ("Suggest one saving a quarter", "nice", "One suggestion per quarter"),
    ),
)  # fmt: skip
SOCIAL = BriefSketch(
    "social",
    "Social media management",
    "social media, Instagram, Canva, copywriting",
    "Plan, design and schedule our Instagram and Pinterest posts, and answer comments.",
    14,
    (
        ("Schedule three posts a week, two weeks ahead", "must", "Posts visible in the scheduler"),
        ("Use the brand colours and fonts", "must", "Every post matches the style guide"),
        ("Answer comments within a working day", "should", "Median reply time under 24 h"),
        ("Report reach and saves each fortnight", "should", "A short report every 14 days"),
        ("Try one new format a month", "nice", "One experiment a month"),
    ),
)  # fmt: skip
SUPPORT = BriefSketch(
    "support",
    "Customer support inbox",
    "customer support, Zendesk, email",
    "Answer customer e-mails about orders, downloads and refunds, using the saved replies.",
    7,
    (
        ("Answer every e-mail within one working day", "must", "No ticket older than 24 h"),
        ("Refunds over $50 need my approval", "must", "Approved in the ticket before refunding"),
        ("Keep saved replies up to date", "should", "Changes noted in the weekly summary"),
    ),
)  # fmt: skip
WEBSITE = BriefSketch(
    "website",
    "Website maintenance",
    "WordPress, WooCommerce",
    "Keep the shop's WordPress site updated, backed up and fast, and move it to the new host.",
    30,
    (
        ("Weekly updates and backups", "must", "Backup log every week"),
        ("Move the shop to the new host without downtime", "must", "Under 10 minutes offline"),
        ("Page load under two seconds", "should", "PageSpeed report"),
    ),
)  # fmt: skip


def _brief(sketch: BriefSketch) -> Brief:
    for brief in Brief.select().order_by(Brief.id):
        if sketch.keyword in fold(brief.title):
            return brief
    brief = Brief.create(
        title=sketch.title,
        summary=sketch.summary,
        skills=sketch.skills,
        report_every_days=sketch.report_every_days,
        status="posted",
    )
    for number, (text, level, measure) in enumerate(sketch.expectations):
        Expectation.create(
            brief=brief, text=text, level=level, measure=measure, position=f"a{number}"
        )
    return brief


def _contractor(name: str, found_days_before_start: int, start: date, **raw: str) -> Contractor:
    """The bench's record of `name`, or a full new one found a while before the start.

    New people arrive as prospects through the bench's own `create_contractor`,
    so their history reads "found, then hired" in order.
    """
    found = Contractor.get_or_none(Contractor.name == name)
    if found is not None:
        return found
    values = parse_contractor({"name": name, "stage": "prospect", **raw})
    at = datetime.combine(start - timedelta(days=found_days_before_start), time(10, 0))
    contractor_id = create_contractor(values, reason="Found through my own search", at=at)
    return Contractor.get_by_id(contractor_id)


def _link_task(brief: Brief, name: str, monthly_minutes: int) -> None:
    """Give an hourly engagement known hours: the brief's task from the time audit."""
    if BriefTask.select().where(BriefTask.brief == brief).exists():
        return
    task = Task.get_or_none(Task.name_key == fold(name))
    if task is None:
        task = Task.create(
            name=name, name_key=fold(name), monthly_estimate_minutes=monthly_minutes,
            status="handed_off",
        )  # fmt: skip
    BriefTask.create(brief=brief, task=task)


def _report(engagement_id: int, day: date, summary: str, state: str = "on_track", **kw) -> None:
    add_check_in(engagement_id, day, summary=summary, state=state, **kw)


def _feedback(engagement_id: int, day: date, deliverable: str, scores: tuple, **kw) -> None:
    quality, communication, confidence = scores
    add_feedback(
        engagement_id, day, deliverable=deliverable, quality=quality,
        communication=communication, confidence=confidence, **kw,
    )  # fmt: skip


def fill(today: date) -> None:
    def ago(days: int) -> date:
        return today - timedelta(days=days)

    # Going well: weekly reports from Sofia, feedback at every month's close.
    start = ago(124)
    ana = _contractor(
        "Sofia Almeida", 21, start, email="sofia.almeida@example.com",
        skills="bookkeeping, Xero, QuickBooks, reconciliations", phone="+351 913 555 020",
        website="https://sofiaalmeida-books.example.com", location="Porto, Portugal",
        timezone="Europe/Lisbon", rate="38", rate_unit="hour", currency="USD", rating="5",
        notes="Weekly notes, never late; knows Etsy and Shopify payouts.",
    )  # fmt: skip
    books = _brief(BOOKKEEPING)
    _link_task(books, "Bookkeeping and invoices", 14 * 60)
    engagement = hire(ana.id, books.id, start, Decimal("38"), 7, status="active").engagement_id
    for week, day in enumerate(range(120, 4, -7)):
        _report(engagement, ago(day), f"Week {week + 1}: all accounts reconciled.")
    _report(engagement, ago(5), "Reconciled; two receipts missing from the Etsy payout.",
            blockers="Need the Etsy receipts for 14 and 16 of last month.")  # fmt: skip
    for month, (day, scores, good) in enumerate(
        [
            (96, (4, 4, 4), "Clean categories; clear notes on each question."),
            (66, (5, 4, 4), "P&L arrived a day early, with a short explanation."),
            (36, (5, 5, 5), "Spotted a double charge from the print supplier."),
            (6, (5, 5, 5), "Quarter closed without a single question from me."),
        ],
        start=1,
    ):
        _feedback(engagement, ago(day), f"Month {month} close", scores, on_time=True, good=good,
                  not_good="" if month > 1 else "Took a week to learn our categories.")  # fmt: skip

    # Confidence lost: Luca started strong, then deadlines slipped.
    marco = _contractor(
        "Luca Romano", 18, ago(103), email="luca@romano.example",
        skills="social media, Instagram, Canva, Reels", website="https://lucaromano.example.it",
        location="Milan, Italy", timezone="Europe/Rome", rate="900", rate_unit="month",
        currency="USD", rating="3", notes="Strong start in the summer; slipping since October.",
    )  # fmt: skip
    social = _brief(SOCIAL)
    engagement = hire(
        marco.id, social.id, ago(103), Decimal("900"), 14, rate_unit="month", status="active"
    ).engagement_id
    _report(engagement, ago(89), "First fortnight scheduled, engagement up 12%.")
    _report(engagement, ago(75), "Scheduled; new Reels template tried.")
    _report(engagement, ago(59), "Behind by three posts.", "at_risk",
            blockers="Waiting for the new product photos.")  # fmt: skip
    add_check_in(engagement, ago(45), initiated_by="owner", kind="request",
                 summary="Asked for the missing posts.")  # fmt: skip
    _report(engagement, ago(31), "Posts for the sale were late; comments unanswered for 3 days.",
            "off_track", initiated_by="owner")  # fmt: skip
    _report(engagement, ago(17), "Says he is overloaded with another client.", "off_track",
            blockers="No posts scheduled for next week.")  # fmt: skip
    for day, deliverable, scores, on_time, good, not_good in [
        (88, "Launch fortnight", (5, 4, 5), True, "Striking designs, on brand.", ""),
        (60, "Spring collection posts", (4, 4, 4), True, "Good captions.", "Two posts off-brand."),
        (38, "Sale campaign", (4, 3, 3), False, "The carousel worked.", "Three days late."),
        (21, "Fortnight report", (3, 2, 2), False, "", "Numbers copied from last time."),
        (6, "Holiday posts", (2, 2, 2), False, "", "Half the posts missing; no warning given."),
    ]:
        _feedback(engagement, ago(day), deliverable, scores, on_time=on_time, good=good,
                  not_good=not_good)  # fmt: skip

    # Micromanaging: weekly was agreed, but the owner checks in every few days.
    priya = _contractor(
        "Nadia Haddad", 16, ago(34), email="nadia.haddad@example.com",
        skills="customer support, Zendesk, email, refunds", phone="+961 3 555 014",
        location="Beirut, Lebanon", timezone="Asia/Beirut", rate="22", rate_unit="hour",
        currency="USD", rating="4", notes="Calm, precise replies; on a paid trial with the inbox.",
    )  # fmt: skip
    support = _brief(SUPPORT)
    _link_task(support, "Customer e-mails", 20 * 60)
    engagement = hire(priya.id, support.id, ago(34), Decimal("22"), 7).engagement_id
    for day in (33, 26, 19, 12, 5):
        _report(engagement, ago(day), "Inbox at zero; saved replies updated.")
    for day in (27, 24, 22, 20, 17, 15, 13, 10, 8, 6, 3, 1):
        add_check_in(engagement, ago(day), initiated_by="owner", kind="request",
                     summary="Asked how the inbox is going.")  # fmt: skip
    _feedback(
        engagement,
        ago(20),
        "First two weeks of tickets",
        (4, 5, 4),
        on_time=True,
        good="Friendly, accurate replies.",
        not_good="One refund sent without asking.",
    )
    _feedback(engagement, ago(6), "Refund backlog", (5, 5, 4), on_time=True,
              good="Cleared 40 old tickets.")  # fmt: skip

    # Ended: the site moved to its new host and the retainer was no longer needed.
    tomasz = _contractor(
        "Mateusz Zieliński", 30, ago(250), email="mateusz@zielinski.example",
        skills="WordPress, WooCommerce, hosting", website="https://zielinski.example.pl",
        location="Kraków, Poland", timezone="Europe/Warsaw", rate="55", rate_unit="hour",
        currency="USD", rating="4", notes="Moved the shop to its new host without downtime.",
    )  # fmt: skip
    website = _brief(WEBSITE)
    engagement = hire(
        tomasz.id, website.id, ago(250), Decimal("600"), 30, rate_unit="month", status="active"
    ).engagement_id
    for day in (220, 190, 160, 130, 100, 70):
        _report(engagement, ago(day), "Updates and backups done.")
    for day, deliverable, scores in [
        (200, "Security updates", (4, 4, 4)),
        (140, "Speed work", (5, 4, 5)),
        (75, "Move to the new host", (5, 5, 5)),
    ]:
        _feedback(engagement, ago(day), deliverable, scores, on_time=True, good="Careful work.")
    end_engagement(
        engagement, ago(60), "Site migration finished; the monthly retainer was no longer needed."
    )
