"""What the owner asked to print, as plain data, and the `lp` command for it.

The print dialog (views/partials/pdf_print.py) and `offload print-brief`
both fill a `PrintRequest`. Which pages come out is decided here once, for
both ways of printing: a page is printed when it is in the ranges asked
for and of the page set (odd or even page numbers of the document, as CUPS
and Qt's print dialog count them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from desktop_app.models.errors import UserError
from desktop_app.printing.paper import Paper, percent


class PageSet(Enum):
    ALL = "all"
    ODD = "odd"
    EVEN = "even"


class Sides(Enum):
    """One- or two-sided, by IPP's `sides` keywords (what `lp -o sides=` takes)."""

    ONE_SIDED = "one-sided"
    LONG_EDGE = "two-sided-long-edge"
    SHORT_EDGE = "two-sided-short-edge"


_RANGE = re.compile(r"^(\d+)\s*(?:[-–]\s*(\d*))?$")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


@dataclass(frozen=True)
class PrintedDocument:
    """The PDF being printed: its pages, its paper and what to call it ("brief")."""

    page_count: int
    paper: Paper
    noun: str = "document"


@dataclass(frozen=True)
class PageSelection:
    """Page ranges (first, last), 1-based and inclusive (none: every page), and a page set.

    A range whose last page is None runs to the end of the document.
    """

    ranges: tuple[tuple[int, int | None], ...] = ()
    page_set: PageSet = PageSet.ALL

    def pages(self, document: PrintedDocument) -> list[int]:
        """The page numbers to print, in order; a UserError names pages not in the document."""
        count = document.page_count
        outside = [
            (first, last)
            for first, last in self.ranges
            if first > count or (last is not None and last > count)
        ]
        if outside:
            asked = ", ".join(_range_text(first, last) for first, last in outside)
            one = len(outside) == 1 and outside[0][1] == outside[0][0]
            raise UserError(
                f"{'Page' if one else 'Pages'} {asked} {'is' if one else 'are'} not in the "
                f"{document.noun}: it has {_plural(count, 'page')}."
            )
        chosen: list[int] = []
        for first, last in self.ranges or ((1, count),):
            for page in range(first, (count if last is None else last) + 1):
                if page not in chosen:
                    chosen.append(page)
        if self.page_set is not PageSet.ALL:
            parity = 1 if self.page_set is PageSet.ODD else 0
            chosen = [page for page in chosen if page % 2 == parity]
        if not chosen:
            raise UserError(
                f"No page to print: the {document.noun} has {_plural(count, 'page')}, "
                f"none of them {self.page_set.value}-numbered in the pages chosen."
            )
        return chosen

    def is_everything(self) -> bool:
        return not self.ranges and self.page_set is PageSet.ALL


def _range_text(first: int, last: int | None) -> str:
    if last == first:
        return str(first)
    return f"{first}–{'' if last is None else last}"


def parse_pages(text: str) -> PageSelection:
    """Page ranges as people type them: "2", "2-3", "1, 3-4", "5-" (to the end).

    Raises UserError, saying what is accepted, for anything else (page 0, a
    range that runs backwards, words).
    """
    ranges: list[tuple[int, int | None]] = []
    for typed in text.split(","):
        part = typed.strip()
        if not part:
            continue
        match = _RANGE.match(part)
        if match is None:
            raise UserError(
                f"“{part}” is not a page range: give pages as 2, 2-3 or 1,3-4 (counting from 1)."
            )
        first, end = int(match.group(1)), match.group(2)
        # "2" is page 2 alone, "2-" runs to the last page.
        last = first if end is None else (int(end) if end else None)
        if first < 1:
            raise UserError("Pages are counted from 1.")
        if last is not None and last < first:
            raise UserError(f"The range “{part}” runs backwards: write {last}-{first}.")
        ranges.append((first, last))
    if not ranges and text.strip():
        raise UserError("Give pages as 2, 2-3 or 1,3-4 (counting from 1).")
    return PageSelection(tuple(ranges))


def pages_text(pages: list[int]) -> str:
    """[1, 2, 3, 5] as "1-3,5", the form `lp -o page-ranges=` takes."""
    spans: list[list[int]] = []
    for page in pages:
        if spans and page == spans[-1][1] + 1:
            spans[-1][1] = page
        else:
            spans.append([page, page])
    return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


