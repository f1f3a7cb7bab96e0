"""Printing a PDF exactly as exported (views/partials/pdf_print.py), which the
Briefs, Contractors and Engagements tabs share."""

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

from desktop_app.models.errors import UserError
from desktop_app.views.partials.pdf_print import (
    PdfPrintPreview,
    load_pdf,
    open_print_preview,
    paint_pdf,
    pdf_printer,
)
from tests.test_printing import write_pages


def test_the_preview_shows_and_paints_as_many_pages_as_the_pdf(qtbot, tmp_path):
    pdf = write_pages(tmp_path / "three.pdf", pages=3)
    dialog = PdfPrintPreview(pdf, "Three pages")
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() == 3)
    assert dialog.page_count == len(PdfReader(pdf).pages) == 3
    assert dialog.windowTitle() == "Print preview — Three pages"
    dialog.reject()


def test_the_printer_takes_the_pdf_paper_and_orientation_and_prints_every_page(qtbot, tmp_path):
    pdf = write_pages(tmp_path / "wide.pdf", pages=2, page_size="letter", landscape=True)
    document = load_pdf(pdf)
    printer = pdf_printer(document, "Wide")
    layout = printer.pageLayout()
    assert layout.orientation() == QPageLayout.Orientation.Landscape
    assert layout.pageSize().id() == QPageSize.PageSizeId.Letter
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(100)  # quick; the paper and orientation are what is tested
    assert paint_pdf(document, printer) == 2
    printed = PdfReader(tmp_path / "printed.pdf")
    assert len(printed.pages) == 2
    assert float(printed.pages[0].mediabox.width) > float(printed.pages[0].mediabox.height)


def test_a_file_qtpdf_cannot_read_is_refused_and_the_scratch_folder_goes(qtbot, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_text("not a PDF")
    with pytest.raises(UserError, match=r"Cannot show broken\.pdf"):
        PdfPrintPreview(broken, "Broken")

    written = []

    def write(path):
        written.append(path)
        path.write_text("still not a PDF")

    with pytest.raises(UserError):
        open_print_preview(write, "out.pdf", "Broken")
    assert not written[0].parent.exists()


def test_the_scratch_pdf_goes_when_the_preview_closes(qtbot, tmp_path):
    written = []
    dialog = open_print_preview(
        lambda path: written.append(write_pages(path, pages=1)), "one.pdf", "One page"
    )
    qtbot.waitExposed(dialog)
    assert written[0].exists()
    dialog.reject()  # deleted once closed, and the folder with it
    qtbot.waitUntil(lambda: not written[0].parent.exists())
