"""The statement of work: a PDF written from an engagement's brief and terms,
to be signed outside the app.

Scope (the job, in and out of scope), deliverables, expectations in the
owner's priority order, acceptance and revision rounds, timeline, rate,
payment terms, notice, confidentiality and intellectual property, then a
signature block for both sides. Terms come from the statement of work on
record, else the contract; without either the usual terms print, and the
page says so (`StatementOfWork.terms_source`). All text is set with
pdf/common's Paragraph, so any script prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle

from desktop_app.models.agreements import StatementOfWork, statement_of_work
from desktop_app.models.briefs import LEVEL_LABELS, Level
from desktop_app.models.engagements import day_text
from desktop_app.models.i18n import _, count, written_in
from desktop_app.models.procedure_content import list_items
from desktop_app.models.settings import load_settings
from desktop_app.pdf.common import (
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


@dataclass(frozen=True)
class SowExport:
    path: Path
    pages: int


def _paragraphs(value: str, sheet: Styles) -> list[Flowable]:
    blocks = [block.strip() for block in value.replace("\r\n", "\n").split("\n\n")]
    return [Paragraph(text(block), sheet["Body"]) for block in blocks if block]


def _bullets(value: str, sheet: Styles) -> list[Flowable]:
    return [Paragraph(text(item), sheet["Bullet"], bulletText="•") for item in list_items(value)]


def _section(title: str, body: list[Flowable], sheet: Styles) -> list[Flowable]:
    if not body:
        return []
    return [CondPageBreak(30 * mm), Paragraph(text(title), sheet["Heading"]), *body]


def _labelled(label: str, value: str, sheet: Styles) -> list[Flowable]:
    if not value.strip():
        return []
    return [Paragraph(f"<b>{text(label)}:</b> {text(value)}", sheet["Body"])]


def _terms_table(sow: StatementOfWork, sheet: Styles, width: float) -> Table:
    rows = [
        (_("Rate"), sow.rate),
        (_("Payment terms"), sow.payment_terms),
        (_("Notice"), sow.notice),
        (_("Confidentiality"), sow.confidentiality),
        (_("Intellectual property"), sow.ip_terms),
    ]
    table = Table(
        [
            [Paragraph(text(label), sheet["Label"]), Paragraph(text(value), sheet["Body"])]
            for label, value in rows
        ],
        colWidths=[width * 0.28, width * 0.72],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _signatures(sow: StatementOfWork, sheet: Styles, width: float) -> Flowable:
    """Two columns to sign: a line to sign on, who signs, a line for the date."""
    owner = sow.owner_name.strip() or _("The client")
    if sow.business_name.strip():
        owner = _("{name}, for {business}").format(name=owner, business=sow.business_name.strip())
    names = [
        Paragraph(text(_("Signature · {name}").format(name=who)), sheet["Small"])
        for who in (owner, sow.engagement.contractor_name)
    ]
    dates = [Paragraph(text(_("Date")), sheet["Small"]) for _name in names]
    column = (width - 12 * mm) / 2
    table = Table(
        [["", "", ""], [names[0], "", names[1]], ["", "", ""], [dates[0], "", dates[1]]],
        colWidths=[column, 12 * mm, column],
        rowHeights=[14 * mm, None, 10 * mm, None],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (0, 0), 0.8, INK),
                ("LINEBELOW", (2, 0), (2, 0), 0.8, INK),
                ("LINEBELOW", (0, 2), (0, 2), 0.8, INK),
                ("LINEBELOW", (2, 2), (2, 2), 0.8, INK),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return KeepTogether(
        [
            Paragraph(text(_("Signed")), sheet["Heading"]),
            Paragraph(text(_("Both sides agree to the work and the terms above.")), sheet["Body"]),
            table,
        ]
    )


def sow_story(sow: StatementOfWork, width: float) -> list[Flowable]:
    """The statement of work's content, in reading order."""
    sheet = styles()
    brief, row = sow.brief, sow.engagement
    client = sow.business_name.strip() or sow.owner_name.strip() or _("the client")
    between = (
        _("Between {client} and {contractor}, from {start} to {end}.")
        if row.end_date
        else _("Between {client} and {contractor}, from {start}.")
    ).format(
        client=client,
        contractor=row.contractor_name,
        start=day_text(row.start_date),
        end=day_text(row.end_date),
    )
    story: list[Flowable] = [
        Paragraph(text(_("Statement of work")), sheet["Subtitle"]),
        Paragraph(text(brief.title), sheet["Title"]),
        Paragraph(text(between), sheet["Body"]),
        Paragraph(text(sow.terms_source), sheet["Small"]),
        Spacer(1, 4 * mm),
    ]
    scope = _paragraphs(brief.summary, sheet)
    if list_items(brief.in_scope):
        scope += [
            Paragraph(f"<b>{text(_('In scope'))}</b>", sheet["Body"]),
            *_bullets(brief.in_scope, sheet),
        ]
    if list_items(brief.out_of_scope):
        scope += [
            Paragraph(f"<b>{text(_('Out of scope'))}</b>", sheet["Body"]),
            *_bullets(brief.out_of_scope, sheet),
        ]
    story += _section(_("Scope"), scope, sheet)
    story += _section(_("Deliverables"), _bullets(brief.deliverables, sheet), sheet)
    expectations: list[Flowable] = []
    for number, item in enumerate(brief.expectations, start=1):
        level = _(LEVEL_LABELS[Level(item.level)]) if item.level in set(Level) else ""
        line = f"<b>{number}.</b> {text(item.text)}"
        if level:
            line += f" <font size='8'>[{text(level)}]</font>"
        if item.measure.strip():
            measured = _("Measured by: {measure}").format(measure=item.measure)
            line += f"<br/><font size='8.5'>{text(measured)}</font>"
        expectations.append(Paragraph(line, ParagraphStyle("Item", sheet["Body"], spaceAfter=4)))
    story += _section(_("Expectations, in priority order"), expectations, sheet)
    rounds = brief.revision_rounds
    acceptance = _paragraphs(brief.acceptance, sheet) + _bullets(brief.success_criteria, sheet)
    if rounds is not None:
        acceptance.append(
            Paragraph(
                text(
                    _("No revision round included.")
                    if rounds == 0
                    else count(
                        rounds,
                        "{count} revision round included.",
                        "{count} revision rounds included.",
                    )
                ),
                sheet["Body"],
            )
        )
    story += _section(_("Acceptance"), acceptance, sheet)
    timeline = _labelled(_("Deadline"), day_text(brief.deadline), sheet) + _bullets(
        brief.timeline, sheet
    )
    if brief.report_every_days:
        timeline += _labelled(
            _("Progress reports"),
            count(brief.report_every_days, "every day", "every {count} days")
            + "."
            + (f" {brief.report_how}" if brief.report_how else ""),
            sheet,
        )
    story += _section(_("Timeline and reporting"), timeline, sheet)
    story += _section(_("Terms"), [_terms_table(sow, sheet, width)], sheet)
    story.append(_signatures(sow, sheet, width))
    return story


