"""The printing package (desktop_app/printing): paper, page ranges, the `lp`
command, and jobs sent to the CUPS test printers, read back from what they wrote."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import PageBreak

from desktop_app.models.errors import UserError
from desktop_app.pdf.common import PageFrame, build_pdf, paragraph, styles
from desktop_app.printing import cups
from desktop_app.printing.paper import KNOWN_PAPERS, SETTINGS_PAPERS, paper_named, paper_of_size
from desktop_app.printing.request import (
    PageSelection,
    PageSet,
    PrintedDocument,
    PrintRequest,
    Sides,
    lp_command,
    pages_text,
    parse_pages,
)
from tests.cups_printers import (
    A4_PRINTER,
    LETTER_PRINTER,
    PAUSED_PRINTER,
    REFUSING_PRINTER,
    job_attributes,
    needs_cups,
    pdf_text,
    printed_pdf,
)

A4 = SETTINGS_PAPERS["a4"]
LETTER = SETTINGS_PAPERS["letter"]
THREE_A4 = PrintedDocument(3, A4, "brief")


def write_pages(path: Path, pages: int = 3, *, page_size: str = "a4", landscape=False) -> Path:
    story = []
    for page in range(pages):
        story.append(paragraph(f"Page body {page + 1}", styles()["Body"]))
        if page < pages - 1:
            story.append(PageBreak())
    frame = PageFrame("Northwind Planners", "Printed as exported")
    return build_pdf(
        path, story, frame=frame, title="Test", page_size=page_size, landscape=landscape
    )


# Paper ---------------------------------------------------------------------------------


def test_papers_are_known_by_cups_name_pwg_name_and_size():
    assert paper_named("A4") is A4
    assert paper_named("Letter") is LETTER
    assert paper_named("na_letter_8.5x11in") is LETTER
    assert paper_named("iso_a4_210x297mm") is A4
    assert paper_named("Custom.612x1008") == paper_named("Legal")
    assert paper_named("Tray 3") is None
    assert paper_of_size(842, 595) is A4  # turned sideways, still A4
    odd = paper_of_size(300, 400)
    assert (odd.media, odd.width, odd.height) == ("Custom.300x400", 300, 400)
    assert all(p.width <= p.height for p in KNOWN_PAPERS)


def test_an_a4_page_fits_letter_at_94_percent_and_landscape_pages_turn_first():
    assert round(LETTER.fit_scale(A4.width, A4.height), 2) == 0.94
    assert LETTER.fit_scale(A4.height, A4.width) == LETTER.fit_scale(A4.width, A4.height)
    assert round(A4.fit_scale(LETTER.width, LETTER.height), 3) == 0.973


# Pages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "pages"),
    [
        ("", [1, 2, 3]),
        ("2", [2]),
        ("2-2", [2]),
        ("2-3", [2, 3]),
        ("1, 3", [1, 3]),
        ("2–3", [2, 3]),  # an en dash, as a word processor types it
        ("2-", [2, 3]),
        ("3,1", [3, 1]),
        ("1-2,2-3", [1, 2, 3]),
    ],
)
def test_page_ranges_as_people_type_them(typed, pages):
    assert parse_pages(typed).pages(THREE_A4) == pages


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0", "counted from 1"),
        ("3-2", "runs backwards"),
        ("two", "not a page range"),
        ("1;2", "not a page range"),
    ],
)
def test_page_ranges_that_make_no_sense_are_refused_with_the_form_to_use(typed, message):
    with pytest.raises(UserError, match=message):
        parse_pages(typed)


def test_a_range_outside_the_document_is_refused_with_its_page_count():
    with pytest.raises(UserError, match=r"^Pages 4–5 are not in the brief: it has 3 pages\.$"):
        parse_pages("4-5").pages(THREE_A4)
    with pytest.raises(UserError, match=r"^Page 7 is not in the brief: it has 3 pages\.$"):
        parse_pages("1,7").pages(THREE_A4)
    with pytest.raises(UserError, match="it has 1 page"):
        parse_pages("2").pages(PrintedDocument(1, A4, "review"))


def test_odd_and_even_pages_count_the_documents_own_page_numbers():
    assert PageSelection(page_set=PageSet.ODD).pages(THREE_A4) == [1, 3]
    assert PageSelection(page_set=PageSet.EVEN).pages(THREE_A4) == [2]
    # Odd pages of 2-3 is page 3, not "the first of the two".
    assert PageSelection(((2, 3),), PageSet.ODD).pages(THREE_A4) == [3]
    with pytest.raises(UserError, match="No page to print"):
        PageSelection(page_set=PageSet.EVEN).pages(PrintedDocument(1, A4))


def test_pages_are_written_back_as_compact_ranges():
    assert pages_text([1, 2, 3, 5, 7, 8]) == "1-3,5,7-8"


# The lp command ------------------------------------------------------------------------


def test_the_lp_command_carries_every_choice():
    request = PrintRequest(
        "Support inbox",
        "Office",
        PageSelection(((1, 3),), PageSet.ODD),
        copies=2,
        collate=False,
        reverse=True,
        sides=Sides.LONG_EDGE,
        grayscale=True,
        options=(("job-priority", "80"), ("page-set", "odd"), ("media", "Legal"), ("x", "")),
    )
    command = lp_command(request, THREE_A4, Path("/tmp/b.pdf"))
    assert command[:7] == ["lp", "-d", "Office", "-t", "Support inbox", "-n", "2"]
    options = [command[i + 1] for i, word in enumerate(command) if word == "-o"]
    assert options == [
        "page-ranges=1,3",
        "collate=false",
        "outputorder=reverse",
        "sides=two-sided-long-edge",
        "media=A4",
        "print-scaling=none",
        "print-color-mode=monochrome",
        "job-priority=80",  # the dialog's own options pass, except those set above
    ]
    assert command[-2:] == ["--", "/tmp/b.pdf"]


def test_another_paper_fits_the_pages_and_the_whole_document_sends_no_range():
    command = lp_command(PrintRequest("T", paper=LETTER), THREE_A4, Path("b.pdf"))
    assert "-d" not in command  # the default printer
    assert "media=Letter" in command and "print-scaling=fit" in command
    assert not any(word.startswith("page-ranges") for word in command)
    assert PrintRequest("T", paper=LETTER).summary(THREE_A4) == (
        "the whole brief, fitted to US Letter (94 %)"
    )


def test_too_many_copies_or_pages_outside_send_nothing():
    with pytest.raises(UserError, match="between 1 and 999"):
        lp_command(PrintRequest("T", copies=0), THREE_A4, Path("b.pdf"))
    with pytest.raises(UserError, match="it has 3 pages"):
        lp_command(PrintRequest("T", selection=parse_pages("9")), THREE_A4, Path("b.pdf"))


# Through CUPS, read back from the virtual PDF printer ------------------------------------


@needs_cups
def test_cups_lists_the_printers_with_their_state_and_paper(cups_printers):
    assert cups.cups_problem() is None
    found = {p.name: p for p in cups.printers()}
    assert found[A4_PRINTER].paper is A4 and found[A4_PRINTER].problem() is None
    assert found[LETTER_PRINTER].paper is LETTER
    assert found[PAUSED_PRINTER].state == "paused"
    assert found[PAUSED_PRINTER].problem() == (
        f"The printer “{PAUSED_PRINTER}” is paused (Out of toner)."
    )
    assert found[REFUSING_PRINTER].problem() == (
        f"The printer “{REFUSING_PRINTER}” is not accepting jobs (Tray removed)."
    )


@needs_cups
def test_a_range_prints_only_those_pages_as_vector_text(cups_printers, tmp_path):
    pdf = write_pages(tmp_path / "three.pdf")
    request = PrintRequest("Pages 2 to 2", A4_PRINTER, parse_pages("2-2"))
    printed = printed_pdf(cups.send_pdf(pdf, request, THREE_A4))
    reader = PdfReader(printed)
    assert len(reader.pages) == 1
    assert "Page body 2" in pdf_text(printed)  # text, not a picture of it
    assert "Page body 1" not in pdf_text(printed)
    assert [round(float(x)) for x in reader.pages[0].mediabox[2:]] == [595, 842]
    printed.unlink()


@needs_cups
def test_a_file_named_with_spaces_prints_and_cups_keeps_running(cups_printers, tmp_path):
    # Debian 12's cupsd (2.4.2-3+deb12u10) crashed on a document-name with a
    # space: the brief "Product photo editing" took the print service down.
    pdf = write_pages(tmp_path / "Product photo editing.pdf", pages=1)
    request = PrintRequest("Product photo editing", A4_PRINTER)
    job = cups.send_pdf(pdf, request, PrintedDocument(1, A4, "brief"))
    printed = printed_pdf(job)
    assert "Page body 1" in pdf_text(printed)
    assert cups.cups_problem() is None  # the service still answers
    assert job_attributes(job)["document-name-supplied"] == "Product_photo_editing.pdf"
    assert pdf.exists()  # the document itself is left where it was
    printed.unlink()


@needs_cups
def test_collated_copies_come_out_as_whole_sets_and_cups_keeps_every_choice(
    cups_printers, tmp_path
):
    pdf = write_pages(tmp_path / "three.pdf")
    request = PrintRequest(
        "Two sets", A4_PRINTER, parse_pages("2-3"), copies=2, sides=Sides.SHORT_EDGE
    )
    job = cups.send_pdf(pdf, request, THREE_A4)
    printed = printed_pdf(job)
    bodies = [line for line in pdf_text(printed).splitlines() if line.startswith("Page body")]
    assert bodies == ["Page body 2", "Page body 3"] * 2
    attributes = job_attributes(job)
    assert attributes["copies"] == "2" and attributes["collate"] == "true"
    assert attributes["sides"] == "two-sided-short-edge"
    assert attributes["page-ranges"] == "2-3"
    printed.unlink()


@needs_cups
def test_the_documents_paper_prints_full_size_and_fitting_shrinks_to_the_printers(
    cups_printers, tmp_path
):
    pdf = write_pages(tmp_path / "three.pdf", pages=1)
    one_a4 = PrintedDocument(1, A4, "brief")
    # A Letter printer, the brief's paper: A4 at full size.
    own = printed_pdf(cups.send_pdf(pdf, PrintRequest("Own", LETTER_PRINTER), one_a4))
    # The same printer, fitted to its paper: Letter, the page at 94 %.
    fit = printed_pdf(cups.send_pdf(pdf, PrintRequest("Fit", LETTER_PRINTER, paper=LETTER), one_a4))
    assert [round(float(x)) for x in PdfReader(own).pages[0].mediabox[2:]] == [595, 842]
    assert [round(float(x)) for x in PdfReader(fit).pages[0].mediabox[2:]] == [612, 792]
    assert "Northwind Planners" in pdf_text(own) and "Page 1 of 1" in pdf_text(fit)
    own.unlink()
    fit.unlink()


@needs_cups
@pytest.mark.parametrize(
    ("printer", "message"),
    [
        ("Offload_Test_Gone", "CUPS has no printer “Offload_Test_Gone”"),
        (PAUSED_PRINTER, "is paused (Out of toner). Nothing was sent"),
        (REFUSING_PRINTER, "is not accepting jobs (Tray removed). Nothing was sent"),
    ],
)
def test_a_printer_gone_paused_or_refusing_is_refused_before_sending(
    cups_printers, tmp_path, printer, message
):
    pdf = write_pages(tmp_path / "three.pdf", pages=1)
    queued = cups._run(["lpstat", "-W", "all", "-o"]).stdout.count(f"{printer}-")
    with pytest.raises(UserError, match=re.escape(message)):
        cups.send_pdf(pdf, PrintRequest("Refused", printer), PrintedDocument(1, A4))
    assert cups._run(["lpstat", "-W", "all", "-o"]).stdout.count(f"{printer}-") == queued


def test_without_cups_commands_printing_says_so_in_one_sentence(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no lp, no lpstat
    problem = cups.cups_problem()
    assert problem == "CUPS is not installed here (no lp command): there is no printer to print to."
    with pytest.raises(cups.CupsUnavailable, match="no lp command"):
        cups.send_pdf(tmp_path / "x.pdf", PrintRequest("T"), PrintedDocument(1, A4))
