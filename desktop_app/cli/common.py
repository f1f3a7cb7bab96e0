"""What every subcommand shares: opening the database, reporting failure."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop_app.models.errors import UserError
from desktop_app.paths import default_database_path, set_application_names
from desktop_app.store import Store, open_store

log = logging.getLogger("offload.cli")


@contextmanager
def cli_store(database_path: Path | None) -> Iterator[Store]:
    """The database for a subcommand, locked and upgraded like the window's."""
    set_application_names()
    store = open_store(database_path or default_database_path())
    try:
        yield store
    finally:
        store.close()


def run_subcommand(args: argparse.Namespace) -> int:
    """Run the chosen subcommand; a known failure becomes one line on stderr."""
    try:
        return int(args.handler(args) or 0)
    except UserError as error:
        print(f"offload {args.command}: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(
            f"offload {args.command}: {error.strerror or error}: {error.filename}", file=sys.stderr
        )
        return 1
