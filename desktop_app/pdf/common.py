"""What every Offload PDF shares: the embedded Unicode font, the styles, a
header and "Page N of M" footer, safe text, and writing the file atomically.

ReportLab's built-in fonts cannot show Cyrillic or Greek, so every style
uses the DejaVu Sans family shipped in resources/fonts. User text goes
through `text()` so "<", "&" and ">" print literally.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

from desktop_app.assets import resource_path
from desktop_app.exporters.files import atomic_destination

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"

PAGE_SIZES = {"a4": A4, "letter": LETTER}

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#616e7c")
ACCENT = colors.HexColor("#0f766e")
RULE = colors.HexColor("#cbd2d9")

MARGIN = 20 * mm


def register_fonts() -> None:
    """Register the DejaVu Sans family once, so <b> and <i> map to real faces."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    for name in (FONT, FONT_BOLD, FONT_ITALIC, FONT_BOLD_ITALIC):
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", f"{name}.ttf"))))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
    )


def text(value: object) -> str:
    """User text made safe for Paragraph markup; line breaks kept."""
    return escape("" if value is None else str(value)).replace("\n", "<br/>")


def styles() -> StyleSheet1:
    """The paragraph styles every Offload PDF uses."""
    register_fonts()
    sheet = StyleSheet1()
    base = ParagraphStyle(
        "Body", fontName=FONT, fontSize=10, leading=14, textColor=INK, alignment=TA_LEFT
    )
    sheet.add(base)
    sheet.add(ParagraphStyle("Small", parent=base, fontSize=8.5, leading=11, textColor=MUTED))
    sheet.add(
        ParagraphStyle(
            "Title", parent=base, fontName=FONT_BOLD, fontSize=20, leading=25, spaceAfter=4
        )
    )
    sheet.add(ParagraphStyle("Subtitle", parent=base, fontSize=11, leading=15, textColor=MUTED))
    sheet.add(
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
        )
    )
    sheet.add(ParagraphStyle("Label", parent=base, fontName=FONT_BOLD, fontSize=9, leading=12))
    sheet.add(ParagraphStyle("Bullet", parent=base, leftIndent=12, bulletIndent=2))
    return sheet


@dataclass(frozen=True)
class PageFrame:
    """What is printed on every page around the content."""

    header_left: str  # e.g. the business name
    header_right: str  # e.g. the document's title
    footer_left: str = ""  # e.g. "Exported 26 Nov 2026"


def _numbered_canvas(frame: PageFrame) -> type[Canvas]:
    """A canvas that draws header and "Page N of M" once it knows M."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

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
            self.saveState()
            self.setFont(FONT, 8.5)
            self.setFillColor(MUTED)
            self.drawString(MARGIN, height - 12 * mm, frame.header_left)
            self.drawRightString(width - MARGIN, height - 12 * mm, frame.header_right)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, height - 14 * mm, width - MARGIN, height - 14 * mm)
            self.line(MARGIN, 14 * mm, width - MARGIN, 14 * mm)
            if frame.footer_left:
                self.drawString(MARGIN, 10 * mm, frame.footer_left)
            self.drawRightString(width - MARGIN, 10 * mm, f"Page {number} of {total}")
            self.restoreState()

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
) -> Path:
    """Lay out `story` into a PDF at `destination`, replacing it only on success.

    Raises UserError when the folder cannot be written; an existing file is
    then left as it was.
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
        document.build(list(story), canvasmaker=_numbered_canvas(frame))
    return destination


def page_dimensions(page_size: str, *, landscape: bool = False) -> tuple[float, float]:
    """(width, height) in points of the named paper, turned sideways for wide tables."""
    width, height = PAGE_SIZES.get(page_size, A4)
    return (max(width, height), min(width, height)) if landscape else (width, height)


def paragraph(value: object, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of user text (escaped), in `style`."""
    return Paragraph(text(value), style)
