"""The `offload` command: the window by default, subcommands for scripted work.

    offload [--db PATH] [--demo] [--smoke-test]
    offload SUBCOMMAND [--db PATH] ...

Each subcommand lives in a module of this package with a `register(subparsers)`
function (which may add several subcommands); add a line for each
subcommand to SUBCOMMANDS. Every `offload` start, the window's included,
builds the parser, so a subcommand's module is imported only when that
subcommand runs: `offload --help` lists them all from the table. A subcommand opens the
database through `desktop_app.cli.common.cli_store`, so the lock and the
version checks apply to it as they do to the window, prints a short summary,
and on failure prints one line and exits non-zero.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop_app import __version__


@dataclass(frozen=True)
class Subcommand:
    name: str
    help: str  # the same as the module registers (tests/test_startup.py checks)
    module: str  # its `register(subparsers)` adds this subcommand


SUBCOMMANDS = (
    Subcommand("backup", "copy the database to a new file", "desktop_app.cli.backup"),
    Subcommand("restore", "list the backups, or restore one", "desktop_app.cli.restore"),
    Subcommand("check", "check the database for damage", "desktop_app.cli.check"),
    Subcommand(
        "copy-workspace",
        "copy a whole workspace (file or PostgreSQL) into an empty one",
        "desktop_app.cli.copy_workspace",
    ),
    Subcommand(
        "import-time",
        "import a Toggl Track, Clockify or Harvest detailed CSV report",
        "desktop_app.cli.time_audit",
    ),
    Subcommand(
        "export-tasks",
        "write the tasks with their hours for a month to CSV",
        "desktop_app.cli.time_audit",
    ),
    Subcommand(
        "import-contractors",
        "add contractors from a CSV or vCard (.vcf) file",
        "desktop_app.cli.contractors",
    ),
    Subcommand(
        "export-contractors", "write every contractor to a CSV file", "desktop_app.cli.contractors"
    ),
    Subcommand("export-brief", "write a brief as PDF", "desktop_app.cli.export_brief"),
    Subcommand(
        "export-job-post",
        "write a brief as a job post (plain text or Markdown)",
        "desktop_app.cli.job_post",
    ),
    Subcommand("print-brief", "print a brief (through CUPS)", "desktop_app.cli.printing"),
    Subcommand("printers", "list the printers CUPS knows", "desktop_app.cli.printing"),
    Subcommand(
        "export-schedule",
        "write the engagements' check-in schedule as an iCalendar file",
        "desktop_app.cli.export_schedule",
    ),
    Subcommand(
        "import-procedure",
        "read a task's procedure from a Markdown file",
        "desktop_app.cli.procedures",
    ),
    Subcommand(
        "export-procedure",
        "write a task's procedure as PDF or Markdown",
        "desktop_app.cli.procedures",
    ),
    Subcommand(
        "generate-sample",
        "write a new database of sample data (the demo, or a large one)",
        "desktop_app.cli.generate_sample",
    ),
    Subcommand(
        "export-access",
        "write the access register (who can reach which tool or account) to CSV",
        "desktop_app.cli.running",
    ),
    Subcommand(
        "export-payments", "write the invoices and payments to CSV", "desktop_app.cli.running"
    ),
)

EXIT_OK = 0
EXIT_FAILED = 1


def database_location(text: str) -> Path | str:
    """A --db value: a file's path, or a team workspace's postgresql:// URL,
    kept as text (a Path would fold its "//")."""
    from desktop_app.models.engine import is_database_url

    return text.strip() if is_database_url(text) else Path(text)


def add_db_option(parser: argparse.ArgumentParser, *, in_subcommand: bool) -> None:
    # A subparser's default would overwrite the value given before the
    # subcommand, so there the option has no default at all.
    parser.add_argument(
        "--db",
        type=database_location,
        metavar="PATH|URL",
        default=argparse.SUPPRESS if in_subcommand else None,
        help="the database file to use (default: the one in your data folder), or a team "
        "workspace on a PostgreSQL server: postgresql://user@host:5432/name",
    )


class _SubcommandParser(argparse.ArgumentParser):
    """A subcommand's parser that takes its options between its arguments.

    argparse alone gives an optional argument nothing once an option comes
    before it: `export-job-post 3 --format markdown post.md` would refuse
    post.md. Reading the arguments intermixed takes them in any order.
    """

    _intermixing = False

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        if self._intermixing:  # parse_known_intermixed_args calls back in here
            return super().parse_known_args(args, namespace)
        self._intermixing = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._intermixing = False


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The command line to parse `argv` with: every subcommand is listed, and
    only the module of the one `argv` names is imported."""
    return _parser(_chosen_subcommand(argv))


def _opens_the_window(argv: Sequence[str]) -> bool:
    """Whether `argv` holds only the window's own options (no subcommand, no
    --help or --version, nothing the real parser would refuse)."""
    sniffer = _parser(None, sniffing=True, subcommands=False)
    try:
        _args, rest = sniffer.parse_known_args(argv)
    except (argparse.ArgumentError, SystemExit):
        return False
    return not rest


def _chosen_subcommand(argv: Sequence[str]) -> str | None:
    """The subcommand `argv` names, read by a parser that never exits: a
    mistake in `argv` is reported by the real parser, with its usage."""
    try:
        command: str | None = _parser(None, sniffing=True).parse_known_args(argv)[0].command
    except (argparse.ArgumentError, SystemExit):
        return None
    return command


def _parser(
    chosen: str | None, *, sniffing: bool = False, subcommands: bool = True
) -> argparse.ArgumentParser:
    """The parser with `chosen`'s module registered (None: none), every other
    subcommand a stand-in that takes whatever follows it (no subcommand at
    all when `subcommands` is False)."""
    parser = argparse.ArgumentParser(
        prog="offload",
        description="Get ready to outsource: audit your time, vet contractors, "
        "write clear briefs and manage engagements.",
        add_help=not sniffing,
        exit_on_error=not sniffing,
    )
    if not sniffing:
        parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    add_db_option(parser, in_subcommand=False)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--demo",
        action="store_true",
        help="open a temporary database filled with sample data",
    )
    mode.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the window headless on a temporary database, visit every tab, exit 0",
    )
    if not subcommands:
        parser.set_defaults(command=None)
        return parser
    subparsers = parser.add_subparsers(
        dest="command",
        title="subcommands",
        metavar="SUBCOMMAND",
        parser_class=_SubcommandParser,
    )
    for subcommand in SUBCOMMANDS:
        if subcommand.name == chosen:
            importlib.import_module(subcommand.module).register(subparsers)
    for subcommand in SUBCOMMANDS:
        if subcommand.name not in subparsers.choices:
            # No help option of its own: `offload NAME --help` is answered
            # by the real parser once NAME's module is registered.
            subparsers.add_parser(subcommand.name, help=subcommand.help, add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line (default: sys.argv); returns the process exit status."""
    argv = sys.argv[1:] if argv is None else argv
    # The window's own options alone are parsed without building the
    # subcommands' stand-ins (start-up, issue 13); anything else, help and
    # mistakes included, by the whole parser.
    if _opens_the_window(argv):
        args = _parser(None, subcommands=False).parse_args(argv)
    else:
        args = build_parser(argv).parse_args(argv)
    if args.command:
        from desktop_app.cli.common import run_subcommand

        return run_subcommand(args)
    if args.smoke_test:
        from desktop_app.smoke import run_smoke_test

        return run_smoke_test()
    from desktop_app.app import run_gui

    return run_gui(database_path=args.db, demo=args.demo)


if __name__ == "__main__":
    sys.exit(main())
