"""`offload backup OUT`: a consistent, checked copy of the database, taken while in use."""

from __future__ import annotations

import argparse
import shutil
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
        return _back_up_workspace(source, args.out.expanduser().resolve())
    # Refuses a folder, a pipe, a file that is not Offload's; the copy is checked below.
    if inspect_database(source, quick_check=False, allow_links=True).new:
        raise UserError(f"{source} is empty: there is nothing to back up.")
    out: Path = args.out.expanduser().resolve()
    if out.exists():
        raise UserError(f"{out} already exists; choose a new file name.")
    backup_database(source, out)
    echo(f"Backed up {source} to {out} ({out.stat().st_size:,} bytes, checked).")
    return 0


def _back_up_workspace(url: str, out: Path) -> int:
    """A team workspace into a new SQLite file: the portable copy an owner keeps."""
    from desktop_app.attachments import copy_stored
    from desktop_app.models.copying import copy_rows
    from desktop_app.paths import attachments_dir
    from desktop_app.store import Access, open_store

    if out.exists():
        raise UserError(f"{out} already exists; choose a new file name.")
    files_folder_was_there = attachments_dir(out).exists() if out.parent.is_dir() else True
    source = open_store(url, access=Access.READ, create=False, upgrade=False)
    try:
        target = open_store(out, access=Access.WRITE, create=True)
        try:
            with target.db.atomic():
                copied = copy_rows(source.db, target.db)
                # The attached files beside the copy, as beside any file.
                files = copy_stored(
                    source.db, attachments_dir(source.path), target.db, attachments_dir(out)
                )
        finally:
            target.close()
    except BaseException:
        for leftover in (out, out.with_name(out.name + "-wal"), out.with_name(out.name + "-shm")):
            leftover.unlink(missing_ok=True)
        if not files_folder_was_there:
            shutil.rmtree(out.parent / f"{out.stem}-files", ignore_errors=True)
        raise
    finally:
        source.close()
    echo(
        f"Backed up {source.name} to {out} ({sum(copied.values()):,} rows, "
        f"{out.stat().st_size:,} bytes, {files:,} attached files in {attachments_dir(out)}): "
        f"open it with offload --db {out}."
    )
    return 0
