"""`offload restore [BACKUP]`: list the backups, or put one back in place of the database."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.backup import backup_summaries
from desktop_app.cli import add_db_option
from desktop_app.cli.common import echo
from desktop_app.paths import default_database_path, set_application_names


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "restore",
        help="list the backups, or restore one",
        description="Without BACKUP: list the backups kept beside the database (newest "
        "first) with their date, size and what they hold. With BACKUP: replace the database "
        "with it. The current file is first copied into the backups folder, so a restore "
        "can itself be undone. Refused while the database is open in Offload.",
    )
    add_db_option(parser, in_subcommand=True)
    parser.add_argument(
        "backup", type=Path, nargs="?", metavar="BACKUP", help="the backup file to restore"
    )
    parser.set_defaults(handler=run)


def _target(args: argparse.Namespace) -> Path:
    set_application_names()
    given = getattr(args, "db", None)
    return given.expanduser().resolve() if given else default_database_path()


def run(args: argparse.Namespace) -> int:
    database_path = _target(args)
    if args.backup is None:
        summaries = backup_summaries(database_path)
        if not summaries:
            echo(f"No backups of {database_path} yet (they go in {database_path.parent}/backups).")
            return 0
        echo(f"Backups of {database_path}, newest first:")
        for summary in summaries:
            echo(f"  {summary.describe()}\n    {summary.path}")
        return 0
    from desktop_app.restore import restore_backup

    kept = restore_backup(args.backup, database_path)
    echo(
        f"Restored {database_path} from {args.backup.expanduser().resolve()}."
        + (f" The file it replaced is kept as {kept}." if kept else "")
    )
    return 0
