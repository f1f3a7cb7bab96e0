"""Contractors from vCard files (2.1, 3.0 and 4.0), as phones and address books export them.

Android's Contacts, Outlook and BlackBerry write vCard 2.1 (values in
quoted-printable with a character set, lines continued by a soft line
break "=" at their end); Apple Contacts, Gmail, Thunderbird and Nextcloud
write 3.0 or 4.0. The reader here follows the three (RFC 2425/2426, RFC
6350 and the vCard 2.1 specification) for the properties Offload keeps,
and is lenient where exports are not:

- the file is streamed, a card at a time; photos, logos, sounds and keys
  are dropped as they are read, so a card with a photo of any size costs
  nothing, and a card holding more than `MAX_CARD_CHARS` of anything else
  is refused with the reason;
- the card's VERSION is read first, and decides how its lines are read;
- line ends may be CR LF, LF, CR, or the CR CR LF of some iPhone exports;
- a text value is read whole: a comma never splits a name ("Mr. John
  Richter, James Doe Sr.") or an organisation ("Acme, Inc.");
- a line that is not a property, or a property Offload does not know
  (Lotus Notes' PROFILE:VCard), is left out; a value that cannot be read
  (a phone written as words) keeps its contact, goes to the notes as
  written, and is listed in the preview.

Each card becomes loose texts for `contractor_records.plan_import`.
"""

from __future__ import annotations

import codecs
import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.importers.contractor_records import ImportPlan, plan_import
from desktop_app.importers.csv_rows import LongLine, physical_lines
from desktop_app.importers.text_files import check_text_file
from desktop_app.models.errors import UserError

# What one card may hold once its photo is left out: far more than any contact.
MAX_CARD_CHARS = 256 * 1024
# Properties whose values are pictures, sounds or keys: never read, never kept.
_BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
_NAME = re.compile(r"^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)$")


@dataclass
class Property:
    """One content line: NAME;PARAMS:value, its value decoded (not yet unescaped)."""

    line: int
    name: str
    params: dict[str, list[str]]
    value: str

    def types(self) -> set[str]:
        return {value.upper() for value in self.params.get("TYPE", [])}


@dataclass
class Card:
    number: int
    line: int  # of BEGIN:VCARD
    lines: list[tuple[int, str]] = field(default_factory=list)
    size: int = 0
    problem: str = ""

    @property
    def label(self) -> str:
        return f"card {self.number} (line {self.line})"


def plan_vcard_file(path: Path) -> ImportPlan:
    """Read and check every card of `path`; nothing is written."""
    checked = check_text_file(path)
    items: list[tuple[str, dict[str, str]]] = []
    refused: list[tuple[str, str]] = []
    unread_by_label: dict[str, list[str]] = {}
    with checked.open() as stream:
        cards = 0
        for card in _cards(physical_lines(stream, MAX_CARD_CHARS)):
            if card.number == 0:
                refused.append((f"line {card.line}", card.problem))
                continue
            cards += 1
            if card.problem:
                refused.append((card.label, card.problem))
                continue
            texts, unread = card_texts(card.lines)
            unread_by_label[card.label] = unread
            items.append((card.label, texts))
    if not cards:
        raise UserError(
            f"{path.name} holds no vCard (no BEGIN:VCARD line); is it a vCard file (.vcf)?"
        )
    notes = []
    if checked.encoding == "cp1252":
        notes.append(f"{path.name} is not in UTF-8; it was read as Windows-1252.")
    return plan_import(
        path.name,
        items,
        notes,
        keep_unreadable=True,
        refused=refused,
        read_problems=unread_by_label,
    )


def _cards(lines: Iterator[tuple[int, str | LongLine]]) -> Iterator[Card]:
    """Each card with its lines (photos left out); a Card numbered 0 for text
    outside any card."""
    card: Card | None = None
    number = 0
    stray: list[int] = []
    skipping = False  # inside a binary property's folded lines
    for line_number, raw in lines:
        if isinstance(raw, LongLine):
            _long_line(card, line_number, raw)
            skipping = card is not None
            continue
        text = raw.rstrip("\r\n")
        keyword = text.strip().upper()
        if keyword == "BEGIN:VCARD":
            if card is not None:
                card.problem = (
                    card.problem or f"the card has no END:VCARD before line {line_number}."
                )
                yield card
            number += 1
            card, skipping = Card(number, line_number), False
            continue
        if card is None:
            if text.strip():
                stray.append(line_number)
            continue
        if keyword == "END:VCARD":
            yield card
            card = None
            continue
        if text[:1] in (" ", "\t") and skipping:
            continue
        skipping = _is_binary(text)
        if skipping or card.problem:
            continue
        card.size += len(text)
        if card.size > MAX_CARD_CHARS:
            card.problem = (
                f"the card holds more than {MAX_CARD_CHARS // 1024} KiB besides its photo; "
                "a contact holds no such value."
            )
            card.lines = []
            continue
        card.lines.append((line_number, text))
    if card is not None:
        card.problem = card.problem or "the file ends inside this card (no END:VCARD)."
        yield card
    if stray:
        shown = ", ".join(str(n) for n in stray[:5]) + ("…" if len(stray) > 5 else "")
        yield Card(
            0, stray[0], problem=f"line {shown}: text outside any card (BEGIN:VCARD … END:VCARD)."
        )


