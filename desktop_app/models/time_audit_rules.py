"""The rules of the time audit: which tasks to hand off, in what order, and
what handing them off is worth. Pure functions, no database.

Step 1 of the product: after a month of noting what takes your time, keep
the tasks that need specific expertise, specialized knowledge or
repetitive unskilled actions (not your unique input), rank them, and put a
price on them.

The outsourcing score
---------------------
    score = hours a month × (dislike + pull-away) ÷ 2 × expertise factor

    expertise factor = 1.5 when you lack the expertise to do the task
                       quickly, 1 when you have it

Dislike and pull-away are the owner's 1-5 ratings, so their mean weighs
the hours by 1 to 5. Only candidates get a score. A candidate with 10 h a
month, disliked (4), pulling you from growth work (5), that you are slow at
scores 10 × 4.5 × 1.5 = 67.5; the same hours on a task you like and do
well (1 and 1) score 10.

Money
-----
    worth a month      = hours × your hourly value
    buyback rate       = your hourly value ÷ the buyback divisor (4 by default)
    buy-back a month   = hours × your hourly value − hours × the contractor's rate

The buyback rate is the most an hour of a contractor is worth paying (a
known rule of thumb: a quarter of what your own hour is worth). Where a
task has no expected contractor rate yet, the buy-back is figured at the
buyback rate, so it shows what you gain at the most you should pay.
"""

from __future__ import annotations

import itertools
import re
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from desktop_app.models.formats import number
from desktop_app.models.i18n import N_, _
from desktop_app.models.text import fold


class Need(StrEnum):
    """What a task needs; the first three make it worth handing off."""

    EXPERTISE = "expertise"
    KNOWLEDGE = "knowledge"
    REPETITIVE = "repetitive"
    UNIQUE = "unique"


# Labels are keyed by the stored text (each member is that text), so a row's
# plain string looks its label up as the enum member does.
NEED_LABELS: dict[str, str] = {
    Need.EXPERTISE: N_("Specific expertise"),
    Need.KNOWLEDGE: N_("Specialized knowledge"),
    Need.REPETITIVE: N_("Repetitive, unskilled"),
    Need.UNIQUE: N_("Your unique input"),
}

# A new task is not rated: what it needs, whether the owner is quick at it and
# the three 1-5 ratings stay empty (None) until the owner says. A made-up
# answer ("repetitive", 3/3/3) would make it a candidate before anyone asked.
RATED_FIELDS = {
    "need": N_("what it needs"),
    "owner_has_expertise": N_("whether you are quick at it"),
    "dislike": N_("dislike"),
    "pull_away": N_("pull-away"),
    "business_value": N_("value"),
}

# What a task probably needs, from the words of its name (then its project and
# tags); the first list with a match wins. Only a suggestion: the owner decides.
_NEED_WORDS = (
    (
        Need.UNIQUE,
        ("strategy", "planning", "plan", "vision", "design", "designs", "designing", "creative",
         "partnerships", "partnership", "collaborations", "networking", "hiring", "interviews",
         "coaching", "mentoring", "speaking", "product development"),
    ),
    (
        Need.KNOWLEDGE,
        ("bookkeeping", "accounting", "accounts", "invoices", "invoicing", "invoice", "tax",
         "taxes", "vat", "payroll", "legal", "contracts", "contract", "compliance"),
    ),
    (
        Need.EXPERTISE,
        ("seo", "ads", "advertising", "photo", "photos", "photography", "video", "videos",
         "editing", "retouching", "website", "shopify", "wordpress", "code", "coding",
         "development", "dev", "fix", "fixes", "bug", "bugs", "copywriting", "translation"),
    ),
    (
        Need.REPETITIVE,
        ("email", "emails", "inbox", "support", "refund", "refunds", "resends", "posts",
         "posting", "instagram", "social", "pins", "pinterest", "listing", "listings", "orders",
         "shipping", "fulfilment", "fulfillment", "packing", "data entry", "scheduling",
         "replies", "comments", "reviews", "uploads", "admin", "filing"),
    ),
)  # fmt: skip


def suggest_need(*texts: str) -> Need | None:
    """What a task probably needs from the words of its name (then of its
    project and tags): "Bookkeeping" -> specialized knowledge; None when no
    word tells. The importer and the time audit's rating prompt both ask it."""
    for text in texts:  # the name first, then the project and the tags
        words = re.findall(r"[a-z]+", fold(text))
        phrases = set(words) | {f"{a} {b}" for a, b in itertools.pairwise(words)}
        for need, keywords in _NEED_WORDS:
            if phrases.intersection(keywords):
                return need
    return None


