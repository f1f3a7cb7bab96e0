"""The side-by-side comparison of 2-5 contractors as a PDF (export and print).

One table: a column per contractor, a row per piece of evidence (rate,
source, references checked, portfolio, interview scores, notes; for a
brief, the shared working hours, the screening answers and the paid trial
under a band each), the
leading value of each measurable row in bold on a tinted cell. Long notes
are cut to keep the table readable; a row still taller than a page (a
long unbroken string in a narrow column, with five contractors) is split
across pages rather than failing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from desktop_app.models.contractors import Comparison
from desktop_app.models.formats import day
from desktop_app.models.i18n import _
from desktop_app.models.settings import load_settings
from desktop_app.pdf.common import (
    ACCENT,
    FONT_BOLD,
    MARGIN,
    RULE,
    PageFrame,
    Paragraph,
    build_pdf,
    page_dimensions,
    paragraph,
    styles,
    text,
)

# A cell holds at most this many characters: the table stays a comparison, not a dossier.
MAX_CELL_CHARACTERS = 900
BEST_TINT = colors.HexColor("#e6f4f1")
LABEL_TINT = colors.HexColor("#f5f7fa")


def _cut(value: str) -> str:
    if len(value) <= MAX_CELL_CHARACTERS:
        return value
    return value[: MAX_CELL_CHARACTERS - 1].rstrip() + "…"


def write_comparison_pdf(comparison: Comparison, destination: Path) -> Path:
    """Write `comparison` to `destination` (replaced only when the whole PDF is written)."""
    settings = load_settings()
    sheet = styles()
    cell_style = sheet["Small"].clone("Cell", textColor=sheet["Body"].textColor, fontSize=8.5)
    best_style = cell_style.clone("BestCell", fontName=FONT_BOLD)
    label_style = sheet["Label"].clone("RowLabel", fontSize=8.5, leading=11)
    head_style = sheet["Label"].clone("Head", fontSize=9.5, leading=12, textColor=ACCENT)

    title = _("Contractors side by side")
    subtitle = ", ".join(comparison.names)
    if comparison.brief_title:
        subtitle = _("For “{brief}”: {names}").format(brief=comparison.brief_title, names=subtitle)
    story: list[Flowable] = [
        Paragraph(text(title), sheet["Title"]),
        paragraph(subtitle, sheet["Subtitle"]),
        Spacer(1, 6 * mm),
    ]
    # A row's cells: a paragraph each, or "" under a heading's band.
    data: list[list[Paragraph | str]] = [
        [Paragraph("", label_style), *(paragraph(n, head_style) for n in comparison.names)]
    ]
    best_cells = []
    headings = []
    for row_number, row in enumerate(comparison.rows, start=1):
        if row.heading:
            # A group of lines (the paid trial, the screening answers): one band.
            data.append([paragraph(row.label, head_style), *([""] * len(row.values))])
            headings.append(row_number)
            continue
        cells: list[Paragraph | str] = [paragraph(row.label, label_style)]
        for column, value in enumerate(row.values, start=1):
            is_best = column - 1 in row.best
            cells.append(paragraph(_cut(value), best_style if is_best else cell_style))
            if is_best:
                best_cells.append((column, row_number))
        data.append(cells)
    # Landscape: five columns of evidence need the width.
    page_width = page_dimensions(settings.page_size, landscape=True)[0]
    usable = page_width - 2 * MARGIN
    # Screening questions and rubric lines are sentences: give them room.
    long_labels = any(len(row.label) > 40 for row in comparison.rows if not row.heading)
    label_width = (62 if long_labels else 36) * mm
    column_width = (usable - label_width) / len(comparison.names)
    table = Table(
        data,
        colWidths=[label_width] + [column_width] * len(comparison.names),
        repeatRows=1,
        # A row taller than the page is split across pages (at least 1 pt a part).
        splitInRow=1,
    )
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 1, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("BACKGROUND", (0, 1), (0, -1), LABEL_TINT),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    commands += [("BACKGROUND", cell, cell, BEST_TINT) for cell in best_cells]
    for row_number in headings:
        commands += [
            ("SPAN", (0, row_number), (-1, row_number)),
            ("BACKGROUND", (0, row_number), (-1, row_number), colors.white),
            ("LINEBELOW", (0, row_number), (-1, row_number), 0.8, ACCENT),
            ("TOPPADDING", (0, row_number), (-1, row_number), 8),
        ]
    table.setStyle(TableStyle(commands))
    story.append(table)
    story.append(Spacer(1, 4 * mm))
    story.append(
        paragraph(
            (
                _(
                    "Bold on a tinted cell: the best value of that row. Scores are averages of "
                    "the interviews on record (1 to 5) for “{brief}”; a trial's scores are its "
                    "own, one per line of its rubric. Rates are compared only when all are in "
                    "the same currency and unit."
                ).format(brief=comparison.brief_title)
                if comparison.brief_title
                else _(
                    "Bold on a tinted cell: the best value of that row. Scores are averages of "
                    "the interviews on record (1 to 5); a trial's scores are its own, one per "
                    "line of its rubric. Rates are compared only when all are in the same "
                    "currency and unit."
                )
            ),
            sheet["Small"],
        )
    )
    frame = PageFrame(
        header_left=settings.business_name or "Offload",
        header_right=title,
        footer_left=_("Printed {date}").format(date=day(date.today())),
    )
    return build_pdf(
        destination,
        story,
        frame=frame,
        title=title,
        page_size=settings.page_size,
        author=settings.owner_name,
        landscape=True,
    )
