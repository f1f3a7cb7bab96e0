"""The `offload` command: the window by default, subcommands for scripted work.

    offload [--db PATH] [--demo] [--smoke-test]
    offload SUBCOMMAND [--db PATH] ...

Each subcommand lives in a module of this package with a `register(subparsers)`
function; add the module to SUBCOMMAND_MODULES. A subcommand opens the
database through `desktop_app.cli.common.cli_store`, so the lock and the
version checks apply to it as they do to the window, prints a short summary,
and on failure prints one line and exits non-zero.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from desktop_app import __version__

SUBCOMMAND_MODULES = (
    "desktop_app.cli.backup",
    "desktop_app.cli.restore",
    "desktop_app.cli.check",
    "desktop_app.cli.time_audit",
    "desktop_app.cli.contractors",
    "desktop_app.cli.export_brief",
    "desktop_app.cli.printing",
    "desktop_app.cli.export_schedule",
    "desktop_app.cli.procedures",
)

EXIT_OK = 0
EXIT_FAILED = 1


def add_db_option(parser: argparse.ArgumentParser, *, in_subcommand: bool) -> None:
    # A subparser's default would overwrite the value given before the
    # subcommand, so there the option has no default at all.
    parser.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        default=argparse.SUPPRESS if in_subcommand else None,
        help="the database file to use (default: the one in your data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="offload",
        description="Get ready to outsource: audit your time, vet contractors, "
        "write clear briefs and manage engagements.",
    )
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
    subparsers = parser.add_subparsers(dest="command", title="subcommands", metavar="SUBCOMMAND")
    for module_name in SUBCOMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    args = build_parser().parse_args(argv)
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