def write_sow_pdf(sow: StatementOfWork, destination: Path) -> SowExport:
    """Write the statement of work to `destination` (replaced only on success), in
    the language of the brief it is made from."""
    with written_in(sow.brief.language):
        return _write_sow_pdf(sow, destination)


def _write_sow_pdf(sow: StatementOfWork, destination: Path) -> SowExport:
    settings = load_settings()
    page_width = PAGE_SIZES.get(settings.page_size, PAGE_SIZES["a4"])[0]
    width = page_width - 2 * MARGIN
    who = sow.business_name.strip() or sow.owner_name.strip()
    frame = PageFrame(
        header_left=fit(who, width * 0.42),
        header_right=fit(sow.title, width * 0.55),
        footer_left=_("Statement of work · prepared {date}").format(date=day_text(sow.today)),
    )
    counter = PageCounter()
    build_pdf(
        destination,
        [*sow_story(sow, width), counter],
        frame=frame,
        title=sow.title,
        page_size=settings.page_size,
        author=settings.owner_name.strip(),
    )
    return SowExport(destination, counter.pages)


def export_sow(engagement_id: int, destination: Path, today: date | None = None) -> SowExport:
    """The statement of work of an engagement, as a PDF at `destination`, in the
    language of its brief (its terms and rate too)."""
    today = today or date.today()
    language = statement_of_work(engagement_id, today).brief.language
    with written_in(language):
        return write_sow_pdf(statement_of_work(engagement_id, today), destination)
