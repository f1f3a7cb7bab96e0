"""`offload backup OUT`: a consistent copy of the database, taken while in use."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.backup import backup_database
from desktop_app.cli import add_db_option
from desktop_app.cli.common import cli_store
from desktop_app.models.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "backup",
        help="copy the database to a new file",
        description="Copy the database to OUT with SQLite's online backup API.",
    )
    add_db_option(parser, in_subcommand=True)
    parser.add_argument("out", type=Path, metavar="OUT", help="the new file to write")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    out: Path = args.out.expanduser().resolve()
    if out.exists():
        raise UserError(f"{out} already exists; choose a new file name.")
    with cli_store(getattr(args, "db", None)) as store:
        backup_database(store.path, out)
    print(f"Backed up {store.path} to {out} ({out.stat().st_size:,} bytes).")
    return 0
