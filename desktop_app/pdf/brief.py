"""The brief as a PDF a contractor can work from.

One layout, used by File > Export brief as PDF…, by printing (the print
preview renders this very file) and by `offload export-brief`. The key
facts come first (deadline, budget, reporting, autonomy), then the job,
the expectations in priority order with their level and measure (a row
each, which a page break never cuts in two), and the rest of the brief.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer, Table, TableStyle

from desktop_app.models.brief_changes import format_value
from desktop_app.models.brief_vocabulary import (
    DELEGATION_LABELS,
    BriefData,
    BudgetBasis,
    Delegation,
    ExpectationData,
    Level,
)
from desktop_app.models.briefs import load_brief
from desktop_app.models.formats import day, full_day, long_day, money
from desktop_app.models.i18n import N_, _, count, written_in
from desktop_app.models.procedure_versions import record_brief_sent
from desktop_app.models.procedures import owner_time, owner_time_text
from desktop_app.models.progress import Progress
from desktop_app.models.settings import Settings, load_settings
from desktop_app.models.text import list_items
from desktop_app.pdf.common import (
    ACCENT,
    FONT_BOLD,
    INK,
    MARGIN,
    MUTED,
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
from desktop_app.pdf.procedure import procedure_section

# Each level gets a tinted badge whose word still reads in black and white.
LEVEL_BADGES = {
    Level.MUST: (N_("MUST"), colors.HexColor("#fde4e1"), colors.HexColor("#9f1c16")),
    Level.SHOULD: (N_("SHOULD"), colors.HexColor("#fdf0cf"), colors.HexColor("#8a4a05")),
    Level.NICE: (N_("NICE"), colors.HexColor("#e6eaf0"), colors.HexColor("#3d4b5c")),
}
FACTS_BACKGROUND = colors.HexColor("#f3f6f8")

LEVEL_LEGEND = N_(
    "Listed from most to least important. <b>Must</b>: required for the work to be "
    "accepted. <b>Should</b>: expected unless we agree otherwise. <b>Nice</b>: welcome "
    "when time allows."
)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    pages: int


def _brief_styles() -> Styles:
    sheet = styles()
    body = sheet["Body"]
    for style in (
        ParagraphStyle(
            "Kicker", parent=body, fontName=FONT_BOLD, fontSize=8.5, leading=11, textColor=ACCENT
        ),
        ParagraphStyle("FactLabel", parent=body, fontSize=8, leading=10, textColor=MUTED),
        ParagraphStyle("FactValue", parent=body, fontName=FONT_BOLD, fontSize=9.5, leading=12.5),
        ParagraphStyle("Number", parent=body, fontName=FONT_BOLD, alignment=TA_RIGHT),
        ParagraphStyle(
            "Badge", parent=body, fontName=FONT_BOLD, fontSize=7, leading=9, alignment=TA_CENTER
        ),
        ParagraphStyle("Measure", parent=body, fontSize=8.5, leading=11.5, textColor=MUTED),
        ParagraphStyle(
            "Subheading",
            parent=sheet["Label"],
            fontSize=10,
            leading=13,
            spaceBefore=6,
            spaceAfter=2,
            keepWithNext=True,
        ),
    ):
        sheet[style.name] = style
    return sheet


def _paragraphs(value: str, style: ParagraphStyle) -> list[Flowable]:
    """Free text as paragraphs: a blank line starts a new one."""
    blocks = [block.strip() for block in value.replace("\r\n", "\n").split("\n\n")]
    return [Paragraph(text(block), style) for block in blocks if block]


def _bullets(value: str, sheet: Styles) -> list[Flowable]:
    return [Paragraph(text(item), sheet["Bullet"], bulletText="•") for item in list_items(value)]


def budget_text(data: BriefData) -> str:
    """ "$1,200.00, fixed price" / "35,00 € per hour"; "" without a budget."""
    if data.budget is None:
        return ""
    basis = BudgetBasis(data.budget_basis)
    amount = money(data.budget, data.currency)
    if basis is BudgetBasis.FIXED:
        return _("{amount}, fixed price").format(amount=amount)
    if basis is BudgetBasis.HOURLY:
        return _("{amount} per hour").format(amount=amount)
    return _("{amount} per month").format(amount=amount)


def _facts(data: BriefData) -> list[tuple[str, str]]:
    facts = []
    if data.deadline is not None:
        facts.append((_("Deadline"), long_day(data.deadline)))
    if data.budget is not None:
        facts.append((_("Budget"), budget_text(data)))
    if data.report_every_days is not None:
        facts.append(
            (_("Progress reports"), format_value("report_every_days", data.report_every_days))
        )
    if data.revision_rounds is not None:
        rounds = data.revision_rounds
        facts.append(
            (
                _("Revisions included"),
                _("none") if rounds == 0 else count(rounds, "{count} round", "{count} rounds"),
            )
        )
    facts.append((_("Your autonomy"), _(DELEGATION_LABELS[Delegation(data.delegation_level)])))
    if data.working_hours.strip():
        facts.append((_("Working hours"), data.working_hours.strip()))
    return facts


def _facts_table(data: BriefData, sheet: Styles, width: float) -> Table:
    facts = _facts(data)
    if len(facts) % 2:
        facts.append(("", ""))
    rows = []
    for left, right in zip(facts[0::2], facts[1::2], strict=True):
        rows.append(
            [
                [
                    Paragraph(text(left[0]), sheet["FactLabel"]),
                    Paragraph(text(left[1]), sheet["FactValue"]),
                ],
                [
                    Paragraph(text(right[0]), sheet["FactLabel"]),
                    Paragraph(text(right[1]), sheet["FactValue"]),
                ],
            ]
        )
    table = Table(rows, colWidths=[width / 2, width / 2])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), FACTS_BACKGROUND),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LINEBELOW", (0, 0), (-1, -2), 0.5, colors.white),
            ]
        )
    )
    return table


class _ExpectationRow(Flowable):
    """One expectation: its number, a tinted badge with its level, its text and
    measure, and a rule below. Drawn directly, so each paragraph is wrapped
    once (a table row per expectation re-wraps every cell at each page
    split; this row keeps its paragraphs' heights for as long as its width
    stays the same). Kept whole across a page break unless it is taller than
    a page; then it splits between or inside its paragraphs."""

    PAD = 6

    def __init__(
        self,
        number: str,
        level: str,
        content: list[Flowable],
        columns: tuple[float, float],
        page_height: float,
    ) -> None:
        super().__init__()
        self.number = number
        self.badge = LEVEL_BADGES.get(Level(level), LEVEL_BADGES[Level.SHOULD]) if level else None
        self.content = content
        self.columns = columns
        self.page_height = page_height
        self.heights: list[float] = []
        self._wrapped_width: float | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # A paragraph's height depends on its width alone: ReportLab asks
        # again at each page break, with the same width.
        if available_width != self._wrapped_width:
            self.width = available_width
            text_width = available_width - sum(self.columns)
            self.heights = [item.wrap(text_width, available_height)[1] for item in self.content]
            self.height = 2 * self.PAD + sum(self.heights)
            self._wrapped_width = available_width
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self.wrap(available_width, available_height)
        if self.height <= self.page_height:
            return []  # whole, on the next page
        text_width = available_width - sum(self.columns)
        room = available_height - 2 * self.PAD
        first: list[Flowable] = []
        for index, (item, height) in enumerate(zip(self.content, self.heights, strict=True)):
            if height <= room:
                first.append(item)
                room -= height
                continue
            parts = item.split(text_width, room)
            if parts:
                first.append(parts[0])
                rest = list(parts[1:]) + self.content[index + 1 :]
            else:
                rest = self.content[index:]
            if not first:
                return []
            head = _ExpectationRow(self.number, "", first, self.columns, self.page_height)
            head.badge = self.badge
            return [head, _ExpectationRow("", "", rest, self.columns, self.page_height)]
        return [self]

    def draw(self) -> None:
        # Each ReportLab call costs more than the operator it writes (its
        # numbers are formatted in Python), so a row makes few: its rule and
        # each badge are drawn once per document as forms that every row
        # places, and the paragraphs are drawn in place, one translation
        # each, where drawOn would save and restore the state around each
        # (ReportLab's own drawOn of this row does that once, and each
        # paragraph keeps its own state).
        canvas = self.canv
        number_width, badge_width = self.columns
        top = self.height - self.PAD
        canvas.doForm(_rule_form(canvas, self.width))
        if self.number:
            right = number_width - 6 - _bold_width(self.number, 10)
            label = canvas.beginText(right, top - 10)
            label.setFont(FONT_BOLD, 10)
            label.setFillColor(INK)
            label.textOut(self.number)
            canvas.drawText(label)
        x, y = number_width + badge_width, top
        if self.badge:
            badge_x, badge_y = number_width + 2, top - BADGE_HEIGHT - 1
            canvas.translate(badge_x, badge_y)
            canvas.doForm(_badge_form(canvas, self.badge))
            x, y = x - badge_x, y - badge_y
        for item, item_height in zip(self.content, self.heights, strict=True):
            # To this paragraph's bottom, from where the last step left off.
            canvas.translate(x, y - item_height)
            x = y = 0
            item.canv = canvas
            item.draw()  # type: ignore[attr-defined]  # every Flowable has it; its stubs leave it out
            del item.canv


def _rule_form(canvas: Canvas, width: float) -> str:
    """The name of the form that draws the rule below a row `width` wide."""
    name = f"OffloadRule{width:.3f}"
    if not canvas.hasForm(name):
        canvas.beginForm(name, -1, -1, width + 1, 1)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(0, 0, width, 0)
        canvas.endForm()
    return name


def _badge_form(canvas: Canvas, badge: tuple[str, colors.Color, colors.Color]) -> str:
    """The name of the form that draws `badge` (its tint and word), made
    in `canvas`'s document when first asked for (the word in the language
    being written: one document is in one language)."""
    word, background, ink = badge
    word = _(word)
    # A PDF name: the word's bytes in hex, whatever its script.
    name = f"OffloadBadge{word.encode().hex()}"
    if not canvas.hasForm(name):
        canvas.beginForm(name, -1, -1, BADGE_WIDTH + 1, BADGE_HEIGHT + 1)
        canvas.setFillColor(background)
        canvas.rect(0, 0, BADGE_WIDTH, BADGE_HEIGHT, stroke=0, fill=1)
        canvas.setFillColor(ink)
        canvas.setFont(FONT_BOLD, 7)
        canvas.drawCentredString(BADGE_WIDTH / 2, 4, word)
        canvas.endForm()
    return name


BADGE_WIDTH, BADGE_HEIGHT = 15 * mm, 13


@lru_cache(maxsize=512)
def _bold_width(value: str, size: float) -> float:
    """The width of a row's number ("12.") in bold at `size`."""
    return stringWidth(value, FONT_BOLD, size)


