"""The clarity check: what in a brief leaves room for interpretation.

Each rule reads a brief's content (`BriefData`) and yields findings. A
finding says what is wrong, why it matters to the contractor, and which
field to jump to (for an expectation: which one, and whether its text or
its measure). Pure functions: no database, no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from desktop_app.models.brief_vocabulary import FIELDS_BY_NAME, BriefData, BriefStatus, Level
from desktop_app.models.formats import day
from desktop_app.models.i18n import N_, _, count
from desktop_app.models.text import fold

MAX_MUST_HAVES = 5

# The field a finding about the expectation list as a whole points at.
EXPECTATIONS = "expectations"
# The field a finding about a handed-off task's procedure points at.
PROCEDURES = "procedures"


@dataclass(frozen=True)
class Finding:
    """Something in a brief that a contractor could read two ways.

    Attributes:
        rule: which rule found it (e.g. "missing_budget", "vague_word").
        title: what is wrong, in a few words.
        why: why it matters and what to write instead.
        field: the brief field to jump to; for an expectation "text" or
            "measure" (with `expectation_index`), or EXPECTATIONS.
        expectation_index: the expectation's place in the order (0 = top).
        expectation_id: its id, when the expectation is stored.
        start, end: the span of the offending words in the field's text
            (-1 when the finding is about the whole field).
        task_name: for a finding about a procedure (field PROCEDURES), the
            task it is about.
    """

    rule: str
    title: str
    why: str
    field: str
    expectation_index: int | None = None
    expectation_id: int | None = None
    start: int = -1
    end: int = -1
    task_name: str = ""


# Words that read clearly to the writer and differently to everyone else,
# each with what to write instead. Matched as whole words, ignoring case; the
# words of a phrase may be joined by spaces or hyphens ("high-quality").
VAGUE_PHRASES: tuple[tuple[str, str], ...] = (
    (
        "ASAP",
        N_("“ASAP” means something different to everyone. Give a date, or a number of hours."),
    ),
    ("as soon as possible", N_("Give a date, or a number of hours or working days.")),
    ("etc.", N_("“etc.” leaves the rest of the list to guesswork. Name every item.")),
    ("etc", N_("“etc” leaves the rest of the list to guesswork. Name every item.")),
    ("and so on", N_("The rest of the list is left to guesswork. Name every item.")),
    (
        "good quality",
        N_(
            "“Good quality” is a judgement, not a standard. Say how quality will be checked: "
            "an example to match, a checklist, an error rate."
        ),
    ),
    (
        "high quality",
        N_(
            "“High quality” is a judgement, not a standard. Say how quality will be checked: "
            "an example to match, a checklist, an error rate."
        ),
    ),
    (
        "as needed",
        N_(
            "“As needed” does not say who decides it is needed, or how often. "
            "Give the trigger or the frequency."
        ),
    ),
    (
        "as necessary",
        N_(
            "“As necessary” does not say who decides, or how often. Give the trigger or the "
            "frequency."
        ),
    ),
    ("some", N_("“Some” does not say how many or which. Give a number, a range or a list.")),
    ("various", N_("“Various” hides which ones. List them.")),
    ("several", N_("“Several” does not say how many. Give a number.")),
    (
        "user-friendly",
        N_(
            "“User-friendly” means something different to everyone. Say what a user must be able "
            "to do, and how quickly."
        ),
    ),
    ("fast", N_("“Fast” is not a number. Give a time limit, e.g. “within 4 working hours”.")),
    ("quickly", N_("“Quickly” is not a number. Give a time limit, e.g. “within 4 working hours”.")),
    ("soon", N_("“Soon” is not a date. Give one.")),
    ("regularly", N_("“Regularly” does not say how often. Give the frequency.")),
    (
        "responsive",
        N_(
            "“Responsive” can mean quick replies or a layout that fits phones, and says no "
            "number either way. Give a reply time (“within 4 working hours”) or the screens "
            "it must fit."
        ),
    ),
    (
        "professional",
        N_(
            "“Professional” is a judgement: everyone pictures their own. Say what it looks "
            "like: a style guide, an example to match, the tone to write in."
        ),
    ),
    (
        "professionally",
        N_(
            "“Professionally” is a judgement. Say what it looks like: a style guide, an "
            "example to match, the tone to write in."
        ),
    ),
    (
        "top quality",
        N_(
            "“Top quality” is a judgement, not a standard. Say how quality will be checked: an "
            "example to match, a checklist, an error rate."
        ),
    ),
    (
        "excellent",
        N_(
            "“Excellent” is a judgement, not a standard. Say how quality will be checked: an "
            "example to match, a checklist, an error rate."
        ),
    ),
    (
        "top-notch",
        N_(
            "“Top-notch” is a judgement, not a standard. Say how quality will be checked: an "
            "example to match, a checklist, an error rate."
        ),
    ),
    (
        "world-class",
        N_(
            "“World-class” is a judgement, not a standard. Say how quality will be checked: an "
            "example to match, a checklist, an error rate."
        ),
    ),
    (
        "attention to detail",
        N_(
            "“Attention to detail” is a judgement, not a standard. Say how quality will be "
            "checked: an example to match, a checklist, an error rate."
        ),
    ),
    ("timely", N_("“Timely” is not a time limit. Give one, e.g. “within 2 working days”.")),
    ("promptly", N_("“Promptly” is not a time limit. Give one, e.g. “within 4 working hours”.")),
    (
        "reasonable",
        N_(
            "“Reasonable” leaves the limit to whoever reads it. Give the number: hours, "
            "rounds, an amount."
        ),
    ),
    (
        "appropriate",
        N_("“Appropriate” does not say who judges it, or by what. Name the rule or the example."),
    ),
    (
        "best practices",
        N_("“Best practices” differ from one contractor to the next. Name the ones you mean."),
    ),
    (
        "if possible",
        N_("“If possible” makes it optional without saying so. Say whether it is required."),
    ),
    (
        "where possible",
        N_("“Where possible” makes it optional without saying so. Say whether it is required."),
    ),
    (
        "when possible",
        N_("“When possible” is not a date or a frequency. Give one, or say it is optional."),
    ),
    (
        "modern",
        N_("“Modern” is a taste, not a brief. Give two or three examples to match."),
    ),
    (
        "engaging",
        N_(
            "“Engaging” is not measured. Say what should happen: replies, clicks, shares, "
            "or an example to match."
        ),
    ),
    (
        "polished",
        N_("“Polished” is a judgement. Give an example to match, or the checks it must pass."),
    ),
)

# The fields whose text the vague-word rule reads.
VAGUE_WORD_FIELDS = (
    "summary",
    "deliverables",
    "in_scope",
    "out_of_scope",
    "success_criteria",
    "acceptance",
    "timeline",
    "report_how",
    "decide_alone",
    "ask_first",
    "working_hours",
)


# One pattern for every phrase, whole words only ("some" but not "awesome"),
# longer phrases first so that "etc." wins over "etc": one pass per text.
def _key(phrase: str) -> str:
    """A phrase as the list holds it: case, and spaces or hyphens between words, ignored."""
    return " ".join(re.split(r"[\s-]+", phrase.casefold()))


_REASONS = {_key(phrase): (phrase, why) for phrase, why in VAGUE_PHRASES}
_ORDER = {_key(phrase): index for index, (phrase, _) in enumerate(VAGUE_PHRASES)}
_VAGUE = re.compile(
    r"(?<![\w-])("
    + "|".join(
        re.escape(p).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]+")
        for p, _ in sorted(VAGUE_PHRASES, key=lambda item: -len(item[0]))
    )
    + r")(?![\w-])",
    re.IGNORECASE,
)


def vague_phrases(text: str) -> list[tuple[str, str, int, int, int]]:
    """The vague phrases in `text`: (phrase, why, first start, first end, count),
    in the order of VAGUE_PHRASES."""
    if not text:
        return []
    return list(_vague_phrases(text))


# Remembered per text: the brief being edited is checked again after each
# edit, and all but the edited field or expectation read as before (a move
# of one of 1,000 expectations re-checks 1,000 unchanged texts).
@lru_cache(maxsize=8192)
def _vague_phrases(text: str) -> tuple[tuple[str, str, int, int, int], ...]:
    found: dict[str, list[int]] = {}
    for match in _VAGUE.finditer(text):
        key = _key(match.group(1))
        if key in found:
            found[key][2] += 1
        else:
            found[key] = [match.start(), match.end(), 1]
    return tuple(
        (*_REASONS[key], start, end, count)
        for key, (start, end, count) in sorted(found.items(), key=lambda item: _ORDER[item[0]])
    )


Rule = Callable[[BriefData, date], Iterator[Finding]]
RULES: list[Rule] = []
# The rules that read more than the brief's own fields and expectations:
# today's date, the tasks it hands off and their procedures. The others'
# findings are counted when the brief is edited and stored with it
# (`briefs.Brief.content_findings`), so the list of briefs never checks
# every brief; these few are checked when the list is read. A change to any
# other rule changes the stored counts: its migration step recounts them
# (`briefs.recount_findings`).
CONTEXT_RULES: list[Rule] = []


def rule(function: Rule) -> Rule:
    RULES.append(function)
    return function


def context_rule(function: Rule) -> Rule:
    CONTEXT_RULES.append(function)
    return rule(function)


def _label(field: str) -> str:
    return _(FIELDS_BY_NAME[field].label)


# Fields a contractor cannot work without: (rule, field, title, why).
ESSENTIALS: tuple[tuple[str, str, str, str], ...] = (
    (
        "missing_success_criteria",
        "success_criteria",
        N_("No success criteria"),
        N_(
            "Without them the contractor decides alone when the job is done well. "
            "Write what you will check, in numbers where you can."
        ),
    ),
    (
        "missing_deliverables",
        "deliverables",
        N_("No deliverables"),
        N_("Say what you will receive, one per line, with its format."),
    ),
    (
        "missing_budget",
        "budget",
        N_("No budget"),
        N_(
            "Contractors price a vague job high, or not at all. "
            "Give a fixed price, an hourly rate or a monthly amount."
        ),
    ),
    (
        "missing_reporting",
        "report_every_days",
        N_("No reporting cadence"),
        N_(
            "Without an agreed rhythm you either chase the contractor or hear nothing. "
            "Say how often they report progress."
        ),
    ),
)


@rule
def missing_essentials(data: BriefData, today: date) -> Iterator[Finding]:
    for name, field, title, why in ESSENTIALS:
        value = getattr(data, field)
        if value is None or (isinstance(value, str) and not value.strip()):
            yield Finding(name, _(title), _(why), field)


@rule
def missing_deadline(data: BriefData, today: date) -> Iterator[Finding]:
    if data.deadline is None and not data.timeline.strip():
        yield Finding(
            "missing_deadline",
            _("No deadline or timeline"),
            _(
                "The contractor cannot plan, and you cannot tell whether the work is late. Give "
                "a date, or the schedule of a recurring job."
            ),
            "deadline",
        )


@context_rule
def deadline_passed(data: BriefData, today: date) -> Iterator[Finding]:
    if (
        data.deadline is not None
        and data.deadline < today
        and data.status in (BriefStatus.DRAFT, BriefStatus.FINAL)
    ):
        yield Finding(
            "deadline_passed",
            _("The deadline has passed"),
            _(
                "The deadline ({date}) is already behind us. Set the date the work is now due."
            ).format(date=day(data.deadline)),
            "deadline",
        )


@rule
def no_expectations(data: BriefData, today: date) -> Iterator[Finding]:
    if not any(e.text.strip() for e in data.expectations):
        yield Finding(
            "no_expectations",
            _("No expectations"),
            _(
                "List what you expect, most important first, so the contractor knows your "
                "priorities."
            ),
            EXPECTATIONS,
        )


@rule
def too_many_musts(data: BriefData, today: date) -> Iterator[Finding]:
    musts = sum(e.level == Level.MUST for e in data.expectations)
    if musts > MAX_MUST_HAVES:
        yield Finding(
            "too_many_musts",
            _("{musts} must-haves").format(musts=musts),
            _(
                "When everything is a must, nothing is. Keep {MAX_MUST_HAVES} or fewer "
                "must-haves and make the rest should-haves or nice-to-haves."
            ).format(MAX_MUST_HAVES=MAX_MUST_HAVES),
            EXPECTATIONS,
        )


@rule
def expectation_without_measure(data: BriefData, today: date) -> Iterator[Finding]:
    for index, expectation in enumerate(data.expectations):
        if expectation.text.strip() and not expectation.measure.strip():
            yield Finding(
                "no_measure",
                _("Expectation {value} has no measure").format(value=index + 1),
                _(
                    "“{excerpt}”: say how you will check it was met, so you and the contractor "
                    "judge it the same way."
                ).format(excerpt=_excerpt(expectation.text)),
                "measure",
                index,
                expectation.id,
            )


@rule
def vague_words(data: BriefData, today: date) -> Iterator[Finding]:
    for field in VAGUE_WORD_FIELDS:
        for phrase, why, start, end, times in _vague_phrases(getattr(data, field)):
            yield Finding(
                "vague_word",
                count(
                    times,
                    "“{phrase}” in “{field}”",
                    "“{phrase}” in “{field}” ({count}×)",
                    phrase=phrase,
                    field=_label(field),
                ),
                _(why),
                field,
                start=start,
                end=end,
            )
    for index, expectation in enumerate(data.expectations):
        for part in ("text", "measure"):
            for phrase, why, start, end, times in _vague_phrases(getattr(expectation, part)):
                title = (
                    count(
                        times,
                        "“{phrase}” in expectation {position}’s measure",
                        "“{phrase}” in expectation {position}’s measure ({count}×)",
                        phrase=phrase,
                        position=index + 1,
                    )
                    if part == "measure"
                    else count(
                        times,
                        "“{phrase}” in expectation {position}",
                        "“{phrase}” in expectation {position} ({count}×)",
                        phrase=phrase,
                        position=index + 1,
                    )
                )
                yield Finding(
                    "vague_word",
                    title,
                    _(why),
                    part,
                    index,
                    expectation.id,
                    start,
                    end,
                )


@context_rule
def procedures(data: BriefData, today: date) -> Iterator[Finding]:
    """Each task handed off needs its procedure, and a procedure its "done when"."""
    by_task = {fold(procedure.task_name): procedure for procedure in data.procedures}
    for task in data.tasks:
        procedure = by_task.get(fold(task))
        if procedure is None or not any(step.text.strip() for step in procedure.steps):
            yield Finding(
                "no_procedure",
                _("No procedure for “{task}”").format(task=task),
                _(
                    "Without written steps the contractor learns the task by asking, or by "
                    "guessing. Write how you do it (Time audit, the task's Procedure tab): "
                    "“Record yourself doing it” gives you a first draft in one pass."
                ),
                PROCEDURES,
                task_name=task,
            )
        elif not procedure.done_when.strip():
            yield Finding(
                "no_done_when",
                _("“{shown_title}” does not say when it is done").format(
                    shown_title=procedure.shown_title
                ),
                _(
                    "Its steps say what to do, not when to stop. Write when the task counts as "
                    "done, so the contractor knows when to hand it back."
                ),
                PROCEDURES,
                task_name=task,
            )


def _excerpt(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def check_brief(data: BriefData, today: date) -> list[Finding]:
    """Every finding of every rule, in the order the rules are declared."""
    return [finding for check in RULES for finding in check(data, today)]


def count_content_findings(data: BriefData) -> int:
    """How many findings the brief's own fields and expectations give: what
    is stored with the brief. With `count_context_findings`, as many as
    `check_brief` finds."""
    return sum(
        1
        for check in RULES
        if check not in CONTEXT_RULES
        # These rules never read the date.
        for _ in check(data, date.min)
    )


def count_context_findings(data: BriefData, today: date) -> int:
    """How many findings the date, the tasks handed off and their procedures
    give: `data` needs only its deadline, status, tasks and procedures."""
    return sum(1 for check in CONTEXT_RULES for _ in check(data, today))
