"""`offload export-schedule OUT.ics`: the check-in schedule for a calendar app."""

from __future__ import annotations

import argparse
from datetime import date

from desktop_app.cli import add_db_option
from desktop_app.cli.common import add_output_arguments, cli_store, echo, output_file
from desktop_app.store import Access


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "export-schedule",
        help="write the engagements' check-in schedule as an iCalendar file",
        description="Write one recurring all-day event per trial or active engagement, from "
        "its next check-in at the agreed cadence, to OUT (.ics). Importing a newer file "
        "into your calendar updates the events instead of adding copies.",
    )
    add_db_option(parser, in_subcommand=True)
    add_output_arguments(parser, "OUT.ics", "the calendar file to write")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    # icalendar and the engagement queries load only when the command runs:
    # every `offload` start builds this parser.
    from desktop_app.exporters.engagement_schedule import export_schedule

    out = output_file(args)
    with cli_store(getattr(args, "db", None), access=Access.READ) as store:
        count = export_schedule(out, date.today())
    echo(f"Wrote the check-in schedule of {count} engagement(s) from {store.path} to {out}.")
    return 0
