"""Sample files of contractors' work, stored by content beside the database.

A file attached to a portfolio is copied into the attachments folder
(`paths.attachments_dir`) under its SHA-256, so attaching the same file twice
stores it once, and renaming or deleting the original changes nothing. The
copy keeps the original's extension so that the system viewer knows how to
open it. Files are never deleted here: a portfolio item's delete can be
undone, and the file must still be there when it is.

In a team workspace (PostgreSQL) the contents live in the database
(`models.attachment_contents`), so every member sees them: the folder is
then this computer's cache of them, where a file is written to be opened
in the system's viewer. The views call the same functions either way.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peewee import PeeweeException

from desktop_app.models import attachment_contents
from desktop_app.models.errors import UserError

log = logging.getLogger("offload.attachments")

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
        existing = _cached(folder, file_hash)
        already = existing is not None
        if attachment_contents.kept_in_database():
            # The workspace's copy is the one that counts, for every member;
            # the folder is this computer's cache of it.
            already = _keep_in_workspace(source.name, file_hash, scratch.read_bytes())
        if existing is not None:
            return StoredFile(file_hash, source.name, size, existing, already_stored=already)
        target = folder / file_hash[:2] / f"{file_hash}{_suffix(source.name)}"
        target.parent.mkdir(mode=0o700, exist_ok=True)
        scratch.chmod(0o600)
        scratch.replace(target)
        return StoredFile(file_hash, source.name, size, target, already_stored=already)
    except PermissionError:
        raise UserError(f"Cannot read {source.name}: permission denied.") from None
    except OSError as error:
        raise UserError(f"Cannot attach {source.name}: {error.strerror or error}.") from None
    finally:
        scratch.unlink(missing_ok=True)


def _keep_in_workspace(name: str, file_hash: str, content: bytes) -> bool:
    """`content` into the workspace's database (True when it was there);
    UserError when the server does not take it."""
    try:
        return attachment_contents.keep_content(file_hash, content)
    except PeeweeException as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise UserError(f"Cannot store {name} in the workspace: {first}") from None


def _suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    # A suffix is kept only when it is a plain one (".pdf", ".docx").
    return suffix if suffix[1:].isalnum() and len(suffix) <= 10 else ""


def locate(folder: Path, file_hash: str, file_name: str = "") -> Path | None:
    """The stored copy of `file_hash`, or None when it is missing.

    In a team workspace a file not yet on this computer is written into
    `folder` from the database first (named with `file_name`'s extension,
    for the viewer)."""
    if not _is_hash(file_hash):
        return None
    cached = _cached(folder, file_hash)
    if cached is not None or not attachment_contents.kept_in_database():
        return cached
    content = attachment_contents.read_content(file_hash)
    if content is None or hashlib.sha256(content).hexdigest() != file_hash:
        return None
    return _write_cache(folder, file_hash, _suffix(file_name), content)


def is_missing(folder: Path, file_hash: str) -> bool:
    """Whether the file `file_hash` is gone (never downloads it: a list asks
    this of every row it shows)."""
    if not _is_hash(file_hash):
        return True
    if attachment_contents.kept_in_database():
        return not attachment_contents.has_content(file_hash)
    return _cached(folder, file_hash) is None


def _is_hash(file_hash: str) -> bool:
    return bool(file_hash) and all(c in "0123456789abcdef" for c in file_hash)


def _write_cache(folder: Path, file_hash: str, suffix: str, content: bytes) -> Path:
    """`content` written into `folder` under its hash, whole or not at all."""
    target = folder / file_hash[:2] / f"{file_hash}{suffix}"
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, scratch_name = tempfile.mkstemp(prefix=".incoming-", dir=folder)
        scratch = Path(scratch_name)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(content)
            scratch.chmod(0o600)
            scratch.replace(target)
        finally:
            scratch.unlink(missing_ok=True)
    except OSError as error:
        raise UserError(f"Cannot write {target}: {error.strerror or error}.") from None
    return target


def _cached(folder: Path, file_hash: str) -> Path | None:
    """The file of `file_hash` in `folder`, if there."""
    bucket = folder / file_hash[:2]
    if not bucket.is_dir():
        return None
    for candidate in bucket.glob(f"{file_hash}*"):
        if (candidate.is_file() and candidate.stem == file_hash) or candidate.name == file_hash:
            return candidate
    return None


# A whole workspace's attached files, copied with its rows (copy-workspace, backup).


def _files(folder: Path) -> Iterator[tuple[str, Path]]:
    """Each stored file of `folder`: (its hash, its path)."""
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("??/*")):
        file_hash = path.name.split(".", 1)[0]
        named = len(file_hash) == 64 and _is_hash(file_hash)
        if named and path.parent.name == file_hash[:2] and path.is_file():
            yield file_hash, path


def count_stored(db: Any, folder: Path) -> int:
    """How many attached files a database holds: rows in a workspace, files
    in `folder` (the attachments folder beside it) for a file."""
    if attachment_contents.kept_in_database(db):
        return len(attachment_contents.stored_hashes(db))
    return sum(1 for _ in _files(folder))


def copy_stored(source_db: Any, source_folder: Path, target_db: Any, target_folder: Path) -> int:
    """Every attached file of the source into the target, whichever engines
    they are on (into the target's transaction, when the target is a
    workspace); returns how many. A file whose bytes no longer match its
    hash (damaged on disk) is left out, and logged."""
    names = attachment_contents.file_names(source_db)
    into_database = attachment_contents.kept_in_database(target_db)
    copied = 0
    for file_hash, name, read in _contents(source_db, source_folder, names):
        content = read()
        if content is None or hashlib.sha256(content).hexdigest() != file_hash:
            log.warning("left out the damaged attachment %s (%s)", file_hash, name)
            continue
        if into_database:
            attachment_contents.keep_content(file_hash, content, target_db)
        elif _cached(target_folder, file_hash) is None:
            _write_cache(target_folder, file_hash, _suffix(name), content)
        copied += 1
    return copied


def _contents(
    db: Any, folder: Path, names: dict[str, str]
) -> Iterator[tuple[str, str, Callable[[], bytes | None]]]:
    """(hash, a name, a reader of its bytes) for each attached file, read one at a time."""
    if attachment_contents.kept_in_database(db):
        for file_hash in attachment_contents.stored_hashes(db):
            yield (
                file_hash,
                names.get(file_hash, ""),
                lambda h=file_hash: attachment_contents.read_content(h, db),  # type: ignore[misc]
            )
        return
    for file_hash, path in _files(folder):
        yield file_hash, names.get(file_hash) or path.name, path.read_bytes
