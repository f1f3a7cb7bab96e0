"""Demo: twenty candidates for three jobs, bookkeeping, the customer support
inbox and social media, from every source and at every pipeline stage, with
references, portfolios, interviews and the history of how each got where
they are. Interviews link to the briefs of the same jobs when they exist.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from desktop_app.models.contractor_input import parse_contractor
from desktop_app.models.contractors import (
    Contractor,
    Interview,
    PortfolioItem,
    Reference,
    StageChange,
    brief_choices,
    create_contractor,
)

BRIEF_TITLES = {
    "books": "Monthly bookkeeping",
    "support": "Customer support inbox",
    "social": "Social media management",
}
STAGE_PATH = ("prospect", "contacted", "interviewing", "trial", "hired")

# name, job, kind, skills, email, phone, website, location, timezone, rate, unit,
# currency, source, source detail, stage, rating, notes, days since first contact
CONTRACTORS: tuple[tuple[Any, ...], ...] = (
    ("Ana Ferreira", "books", "individual", "bookkeeping, Xero, VAT returns, Shopify payouts",
     "ana.ferreira@example.com", "+351 912 345 678", "https://anaferreira-books.example.com",
     "Lisbon, Portugal", "Europe/Lisbon", "32", "hour", "USD", "upwork", "", "trial", 5,
     "Spotted two miscategorised Stripe fees in the sample month unprompted. Paid trial: "
     "reconcile October.", 40),
    ("Ledgerlight Bookkeeping", "books", "agency", "bookkeeping, QuickBooks, payroll, 1099s",
     "hello@ledgerlight.example.com", "+1 512 555 0143", "https://ledgerlight.example.com",
     "Austin, USA", "America/Chicago", "450", "month", "USD", "niche", "Bookkeeper Directory",
     "interviewing", 4, "Team of four; fixed monthly fee up to 300 transactions.", 30),
    ("Tomasz Nowak", "books", "individual", "bookkeeping, Xero, reconciliations, Excel",
     "tomasz.nowak@example.pl", "+48 601 200 300", "https://www.upwork.com/freelancers/~tnowak",
     "Kraków, Poland", "Europe/Warsaw", "22", "hour", "USD", "upwork", "", "interviewing", 4,
     "Fast and careful; English is good in writing, a little slow on calls.", 25),
    ("Priya Raman", "books", "individual", "bookkeeping, Xero, multi-currency, Wise",
     "priya.raman@example.in", "+91 98450 12345", "", "Bengaluru, India", "Asia/Kolkata",
     "18", "hour", "USD", "referral", "Leo Martins", "contacted", None,
     "Leo says she fixed his messy multi-currency books in a week.", 12),
    ("Carla Jiménez", "books", "individual", "bookkeeping, QuickBooks, sales tax",
     "carla.jimenez@example.es", "+34 611 22 33 44", "https://carlajimenez.example.es",
     "Valencia, Spain", "Europe/Madrid", "35", "hour", "EUR", "freelancer", "", "rejected", 2,
     "Missed the interview twice without notice.", 50),
    ("Ben Okafor", "books", "individual", "bookkeeping, Wave, receipts",
     "ben.okafor@example.ng", "+234 803 555 0101", "", "Lagos, Nigeria", "Africa/Lagos",
     "15", "hour", "USD", "freelancer", "", "prospect", None, "", 3),
    ("Hannah Weiss", "books", "individual", "bookkeeping, Xero, year-end, accountant liaison",
     "hannah@weiss-books.example.de", "+49 30 5555 0199", "https://weiss-books.example.de",
     "Berlin, Germany", "Europe/Berlin", "55", "hour", "EUR", "independent", "",
     "ended", 4, "Did the 2025 catch-up project; ended when it was done.", 160),
    ("Helpdesk Heroes", "support", "agency", "customer support, Gorgias, Shopify, email",
     "team@helpdeskheroes.example.com", "+44 20 7946 0958", "https://helpdeskheroes.example.com",
     "Manchester, UK", "Europe/London", "1200", "month", "USD", "niche", "SupportNinja board",
     "interviewing", 4, "Covers 7 days a week, 24-hour first reply promise.", 21),
    ("Maria Santos", "support", "individual", "customer support, Zendesk, Gorgias, refunds",
     "maria.santos@example.ph", "+63 917 555 0123", "", "Cebu, Philippines", "Asia/Manila",
     "9", "hour", "USD", "upwork", "", "hired", 5,
     "Four months of inbox at 98% satisfaction on the trial.", 120),
    ("Jonas Berg", "support", "individual", "customer support, Help Scout, Swedish, German",
     "jonas.berg@example.se", "+46 70 555 01 02", "https://www.linkedin.com/in/jonasberg-example",
     "Malmö, Sweden", "Europe/Stockholm", "28", "hour", "EUR", "referral", "Sofia Lind",
     "contacted", None, "Sofia's old support lead; could cover European mornings.", 9),
    ("Aisha Khan", "support", "individual", "customer support, email, chat, Shopify",
     "aisha.khan@example.pk", "+92 300 555 0147", "", "Lahore, Pakistan", "Asia/Karachi",
     "8", "hour", "USD", "freelancer", "", "interviewing", 3,
     "Good written English; no weekend availability.", 14),
    ("Diego Alvarez", "support", "individual", "customer support, Spanish, WhatsApp Business",
     "diego.alvarez@example.mx", "+52 55 5555 0134", "", "Mexico City, Mexico",
     "America/Mexico_City", "12", "hour", "USD", "upwork", "", "prospect", None,
     "Bilingual; applied to the posting with a thoughtful cover letter.", 2),
    ("Grace Mwangi", "support", "individual", "customer support, Gorgias, returns, Klaviyo",
     "grace.mwangi@example.ke", "+254 712 555 014", "https://gracemwangi.example.com",
     "Nairobi, Kenya", "Africa/Nairobi", "10", "hour", "USD", "niche", "Remote Support Jobs",
     "trial", 4, "Trial week: handled the holiday returns queue.", 28),
    ("Oliver Grant", "support", "individual", "customer support, phone, Intercom",
     "oliver.grant@example.com", "+1 416 555 0177", "", "Toronto, Canada", "America/Toronto",
     "26", "hour", "CAD", "independent", "", "rejected", 2,
     "Wanted phone support only; our customers write.", 35),
    ("Lena Fischer", "social", "individual", "social media, Instagram, Pinterest, Canva, planners",
     "lena.fischer@example.at", "+43 660 555 0112", "https://lenafischer.example.at",
     "Vienna, Austria", "Europe/Vienna", "900", "month", "EUR", "referral", "Maya's mastermind",
     "interviewing", 5, "Grew a stationery shop's Pinterest to 400k monthly views.", 18),
    ("Pixel & Post Studio", "social", "agency", "social media, content calendar, Reels, Canva",
     "studio@pixelandpost.example.com", "+61 2 5550 1234", "https://pixelandpost.example.com",
     "Sydney, Australia", "Australia/Sydney", "1500", "month", "USD", "niche",
     "Creative Agencies List", "contacted", 3, "Polished but pricey; time zone is awkward.", 10),
    ("Sam Taylor", "social", "individual", "social media, TikTok, Reels, video editing",
     "sam.taylor@example.co.uk", "+44 7700 900123", "https://www.tiktok.com/@samtaylor.example",
     "Bristol, UK", "Europe/London", "40", "hour", "GBP", "upwork", "", "interviewing", 3,
     "Great video instincts; less interested in Pinterest.", 16),
    ("Chloé Martin", "social", "individual", "social media, Instagram, copywriting, French",
     "chloe.martin@example.fr", "+33 6 55 55 01 23", "https://chloemartin.example.fr",
     "Lyon, France", "Europe/Paris", "30", "hour", "EUR", "freelancer", "", "prospect", None,
     "", 4),
    ("Rafael Costa", "social", "individual", "social media, Pinterest, analytics, Tailwind",
     "rafael.costa@example.br", "+55 11 95555 0123", "", "São Paulo, Brazil",
     "America/Sao_Paulo", "20", "hour", "USD", "independent", "", "rejected", 2,
     "Portfolio links were other people's work.", 45),
    ("Yuki Tanaka", "social", "individual", "social media, illustration, Instagram, Canva",
     "yuki.tanaka@example.jp", "+81 90 5555 0123", "https://yukitanaka.example.jp",
     "Osaka, Japan", "Asia/Tokyo", "25", "hour", "USD", "referral", "Ana Ferreira",
     "prospect", None, "Ana's recommendation; draws the kind of flat-lay art we like.", 1),
)  # fmt: skip

REFERENCES: dict[str, tuple[tuple[str, str, str, str, bool], ...]] = {
    "Ana Ferreira": (
        ("Rui Almeida, Casa Ceramics", "client", "rui@casaceramics.example.com",
         "Three years of monthly books, always closed by the 5th.", True),
        ("Inês Moura", "colleague", "+351 913 000 111",
         "The person I send my overflow to.", True),
    ),
    "Ledgerlight Bookkeeping": (
        ("Dana Price, Trailhead Candles", "client", "dana@trailhead.example.com",
         "Responsive; one hand-off hiccup when a bookkeeper left.", True),
        ("Marcus Lee", "client", "marcus@example.com", "", False),
    ),
    "Tomasz Nowak": (
        ("Kasia Zielinska, PrintPop", "client", "Upwork review",
         "Cleaned up 18 months of Xero in three weeks.", True),
    ),
    "Priya Raman": (("Leo Martins", "colleague", "leo@example.com",
                     "Fixed my multi-currency mess in a week.", False),),
    "Helpdesk Heroes": (
        ("Jess Moore, Bloom Tea", "client", "jess@bloomtea.example.com",
         "Replies within hours, even on Sundays. Templates needed tuning at first.", True),
    ),
    "Maria Santos": (
        ("Ruth Adams, Paper & Pine", "client", "ruth@paperpine.example.com",
         "Customers asked for her by name.", True),
        ("Kevin Chu", "client", "Upwork review", "Calm with angry customers.", True),
    ),
    "Grace Mwangi": (("Nia Otieno, KenyaCrafts", "client", "nia@example.ke",
                      "Organised returns process we still use.", True),),
    "Aisha Khan": (("Omar Siddiqui", "other", "omar@example.pk", "", False),),
    "Lena Fischer": (
        ("Greta Huber, Papeterie Huber", "client", "greta@example.at",
         "Pinterest from 20k to 400k monthly views in a year.", True),
        ("Maya's mastermind", "colleague", "group chat", "Three members recommend her.", False),
    ),
    "Sam Taylor": (("Ellie Brooks, Brooks Bakes", "client", "ellie@example.co.uk",
                    "Our TikTok finally looks like us.", False),),
    "Pixel & Post Studio": (("Hugo Reid", "client", "hugo@example.com.au",
                             "Beautiful work; slow to change course.", True),),
}  # fmt: skip

PORTFOLIO: dict[str, tuple[tuple[str, str, str], ...]] = {
    "Ana Ferreira": (("Month-end close checklist", "https://anaferreira-books.example.com/"
                      "checklist", "The checklist she works from."),),
    "Ledgerlight Bookkeeping": (("Sample monthly report",
                                 "https://ledgerlight.example.com/sample-report", ""),),
    "Helpdesk Heroes": (("Case study: Bloom Tea",
                         "https://helpdeskheroes.example.com/case-studies/bloom-tea",
                         "First-reply time from 30 h to 4 h."),),
    "Maria Santos": (("Macro library she wrote", "https://docs.example.com/maria-macros", ""),),
    "Grace Mwangi": (("Returns workflow write-up", "https://gracemwangi.example.com/returns",
                      ""),),
    "Lena Fischer": (
        ("Papeterie Huber Pinterest", "https://www.pinterest.com/papeteriehuber-example", ""),
        ("Content calendar sample", "https://lenafischer.example.at/calendar-sample", ""),
    ),
    "Pixel & Post Studio": (("Reels reel", "https://pixelandpost.example.com/reels", ""),),
    "Sam Taylor": (("TikTok for Brooks Bakes", "https://www.tiktok.com/@brooksbakes.example",
                    ""),),
    "Yuki Tanaka": (("Illustration portfolio", "https://yukitanaka.example.jp/work", ""),),
    "Rafael Costa": (("Pinterest growth case", "https://example.com/not-his-work",
                      "Turned out to be another agency's case study."),),
}  # fmt: skip

# name -> interviews: (days ago, hour, medium, held, scores c/e/r/f, decision, notes)
INTERVIEWS: dict[str, tuple[tuple[Any, ...], ...]] = {
    "Ana Ferreira": (
        (30, 10, "video", True, (5, 5, 4, 5), "advance",
         "Walked me through her month-end checklist; asked sharp questions about Etsy payouts."),
        (20, 15, "video", True, (5, 5, 5, 5), "hire", "Trial agreed: October reconciliation."),
    ),
    "Ledgerlight Bookkeeping": (
        (9, 16, "video", True, (4, 5, 4, 3), "advance",
         "Very process-driven; a bit corporate for a small shop."),
    ),
    "Tomasz Nowak": (
        (8, 9, "video", True, (3, 5, 4, 4), "advance",
         "Knows Xero inside out. Call was a bit slow."),
        (-2, 9, "phone", False, (None, None, None, None), "", "Second call: walk-through of a "
         "sample reconciliation."),
    ),
    "Carla Jiménez": ((45, 11, "video", True, (2, 3, 1, 2), "reject",
                       "Arrived 25 minutes late; the reschedule was missed entirely."),),
    "Hannah Weiss": ((150, 14, "in_person", True, (4, 5, 5, 4), "hire",
                      "Met at the co-working space; clear plan for the catch-up."),),
    "Helpdesk Heroes": (
        (12, 14, "video", True, (5, 4, 4, 3), "advance",
         "Good coverage. Want us to use their templates rather than ours."),
    ),
    "Maria Santos": (
        (115, 8, "video", True, (5, 4, 5, 5), "hire", "Warm, precise writing; tested with three "
         "tricky tickets and nailed them."),
    ),
    "Aisha Khan": ((6, 7, "chat", True, (4, 3, 3, 4), "hold",
                    "Strong written answers; no weekends is a problem for the holidays."),),
    "Grace Mwangi": (
        (24, 10, "video", True, (4, 4, 5, 4), "advance", "Structured, asks about our returns "
         "policy before anything else."),
    ),
    "Oliver Grant": ((30, 18, "phone", True, (3, 3, 3, 2), "reject",
                      "Prefers phone support; not our channel."),),
    "Lena Fischer": (
        (10, 11, "video", True, (5, 5, 4, 5), "advance",
         "Brought a mock-up calendar for our spring planner launch."),
        (-3, 9, "video", False, (None, None, None, None), "",
         "Paid test: one week of Pinterest pins."),
    ),
    "Sam Taylor": ((7, 13, "video", True, (4, 4, 3, 3), "hold",
                    "Great video ideas; would need someone else for Pinterest."),),
    "Pixel & Post Studio": ((5, 8, "video", True, (4, 4, 4, 3), "",
                             "Quote is 1500/month; wants a 6-month contract."),),
    "Rafael Costa": ((40, 15, "video", True, (3, 2, 1, 2), "reject",
                      "Could not explain the case study in his portfolio."),),
}  # fmt: skip

STAGE_REASONS = {
    "contacted": "Sent a short intro and the job outline.",
    "interviewing": "Replied well; booked a call.",
    "trial": "Interview went well; offered a paid trial.",
    "hired": "Trial went well.",
    "rejected": "Not the right fit (see notes).",
    "ended": "Project finished.",
}


def fill(today: date) -> None:
    briefs = {title: brief_id for brief_id, title in brief_choices()}
    brief_for = {job: briefs.get(title) for job, title in BRIEF_TITLES.items()}
    start_of_today = datetime.combine(today, time(9, 0))
    for entry in CONTRACTORS:
        (name, job, kind, skills, email, phone, website, location, timezone, rate, unit,
         currency, source, detail, stage, rating, notes, days) = entry  # fmt: skip
        first = start_of_today - timedelta(days=days)
        values = parse_contractor(
            {
                "name": name, "kind": kind, "skills": skills, "email": email, "phone": phone,
                "website": website, "location": location, "timezone": timezone,
                "rate": rate, "rate_unit": unit, "currency": currency, "source": source,
                "source_detail": detail, "stage": "prospect",
                "rating": "" if rating is None else str(rating), "notes": notes,
            }
        )  # fmt: skip
        cid = create_contractor(values, reason=_found_reason(source, detail), at=first)
        _walk_pipeline(cid, stage, first, start_of_today)
        for ref_name, relation, contact, said, checked in REFERENCES.get(name, ()):
            Reference.create(contractor=cid, name=ref_name, relation=relation, contact=contact,
                             said=said, checked=checked, created_at=first)  # fmt: skip
        for title, url, item_notes in PORTFOLIO.get(name, ()):
            PortfolioItem.create(contractor=cid, title=title, url=url, notes=item_notes,
                                 created_at=first)  # fmt: skip
        last_contact = first
        for ago, hour, medium, held, scores, decision, text in INTERVIEWS.get(name, ()):
            held_at = datetime.combine(today - timedelta(days=ago), time(hour, 0))
            communication, expertise, reliability, fit = scores
            Interview.create(
                contractor=cid, brief=brief_for[job], held_at=held_at, held=held,
                medium=medium, notes=text, communication=communication, expertise=expertise,
                reliability=reliability, fit=fit, decision=decision,
            )  # fmt: skip
            if held:
                last_contact = max(last_contact, held_at)
        Contractor.update(last_contact=last_contact).where(Contractor.id == cid).execute()


def _found_reason(source: str, detail: str) -> str:
    where = {
        "upwork": "Found on Upwork",
        "freelancer": "Found on Freelancer",
        "niche": f"Found on {detail}",
        "independent": "Found through my own search",
        "referral": f"Referred by {detail}",
    }
    return where[source]


def _walk_pipeline(cid: int, stage: str, first: datetime, now: datetime) -> None:
    """Record the moves that brought the contractor to `stage`, spread over time."""
    if stage in STAGE_PATH:
        path = list(STAGE_PATH[1 : STAGE_PATH.index(stage) + 1])
    elif stage == "rejected":
        path = ["contacted", "interviewing", "rejected"]
    else:  # ended
        path = ["contacted", "interviewing", "hired", "ended"]
    previous = "prospect"
    span = max((now - first).total_seconds(), 3600)
    for step, target in enumerate(path, start=1):
        at = first + timedelta(seconds=span * step / (len(path) + 1))
        StageChange.create(
            contractor=cid,
            from_stage=previous,
            to_stage=target,
            changed_at=at.replace(microsecond=0),
            reason=STAGE_REASONS[target],
        )
        previous = target
    Contractor.update(stage=stage).where(Contractor.id == cid).execute()
