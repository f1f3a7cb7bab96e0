"""Where Offload keeps the owner's data, logs and attachments."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths

from desktop_app.models.errors import UserError

ORGANIZATION = "Offload"
APPLICATION = "Offload"
DATABASE_FILE_NAME = "offload.sqlite3"


def set_application_names() -> None:
    """Name the app before Qt is asked for any path or setting."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)


def data_dir() -> Path:
    """The app's data folder (created, private to the user)."""
    set_application_names()
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    path = Path(location)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return data_dir() / DATABASE_FILE_NAME


def logs_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(mode=0o700, exist_ok=True)
    return path


def attachments_dir(database_path: Path) -> Path:
    """Sample files live beside the database they belong to, so a copy of the
    folder carries them along."""
    path = database_path.parent / f"{database_path.stem}-files"
    path.mkdir(mode=0o700, exist_ok=True)
    return path


def create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only (0600), if missing."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)


NO_SPACE = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
_NOT_ALLOWED = {errno.EACCES, errno.EPERM, errno.EROFS}


def cannot_write_message(folder: Path, error: OSError) -> str:
    """Why a file could not be written in `folder`, in the owner's words."""
    if error.errno in NO_SPACE:
        return (
            f"There is no room left on the disk that holds {folder}. Free some space, "
            "then try again; nothing was changed."
        )
    if error.errno in _NOT_ALLOWED:
        return f"Cannot write to {folder}: it is read-only. Choose a folder you can write to."
    return f"Cannot write to {folder}: {error.strerror or error}."


def check_can_write(folder: Path) -> None:
    """Raise UserError saying why no file can be written in `folder`.

    Writes and deletes a one-byte file rather than asking `os.access`, which
    says yes to root on a read-only folder and knows nothing of a full disk.
    """
    if not folder.is_dir():
        raise UserError(f"The folder {folder} does not exist.")
    try:
        handle, name = tempfile.mkstemp(prefix=".offload-probe-", dir=folder)
    except OSError as error:
        raise UserError(cannot_write_message(folder, error)) from error
    try:
        os.write(handle, b"\0")
        os.fsync(handle)
    except OSError as error:
        raise UserError(cannot_write_message(folder, error)) from error
    finally:
        os.close(handle)
        Path(name).unlink()
