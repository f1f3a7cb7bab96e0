"""Files shipped with the app (icons, fonts, templates), found the same way
from a source checkout, an installed wheel and a frozen build."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

_PACKAGE = "desktop_app.resources"


def resource_path(*parts: str) -> Path:
    """The path of a shipped file, e.g. resource_path("fonts", "DejaVuSans.ttf")."""
    traversable = files(_PACKAGE).joinpath(*parts)
    # Every way Offload is installed keeps resources as real files on disk,
    # so as_file() hands back the path itself rather than a temporary copy.
    with as_file(traversable) as path:
        return Path(path)


def templates_folder() -> Path:
    """The folder of the brief templates Offload ships (resources/templates)."""
    return resource_path("templates")
