"""Printing a PDF exactly as exported: a print preview rendered with QtPdf.

There is no second layout for print: the preview and the printer get the
pages of the very PDF that "Export … as PDF" writes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtWidgets import QWidget

# Pages are rendered as images; 300 dpi is print quality without the
# gigabyte images a 1200 dpi printer resolution would ask for.
MAX_RENDER_DPI = 300


class PdfPrintPreview:
    """A QPrintPreviewDialog showing the pages of one PDF.

    Attributes:
        dialog: the QPrintPreviewDialog (opened, not blocking).
        document: the QPdfDocument holding the pages.
    """

    def __init__(self, pdf_path: Path, title: str, parent: QWidget | None = None) -> None:
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        self.document = QPdfDocument(parent)
        self.document.load(str(pdf_path))
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer.setDocName(title)
        self.printer.setFullPage(True)
        if self.document.pageCount():
            points = self.document.pagePointSize(0)
            self.printer.setPageLayout(
                QPageLayout(
                    QPageSize(points, QPageSize.Unit.Point),
                    QPageLayout.Orientation.Portrait,
                    QPageLayout(self.printer.pageLayout()).margins(),
                )
            )
        self.dialog = QPrintPreviewDialog(self.printer, parent)
        self.dialog.setObjectName("printPreviewDialog")
        self.dialog.setAccessibleName(f"Print preview: {title}")
        self.dialog.setWindowTitle(f"Print {title}")
        self.dialog.paintRequested.connect(self.paint)
        self.dialog.finished.connect(self.document.deleteLater)

    def page_count(self) -> int:
        return self.document.pageCount()

    def paint(self, printer: object) -> None:
        """Draw every page of the PDF onto `printer`, scaled to its page."""
        painter = QPainter()
        if not painter.begin(printer):
            return
        try:
            dpi = min(printer.resolution(), MAX_RENDER_DPI)
            target = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
            for index in range(self.document.pageCount()):
                if index:
                    printer.newPage()
                points: QSizeF = self.document.pagePointSize(index)
                size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
                image = self.document.render(index, size)
                painter.drawImage(target, image)
        finally:
            painter.end()

    def open(self) -> None:
        self.dialog.open()