def _expectation_rows(
    expectations: list[ExpectationData], sheet: Styles, page_height: float
) -> list[Flowable]:
    """Every expectation as one row: number, level, text and measure."""
    # The number column fits the longest number ("200.") on one line.
    columns = (_bold_width(f"{len(expectations)}.", 10) + 7, 19 * mm)
    body, measure_style = sheet["Body"], sheet["Measure"]
    rows: list[Flowable] = []
    for number, expectation in enumerate(expectations, start=1):
        content: list[Flowable] = [Paragraph(text(expectation.text.strip()), body)]
        measure = expectation.measure.strip()
        if measure:
            measured = _("<b>Measured by:</b> {measure}").format(measure=text(measure))
            content.append(Paragraph(measured, measure_style))
        rows.append(_ExpectationRow(f"{number}.", expectation.level, content, columns, page_height))
    return rows


def _section(title: str, body: list[Flowable], sheet: Styles) -> list[Flowable]:
    """A heading kept with the first lines of its body."""
    if not body:
        return []
    # The heading style keeps with the next flowable; the conditional break
    # moves a section that would start in the last few lines of a page.
    return [CondPageBreak(30 * mm), Paragraph(text(title), sheet["Heading"]), *body]


def brief_story(
    data: BriefData, settings: Settings, exported_on: date, width: float
) -> list[Flowable]:
    """The flowables of the brief, `width` points wide."""
    sheet = _brief_styles()
    story: list[Flowable] = []
    who = settings.business_name.strip() or settings.owner_name.strip()
    story.append(
        Paragraph(
            text(_("{who} · JOB BRIEF").format(who=who.upper()) if who else _("JOB BRIEF")),
            sheet["Kicker"],
        )
    )
    story.append(Spacer(0, 2))
    story.append(Paragraph(text(data.title.strip()), sheet["Title"]))
    owner = settings.owner_name.strip()
    byline = [_("Prepared by {name}").format(name=owner) if owner else ""]
    # The brief's status (draft, posted…) is the owner's bookkeeping, not the contractor's.
    byline.append(long_day(exported_on))
    story.append(Paragraph(text(" · ".join(part for part in byline if part)), sheet["Subtitle"]))
    story.append(Spacer(0, 10))
    story.append(_facts_table(data, sheet, width))

    job = _paragraphs(data.summary, sheet["Body"])
    if data.skills.strip():
        job.append(
            Paragraph(
                _("<b>Skills needed:</b> {skills}").format(skills=text(data.skills.strip())),
                sheet["Body"],
            )
        )
    story += _section(_("The job"), _with_gaps(job), sheet)

    expectations = [e for e in data.expectations if e.text.strip()]
    if expectations:
        page_height = PAGE_SIZES.get(settings.page_size, PAGE_SIZES["a4"])[1] - 2 * MARGIN
        blocks: list[Flowable] = [
            Paragraph(_(LEVEL_LEGEND), sheet["Small"]),
            Spacer(0, 2),
            *_expectation_rows(expectations, sheet, page_height),
        ]
        story += _section(_("Expectations, in priority order"), blocks, sheet)

    story += _section(_("Deliverables"), _bullets(data.deliverables, sheet), sheet)
    story += _section(
        _("Scope"),
        _labelled_lists(
            [(_("Included"), data.in_scope), (_("Not included"), data.out_of_scope)], sheet
        ),
        sheet,
    )
    success = _labelled_lists(
        [
            (_("What success looks like"), data.success_criteria),
            (_("How the work is accepted"), data.acceptance),
        ],
        sheet,
    )
    if data.revision_rounds is not None:
        rounds = data.revision_rounds
        success.append(Spacer(0, 4))
        success.append(
            Paragraph(
                _("<b>Revisions:</b> no revision rounds are included.")
                if rounds == 0
                else count(
                    rounds,
                    "<b>Revisions:</b> {count} round of revisions included.",
                    "<b>Revisions:</b> {count} rounds of revisions included.",
                ),
                sheet["Body"],
            )
        )
    story += _section(_("Success and sign-off"), success, sheet)

    timeline: list[Flowable] = []
    if data.deadline is not None:
        timeline.append(
            Paragraph(
                _("<b>Deadline:</b> {date}").format(date=text(full_day(data.deadline))),
                sheet["Body"],
            )
        )
    timeline += _bullets(data.timeline, sheet)
    story += _section(_("Timeline"), timeline, sheet)

    reporting: list[Flowable] = []
    if data.report_every_days is not None:
        cadence = format_value("report_every_days", data.report_every_days)
        reporting.append(
            Paragraph(text(_("Report progress {cadence}.").format(cadence=cadence)), sheet["Body"])
        )
    reporting += _paragraphs(data.report_how, sheet["Body"])
    story += _section(_("Progress reports"), _with_gaps(reporting), sheet)

    autonomy = _(DELEGATION_LABELS[Delegation(data.delegation_level)])
    decisions: list[Flowable] = [
        Paragraph(
            _("<b>Your autonomy:</b> {autonomy}.").format(autonomy=text(autonomy)), sheet["Body"]
        )
    ]
    decisions += _labelled_lists(
        [(_("Decide on your own"), data.decide_alone), (_("Ask me first"), data.ask_first)], sheet
    )
    story += _section(_("Judgement calls"), decisions, sheet)

    contact = _paragraphs(data.contact, sheet["Body"])
    if data.working_hours.strip():
        contact.append(
            Paragraph(
                _("<b>Working hours:</b> {hours}").format(hours=text(data.working_hours.strip())),
                sheet["Body"],
            )
        )
    story += _section(_("Contact"), _with_gaps(contact), sheet)
    return story


