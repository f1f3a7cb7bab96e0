"""Printing a PDF exactly as exported: a preview of the paper that will come
out, the system's print dialog, then the PDF itself sent to the printer.

There is no second layout for print. The PDF that "Export … as PDF" writes
(a brief, the contractor comparison, an engagement review) is what prints:

- Where CUPS is (Linux, macOS), the PDF goes to CUPS as it is, with the
  choices of the print dialog as job options (desktop_app/printing): text
  stays vector and the job is as small as the file.
- Elsewhere (Windows, no print service), or to a PDF file with choices a
  copy cannot carry, its pages are rendered with QtPdf, painted on white,
  at the printer's resolution up to MAX_RENDER_DPI, and drawn through Qt.

Both ways print the same pages (desktop_app.printing.request decides which)
on the same paper: the document's own, unless the owner picks another or
chooses to fit it to the printer's paper. When the printer holds other
paper, the preview says so and offers both, and shows what will come out.

Import this module where printing starts (it loads QtPrintSupport, and
QtPdf on first use), so a tab that never prints never loads them.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QImage,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
)
from PySide6.QtPrintSupport import (
    QAbstractPrintDialog,
    QPrintDialog,
    QPrintEngine,
    QPrinter,
    QPrinterInfo,
    QPrintPreviewWidget,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QMessageBox,
    QProgressDialog,
    QRadioButton,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.errors import UserError
from desktop_app.models.i18n import N_, _
from desktop_app.printing import cups
from desktop_app.printing.paper import Paper, paper_of_size, percent
from desktop_app.printing.request import (
    PageSelection,
    PageSet,
    PrintedDocument,
    PrintRequest,
    Sides,
    parse_pages,
)
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import message_box, plain_label

if TYPE_CHECKING:
    from PySide6.QtPdf import QPdfDocument

# Pages drawn through Qt are rendered at the printer's resolution, at most
# this: sharp on a 600 dpi laser, while a 1200 dpi printer would otherwise
# ask for a 560 MB image per A4 page (600 dpi: 140 MB, one page at a time).
MAX_RENDER_DPI = 600
# The preview is read on screen: this is sharp there at any sensible zoom.
PREVIEW_DPI = 150
# Qt keeps the options of its CUPS print dialog (page set, banner pages,
# the printer's own settings) in this print engine property (qcups_p.h).
CUPS_OPTIONS = QPrintEngine.PrintEnginePropertyKey(0xFE00)
_PAGE_OPTIONS = ("page-ranges", "page-set")
_SIDES = {
    QPrinter.DuplexMode.DuplexLongSide: Sides.LONG_EDGE,
    QPrinter.DuplexMode.DuplexAuto: Sides.LONG_EDGE,
    QPrinter.DuplexMode.DuplexShortSide: Sides.SHORT_EDGE,
}


def load_pdf(path: Path, parent: Any = None) -> QPdfDocument:
    """The PDF at `path` opened with QtPdf; a UserError says when it cannot be read."""
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument(parent)
    error = document.load(str(path))
    if error != QPdfDocument.Error.None_ or document.pageCount() < 1:
        document.deleteLater()
        raise UserError(
            _("Cannot show {name} for printing (QtPdf: {error}).").format(
                name=path.name, error=error.name
            )
        )
    return document


# Paper ----------------------------------------------------------------------------------


def paper_of(page_size: QPageSize) -> Paper:
    points = page_size.size(QPageSize.Unit.Point)
    return paper_of_size(points.width(), points.height())


def qt_page_size(paper: Paper) -> QPageSize:
    """The QPageSize of `paper` (A4, Letter, … by id when Qt knows the size)."""
    return QPageSize(
        QSizeF(paper.width, paper.height),
        QPageSize.Unit.Point,
        "",
        QPageSize.SizeMatchPolicy.FuzzyMatch,
    )


def document_paper(document: QPdfDocument) -> Paper:
    points = document.pagePointSize(0)
    return paper_of_size(points.width(), points.height())


def printer_paper(printer: QPrinter) -> Paper | None:
    """The paper the printer is set to by default; None for a file or when it does not say."""
    if printer.outputFormat() != QPrinter.OutputFormat.NativeFormat:
        return None
    info = QPrinterInfo.printerInfo(printer.printerName())
    size = info.defaultPageSize() if not info.isNull() else QPageSize()
    return paper_of(size) if size.isValid() else None


def set_sheet(printer: QPrinter, paper: Paper, document: QPdfDocument) -> None:
    """Put `paper` in the printer, turned as the document's first page is."""
    points = document.pagePointSize(0)
    printer.setPageSize(qt_page_size(paper))
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape
        if points.width() > points.height()
        else QPageLayout.Orientation.Portrait
    )


