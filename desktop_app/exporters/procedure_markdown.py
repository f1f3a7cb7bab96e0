"""Writing a procedure as Markdown that reads well anywhere and imports back.

The layout `importers/procedure_markdown.py` reads: a `#` title, `##`
sections (Purpose, Tools and accounts, Inputs, Outputs, Steps, Done when),
the steps as a numbered list whose items hold their detail indented below
the step's line, then "Link:", "Check:" and "Time:" lines. Importing the
file gives the same procedure back.
"""

from __future__ import annotations

import re
from pathlib import Path

from desktop_app.exporters.files import atomic_text_writer
from desktop_app.models.procedure_content import ProcedureData, StepData, list_items

# A detail line the import would read as a field is written escaped.
_FIELD_LIKE = re.compile(r"^(check|link|time)\s*:", re.IGNORECASE)


def _duration(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [f"{hours} h" if hours else "", f"{minutes} min" if minutes else ""]
    parts.append(f"{seconds} s" if seconds or not (hours or minutes) else "")
    return " ".join(part for part in parts if part)


def _step(number: int, step: StepData) -> list[str]:
    marker = f"{number}. "
    indent = " " * len(marker)
    lines = [marker + " ".join(step.text.split())]
    detail = step.detail.strip("\n")
    if detail:
        lines.append("")
        for line in detail.split("\n"):
            written = "\\" + line if _FIELD_LIKE.match(line) else line
            lines.append(indent + written if written.strip() else "")
    fields = []
    if step.link.strip():
        fields.append(f"Link: {step.link.strip()}")
    if step.check.strip():
        fields.append(f"Check: {' '.join(step.check.split())}")
    if step.seconds is not None:
        fields.append(f"Time: {_duration(step.seconds)}")
    if fields:
        lines.append("")
        lines += [indent + field for field in fields]
    return lines


def procedure_markdown(data: ProcedureData) -> str:
    """The procedure as Markdown text."""
    lines = [f"# {' '.join(data.shown_title.split())}", ""]
    sections: list[tuple[str, list[str]]] = []
    if data.purpose.strip():
        sections.append(("Purpose", data.purpose.strip().split("\n")))
    for label, value in (
        ("Tools and accounts", data.tools),
        ("Inputs", data.inputs),
        ("Outputs", data.outputs),
    ):
        items = list_items(value)
        if items:
            sections.append((label, [f"- {item}" for item in items]))
    steps: list[str] = []
    for number, step in enumerate(data.steps, start=1):
        if steps:
            steps.append("")
        steps += _step(number, step)
    sections.append(("Steps", steps))
    if data.done_when.strip():
        sections.append(("Done when", data.done_when.strip().split("\n")))
    for heading, body in sections:
        lines += [f"## {heading}", "", *body, ""]
    return "\n".join(lines)


def write_procedure_markdown(data: ProcedureData, destination: Path) -> Path:
    """Write the procedure to `destination` (UTF-8; replaced only on success)."""
    with atomic_text_writer(destination, newline="\n") as stream:
        stream.write(procedure_markdown(data))
    return destination
