"""Printing a brief: the print preview shows and prints the exported PDF itself.

There is no second layout for print: the PDF that File > Export writes is
rendered page by page with QtPdf onto the printer (or the preview), at the
paper size of the PDF and with its own margins.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from desktop_app.views.partials.naming import named

# Enough for crisp print; more only costs memory (a Letter page at 300 dpi
# is 2550 x 3300 pixels).
MAX_RENDER_DPI = 300


class PdfPrintPreview(QPrintPreviewDialog):
    """A print preview of one PDF file.

    Attributes:
        page_count: the PDF's pages.
        pages_painted: pages drawn by the last paint (preview or print).
    """

    def __init__(self, pdf_path: Path, parent: QWidget | None = None) -> None:
        from PySide6.QtPdf import QPdfDocument

        self.document = QPdfDocument()
        error = self.document.load(str(pdf_path))
        if error != QPdfDocument.Error.None_:
            raise RuntimeError(f"QtPdf cannot read {pdf_path}: {error.name}")
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        # The PDF carries its own margins: print the whole sheet.
        printer.setFullPage(True)
        size = self.document.pagePointSize(0)
        printer.setPageSize(
            QPageSize(size, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
        )
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        printer.setDocName(pdf_path.stem)
        super().__init__(printer, parent)
        self.document.setParent(self)
        self._printer = printer
        named(self, "briefPrintPreview", "Print preview")
        self.setWindowTitle(f"Print preview — {pdf_path.stem}")
        self.page_count = self.document.pageCount()
        self.pages_painted = 0
        self.paintRequested.connect(self._paint)
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(900, screen.width() * 9 // 10), screen.height() * 9 // 10)

    def _paint(self, printer: QPrinter) -> None:
        painter = QPainter()
        if not painter.begin(printer):
            return
        dpi = min(printer.resolution(), MAX_RENDER_DPI)
        self.pages_painted = 0
        try:
            for page in range(self.page_count):
                if page:
                    printer.newPage()
                points = self.document.pagePointSize(page)
                image = self.document.render(
                    page, QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
                )
                sheet = printer.pageLayout().fullRectPixels(printer.resolution())
                # Paper other than the PDF's (chosen in the print dialog): fit, never stretch.
                scale = min(sheet.width() / points.width(), sheet.height() / points.height())
                width, height = points.width() * scale, points.height() * scale
                target = QRectF(sheet.x() + (sheet.width() - width) / 2, sheet.y(), width, height)
                painter.drawImage(target, image)
                self.pages_painted += 1
        finally:
            painter.end()
