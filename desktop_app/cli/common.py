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


def existing_database(database_path: Path | None) -> Path:
    """The database a subcommand reads: `--db`, or the default one.

    A `--db` that names no file is refused: a mistyped path must not quietly
    become a new, empty database that the command then "succeeds" on.
    """
    set_application_names()
    if database_path is None:
        return default_database_path()
    path = database_path.expanduser().resolve()
    if not path.exists():
        raise UserError(
            f"{path} does not exist. Check the path; to start a new database, "
            f"open it in the window (offload --db {path}) or import into it."
        )
    return path


@contextmanager
def cli_store(database_path: Path | None, *, create: bool = False) -> Iterator[Store]:
    """The database for a subcommand, locked and upgraded like the window's.

    Only commands that add data (`create=True`: the imports) may start a
    new database at a `--db` that does not exist yet, and they say so.
    """
    if create and database_path is not None and not database_path.expanduser().exists():
        set_application_names()
        path = database_path.expanduser().resolve()
        print(f"Starting a new database at {path}.")
    else:
        path = existing_database(database_path)
    store = open_store(path)
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
