"""Reading an imported text file: size limits and encodings, in one place.

Accepted: UTF-8 (with or without a BOM), UTF-16 (with a BOM) and
Windows-1252, the encodings that spreadsheet and time-tracking exports use.
Anything else is refused with the reason, never guessed.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from desktop_app.models.errors import UserError

MAX_IMPORT_BYTES = 50 * 1024 * 1024


def read_text_file(path: Path, max_bytes: int = MAX_IMPORT_BYTES) -> tuple[str, str]:
    """The text of `path` and the encoding it was read in.

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
        raw = path.read_bytes()
    except OSError as error:
        raise UserError(f"Cannot read {path}: {error.strerror}.") from None
    return decode_text(raw, path.name)


def decode_text(raw: bytes, name: str = "The file") -> tuple[str, str]:
    """Decode `raw` as UTF-8, UTF-16 or Windows-1252 (see module docstring)."""
    if raw.startswith(codecs.BOM_UTF8):
        return _decode(raw[len(codecs.BOM_UTF8) :], "utf-8", name), "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(raw, "utf-16", name), "utf-16"
    if b"\x00" in raw:
        raise UserError(
            f"{name} looks like a binary file or UTF-16 without a byte-order mark; "
            "save it as UTF-8 CSV and try again."
        )
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        # Five byte values are undefined in Windows-1252; a file holding them
        # is in some other encoding and would decode to nonsense.
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise UserError(
            f"{name} is in an encoding Offload cannot read (not UTF-8, UTF-16 or "
            "Windows-1252); save it as UTF-8 and try again."
        ) from None


def _decode(raw: bytes, encoding: str, name: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise UserError(
            f"{name} says it is {encoding.upper()} but byte {error.start} is not; "
            "save it again as UTF-8 and retry."
        ) from None
