"""What the contractor importers share: reading loose cell text into checked
contractor values, and planning an import (which rows go in, which are
refused and why, which match someone already on the bench).

A spreadsheet says "Upwork", "referred by Ana", "$35/hr" or "4/5"; the
functions here turn that into the values `parse_contractor` checks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop_app.models.contractor_input import (
    FIELD_LABELS,
    STAGES,
    parse_contractor,
)
from desktop_app.models.contractors import (
    SOURCE_LABELS,
    STAGE_LABELS,
    Duplicate,
    DuplicateIndex,
    ImportOutcome,
    OnDuplicate,
    import_contractors,
)
from desktop_app.models.errors import ValidationError
from desktop_app.models.progress import Progress
from desktop_app.models.settings import load_settings
from desktop_app.models.text import fold

_SOURCE_WORDS = {
    "upwork": "upwork",
    "upwork.com": "upwork",
    "freelancer": "freelancer",
    "freelancer.com": "freelancer",
    "referral": "referral",
    "referred": "referral",
    "recommendation": "referral",
    "recommended": "referral",
    "independent": "independent",
    "found independently": "independent",
    "own research": "independent",
    "direct": "independent",
    "niche": "niche",
    "niche site": "niche",
}
_REFERRAL = re.compile(
    r"^(?:referral|referred|recommended|recommendation)\s*(?:by|from|:|-)\s*(.+)$", re.IGNORECASE
)
_UNIT_WORDS = {
    "hour": "hour",
    "hourly": "hour",
    "h": "hour",
    "hr": "hour",
    "hrs": "hour",
    "per hour": "hour",
    "project": "project",
    "per project": "project",
    "fixed": "project",
    "flat": "project",
    "month": "month",
    "monthly": "month",
    "mo": "month",
    "per month": "month",
    "retainer": "month",
}
_TEXT_FORMULA = re.compile(r'^="([^"]*)"$')
_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "zł": "PLN", "₱": "PHP"}
_RATE = re.compile(
    r"^\s*(?P<pre>[A-Za-z]{3}|[$€£¥₹₱]|zł)?\s*(?P<amount>-?[\d][\d.,' \u00a0]*)\s*"
    r"(?P<post>[A-Za-z]{3}(?![a-z])|[$€£¥₹₱]|zł)?\s*(?:(?:/|per|an?)\s*(?P<unit>[A-Za-z ]+))?\s*$"
)


def source_from_text(text: str) -> tuple[str, str]:
    """("upwork", ""), ("referral", "Ana"), or ("niche", "Codeable") for any other site."""
    value = " ".join(text.split())
    if not value:
        return "", ""
    referral = _REFERRAL.match(value)
    if referral:
        return "referral", referral.group(1).strip()
    key = fold(value)
    if key in _SOURCE_WORDS:
        return _SOURCE_WORDS[key], ""
    for source, label in SOURCE_LABELS.items():
        if fold(label) == key:
            return source.value, ""
    return "niche", value


def stage_from_text(text: str) -> str:
    key = fold(text)
    if not key:
        return ""
    for stage, label in STAGE_LABELS.items():
        if key in (stage.value, fold(label)):
            return stage.value
    raise ValidationError(
        f"“{text.strip()}” is not a pipeline stage (one of {', '.join(STAGES)}).", "stage"
    )


def kind_from_text(text: str) -> str:
    key = fold(text)
    if not key:
        return ""
    if key in ("agency", "company", "org", "organisation", "organization", "team", "studio"):
        return "agency"
    if key in ("individual", "freelancer", "person", "solo"):
        return "individual"
    raise ValidationError(f"“{text.strip()}” is not a kind (individual or agency).", "kind")


def unit_from_text(text: str) -> str:
    key = fold(text).strip(" /")
    if not key:
        return ""
    if key in _UNIT_WORDS:
        return _UNIT_WORDS[key]
    raise ValidationError(
        f"“{text.strip()}” is not a rate unit (per hour, per project or per month).", "rate_unit"
    )


def rate_from_text(text: str) -> tuple[str, str, str]:
    """("35", "hour", "USD") from "$35/hr"; units and currency "" when not said."""
    value = text.strip()
    if not value:
        return "", "", ""
    match = _RATE.match(value)
    if not match:
        return value, "", ""  # parse_contractor says why it is not a rate
    currency = ""
    for mark in (match.group("pre"), match.group("post")):
        if mark:
            currency = _SYMBOLS.get(mark, mark.upper())
    unit = unit_from_text(match.group("unit") or "")
    return match.group("amount").strip(), unit, currency


def rating_from_text(text: str) -> str:
    value = text.strip()
    fraction = re.match(r"^(\d+(?:[.,]\d+)?)\s*/\s*5$", value)
    if fraction:
        value = fraction.group(1)
    if re.match(r"^\d+[.,]0+$", value):
        value = re.split(r"[.,]", value)[0]
    stars = value.count("★")
    return str(stars) if stars and not value.strip("★☆ ") else value


def values_from_texts(texts: Mapping[str, str], default_currency: str = "USD") -> dict[str, Any]:
    """Checked contractor values from loose texts keyed by field name; a rate
    without a currency is taken to be in `default_currency` (the owner's).

    Raises ValidationError with every problem of the record at once.
    """
    raw: dict[str, Any] = {key: (value or "").strip() for key, value in texts.items()}
    errors: dict[str, str] = {}
    try:
        _read_loose_texts(raw)
    except ValidationError as error:
        errors[error.field or ""] = str(error)
    for key in ("currency", "rate_unit", "kind", "source", "stage"):
        if key in raw and not raw[key]:
            del raw[key]
    raw.setdefault("currency", default_currency)
    try:
        values = parse_contractor(
            {k: v for k, v in raw.items() if k not in errors}, assume_https=True
        )
    except ValidationError as error:
        errors.update(error.errors)
        values = {}
    if errors:
        raise ValidationError.from_errors(errors)
    return values


def _read_loose_texts(raw: dict[str, Any]) -> None:
    """Turn spreadsheet wording ("$35/hr", "referred by Ana", "4/5") into field values."""
    for key in list(raw):
        if raw[key].startswith("'") and raw[key][1:2] in ("=", "+", "-", "@"):
            raw[key] = raw[key][1:]  # the guard our own export puts before formulas
        elif text_formula := _TEXT_FORMULA.match(raw[key]):
            raw[key] = text_formula.group(1)  # ="+44 20 7946 0958": how the export writes phones
    if "source" in raw:
        source, detail = source_from_text(raw["source"])
        raw["source"] = source
        if detail and not raw.get("source_detail"):
            raw["source_detail"] = detail
    readers = {
        "stage": stage_from_text,
        "kind": kind_from_text,
        "rate_unit": unit_from_text,
        "rating": rating_from_text,
    }
    for key, read in readers.items():
        if raw.get(key):
            raw[key] = read(raw[key])
    if raw.get("rate"):
        amount, unit, currency = rate_from_text(raw["rate"])
        raw["rate"] = amount
        if unit and not raw.get("rate_unit"):
            raw["rate_unit"] = unit
        if currency and not raw.get("currency"):
            raw["currency"] = currency


@dataclass(frozen=True)
class PlannedRecord:
    label: str  # "line 4", "card 2"
    values: dict[str, Any]
    duplicates: tuple[Duplicate, ...] = ()
    # What could not be read, each kept in the notes as written ("Phone “call me”: …").
    unread: tuple[str, ...] = ()

    def unread_text(self) -> str:
        """What the preview and the command line say of the details not read."""
        if not self.unread:
            return ""
        return "Could not read: " + " ".join(
            reason if reason.endswith(".") else reason + "." for reason in self.unread
        )


@dataclass
class ImportPlan:
    """What an import would do, shown before anything is written."""

    source_name: str
    records: list[PlannedRecord] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (label, reason)
    notes: list[str] = field(default_factory=list)  # about the file as a whole

    @property
    def duplicates(self) -> list[PlannedRecord]:
        return [record for record in self.records if record.duplicates]

    @property
    def partly_read(self) -> list[PlannedRecord]:
        return [record for record in self.records if record.unread]

    def describe(self) -> str:
        text = f"{len(self.records)} contractors ready to import"
        if self.duplicates:
            text += f", {len(self.duplicates)} of them already on the bench"
        if self.partly_read:
            text += (
                f"; {len(self.partly_read)} with a detail that could not be read (kept in notes)"
            )
        if self.refused:
            text += f"; {len(self.refused)} refused"
        return text + "."


def plan_import(
    source_name: str,
    items: Sequence[tuple[str, Mapping[str, str]]],
    notes: Sequence[str] = (),
    *,
    keep_unreadable: bool = False,
    refused: Sequence[tuple[str, str]] = (),
    read_problems: Mapping[str, Sequence[str]] | None = None,
) -> ImportPlan:
    """Check every item ((label, texts)); flag matches with the bench and within the file.

    `refused` are rows the file's reader could not read, and what it
    could not read of a row (`read_problems`, by label); both join the plan, refusals in the
    order of their lines.

    With `keep_unreadable` (a contacts program's export, which the owner
    cannot easily correct), a record is refused only when it has no name: a
    detail that cannot be read (a phone written as words, a web address that
    is not one) goes to the notes as written, and the record says so.
    """
    plan = ImportPlan(source_name, notes=list(notes))
    index = DuplicateIndex.of_bench()
    currency = load_settings().currency
    for number, (label, texts) in enumerate(items):
        name = (texts.get("name") or "").strip()
        try:
            values, unread = _checked_values(texts, currency, keep_unreadable)
        except ValidationError as error:
            plan.refused.append((f"{label} ({name})" if name else label, str(error)))
            continue
        duplicates = index.matches(values)
        unread = (*(read_problems or {}).get(label, ()), *unread)
        plan.records.append(PlannedRecord(label, values, tuple(duplicates), unread))
        # Later rows of the same file that repeat this one are flagged too
        # (negative ids: not on the bench yet).
        index.add(-(number + 1), f"{values['name']} ({label} of this file)", values)
    plan.refused.extend(refused)
    plan.refused.sort(key=lambda item: _line_of(item[0]))
    return plan


def _line_of(label: str) -> int:
    """The file line a label ("line 4", "card 2 (line 9)") names, to order refusals."""
    match = re.search(r"line (\d+)", label)
    return int(match.group(1)) if match else 0


def _checked_values(
    texts: Mapping[str, str], currency: str, keep_unreadable: bool
) -> tuple[dict[str, Any], tuple[str, ...]]:
    try:
        return values_from_texts(texts, currency), ()
    except ValidationError as error:
        faulty = {key: message for key, message in error.errors.items() if key != "name"}
        if not keep_unreadable or "name" in error.errors or "" in faulty or "notes" in faulty:
            raise
    kept = {key: value for key, value in texts.items() if key not in faulty}
    written = [
        f"{FIELD_LABELS.get(key, key)}: {texts[key].strip()}"
        for key in faulty
        if (texts.get(key) or "").strip()
    ]
    if written:
        kept["notes"] = "\n".join(
            part for part in (kept.get("notes", ""), "Not read: " + "; ".join(written)) if part
        )
    return values_from_texts(kept, currency), tuple(faulty.values())


def run_plan(
    plan: ImportPlan, on_duplicate: OnDuplicate, progress: Progress | None = None
) -> ImportOutcome:
    """Write the plan's records in one transaction (`progress`: see import_contractors)."""
    return import_contractors(
        [(record.label, record.values) for record in plan.records],
        on_duplicate,
        progress=progress,
        reason=f"Imported from {plan.source_name}",
    )
