"""`offload check`: is the database sound? One line, exit 0 when it is."""

from __future__ import annotations

import argparse

from desktop_app.cli import add_db_option
from desktop_app.cli.common import echo, existing_database
from desktop_app.database_file import check_health


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check the database for damage",
        description="Run SQLite's integrity check and foreign-key check on the database and "
        "read its schema version, without changing it (it may be open in the window). Prints "
        "one line; exits 0 when the database is healthy, 1 when it is damaged or is not an "
        "Offload database.",
    )
    add_db_option(parser, in_subcommand=True)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    location = existing_database(getattr(args, "db", None))
    if isinstance(location, str):
        return _check_workspace(location)
    report = check_health(location)
    echo(report.line)
    return 0 if report.healthy else 1


def _check_workspace(url: str) -> int:
    """A workspace on a server: reachable, Offload's, a schema this version knows.
    (The server keeps its own pages whole; there is no file to scan.)"""
    from desktop_app.models.engine import schema_version
    from desktop_app.store import Access, open_store

    store = open_store(url, access=Access.READ, create=False, upgrade=False)
    try:
        version = schema_version(store.db)
    finally:
        store.close()
    echo(f"{store.name}: healthy (an Offload workspace at schema {version}).")
    return 0
