"""`offload export-job-post (ID | "TITLE") [--format markdown|text] [OUT]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.cli import add_db_option
from desktop_app.cli.common import cli_store, echo, output_file
from desktop_app.store import Access

BOARD_CHOICES = ("upwork", "short", "long")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "export-job-post",
        help="write a brief as a job post (plain text or Markdown)",
        description="Write the brief with the id ID, or the title TITLE, as the job post "
        "that job boards take: the title, the job, skills, expectations in priority order "
        "(must, should, nice), deliverables, budget and timeline, working hours and how to "
        "apply with the screening questions; never the status, contact details, your own "
        "tasks or what you kept out of the post. Printed when OUT is not given. A post over "
        "the board's length is refused, naming the sections to shorten.",
    )
    add_db_option(parser, in_subcommand=True)
    parser.add_argument("brief", metavar="ID|TITLE", help="the brief's id, or its title in quotes")
    parser.add_argument(
        "--format", choices=("markdown", "text"), default="text", help="default: text"
    )
    parser.add_argument(
        "--board",
        choices=BOARD_CHOICES,
        help="the length to keep to (default: the one chosen for the brief, Upwork unless "
        "changed): upwork 5,000 characters and 5 questions, short 2,000, long 10,000",
    )
    parser.add_argument("out", nargs="?", type=Path, metavar="OUT", help="the file to write")
    parser.add_argument(
        "--force", action="store_true", help="replace OUT if it exists (never a database)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from desktop_app.cli.export_brief import one_brief
    from desktop_app.exporters.job_post import checked_post, write_job_post

    out = output_file(args) if args.out is not None else None
    with cli_store(getattr(args, "db", None), access=Access.READ):
        brief_id, title = one_brief(args.brief)
        post = checked_post(brief_id, args.format, args.board)
    if out is None:
        for line in post.text.rstrip("\n").split("\n"):
            echo(line)
        return 0
    write_job_post(post, out)
    echo(f"Wrote the job post “{title}” ({post.length:,} characters) to {out}.")
    return 0
