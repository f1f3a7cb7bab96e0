"""Demo: running the engagements, and what Maya did with the hours bought back.

Three of the Engagements demo's stories each put one thing on the Overview:

- Nadia Haddad (Etsy listings, on trial): two onboarding items are open,
  the trial agreement not signed back yet and a walk-through of the refund
  policy Maya added to the list herself.
- Mateusz Zieliński (website, ended two months ago): the WordPress login
  was revoked when he left, the hosting control panel was not: an access
  left open on an ended engagement. His final invoice was in złoty.
- Luca Romano (Pinterest pins): last month's invoice is held back until the
  missing holiday pins arrive, and now overdue.

Sofia and Nadia were paid on the first of this month, so the month's paid
against budget has figures whatever the day. Every older hand-off's
checklist is ticked, each agreement recorded (Nadia's trial statement of
work still unsigned). For the focus figures, Maya logged a month of her
time before the first hire (less growth work then), marks her newsletter
as growth work, has three priorities this week, and keeps her revenue
month by month.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from peewee import chunked

from desktop_app.models.access import grant_access, update_access
from desktop_app.models.agreements import add_agreement
from desktop_app.models.checklists import (
    ChecklistKind,
    add_item,
    checklist_of,
    save_own_template,
    update_item,
)
from desktop_app.models.contractors import Contractor
from desktop_app.models.engagements import Engagement
from desktop_app.models.focus import (
    add_priority,
    priorities_of,
    set_task_growth,
    update_priority,
    week_of,
)
from desktop_app.models.i18n import _
from desktop_app.models.payments import add_payment, set_conversion_rate
from desktop_app.models.results import set_result
from desktop_app.models.rows import tuples
from desktop_app.models.tasks import (
    Task,
    TimeEntry,
    month_start,
    next_month,
    previous_month,
)
from desktop_app.models.text import fold


def _engagement(contractor_name: str) -> Engagement:
    found: Engagement | None = (
        Engagement.select()
        .join(Contractor, on=Engagement.contractor == Contractor.id)
        .where(Contractor.name == contractor_name)
        .order_by(Engagement.id.desc())
        .first()
    )
    assert found is not None, contractor_name  # demo/engagements.py hired them
    return found


def _tick_all(
    engagement: Engagement, kind: str, first_day: date, *, leave: tuple[str, ...] = ()
) -> None:
    """Tick the items a day or two apart from `first_day`, but those named in `leave`."""
    for number, item in enumerate(checklist_of(engagement.id, kind)):
        if item.text not in leave:
            update_item(item.id, {"done_on": first_day + timedelta(days=number // 2)})


def _monthly_payments(
    engagement: Engagement, amounts: list[str], until: date, *, last_paid_on: date | None = None
) -> None:
    """An invoice at the end of each month worked before `until`'s month, paid
    on the 3rd of the next (the latest one on `last_paid_on`); the amounts
    taken in turn."""
    month = month_start(engagement.start_date)
    months = []
    while month < month_start(until):
        months.append(month)
        month = next_month(month)
    for number, month in enumerate(months):
        end = next_month(month) - timedelta(days=1)
        paid = end + timedelta(days=3)
        if number == len(months) - 1 and last_paid_on is not None:
            paid = last_paid_on
        add_payment(
            engagement.id,
            {
                "invoiced_on": end,
                "amount": amounts[number % len(amounts)],
                "period_start": max(month, engagement.start_date),
                "period_end": end,
                "due_on": end + timedelta(days=14),
                "paid_on": paid,
                "reference": f"{fold(engagement.contractor.name)[:3].upper()}-{end:%Y%m}",
            },
            confirmed=True,
        )


def fill(today: date) -> None:
    def ago(days: int) -> date:
        return today - timedelta(days=days)

    this_month = month_start(today)
    sofia, luca = _engagement("Sofia Almeida"), _engagement("Luca Romano")
    nadia, mateusz = _engagement("Nadia Haddad"), _engagement("Mateusz Zieliński")
    if None in (sofia, luca, nadia, mateusz):
        return
    save_own_template(
        "Onboarding a designer",
        ChecklistKind.ONBOARDING,
        "Agreement and NDA signed\nBrand guide and fonts shared\nCanva team invite sent\n"
        "First design reviewed against the brand guide",
    )

    # Sofia: everything in order, paid monthly.
    _tick_all(sofia, ChecklistKind.ONBOARDING, sofia.start_date)
    add_agreement(
        sofia.id,
        {
            "kind": "contract",
            "signed_on": sofia.start_date - timedelta(days=3),
            "notice_days": 14,
            "ip_terms": "Edited photos and mockups belong to Northwind Planners once paid.",
            "payment_terms": "Invoice monthly; paid within 14 days.",
        },
    )
    for name, level in (("Google Drive: product photo folders", "edit"), ("Canva team", "edit")):
        grant_access(
            sofia.id,
            {"name": name, "level": level, "granted_on": sofia.start_date, "granted_by": "Maya"},
        )
    _monthly_payments(
        sofia, ["212.50", "237.50", "225.00", "250.00", "237.50"], today, last_paid_on=this_month
    )

    # Luca: last month's invoice held back, now overdue.
    _tick_all(luca, ChecklistKind.ONBOARDING, luca.start_date)
    add_agreement(
        luca.id,
        {
            "kind": "contract",
            "signed_on": luca.start_date - timedelta(days=2),
            "notice_days": 14,
            "payment_terms": "Invoice monthly; paid within 14 days.",
        },
    )
    for name, level in (("Pinterest business account", "admin"), ("Tailwind scheduler", "edit")):
        grant_access(
            luca.id,
            {"name": name, "level": level, "granted_on": luca.start_date, "granted_by": "Maya"},
        )
    _monthly_payments(luca, ["600"], ago(40))
    add_payment(
        luca.id,
        {
            "invoiced_on": ago(40),
            "amount": "600",
            "period_start": ago(70),
            "period_end": ago(40),
            "due_on": ago(26),
            "reference": "LUC-HOLIDAY",
            "note": "Held back until the missing holiday pins arrive.",
        },
        confirmed=True,
    )

    # Nadia: on trial; two onboarding items open.
    _tick_all(nadia, ChecklistKind.ONBOARDING, nadia.start_date, leave=(_("Agreement signed"),))
    add_item(nadia.id, ChecklistKind.ONBOARDING, "Walk her through the refund policy")
    signed = _("Agreement signed")  # the shipped item, in the app's language
    [agreement] = [i for i in checklist_of(nadia.id, ChecklistKind.ONBOARDING) if i.text == signed]
    update_item(agreement.id, {"note": "Trial statement of work e-mailed; not signed back yet."})
    add_agreement(
        nadia.id,
        {
            "kind": "sow",
            "notice_days": 7,
            "payment_terms": "The trial's hours paid at the end of each month, within 7 days.",
        },
    )
    grant_access(
        nadia.id,
        {
            "name": "Etsy shop manager (listings only)",
            "level": "edit",
            "granted_on": nadia.start_date,
            "granted_by": "Maya",
        },
    )
    add_payment(
        nadia.id,
        {
            "invoiced_on": this_month - timedelta(days=1),
            "amount": "82.50",
            "paid_on": this_month,
            "reference": "Trial: first weeks (5.5 h)",
        },
        confirmed=True,
    )

    # Mateusz: ended; the hosting panel was never revoked.
    end = mateusz.end_date or ago(60)
    _tick_all(mateusz, ChecklistKind.ONBOARDING, mateusz.start_date)
    _tick_all(mateusz, ChecklistKind.OFFBOARDING, end, leave=(_("Access revoked"),))
    add_agreement(
        mateusz.id, {"kind": "contract", "signed_on": mateusz.start_date, "notice_days": 30}
    )
    add_agreement(
        mateusz.id,
        {
            "kind": "nda",
            "signed_on": mateusz.start_date,
            "confidentiality": "Customer and order data never leave the shop's servers.",
        },
    )
    wordpress = grant_access(
        mateusz.id,
        {
            "name": "WordPress admin",
            "level": "admin",
            "granted_on": mateusz.start_date,
            "granted_by": "Maya",
        },
    )
    update_access(wordpress, {"revoked_on": end})
    grant_access(
        mateusz.id,
        {
            "name": "Hosting control panel (SiteGround)",
            "level": "admin",
            "granted_on": mateusz.start_date + timedelta(days=120),
            "granted_by": "Maya",
            "note": "For the move to the new host.",
        },
    )
    _monthly_payments(mateusz, ["600"], end)
    add_payment(
        mateusz.id,
        {
            "invoiced_on": end,
            "amount": "2400",
            "currency": "PLN",
            "paid_on": end + timedelta(days=5),
            "reference": "MAT-FINAL",
            "note": "The migration, invoiced in złoty.",
        },
        confirmed=True,
    )
    set_conversion_rate("PLN", "0.25", "USD")

    _fill_focus(today, mateusz.start_date)


GROWTH_BEFORE = {  # task: minutes a week Maya gave it before she hired anyone
    "Planner design": 150,
    "Strategy and planning": 30,
    "Wholesale and collaborations": 20,
}
OTHER_BEFORE = {
    "Customer support inbox": 300,
    "Website fixes": 120,
    "Social media posts": 150,
    "Pinterest pins": 90,
    "Product photo editing": 180,
}


def _fill_focus(today: date, first_hire: date) -> None:
    """A month of time logged before the first hire, the growth marks, this
    week's priorities and a year of revenue."""
    tasks = dict(tuples(Task.select(Task.name, Task.id)))
    rng = random.Random(first_hire.toordinal())
    rows = []
    for week in range(5, 0, -1):
        monday = week_of(first_hire) - timedelta(weeks=week)
        for name, minutes in {**GROWTH_BEFORE, **OTHER_BEFORE}.items():
            if name in tasks:
                day = monday + timedelta(days=rng.randrange(5))
                rows.append({"task": tasks[name], "date": day, "minutes": minutes})
    for batch in chunked(rows, 200):
        TimeEntry.insert_many(batch).execute()
    if "Newsletter writing" in tasks:
        set_task_growth(tasks["Newsletter writing"], True)

    for text in (
        "Finish the 2027 academic planner layouts",
        "Pitch the wholesale catalogue to three stationery shops",
        "Outline the spring launch",
    ):
        add_priority(today, text)
    update_priority(priorities_of(today)[0].id, {"done_on": today})

    month = month_start(today)
    revenue = [
        "8200",
        "8650",
        "8400",
        "9100",
        "9800",
        "10400",
        "11250",
        "11900",
        "12600",
        "13400",
        "14100",
        "14750",
    ]
    for value in reversed(revenue):
        month = previous_month(month)
        set_result("Revenue", month, Decimal(value))
