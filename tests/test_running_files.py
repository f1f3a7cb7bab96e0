"""Running engagements' files: the statement of work read back, the access and
payments CSVs read back (window functions and subcommands), and the demo
Overview the issue's "Done means" describes."""

import csv
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader

from desktop_app.demo import fill_demo_data
from desktop_app.exporters.running_csv import (
    ACCESS_HEADERS,
    PAYMENT_HEADERS,
    export_access_csv,
    export_payments_csv,
)
from desktop_app.models.access import grant_access
from desktop_app.models.agreements import add_agreement
from desktop_app.models.engagements import create_engagement
from desktop_app.models.overview import load_overview
from desktop_app.models.payments import add_payment
from desktop_app.pdf.sow import export_sow
from tests.conftest import run_offload
from tests.engagement_helpers import brief, contractor, expectations

TODAY = date(2026, 12, 3)


def _pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _engagement():
    brief_id = brief(
        "Etsy listing updates",
        summary="Keep our Etsy listings current.",
        in_scope="Titles and tags\nNew mockups",
        out_of_scope="Pricing decisions",
        deliverables="Updated listings\nA weekly note of the changes",
        acceptance="I spot-check five listings a week.",
        success_criteria="Every request done within two working days",
        revision_rounds=1,
        deadline=date(2027, 1, 31),
        report_every_days=7,
        report_how="A short note on Fridays.",
    )
    expectations(
        brief_id,
        ("Titles and tags from the keyword sheet only", "must", "Spot check of five a week"),
        ("Flag listings with falling views", "should", ""),
    )
    return create_engagement(
        brief_id, contractor("نادية حداد"), date(2026, 10, 28), rate="15", status="trial"
    ).id


def test_the_statement_of_work_pdf_reads_back(store, tmp_path):
    engagement_id = _engagement()
    add_agreement(
        engagement_id,
        {
            "kind": "sow",
            "notice_days": 7,
            "payment_terms": "Paid within 7 days",
            "confidentiality": "No customer data leaves Etsy",
            "ip_terms": "Listings are ours",
        },
    )
    out = tmp_path / "sow.pdf"
    result = export_sow(engagement_id, out, TODAY)
    assert result.pages >= 1
    text = _pdftotext(out)
    flat = " ".join(text.split())
    for expected in (
        "Statement of work",
        "Etsy listing updates",
        "Keep our Etsy listings current.",
        "In scope",
        "Titles and tags",
        "Out of scope",
        "Pricing decisions",
        "A weekly note of the changes",
        "1. Titles and tags from the keyword sheet only [Must have]",
        "Measured by: Spot check of five a week",
        "I spot-check five listings a week.",
        "1 revision round included.",
        "Deadline: Jan 31, 2027",
        "$15 per hour",
        "Paid within 7 days",
        "1 week written notice by either side",
        "No customer data leaves Etsy",
        "Listings are ours",
        "Terms from the statement of work (not signed yet)",
        "Signature",
    ):
        assert expected in flat, expected
    # The order of a statement of work: scope, deliverables, ..., terms, signatures.
    position = flat.index("Between the client")
    for heading in (
        "Scope",
        "Deliverables",
        "Expectations, in priority order",
        "Acceptance",
        "Timeline and reporting",
        "Terms Rate",
        "Signed",
    ):
        position = flat.index(heading, position)
    # The contractor's Arabic name is text, not boxes: pypdf reads it back too.
    reader = PdfReader(out)
    assert reader.metadata.title == "Statement of work: Etsy listing updates"
    assert "حداد" in "".join(page.extract_text() for page in reader.pages)


