"""What printing makes of each exported PDF, measured on the CUPS test printers.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tools.measure_printing

For the brief, the engagement review and the contractor comparison of the
sample data: the exported PDF, then what the virtual PDF printer wrote for
each way of printing (through CUPS: whole, one page, a Letter printer on the
document's paper and fitted; drawn through Qt as where there is no CUPS:
whole and one page), with pages, paper, vector or raster, and bytes.
Needs the printers of .ci/cups-test-printers.sh and the test extra (pypdf).
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from desktop_app.models.contractors import Contractor, compare_contractors
from desktop_app.models.engagements import Engagement, engagement_review
from desktop_app.models.settings import load_settings
from desktop_app.printing import cups
from desktop_app.printing.paper import paper_of_size
from desktop_app.printing.request import PrintedDocument, PrintRequest, parse_pages
from desktop_app.views.partials.pdf_print import load_pdf, pdf_printer, print_document
from tests.cups_printers import A4_PRINTER, LETTER_PRINTER, latest_job, printed_pdf


def describe(path: Path) -> tuple[int, str, str, int]:
    """(pages, paper, "vector" or "raster", bytes) of a PDF. The paper is the sheet:
    "landscape" when a page is turned on it (CUPS writes A4 turned 90 degrees)."""
    reader = PdfReader(path)
    first = reader.pages[0]
    width, height = (float(x) for x in first.mediabox[2:])
    turned = (first.rotation % 180 == 90) != (width > height)
    paper = paper_of_size(width, height).name + (" landscape" if turned else "")
    text = "".join(page.extract_text() or "" for page in reader.pages).strip()
    images = sum(
        1
        for page in reader.pages
        for item in (page.get("/Resources", {}).get("/XObject", {}) or {}).values()
        if item.get_object().get("/Subtype") == "/Image"
    )
    kind = "vector" if text and not images else ("raster" if images and not text else "mixed")
    return len(reader.pages), paper, kind, path.stat().st_size


def job_size(job: str) -> str:
    """The size of the job CUPS was sent, as `lpstat` lists it (whole KiB)."""
    listed = cups._run(["lpstat", "-W", "all", "-o", job.rsplit("-", 1)[0]]).stdout
    for line in listed.splitlines():
        if line.split()[0] == job:
            return line.split()[2]
    return "?"


def measure(name: str, pdf: Path) -> list[tuple[str, ...]]:
    document = load_pdf(pdf)
    printed = PrintedDocument(
        document.pageCount(),
        paper_of_size(document.pagePointSize(0).width(), document.pagePointSize(0).height()),
        name,
    )
    one = "2" if printed.page_count > 1 else "1"
    rows = [(name, "exported PDF", *map(str, describe(pdf)), "")]

    def through_cups(case: str, request: PrintRequest) -> None:
        job = cups.send_pdf(pdf, request, printed)
        output = printed_pdf(job)
        rows.append((name, case, *map(str, describe(output)), job_size(job)))
        output.unlink()

    def drawn_by_qt(case: str, request: PrintRequest) -> None:
        printer = pdf_printer(document, name)
        printer.setPrinterName(request.printer or A4_PRINTER)
        before = latest_job(A4_PRINTER)
        path = os.environ["PATH"]
        os.environ["PATH"] = ""  # no lp: the way Windows and CUPS-less systems print
        try:
            print_document(pdf, document, printer, request, printed)
        finally:
            os.environ["PATH"] = path
        job = f"{A4_PRINTER}-{_after(before)}"
        output = printed_pdf(job)
        rows.append((name, case, *map(str, describe(output)), job_size(job)))
        output.unlink()

    def _after(before: int) -> int:
        import time

        deadline = time.monotonic() + 60
        while latest_job(A4_PRINTER) <= before and time.monotonic() < deadline:
            time.sleep(0.1)
        return latest_job(A4_PRINTER)

    letter = cups.printer(LETTER_PRINTER)
    assert letter is not None and letter.paper is not None
    through_cups("CUPS, whole", PrintRequest(name, A4_PRINTER))
    through_cups(f"CUPS, page {one} only", PrintRequest(name, A4_PRINTER, parse_pages(one)))
    through_cups("CUPS, Letter printer, own paper", PrintRequest(name, LETTER_PRINTER))
    through_cups(
        "CUPS, Letter printer, fitted", PrintRequest(name, LETTER_PRINTER, paper=letter.paper)
    )
    drawn_by_qt("drawn by Qt (no CUPS), whole", PrintRequest(name, A4_PRINTER))
    drawn_by_qt(
        f"drawn by Qt (no CUPS), page {one} only", PrintRequest(name, A4_PRINTER, parse_pages(one))
    )
    return rows


def documents(folder: Path) -> list[tuple[str, Callable[[Path], object]]]:
    from desktop_app.models.briefs import Brief, load_brief
    from desktop_app.pdf.brief import write_brief_pdf
    from desktop_app.pdf.comparison import write_comparison_pdf
    from desktop_app.pdf.review import write_review

    settings = load_settings()
    brief = Brief.select().order_by(Brief.id).first()
    engagement = Engagement.select().order_by(Engagement.id).first()
    contractors = [c.id for c in Contractor.select().order_by(Contractor.id).limit(4)]
    return [
        ("brief", lambda path: write_brief_pdf(load_brief(brief.id), path)),
        (
            "review",
            lambda path: write_review(
                path,
                engagement_review(engagement.id, date.today()),
                business_name=settings.business_name,
                page_size=settings.page_size,
            ),
        ),
        ("comparison", lambda path: write_comparison_pdf(compare_contractors(contractors), path)),
    ]


def main() -> None:
    from desktop_app.demo import create_demo_database
    from desktop_app.store import open_store

    app = QApplication.instance() or QApplication([])
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # Ghostscript's fonts: noise here
    cups.require_cups()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        store = open_store(create_demo_database(folder))
        rows = []
        try:
            for name, write in documents(folder):
                pdf = folder / f"{name}.pdf"
                write(pdf)
                rows += measure(name, pdf)
        finally:
            store.close()
    header = ("document", "case", "pages", "paper", "kind", "bytes out", "job bytes")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print(" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    del app


if __name__ == "__main__":
    main()
