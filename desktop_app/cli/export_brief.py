"""`offload export-brief (ID | "TITLE") OUT.pdf`: a brief as PDF, from a script."""

from __future__ import annotations

import argparse

from desktop_app.cli import add_db_option
from desktop_app.cli.common import add_output_arguments, cli_store, echo, output_file
from desktop_app.models.errors import UserError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "export-brief",
        help="write a brief as PDF",
        description="Write the brief with the id ID, or the title TITLE (case and accents "
        "ignored), to OUT.pdf: the same PDF as File > Export brief as PDF…. The export is "
        "kept as a version of the brief, as in the window.",
    )
    add_db_option(parser, in_subcommand=True)
    parser.add_argument("brief", metavar="ID|TITLE", help="the brief's id, or its title in quotes")
    add_output_arguments(parser, "OUT.pdf", "the PDF file to write")
    parser.set_defaults(handler=run)


def one_brief(id_or_title: str) -> tuple[int, str]:
    """The (id, title) of the one brief the command line names; a UserError when
    none or several match (`offload export-brief` and `offload print-brief`)."""
    from desktop_app.models.briefs import find_briefs

    matches = find_briefs(id_or_title)
    if not matches:
        raise UserError(f"No brief has the id or the title “{id_or_title}”.")
    if len(matches) > 1:
        ids = ", ".join(str(brief_id) for brief_id, _ in matches)
        raise UserError(
            f"{len(matches)} briefs are titled “{id_or_title}” (ids {ids}); give the id instead."
        )
    return matches[0]


def run(args: argparse.Namespace) -> int:
    from desktop_app.pdf.brief import export_brief

    out = output_file(args)
    # The export is kept as a version of the brief, so this export writes;
    # like every export it never creates or upgrades a database.
    with cli_store(getattr(args, "db", None), upgrade=False):
        brief_id, title = one_brief(args.brief)
        result = export_brief(brief_id, out)
    pages = f"{result.pages} page{'s' * (result.pages != 1)}"
    echo(f"Exported “{title}” ({pages}) to {out}.")
    return 0
