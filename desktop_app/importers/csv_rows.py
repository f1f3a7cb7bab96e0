"""The rows of a CSV file, streamed, each read or refused with its reason.

Every CSV importer reads through here, so every one of them:

- reads line ends as the file writes them: CR LF, LF, or CR alone (Excel
  for Mac's "CSV (Macintosh)"). A lone CR in a file whose lines end in LF
  (or a lone LF in a CR file) is not a line end: it is read as a space;
- holds one row at a time (at most `MAX_ROW_CHARS`), never the whole file;
- turns what `csv` cannot read into a refused row with its line number and
  reason, then goes on: a row over the limit, a quote that opens and never
  closes (the lines after it are read again as rows of their own, so one
  stray quote never swallows the rest of the file), a quote closed in the
  middle of a cell.

`CsvSource.rows()` can be called again for a second pass (an importer that
must see every date before reading any, for instance).
"""

from __future__ import annotations

import csv
import io
import re
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from desktop_app.importers.text_files import MAX_IMPORT_BYTES, check_text_file

# One row of a spreadsheet export: far more than any real row, and under
# csv's own limit for a cell (131,072 characters), which is never reached.
MAX_ROW_CHARS = 128 * 1024
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class CsvRow:
    """One row: its cells, or the reason it cannot be read (then `cells` is empty)."""

    line: int  # the file line the row starts on, from 1
    cells: list[str]
    problem: str = ""
    text: str = ""  # the start of the row as written, for a refusal

    @property
    def blank(self) -> bool:
        # Some cell holds more than spaces exactly when the cells joined do.
        return not self.problem and not "".join(self.cells).strip()


@dataclass(frozen=True)
class CsvSource:
    """A CSV file (or text) that can be read row by row, as often as needed."""

    name: str
    encoding: str
    opener: Callable[[], TextIO]

    @classmethod
    def of_file(cls, path: Path, max_bytes: int = MAX_IMPORT_BYTES) -> CsvSource:
        """`path`, its size and encoding checked (UserError when it cannot be read)."""
        checked = check_text_file(path, max_bytes)
        return cls(path.name, checked.encoding, checked.open)

    @classmethod
    def of_text(cls, text: str, name: str = "The file", encoding: str = "utf-8") -> CsvSource:
        return cls(name, encoding, lambda: io.StringIO(text, newline=""))

    def head(self, chars: int = 20000) -> str:
        """The first `chars` characters, to sniff a delimiter or find a header."""
        with self.opener() as stream:
            return stream.read(chars)

    def first_line(self) -> str:
        """The first line that holds more than spaces ("" when there is none)."""
        with self.opener() as stream:
            for _, text in physical_lines(stream):
                if isinstance(text, str) and text.strip():
                    return text.rstrip("\r\n")
        return ""

    def rows(self, delimiter: str = ",", width: int = 0) -> Iterator[CsvRow]:
        """Every row in file order, blank rows included (see `CsvRow.blank`).

        With `width` (the header's number of cells), a row spanning several
        lines whose cells do not number `width` is refused: a stray quote
        joined lines that were rows of their own, which are read again.
        """
        with self.opener() as stream:
            yield from _rows(physical_lines(stream), delimiter, width)


class LongLine:
    """In place of a line too long to keep: its first characters only."""

    __slots__ = ("head",)

    def __init__(self, head: str) -> None:
        self.head = head


Line = tuple[int, "str | LongLine"]


class _RowTooLong(Exception):
    pass


class _Feed:
    """The lines csv.reader pulls for one row, kept so a row can be refused and
    the lines after its first read again (at most MAX_ROW_CHARS of them)."""

    def __init__(self, lines: Iterator[Line]) -> None:
        self.lines = lines
        self.again: deque[Line] = deque()
        self.taken: list[Line] = []
        self.size = 0

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        line = self.again.popleft() if self.again else next(self.lines)
        self.taken.append(line)
        text = line[1]
        if isinstance(text, LongLine):
            raise _RowTooLong
        self.size += len(text)
        if self.size > MAX_ROW_CHARS:
            raise _RowTooLong
        return text

    def start_row(self) -> None:
        self.taken = []
        self.size = 0

    def read_again_after_first(self) -> None:
        self.again.extendleft(reversed(self.taken[1:]))


