"""Believable sample data for every tab: `offload --demo`, and
`offload generate-sample PATH [--size demo|large]`.

Each step's sample data lives in a module of this package with a
`fill(today)` function; DEMO_MODULES lists them in the order they run
(later steps use what earlier ones made, e.g. engagements use briefs).
`large.py` writes a large database, years of data, at any scale.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Literal

from desktop_app.models.base import database

DEMO_MODULES = (
    "desktop_app.demo.settings",
    "desktop_app.demo.time_audit",
    "desktop_app.demo.procedures",
    "desktop_app.demo.briefs",
    "desktop_app.demo.contractors",
    "desktop_app.demo.hiring",
    "desktop_app.demo.engagements",
    "desktop_app.demo.questions",
    "desktop_app.demo.running",
)

DEMO_FILE_NAME = "offload-demo.sqlite3"


def fill_demo_data(today: date | None = None) -> None:
    """Add the sample data of every step to the bound database, in one transaction."""
    today = today or date.today()
    with database.atomic():
        for module_name in DEMO_MODULES:
            importlib.import_module(module_name).fill(today)


def create_demo_database(folder: Path, today: date | None = None) -> Path:
    """A new database in `folder` holding the demo data; returns its path."""
    return write_sample(folder / DEMO_FILE_NAME, "demo", today=today)


def write_sample(
    path: Path,
    size: Literal["demo", "large"] = "demo",
    *,
    scale: float = 1.0,
    seed: int = 1,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Open (create) the database at `path` and add the demo data, or the
    large data at `scale` (see `large.py`); returns the path."""
    from desktop_app.store import open_store

    store = open_store(path)
    try:
        if size == "large":
            from desktop_app.demo.large import fill_large

            fill_large(today or date.today(), scale, seed, progress)
        else:
            fill_demo_data(today)
    finally:
        store.close()
    return store.path
