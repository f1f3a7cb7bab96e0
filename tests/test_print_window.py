"""Printing from the window (views/partials/pdf_print.py): the preview, Qt's
print dialog driven as a user drives it, and what the CUPS test printers (or a
PDF file, on the way without CUPS) wrote."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QSpinBox,
)

from desktop_app.printing.paper import SETTINGS_PAPERS
from desktop_app.views.partials.pdf_print import (
    PdfPrintPreview,
    load_pdf,
    paint_pdf,
    pdf_printer,
    render_page,
)
from tests.cups_printers import (
    A4_PRINTER,
    LETTER_PRINTER,
    PAUSED_PRINTER,
    job_attributes,
    latest_job,
    needs_cups,
    pdf_text,
    printed_pdf,
)
from tests.test_printing import write_pages

A4 = SETTINGS_PAPERS["a4"]
LETTER = SETTINGS_PAPERS["letter"]


def _preview(qtbot, tmp_path, pages=3, **pdf) -> PdfPrintPreview:
    dialog = PdfPrintPreview(write_pages(tmp_path / "doc.pdf", pages, **pdf), "Doc", noun="brief")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _print(
    qtbot,
    preview: PdfPrintPreview,
    *,
    printer: str | None = None,
    file: str | None = None,
    pages: tuple[int, int] | None = None,
    typed_pages: str | None = None,
    page_set: str | None = None,
    copies: int | None = None,
    collate: bool | None = None,
    duplex: str | None = None,
):
    """Print… in the preview, then Qt's print dialog filled in as a user does, then Print."""
    preview.print_button.click()
    # The dialog the user sees open (one closed before may await its deletion).
    dialog = next(d for d in preview.findChildren(QPrintDialog) if d.isVisible())
    qtbot.waitExposed(dialog)
    combo = dialog.findChild(QComboBox, "printers")
    names = [combo.itemText(i) for i in range(combo.count())]
    if printer is not None:
        combo.setCurrentIndex(names.index(printer))
    if file is not None:
        combo.setCurrentIndex(names.index("Print to File (PDF)"))
        dialog.findChild(QLineEdit, "filename").setText(file)
    if pages is not None:
        dialog.findChild(QRadioButton, "printRange").setChecked(True)
        dialog.findChild(QSpinBox, "from").setValue(pages[0])
        dialog.findChild(QSpinBox, "to").setValue(pages[1])
    if typed_pages is not None:
        dialog.findChild(QRadioButton, "pagesRadioButton").setChecked(True)
        dialog.findChild(QLineEdit, "pagesLineEdit").setText(typed_pages)
    if page_set is not None:
        sets = dialog.findChild(QComboBox, "pageSetCombo")
        sets.setCurrentIndex(sets.findText(page_set))
    if copies is not None:
        dialog.findChild(QSpinBox, "copies").setValue(copies)
    if collate is not None:
        dialog.findChild(QCheckBox, "collate").setChecked(collate)
    if duplex is not None:
        dialog.findChild(QRadioButton, duplex).setChecked(True)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def _job(preview: PdfPrintPreview) -> str:
    match = re.search(r"as job (\S+):", preview.outcome)
    assert match, preview.outcome
    return match.group(1)


def _size(path, page=0):
    return [round(float(x)) for x in PdfReader(path).pages[page].mediabox[2:]]


def _refusal(qtbot, preview) -> QMessageBox:
    qtbot.waitUntil(lambda: preview.message is not None and preview.message.isVisible())
    return preview.message


# The pages, painted on white (the way without CUPS) ------------------------------------------


def test_a_rendered_page_is_opaque_white_behind_the_text(qtbot, tmp_path):
    document = load_pdf(write_pages(tmp_path / "one.pdf", 1))
    image = render_page(document, 0, 72)
    assert not image.hasAlphaChannel()
    assert image.pixelColor(2, 2) == QColor(Qt.GlobalColor.white)
    assert image.pixelColor(image.width() // 2, image.height() - 3) == QColor("white")


def test_pages_drawn_into_a_pdf_file_have_no_transparency_to_turn_black(qtbot, tmp_path):
    document = load_pdf(write_pages(tmp_path / "three.pdf", 3))
    printer = pdf_printer(document, "Three")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "drawn.pdf"))
    printer.setResolution(100)  # keeps the test quick; the printer's own is used otherwise
    assert paint_pdf(document, printer, [2]) == 1
    reader = PdfReader(tmp_path / "drawn.pdf")
    assert len(reader.pages) == 1
    images = [
        obj
        for obj in (x.get_object() for x in reader.pages[0]["/Resources"]["/XObject"].values())
        if obj["/Subtype"] == "/Image"
    ]
    assert images and all("/SMask" not in image for image in images)
    drawn = load_pdf(tmp_path / "drawn.pdf").render(0, QSize(60, 85))
    assert drawn.pixelColor(1, 1).alpha() == 255  # the sheet itself is painted
    assert drawn.pixelColor(1, 1).lightness() == 255


