"""Onboarding and offboarding checklists of an engagement, and their templates.

Hiring starts the onboarding list and ending an engagement the offboarding
one (`hiring.py` calls `start_checklist` inside its own transaction), each
from the template of its kind the owner chose as default, or the shipped
one. Each item can be ticked with a date and a note. Templates are the
shipped ones (`SHIPPED_TEMPLATES`) and the owner's own (`ChecklistTemplate`),
a list of item texts; one with no items is refused.

Every edit validates first, raising `ValidationError` naming the field at
fault and changing nothing, and returns what its undo writes back.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    SmallIntegerField,
    TextField,
    fn,
)

from desktop_app.models import versions
from desktop_app.models.base import BaseModel, database, now
from desktop_app.models.briefs import Brief
from desktop_app.models.contractors import Contractor
from desktop_app.models.engagements import Engagement, EngagementStatus
from desktop_app.models.errors import ValidationError
from desktop_app.models.field_checks import date_or_none, note_text
from desktop_app.models.formats import integer
from desktop_app.models.i18n import N_, _
from desktop_app.models.rows import tuples
from desktop_app.models.snapshots import RowSnapshot, delete_with_snapshot, restore
from desktop_app.models.text import fold


class ChecklistKind(StrEnum):
    ONBOARDING = "onboarding"
    OFFBOARDING = "offboarding"


CHECKLIST_KIND_LABELS = {
    ChecklistKind.ONBOARDING: N_("Onboarding"),
    ChecklistKind.OFFBOARDING: N_("Offboarding"),
}

# The kind inside a sentence ("2 items open (onboarding)"): its own word, as
# German writes its nouns capitalised where English lowers them.
CHECKLIST_KIND_WORDS = {
    ChecklistKind.ONBOARDING: N_("onboarding"),
    ChecklistKind.OFFBOARDING: N_("offboarding"),
}

ITEM_MAX_LENGTH = 300
NAME_MAX_LENGTH = 200
MAX_ITEMS = 100


@dataclass(frozen=True)
class TemplateChoice:
    """A checklist to start from.

    Attributes:
        key: "shipped:<name>" or "own:<id>", unique among templates.
        own_id: the ChecklistTemplate id of the owner's own templates.
    """

    key: str
    name: str
    kind: str
    items: tuple[str, ...]
    own_id: int | None = None
    is_default: bool = False

    @property
    def is_own(self) -> bool:
        return self.own_id is not None


# What a hand-off needs on day one, and what ending one must not forget.
SHIPPED_TEMPLATES: tuple[TemplateChoice, ...] = (
    TemplateChoice(
        "shipped:onboarding",
        N_("Onboarding"),
        ChecklistKind.ONBOARDING,
        (
            N_("Agreement signed"),
            N_("Brief and procedures sent"),
            N_("Accounts granted"),
            N_("First check-in booked"),
            N_("First deliverable reviewed"),
        ),
    ),
    TemplateChoice(
        "shipped:onboarding-trial",
        N_("Onboarding for a paid trial"),
        ChecklistKind.ONBOARDING,
        (
            N_("Trial task and its price agreed in writing"),
            N_("Brief and procedures sent"),
            N_("Only the accounts the trial needs granted"),
            N_("Trial deadline in the calendar"),
            N_("Trial work reviewed and paid"),
        ),
    ),
    TemplateChoice(
        "shipped:offboarding",
        N_("Offboarding"),
        ChecklistKind.OFFBOARDING,
        (
            N_("Access revoked"),
            N_("Files and credentials returned"),
            N_("Final invoice paid"),
            N_("Feedback given"),
            N_("Brief reopened or closed"),
        ),
    ),
)


class ChecklistTemplate(BaseModel):
    """A checklist template of the owner's own."""

    name = CharField(max_length=NAME_MAX_LENGTH, unique=True)
    kind = CharField(max_length=12)
    items = TextField()  # JSON list of the item texts, in order
    # Used when hiring (onboarding) or ending (offboarding) instead of the shipped one.
    is_default = BooleanField(default=False)
    created_at = DateTimeField(default=now)


class ChecklistItem(BaseModel):
    """One item of an engagement's onboarding or offboarding checklist."""

    engagement = ForeignKeyField(Engagement, backref="checklist_items", on_delete="CASCADE")
    engagement_id: int
    kind = CharField(max_length=12)
    text = CharField(max_length=ITEM_MAX_LENGTH)
    position = SmallIntegerField(default=0)
    done_on = DateField(null=True)
    note = TextField(default="")
    created_at = DateTimeField(default=now)
    # No lost updates (`models.versions`, schema 12): bumped by each save,
    # with who saved last and when.
    row_version = IntegerField(default=1)
    changed_by = CharField(max_length=200, default="")
    changed_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("engagement", "kind", "position"), False),)


