"""What every subcommand shares: opening the database, the file it writes,
reporting failure in one line (and in the log), and `echo`, the one way a
subcommand writes to the terminal."""

from __future__ import annotations

import argparse
import logging
import os
import re
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from peewee import PeeweeException

from desktop_app.database_file import explain_database_error
from desktop_app.exporters.files import refuse_database_target
from desktop_app.models.errors import UserError
from desktop_app.paths import default_database_path, set_application_names
from desktop_app.store import Access, Store, open_store

log = logging.getLogger("offload.cli")

# C0 controls but tab and newline, DEL, and C1 controls (0x9B starts a CSI
# sequence on its own): what a terminal obeys instead of showing.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` without terminal control characters, so a name read from a file
    cannot retitle the terminal, move the cursor or colour what follows."""
    return _CONTROL.sub("", text)


def echo(text: str, *, file: TextIO | None = None) -> None:
    """Print one line of output (to stdout, or `file`) with `printable`: every
    subcommand writes through here, user data included."""
    # Flushed: a progress line must show while the work goes on.
    print(printable(text), file=file or sys.stdout, flush=True)


def existing_database(database_path: Path | str | None) -> Path | str:
    """The database a subcommand reads: `--db`, or the default one.

    A `--db` that names no file is refused: a mistyped path must not quietly
    become a new, empty database that the command then "succeeds" on. A
    workspace's URL is returned as it is (the server says whether it exists).
    """
    set_application_names()
    if database_path is None:
        return default_database_path()
    if isinstance(database_path, str):
        return database_path
    path = database_path.expanduser().resolve()
    if not path.exists():
        raise UserError(
            f"{path} does not exist. Check the path; to start a new database, "
            f"open it in the window (offload --db {path}) or import into it."
        )
    return path


@contextmanager
def cli_store(
    database_path: Path | str | None,
    *,
    access: Access = Access.WRITE,
    create: bool = False,
    upgrade: bool = True,
) -> Iterator[Store]:
    """The database for a subcommand, opened as the window opens it.

    Only commands that add data (`create=True`: the imports) may start a
    new database at a `--db` that does not exist yet, and they say so.
    Exports read (`Access.READ`): they never create, upgrade or lock it.
    """
    path: Path | str
    if create and isinstance(database_path, Path) and not database_path.expanduser().exists():
        set_application_names()
        path = database_path.expanduser().resolve()
        echo(f"Starting a new database at {path}.")
    else:
        path = existing_database(database_path)
    store = open_store(path, access=access, create=create, upgrade=upgrade)
    try:
        yield store
    finally:
        store.close()


def add_output_arguments(parser: argparse.ArgumentParser, metavar: str, help_text: str) -> None:
    """OUT and --force, the same for every export."""
    parser.add_argument("out", type=Path, metavar=metavar, help=help_text)
    parser.add_argument(
        "--force",
        action="store_true",
        help=f"replace {metavar} if it exists (a database is never replaced)",
    )


def output_file(args: argparse.Namespace) -> Path:
    """The file an export writes, refused when it would replace anything
    without --force, and a database whatever the flags."""
    out: Path = args.out.expanduser().resolve()
    if out.is_dir():
        raise UserError(f"{out} is a folder; give the name of the file to write.")
    refuse_database_target(out)
    if os.path.lexists(out) and not getattr(args, "force", False):
        raise UserError(f"{out} already exists. Add --force to replace it, or choose a new name.")
    return out


def _start_logging() -> Path | None:
    """Log to the same file as the window; a command still runs when it cannot."""
    from desktop_app.logging_setup import setup_logging
    from desktop_app.paths import logs_dir

    try:
        set_application_names()
        return setup_logging(logs_dir())
    except OSError:
        return None


def _database_named(args: argparse.Namespace) -> Path | None:
    given = getattr(args, "db", None)
    if isinstance(given, str):
        return None  # a workspace's URL: its errors are explained where it is opened
    try:
        return given.expanduser().resolve() if given else default_database_path()
    except OSError:
        return None


def run_subcommand(args: argparse.Namespace) -> int:
    """Run the chosen subcommand; a failure becomes one line on stderr and in the log."""
    log_path = _start_logging()
    log.info("offload %s", args.command)
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        echo(f"offload {args.command}: interrupted; nothing half-done was kept.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader stopped reading (`| head`): nothing to say to anyone. Point
        # stdout at nowhere so the exit's own flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except UserError as error:
        message = str(error)
    except (OSError, sqlite3.Error, PeeweeException) as error:
        explained = explain_database_error(error, _database_named(args))
        if explained is None and not isinstance(error, OSError):
            return _report_bug(args, error, log_path)
        if explained is not None:
            message = explained
        else:
            assert isinstance(error, OSError)  # the others returned above
            message = f"{error.strerror or error}: {error.filename}"
    except Exception as error:  # a bug: one line here, the traceback in the log
        return _report_bug(args, error, log_path)
    log.warning("offload %s failed: %s", args.command, message)
    echo(f"offload {args.command}: {message}", file=sys.stderr)
    return 1


def _report_bug(args: argparse.Namespace, error: BaseException, log_path: Path | None) -> int:
    log.error("offload %s: unexpected error", args.command, exc_info=error)
    where = f" Details are in {log_path}." if log_path else ""
    echo(
        f"offload {args.command}: unexpected error ({type(error).__name__}: {error}).{where}",
        file=sys.stderr,
    )
    return 1