# Through Qt's print dialog to CUPS ---------------------------------------------------------


@needs_cups
def test_pages_2_to_2_of_three_print_one_vector_page(qtbot, tmp_path, cups_printers):
    preview = _preview(qtbot, tmp_path)
    widget = preview.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: widget.pageCount() == 3)
    assert preview.paper_bar.isHidden()  # the printer's A4 is the brief's
    with qtbot.waitSignal(preview.accepted):
        _print(qtbot, preview, printer=A4_PRINTER, pages=(2, 2))
    assert preview.outcome.endswith("page 2 of 3, A4.")
    printed = printed_pdf(_job(preview))
    assert len(PdfReader(printed).pages) == 1
    assert "Page body 2" in pdf_text(printed)  # text, not a picture of it
    assert _size(printed) == [595, 842]
    printed.unlink()


@needs_cups
def test_odd_pages_of_2_to_3_are_page_3_and_copies_duplex_reach_cups(
    qtbot, tmp_path, cups_printers
):
    preview = _preview(qtbot, tmp_path)
    with qtbot.waitSignal(preview.accepted):
        _print(
            qtbot, preview, printer=A4_PRINTER, pages=(2, 3), page_set="Odd Pages",
            copies=2, collate=True, duplex="duplexLong",
        )  # fmt: skip
    job = _job(preview)
    printed = printed_pdf(job)
    bodies = re.findall(r"Page body \d", pdf_text(printed))
    assert bodies == ["Page body 3", "Page body 3"]
    attributes = job_attributes(job)
    assert (attributes["copies"], attributes["collate"]) == ("2", "true")
    assert attributes["sides"] == "two-sided-long-edge"
    printed.unlink()


@needs_cups
def test_typed_ranges_and_uncollated_copies(qtbot, tmp_path, cups_printers):
    preview = _preview(qtbot, tmp_path)
    with qtbot.waitSignal(preview.accepted):
        _print(qtbot, preview, printer=A4_PRINTER, typed_pages="1,3", copies=2, collate=False)
    job = _job(preview)
    attributes = job_attributes(job)
    assert attributes["page-ranges"] == "1-1,3-3"  # CUPS writes 1,3 so
    assert (attributes["copies"], attributes["collate"]) == ("2", "false")
    # cups-pdf leaves uncollated copies to the printer's hardware: one set on file.
    printed = printed_pdf(job)
    assert re.findall(r"Page body \d", pdf_text(printed)) == ["Page body 1", "Page body 3"]
    printed.unlink()


@needs_cups
def test_a_letter_printer_is_said_and_fitting_shows_and_prints_letter(
    qtbot, tmp_path, cups_printers, monkeypatch
):
    monkeypatch.setenv("LPDEST", LETTER_PRINTER)  # the default printer holds Letter
    preview = _preview(qtbot, tmp_path)
    assert preview.printer.printerName() == LETTER_PRINTER
    assert preview.paper_bar.isVisible()
    assert preview.paper_label.text() == (
        f"“{LETTER_PRINTER}” is set to US Letter paper; this brief is on A4."
    )
    assert preview.own_paper.isChecked()  # the brief's own paper unless the owner says
    assert preview.sheet() == A4
    assert preview.fit_paper.text() == "Fit to the printer's paper: US Letter, at 94 %"
    preview.fit_paper.click()
    assert preview.sheet() == LETTER  # what the preview shows is what will come out
    with qtbot.waitSignal(preview.accepted):
        _print(qtbot, preview, pages=(1, 1))
    assert "fitted to US Letter (94 %)" in preview.outcome
    printed = printed_pdf(_job(preview))
    assert _size(printed) == [612, 792]
    assert "Page 1 of 3" in pdf_text(printed)  # the whole page, footer included
    printed.unlink()