def pdf_printer(document: QPdfDocument, title: str) -> QPrinter:
    """A printer set up like the PDF: its paper (A4, Letter, …) and orientation,
    printing the whole sheet (the PDF carries its own margins)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setFullPage(True)
    set_sheet(printer, document_paper(document), document)
    return printer


# What the print dialog collected ----------------------------------------------------------


def cups_options(printer: QPrinter) -> list[tuple[str, str]]:
    """The CUPS options Qt's print dialog left on the printer, as (name, value) pairs."""
    values = printer.printEngine().property(CUPS_OPTIONS) or []
    return list(zip(values[0::2], values[1::2], strict=False))


def print_request(printer: QPrinter, title: str, current_page: int = 1) -> PrintRequest:
    """Everything the print dialog collected on `printer`, as a PrintRequest."""
    options = dict(cups_options(printer))
    ranges: tuple[tuple[int, int | None], ...] = ()
    page_set = PageSet(options.get("page-set", "all"))
    match printer.printRange():
        case QPrinter.PrintRange.PageRange:
            ranges = tuple(
                (part.from_, part.to) for part in printer.pageRanges().toRangeList()
            ) or ((printer.fromPage(), printer.toPage()),)
            if page_set is not PageSet.ALL and ranges[0][0] % 2 == 0:
                # Qt counts odd and even from the first page it is handed (the
                # application prints from..to); CUPS and Offload count the
                # document's own page numbers: turn Qt's correction back.
                page_set = PageSet.EVEN if page_set is PageSet.ODD else PageSet.ODD
        case QPrinter.PrintRange.CurrentPage:
            ranges = ((current_page, current_page),)
        case _ if options.get("page-ranges"):
            ranges = parse_pages(options["page-ranges"]).ranges  # a range CUPS was to apply
    return PrintRequest(
        title=title,
        printer=printer.printerName() or None,
        selection=PageSelection(ranges, page_set),
        copies=printer.copyCount(),
        collate=printer.collateCopies(),
        reverse=printer.pageOrder() == QPrinter.PageOrder.LastPageFirst,
        sides=_SIDES.get(printer.duplex(), Sides.ONE_SIDED),
        paper=paper_of(printer.pageLayout().pageSize()),
        grayscale=printer.colorMode() == QPrinter.ColorMode.GrayScale,
        options=tuple((key, value) for key, value in options.items() if key not in _PAGE_OPTIONS),
    )


# Drawing the pages through Qt (the way without CUPS) ------------------------------------------


def render_page(document: QPdfDocument, index: int, dpi: float) -> QImage:
    """Page `index` (from 0) as an opaque image on white, at `dpi`.

    QtPdf renders onto a transparent background; a print path that drops the
    alpha mask (many printer drivers do) turns that black. So the page is
    composed over white and the alpha channel removed before it is drawn."""
    points = document.pagePointSize(index)
    image = document.render(
        index, QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
    )
    painter = QPainter(image)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationOver)
    painter.fillRect(image.rect(), Qt.GlobalColor.white)
    painter.end()
    image.convertTo(QImage.Format.Format_RGB32)
    return image