# ---------------------------------------------------------------------------
# Checks


def check_kind(kind: object) -> ChecklistKind:
    if kind not in {k.value for k in ChecklistKind}:
        raise ValidationError(_("A checklist is for onboarding or for offboarding."), "kind")
    return ChecklistKind(str(kind))


def check_item_text(value: object, field: str = "text") -> str:
    text = " ".join(str(value or "").split())
    if not text:
        raise ValidationError(_("Write what the item is: a checklist item cannot be empty."), field)
    if len(text) > ITEM_MAX_LENGTH:
        raise ValidationError(
            _("Keep an item under {limit} characters (this one is {length}).").format(
                limit=integer(ITEM_MAX_LENGTH), length=integer(len(text))
            ),
            field,
        )
    return text


def template_items(value: str | Sequence[str]) -> tuple[str, ...]:
    """The items of a template: one a line (list marks taken off), or a list.

    Refused with why: no items at all, too many, one too long.
    """
    lines = value.splitlines() if isinstance(value, str) else list(value)
    items = []
    for line in lines:
        item = str(line).strip()
        if item[:1] in ("-", "*", "•", "–", "+") and item[1:2] in ("", " "):
            item = item[1:].strip()
        if item.startswith(("[ ]", "[x]")):
            item = item[3:].strip()
        if item:
            items.append(check_item_text(item, "items"))
    if not items:
        raise ValidationError(
            _("A checklist template needs at least one item: write one a line."), "items"
        )
    if len(items) > MAX_ITEMS:
        raise ValidationError(
            _("A checklist can have at most {MAX_ITEMS} items (this one has {length}).").format(
                MAX_ITEMS=MAX_ITEMS, length=len(items)
            ),
            "items",
        )
    return tuple(items)


def _check_name(value: object, own_id: int | None) -> str:
    name = " ".join(str(value or "").split())
    if not name:
        raise ValidationError(_("Give the template a name."), "name")
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError(
            _("Keep the name under {NAME_MAX_LENGTH} characters.").format(
                NAME_MAX_LENGTH=NAME_MAX_LENGTH
            ),
            "name",
        )
    taken = {fold(n) for t in SHIPPED_TEMPLATES for n in (t.name, _(t.name))} | {
        fold(row.name)
        for row in ChecklistTemplate.select(ChecklistTemplate.id, ChecklistTemplate.name)
        if row.id != own_id
    }
    if fold(name) in taken:
        raise ValidationError(
            _("A template named “{name}” exists already: choose another.").format(name=name), "name"
        )
    return name


# ---------------------------------------------------------------------------
# Templates


def _own_choice(row: ChecklistTemplate) -> TemplateChoice:
    return TemplateChoice(
        f"own:{row.id}", row.name, row.kind, tuple(json.loads(row.items)), row.id, row.is_default
    )


def checklist_templates(kind: str | None = None) -> list[TemplateChoice]:
    """The shipped templates, then the owner's own by name; of one kind when given.
    The one used by default for each kind says so (`is_default`)."""
    own = [
        _own_choice(row)
        for row in ChecklistTemplate.select().order_by(ChecklistTemplate.name, ChecklistTemplate.id)
    ]
    own_defaults = {choice.kind for choice in own if choice.is_default}
    shipped = [
        TemplateChoice(
            t.key,
            _(t.name),
            t.kind,
            # Shipped items are written in the owner's language when added: the
            # list made from them is the owner's text from then on.
            tuple(_(item) for item in t.items),
            None,
            # The first shipped template of a kind is the default unless the owner chose one.
            t.kind not in own_defaults and t is _first_shipped(t.kind),
        )
        for t in SHIPPED_TEMPLATES
    ]
    every = shipped + own
    return [t for t in every if kind is None or t.kind == kind]


def _first_shipped(kind: str) -> TemplateChoice:
    return next(t for t in SHIPPED_TEMPLATES if t.kind == kind)


def default_template(kind: str) -> TemplateChoice:
    """The template hiring (onboarding) or ending (offboarding) starts from."""
    kind = check_kind(kind)
    return next(t for t in checklist_templates(kind) if t.is_default)


def find_template(key: str) -> TemplateChoice:
    for template in checklist_templates():
        if template.key == key:
            return template
    raise ValidationError(_("That checklist template no longer exists."), "template")


@dataclass(frozen=True)
class SavedTemplate:
    """What `save_own_template` made, and the default it replaced (for undo)."""

    template_id: int
    previous_default_id: int | None


