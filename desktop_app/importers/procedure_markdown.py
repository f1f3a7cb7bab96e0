"""Reading a procedure from Markdown, as owners keep SOPs elsewhere.

What is read (CommonMark, through markdown-it-py, so lists, headings and
code blocks are told apart as every editor tells them):

- the first `#` heading: the title;
- `##` sections named Purpose, Tools (and accounts), Inputs, Outputs,
  Steps and Done when (and a few synonyms, see SECTIONS); text before the
  first section is the purpose;
- the steps: each item of a numbered or bulleted list that is not in
  another section. In an item, the first line is what to do; the lines
  indented below it are its detail, except lines starting "Check:",
  "Link:" or "Time:", which fill those fields. A Markdown link in the
  step's line, [label](address), becomes the step's link when it has no
  "Link:" line (the label stays in the text); other links are kept as
  written.

Refused, saying why: a file over 1 MB or with more than 10,000 steps (with
its size), a file with no steps, an empty step, and a link that is neither
http(s) nor a file that exists (a relative path is read from the Markdown
file's folder).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from desktop_app.importers.text_files import read_text_file
from desktop_app.models.errors import UserError, ValidationError
from desktop_app.models.procedure_content import (
    MAX_STEPS,
    ProcedureData,
    StepData,
    clean_procedure_field,
    clean_step_data,
)
from desktop_app.models.procedures import ImportedProcedure, import_procedure, task_name_of
from desktop_app.models.text import fold

MAX_MARKDOWN_BYTES = 1024 * 1024

# Section headings (folded, without trailing colon) -> the field they fill.
SECTIONS = {
    "purpose": "purpose",
    "why": "purpose",
    "goal": "purpose",
    "overview": "purpose",
    "tools": "tools",
    "tools and accounts": "tools",
    "accounts": "tools",
    "access": "tools",
    "what you need": "tools",
    "inputs": "inputs",
    "input": "inputs",
    "outputs": "outputs",
    "output": "outputs",
    "deliverables": "outputs",
    "steps": "steps",
    "procedure": "steps",
    "instructions": "steps",
    "how to do it": "steps",
    "process": "steps",
    "done when": "done_when",
    "definition of done": "done_when",
    "done": "done_when",
    "finished when": "done_when",
}

_MARKER = re.compile(r"^(\s*)(\d{1,9}[.)]|[-*+])(\s+|$)")
_FIELD = re.compile(r"^(check|link|time)\s*:\s*(.*)$", re.IGNORECASE)
_ESCAPED_FIELD = re.compile(r"^\\((?:check|link|time)\s*:)", re.IGNORECASE)
_INLINE_LINK = re.compile(r"\[([^\]\n]+)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|file)://[^>\s]+)>", re.IGNORECASE)
_DURATION = re.compile(r"^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*min)?\s*(?:(\d+)\s*s)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class _Item:
    """A list item's source: its first line after the marker, the lines
    below dedented to its content, and its line number (1-based)."""

    first: str
    body: list[str]
    line: int


def read_procedure_markdown(path: Path) -> ProcedureData:
    """The procedure in the Markdown file at `path`; UserError says why not."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UserError(f"{path} does not exist.") from None
    except OSError as error:
        raise UserError(f"Cannot read {path}: {error.strerror}.") from None
    if size > MAX_MARKDOWN_BYTES:
        raise UserError(
            f"{path.name} is {size / 1024 / 1024:.1f} MB ({size:,} bytes); a procedure file "
            f"can be at most 1 MB. Split it into the procedures of several tasks."
        )
    text, _ = read_text_file(path, MAX_MARKDOWN_BYTES)
    return parse_procedure_markdown(text, path.name, base=path.parent)


def parse_procedure_markdown(
    source: str, name: str = "The file", base: Path | None = None
) -> ProcedureData:
    """A procedure from Markdown text (see the module's docstring)."""
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    tokens = MarkdownIt("commonmark").parse("\n".join(lines))
    title = ""
    section = ""  # "" before the first section
    blocks: dict[str, list[str]] = {"purpose": [], "tools": [], "inputs": [], "outputs": []}
    blocks["done_when"] = []
    items: list[_Item] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        end = _block_end(tokens, index)
        if token.type == "heading_open" and token.level == 0:
            heading = tokens[index + 1].content.strip()
            if token.tag == "h1" and not title:
                title = heading
            else:
                field = SECTIONS.get(" ".join(heading.casefold().rstrip(":").split()))
                section = field or "steps"
        elif token.map is not None and token.level == 0:
            is_list = token.type in ("ordered_list_open", "bullet_list_open")
            if section in ("", "steps") and is_list:
                items += _items(tokens[index:end], lines)
            elif section in ("tools", "inputs", "outputs") and is_list:
                blocks[section] += [_one_line(item) for item in _items(tokens[index:end], lines)]
            else:
                target = "purpose" if section in ("", "steps") else section
                blocks[target].append("\n".join(lines[token.map[0] : token.map[1]]).strip())
        index = end
    if not items:
        raise UserError(
            f"{name} is not a procedure: it has no steps. Write each step as an item of a "
            "numbered (1. 2. 3.) or bulleted (- ) list."
        )
    if len(items) > MAX_STEPS:
        raise UserError(
            f"{name} has {len(items):,} steps; a procedure can have at most {MAX_STEPS:,}. "
            "Split it into the procedures of several tasks."
        )
    steps = [_step(number, item, base) for number, item in enumerate(items, start=1)]
    values = {
        "title": title,
        "purpose": "\n\n".join(block for block in blocks["purpose"] if block),
        "tools": "\n".join(blocks["tools"]),
        "inputs": "\n".join(blocks["inputs"]),
        "outputs": "\n".join(blocks["outputs"]),
        "done_when": "\n\n".join(block for block in blocks["done_when"] if block),
    }
    try:
        checked: dict[str, Any] = {
            field: clean_procedure_field(field, value) for field, value in values.items()
        }
    except ValidationError as error:
        raise UserError(f"{name}: {error}") from None
    return ProcedureData(**checked, steps=steps)


