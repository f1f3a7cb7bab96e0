"""Believable sample data for every tab: `offload --demo`.

Each step's sample data lives in a module of this package with a
`fill(today)` function; DEMO_MODULES lists them in the order they run
(later steps use what earlier ones made, e.g. engagements use briefs).
"""

from __future__ import annotations

import importlib
from datetime import date
from pathlib import Path

from desktop_app.models.base import database

DEMO_MODULES = (
    "desktop_app.demo.settings",
    "desktop_app.demo.time_audit",
    "desktop_app.demo.procedures",
    "desktop_app.demo.briefs",
    "desktop_app.demo.contractors",
    "desktop_app.demo.engagements",
    "desktop_app.demo.questions",
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
    from desktop_app.store import open_store

    store = open_store(folder / DEMO_FILE_NAME)
    try:
        fill_demo_data(today)
    finally:
        store.close()
    return store.path
