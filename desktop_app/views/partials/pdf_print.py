"""Printing a PDF exactly as exported: a print preview of its pages, rendered with QtPdf.

There is no second layout for print. The PDF that "Export … as PDF" writes
(a brief, the contractor comparison, an engagement review) is rendered page
by page onto the printer, or the preview, on the PDF's own paper and
orientation and with its own margins. Import this module where printing
starts (it loads QtPrintSupport, and QtPdf on first use), so a tab that
never prints never loads them.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from desktop_app.models.errors import UserError
from desktop_app.views.partials.naming import named

if TYPE_CHECKING:
    from PySide6.QtPdf import QPdfDocument

# Pages are rendered as images at up to this many dots per inch: sharp on
# paper, while a 1200 dpi printer would otherwise ask for a 500 MB image per
# page (a Letter page at 300 dpi is 2550 x 3300 pixels).
MAX_RENDER_DPI = 300


def load_pdf(path: Path, parent: Any = None) -> QPdfDocument:
    """The PDF at `path` opened with QtPdf; a UserError says when it cannot be read."""
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument(parent)
    error = document.load(str(path))
    if error != QPdfDocument.Error.None_ or document.pageCount() < 1:
        document.deleteLater()
        raise UserError(f"Cannot show {path.name} for printing (QtPdf: {error.name}).")
    return document


def pdf_printer(document: QPdfDocument, title: str) -> QPrinter:
    """A printer set up like the PDF: its paper (A4, Letter, …) and orientation,
    printing the whole sheet (the PDF carries its own margins)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setFullPage(True)
    points = document.pagePointSize(0)
    landscape = points.width() > points.height()
    # Named paper sizes are portrait; the orientation turns them.
    portrait = QSizeF(min(points.width(), points.height()), max(points.width(), points.height()))
    printer.setPageSize(
        QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    )
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    return printer


def paint_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Draw every page of `document` onto `printer`; returns the pages drawn.

    Each page is rendered at the printer's resolution, at most MAX_RENDER_DPI,
    and fitted to the sheet without stretching (paper other than the PDF's,
    chosen in the print dialog, gets the page centred across, at the top).
    """
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    painted = 0
    try:
        dpi = min(printer.resolution(), MAX_RENDER_DPI)
        sheet = printer.pageLayout().fullRectPixels(printer.resolution())
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            image = document.render(
                page, QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            )
            scale = min(sheet.width() / points.width(), sheet.height() / points.height())
            width, height = points.width() * scale, points.height() * scale
            target = QRectF(sheet.x() + (sheet.width() - width) / 2, sheet.y(), width, height)
            painter.drawImage(target, image)
            painted += 1
    finally:
        painter.end()
    return painted


class PdfPrintPreview(QPrintPreviewDialog):
    """A print preview that shows and prints the pages of one PDF.

    Raises UserError when QtPdf cannot read the file.

    Attributes:
        page_count: the PDF's pages.
        pages_painted: pages drawn by the last paint (preview or print).
        printer, document: the QPrinter and the QPdfDocument, kept alive with it.
    """

    def __init__(
        self,
        pdf_path: Path,
        title: str,
        parent: QWidget | None = None,
        object_name: str = "printPreviewDialog",
    ) -> None:
        document = load_pdf(pdf_path)
        printer = pdf_printer(document, title)
        super().__init__(printer, parent)
        # The dialog does not own the printer: keep it (and the document) as
        # long as the dialog lives, or Qt paints onto a deleted printer.
        self.printer = printer
        self.document = document
        document.setParent(self)
        named(self, object_name, f"Print preview: {title}")
        self.setWindowTitle(f"Print preview — {title}")
        self.page_count = document.pageCount()
        self.pages_painted = 0
        self.paintRequested.connect(self._paint)
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(900, screen.width() * 9 // 10), screen.height() * 9 // 10)

    def _paint(self, printer: QPrinter) -> None:
        self.pages_painted = paint_pdf(self.document, printer)


def open_print_preview(
    write: Callable[[Path], object],
    file_name: str,
    title: str,
    parent: QWidget | None = None,
    *,
    object_name: str = "printPreviewDialog",
) -> PdfPrintPreview:
    """Write a PDF with `write(path)` (the export's own function) into a scratch
    folder and open its print preview (not blocking). The folder goes when the
    preview closes. A UserError (the PDF could not be written or read) leaves
    nothing behind and reaches the caller."""
    folder = Path(tempfile.mkdtemp(prefix="offload-print-"))
    try:
        path = folder / file_name
        write(path)
        dialog = PdfPrintPreview(path, title, parent, object_name)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.destroyed.connect(lambda: shutil.rmtree(folder, ignore_errors=True))
    dialog.open()
    return dialog
