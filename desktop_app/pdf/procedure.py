"""Procedures in PDF: a section per procedure, steps numbered, checks beside them.

`procedure_section` is what the brief's appendix prints for each task it
hands off; `write_procedure_pdf` prints one procedure alone (the task's
menu, `offload export-procedure NAME OUT.pdf`). A step is one drawn row:
its number, what to do (with detail and link below), and at the right,
beside a box to tick, how to tell it was done right. A row is kept whole
across a page break; one taller than a page prints its check below it, so
it can split like any paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle

from desktop_app.models.formats import day
from desktop_app.models.i18n import _, count
from desktop_app.models.procedure_content import (
    ProcedureData,
    StepData,
    duration_text,
    list_items,
)
from desktop_app.models.settings import Settings, load_settings
from desktop_app.pdf.common import (
    ACCENT,
    FONT_BOLD,
    INK,
    MARGIN,
    PAGE_SIZES,
    RULE,
    PageCounter,
    PageFrame,
    Paragraph,
    Styles,
    build_pdf,
    fit,
    styles,
    text,
)

CHECK_BACKGROUND = colors.HexColor("#eef6f5")
DONE_BACKGROUND = colors.HexColor("#f3f6f8")
# The share of the width the check column takes.
CHECK_SHARE = 0.36


@dataclass(frozen=True)
class ProcedurePdf:
    path: Path
    pages: int


def procedure_styles(sheet: Styles | None = None) -> Styles:
    """The common styles plus those a procedure needs."""
    sheet = sheet or styles()
    body = sheet["Body"]
    for name, style in (
        ("StepText", ParagraphStyle("StepText", parent=body, fontName=FONT_BOLD)),
        (
            "StepDetail",
            ParagraphStyle("StepDetail", parent=body, fontSize=9, leading=12.5, textColor=INK),
        ),
        (
            "StepLink",
            ParagraphStyle("StepLink", parent=body, fontSize=8.5, leading=11, textColor=ACCENT),
        ),
        (
            "CheckText",
            ParagraphStyle("CheckText", parent=body, fontSize=8.5, leading=11.5, textColor=INK),
        ),
        (
            "ProcedureLabel",
            ParagraphStyle(
                "ProcedureLabel", parent=body, fontName=FONT_BOLD, fontSize=9, leading=12
            ),
        ),
        (
            "ProcedureTitle",
            ParagraphStyle(
                "ProcedureTitle",
                parent=sheet["Heading"],
                fontSize=14,
                leading=18,
                spaceBefore=4,
                keepWithNext=True,
            ),
        ),
    ):
        sheet.setdefault(name, style)
    return sheet


class _StepRow(Flowable):
    """One step: number, what to do, and its check beside it, a rule below."""

    PAD = 5
    GAP = 8

    def __init__(
        self,
        number: str,
        content: list[Flowable],
        check: list[Flowable],
        number_width: float,
    ) -> None:
        super().__init__()
        self.number = number
        self.content = content
        self.check = check
        self.number_width = number_width
        self.content_heights: list[float] = []
        self.check_heights: list[float] = []

    def _widths(self, width: float) -> tuple[float, float]:
        check = width * CHECK_SHARE if self.check else 0
        return width - self.number_width - check - (self.GAP if self.check else 0), check

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        content_width, check_width = self._widths(available_width)
        self.content_heights = [f.wrap(content_width, available_height)[1] for f in self.content]
        self.check_heights = [f.wrap(check_width - 18, available_height)[1] for f in self.check]
        inner = max(sum(self.content_heights), sum(self.check_heights) + 4)
        self.height = 2 * self.PAD + inner
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        # Kept whole: on the next page. A step taller than a page is handled
        # before it gets here (see `step_rows`).
        return []

    def draw(self) -> None:
        canvas = self.canv
        check_width = self._widths(self.width)[1]
        top = self.height - self.PAD
        canvas.setFont(FONT_BOLD, 10)
        canvas.setFillColor(INK)
        canvas.drawRightString(self.number_width - 6, top - 10, self.number)
        y = top
        for item, height in zip(self.content, self.content_heights, strict=True):
            y -= height
            item.drawOn(canvas, self.number_width, y)
        if self.check:
            x = self.width - check_width
            inner = sum(self.check_heights) + 4
            canvas.setFillColor(CHECK_BACKGROUND)
            canvas.rect(x, top - inner, check_width, inner, stroke=0, fill=1)
            # A box to tick once the check holds.
            canvas.setStrokeColor(ACCENT)
            canvas.setLineWidth(0.8)
            canvas.rect(x + 5, top - 13, 8, 8, stroke=1, fill=0)
            y = top - 2
            for item, height in zip(self.check, self.check_heights, strict=True):
                y -= height
                item.drawOn(canvas, x + 17, y)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(0, 0, self.width, 0)


def _step_content(step: StepData, sheet: Styles) -> list[Flowable]:
    content: list[Flowable] = [Paragraph(text(step.text.strip()), sheet["StepText"])]
    for block in step.detail.replace("\r\n", "\n").split("\n\n"):
        if block.strip():
            content.append(Paragraph(text(block.strip()), sheet["StepDetail"]))
    if step.link.strip():
        content.append(
            Paragraph(
                _("<b>See:</b> {link}").format(link=text(step.link.strip())), sheet["StepLink"]
            )
        )
    if step.seconds is not None:
        content.append(
            Paragraph(
                text(_("Took about {time}").format(time=duration_text(step.seconds))),
                sheet["Small"],
            )
        )
    return content


def step_rows(
    steps: list[StepData], sheet: Styles, width: float, page_height: float
) -> list[Flowable]:
    """Every step as a row: number, what to do, and its check beside it."""
    number_width = stringWidth(f"{len(steps)}.", FONT_BOLD, 10) + 8
    rows: list[Flowable] = []
    for number, step in enumerate(steps, start=1):
        content = _step_content(step, sheet)
        check: list[Flowable] = (
            [
                Paragraph(
                    _("<b>Check:</b> {check}").format(check=text(step.check.strip())),
                    sheet["CheckText"],
                )
            ]
            if step.check.strip()
            else []
        )
        row = _StepRow(f"{number}.", content, check, number_width)
        if row.wrap(width, page_height)[1] <= page_height:
            rows.append(row)
            continue
        # Taller than a page: the step's paragraphs one after the other, the
        # check last, so they split across pages like any text.
        rows.append(_StepRow(f"{number}.", content[:1], check, number_width))
        rows.extend(content[1:])
        rows.append(Spacer(0, 4))
    return rows


def _facts(data: ProcedureData, sheet: Styles, width: float, owner_time: str) -> list[Flowable]:
    """Tools, inputs, outputs and time, in a shaded table of up to three columns."""
    columns = []
    for label, value in (
        (_("Tools and accounts"), data.tools),
        (_("Inputs"), data.inputs),
        (_("Outputs"), data.outputs),
    ):
        items = list_items(value)
        if items:
            cell = [Paragraph(text(label), sheet["ProcedureLabel"])]
            cell += [Paragraph(text(item), sheet["Bullet"], bulletText="•") for item in items]
            columns.append(cell)
    times = []
    if owner_time:
        times.append(owner_time)
    recorded = data.recorded_seconds
    if recorded is not None:
        times.append(_("Recorded step by step: {time} in all").format(time=duration_text(recorded)))
    flowables: list[Flowable] = []
    if columns:
        table = Table([columns], colWidths=[width / len(columns)] * len(columns))
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), DONE_BACKGROUND),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        flowables.append(table)
    for line in times:
        flowables.append(Paragraph(text(line), sheet["Small"]))
    return flowables


def procedure_section(
    data: ProcedureData,
    sheet: Styles,
    width: float,
    page_height: float,
    *,
    heading: str,
    owner_time: str = "",
) -> list[Flowable]:
    """One procedure: its heading, purpose, facts, numbered steps and "done when"."""
    sheet = procedure_styles(sheet)
    story: list[Flowable] = [
        CondPageBreak(45 * mm),
        Paragraph(text(heading), sheet["ProcedureTitle"]),
    ]
    if (
        data.title.strip()
        and data.task_name.strip()
        and data.title.strip() != data.task_name.strip()
    ):
        story.append(
            Paragraph(
                text(_("The task “{name}”").format(name=data.task_name.strip())), sheet["Small"]
            )
        )
    if data.purpose.strip():
        story.append(Spacer(0, 3))
        story.append(
            Paragraph(
                _("<b>Purpose:</b> {purpose}").format(purpose=text(data.purpose.strip())),
                sheet["Body"],
            )
        )
    facts = _facts(data, sheet, width, owner_time)
    if facts:
        story.append(Spacer(0, 6))
        story += facts
    steps = [step for step in data.steps if step.text.strip()]
    if steps:
        story.append(Spacer(0, 6))
        story.append(
            Paragraph(
                text(
                    count(
                        len(steps),
                        "{count} step, in order. Tick its check when it is done.",
                        "Steps ({count}), in order. Tick each check as you go.",
                    )
                ),
                sheet["ProcedureLabel"],
            )
        )
        story.append(Spacer(0, 2))
        story += step_rows(steps, sheet, width, page_height)
    if data.done_when.strip():
        done = Table(
            [
                [
                    Paragraph(
                        _("<b>Done when:</b> {done}").format(done=text(data.done_when.strip())),
                        sheet["Body"],
                    )
                ]
            ],
            colWidths=[width],
        )
        done.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), CHECK_BACKGROUND),
                    ("LINEBEFORE", (0, 0), (0, -1), 2, ACCENT),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                ]
            )
        )
        story.append(Spacer(0, 8))
        story.append(KeepTogether([done]))
    return story


def write_procedure_pdf(
    data: ProcedureData,
    destination: Path,
    *,
    owner_time: str = "",
    settings: Settings | None = None,
    exported_on: date | None = None,
) -> ProcedurePdf:
    """Write one procedure to `destination` (replaced only on success)."""
    settings = settings or load_settings()
    exported_on = exported_on or date.today()
    page_width, page_height = PAGE_SIZES.get(settings.page_size, PAGE_SIZES["a4"])
    width = page_width - 2 * MARGIN
    sheet = procedure_styles()
    who = settings.business_name.strip() or settings.owner_name.strip()
    kicker = _("{who} · PROCEDURE").format(who=who.upper()) if who else _("PROCEDURE")
    story: list[Flowable] = [
        Paragraph(text(kicker), ParagraphStyle("Kicker", parent=sheet["Small"], textColor=ACCENT)),
        Spacer(0, 2),
    ]
    story += procedure_section(
        data,
        sheet,
        width,
        page_height - 2 * MARGIN,
        heading=data.shown_title,
        owner_time=owner_time,
    )[1:]
    counter = PageCounter()
    story.append(counter)
    build_pdf(
        destination,
        story,
        frame=PageFrame(
            header_left=fit(who, width * 0.42),
            header_right=fit(data.shown_title, width * 0.55),
            footer_left=_("Procedure · {date}").format(date=day(exported_on)),
        ),
        title=data.shown_title,
        page_size=settings.page_size,
        author=settings.owner_name.strip(),
    )
    return ProcedurePdf(destination, counter.pages)