def test_the_access_and_payments_csv_read_back(store, tmp_path):
    engagement_id = _engagement()
    grant_access(
        engagement_id,
        {
            "name": "=Etsy shop manager",
            "level": "edit",
            "granted_on": date(2026, 10, 28),
            "granted_by": "Maya",
        },
    )
    add_payment(
        engagement_id,
        {
            "invoiced_on": date(2026, 11, 30),
            "amount": "82,50",
            "paid_on": date(2026, 12, 1),
            "reference": "INV-7",
        },
    )
    add_payment(
        engagement_id,
        {
            "invoiced_on": date(2026, 10, 31),
            "amount": "40",
            "currency": "EUR",
            "due_on": date(2026, 11, 14),
        },
    )

    assert export_access_csv(tmp_path / "access.csv") == 1
    with (tmp_path / "access.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == list(ACCESS_HEADERS)
    assert rows[1] == [
        "نادية حداد",
        "Etsy listing updates",
        "Trial",
        "'=Etsy shop manager",
        "Edit",
        "2026-10-28",
        "Maya",
        "",
        "Yes",
        "",
    ]

    assert export_payments_csv(tmp_path / "payments.csv", TODAY) == 2
    with (tmp_path / "payments.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert list(rows[0]) == list(PAYMENT_HEADERS)
    assert [(r["Amount"], r["Currency"], r["State"], r["Paid on"]) for r in rows] == [
        ("82.50", "USD", "Paid", "2026-12-01"),
        ("40.00", "EUR", "Overdue", ""),
    ]
    assert export_payments_csv(tmp_path / "dec.csv", TODAY, date(2026, 12, 1)) == 1


def test_the_export_subcommands(store, tmp_path):
    engagement_id = _engagement()
    grant_access(engagement_id, {"name": "Etsy", "granted_on": date(2026, 10, 28)})
    add_payment(
        engagement_id,
        {"invoiced_on": date(2026, 11, 30), "amount": "82.50", "paid_on": date(2026, 12, 1)},
    )
    add_payment(
        engagement_id,
        {"invoiced_on": date(2026, 10, 31), "amount": "60", "paid_on": date(2026, 11, 2)},
    )
    store.close()
    db = str(store.path)
    out = tmp_path / "access.csv"
    result = run_offload("export-access", "--db", db, str(out))
    assert result.returncode == 0, result.stderr
    assert "Wrote 1 access record(s)" in result.stdout
    assert "Etsy" in out.read_text(encoding="utf-8-sig")

    again = run_offload("export-access", "--db", db, str(out))
    assert again.returncode == 1 and "already exists. Add --force" in again.stderr
    assert run_offload("export-access", "--db", db, str(out), "--force").returncode == 0
    # Never over a database, whatever the flags.
    refused = run_offload("export-access", "--db", db, db, "--force")
    assert refused.returncode == 1 and "database" in refused.stderr

    payments = tmp_path / "payments.csv"
    result = run_offload("export-payments", "--db", db, str(payments), "--month", "2026-11")
    assert result.returncode == 0, result.stderr
    assert "of November 2026" in result.stdout
    with payments.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [(r["Amount"], r["Paid on"]) for r in rows] == [("60.00", "2026-11-02")]
    bad = run_offload("export-payments", "--db", db, str(tmp_path / "x.csv"), "--month", "Nov")
    assert bad.returncode == 1 and "write it as YYYY-MM" in bad.stderr


def test_the_demo_overview_shows_what_running_engagements_ask_of_the_owner(store):
    today = date(2026, 12, 1)
    fill_demo_data(today)
    overview = load_overview(today)
    onboarding = [c for c in overview.checklists if c.kind == "onboarding"]
    assert [(c.contractor_name, c.open_items) for c in onboarding] == [
        ("Nadia Haddad", ("Agreement signed", "Walk her through the refund policy"))
    ]
    [left] = overview.access_left_open
    assert (left.contractor_name, left.names) == (
        "Mateusz Zieliński",
        ("Hosting control panel (SiteGround)",),
    )
    [overdue] = overview.overdue
    assert (overdue.contractor_name, overdue.amount) == ("Luca Romano", Decimal("600.00"))
    month = overview.spend
    assert month.budget_lines() == [("USD", Decimal("320.00"), Decimal("913.50"))]
    assert month.estimated == {"USD": Decimal("600.00")}  # Luca: nothing paid this month
    focus = overview.focus
    assert focus.before_first_hire.weeks == 5 and focus.before_first_hire.hours == Decimal("3.3")
    assert focus.this_week_minutes > 0
    assert len(focus.priorities) == 3