def appendix_letter(index: int) -> str:
    """A, B, ... Z, AA, AB, ...: the letter of the appendix's `index`th procedure."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def brief_appendix(data: BriefData, settings: Settings, width: float) -> list[Flowable]:
    """The procedures of the tasks the brief hands off, one section each."""
    sheet = _brief_styles()
    page_height = PAGE_SIZES.get(settings.page_size, PAGE_SIZES["a4"])[1] - 2 * MARGIN
    procedures = [p for p in data.procedures if any(step.text.strip() for step in p.steps)]
    if not procedures:
        return []
    names = ", ".join(f"{appendix_letter(i)}: {p.shown_title}" for i, p in enumerate(procedures))
    story: list[Flowable] = [
        PageBreak(),
        Paragraph(text(_("Appendix: how the work is done")), sheet["Title"]),
        Paragraph(
            text(
                _(
                    "Step by step, the way the work is done today ({names}). Follow the steps "
                    "in order; each check says how to tell a step was done right."
                ).format(names=names)
            ),
            sheet["Small"],
        ),
        Spacer(0, 6),
    ]
    for index, procedure in enumerate(procedures):
        time = owner_time(procedure.task_id) if procedure.task_id is not None else None
        story += procedure_section(
            procedure,
            sheet,
            width,
            page_height,
            heading=f"{appendix_letter(index)}. {procedure.shown_title}",
            owner_time=owner_time_text(time),
        )
    return story


def _with_gaps(flowables: list[Flowable], gap: float = 5) -> list[Flowable]:
    """Paragraphs with a little air between them."""
    spaced: list[Flowable] = []
    for flowable in flowables:
        if spaced:
            spaced.append(Spacer(0, gap))
        spaced.append(flowable)
    return spaced


def _labelled_lists(parts: list[tuple[str, str]], sheet: Styles) -> list[Flowable]:
    flowables: list[Flowable] = []
    for label, value in parts:
        bullets = _bullets(value, sheet)
        if bullets:
            flowables.append(Paragraph(text(label), sheet["Subheading"]))
            flowables += bullets
    return flowables


def write_brief_pdf(
    data: BriefData,
    destination: Path,
    *,
    settings: Settings | None = None,
    exported_on: date | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the brief to `destination`, in the brief's own language (replaced
    only on success; `progress`: see `build_pdf`)."""
    settings = settings or load_settings()
    with written_in(data.language):
        return _write_brief_pdf(data, destination, settings, exported_on, progress)


