"""Reading an imported text file: size limits and encodings, in one place.

Accepted: UTF-8 (with or without a BOM), UTF-16 (with a BOM) and
Windows-1252, the encodings that spreadsheet and time-tracking exports use.
Anything else is refused with the reason, never guessed.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from desktop_app.models.errors import UserError

MAX_IMPORT_BYTES = 50 * 1024 * 1024
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class TextFile:
    """A text file checked for size and read in the encoding found for it.

    `open()` streams it: importers read it a row or a card at a time, so a
    large file never sits in memory whole.
    """

    path: Path
    encoding: str  # a Python codec name: utf-8, utf-8-sig, utf-16, cp1252

    @property
    def name(self) -> str:
        return self.path.name

    def open(self) -> TextIO:
        """The decoded text, line ends untouched (the readers split lines themselves)."""
        return self.path.open(encoding=self.encoding, newline="")


def check_text_file(path: Path, max_bytes: int = MAX_IMPORT_BYTES) -> TextFile:
    """`path` with the encoding its bytes are in, read through once in chunks.

    Raises UserError for a missing, empty, oversized, binary or undecodable file.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UserError(f"{path} does not exist.") from None
    except OSError as error:
        raise UserError(f"Cannot read {path}: {error.strerror}.") from None
    if size == 0:
        raise UserError(f"{path.name} is empty.")
    if size > max_bytes:
        raise UserError(
            f"{path.name} is {size / 1024 / 1024:.0f} MB; files over "
            f"{max_bytes / 1024 / 1024:.0f} MB are not imported. Export a shorter period."
        )
    try:
        with path.open("rb") as stream:
            encoding = _detect_encoding(stream, path.name)
    except OSError as error:
        raise UserError(f"Cannot read {path}: {error.strerror}.") from None
    return TextFile(path, encoding)


def read_text_file(path: Path, max_bytes: int = MAX_IMPORT_BYTES) -> tuple[str, str]:
    """The whole text of a small file (`path`) and the encoding it was read in.

    Raises UserError for a missing, empty, oversized, binary or undecodable file.
    """
    checked = check_text_file(path, max_bytes)
    try:
        with checked.open() as stream:
            return stream.read(), checked.encoding
    except OSError as error:
        raise UserError(f"Cannot read {path}: {error.strerror}.") from None


# Bytes that Windows-1252 leaves undefined: a file holding one is in some other encoding.
_NOT_CP1252 = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")


def _detect_encoding(stream: BinaryIO, name: str) -> str:
    """The encoding of the bytes in `stream` (see the module docstring), in 1 MiB chunks."""
    head = stream.read(4)
    stream.seek(0)
    if head.startswith(codecs.BOM_UTF8):
        _check_decodes(stream, "utf-8-sig", name)
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        _check_decodes(stream, "utf-16", name)
        return "utf-16"
    utf8 = codecs.getincrementaldecoder("utf-8")()
    is_utf8 = is_cp1252 = True
    while chunk := stream.read(_CHUNK):
        if b"\x00" in chunk:
            raise UserError(
                f"{name} looks like a binary file or UTF-16 without a byte-order mark; "
                "save it as UTF-8 CSV and try again."
            )
        if is_utf8:
            try:
                utf8.decode(chunk)
            except UnicodeDecodeError:
                is_utf8 = False
        is_cp1252 = is_cp1252 and not _NOT_CP1252.search(chunk)
    if is_utf8:
        try:
            utf8.decode(b"", final=True)
        except UnicodeDecodeError:
            is_utf8 = False
    if is_utf8:
        return "utf-8"
    if is_cp1252:
        return "cp1252"
    raise UserError(
        f"{name} is in an encoding Offload cannot read (not UTF-8, UTF-16 or "
        "Windows-1252); save it as UTF-8 and try again."
    )


def _check_decodes(stream: BinaryIO, encoding: str, name: str) -> None:
    decoder = codecs.getincrementaldecoder(encoding)()
    done = 0
    try:
        while chunk := stream.read(_CHUNK):
            decoder.decode(chunk)
            done += len(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        shown = "UTF-8" if encoding == "utf-8-sig" else encoding.upper()
        raise UserError(
            f"{name} says it is {shown} but byte {done + error.start} is not; "
            "save it again as UTF-8 and retry."
        ) from None
    stream.seek(0)