def save_own_template(
    name: str, kind: str, items: str | Sequence[str], *, make_default: bool = False
) -> SavedTemplate:
    """A new template of the owner's own; refused when it has no items."""
    kind = check_kind(kind)
    clean_items = template_items(items)
    name = _check_name(name, None)
    with database.atomic():
        previous = _clear_default(kind) if make_default else None
        row = ChecklistTemplate.create(
            name=name, kind=kind, items=json.dumps(list(clean_items)), is_default=make_default
        )
    return SavedTemplate(row.id, previous)


def take_back_template(saved: SavedTemplate) -> RowSnapshot:
    """Undo `save_own_template`: the template goes, the default it replaced
    is the default again. Returns what `put_back_template` needs."""
    with database.atomic():
        snapshot = delete_own_template(saved.template_id)
        if saved.previous_default_id is not None:
            ChecklistTemplate.update(is_default=True).where(
                ChecklistTemplate.id == saved.previous_default_id
            ).execute()
    return snapshot


def put_back_template(saved: SavedTemplate, snapshot: RowSnapshot) -> None:
    """Redo `save_own_template` after `take_back_template`: the same row."""
    with database.atomic():
        if saved.previous_default_id is not None:
            ChecklistTemplate.update(is_default=False).where(
                ChecklistTemplate.id == saved.previous_default_id
            ).execute()
        restore(snapshot)


def _clear_default(kind: str) -> int | None:
    current = ChecklistTemplate.get_or_none(
        (ChecklistTemplate.kind == kind) & (ChecklistTemplate.is_default == True)  # noqa: E712
    )
    if current is None:
        return None
    ChecklistTemplate.update(is_default=False).where(ChecklistTemplate.id == current.id).execute()
    return current.id


def delete_own_template(template_id: int) -> RowSnapshot:
    """Delete a template of the owner's own (undo with `snapshots.restore`); the
    checklists made from it keep their items."""
    return delete_with_snapshot(ChecklistTemplate.get_by_id(template_id))


def set_default_template(kind: str, template_id: int | None) -> int | None:
    """Use the owner's template `template_id` for `kind` from now on (None: the
    shipped one). Returns the previous default's id, which undo passes back."""
    kind = check_kind(kind)
    with database.atomic():
        previous = _clear_default(kind)
        if template_id is not None:
            row = ChecklistTemplate.get_by_id(template_id)
            if row.kind != kind:
                raise ValidationError(
                    _("“{name}” is an {kind} checklist, not an {kind2} one.").format(
                        name=row.name, kind=row.kind, kind2=kind
                    ),
                    "template",
                )
            ChecklistTemplate.update(is_default=True).where(
                ChecklistTemplate.id == template_id
            ).execute()
    return previous


# ---------------------------------------------------------------------------
# An engagement's checklists


def _next_position(engagement_id: int, kind: str) -> int:
    highest = (
        ChecklistItem.select(fn.MAX(ChecklistItem.position))
        .where((ChecklistItem.engagement == engagement_id) & (ChecklistItem.kind == kind))
        .scalar()
    )
    return 0 if highest is None else highest + 1


def _add_items(engagement_id: int, kind: str, texts: Sequence[str]) -> list[int]:
    position = _next_position(engagement_id, kind)
    ids = []
    for offset, text in enumerate(texts):
        ids.append(
            ChecklistItem.create(
                engagement=engagement_id, kind=kind, text=text, position=position + offset
            ).id
        )
    return ids


def has_checklist(engagement_id: int, kind: str) -> bool:
    return (
        ChecklistItem.select()
        .where((ChecklistItem.engagement == engagement_id) & (ChecklistItem.kind == kind))
        .exists()
    )


def start_checklist(engagement_id: int, kind: str, template_key: str | None = None) -> list[int]:
    """The engagement's checklist of `kind`, made from `template_key` (the
    default template when None). An engagement that has one keeps it: nothing
    is added then. Returns the ids of the items made (for the undo). Runs in
    the caller's transaction (hiring and ending call it inside theirs)."""
    kind = check_kind(kind)
    if has_checklist(engagement_id, kind):
        return []
    template = default_template(kind) if template_key is None else find_template(template_key)
    return _add_items(engagement_id, kind, template.items)


def add_items_from_template(engagement_id: int, template_key: str) -> list[int]:
    """Add a template's items to the engagement's checklist of its kind (after
    those it has). Returns the new items' ids."""
    template = find_template(template_key)
    Engagement.get_by_id(engagement_id)
    with database.atomic():
        return _add_items(engagement_id, template.kind, template.items)