def _long_line(card: Card | None, number: int, line: LongLine) -> None:
    if card is not None and not card.problem and not _is_binary(line.head):
        card.problem = (
            f"line {number} is longer than {MAX_CARD_CHARS // 1024} KiB; "
            "a contact holds no such value."
        )


def _is_binary(text: str) -> bool:
    name = re.split(r"[;:]", text, maxsplit=1)[0].strip()
    match = _NAME.match(name)
    return match is not None and match.group(1).upper() in _BINARY


# Content lines ------------------------------------------------------------------


def card_version(lines: list[tuple[int, str]]) -> str:
    """The card's VERSION ("2.1", "3.0", "4.0"), "" when it has none."""
    for _, text in lines:
        if text.upper().startswith("VERSION:"):
            return text.split(":", 1)[1].strip()
    return ""


def content_lines(lines: list[tuple[int, str]], version: str) -> tuple[list[Property], list[str]]:
    """The card's properties, unfolded and decoded, and what could not be read."""
    logical: list[tuple[int, str]] = []
    for number, text in lines:
        if text[:1] in (" ", "\t") and logical:
            # Folded: the line continues the one before (2.1 keeps the space).
            start, before = logical[-1]
            logical[-1] = (start, before + (text if version == "2.1" else text[1:]))
        elif logical and _soft_break(logical[-1][1]):
            start, before = logical[-1]
            logical[-1] = (start, before[:-1] + text)  # the "=" only marks the break
        elif text.strip():
            logical.append((number, text))
    properties: list[Property] = []
    unread: list[str] = []
    for number, text in logical:
        parsed = _parse_line(number, text)
        if isinstance(parsed, str):
            unread.append(parsed)
            continue
        try:
            parsed.value = _decoded(parsed, version)
        except (LookupError, ValueError) as error:
            unread.append(f"line {number}: {error}")
            continue
        properties.append(parsed)
    return properties, unread


def _soft_break(text: str) -> bool:
    """A quoted-printable line ending in "=" goes on on the next line."""
    head = text.split(":", 1)[0].upper()
    return text.endswith("=") and "QUOTED-PRINTABLE" in head


def _parse_line(number: int, text: str) -> Property | str:
    """NAME;PARAM=a,b;PARAM="x:y":value, or why the line is not a property."""
    position = 0
    head_end = -1
    in_quotes = False
    for position, char in enumerate(text):
        if char == '"':
            in_quotes = not in_quotes
        elif char == ":" and not in_quotes:
            head_end = position
            break
    shown = text if len(text) <= 60 else text[:57] + "…"
    if head_end < 0:
        return f"line {number} is not a vCard property: “{shown}”"
    head, value = text[:head_end], text[head_end + 1 :]
    parts = _split_params(head)
    match = _NAME.match(parts[0].strip())
    if not match:
        return f"line {number} is not a vCard property: “{shown}”"
    params: dict[str, list[str]] = {}
    for part in parts[1:]:
        key, has_value, values = part.partition("=")
        if not has_value:  # vCard 2.1: a bare TYPE (CELL, WORK) or ENCODING
            bare = key.strip().upper()
            if bare in ("QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B"):
                params.setdefault("ENCODING", []).append(bare)
            else:
                params.setdefault("TYPE", []).append(bare)
            continue
        params.setdefault(key.strip().upper(), []).extend(
            v.strip().strip('"') for v in values.split(",")
        )
    return Property(number, match.group(1).upper(), params, value)


def _split_params(head: str) -> list[str]:
    parts, current, in_quotes = [], "", False
    for char in head:
        if char == '"':
            in_quotes = not in_quotes
        if char == ";" and not in_quotes:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts


def _decoded(prop: Property, version: str) -> str:
    encoding = {value.upper() for value in prop.params.get("ENCODING", [])}
    charset = (prop.params.get("CHARSET") or [""])[0]
    if "QUOTED-PRINTABLE" in encoding:
        raw = quopri.decodestring(prop.value.encode("latin-1", "replace"))
        return _bytes_as_text(raw, charset)
    if charset:
        # 8-bit text was read with the file (UTF-8, else Windows-1252); an
        # unknown character set is named rather than guessed at.
        try:
            codecs.lookup(charset)
        except LookupError:
            raise LookupError(f"the character set “{charset}” is not one Offload knows") from None
    return prop.value