class TaskStatus(StrEnum):
    LOGGED = "logged"
    CANDIDATE = "candidate"
    BRIEFED = "briefed"
    HANDED_OFF = "handed_off"
    KEPT = "kept"


TASK_STATUS_LABELS: dict[str, str] = {
    TaskStatus.LOGGED: N_("Logged"),
    TaskStatus.CANDIDATE: N_("Candidate"),
    TaskStatus.BRIEFED: N_("Briefed"),
    TaskStatus.HANDED_OFF: N_("Handed off"),
    TaskStatus.KEPT: N_("Kept"),
}


class Override(StrEnum):
    """The owner's word over the score: keep it, or hand it off anyway."""

    KEEP = "keep"
    OUTSOURCE = "outsource"


OVERRIDE_LABELS: dict[str | None, str] = {
    None: N_("By the rules"),
    Override.KEEP: N_("Keep"),
    Override.OUTSOURCE: N_("Outsource"),
}

# The needs that make a task worth handing off (the article's three kinds).
OUTSOURCEABLE_NEEDS = frozenset({Need.EXPERTISE, Need.KNOWLEDGE, Need.REPETITIVE})

MISSING_EXPERTISE_FACTOR = Decimal("1.5")

# What the Help says about the score, written once beside the formula.
SCORE_HELP = (
    "<p><b>Which tasks are candidates?</b> A task is a candidate for handing off when it "
    "needs specific expertise, specialized knowledge or repetitive, unskilled work, and "
    "not your own unique input. You can override the rules: mark a task <i>Keep</i> or "
    "<i>Outsource</i> in the Decision column.</p>"
    "<p><b>The outsourcing score</b> ranks the candidates:</p>"
    "<p style='margin-left:16px'><code>score = hours a month × (dislike + pull-away) ÷ 2 "
    "× expertise factor</code></p>"
    "<p>Dislike and pull-away are your ratings from 1 to 5. The expertise factor is 1.5 when "
    "you lack the expertise to do the task quickly, and 1 when you have it. Example: 10 h a "
    "month, dislike 4, pull-away 5, and you are slow at it: 10 × 4.5 × 1.5 = 67.5.</p>"
    "<p><b>Worth</b> = hours × your hourly value. <b>Buyback rate</b> = your hourly value ÷ "
    "the buyback divisor (4 by default, in Settings): the most an hour of a contractor is "
    "worth paying. <b>Buy-back a month</b> = hours × your hourly value − hours × the "
    "contractor's rate (your buyback rate where no rate is set).</p>"
    "<p><b>Value vs drain</b> places each task by its value to the business (1-5) against "
    "how much it drains you (the mean of dislike and pull-away). <i>Delegate</i>: valuable "
    "but draining. <i>Replace</i>: draining and of little value. <i>Invest</i>: little value "
    "yet energising, worth rethinking. <i>Produce</i>: valuable and energising: your own "
    "work. A rating of 3 counts as the upper half.</p>"
)

_CENTS = Decimal("0.01")
_TENTHS = Decimal("0.1")


def is_candidate(need: str | None, override: str | None = None) -> bool:
    """Whether a task is worth handing off: by what it needs, unless the owner
    overrode it. A task whose need is not rated yet is not a candidate."""
    if override == Override.KEEP:
        return False
    if override == Override.OUTSOURCE:
        return True
    return need is not None and need in OUTSOURCEABLE_NEEDS


def derive_status(need: str | None, override: str | None, current: str) -> str:
    """The task's status after its need or the owner's override changed.

    Keep always wins (the owner takes the task back). A task already
    briefed or handed off stays so; otherwise the status follows the rules:
    candidate or merely logged.
    """
    if override == Override.KEEP:
        return TaskStatus.KEPT
    if current in (TaskStatus.BRIEFED, TaskStatus.HANDED_OFF):
        return current
    return TaskStatus.CANDIDATE if is_candidate(need, override) else TaskStatus.LOGGED


def hours(minutes: int) -> Decimal:
    """`minutes` as hours, exactly (to the hundredth)."""
    return (Decimal(minutes) / 60).quantize(_CENTS, ROUND_HALF_UP)