def add_item(engagement_id: int, kind: str, text: str) -> int:
    """One more item at the end of the engagement's checklist of `kind`."""
    kind = check_kind(kind)
    text = check_item_text(text)
    Engagement.get_by_id(engagement_id)
    return _add_items(engagement_id, kind, [text])[0]


ITEM_FIELDS = ("text", "done_on", "note")


def update_item(item_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Tick (a `done_on` date) or untick (None) an item, change its note or
    text. Returns the previous values of what was written."""
    unknown = set(changes) - set(ITEM_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    row = ChecklistItem.get_by_id(item_id)
    values: dict[str, Any] = {}
    if "text" in changes:
        values["text"] = check_item_text(changes["text"])
    if "done_on" in changes:
        done_on = changes["done_on"]
        values["done_on"] = date_or_none(done_on, "done_on", "Done on")
    if "note" in changes:
        values["note"] = note_text(changes["note"])
    previous = {name: getattr(row, name) for name in values}
    write_item_values(item_id, values)
    return previous


def write_item_values(item_id: int, values: Mapping[str, Any]) -> None:
    """Store `values` as they are (for undo, which writes back what was valid)."""
    if values:
        versions.save(ChecklistItem, item_id, dict(values), what="This checklist item")


def delete_item(item_id: int) -> RowSnapshot:
    return delete_with_snapshot(ChecklistItem.get_by_id(item_id))


def delete_items(item_ids: Sequence[int]) -> RowSnapshot:
    """Take out the items `item_ids` (what hiring or ending made, on undo)."""
    snapshot = RowSnapshot()
    with database.atomic():
        for row in ChecklistItem.select().where(ChecklistItem.id.in_(list(item_ids))):
            snapshot.rows.extend(delete_with_snapshot(row).rows)
    return snapshot


# ---------------------------------------------------------------------------
# Queries


@dataclass(frozen=True)
class ChecklistRow:
    id: int
    engagement_id: int
    kind: str
    text: str
    position: int
    done_on: date | None
    note: str

    @property
    def done(self) -> bool:
        return self.done_on is not None


def checklist_of(engagement_id: int, kind: str) -> list[ChecklistRow]:
    """The engagement's checklist of `kind`, in order."""
    query = (
        ChecklistItem.select()
        .where((ChecklistItem.engagement == engagement_id) & (ChecklistItem.kind == kind))
        .order_by(ChecklistItem.position, ChecklistItem.id)
    )
    fetched = list(query)
    # What the checklist shows is what this client has read (`models.versions`).
    versions.remember_rows(ChecklistItem, ((row.id, row.row_version) for row in fetched))
    return [
        ChecklistRow(
            row.id, row.engagement_id, row.kind, row.text, row.position, row.done_on, row.note
        )
        for row in fetched
    ]


@dataclass(frozen=True)
class OpenChecklist:
    """An engagement's checklist with items still open, as the Overview lists it."""

    engagement_id: int
    contractor_name: str
    brief_title: str
    kind: str
    open_items: tuple[str, ...]
    total: int

    @property
    def kind_label(self) -> str:
        return _(CHECKLIST_KIND_WORDS[ChecklistKind(self.kind)])


def open_checklists() -> list[OpenChecklist]:
    """Checklists with items not done: onboarding of engagements not ended,
    offboarding of ended ones (an ended engagement's onboarding no longer
    matters). Onboarding first, then by contractor."""
    query = tuples(
        ChecklistItem.select(
            ChecklistItem.engagement,
            ChecklistItem.kind,
            ChecklistItem.text,
            ChecklistItem.done_on,
            Engagement.status,
            Contractor.name,
            Brief.title,
        )
        .join(Engagement)
        .join_from(Engagement, Contractor)
        .join_from(Engagement, Brief)
        .order_by(ChecklistItem.position, ChecklistItem.id)
    )
    texts: dict[tuple[int, str], list[str]] = defaultdict(list)
    totals: dict[tuple[int, str], int] = defaultdict(int)
    names: dict[int, tuple[str, str]] = {}
    for engagement_id, kind, text, done_on, status, contractor, brief in query:
        ended = status == EngagementStatus.ENDED
        if (kind == ChecklistKind.ONBOARDING) == ended:
            continue
        key = (engagement_id, kind)
        totals[key] += 1
        names[engagement_id] = (contractor, brief)
        if done_on is None:
            texts[key].append(text)
    found = [
        OpenChecklist(engagement_id, *names[engagement_id], kind, tuple(items), totals[key])
        for key, items in texts.items()
        for engagement_id, kind in [key]
    ]
    return sorted(found, key=lambda c: (c.kind != ChecklistKind.ONBOARDING, c.contractor_name))