@dataclass(frozen=True)
class PrintRequest:
    """One print job as the owner asked for it.

    Attributes:
        title: the job's name in the printer's queue.
        printer: the CUPS printer, or None for the default one.
        selection: the pages (every page unless ranges or a page set are given).
        copies, collate: collated copies come out as whole sets, 1 2 3 1 2 3.
        reverse: last page first.
        sides: one- or two-sided.
        paper: the sheet to print on; None, or the document's own paper,
            prints at full size; another paper gets each page fitted to it.
        grayscale: print in shades of grey.
        options: other CUPS job options the print dialog collected
            (banner pages, priority, pages per sheet, the printer's own).
    """

    title: str
    printer: str | None = None
    selection: PageSelection = PageSelection()
    copies: int = 1
    collate: bool = True
    reverse: bool = False
    sides: Sides = Sides.ONE_SIDED
    paper: Paper | None = None
    grayscale: bool = False
    options: tuple[tuple[str, str], ...] = field(default=())

    def sheet(self, document: PrintedDocument) -> Paper:
        return self.paper or document.paper

    def fits(self, document: PrintedDocument) -> bool:
        """Whether pages are scaled to fit another paper than the document's."""
        return not self.sheet(document).same_size(document.paper)

    def checked(self, document: PrintedDocument) -> list[int]:
        """The pages to print; raises UserError for a request that cannot be met."""
        if not 1 <= self.copies <= 999:
            raise UserError("Give between 1 and 999 copies.")
        return self.selection.pages(document)

    def summary(self, document: PrintedDocument) -> str:
        """ "pages 2–3 of 3, 2 copies, A4" for the owner."""
        pages = self.checked(document)
        if len(pages) == document.page_count:
            what = "the whole " + document.noun if document.page_count > 1 else "1 page"
        else:
            what = f"{'page' if len(pages) == 1 else 'pages'} {pages_text(pages).replace('-', '–')}"
            what += f" of {document.page_count}"
        parts = [what]
        if self.copies > 1:
            parts.append(f"{self.copies} copies")
        sheet = self.sheet(document)
        if self.fits(document):
            scale = sheet.fit_scale(document.paper.width, document.paper.height)
            parts.append(f"fitted to {sheet.name} ({percent(scale)})")
        else:
            parts.append(sheet.name)
        if self.sides is not Sides.ONE_SIDED:
            parts.append("two-sided")
        return ", ".join(parts)


# Options the request sets itself; the same names from the dialog are left out.
_OWN_OPTIONS = {
    "page-ranges",
    "page-set",
    "media",
    "pagesize",
    "pageregion",
    "print-scaling",
    "fit-to-page",
    "collate",
    "copies",
    "outputorder",
    "sides",
    "duplex",
    "print-color-mode",
}


def lp_command(request: PrintRequest, document: PrintedDocument, pdf: Path) -> list[str]:
    """The `lp` command that prints `pdf` as `request` asks (validated first).

    CUPS prints the PDF itself: page ranges, copies and paper are job
    options, so text stays vector and the job is as small as the file.
    """
    pages = request.checked(document)
    command = ["lp"]
    if request.printer:
        command += ["-d", request.printer]
    # One line in the printer's queue, whatever the title holds.
    title = " ".join(request.title.split()) or pdf.name
    command += ["-t", title, "-n", str(request.copies)]
    options: list[tuple[str, str]] = []
    if len(pages) != document.page_count or request.selection.page_set is not PageSet.ALL:
        # The pages themselves, worked out above, rather than CUPS's page-set:
        # one rule for which pages print, whichever way they are printed.
        options.append(("page-ranges", pages_text(pages)))
    if request.copies > 1:
        options.append(("collate", "true" if request.collate else "false"))
    if request.reverse:
        options.append(("outputorder", "reverse"))
    options.append(("sides", request.sides.value))
    sheet = request.sheet(document)
    options.append(("media", sheet.media))
    options.append(("print-scaling", "fit" if request.fits(document) else "none"))
    if request.grayscale:
        options.append(("print-color-mode", "monochrome"))
    options += [
        (key, value)
        for key, value in request.options
        if key.lower() not in _OWN_OPTIONS and value != ""
    ]
    for key, value in options:
        command += ["-o", f"{key}={value}"]
    return [*command, "--", str(pdf)]
