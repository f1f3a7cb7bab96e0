"""Where Offload keeps the owner's data, logs and attachments."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths

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
