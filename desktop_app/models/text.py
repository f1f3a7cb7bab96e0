"""Text helpers shared by matching, search and what the owner reads."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from desktop_app.models.formats import integer


def fold(text: str) -> str:
    """`text` for comparison: case, accents and surrounding space ignored.

    fold("  Éléments ") == fold("elements")
    """
    if text.isascii():
        # Nothing to decompose nor any accent to drop: the same result, at a
        # tenth of the cost (sorting and searching fold thousands of names).
        return text.strip().lower()
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=65536)
def fold_cached(text: str) -> str:
    """`fold`, remembered: for loops that fold the same few names many times
    (an import of 400,000 rows names a few dozen tasks)."""
    return fold(text)


def count_of(number: int, singular: str, plural: str = "") -> str:
    """ "1 row", "2 rows": a number with its noun, the number in the owner's
    locale. English only: a sentence a translator sees uses `i18n.count`."""
    return f"{integer(number)} {singular if number == 1 else plural or singular + 's'}"


def is_right_to_left(text: str) -> bool:
    """True when the first letter with a direction of `text` is written right to
    left (Arabic, Hebrew...): such a paragraph reads, and aligns, from the right.

    is_right_to_left("مرحبا Offload") is True; is_right_to_left("Offload مرحبا") is False.
    """
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


# Marks people type before each line of a list; the PDF and the job post
# draw their own.
_LIST_MARKS = ("- ", "* ", "• ", "– ")


def list_items(value: str) -> list[str]:
    """The items of a one-per-line field, without the list marks people type.

    list_items("- Logo\n\n• Colours") == ["Logo", "Colours"]
    """
    items = []
    for line in value.splitlines():
        item = line.strip()
        if item[:2] in _LIST_MARKS:
            item = item[2:].strip()
        if item:
            items.append(item)
    return items