def _draw_fitted(painter: QPainter, image: QImage, page: QSizeF, sheet: QRectF) -> None:
    """Draw the page image as large as it fits the sheet, centred; a page whose
    orientation is not the sheet's is turned, as CUPS turns it."""
    turned = (page.width() > page.height()) != (sheet.width() > sheet.height())
    width, height = (page.height(), page.width()) if turned else (page.width(), page.height())
    scale = min(sheet.width() / width, sheet.height() / height)
    painter.save()
    painter.translate(sheet.center())
    if turned:
        painter.rotate(90)
    drawn_width, drawn_height = page.width() * scale, page.height() * scale
    painter.drawImage(QRectF(-drawn_width / 2, -drawn_height / 2, drawn_width, drawn_height), image)
    painter.restore()


def paint_pdf(
    document: QPdfDocument,
    printer: QPrinter,
    pages: Iterable[int] | None = None,
    *,
    dpi: float | None = None,
    copies: int = 1,
    collate: bool = True,
    progress: Callable[[int, int], bool] | None = None,
) -> int:
    """Draw `pages` (numbers from 1; default every page) onto `printer`; returns
    the sheets drawn.

    Each sheet is painted white and the page drawn fitted on it (at full size
    on its own paper). Pages are rendered at `dpi`, default the printer's
    resolution up to MAX_RENDER_DPI. `copies` are drawn here (collated or
    not) for a printer that cannot make copies itself; `progress(done,
    total)` returning False stops, and the job is aborted.
    """
    chosen = list(pages) if pages is not None else list(range(1, document.pageCount() + 1))
    sheets = (
        [page for _copy in range(copies) for page in chosen]
        if collate
        else [page for page in chosen for _copy in range(copies)]
    )
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    # A page image drawn smaller than rendered (the preview, a fitted page) stays legible.
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painted = 0
    try:
        resolution = dpi or min(printer.resolution(), MAX_RENDER_DPI)
        sheet = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
        for number in sheets:
            if progress is not None and not progress(painted, len(sheets)):
                printer.abort()
                break
            if painted:
                printer.newPage()
            painter.fillRect(sheet, Qt.GlobalColor.white)
            image = render_page(document, number - 1, resolution)
            _draw_fitted(painter, image, document.pagePointSize(number - 1), sheet)
            painted += 1
    finally:
        painter.end()
    return painted


def print_document(
    pdf: Path,
    document: QPdfDocument,
    printer: QPrinter,
    request: PrintRequest,
    printed: PrintedDocument,
    *,
    progress: Callable[[int, int], bool] | None = None,
) -> str:
    """Print `pdf` as `request` asks, on `printer`; returns what was done, for the owner.

    Raises UserError, with nothing printed, for pages not in the document or a
    printer that is gone, paused or refusing jobs.
    """
    pages = request.checked(printed)
    summary = request.summary(printed)
    native = printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
    if native and cups.cups_problem() is None:
        job = cups.send_pdf(pdf, request, printed)
        return _("Sent to {printer} as job {job}: {summary}.").format(
            printer=request.printer or _("the default printer"), job=job, summary=summary
        )
    if not native and _copy_is_enough(request, printed):
        target = Path(printer.outputFileName())
        try:
            shutil.copyfile(pdf, target)
        except OSError as error:
            raise UserError(
                _("Cannot write {target}: {value}.").format(
                    target=target, value=error.strerror or error
                )
            ) from error
        return _("Saved to {target}: {summary}.").format(target=target, summary=summary)
    # Qt's CUPS engine would apply a page range and page set a second time.
    kept = [item for pair in cups_options(printer) if pair[0] not in _PAGE_OPTIONS for item in pair]
    printer.printEngine().setProperty(CUPS_OPTIONS, kept)
    order = list(reversed(pages)) if request.reverse else pages
    own_copies = 1 if printer.supportsMultipleCopies() else request.copies
    if printer.supportsMultipleCopies():
        printer.setCopyCount(request.copies)
    painted = paint_pdf(
        document, printer, order, copies=own_copies, collate=request.collate, progress=progress
    )
    where = printer.outputFileName() if not native else printer.printerName()
    if painted < len(order) * own_copies:
        if not native:  # Qt wrote the file as it went: no half a document left behind
            Path(where).unlink(missing_ok=True)
        raise UserError(_("Printing was stopped: nothing was sent to {where}.").format(where=where))
    return _("Printed on {where}: {summary}.").format(where=where, summary=summary)


