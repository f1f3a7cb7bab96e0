"""`offload print-brief` and `offload printers`: printing from a script, through CUPS.

The brief is written as File > Export brief as PDF… writes it, and that very
PDF goes to CUPS (`lp`), so it prints as sharp and as small as the file.
No Qt here: a script on a server without a display prints too.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from desktop_app.cli import add_db_option
from desktop_app.cli.common import cli_store, echo
from desktop_app.cli.export_brief import one_brief
from desktop_app.models.errors import UserError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "print-brief",
        help="print a brief (through CUPS)",
        description="Print the brief with the id ID, or the title TITLE (case and accents "
        "ignored), on the default printer or the one named: the same pages as File > "
        "Export brief as PDF… writes, sent to CUPS as a PDF. The brief's paper (File > "
        "Settings) is printed at full size; when the printer is set to another paper, the "
        "command says so, and --fit fits the pages to it instead. Printing is kept as a "
        "version of the brief, as in the window.",
    )
    add_db_option(parser, in_subcommand=True)
    parser.add_argument("brief", metavar="ID|TITLE", help="the brief's id, or its title in quotes")
    parser.add_argument(
        "--printer", metavar="NAME", help="the printer (default: CUPS's default printer)"
    )
    parser.add_argument(
        "--pages", metavar="RANGES", default="", help="pages to print, such as 2-3 or 1,3"
    )
    parser.add_argument("--copies", type=int, default=1, metavar="N", help="copies (default 1)")
    parser.add_argument(
        "--fit",
        action="store_true",
        help="fit the pages to the printer's paper when it is not the brief's",
    )
    parser.set_defaults(handler=run_print_brief)

    printers = subparsers.add_parser(
        "printers",
        help="list the printers CUPS knows",
        description="List the printers CUPS knows: name, paper, state and description; "
        "* marks the default printer.",
    )
    printers.set_defaults(handler=run_printers)


def run_print_brief(args: argparse.Namespace) -> int:
    from desktop_app.models.briefs import load_brief, record_version
    from desktop_app.models.settings import load_settings
    from desktop_app.pdf.brief import write_brief_pdf
    from desktop_app.printing import cups
    from desktop_app.printing.paper import SETTINGS_PAPERS, percent
    from desktop_app.printing.request import PrintedDocument, PrintRequest, parse_pages

    cups.require_cups()
    selection = parse_pages(args.pages)
    with cli_store(getattr(args, "db", None)):
        brief_id, title = one_brief(args.brief)
        data = load_brief(brief_id)
        settings = load_settings()
        target = cups.ready_printer(args.printer)
        paper = SETTINGS_PAPERS.get(settings.page_size, SETTINGS_PAPERS["a4"])
        other = target.paper if target.paper and not target.paper.same_size(paper) else None
        with tempfile.TemporaryDirectory(prefix="offload-print-") as folder:
            written = write_brief_pdf(data, Path(folder) / "brief.pdf", settings=settings)
            document = PrintedDocument(written.pages, paper, "brief")
            request = PrintRequest(
                title=data.title.strip() or "Brief",
                printer=target.name,
                selection=selection,
                copies=args.copies,
                paper=other if args.fit else None,
            )
            summary = request.summary(document)  # refuses pages outside the brief
            if other is not None and not args.fit:
                scale = percent(other.fit_scale(paper.width, paper.height))
                echo(
                    f"“{target.name}” is set to {other.name} paper; the brief is {paper.name} "
                    f"and prints at full size on {paper.name} (--fit fits it to "
                    f"{other.name}, at {scale})."
                )
            job = cups.send_pdf(written.path, request, document)
        record_version(brief_id, data, "Printed")
    echo(f"Sent “{title}” ({summary}) to {target.name} as job {job}.")
    return 0


def run_printers(args: argparse.Namespace) -> int:
    from desktop_app.printing import cups

    cups.require_cups()
    found = cups.printers()
    if not found:
        raise UserError("CUPS knows no printer: add one in your system's printer settings.")
    rows = []
    for each in found:
        state = "ready" if each.state != cups.STATE_PAUSED else "paused"
        if not each.accepting:
            state = "refusing jobs"
        if each.message:
            state += f": {each.message}"
        paper = each.paper.name if each.paper else "paper unknown"
        mark = "*" if each.is_default else " "
        rows.append((f"{mark} {each.name}", paper, state, each.description))
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
        echo("  ".join([*cells, row[3]]).rstrip())
    if any(each.is_default for each in found):
        echo("* the default printer")
    return 0
