"""Checks of the plain fields the running-engagement records share: a note,
a one-line text, a date. Each refusal is a ValidationError naming its field."""

from __future__ import annotations

from datetime import date

from desktop_app.models.errors import ValidationError
from desktop_app.models.formats import integer
from desktop_app.models.i18n import _

NOTE_MAX_LENGTH = 2_000


def note_text(value: object, field: str = "note", limit: int = NOTE_MAX_LENGTH) -> str:
    """Free text, trimmed; refused over `limit` characters."""
    note = str(value or "").strip()
    if len(note) > limit:
        raise ValidationError(
            _("Keep the note under {limit} characters (this one is {length}).").format(
                limit=integer(limit), length=integer(len(note))
            ),
            field,
        )
    return note


def line_text(value: object, field: str, label: str, limit: int) -> str:
    """One line: runs of spaces and line breaks become one space."""
    text = " ".join(str(value or "").split())
    if len(text) > limit:
        raise ValidationError(
            _("{field}: keep it to a line (under {limit} characters; this is {length}).").format(
                field=label, limit=integer(limit), length=integer(len(text))
            ),
            field,
        )
    return text


def date_or_none(value: object, field: str, label: str) -> date | None:
    """A date, or None for none."""
    if value is not None and not isinstance(value, date):
        raise ValidationError(
            _("{label}: give a date, or leave it empty.").format(label=label), field
        )
    return value
