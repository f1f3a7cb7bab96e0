"""The brief PDF: every field, the order, any script, literal markup, page numbers."""

import os
import re
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from desktop_app.models.briefs import (
    BriefData,
    ExpectationData,
    create_brief,
    expectations_of,
    move_expectation,
    versions_of,
)
from desktop_app.models.errors import UserError
from desktop_app.models.formats import use_locale
from desktop_app.models.settings import Settings, save_settings
from desktop_app.pdf.brief import export_brief, write_brief_pdf
from tests.conftest import run_offload


def _pages(path):
    return [page.extract_text() for page in PdfReader(path).pages]


def _flat(text):
    return " ".join(text.split())


FULL = BriefData(
    title="Café <Ünïcode> & Co bookkeeping",
    summary="We sell planners. Ζωή and Привет & <b>not bold</b> > 3.",
    deliverables="Profit and loss statement, PDF\nBalance sheet, PDF",
    in_scope="Categorising transactions",
    out_of_scope="Filing tax returns",
    success_criteria="Books closed by the 10th",
    acceptance="Owner replies accepted",
    revision_rounds=2,
    deadline=date(2027, 1, 15),
    timeline="Week 1: access set up",
    budget=Decimal("1234.50"),
    currency="EUR",
    budget_basis="monthly",
    report_every_days=7,
    report_how="Month-end note by email",
    delegation_level=4,
    decide_alone="Categories under 500",
    ask_first="New accounts in the chart",
    contact="maya@example.com",
    working_hours="Mon–Fri 9–17 CET",
    skills="Xero, reconciliation",
    expectations=[
        ExpectationData("First: reconcile every account", "must", "Difference 0.00"),
        ExpectationData("Second: answer in 2 days", "should", "Reply times"),
        ExpectationData("Third: suggest savings", "nice", ""),
    ],
)
SETTINGS = Settings(owner_name="Zoë Ναυσικά", business_name="Northwind <Planners> & Co")


def test_every_field_prints_literally_in_any_script(tmp_path):
    result = write_brief_pdf(
        FULL, tmp_path / "brief.pdf", settings=SETTINGS, exported_on=date(2026, 11, 20)
    )
    text = _flat("\n".join(_pages(result.path)))
    for expected in [
        "Café <Ünïcode> & Co bookkeeping",
        "Ζωή and Привет & <b>not bold</b> > 3.",
        "Profit and loss statement, PDF",
        "Balance sheet, PDF",
        "Categorising transactions",
        "Filing tax returns",
        "Books closed by the 10th",
        "Owner replies accepted",
        "2 rounds",
        "January 15, 2027",
        "Week 1: access set up",
        "€1,234.50 per month",
        "every 7 days",
        "Month-end note by email",
        "Decide and tell me afterwards",
        "Categories under 500",
        "New accounts in the chart",
        "maya@example.com",
        "Mon–Fri 9–17 CET",
        "Xero, reconciliation",
        "Zoë Ναυσικά",
        "Northwind <Planners> & Co",
    ]:
        assert expected in text, expected


def test_expectations_print_in_order_with_their_level_and_measure(tmp_path):
    result = write_brief_pdf(FULL, tmp_path / "brief.pdf", settings=SETTINGS)
    text = _flat("\n".join(_pages(result.path)))
    found = re.findall(r"(\d+)\. (MUST|SHOULD|NICE) (First|Second|Third)", text)
    assert found == [("1", "MUST", "First"), ("2", "SHOULD", "Second"), ("3", "NICE", "Third")]
    assert "Measured by: Difference 0.00" in text
    assert "Measured by: Reply times" in text


def test_every_page_has_its_number_and_the_count(tmp_path):
    result = write_brief_pdf(FULL, tmp_path / "brief.pdf", settings=SETTINGS)
    pages = _pages(result.path)
    assert result.pages == len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page


@pytest.mark.parametrize(("size", "width"), [("a4", 595), ("letter", 612)])
def test_the_paper_follows_the_setting(tmp_path, size, width):
    settings = Settings(page_size=size)
    result = write_brief_pdf(FULL, tmp_path / "brief.pdf", settings=settings)
    assert round(float(PdfReader(result.path).pages[0].mediabox.width)) == width