def _block_end(tokens: list[Token], index: int) -> int:
    """The index after the block that starts at `index` (its closing token)."""
    token = tokens[index]
    if token.nesting != 1:
        return index + 1
    depth = 0
    for position in range(index, len(tokens)):
        depth += tokens[position].nesting
        if depth == 0:
            return position + 1
    return len(tokens)


def _items(tokens: list[Token], lines: list[str]) -> list[_Item]:
    """The top items of the list `tokens` (nested lists stay in their item)."""
    level = tokens[0].level + 1
    items = []
    for token in tokens:
        if token.type != "list_item_open" or token.level != level or token.map is None:
            continue
        start, end = token.map
        source = lines[start:end]
        match = _MARKER.match(source[0])
        width = match.end() if match and match.group(3) else (match.end() + 1 if match else 0)
        first = source[0][match.end() :] if match else source[0]
        body = [_dedent(line, width) for line in source[1:]]
        while body and not body[-1].strip():
            body.pop()
        items.append(_Item(first.strip(), body, start + 1))
    return items


def _dedent(line: str, width: int) -> str:
    spaces = len(line) - len(line.lstrip(" "))
    return line[min(spaces, width) :]


def _one_line(item: _Item) -> str:
    """A list item of tools, inputs or outputs: one line."""
    return " ".join([item.first, *(line.strip() for line in item.body)]).strip()


def _step(number: int, item: _Item, base: Path | None) -> StepData:
    fields: dict[str, str] = {}
    detail: list[str] = []
    for line in item.body:
        match = _FIELD.match(line)
        if match and match.group(1).lower() not in fields:
            fields[match.group(1).lower()] = match.group(2).strip()
        else:
            detail.append(_ESCAPED_FIELD.sub(r"\1", line))
    while detail and not detail[0].strip():
        detail.pop(0)
    text, link = _step_line(item.first, fields.get("link", ""))
    where = f"Step {number} (line {item.line})"
    if not text:
        raise UserError(f"{where} is empty: write what to do on the line of its number.")
    step = StepData(
        text=text,
        detail="\n".join(detail).strip("\n"),
        link=link,
        check=fields.get("check", ""),
        seconds=_seconds(fields.get("time", ""), where),
    )
    try:
        return clean_step_data(step, base)
    except ValidationError as error:
        raise UserError(f"{where}: {error}") from None


def _step_line(first: str, link: str) -> tuple[str, str]:
    """The step's text, and its link: the "Link:" line's, else the first in the text."""
    found = link

    def replace(match: re.Match[str]) -> str:
        nonlocal found
        label, address = match.group(1).strip(), match.group(2).strip()
        if not found:
            found = address
            return label
        return f"{label} ({address})"

    text = _INLINE_LINK.sub(replace, first)
    if not found:
        autolink = _AUTOLINK.search(text)
        if autolink:
            found = autolink.group(1)
    text = _AUTOLINK.sub(lambda match: match.group(1), text)
    return " ".join(text.split()), found


def _seconds(value: str, where: str) -> int | None:
    if not value.strip():
        return None
    match = _DURATION.match(value)
    if not match or not any(match.groups()):
        raise UserError(f"{where}: “Time: {value}” is not a duration (write e.g. 2 min 30 s).")
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def procedure_for_task(data: ProcedureData, task_name: str) -> ProcedureData:
    """`data` as the task's procedure: a title that only repeats the task's name
    is left empty (the task's name shows in its place), so a file exported and
    imported again gives the same procedure."""
    if fold(data.title) == fold(task_name):
        return dataclasses.replace(data, title="", task_name=task_name)
    return dataclasses.replace(data, task_name=task_name)


def import_procedure_file(path: Path, task_id: int, *, replace: bool = False) -> ImportedProcedure:
    """Read `path` and make it the task's procedure, in one transaction.

    A task with a procedure keeps it unless `replace` (then `undo_import`
    puts the old one back).
    """
    task_name = task_name_of(task_id)
    data = procedure_for_task(read_procedure_markdown(path), task_name)
    return import_procedure(task_id, data, replace=replace)
