"""Text helpers shared by matching, search and what the owner reads."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


def fold(text: str) -> str:
    """`text` for comparison: case, accents and surrounding space ignored.

    fold("  Éléments ") == fold("elements")
    """
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=65536)
def fold_cached(text: str) -> str:
    """`fold`, remembered: for loops that fold the same few names many times
    (an import of 400,000 rows names a few dozen tasks)."""
    return fold(text)


def count_of(number: int, singular: str, plural: str = "") -> str:
    """ "1 row", "2 rows": a number with its noun."""
    return f"{number:,} {singular if number == 1 else plural or singular + 's'}"
