"""Text helpers shared by matching and search."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """`text` for comparison: case, accents and surrounding space ignored.

    fold("  Éléments ") == fold("elements")
    """
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
