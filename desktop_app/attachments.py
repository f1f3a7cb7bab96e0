"""Sample files of contractors' work, stored by content beside the database.

A file attached to a portfolio is copied into the attachments folder
(`paths.attachments_dir`) under its SHA-256, so attaching the same file twice
stores it once, and renaming or deleting the original changes nothing. The
copy keeps the original's extension so that the system viewer knows how to
open it. Files are never deleted here: a portfolio item's delete can be
undone, and the file must still be there when it is.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from desktop_app.models.errors import UserError

MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class StoredFile:
    """A file in the attachments folder."""

    file_hash: str
    file_name: str  # the original's name, shown to the owner
    file_size: int
    path: Path
    already_stored: bool  # True when the same content was there before


def store_file(source: Path, folder: Path, max_bytes: int = MAX_ATTACHMENT_BYTES) -> StoredFile:
    """Copy `source` into `folder` under its content hash (once per content).

    Raises UserError for a missing, unreadable, empty-named or oversized file
    (nothing is copied then).
    """
    try:
        info = source.stat()
    except FileNotFoundError:
        raise UserError(f"{source} does not exist.") from None
    except OSError as error:
        raise UserError(f"Cannot read {source}: {error.strerror}.") from None
    if source.is_dir():
        raise UserError(f"{source.name} is a folder; choose a file.")
    if info.st_size > max_bytes:
        raise UserError(
            f"{source.name} is {info.st_size / 1024 / 1024:.0f} MB; sample files can be at most "
            f"{max_bytes / 1024 / 1024:.0f} MB. Link to it instead (add it as a URL)."
        )
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    digest = hashlib.sha256()
    # Hash while copying to a scratch file, so the file is read once and a
    # file that changes or fails half-way never lands in the store.
    handle, scratch_name = tempfile.mkstemp(prefix=".incoming-", dir=folder)
    scratch = Path(scratch_name)
    size = 0
    try:
        with os.fdopen(handle, "wb") as out, source.open("rb") as reader:
            while chunk := reader.read(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise UserError(
                        f"{source.name} grew past {max_bytes / 1024 / 1024:.0f} MB "
                        "while it was being copied; it was not attached."
                    )
                digest.update(chunk)
                out.write(chunk)
        file_hash = digest.hexdigest()
        existing = locate(folder, file_hash)
        if existing is not None:
            return StoredFile(file_hash, source.name, size, existing, already_stored=True)
        target = folder / file_hash[:2] / f"{file_hash}{_suffix(source.name)}"
        target.parent.mkdir(mode=0o700, exist_ok=True)
        scratch.chmod(0o600)
        scratch.replace(target)
        return StoredFile(file_hash, source.name, size, target, already_stored=False)
    except PermissionError:
        raise UserError(f"Cannot read {source.name}: permission denied.") from None
    except OSError as error:
        raise UserError(f"Cannot attach {source.name}: {error.strerror or error}.") from None
    finally:
        scratch.unlink(missing_ok=True)


def _suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    # A suffix is kept only when it is a plain one (".pdf", ".docx").
    return suffix if suffix[1:].isalnum() and len(suffix) <= 10 else ""


def locate(folder: Path, file_hash: str) -> Path | None:
    """The stored copy of `file_hash`, or None when it is missing."""
    if not file_hash or not all(c in "0123456789abcdef" for c in file_hash):
        return None
    bucket = folder / file_hash[:2]
    if not bucket.is_dir():
        return None
    for candidate in bucket.glob(f"{file_hash}*"):
        if (candidate.is_file() and candidate.stem == file_hash) or candidate.name == file_hash:
            return candidate
    return None
