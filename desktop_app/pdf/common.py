"""What every Offload PDF shares: fonts for every script, the styles, a
header and "Page N of M" footer, safe text, and writing the file atomically.

Every style names the DejaVu Sans family shipped in resources/fonts;
`Paragraph` (pdf/scripts.py) sets each character DejaVu lacks in the first
fallback font that has it, shapes and orders right-to-left text, and
breaks lines of Chinese, Japanese, Korean and Thai. Documents build their
text with this `Paragraph` (never ReportLab's own), so a new PDF gets all
of that for free. User text goes through `text()` so "<", "&" and ">"
print literally.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from desktop_app.exporters.files import atomic_destination
from desktop_app.models.i18n import _
from desktop_app.models.progress import Progress
from desktop_app.pdf.fonts import FONT, FONT_BOLD, FONT_BOLD_ITALIC, FONT_ITALIC, register_fonts
from desktop_app.pdf.scripts import Paragraph, is_simple, text_width

__all__ = [
    "FONT",
    "FONT_BOLD",
    "FONT_BOLD_ITALIC",
    "FONT_ITALIC",
    "Paragraph",
    "fit",
    "register_fonts",
]

PAGE_SIZES = {"a4": A4, "letter": LETTER}

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#616e7c")
ACCENT = colors.HexColor("#0f766e")
RULE = colors.HexColor("#cbd2d9")

MARGIN = 20 * mm


def fit(value: str, width: float, size: float = 8.5, font: str = FONT) -> str:
    """`value` on one line, cut with an ellipsis to fit `width` points."""
    value = " ".join(value.split())
    if text_width(value, font, size) <= width:
        return value
    low, high = 0, len(value)
    # Binary search: shaping makes each measure cost more than a sum of widths.
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(value[:middle].rstrip() + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return value[:low].rstrip() + "…"


def text(value: object) -> str:
    """User text made safe for Paragraph markup; line breaks kept."""
    return escape("" if value is None else str(value)).replace("\n", "<br/>")


# The styles by name ("Body", "Small", "Title", "Subtitle", "Heading",
# "Label", "Bullet"): a plain dict, since ReportLab's StyleSheet1 is typed
# as holding any kind of style.
Styles = dict[str, ParagraphStyle]


def styles() -> Styles:
    """The paragraph styles every Offload PDF uses."""
    register_fonts()
    base = ParagraphStyle(
        "Body", fontName=FONT, fontSize=10, leading=14, textColor=INK, alignment=TA_LEFT
    )
    sheet = (
        base,
        ParagraphStyle("Small", parent=base, fontSize=8.5, leading=11, textColor=MUTED),
        ParagraphStyle(
            "Title", parent=base, fontName=FONT_BOLD, fontSize=20, leading=25, spaceAfter=4
        ),
        ParagraphStyle("Subtitle", parent=base, fontSize=11, leading=15, textColor=MUTED),
        ParagraphStyle(
            "Heading",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=12.5,
            leading=16,
            textColor=ACCENT,
            spaceBefore=12,
            spaceAfter=4,
            keepWithNext=True,
        ),
        ParagraphStyle("Label", parent=base, fontName=FONT_BOLD, fontSize=9, leading=12),
        ParagraphStyle("Bullet", parent=base, leftIndent=12, bulletIndent=2),
    )
    return {style.name: style for style in sheet}


class PageCounter(Flowable):
    """Zero-size; put last in a story, it remembers the page it was drawn on:
    how many pages the document has."""

    def __init__(self) -> None:
        super().__init__()
        self.pages = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        # The document being built, which ReportLab hangs on its canvas (not in its stubs).
        self.pages = self.canv._doctemplate.page  # type: ignore[attr-defined]


@dataclass(frozen=True)
class PageFrame:
    """What is printed on every page around the content."""

    header_left: str  # e.g. the business name
    header_right: str  # e.g. the document's title
    footer_left: str = ""  # e.g. "Exported 26 Nov 2026"


def _numbered_canvas(frame: PageFrame) -> type[Canvas]:
    """A canvas that draws header and "Page N of M" once it knows M."""

    class NumberedCanvas(Canvas):
        # Canvas's own attributes that ReportLab's stubs leave out.
        _pagesize: tuple[float, float]
        _startPage: Callable[[], None]  # noqa: N815 (ReportLab's name)

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            # Keep the page's state; draw it in save(), once the count is known.
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._draw_frame(number, total)
                super().showPage()
            super().save()

        def _draw_frame(self, number: int, total: int) -> None:
            width, height = self._pagesize
            inner = width - 2 * MARGIN
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, height - 14 * mm, width - MARGIN, height - 14 * mm)
            self.line(MARGIN, 14 * mm, width - MARGIN, 14 * mm)
            # Names and titles are the owner's text, in any script: drawn as
            # one-line paragraphs, which set every character in a font that has it.
            self._draw_line(frame.header_left, MARGIN, height - 12 * mm, inner * 0.42)
            right = MARGIN + inner * 0.45
            self._draw_line(frame.header_right, right, height - 12 * mm, inner * 0.55, TA_RIGHT)
            self._draw_line(frame.footer_left, MARGIN, 10 * mm, inner * 0.6)
            page = _("Page {number} of {total}").format(number=number, total=total)
            self._draw_line(page, right, 10 * mm, inner * 0.55, TA_RIGHT)
            self.restoreState()

        def _draw_line(
            self, value: str, x: float, y: float, width: float, alignment: Literal[0, 2] = TA_LEFT
        ) -> None:
            if not value:
                return
            value = fit(value, width)
            if is_simple(value):
                # The common case, without a paragraph's cost on every page.
                self.setFont(FONT, 8.5)
                self.setFillColor(MUTED)
                draw = self.drawRightString if alignment == TA_RIGHT else self.drawString
                draw(x + width if alignment == TA_RIGHT else x, y, value)
                return
            style = ParagraphStyle(
                "Frame", fontName=FONT, fontSize=8.5, leading=10, textColor=MUTED
            )
            style.alignment = alignment
            line = Paragraph(text(value), style)
            line.wrapOn(self, width, 20)
            # drawOn's y is the bottom of the paragraph; the baseline sits a descent above it.
            line.drawOn(self, x, y - (style.leading - style.fontSize))

    return NumberedCanvas


def build_pdf(
    destination: Path,
    story: Sequence[Flowable],
    *,
    frame: PageFrame,
    title: str,
    page_size: str = "a4",
    author: str = "",
    landscape: bool = False,
    progress: Progress | None = None,
) -> Path:
    """Lay out `story` into a PDF at `destination`, replacing it only on success.

    Raises UserError when the folder cannot be written; an existing file is
    then left as it was. `progress(done, total)` follows the story's pieces
    as they are laid out; it may raise `Cancelled`, which leaves the file as
    it was too.
    """
    register_fonts()
    with atomic_destination(destination) as partial:
        document = SimpleDocTemplate(
            str(partial),
            pagesize=page_dimensions(page_size, landscape=landscape),
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=title,
            author=author,
            creator="Offload",
        )
        if progress is not None:
            document.setProgressCallBack(_layout_progress(progress))
        document.build(list(story), canvasmaker=_numbered_canvas(frame))
    return destination


def _layout_progress(progress: Progress) -> Callable[[str, int], None]:
    """ReportLab's layout callback ("SIZE_EST" then "PROGRESS" with the piece
    laid out) as progress(done, total)."""
    total = 0

    def report(kind: str, value: int) -> None:
        nonlocal total
        if kind == "SIZE_EST":
            total = value
        elif kind == "PROGRESS" and total:
            progress(min(value, total), total)

    return report


def page_dimensions(page_size: str, *, landscape: bool = False) -> tuple[float, float]:
    """(width, height) in points of the named paper, turned sideways for wide tables."""
    width, height = PAGE_SIZES.get(page_size, A4)
    return (max(width, height), min(width, height)) if landscape else (width, height)


def paragraph(value: object, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of user text (escaped), in `style`."""
    return Paragraph(text(value), style)
