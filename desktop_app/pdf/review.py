"""The printable engagement review: the brief's expectations beside the feedback.

Left, what the brief asked for, in the owner's priority order with each
expectation's level and measure; right, the feedback received on the work,
what was good, what was not, the scores and whether it came on time. Then
the check-ins. Each line of the table pairs the next expectation with the
next piece of feedback, so both columns flow across pages side by side and
no expectation or piece of feedback is split. One too long to fit a page
beside its neighbour (a 2,000-character expectation, say) cannot be laid
out that way: then the review gives the expectations and then the
feedback, one after the other, each free to flow across pages.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import zip_longest
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import LayoutError

from desktop_app.models.brief_vocabulary import LEVEL_LABELS, Level
from desktop_app.models.engagement_rules import Direction
from desktop_app.models.engagements import (
    CHECK_IN_STATE_LABELS,
    CheckInKind,
    CheckInState,
    Review,
    day_text,
    terms_text,
)
from desktop_app.models.formats import number as number_text
from desktop_app.models.formats import percent
from desktop_app.models.i18n import _
from desktop_app.pdf.common import (
    ACCENT,
    RULE,
    PageFrame,
    Paragraph,
    Styles,
    build_pdf,
    styles,
    text,
)

LEVEL_COLOURS = {Level.MUST: "#b42318", Level.SHOULD: "#b54708", Level.NICE: "#475467"}


def _percent(value: float | None) -> str:
    return "–" if value is None else percent(Decimal(str(value)) / 100)


def _score(value: float | None) -> str:
    return "–" if value is None else f"{number_text(value, 1)} / 5"


def review_title(review: Review) -> str:
    row = review.engagement
    return f"{row.contractor_name} — {row.brief_title}"


def _summary_table(review: Review, sheet: Styles) -> Table:
    row, card = review.engagement, review.scorecard
    trend = row.trend
    confidence = "–" if trend.latest is None else f"{trend.latest} / 5"
    if trend.direction in (Direction.RISING, Direction.FALLING):
        direction = _("rising") if trend.direction is Direction.RISING else _("falling")
        confidence += f" ({direction})"
    cells = [
        (_("Feedback received"), number_text(card.feedback_count)),
        (_("Delivered on time"), _percent(card.on_time_percent)),
        (_("Average quality"), _score(card.average_quality)),
        (_("Average communication"), _score(card.average_communication)),
        (_("Latest confidence"), confidence),
        (
            _("Check-ins"),
            _("{count} ({started} started by you)").format(
                count=number_text(len(review.check_ins)),
                started=number_text(review.owner_started),
            ),
        ),
    ]
    data = [
        [Paragraph(text(label), sheet["Small"]), Paragraph(text(value), sheet["Label"])]
        for label, value in cells
    ]
    # Three pairs a line: label above value reads faster than a long list.
    grid = [
        [data[0][0], data[1][0], data[2][0]],
        [data[0][1], data[1][1], data[2][1]],
        [data[3][0], data[4][0], data[5][0]],
        [data[3][1], data[4][1], data[5][1]],
    ]
    table = Table(grid, colWidths="*")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEABOVE", (0, 2), (-1, 2), 0.5, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 1), (-1, 1), 8),
            ]
        )
    )
    return table


def _expectation_blocks(review: Review, sheet: Styles) -> list[list[Flowable]]:
    blocks: list[list[Flowable]] = []
    for number, line in enumerate(review.expectations, start=1):
        level = Level(line.level) if line.level in {v.value for v in Level} else Level.SHOULD
        colour = LEVEL_COLOURS[level]
        block: list[Flowable] = [
            Paragraph(
                f'<b>{number}.</b> {text(line.text)} <font color="{colour}" size="8">'
                f"[{text(_(LEVEL_LABELS[level]))}]</font>",
                sheet["Body"],
            )
        ]
        if line.measure:
            block.append(
                Paragraph(
                    text(_("Measured by: {measure}").format(measure=line.measure)), sheet["Small"]
                )
            )
        blocks.append(block)
    return blocks


def _feedback_blocks(review: Review, sheet: Styles) -> list[list[Flowable]]:
    blocks: list[list[Flowable]] = []
    for item in review.feedback:
        on_time = _("on time") if item.on_time else f'<font color="#b42318">{_("late")}</font>'
        block: list[Flowable] = [
            Paragraph(f"<b>{text(item.deliverable)}</b>", sheet["Body"]),
            Paragraph(
                _(
                    "{date} · {on_time} · quality {quality}/5 · communication {communication}/5 · "
                    "confidence {confidence}/5"
                ).format(
                    date=day_text(item.day),
                    on_time=on_time,
                    quality=item.quality,
                    communication=item.communication,
                    confidence=item.confidence,
                ),
                sheet["Small"],
            ),
        ]
        if item.good:
            block.append(
                Paragraph(_("<b>Good:</b> {text}").format(text=text(item.good)), sheet["Body"])
            )
        if item.not_good:
            block.append(
                Paragraph(
                    _("<b>Not good:</b> {text}").format(text=text(item.not_good)), sheet["Body"]
                )
            )
        blocks.append(block)
    return blocks


def _none_yet(review: Review, sheet: Styles) -> tuple[list[Flowable], list[Flowable]]:
    """What each column says when it has nothing."""
    return (
        [Paragraph(text(_("The brief lists no expectations.")), sheet["Small"])],
        [Paragraph(text(_("No feedback given yet.")), sheet["Small"])],
    )


def _side_by_side(review: Review, sheet: Styles) -> Table:
    header = [
        Paragraph(text(_("What the brief expects, in priority order")), sheet["Label"]),
        Paragraph(text(_("Feedback received, oldest first")), sheet["Label"]),
    ]
    no_expectations, no_feedback = _none_yet(review, sheet)
    pairs = list(
        zip_longest(
            _expectation_blocks(review, sheet) or [no_expectations],
            _feedback_blocks(review, sheet) or [no_feedback],
            fillvalue="",
        )
    )
    table = Table([header, *map(list, pairs)], colWidths=["50%", "50%"], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.75, ACCENT),
                ("LINEBEFORE", (1, 0), (1, -1), 0.5, RULE),
                ("LEFTPADDING", (1, 0), (1, -1), 8),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), 8),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 8),
            ]
        )
    )
    return table


def _one_after_the_other(review: Review, sheet: Styles) -> list[Flowable]:
    """The same content as `_side_by_side`, in two sections that flow freely."""
    no_expectations, no_feedback = _none_yet(review, sheet)
    story: list[Flowable] = [
        Paragraph(text(_("What the brief expects, in priority order")), sheet["Label"])
    ]
    story += [
        KeepTogether(block) for block in _expectation_blocks(review, sheet)
    ] or no_expectations
    story += [Spacer(1, 8), Paragraph(text(_("Feedback received, oldest first")), sheet["Label"])]
    story += [KeepTogether(block) for block in _feedback_blocks(review, sheet)] or no_feedback
    return story


def _check_in_table(review: Review, sheet: Styles) -> Table | Paragraph:
    if not review.check_ins:
        return Paragraph(text(_("No check-ins recorded.")), sheet["Small"])
    rows = [
        [
            Paragraph(f"<b>{text(title)}</b>", sheet["Small"])
            for title in (_("Date"), _("Who"), _("State"), _("What was said"))
        ]
    ]
    for item in review.check_ins:
        who = _("You") if item.started_by_owner else _("Contractor")
        if item.kind == CheckInKind.REQUEST:
            what = item.summary or _("Asked for a progress report.")
            who = _("You (asked)")
        else:
            what = item.summary
        if item.blockers:
            what += "\n" + _("Blockers: {blockers}").format(blockers=item.blockers)
        state = _(CHECK_IN_STATE_LABELS.get(CheckInState(item.state), "")) if item.state else ""
        rows.append(
            [
                Paragraph(text(day_text(item.day)), sheet["Small"]),
                Paragraph(text(who), sheet["Small"]),
                Paragraph(text(state), sheet["Small"]),
                Paragraph(text(what), sheet["Body"]),
            ]
        )
    # A check-in taller than a page (a long unbroken paste) splits across pages.
    table = Table(rows, colWidths=[24 * mm, 24 * mm, 20 * mm, None], repeatRows=1, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.75, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
            ]
        )
    )
    return table


def _story(review: Review, sheet: Styles, *, side_by_side: bool) -> list[Flowable]:
    row = review.engagement
    story: list[Flowable] = [
        Paragraph(text(review_title(review)), sheet["Title"]),
        Paragraph(text(terms_text(review.engagement)), sheet["Subtitle"]),
    ]
    if row.end_reason:
        story.append(
            Paragraph(text(_("Ended: {reason}").format(reason=row.end_reason)), sheet["Subtitle"])
        )
    if row.trend.lost:
        story.append(
            Paragraph(
                f'<font color="#b42318"><b>{text(_("Confidence lost."))}</b></font> '
                f"{text(row.trend.reason)}",
                sheet["Body"],
            )
        )
    story += [
        Spacer(1, 8),
        Paragraph(text(_("Summary")), sheet["Heading"]),
        _summary_table(review, sheet),
        # Not kept with the table: the table is long and splits; kept
        # together they would both move to the next page, leaving this one empty.
        Paragraph(
            text(_("Expectations and feedback")),
            ParagraphStyle("Loose", sheet["Heading"], keepWithNext=False),
        ),
    ]
    if side_by_side:
        story.append(_side_by_side(review, sheet))
    else:
        story += _one_after_the_other(review, sheet)
    story += [Paragraph(text(_("Check-ins")), sheet["Heading"]), _check_in_table(review, sheet)]
    return story


def write_review(
    destination: Path,
    review: Review,
    *,
    business_name: str = "",
    page_size: str = "a4",
    today: date | None = None,
) -> Path:
    """Write the review of `review` as a PDF at `destination` (replaced only on success)."""
    sheet = styles()
    today = today or date.today()
    row = review.engagement
    frame = PageFrame(
        header_left=business_name or "Offload",
        header_right=_("Engagement review: {name}").format(name=row.contractor_name),
        footer_left=_("Exported {date}").format(date=day_text(today)),
    )

    def build(side_by_side: bool) -> Path:
        return build_pdf(
            destination,
            _story(review, sheet, side_by_side=side_by_side),
            frame=frame,
            title=_("Engagement review: {name}").format(name=review_title(review)),
            page_size=page_size,
            author=business_name,
        )

    try:
        return build(side_by_side=True)
    except LayoutError:
        # A pair of blocks taller than a page cannot sit side by side.
        return build(side_by_side=False)
