"""Text helpers shared by matching and search."""

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