def test_a_long_brief_spans_pages_and_never_splits_an_expectation(tmp_path):
    filler = "reconcile the accounts and report what is missing with the receipts attached "
    expectations = [
        ExpectationData(
            f"X{n:03d}START {filler * (1 + n % 12)} X{n:03d}END",
            ("must", "should", "nice")[n % 3],
            f"Measure {filler * (n % 4)} M{n:03d}END",
        )
        for n in range(200)
    ]
    data = BriefData(title="A long brief", summary="Long. " * 600, expectations=expectations)
    result = write_brief_pdf(data, tmp_path / "long.pdf", settings=SETTINGS)
    pages = [_flat(page) for page in _pages(result.path)]
    assert len(pages) > 10
    for number in range(200):
        start, end, measure = f"X{number:03d}START", f"X{number:03d}END", f"M{number:03d}END"
        holding = [i for i, page in enumerate(pages) if start in page]
        assert len(holding) == 1, number
        page = pages[holding[0]]
        assert end in page and measure in page, f"expectation {number + 1} was split"
    # And still in order, across pages.
    text = " ".join(pages)
    positions = [text.index(f"X{number:03d}START") for number in range(200)]
    assert positions == sorted(positions)
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]


def test_export_keeps_a_version_and_an_unwritable_folder_changes_nothing(store, tmp_path):
    brief_id = create_brief(FULL)
    result = export_brief(brief_id, tmp_path / "brief.pdf")
    assert result.pages >= 1
    [version] = versions_of(brief_id)
    assert version.exported_to == str(tmp_path / "brief.pdf")
    assert version.data.title == FULL.title

    if os.geteuid() == 0:
        target = tmp_path / "missing" / "brief.pdf"  # root writes anywhere
    else:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        target = locked / "brief.pdf"
    with pytest.raises(UserError):
        export_brief(brief_id, target)
    assert not target.exists()
    assert len(versions_of(brief_id)) == 1


def test_command_line_exports_by_id_and_by_title(store, tmp_path):
    save_settings(Settings(business_name="Northwind Planners"))
    brief_id = create_brief(FULL)
    rows = expectations_of(brief_id)
    move_expectation(rows[2].id, 0)
    other_id = create_brief(BriefData(title="Customer support inbox"))
    store.close()

    by_id = run_offload(
        "export-brief", "--db", str(store.path), str(brief_id), str(tmp_path / "a.pdf")
    )
    assert by_id.returncode == 0, by_id.stderr
    assert "Exported “Café <Ünïcode> & Co bookkeeping”" in by_id.stdout
    text = _flat("\n".join(_pages(tmp_path / "a.pdf")))
    assert text.index("Third: suggest") < text.index("First: reconcile")

    by_title = run_offload(
        "export-brief", "customer SUPPORT inbox", str(tmp_path / "b.pdf"), "--db", str(store.path)
    )
    assert by_title.returncode == 0, by_title.stderr
    assert "Customer support inbox" in _flat(_pages(tmp_path / "b.pdf")[0])

    from desktop_app.store import open_store

    reopened = open_store(store.path)
    try:
        assert len(versions_of(brief_id)) == 1
        assert len(versions_of(other_id)) == 1
    finally:
        reopened.close()


def test_command_line_refuses_unknown_and_ambiguous_briefs(store, tmp_path):
    create_brief(BriefData(title="Twin"))
    create_brief(BriefData(title="twin"))
    store.close()
    unknown = run_offload("export-brief", "--db", str(store.path), "Nope", str(tmp_path / "x.pdf"))
    assert unknown.returncode == 1
    assert "No brief has the id or the title “Nope”" in unknown.stderr
    twins = run_offload("export-brief", "--db", str(store.path), "TWIN", str(tmp_path / "x.pdf"))
    assert twins.returncode == 1
    assert "ids 1, 2" in twins.stderr
    assert not (tmp_path / "x.pdf").exists()
    assert len(twins.stderr.strip().splitlines()) == 1


def test_the_brief_pdf_writes_dates_and_money_in_the_owner_s_formats(tmp_path):
    use_locale("de_DE")
    result = write_brief_pdf(
        FULL, tmp_path / "brief.pdf", settings=SETTINGS, exported_on=date(2026, 11, 20)
    )
    text = _flat("\n".join(_pages(result.path))).replace("\u00a0", " ")
    assert "20. November 2026" in text
    assert "15. Januar 2027" in text
    assert "Freitag, 15. Januar 2027" in text
    assert "1.234,50 € per month" in text
