"""Contractors from vCard 3.0 and 4.0 files, as contacts apps export them.

Parsing is `vobject`'s; this module splits the file into cards first, so
one broken card is refused with its line number while the others import,
and it refuses what vobject would guess at: a file that is not UTF-8 (vCard
3.0 and 4.0 are UTF-8 by definition), old 2.1 cards with their own
character sets, and lines that are not vCard properties.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from desktop_app.importers.contractor_records import ImportPlan, plan_import
from desktop_app.importers.text_files import read_text_file
from desktop_app.models.errors import UserError

SUPPORTED_VERSIONS = ("3.0", "4.0")
# NAME[;PARAM=...]*: value, where a group may prefix the name ("item1.URL").
_PROPERTY = re.compile(r"^(?:[A-Za-z0-9-]+\.)?[A-Za-z0-9-]+(?:;[^:]*)?:", re.ASCII)
_CHARSET = re.compile(r";\s*CHARSET=([^;:]+)", re.IGNORECASE)


def plan_vcard_file(path: Path) -> ImportPlan:
    """Read and check every card of `path`; nothing is written."""
    text, encoding = read_text_file(path)
    if encoding == "cp1252":
        raise UserError(
            f"{path.name} is not in UTF-8: vCard 3.0 and 4.0 files always are. Export the "
            "contacts again as vCard (UTF-8) and import that file."
        )
    items: list[tuple[str, dict[str, str]]] = []
    refused: list[tuple[str, str]] = []
    cards = list(_split_cards(text))
    if not any(lines for _, lines, _ in cards):
        raise UserError(
            f"{path.name} holds no vCard (no BEGIN:VCARD line); is it a vCard file (.vcf)?"
        )
    for number, (start, lines, problem) in enumerate(cards, start=1):
        label = f"card {number} (line {start})" if lines else f"line {start}"
        if problem:
            refused.append((label, problem))
            continue
        try:
            items.append((label, _card_texts(start, lines)))
        except UserError as error:
            refused.append((label, str(error)))
    plan = plan_import(path.name, items)
    plan.refused[:0] = refused
    plan.refused.sort(key=lambda item: _card_number(item[0]))
    return plan


def _card_number(label: str) -> int:
    match = re.match(r"card (\d+)", label)
    return int(match.group(1)) if match else 0


def _split_cards(text: str) -> Iterator[tuple[int, list[str], str]]:
    """(first line number, the card's lines, a problem or "") for each card."""
    current: list[str] | None = None
    start = 0
    stray: list[int] = []
    for number, line in enumerate(text.splitlines(), start=1):
        keyword = line.strip().upper()
        if keyword == "BEGIN:VCARD":
            if current is not None:
                yield start, current, f"the card has no END:VCARD before line {number}."
            current, start = [line], number
        elif current is None:
            if line.strip():
                stray.append(number)
        else:
            current.append(line)
            if keyword == "END:VCARD":
                yield start, current, ""
                current = None
    if current is not None:
        yield start, current, "the file ends inside this card (no END:VCARD)."
    if stray:
        shown = ", ".join(str(n) for n in stray[:5]) + ("…" if len(stray) > 5 else "")
        yield stray[0], [], f"line {shown}: text outside any card (BEGIN:VCARD … END:VCARD)."


def _unfolded(start: int, lines: list[str]) -> list[tuple[int, str]]:
    """Content lines with folded continuations joined, each with its first line number."""
    result: list[tuple[int, str]] = []
    for offset, line in enumerate(lines):
        if line[:1] in (" ", "\t") and result:
            number, text = result[-1]
            result[-1] = (number, text + line[1:])
        elif line.strip():
            result.append((start + offset, line))
    return result


def _card_texts(start: int, lines: list[str]) -> dict[str, str]:
    import vobject
    from vobject.base import VObjectError

    content = _unfolded(start, lines)
    for number, line in content:
        if not _PROPERTY.match(line):
            shown = line if len(line) <= 60 else line[:57] + "…"
            raise UserError(f"line {number} is broken: “{shown}” is not a vCard property.")
        charset = _CHARSET.search(line.split(":", 1)[0])
        if charset and charset.group(1).strip().upper() not in ("UTF-8", "UTF8"):
            raise UserError(
                f"line {number} is in the {charset.group(1).strip()} encoding; export the "
                "contacts again as vCard 3.0 or 4.0 (UTF-8)."
            )
    try:
        card = vobject.readOne("\r\n".join(lines) + "\r\n", ignoreUnreadable=False)
    except (VObjectError, ValueError, UnicodeError, TypeError) as error:
        message = str(error.args[0]) if getattr(error, "args", None) else str(error)
        raise UserError(f"not a readable vCard: {message}.") from None
    version = _first(card, "version")
    if version not in SUPPORTED_VERSIONS:
        raise UserError(
            f"a vCard {version or 'without a VERSION'} card; Offload reads vCard 3.0 and 4.0 "
            "(export the contacts again in one of those)."
        )
    return _texts(card)


def _first(card: Any, name: str) -> str:
    entries = card.contents.get(name)
    if not entries:
        return ""
    value = entries[0].value
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v)
    return str(value).strip()


def _unescape_text(value: str) -> str:
    """Undo vCard text escapes (\\: \\, \\; \\\\) left in a value."""
    return re.sub(r"\\([:,;\\])", r"\1", value)


def _texts(card: Any) -> dict[str, str]:
    organisation = _first(card, "org").replace(", ", " ").strip(" ;")
    name = _first(card, "fn")
    if not name and "n" in card.contents:
        n = card.n.value
        name = " ".join(part for part in (n.prefix, n.given, n.additional, n.family) if part)
    kind = "agency" if _first(card, "kind").lower() in ("org", "organization") else ""
    if not name and organisation:
        name, kind = organisation, "agency"
    notes = [_first(card, "note")]
    title = _first(card, "title")
    if title:
        notes.append(f"Title: {title}")
    if organisation and organisation != name:
        notes.append(f"Organisation: {organisation}")
    location = ""
    if "adr" in card.contents:
        adr = card.adr.value
        location = ", ".join(part for part in (adr.city, adr.region, adr.country) if part)
    skills = []
    for entry in card.contents.get("categories", []):
        skills.extend(entry.value if isinstance(entry.value, list) else [entry.value])
    return {
        "name": name,
        "kind": kind,
        "email": _first(card, "email"),
        "phone": _first(card, "tel").removeprefix("tel:"),
        # Apple's Contacts escape URLs as if they were text ("http\\://..."),
        # which vobject leaves as it is: undo those escapes.
        "website": _unescape_text(_first(card, "url")),
        "location": location,
        "timezone": _first(card, "tz") if "/" in _first(card, "tz") else "",
        "skills": ", ".join(skill for skill in skills if skill),
        "notes": "\n".join(part for part in notes if part),
    }
