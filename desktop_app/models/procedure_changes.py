"""What changed in a procedure since a version of it was sent.

The same approach as a brief's (`brief_changes`): fields changed, then
steps added, removed, reworded, given another detail, link or check, or
moved. Pure: no database, no Qt.
"""

from __future__ import annotations

from desktop_app.models.brief_changes import (
    NOT_SET,
    Change,
    excerpt,
    item_identity,
    moved_items,
)
from desktop_app.models.i18n import _
from desktop_app.models.procedure_content import (
    PROCEDURE_FIELDS,
    ProcedureData,
    StepData,
)

STEPS = "steps"


def procedure_changes(old: ProcedureData, new: ProcedureData) -> list[Change]:
    """The differences from `old` to `new`, fields first, then steps."""
    changes = []
    for name, label in PROCEDURE_FIELDS:
        before, after = getattr(old, name).strip(), getattr(new, name).strip()
        if before != after:
            is_text = name != "title"
            changes.append(Change(label, before or _(NOT_SET), after or _(NOT_SET), name, is_text))
    changes.extend(_step_changes(old.steps, new.steps))
    return changes


def _step_changes(old: list[StepData], new: list[StepData]) -> list[Change]:
    old_by_key = {item_identity(s, i): (i, s) for i, s in enumerate(old)}
    new_by_key = {item_identity(s, i): (i, s) for i, s in enumerate(new)}
    changes = [
        Change(f"Removed step {index + 1}", excerpt(step.text), "", STEPS)
        for key, (index, step) in old_by_key.items()
        if key not in new_by_key
    ]
    for key, (index, step) in new_by_key.items():
        if key not in old_by_key:
            changes.append(Change(f"Added step {index + 1}", "", excerpt(step.text), STEPS))
            continue
        _old_index, before = old_by_key[key]
        label = f"Step {index + 1}"
        for part, what, is_text in (
            ("text", "reworded", True),
            ("detail", "detail changed", True),
            ("link", "link changed", False),
            ("check", "check changed", True),
        ):
            was, now = getattr(before, part).strip(), getattr(step, part).strip()
            if was != now:
                changes.append(
                    Change(f"{label} {what}", was or _(NOT_SET), now or _(NOT_SET), STEPS, is_text)
                )
    changes.extend(moved_items(old_by_key, new_by_key, STEPS))
    return changes
