"""A brief as a job post: the plain text or Markdown that job boards take.

What goes in, in this order: the title, the job, skills, expectations in the
owner's priority order (each marked must, should or nice, with its
measure), deliverables, what success looks like, scope, budget and
timeline, working hours, and how to apply with the screening questions.
What never goes in: the brief's status, the owner's time-audit tasks and
their procedures, the contact details, the delegation rules and how to
report (they are for the person hired, not for every applicant). The owner
may also keep any section, or any single expectation, out of the post
(`hiring_plan.set_left_out`).

The post is measured against the chosen board's length; a post over it says
by how much and which sections to shorten, the longest first.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum

from desktop_app.models.briefs import (
    LEVEL_LABELS,
    BriefData,
    BudgetBasis,
    Level,
    brief_exists,
    load_brief,
)
from desktop_app.models.errors import UserError
from desktop_app.models.formats import day, integer, money_short
from desktop_app.models.formats import number as format_number
from desktop_app.models.hiring_plan import BOARDS, JobBoard, PlanValues, plan_of, questions_of
from desktop_app.models.i18n import N_, _, written_in
from desktop_app.models.text import list_items


class PostFormat(StrEnum):
    MARKDOWN = "markdown"
    TEXT = "text"


# The sections of a post, in order: key and heading. The title is always in.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("summary", N_("The job")),
    ("skills", N_("Skills")),
    ("expectations", N_("What we expect, most important first")),
    ("deliverables", N_("Deliverables")),
    ("success", N_("What success looks like")),
    ("scope", N_("Scope")),
    ("budget", N_("Budget and timeline")),
    ("hours", N_("Working hours")),
    ("apply", N_("How to apply")),
)
SECTION_LABELS = dict(SECTIONS)
# Brief fields that never go into a post, whatever the owner chooses.
INTERNAL_FIELDS = (
    "status",
    "contact",
    "delegation_level",
    "decide_alone",
    "ask_first",
    "report_how",
    "report_every_days",
    "acceptance",
    "revision_rounds",
)
DEFAULT_HOW_TO_APPLY = N_(
    "Apply here with a short note on a similar job you did, and answer the questions below."
)


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    lines: tuple[str, ...]  # already formatted for the post's format


def _bullets(items: list[str], fmt: PostFormat) -> list[str]:
    mark = "-" if fmt is PostFormat.MARKDOWN else "•"
    return [f"{mark} {_escape(item, fmt)}" for item in items]


def _escape(value: str, fmt: PostFormat) -> str:
    """Markdown characters typed by the owner print as typed."""
    if fmt is PostFormat.TEXT:
        return value
    out = []
    for char in value:
        out.append("\\" + char if char in "\\`*_[]<>#|" else char)
    return "".join(out)


def build_sections(
    data: BriefData, plan: PlanValues, questions: list[str], fmt: PostFormat
) -> list[Section]:
    """The post's sections for `data`, without those the owner left out or that are
    empty, in the language being written (`post_from` writes the brief's)."""
    bold = (lambda t: f"**{t}**") if fmt is PostFormat.MARKDOWN else (lambda t: t)
    sections: list[Section] = []

    def add(key: str, lines: list[str]) -> None:
        if lines and key not in plan.left_out_sections:
            sections.append(Section(key, _(SECTION_LABELS[key]), tuple(lines)))

    add("summary", [_escape(paragraph, fmt) for paragraph in _paragraphs(data.summary)])
    skills = [s.strip() for s in data.skills.split(",") if s.strip()]
    add("skills", [_escape(", ".join(skills), fmt)] if skills else [])
    expectations = []
    shown = [e for e in data.expectations if e.id not in plan.left_out_expectations]
    for number, item in enumerate(shown, start=1):
        level = _(LEVEL_LABELS[Level(item.level)]) if item.level in set(Level) else ""
        line = f"{number}. {bold(level + ':')} {_escape(item.text.strip(), fmt)}"
        if item.measure.strip():
            measure = _escape(item.measure.strip(), fmt)
            line += " " + _("(measured by: {measure})").format(measure=measure)
        expectations.append(line)
    add("expectations", expectations)
    add("deliverables", _bullets(list_items(data.deliverables), fmt))
    add("success", _bullets(list_items(data.success_criteria), fmt))
    scope = []
    if list_items(data.in_scope):
        scope += [bold(_("Included:")), *_bullets(list_items(data.in_scope), fmt)]
    if list_items(data.out_of_scope):
        scope += [bold(_("Not included:")), *_bullets(list_items(data.out_of_scope), fmt)]
    add("scope", scope)
    budget = []
    if data.budget is not None:
        amount = money_short(data.budget, data.currency)
        basis = BudgetBasis(data.budget_basis)
        sentence = (
            _("{amount} (fixed price)")
            if basis is BudgetBasis.FIXED
            else _("{amount} (per hour)")
            if basis is BudgetBasis.HOURLY
            else _("{amount} (per month)")
        )
        budget.append(f"{bold(_('Budget:'))} {sentence.format(amount=amount)}")
    if data.deadline is not None:
        budget.append(f"{bold(_('Deadline:'))} {day(data.deadline)}")
    budget += _bullets(list_items(data.timeline), fmt)
    add("budget", budget)
    hours = []
    if data.working_hours.strip():
        hours.append(f"{bold(_('Our hours:'))} {_escape(data.working_hours.strip(), fmt)}")
    if plan.overlap_hours is not None:
        hours.append(
            _(
                "We need at least {hours} h a working day when we are both at work, for questions."
            ).format(hours=format_number(plan.overlap_hours))
        )
    add("hours", hours)
    apply = [_escape(plan.how_to_apply.strip() or _(DEFAULT_HOW_TO_APPLY), fmt)]
    if questions:
        apply.append(bold(_("Please answer:")))
        apply += [f"{n}. {_escape(q, fmt)}" for n, q in enumerate(questions, start=1)]
    add("apply", apply)
    return sections


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def render(title: str, sections: list[Section], fmt: PostFormat) -> str:
    """The post as one text: the title, then each section under its heading."""
    parts = [f"# {_escape(title.strip(), fmt)}" if fmt is PostFormat.MARKDOWN else title.strip()]
    for section in sections:
        heading = f"## {section.heading}" if fmt is PostFormat.MARKDOWN else section.heading.upper()
        joiner = "\n\n" if section.key == "summary" else "\n"
        parts.append(heading + "\n\n" + joiner.join(section.lines))
    return "\n\n".join(parts) + "\n"


def _section_length(section: Section, fmt: PostFormat) -> int:
    return form_length(render("", [section], fmt)) - 2


def form_length(text: str) -> int:
    """`text`'s length as a job board's form counts it: in UTF-16 units, as
    browsers count a field's maximum length, so an emoji counts two."""
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class JobPost:
    """A brief's job post and how it measures against its board.

    Attributes:
        length: characters of the text below the title (what boards count
            as the description), counted as their forms count (`form_length`).
        too_long: the sections to shorten, longest first, with their
            lengths, when the post is over the board's length.
    """

    brief_id: int
    title: str
    text: str
    format: PostFormat
    board: JobBoard
    length: int
    sections: tuple[Section, ...]
    too_long: tuple[tuple[str, int], ...]
    questions_over: int

    @property
    def over_by(self) -> int:
        return max(0, self.length - self.board.body_limit)

    @property
    def fits(self) -> bool:
        return self.over_by == 0 and self.questions_over == 0

    def problems(self) -> list[str]:
        """What to change before posting, in the owner's words ([] when it fits)."""
        said = []
        if self.over_by:
            names = ", ".join(f"{label} ({integer(length)})" for label, length in self.too_long)
            said.append(
                _(
                    "The post is {length} characters, {over} over the {limit} of {board}. "
                    "Shorten: {names}."
                ).format(
                    length=integer(self.length),
                    over=integer(self.over_by),
                    limit=integer(self.board.body_limit),
                    board=self.board.label.split(" (")[0],
                    names=names,
                )
            )
        if self.questions_over:
            limit = self.board.questions_limit
            said.append(
                f"{self.board.label.split(' (')[0]} takes {limit} screening questions: "
                f"leave out {self.questions_over}."
            )
        return said


def job_post(
    brief_id: int, fmt: PostFormat | str = PostFormat.TEXT, *, board: str | None = None
) -> JobPost:
    """The brief `brief_id` as a job post in `fmt`, measured against its board
    (or `board`, a key of BOARDS, instead)."""
    fmt = PostFormat(fmt)
    if board is not None and board not in BOARDS:
        raise UserError(
            _("“{board}” is not a board: choose {join}.").format(
                board=board, join=", ".join(BOARDS)
            )
        )
    if not brief_exists(brief_id):
        raise UserError(_("That brief no longer exists."))
    data = load_brief(brief_id)
    plan = plan_of(brief_id)
    if board is not None:
        plan = dataclasses.replace(plan, board=board)
    questions = [q.text for q in questions_of(brief_id)]
    return post_from(data, plan, questions, fmt)


def post_from(data: BriefData, plan: PlanValues, questions: list[str], fmt: PostFormat) -> JobPost:
    board = BOARDS.get(plan.board, BOARDS["upwork"])
    # Written for the contractor, in the brief's language, as its PDF is.
    with written_in(data.language):
        sections = build_sections(data, plan, questions, fmt)
    text = render(data.title, sections, fmt)
    body = form_length(text) - form_length(render(data.title, [], fmt))
    over = max(0, body - board.body_limit)
    too_long: list[tuple[str, int]] = []
    if over:
        covered = 0
        ranked = sorted(sections, key=lambda s: _section_length(s, fmt), reverse=True)
        for section in ranked:
            too_long.append((section.heading, _section_length(section, fmt)))
            covered += _section_length(section, fmt)
            # Enough sections to take the excess out of, without cutting any to nothing.
            if covered >= over * 2:
                break
    questions_over = (
        max(0, len(questions) - board.questions_limit)
        if board.questions_limit is not None and "apply" not in plan.left_out_sections
        else 0
    )
    return JobPost(
        data.id or 0, data.title, text, fmt, board, body, tuple(sections), tuple(too_long),
        questions_over,
    )  # fmt: skip
