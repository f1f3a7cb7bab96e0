"""Writing an export so that a failure never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from desktop_app.models.errors import UserError


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_destination(destination: Path) -> Iterator[Path]:
    """A scratch path beside `destination` that replaces it when the block succeeds.

    The finished file gets the usual permissions (0666 less the umask), like
    any file the user saves. Raises UserError when the folder does not
    exist or cannot be written; an existing file is then left as it was.
    """
    folder = destination.parent
    if not folder.is_dir():
        raise UserError(f"The folder {folder} does not exist.")
    if not os.access(folder, os.W_OK):
        raise UserError(f"Cannot write to {folder}: choose a folder you can write to.")
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
        raise UserError(f"Cannot write {destination}: {error.strerror or error}.") from error
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
