"""A bench of many believable contractors, for benchmarks and for looking at
the Contractors tab under load.

    python -m tools.generate_contractors --db /tmp/big.sqlite3 --count 2000

Each contractor gets a stage history, and most get references, portfolio
links and interviews with scores, like a bench kept for a long time. The
rows go in with bulk inserts in one transaction, so 2,000 take a second or two.
"""

from __future__ import annotations

import argparse
import random
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from desktop_app.models.base import database
from desktop_app.models.contractor_input import MEDIUMS, RATE_UNITS, SOURCES, STAGES
from desktop_app.models.contractors import (
    Contractor,
    Interview,
    PortfolioItem,
    Reference,
    StageChange,
)

FIRST = (
    "Ana",
    "Tomasz",
    "Priya",
    "Ben",
    "Maria",
    "Jonas",
    "Aisha",
    "Diego",
    "Grace",
    "Lena",
    "Sam",
    "Chloé",
    "Rafael",
    "Yuki",
    "Hannah",
    "Oliver",
    "Zoë",
    "Nikolai",
    "Fatima",
    "Kofi",
)
LAST = (
    "Ferreira",
    "Nowak",
    "Raman",
    "Okafor",
    "Santos",
    "Berg",
    "Khan",
    "Alvarez",
    "Mwangi",
    "Fischer",
    "Taylor",
    "Martin",
    "Costa",
    "Tanaka",
    "Weiss",
    "Grant",
    "Ivanova",
    "Diallo",
)
SKILLS = (
    "bookkeeping",
    "Xero",
    "QuickBooks",
    "VAT returns",
    "customer support",
    "Gorgias",
    "Zendesk",
    "social media",
    "Instagram",
    "Pinterest",
    "TikTok",
    "Canva",
    "copywriting",
    "SEO",
    "Shopify",
    "email marketing",
    "Klaviyo",
    "video editing",
    "WordPress",
    "Excel",
)
NICHES = ("Bookkeeper Directory", "SupportNinja board", "Creative Agencies List", "Codeable")
NOTES = (
    "Quick to reply.",
    "Strong portfolio.",
    "Asked good questions about the brief.",
    "Rate is negotiable for a long engagement.",
    "Prefers async communication.",
    "",
)


def generate(count: int, seed: int = 5, today: datetime | None = None) -> None:
    """Add `count` contractors (with their rows) to the bound database."""
    rng = random.Random(seed)
    today = today or datetime.now().replace(microsecond=0)
    with database.atomic():
        start = (Contractor.select(Contractor.id).order_by(Contractor.id.desc()).scalar() or 0) + 1
        contractors, changes, references, portfolio, interviews = [], [], [], [], []
        for number in range(count):
            cid = start + number
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {number:04d}"
            first = today - timedelta(days=rng.randint(1, 400))
            stage = rng.choice(STAGES)
            source = rng.choice(SOURCES)
            detail = {"niche": rng.choice(NICHES), "referral": rng.choice(FIRST)}.get(source, "")
            contractors.append({
                "id": cid, "name": name, "kind": "agency" if number % 9 == 0 else "individual",
                "skills": ", ".join(rng.sample(SKILLS, 3)),
                "email": f"contractor{cid}@example.com", "phone": f"+44 20 7946 {cid:04d}",
                "website": f"https://portfolio.example.com/c{cid}", "location": "Remote",
                "timezone": "Europe/London", "rate": Decimal(rng.randint(8, 90)),
                "rate_unit": rng.choice(RATE_UNITS), "currency": rng.choice(("USD", "EUR", "GBP")),
                "source": source, "source_detail": detail, "stage": stage,
                "rating": rng.choice((None, 2, 3, 4, 5)), "notes": rng.choice(NOTES),
                "last_contact": first + timedelta(days=rng.randint(0, 30)),
                "created_at": first, "updated_at": first,
            })  # fmt: skip
            changes.append({"contractor": cid, "from_stage": None, "to_stage": "prospect",
                            "changed_at": first, "reason": "Added to the bench"})  # fmt: skip
            if stage != "prospect":
                changes.append({"contractor": cid, "from_stage": "prospect", "to_stage": stage,
                                "changed_at": first + timedelta(days=3), "reason": ""})  # fmt: skip
            for ref in range(rng.randint(0, 3)):
                references.append({"contractor": cid, "name": f"Client {ref + 1}",
                                   "relation": "client", "contact": "", "said": "Recommended.",
                                   "checked": rng.random() < 0.5, "created_at": first})  # fmt: skip
            for item in range(rng.randint(0, 2)):
                portfolio.append({"contractor": cid, "title": f"Work sample {item + 1}",
                                  "url": f"https://portfolio.example.com/c{cid}/{item}",
                                  "notes": "", "created_at": first})  # fmt: skip
            for _ in range(rng.randint(0, 2)):
                interviews.append({
                    "contractor": cid, "brief": None, "held": True,
                    "held_at": first + timedelta(days=rng.randint(1, 20)),
                    "medium": rng.choice(MEDIUMS), "notes": rng.choice(NOTES),
                    "communication": rng.randint(1, 5), "expertise": rng.randint(1, 5),
                    "reliability": rng.randint(1, 5), "fit": rng.randint(1, 5),
                    "decision": rng.choice(("", "advance", "hold", "reject")),
                })  # fmt: skip
        for model, rows in ((Contractor, contractors), (StageChange, changes),
                            (Reference, references), (PortfolioItem, portfolio),
                            (Interview, interviews)):  # fmt: skip
            for batch in range(0, len(rows), 500):
                model.insert_many(rows[batch : batch + 500]).execute()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="the database to fill")
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--demo", action="store_true", help="add the demo data first")
    args = parser.parse_args()
    from desktop_app.store import open_store

    store = open_store(args.db)
    try:
        if args.demo:
            from desktop_app.demo import fill_demo_data

            fill_demo_data()
        generate(args.count)
    finally:
        store.close()
    print(f"Added {args.count} contractors to {store.path}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