def outsourcing_score(
    minutes: int, dislike: int | None, pull_away: int | None, owner_has_expertise: bool | None
) -> Decimal | None:
    """The score that ranks candidates (see the module docstring for the
    formula); None until dislike and pull-away are rated. Expertise not said
    yet counts as having it (factor 1), never as a made-up handicap."""
    if dislike is None or pull_away is None:
        return None
    factor = Decimal(1) if owner_has_expertise is not False else MISSING_EXPERTISE_FACTOR
    score = Decimal(minutes) / 60 * Decimal(dislike + pull_away) / 2 * factor
    return score.quantize(_TENTHS, ROUND_HALF_UP)


def worth_per_month(minutes: int, hourly_value: Decimal) -> Decimal:
    """What the owner's hours on a task are worth a month at their hourly value."""
    return (Decimal(minutes) / 60 * hourly_value).quantize(_CENTS, ROUND_HALF_UP)


def buyback_rate(hourly_value: Decimal, divisor: Decimal) -> Decimal:
    """The highest hourly rate worth paying to hand a task off: hourly value ÷ divisor."""
    if divisor <= 0:
        raise ValueError("The buyback divisor must be positive.")
    return (hourly_value / divisor).quantize(_CENTS, ROUND_HALF_UP)


def divisor_in_words(divisor: Decimal) -> str:
    """ "a quarter", "a third", "a half", else "1/2.5": what share of the owner's
    hour a contractor's hour may cost at most."""
    named = {
        Decimal(2): N_("a half"),
        Decimal(3): N_("a third"),
        Decimal(4): N_("a quarter"),
        Decimal(5): N_("a fifth"),
    }
    word = named.get(divisor)
    return _(word) if word else f"1/{number(divisor.normalize())}"


def buyback_explanation(divisor: Decimal) -> str:
    """The buyback divisor in one sentence, wherever the rate it makes is shown."""
    return _(
        "The buyback divisor ({divisor}) is the rule of thumb that an hour "
        "you pay for should cost at most {share} of what your own "
        "hour is worth: the rest is what handing off buys back for growth work. "
        "Change it in File > Settings."
    ).format(divisor=number(divisor.normalize()), share=divisor_in_words(divisor))


def buy_back_per_month(minutes: int, hourly_value: Decimal, contractor_rate: Decimal) -> Decimal:
    """hours × hourly value − hours × contractor rate; negative when the contractor costs more."""
    hours_exact = Decimal(minutes) / 60
    return (hours_exact * hourly_value - hours_exact * contractor_rate).quantize(
        _CENTS, ROUND_HALF_UP
    )


def drain(dislike: int, pull_away: int) -> Decimal:
    """How much a task drains the owner, 1-5: the mean of dislike and pull-away."""
    return Decimal(dislike + pull_away) / 2


class Quadrant(StrEnum):
    """The value-vs-drain quadrants that time-audit coaches use."""

    DELEGATE = "delegate"  # valuable, draining: hand it to someone good
    REPLACE = "replace"  # little value, draining: automate, drop or hand off cheaply
    INVEST = "invest"  # little value, energising: rethink it
    PRODUCE = "produce"  # valuable, energising: the owner's own work


QUADRANT_LABELS = {
    Quadrant.DELEGATE: N_("Delegate"),
    Quadrant.REPLACE: N_("Replace"),
    Quadrant.INVEST: N_("Invest"),
    Quadrant.PRODUCE: N_("Produce"),
}

QUADRANT_HINTS = {
    Quadrant.DELEGATE: N_("Valuable but draining: hand it to someone good at it."),
    Quadrant.REPLACE: N_(
        "Draining and of little value: automate it, drop it or hand it off cheaply."
    ),
    Quadrant.INVEST: N_("Energising but of little value: rethink how it pays off."),
    Quadrant.PRODUCE: N_("Valuable and energising: keep it, it is your own work."),
}

# Ratings are 1-5; the midpoint 3 counts as the upper half on both axes.
QUADRANT_MIDPOINT = Decimal(3)


def quadrant(
    business_value: int | None, dislike: int | None, pull_away: int | None
) -> Quadrant | None:
    """Where a task falls on the value-vs-drain matrix; None until all three are rated."""
    if business_value is None or dislike is None or pull_away is None:
        return None
    draining = drain(dislike, pull_away) >= QUADRANT_MIDPOINT
    valuable = business_value >= QUADRANT_MIDPOINT
    if draining:
        return Quadrant.DELEGATE if valuable else Quadrant.REPLACE
    return Quadrant.PRODUCE if valuable else Quadrant.INVEST