def _write_brief_pdf(
    data: BriefData,
    destination: Path,
    settings: Settings,
    exported_on: date | None,
    progress: Progress | None,
) -> ExportResult:
    exported_on = exported_on or date.today()
    page_width = PAGE_SIZES.get(settings.page_size, PAGE_SIZES["a4"])[0]
    width = page_width - 2 * MARGIN
    who = settings.business_name.strip() or settings.owner_name.strip()
    frame = PageFrame(
        header_left=fit(who, width * 0.42),
        header_right=fit(data.title, width * 0.55),
        footer_left=_("Job brief · {date}").format(date=day(exported_on)),
    )

    counter = PageCounter()
    story = [
        *brief_story(data, settings, exported_on, width),
        *brief_appendix(data, settings, width),
        counter,
    ]
    build_pdf(
        destination,
        story,
        frame=frame,
        title=data.title.strip(),
        page_size=settings.page_size,
        author=settings.owner_name.strip(),
        progress=progress,
    )
    return ExportResult(destination, counter.pages)


def export_brief(brief_id: int, destination: Path, *, keep_version: bool = True) -> ExportResult:
    """Export the stored brief to `destination`; keep what it (and each
    procedure in its appendix) said as a version.

    Raises UserError when the folder cannot be written; then nothing is
    recorded and an existing file is left as it was.
    """
    data = load_brief(brief_id)
    result = write_brief_pdf(data, destination)
    if keep_version:
        record_brief_sent(brief_id, data, str(destination))
    return result