def _copy_is_enough(request: PrintRequest, printed: PrintedDocument) -> bool:
    """To a PDF file, the document as it is (vector) when nothing asks for changes."""
    return (
        request.selection.is_everything()
        and request.copies == 1
        and not request.reverse
        and not request.grayscale
        and not request.fits(printed)
    )


# The preview -------------------------------------------------------------------------------


class PdfPrintPreview(QDialog):
    """A print preview of one PDF on the paper it will print on, and its Print… button.

    Raises UserError when QtPdf cannot read the file. `accepted` is emitted
    once the pages went to the printer; a refusal (pages not in the
    document, a printer gone, paused or refusing jobs) is shown in a
    message box and the preview stays open.

    Attributes:
        page_count: the PDF's pages.
        paper: the document's own paper; printed: the document as printing sees it.
        printer, document: the QPrinter and the QPdfDocument, kept alive with it.
        preview: the QPrintPreviewWidget; paper_bar: the paper choice, shown
            when the printer is set to other paper than the document's.
        outcome: what printing did, once accepted.
        message: the last message box shown.
    """

    def __init__(
        self,
        pdf_path: Path,
        title: str,
        parent: QWidget | None = None,
        object_name: str = "printPreviewDialog",
        noun: str = N_("document"),
    ) -> None:
        super().__init__(parent)
        document = load_pdf(pdf_path, self)
        self.pdf_path = pdf_path
        self.title = title
        self.document = document
        self.page_count = document.pageCount()
        self.paper = document_paper(document)
        self.printed = PrintedDocument(self.page_count, self.paper, noun)
        self.printer = pdf_printer(document, title)
        self.outcome = ""
        self.message: QMessageBox | None = None
        named(self, object_name, _("Print preview: {title}").format(title=title))
        self.setWindowTitle(_("Print preview — {title}").format(title=title))

        self.preview = named(QPrintPreviewWidget(self.printer, self), "printPreview", _("Pages"))
        self.preview.paintRequested.connect(self._paint)
        self.preview.previewChanged.connect(self._show_page_number)
        self.paper_bar = self._paper_bar()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.print_button = named(
            buttons.addButton(_("Print…"), QDialogButtonBox.ButtonRole.ActionRole),
            "printButton",
            _("Print…"),
        )
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.open_print_dialog)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self._toolbar())
        layout.addWidget(self.paper_bar)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        self._update_paper_bar()
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(900, screen.width() * 9 // 10), screen.height() * 9 // 10)

    # Layout
    def _toolbar(self) -> QToolBar:
        bar = named(QToolBar(self), "printPreviewTools", _("Preview tools"))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        def action(
            text: str,
            slot: Callable[[], object],
            keys: QKeySequence | QKeySequence.StandardKey | str = "",
        ) -> None:
            item = QAction(text, self)
            item.setObjectName(f"preview_{text.lower().replace(' ', '_').strip('…')}")
            if keys:
                item.setShortcut(QKeySequence(keys))
                item.setToolTip(f"{text} ({QKeySequence(keys).toString()})")
            item.triggered.connect(slot)
            bar.addAction(item)

        action(_("Print…"), self.open_print_dialog, QKeySequence.StandardKey.Print)
        bar.addSeparator()
        action(_("Fit width"), self.preview.fitToWidth)
        action(_("Whole page"), self.preview.fitInView)
        action(_("Zoom out"), self.preview.zoomOut, QKeySequence.StandardKey.ZoomOut)
        action(_("Zoom in"), self.preview.zoomIn, QKeySequence.StandardKey.ZoomIn)
        bar.addSeparator()
        action(_("Previous page"), lambda: self._go(-1), "PgUp")
        self.page_label = named(plain_label("", bar), "previewPageNumber", _("Page shown"))
        bar.addWidget(self.page_label)
        action(_("Next page"), lambda: self._go(1), "PgDown")
        return bar

    def _paper_bar(self) -> QFrame:
        bar = named(QFrame(self), "paperBar", _("Paper"))
        bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.paper_label = named(plain_label("", bar), "paperMessage", _("Paper"))
        self.paper_label.setWordWrap(True)
        self.own_paper = named(QRadioButton(bar), "ownPaper", _("Use the document's paper"))
        self.fit_paper = named(QRadioButton(bar), "fitPaper", _("Fit to the printer's paper"))
        self.own_paper.setChecked(True)
        self.own_paper.toggled.connect(self._paper_chosen)
        column = QVBoxLayout(bar)
        for widget in (self.paper_label, self.own_paper, self.fit_paper):
            column.addWidget(widget)
        return bar

    def _update_paper_bar(self) -> None:
        """Show the paper choice when the printer is set to other paper than the document's."""
        loaded = printer_paper(self.printer)
        self._printer_paper = loaded
        if loaded is None or loaded.same_size(self.paper):
            self.paper_bar.hide()
            return
        noun, own = _(self.printed.noun), self.paper.name
        scale = percent(loaded.fit_scale(self.paper.width, self.paper.height))
        self.paper_label.setText(
            _("“{printer}” is set to {name} paper; this {noun} is on {own}.").format(
                printer=self.printer.printerName(), name=loaded.name, noun=noun, own=own
            )
        )
        self.own_paper.setText(
            _("Use the {noun}'s paper: {own}, full size (load {own} paper)").format(
                noun=noun, own=own
            )
        )
        self.fit_paper.setText(
            _("Fit to the printer's paper: {name}, at {scale}").format(
                name=loaded.name, scale=scale
            )
        )
        self.paper_bar.show()

    def _paper_chosen(self) -> None:
        chosen = self._printer_paper if self.fit_paper.isChecked() else None
        set_sheet(self.printer, chosen or self.paper, self.document)
        self.preview.updatePreview()

    # Preview
    def _paint(self, printer: QPrinter) -> None:
        paint_pdf(self.document, printer, dpi=PREVIEW_DPI)

    def _go(self, step: int) -> None:
        page = min(max(1, self.preview.currentPage() + step), self.preview.pageCount())
        self.preview.setCurrentPage(page)
        self._show_page_number()

    def _show_page_number(self) -> None:
        self.page_label.setText(
            _("  Page {page} of {pages}  ").format(
                page=self.preview.currentPage(), pages=self.page_count
            )
        )

    def sheet(self) -> Paper:
        """The paper the preview shows the pages on."""
        return paper_of(self.printer.pageLayout().pageSize())

    # Printing
    def open_print_dialog(self) -> QPrintDialog:
        """The system's print dialog on this preview's printer (not blocking)."""
        dialog = QPrintDialog(self.printer, self)
        named(dialog, "printDialog", _("Print {title}").format(title=self.title))
        dialog.setWindowTitle(_("Print — {title}").format(title=self.title))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, True)
        dialog.setMinMax(1, self.page_count)
        previewed = (self.printer.printerName(), self.sheet())
        dialog.finished.connect(lambda result: self._dialog_closed(result, previewed))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        QDialog.open(dialog)  # QPrintDialog.open() wants a slot to call
        return dialog

    def _dialog_closed(self, result: int, previewed: tuple[str, Paper]) -> None:
        if result != QDialog.DialogCode.Accepted:
            return
        sheet = self.sheet()
        loaded = printer_paper(self.printer)
        if (
            sheet.same_size(previewed[1])
            or loaded is None
            or not sheet.same_size(loaded)
            or loaded.same_size(self.paper)
        ):
            # As previewed, or a paper the owner picked in the dialog.
            self.send()
            return
        # Another printer, whose paper Qt put in for the document's: ask.
        self._ask_paper(loaded)

    def _ask_paper(self, loaded: Paper) -> None:
        noun, own = _(self.printed.noun), self.paper.name
        scale = percent(loaded.fit_scale(self.paper.width, self.paper.height))
        box = message_box(
            self,
            QMessageBox.Icon.Question,
            _("Which paper?"),
            _("“{printer}” is set to {name} paper; this {noun} is on {own}.").format(
                printer=self.printer.printerName(), name=loaded.name, noun=noun, own=own
            ),
            QMessageBox.StandardButton.Cancel,
        )
        box.setInformativeText(
            _(
                "Use the {noun}'s paper to print it at full size on {own} (load {own} paper), "
                "or fit it to {name} at {scale}."
            ).format(noun=noun, own=own, name=loaded.name, scale=scale)
        )
        fit = box.addButton(_("Fit to the printer's paper"), QMessageBox.ButtonRole.AcceptRole)
        own_button = box.addButton(
            _("Use the {noun}'s paper").format(noun=noun), QMessageBox.ButtonRole.AcceptRole
        )
        fit.setObjectName("fitPaperButton")
        own_button.setObjectName("ownPaperButton")
        box.setDefaultButton(own_button)
        box.setObjectName("paperQuestion")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered() -> None:
            clicked = box.clickedButton()
            if clicked not in (fit, own_button):
                return
            set_sheet(self.printer, loaded if clicked is fit else self.paper, self.document)
            self.send()

        box.finished.connect(answered)
        box.open()
        self.message = box

    def send(self) -> bool:
        """Print with the printer's current choices; accept, or say why not and stay open."""
        progress: list[QProgressDialog] = []

        def advance(done: int, total: int) -> bool:
            # Only drawing pages through Qt reports progress; CUPS takes the file at once.
            if not progress:
                progress.append(QProgressDialog(_("Printing…"), _("Stop"), 0, total, self))
                progress[0].setObjectName("printProgress")
                progress[0].setWindowModality(Qt.WindowModality.WindowModal)
                progress[0].setMinimumDuration(800)
            progress[0].setLabelText(
                _("Printing page {number} of {total}…").format(number=done + 1, total=total)
            )
            progress[0].setValue(done)
            return not progress[0].wasCanceled()

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            request = print_request(self.printer, self.title, self.preview.currentPage())
            self.outcome = print_document(
                self.pdf_path, self.document, self.printer, request, self.printed, progress=advance
            )
        except UserError as error:
            self._warn(str(error))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
            for dialog in progress:
                dialog.close()
                dialog.deleteLater()
        self.accept()
        return True

    def _warn(self, text: str) -> None:
        box = message_box(self, QMessageBox.Icon.Warning, _("Cannot print"), text)
        box.setObjectName("printRefused")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.message = box


def open_print_preview(
    write: Callable[[Path], object],
    file_name: str,
    title: str,
    parent: QWidget | None = None,
    *,
    object_name: str = "printPreviewDialog",
    noun: str = N_("document"),
) -> PdfPrintPreview:
    """Write a PDF with `write(path)` (the export's own function) into a scratch
    folder and open its print preview (not blocking). The folder goes when the
    preview closes. A UserError (the PDF could not be written or read) leaves
    nothing behind and reaches the caller. `noun` names the document in what
    the preview says ("this brief is on A4")."""
    folder = Path(tempfile.mkdtemp(prefix="offload-print-"))
    try:
        path = folder / file_name
        write(path)
        dialog = PdfPrintPreview(path, title, parent, object_name, noun)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.destroyed.connect(lambda: shutil.rmtree(folder, ignore_errors=True))
    dialog.open()
    return dialog
