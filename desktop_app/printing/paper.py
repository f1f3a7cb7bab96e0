"""Sheets of paper: the ones owners print on, by name and by size.

A size is in points (1/72 inch), portrait (width <= height); a page or a
sheet turned sideways is the same paper. Names follow CUPS (`media`, the
PPD `PageSize` keyword: "A4", "Letter") and what the owner reads ("A4",
"US Letter"); CUPS also reports PWG names ("iso_a4_210x297mm",
"na_letter_8.5x11in") and custom sizes ("Custom.612x1008").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Two sizes within this many points are the same paper: A4 is 595.28 x 841.89
# in a ReportLab PDF, 595 x 842 in a PPD.
TOLERANCE = 2.0
MM = 72 / 25.4


@dataclass(frozen=True)
class Paper:
    """A sheet: `name` for the owner, `media` for CUPS, portrait size in points."""

    name: str
    media: str
    width: float
    height: float

    def same_size(self, other: Paper) -> bool:
        return (
            abs(self.width - other.width) <= TOLERANCE
            and abs(self.height - other.height) <= TOLERANCE
        )

    def fit_scale(self, page_width: float, page_height: float) -> float:
        """The scale at which a page of that size fits this sheet whole.

        The page is turned to the sheet's orientation first, as CUPS turns
        it, so a landscape page on portrait paper is not shrunk twice."""
        short, long = sorted((page_width, page_height))
        return min(self.width / short, self.height / long)


KNOWN_PAPERS = (
    Paper("A4", "A4", 210 * MM, 297 * MM),
    Paper("US Letter", "Letter", 612, 792),
    Paper("US Legal", "Legal", 612, 1008),
    Paper("A3", "A3", 297 * MM, 420 * MM),
    Paper("A5", "A5", 148 * MM, 210 * MM),
    Paper("Executive", "Executive", 522, 756),
    Paper("Tabloid", "Tabloid", 792, 1224),
)

# The paper sizes of Settings > Paper size (models/settings.py, pdf/common.py).
SETTINGS_PAPERS = {"a4": KNOWN_PAPERS[0], "letter": KNOWN_PAPERS[1]}

_PWG = re.compile(r"^[a-z0-9]+_[a-z0-9.-]+_(?P<w>[\d.]+)x(?P<h>[\d.]+)(?P<unit>mm|in)$")
_CUSTOM = re.compile(r"^custom\.(?P<w>[\d.]+)x(?P<h>[\d.]+)(?P<unit>mm|in|cm|pt)?$", re.IGNORECASE)
_UNITS = {"mm": MM, "cm": 10 * MM, "in": 72.0, "pt": 1.0, None: 1.0}


def paper_of_size(width: float, height: float) -> Paper:
    """The known paper of that size (either way round), or a custom one."""
    short, long = sorted((width, height))
    probe = Paper("", "", short, long)
    for paper in KNOWN_PAPERS:
        if paper.same_size(probe):
            return paper
    return Paper(f"{short:.0f} × {long:.0f} pt", f"Custom.{short:.0f}x{long:.0f}", short, long)


def paper_named(media: str) -> Paper | None:
    """The paper a CUPS media or PageSize name stands for; None when unknown."""
    media = media.strip()
    for paper in KNOWN_PAPERS:
        if media.lower() in (paper.media.lower(), paper.name.lower()):
            return paper
    match = _PWG.match(media.lower()) or _CUSTOM.match(media)
    if match is None:
        return None
    unit = _UNITS[match.group("unit")]
    return paper_of_size(float(match.group("w")) * unit, float(match.group("h")) * unit)


def percent(scale: float) -> str:
    """94 % rather than 0.9407."""
    return f"{round(scale * 100)} %"
