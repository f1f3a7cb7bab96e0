"""`offload copy-workspace SRC DST`: a whole workspace into an empty one, either engine."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.cli import database_location
from desktop_app.cli.common import echo, existing_database
from desktop_app.models.errors import UserError
from desktop_app.store import Access, Store, open_store

HELP = "copy a whole workspace (file or PostgreSQL) into an empty one"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "copy-workspace",
        help=HELP,
        description="Copy every row of SRC (a database file or a postgresql:// URL) into DST, "
        "which must be new or empty: a file onto a team workspace on a server, or a "
        "workspace back into a file. Ids are kept; DST is written in one transaction, so a "
        "failure leaves it as it was. Prints the counts of both sides.",
    )
    parser.add_argument("source", type=database_location, metavar="SRC")
    parser.add_argument("target", type=database_location, metavar="DST")
    parser.set_defaults(handler=run)


def _name(store: Store) -> str:
    return store.name


def run(args: argparse.Namespace) -> int:
    from desktop_app.attachments import copy_stored, count_stored
    from desktop_app.models.copying import copy_rows, row_counts
    from desktop_app.paths import attachments_dir

    source_location = existing_database(args.source)
    target_location: Path | str = args.target
    if isinstance(target_location, Path):
        target_location = target_location.expanduser().resolve()
        if source_location == target_location:
            raise UserError("SRC and DST are the same database.")
    source = open_store(source_location, access=Access.READ, create=False, upgrade=False)
    try:
        target = open_store(target_location, access=Access.WRITE, create=True)
        try:
            source_files, target_files = attachments_dir(source.path), attachments_dir(target.path)
            # Rows and attached files in one transaction on the target: all or nothing.
            with target.db.atomic():
                copied = copy_rows(source.db, target.db)
                files = copy_stored(source.db, source_files, target.db, target_files)
            theirs = row_counts(target.db)
            echo(f"Copied {_name(source)} into {_name(target)}:")
            for table, count in copied.items():
                if count or theirs[table]:
                    echo(f"  {table}: {count} copied, {theirs[table]} in the target")
            files_there = count_stored(target.db, target_files)
            echo(f"  attached files: {files} copied, {files_there} in the target")
            mismatched = [table for table, count in copied.items() if theirs[table] != count]
            if files_there != files:
                mismatched.append("attached files")
            if mismatched:
                raise UserError(f"The counts differ for {', '.join(mismatched)}.")
        finally:
            target.close()
    finally:
        source.close()
    return 0
