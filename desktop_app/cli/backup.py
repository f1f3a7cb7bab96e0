"""`offload backup OUT`: a consistent, checked copy of the database, taken while in use."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.backup import backup_database
from desktop_app.cli import add_db_option
from desktop_app.cli.common import echo, existing_database
from desktop_app.database_file import inspect_database
from desktop_app.models.errors import UserError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "backup",
        help="copy the database to a new file",
        description="Copy the database to OUT with SQLite's online backup API, then check "
        "the copy with SQLite's quick_check. A damaged database is reported, and no copy "
        "is kept.",
    )
    add_db_option(parser, in_subcommand=True)
    parser.add_argument("out", type=Path, metavar="OUT", help="the new file to write")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    # No lock: a backup only reads, so it works while the window has the file open.
    source = existing_database(getattr(args, "db", None))
    if isinstance(source, str):
        raise UserError(
            "offload backup copies a database file; a team workspace on a server is backed "
            "up by the server (pg_dump). Nothing was written."
        )
    # Refuses a folder, a pipe, a file that is not Offload's; the copy is checked below.
    if inspect_database(source, quick_check=False, allow_links=True).new:
        raise UserError(f"{source} is empty: there is nothing to back up.")
    out: Path = args.out.expanduser().resolve()
    if out.exists():
        raise UserError(f"{out} already exists; choose a new file name.")
    backup_database(source, out)
    echo(f"Backed up {source} to {out} ({out.stat().st_size:,} bytes, checked).")
    return 0