@needs_cups
@pytest.mark.parametrize(
    ("answer", "size"), [("ownPaperButton", [595, 842]), ("fitPaperButton", [612, 792])]
)
@pytest.mark.usefixtures("cups_printers")
def test_choosing_a_letter_printer_in_the_dialog_asks_which_paper(
    qtbot, tmp_path, monkeypatch, answer, size
):
    monkeypatch.setenv("LPDEST", A4_PRINTER)
    preview = _preview(qtbot, tmp_path, pages=1)
    assert preview.paper_bar.isHidden()
    _print(qtbot, preview, printer=LETTER_PRINTER)
    question = _refusal(qtbot, preview)
    assert question.objectName() == "paperQuestion"
    assert question.text() == f"“{LETTER_PRINTER}” is set to US Letter paper; this brief is on A4."
    with qtbot.waitSignal(preview.accepted):
        question.findChild(type(question.defaultButton()), answer).click()
    printed = printed_pdf(_job(preview))
    assert _size(printed) == size
    printed.unlink()


@needs_cups
def test_a_paused_printer_is_a_message_and_the_preview_stays(qtbot, tmp_path, cups_printers):
    preview = _preview(qtbot, tmp_path)
    _print(qtbot, preview, printer=PAUSED_PRINTER)
    box = _refusal(qtbot, preview)
    assert box.objectName() == "printRefused"
    assert box.text().startswith(f"The printer “{PAUSED_PRINTER}” is paused (Out of toner).")
    assert "Nothing was sent" in box.text()
    assert preview.isVisible() and preview.result() == 0
    box.accept()


@needs_cups
def test_a_range_outside_the_document_is_refused_with_its_page_count(
    qtbot, tmp_path, cups_printers
):
    preview = _preview(qtbot, tmp_path)
    _print(qtbot, preview, printer=A4_PRINTER, typed_pages="2-5")
    box = _refusal(qtbot, preview)
    assert box.text() == "Pages 2–5 are not in the brief: it has 3 pages."
    assert preview.isVisible()
    box.accept()


@needs_cups
def test_without_the_cups_commands_qt_draws_the_pages_once_each(
    qtbot, tmp_path, cups_printers, monkeypatch
):
    """No lp here (as on Windows): Qt's own CUPS engine gets drawn pages; the
    typed range is applied once, not again by CUPS."""
    preview = _preview(qtbot, tmp_path)
    preview.printer.setResolution(100)
    before = latest_job(A4_PRINTER)
    monkeypatch.setenv("PATH", str(tmp_path))
    with qtbot.waitSignal(preview.accepted):
        _print(qtbot, preview, printer=A4_PRINTER, typed_pages="2")
    monkeypatch.undo()
    assert preview.outcome == f"Printed on {A4_PRINTER}: page 2 of 3, A4."
    qtbot.waitUntil(lambda: latest_job(A4_PRINTER) > before)
    printed = printed_pdf(f"{A4_PRINTER}-{latest_job(A4_PRINTER)}")
    assert len(PdfReader(printed).pages) == 1
    assert pdf_text(printed).strip() == ""  # drawn: a picture of the page
    printed.unlink()


# To a PDF file -------------------------------------------------------------------------


def test_the_whole_document_to_a_file_is_the_pdf_itself(qtbot, tmp_path):
    preview = _preview(qtbot, tmp_path)
    target = tmp_path / "out.pdf"
    with qtbot.waitSignal(preview.accepted):
        _print(qtbot, preview, file=str(target))
    assert target.read_bytes() == (tmp_path / "doc.pdf").read_bytes()  # vector, as exported
    assert preview.outcome == f"Saved to {target}: the whole brief, A4."


def test_a_range_to_a_file_draws_just_those_pages(qtbot, tmp_path):
    preview = _preview(qtbot, tmp_path)
    preview.printer.setResolution(100)
    target = tmp_path / "two.pdf"
    with qtbot.waitSignal(preview.accepted):
        _print(qtbot, preview, file=str(target), pages=(2, 3), copies=2, collate=False)
    assert len(PdfReader(target).pages) == 4  # 2 2 3 3: a file cannot make copies itself
    assert preview.outcome == f"Printed on {target}: pages 2–3 of 3, 2 copies, A4."


def test_stopping_while_pages_are_drawn_sends_nothing_and_says_so(qtbot, tmp_path):
    from desktop_app.models.errors import UserError
    from desktop_app.printing.request import PrintedDocument, PrintRequest
    from desktop_app.views.partials.pdf_print import print_document

    pdf = write_pages(tmp_path / "three.pdf", 3)
    document = load_pdf(pdf)
    printer = pdf_printer(document, "Three")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "stopped.pdf"))
    printer.setResolution(72)
    seen = []

    def stop_after_one(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 1

    request = PrintRequest("Three", copies=2)  # a file cannot make copies: drawn here
    with pytest.raises(UserError, match="Printing was stopped"):
        print_document(
            pdf, document, printer, request, PrintedDocument(3, A4), progress=stop_after_one
        )
    assert seen == [(0, 6), (1, 6)]