def _bytes_as_text(raw: bytes, charset: str) -> str:
    if charset:
        try:
            return raw.decode(charset)
        except LookupError:
            raise LookupError(f"the character set “{charset}” is not one Offload knows") from None
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


# Values ---------------------------------------------------------------------------


def unescape(value: str) -> str:
    """A text value as written: \\n a line break, \\, \\; \\: \\\\ the character."""
    return re.sub(r"\\([nN,;:\\])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def split_unescaped(value: str, separator: str) -> list[str]:
    """`value` split at each `separator` not escaped with a backslash, each part unescaped."""
    parts, current, escaped = [], "", False
    for char in value:
        if escaped:
            current += "\\" + char
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == separator:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current + ("\\" if escaped else ""))
    return [unescape(part) for part in parts]


def phone_text(prop: Property) -> str:
    """A phone as its owner reads it: "tel:+1-418-656-9254;ext=102" becomes
    "+1-418-656-9254 ext. 102" (an extension is part of the number)."""
    value = unescape(prop.value).strip()
    if value.lower().startswith("tel:"):
        number, _, rest = value[4:].partition(";")
        extension = next(
            (p.split("=", 1)[1] for p in rest.split(";") if p.lower().startswith("ext=")), ""
        )
        return f"{number} ext. {extension}" if extension else number
    return value


def card_texts(lines: list[tuple[int, str]]) -> tuple[dict[str, str], list[str]]:
    """The loose contractor texts of one card, and what in it could not be read."""
    version = card_version(lines)
    properties, unread = content_lines(lines, version)
    by_name: dict[str, list[Property]] = {}
    for prop in properties:
        by_name.setdefault(prop.name, []).append(prop)

    def preferred(name: str) -> list[Property]:
        found = by_name.get(name, [])
        return sorted(
            found, key=lambda p: "PREF" not in p.types() and "1" not in p.params.get("PREF", [])
        )

    def first(name: str) -> str:
        found = preferred(name)
        return unescape(found[0].value).strip() if found else ""

    organisation = ""
    if "ORG" in by_name:
        units = [part.strip() for part in split_unescaped(by_name["ORG"][0].value, ";")]
        organisation = "; ".join(unit for unit in units if unit)
    name = first("FN")
    if not name and "N" in by_name:
        parts = [part.strip() for part in split_unescaped(by_name["N"][0].value, ";")]
        family, given, additional, prefix, suffix = (parts + [""] * 5)[:5]
        name = " ".join(p for p in (prefix, given, additional, family, suffix) if p)
    # KIND (4.0), or Apple's X-ABShowAs:COMPANY, says the card is a company.
    company = first("KIND").lower() in ("org", "organization") or first("X-ABSHOWAS") == "COMPANY"
    kind = "agency" if company else ""
    if not name and organisation:
        name, kind = organisation, "agency"
    notes = [first("NOTE")]
    title = first("TITLE")
    if title:
        notes.append(f"Title: {title}")
    if organisation and organisation != name:
        notes.append(f"Organisation: {organisation}")
    aside: list[str] = []
    for prop_name, label, read in (
        ("EMAIL", "E-mail", lambda p: unescape(p.value).strip()),
        ("TEL", "Phone", phone_text),
        ("URL", "Website", lambda p: unescape(p.value).strip()),
    ):
        aside.extend(f"{label}: {read(p)}" for p in preferred(prop_name)[1:] if read(p))
    if aside:
        notes.append("Also on record: " + "; ".join(aside) + ".")
    location = ""
    if "ADR" in by_name:
        parts = [part.strip() for part in split_unescaped(preferred("ADR")[0].value, ";")]
        padded = (parts + [""] * 7)[:7]
        location = ", ".join(part for part in (padded[3], padded[4], padded[6]) if part)
    skills: list[str] = []
    for prop in by_name.get("CATEGORIES", []):
        skills.extend(part.strip() for part in split_unescaped(prop.value, ","))
    # Google's and Apple's own groups, not the owner's labels.
    skills = [skill for skill in skills if skill.casefold() not in ("mycontacts", "starred")]
    phones = preferred("TEL")
    timezone = first("TZ")
    texts = {
        "name": " ".join(name.split()),
        "kind": kind,
        "email": first("EMAIL").removeprefix("mailto:"),
        "phone": phone_text(phones[0]) if phones else "",
        "website": first("URL"),
        "location": location,
        "timezone": timezone if "/" in timezone else "",
        "skills": ", ".join(skill for skill in skills if skill),
        "notes": "\n".join(part for part in notes if part),
    }
    return texts, unread
