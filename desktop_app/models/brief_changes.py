"""What changed in a brief since a version of it was sent.

`changes_between(old, new)` compares two `BriefData` (a stored version and
the brief as it is now) and lists the differences a contractor would
notice: fields changed, expectations added, removed, reworded, re-levelled
or moved in the priority order. Pure: no database, no Qt.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from desktop_app.models.brief_vocabulary import (
    BRIEF_FIELDS,
    BUDGET_BASIS_LABELS,
    DELEGATION_LABELS,
    LEVEL_LABELS,
    BriefData,
    BudgetBasis,
    Delegation,
    ExpectationData,
    FieldKind,
    Level,
)
from desktop_app.models.formats import day, number
from desktop_app.models.i18n import LANGUAGES, N_, _, count

# Where the brief stands is not part of what the contractor reads.
_NOT_CONTENT = {"status"}
NOT_SET = N_("(not set)")


@dataclass(frozen=True)
class Change:
    """One difference.

    Attributes:
        what: a short sentence ("Budget", "Added expectation 3").
        old, new: the values before and after ("" when there is none).
        field: the brief field it concerns, or "expectations".
        is_text: old and new are free text (a view may show a line diff).
    """

    what: str
    old: str
    new: str
    field: str
    is_text: bool = False


def format_value(name: str, value: Any) -> str:
    """A field's value as the owner reads it (in the language being written)."""
    if name == "language":
        return LANGUAGES.get(value, "") if value else _("The app's language")
    if value is None or value == "":
        return _(NOT_SET)
    if isinstance(value, date):
        return day(value)
    if isinstance(value, Decimal):
        return number(value, 2)
    if name == "delegation_level":
        return _(DELEGATION_LABELS.get(Delegation(int(value)), str(value)))
    if name == "budget_basis":
        return _(BUDGET_BASIS_LABELS.get(BudgetBasis(value), str(value)))
    if name == "report_every_days":
        return count(int(value), "every day", "every {count} days")
    return str(value).strip()


def _level(value: str) -> str:
    try:
        return _(LEVEL_LABELS[Level(value)])
    except ValueError:
        return value


def excerpt(text: str, length: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def changes_between(old: BriefData, new: BriefData) -> list[Change]:
    """The differences from `old` to `new`, fields first, then expectations."""
    changes = []
    for spec in BRIEF_FIELDS:
        if spec.name in _NOT_CONTENT:
            continue
        before, after = getattr(old, spec.name), getattr(new, spec.name)
        if isinstance(before, str) and isinstance(after, str):
            if before.strip() == after.strip():
                continue
        elif before == after:
            continue
        is_text = spec.kind is FieldKind.TEXT
        changes.append(
            Change(
                _(spec.label),
                format_value(spec.name, before),
                format_value(spec.name, after),
                spec.name,
                is_text,
            )
        )
    changes.extend(_expectation_changes(old.expectations, new.expectations))
    return changes


def item_identity(item: Any, index: int) -> Any:
    """What tells an item (an expectation, a step) apart across versions: its id, else its text."""
    return ("id", item.id) if item.id is not None else ("text", item.text)


def _expectation_changes(old: list[ExpectationData], new: list[ExpectationData]) -> list[Change]:
    old_by_key = {item_identity(e, i): (i, e) for i, e in enumerate(old)}
    new_by_key = {item_identity(e, i): (i, e) for i, e in enumerate(new)}
    changes = []
    for key, (index, expectation) in old_by_key.items():
        if key not in new_by_key:
            changes.append(
                Change(
                    f"Removed expectation {index + 1}",
                    f"{excerpt(expectation.text)} ({_level(expectation.level)})",
                    "",
                    "expectations",
                )
            )
    for key, (index, expectation) in new_by_key.items():
        if key not in old_by_key:
            changes.append(
                Change(
                    f"Added expectation {index + 1}",
                    "",
                    f"{excerpt(expectation.text)} ({_level(expectation.level)})",
                    "expectations",
                )
            )
            continue
        _old_index, before = old_by_key[key]
        label = f"Expectation {index + 1}"
        if before.text.strip() != expectation.text.strip():
            changes.append(
                Change(
                    f"{label} reworded",
                    before.text.strip(),
                    expectation.text.strip(),
                    "expectations",
                    is_text=True,
                )
            )
        if before.level != expectation.level:
            changes.append(
                Change(
                    f"{label}: level changed",
                    _level(before.level),
                    _level(expectation.level),
                    "expectations",
                )
            )
        if before.measure.strip() != expectation.measure.strip():
            changes.append(
                Change(
                    f"{label}: measure changed",
                    before.measure.strip() or _(NOT_SET),
                    expectation.measure.strip() or _(NOT_SET),
                    "expectations",
                )
            )
    changes.extend(moved_items(old_by_key, new_by_key))
    return changes


def moved_items(
    old_by_key: Mapping[Any, tuple[int, Any]],
    new_by_key: Mapping[Any, tuple[int, Any]],
    field: str = "expectations",
) -> list[Change]:
    """Items (expectations, a procedure's steps) whose place among the others changed.

    `old_by_key` and `new_by_key` map each item's identity to (index, item),
    the item having a `text`. Only those outside the longest run kept in
    order count as moved, so adding one item at the top does not report
    every other as moved.
    """
    common_old = [key for key in old_by_key if key in new_by_key]
    common_new = [key for key in new_by_key if key in old_by_key]
    matcher = difflib.SequenceMatcher(a=common_old, b=common_new, autojunk=False)
    kept = {
        common_new[block.b + offset]
        for block in matcher.get_matching_blocks()
        for offset in range(block.size)
    }
    moves = []
    for key in common_new:
        if key in kept:
            continue
        old_index, _ = old_by_key[key]
        new_index, expectation = new_by_key[key]
        moves.append(
            Change(
                f"Moved “{excerpt(expectation.text, 50)}”",
                f"#{old_index + 1}",
                f"#{new_index + 1}",
                field,
            )
        )
    return moves
