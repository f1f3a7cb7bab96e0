"""Demo: four engagements over the last months, each telling its own story.

They are jobs Maya handed off before the ones she is hiring for now (the
Briefs and Contractors demos: bookkeeping, the support inbox, social media),
each on a time-audit task of its own:

- Sofia Almeida retouches the product photos: weekly reports, on time,
  confidence high; leave her to it.
- Luca Romano makes the Pinterest pins: confidence fell from 5 to 2 and
  stayed low, and his check-in is overdue; the app says confidence is lost,
  and "Find someone new" opens a bench that already holds social media
  people.
- Nadia Haddad updates the Etsy listings on trial: the owner has been
  asking for updates every few days, far more than the weekly cadence.
- Mateusz Zieliński maintained the website until the migration was done:
  ended.

Briefs are looked up by a word of their title and created when missing;
people are the bench's records, created (found a few weeks before they were
hired) when missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from desktop_app.models.briefs import Brief, BriefTask, Expectation, recount_findings
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
    # What made the brief clear enough to hire on (the clarity check passes).
    deliverables: str = ""
    success_criteria: str = ""
    acceptance: str = ""
    timeline: str = ""
    budget: str = ""
    budget_basis: str = "hourly"


PHOTOS = BriefSketch(
    "photo",
    "Product photo editing",
    "photo editing, Photoshop, Lightroom, mockups",
    "Retouch the product photos of each new planner and make the listing mockups, "
    "in our style, from the raw shots in the shared folder.",
    7,
    (
        ("Edited photos in the shared folder within three working days", "must",
         "Folder date against the shoot date"),
        ("White background, true-to-print colours", "must", "Checked against the printed proof"),
        ("Five mockups per planner in the listing sizes", "should", "Etsy and Shopify sizes"),
        ("Suggest a new mockup scene each season", "nice", "One idea a season"),
    ),
    deliverables="Retouched photos, 3000 px JPEG, sRGB\n"
    "Five listing mockups per planner, 2000 px JPEG",
    success_criteria="Colours match the printed proof; every new planner listed with photos "
    "within a week of the shoot.",
    acceptance="I check each batch against the proof within two working days.",
    timeline="Ongoing: a batch after every shoot (about two a month).",
    budget="25",
)  # fmt: skip
PINTEREST = BriefSketch(
    "pinterest",
    "Pinterest pins and boards",
    "social media, Pinterest, Canva, Tailwind",
    "Design and schedule our Pinterest pins from the product photos, and keep the boards tidy.",
    14,
    (
        ("Fifteen new pins a week, scheduled two weeks ahead", "must", "Visible in Tailwind"),
        ("Use the brand colours and fonts", "must", "Every pin matches the style guide"),
        ("Report saves and outbound clicks each fortnight", "should", "A report every 14 days"),
        ("Try one new pin format a month", "nice", "One experiment a month"),
    ),
    deliverables="15 pins a week, scheduled in Tailwind\nA fortnightly report: saves, clicks",
    success_criteria="Outbound clicks from Pinterest up 20% in three months.",
    acceptance="Pins approved in the Tailwind queue before they go out.",
    timeline="Ongoing, scheduled two weeks ahead.",
    budget="600",
    budget_basis="monthly",
)  # fmt: skip
LISTINGS = BriefSketch(
    "listing",
    "Etsy listing updates",
    "Etsy, product listings, SEO, virtual assistant",
    "Keep our Etsy listings current: new mockups, titles and tags from the keyword sheet, "
    "prices after each change.",
    7,
    (
        ("Update listings within two working days of a request", "must", "Request log dates"),
        ("Titles and tags from the keyword sheet only", "must", "Spot check of five a week"),
        ("Flag listings with falling views", "should", "Listed in the weekly note"),
    ),
    deliverables="Updated Etsy listings\nA weekly note of the changes made",
    success_criteria="Every request done within two working days; no listing with an "
    "outdated price or mockup.",
    acceptance="I spot-check five listings a week.",
    timeline="Ongoing: requests as they come, a weekly note on Fridays.",
    budget="15",
)  # fmt: skip
WEBSITE = BriefSketch(
    "website",
    "Website maintenance",
    "WordPress, WooCommerce",
    "Keep the shop's WordPress site updated, backed up and loading in under two seconds, "
    "and move it to the new host.",
    30,
    (
        ("Weekly updates and backups", "must", "Backup log every week"),
        ("Move the shop to the new host without downtime", "must", "Under 10 minutes offline"),
        ("Page load under two seconds", "should", "PageSpeed report"),
    ),
    deliverables="Weekly updates and backups\nThe shop moved to the new host",
    success_criteria="No downtime over 10 minutes; pages load under two seconds.",
    acceptance="Backup log and a PageSpeed report each month.",
    timeline="Monthly retainer until the move to the new host is done.",
    budget="600",
    budget_basis="monthly",
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
        report_how="A short note by e-mail: what was done, what is next, any blocker.",
        deliverables=sketch.deliverables,
        success_criteria=sketch.success_criteria,
        acceptance=sketch.acceptance,
        timeline=sketch.timeline,
        budget=Decimal(sketch.budget) if sketch.budget else None,
        budget_basis=sketch.budget_basis,
        status="posted",
    )
    for number, (text, level, measure) in enumerate(sketch.expectations):
        Expectation.create(
            brief=brief, text=text, level=level, measure=measure, position=f"a{number}"
        )
    recount_findings([brief.id])
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


def _report(
    engagement_id: int, day: date, summary: str, state: str = "on_track", **kw: Any
) -> None:
    add_check_in(engagement_id, day, summary=summary, state=state, **kw)


def _feedback(
    engagement_id: int, day: date, deliverable: str, scores: tuple[int, int, int], **kw: Any
) -> None:
    quality, communication, confidence = scores
    add_feedback(
        engagement_id, day, deliverable=deliverable, quality=quality,
        communication=communication, confidence=confidence, **kw,
    )  # fmt: skip


def fill(today: date) -> None:
    def ago(days: int) -> date:
        return today - timedelta(days=days)

    # Going well: weekly reports from Sofia, feedback on every month's batch.
    start = ago(124)
    sofia = _contractor(
        "Sofia Almeida", 21, start, email="sofia.almeida@example.com",
        skills="photo editing, Photoshop, Lightroom, mockups", phone="+351 913 555 020",
        website="https://sofiaalmeida-photo.example.com", location="Porto, Portugal",
        timezone="Europe/Lisbon", rate="25", rate_unit="hour", currency="USD", rating="5",
        notes="Retouches to our print colours; mockups that sell.",
    )  # fmt: skip
    photos = _brief(PHOTOS)
    _link_task(photos, "Product photo editing", 9 * 60)
    engagement = hire(sofia.id, photos.id, start, Decimal("25"), 7, status="active").engagement_id
    for week, day in enumerate(range(120, 4, -7)):
        _report(engagement, ago(day), f"Week {week + 1}: this week's shots edited and uploaded.")
    _report(engagement, ago(5), "Holiday planner shots edited; two need a reshoot.",
            blockers="The gold foil glares in shots 14 and 16: reshoot at an angle?")  # fmt: skip
    for month, (day, scores, good) in enumerate(
        [
            (96, (4, 4, 4), "Clean cut-outs; colours close to the print."),
            (66, (5, 4, 4), "Mockups arrived a day early, with two extra scenes."),
            (36, (5, 5, 5), "Spotted a typo on a cover before it went live."),
            (6, (5, 5, 5), "A whole launch's photos without a single question from me."),
        ],
        start=1,
    ):
        _feedback(engagement, ago(day), f"Month {month} batch", scores, on_time=True, good=good,
                  not_good="" if month > 1 else "A week to learn our colour proof.")  # fmt: skip

    # Confidence lost: Luca started strong, then deadlines slipped.
    luca = _contractor(
        "Luca Romano", 18, ago(103), email="luca@romano.example",
        skills="social media, Pinterest, Canva, Tailwind", website="https://lucaromano.example.it",
        location="Milan, Italy", timezone="Europe/Rome", rate="600", rate_unit="month",
        currency="USD", rating="3", notes="Strong start in the summer; slipping since October.",
    )  # fmt: skip
    pins = _brief(PINTEREST)
    _link_task(pins, "Pinterest pins", 6 * 60)
    engagement = hire(
        luca.id, pins.id, ago(103), Decimal("600"), 14, rate_unit="month", status="active"
    ).engagement_id
    _report(engagement, ago(89), "First fortnight scheduled; saves up 12%.")
    _report(engagement, ago(75), "Scheduled; tried idea pins for the habit tracker.")
    _report(engagement, ago(59), "Behind by twenty pins.", "at_risk",
            blockers="Waiting for the new product photos.")  # fmt: skip
    add_check_in(engagement, ago(45), initiated_by="owner", kind="request",
                 summary="Asked for the missing pins.")  # fmt: skip
    _report(engagement, ago(31), "Pins for the sale went out late; boards untouched.",
            "off_track", initiated_by="owner")  # fmt: skip
    _report(engagement, ago(17), "Says he is overloaded with another client.", "off_track",
            blockers="Nothing scheduled for next week.")  # fmt: skip
    for day, deliverable, scores, on_time, good, not_good in [
        (88, "Launch fortnight", (5, 4, 5), True, "Striking designs, on brand.", ""),
        (60, "Spring collection pins", (4, 4, 4), True, "Good titles.", "Two pins off-brand."),
        (38, "Sale campaign", (4, 3, 3), False, "The carousel pins worked.", "Three days late."),
        (21, "Fortnight report", (3, 2, 2), False, "", "Numbers copied from last time."),
        (6, "Holiday pins", (2, 2, 2), False, "", "Half the pins missing; no warning given."),
    ]:
        _feedback(engagement, ago(day), deliverable, scores, on_time=on_time, good=good,
                  not_good=not_good)  # fmt: skip

    # Micromanaging: weekly was agreed, but the owner checks in every few days.
    nadia = _contractor(
        "Nadia Haddad", 16, ago(34), email="nadia.haddad@example.com",
        skills="Etsy, product listings, SEO, virtual assistant", phone="+961 3 555 014",
        location="Beirut, Lebanon", timezone="Asia/Beirut", rate="15", rate_unit="hour",
        currency="USD", rating="4", notes="Careful with listings; on a paid trial.",
    )  # fmt: skip
    listings = _brief(LISTINGS)
    _link_task(listings, "Etsy listing updates", 5 * 60)
    engagement = hire(nadia.id, listings.id, ago(34), Decimal("15"), 7).engagement_id
    for day in (33, 26, 19, 12, 5):
        _report(engagement, ago(day), "All requested listings updated; keyword sheet applied.")
    for day in (27, 24, 22, 20, 17, 15, 13, 10, 8, 6, 3, 1):
        add_check_in(engagement, ago(day), initiated_by="owner", kind="request",
                     summary="Asked how the listings are going.")  # fmt: skip
    _feedback(
        engagement,
        ago(20),
        "First two weeks of listings",
        (4, 5, 4),
        on_time=True,
        good="Accurate titles, better tags than mine.",
        not_good="Changed one price without asking.",
    )
    _feedback(engagement, ago(6), "Holiday listings", (5, 5, 4), on_time=True,
              good="Forty listings refreshed with the new mockups.")  # fmt: skip

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
