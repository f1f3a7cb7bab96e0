"""The brief, the engagement review and the contractor comparison print the same
way from their tabs: the exported PDF itself, through CUPS, read back from the
virtual PDF printer."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from desktop_app.models.briefs import versions_of
from tests.cups_printers import A4_PRINTER, REFUSING_PRINTER, needs_cups, pdf_text, printed_pdf
from tests.test_print_window import _print, _refusal

pytestmark = [needs_cups, pytest.mark.usefixtures("cups_printers")]


@pytest.fixture
def demo_window(window, qtbot):
    from desktop_app.demo import fill_demo_data

    fill_demo_data()
    return window


def _printed(qtbot, preview, exported, **choices):
    """Print the preview as `choices` say; the printed PDF, checked against the export."""
    with qtbot.waitSignal(preview.accepted):
        _print(qtbot, preview, printer=A4_PRINTER, **choices)
    job = re.search(r"as job (\S+):", preview.outcome).group(1)
    return printed_pdf(job), PdfReader(exported)


def _printed_versions(brief_id):
    return [version.exported_to for version in versions_of(brief_id)].count("Printed")


def _words(text):
    """The words, sorted (a table's cells read back in another order), as far as
    text behind cups-pdf's Ghostscript can be read back: it keeps the glyphs (they
    print) but loses "é" or "·" for a text extractor, so ASCII letters and digits."""
    return sorted(re.findall(r"[A-Za-z0-9]+", text))


def test_a_brief_prints_as_exported_and_keeps_a_version(demo_window, qtbot, tmp_path):
    page = demo_window.show_tab("briefs").page()
    brief_id = page.current_brief_id
    before = _printed_versions(brief_id)
    exported = page.export_to(tmp_path / "brief.pdf") and tmp_path / "brief.pdf"
    preview = page.print_brief()
    qtbot.waitExposed(preview)
    printed, source = _printed(qtbot, preview, exported)
    assert len(PdfReader(printed).pages) == len(source.pages)
    assert _words(pdf_text(printed)) == _words(pdf_text(exported))  # vector text, every word
    assert _printed_versions(brief_id) == before + 1
    printed.unlink()


def test_a_brief_a_printer_refuses_keeps_no_version(demo_window, qtbot):
    page = demo_window.show_tab("briefs").page()
    brief_id = page.current_brief_id
    before = _printed_versions(brief_id)
    preview = page.print_brief()
    qtbot.waitExposed(preview)
    _print(qtbot, preview, printer=REFUSING_PRINTER)
    box = _refusal(qtbot, preview)
    assert "is not accepting jobs (Tray removed)" in box.text()
    assert _printed_versions(brief_id) == before
    box.accept()
    preview.reject()


def test_the_engagement_review_prints_as_exported(demo_window, qtbot, tmp_path):
    page = demo_window.show_tab("engagements").page()
    page.smoke_test()  # selects the first open engagement
    exported = page.export_review(tmp_path / "review.pdf")
    preview = page.print_review()
    qtbot.waitExposed(preview)
    printed, source = _printed(qtbot, preview, exported, pages=(1, 1))
    assert len(PdfReader(printed).pages) == 1
    assert _words(pdf_text(printed)) == _words(source.pages[0].extract_text())
    printed.unlink()


def test_the_comparison_prints_landscape_as_exported(demo_window, qtbot, tmp_path):
    page = demo_window.show_tab("contractors").page()
    page.refresh()
    page.select_ids([row.id for row in page.model.rows()[:4]])
    dialog = page.compare_selected()
    exported = dialog.export_pdf(tmp_path / "compared.pdf")
    preview = dialog.print_preview()
    qtbot.waitExposed(preview)
    printed, source = _printed(qtbot, preview, exported)
    assert len(PdfReader(printed).pages) == len(source.pages)
    first = PdfReader(printed).pages[0]
    # Landscape pages on A4: the sheet turned, as the export's page is.
    assert sorted(round(float(x)) for x in first.mediabox[2:]) == [595, 842]
    assert first.rotation % 180 == 90 or float(first.mediabox.width) > float(first.mediabox.height)
    assert _words(pdf_text(printed)) == _words(pdf_text(exported))
    printed.unlink()
    dialog.close()