def _rows(lines: Iterator[Line], delimiter: str, width: int) -> Iterator[CsvRow]:
    feed = _Feed(lines)
    reader = csv.reader(feed, delimiter=delimiter, strict=True)
    while True:
        feed.start_row()
        try:
            cells = next(reader)
        except StopIteration:
            return
        except _RowTooLong:
            yield _refused(feed, _too_long_reason(feed))
            if len(feed.taken) > 1:
                feed.read_again_after_first()
            continue
        except csv.Error as error:
            yield _refused(feed, _csv_reason(str(error), feed))
            if len(feed.taken) > 1:
                feed.read_again_after_first()
            continue
        if width and len(feed.taken) > 1 and len(cells) != width:
            last = feed.taken[-1][0]
            yield _refused(
                feed,
                f'A quote (") opens in this row and closes only on line {last}, which '
                f"makes {len(cells)} cells where the header has {width}; the lines after "
                "it are read as rows of their own.",
            )
            feed.read_again_after_first()
            continue
        yield CsvRow(feed.taken[0][0] if feed.taken else 0, cells)


def _too_long_reason(feed: _Feed) -> str:
    limit = f"{MAX_ROW_CHARS // 1024} KiB"
    if len(feed.taken) > 1 and not isinstance(feed.taken[0][1], LongLine):
        return (
            f'A quote (") opens in this row and does not close within {limit}; '
            "the lines after it are read as rows of their own."
        )
    return f"The row is longer than {limit}: a cell this long is not a time entry or a contact."


def _csv_reason(message: str, feed: _Feed) -> str:
    again = "; the lines after it are read as rows of their own."
    if "unexpected end of data" in message:
        return 'A quote (") opens in this row and never closes' + again
    if "expected after" in message:
        if len(feed.taken) > 1:
            return (
                f'A quote (") opens in this row and closes only on line {feed.taken[-1][0]}, '
                "in the middle of a cell" + again
            )
        return 'A quote (") closes in the middle of a cell; put the whole cell in quotes.'
    return f"The row cannot be read as CSV ({message})."


def _refused(feed: _Feed, reason: str) -> CsvRow:
    line, text = feed.taken[0] if feed.taken else (0, "")
    shown = " ".join((text.head if isinstance(text, LongLine) else text).split())
    return CsvRow(line, [], reason, shown if len(shown) <= 90 else shown[:89] + "…")


def physical_lines(stream: TextIO, max_chars: int = MAX_ROW_CHARS) -> Iterator[Line]:
    """(line number, the line with its line end) for each line of `stream`;
    a `LongLine` instead of the text for a line longer than `max_chars`.

    The first line end found decides what ends a line: CR LF or LF, or CR
    alone. The other kind, met alone inside a line, becomes a space.
    """
    buffer, number, skipping, at_end = "", 1, False, False
    separator = ""
    while not at_end:
        chunk = stream.read(_CHUNK)
        at_end = not chunk
        buffer += chunk
        separator = separator or _line_ending(buffer, at_end=at_end)
        lines, buffer = _split_lines(buffer, separator, at_end=at_end)
        if at_end and buffer:
            lines.append(buffer)
            buffer = ""
        for line in lines:
            if not skipping:
                yield number, _lone_breaks_as_spaces(line, separator or "\n")
            skipping = False
            number += 1
        if len(buffer) > max_chars:
            if not skipping:
                yield number, LongLine(buffer[:200])
            skipping, buffer = True, ""


_LINE_ENDS = {"\n": re.compile("\n"), "\r": re.compile("\r\n?")}


def _split_lines(buffer: str, separator: str, *, at_end: bool) -> tuple[list[str], str]:
    """The whole lines at the start of `buffer`, and the rest."""
    if not separator:
        return [], buffer
    lines: list[str] = []
    start = 0
    for match in _LINE_ENDS[separator].finditer(buffer):
        end = match.end()
        if end == len(buffer) and buffer[-1] == "\r" and not at_end:
            break  # the LF of a CR LF may be in the next chunk
        lines.append(buffer[start:end])
        start = end
    return lines, buffer[start:]


def _line_ending(text: str, *, at_end: bool) -> str:
    """ "\r" when the first line end in `text` is a CR alone, "\n" for LF or CR LF,
    "" when `text` does not tell yet."""
    for index, char in enumerate(text):
        if char == "\n":
            return "\n"
        if char == "\r":
            if index + 1 < len(text):
                return "\n" if text[index + 1] == "\n" else "\r"
            return "\r" if at_end else ""
    return "\n" if at_end else ""


def _lone_breaks_as_spaces(line: str, separator: str) -> str:
    other = "\r" if separator == "\n" else "\n"
    body = line.rstrip("\r\n")
    if other not in body:
        return line  # nearly every line: no copy
    return body.replace(other, " ") + line[len(body) :]
