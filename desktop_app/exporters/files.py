"""Writing an export so that a failure never leaves half a file behind,
and never in place of a database.

Every export (CSV, iCalendar, PDF; window and command line) writes through
`atomic_destination`, so this is the one place that refuses to replace an
SQLite database, the open one (found by identity, whatever its name), or
a file SQLite keeps beside one.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from desktop_app.database_file import has_sqlite_header, sidecar_owner
from desktop_app.models.base import bound_path
from desktop_app.models.errors import UserError
from desktop_app.paths import cannot_write_message, check_can_write


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def refuse_database_target(destination: Path) -> None:
    """Raise UserError when writing `destination` would replace a database.

    That is the open database (by identity: another name or a hard link of
    it counts), any SQLite file, and the journal, WAL or lock file beside
    one. Whatever the flags: an export never replaces a database.
    """
    open_database = bound_path()
    try:
        same = open_database is not None and destination.samefile(open_database)
    except OSError:
        same = False
    if same:
        raise UserError(
            f"{destination} is the database Offload has open; an export never replaces a "
            "database. Choose another file name. Nothing was written."
        )
    if has_sqlite_header(destination):
        raise UserError(
            f"{destination} is a database (an SQLite file); an export never replaces a "
            "database. Choose another file name. Nothing was written."
        )
    owner = sidecar_owner(destination)
    if owner is not None:
        raise UserError(
            f"{destination} belongs to the database {owner.name} beside it; an export never "
            "replaces it. Choose another file name. Nothing was written."
        )


@contextmanager
def atomic_destination(destination: Path) -> Iterator[Path]:
    """A scratch path beside `destination` that replaces it when the block succeeds.

    The finished file gets the usual permissions (0666 less the umask), like
    any file the user saves. Raises UserError, leaving an existing file as
    it was, when `destination` is a database (`refuse_database_target`) or
    a folder, or its folder does not exist or cannot be written.
    """
    refuse_database_target(destination)
    if destination.is_dir():
        raise UserError(f"{destination} is a folder; give the name of the file to write.")
    folder = destination.parent
    check_can_write(folder)
    handle, partial_name = tempfile.mkstemp(
        prefix=".offload-", suffix=destination.suffix, dir=folder
    )
    os.close(handle)
    partial = Path(partial_name)
    try:
        yield partial
        partial.chmod(0o666 & ~_current_umask())
        partial.replace(destination)
    except OSError as error:
        raise UserError(cannot_write_message(folder, error)) from error
    finally:
        partial.unlink(missing_ok=True)


@contextmanager
def atomic_text_writer(
    destination: Path, *, encoding: str = "utf-8", newline: str = ""
) -> Iterator[TextIO]:
    """A text stream whose content replaces `destination` when the block succeeds."""
    with (
        atomic_destination(destination) as partial,
        partial.open("w", encoding=encoding, newline=newline) as stream,
    ):
        yield stream


def spreadsheet_cell(value: object) -> str:
    """`value` as CSV cell text that a spreadsheet never runs as a formula.

    A leading = + - @ makes Excel run the cell as a formula (LibreOffice
    runs a leading =): such text gets a leading apostrophe, which keeps it
    text (and which the importers take off again).
    """
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def spreadsheet_text_cell(value: object) -> str:
    """`value` as a cell a spreadsheet shows as text exactly, with no mark:
    the formula ="value", which yields the text itself.

    For values a spreadsheet would otherwise change: a phone number ("+44 20
    7946 0958" runs as a formula in Excel, "+442079460958" becomes a number,
    "020..." loses its zero). Checked with LibreOffice Calc: the cell shows
    +44 20 7946 0958 as text. The importers read it back as the value.
    """
    text = "" if value is None else str(value)
    if not text or '"' in text:
        return spreadsheet_cell(text)
    return f'="{text}"'


def file_name_for(title: str, suffix: str = ".pdf") -> str:
    """A file name from a title (a brief's): characters files refuse left out."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", title).strip(" .") or "brief"
    return f"{' '.join(name.split())[:120]}{suffix}"
