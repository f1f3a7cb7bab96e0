"""`offload import-contractors FILE` (.csv or .vcf) and `offload export-contractors OUT.csv`.

The import checks every row first, prints the ones it refuses with their
reason, then writes the rest in one transaction. A row matching a
contractor already on the bench (same e-mail, phone, website or name) is skipped
unless --duplicates says to merge it or add it anyway.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.backup import Reason
from desktop_app.cli import add_db_option
from desktop_app.cli.common import add_output_arguments, cli_store, echo, output_file
from desktop_app.models.errors import UserError
from desktop_app.store import Access

VCARD_SUFFIXES = (".vcf", ".vcard")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    importer = subparsers.add_parser(
        "import-contractors",
        help="add contractors from a CSV or vCard (.vcf) file",
        description="Add contractors from a CSV spreadsheet (columns are matched by their "
        "headers: Name, E-mail, Phone, Website, Skills, Rate, Source, Stage, …) or from a "
        "vCard file (2.1, 3.0 or 4.0), including the contacts exports of Google Contacts, "
        "Outlook and LinkedIn. Rows that cannot be read are listed and not imported; the "
        "rest go in together or not at all.",
    )
    add_db_option(importer, in_subcommand=True)
    importer.add_argument("file", type=Path, metavar="FILE", help="a .csv or .vcf file")
    importer.add_argument(
        "--duplicates",
        choices=("skip", "merge", "add"),
        default="skip",
        help="what to do with a row whose e-mail, phone, website or name matches a contractor "
        "already on the bench: skip it (default), merge it into that contractor, or add it",
    )
    importer.set_defaults(handler=run_import)

    exporter = subparsers.add_parser(
        "export-contractors",
        help="write every contractor to a CSV file",
        description="Write every contractor to OUT.csv (UTF-8, opens in any spreadsheet; "
        "import-contractors reads it back).",
    )
    add_db_option(exporter, in_subcommand=True)
    add_output_arguments(exporter, "OUT.csv", "the CSV file to write")
    exporter.set_defaults(handler=run_export)


def run_import(args: argparse.Namespace) -> int:
    from desktop_app.importers.contractor_records import run_plan
    from desktop_app.models.contractors import OnDuplicate

    path: Path = args.file.expanduser()
    if not path.is_file():
        raise UserError(f"{path} does not exist or is not a file.")
    with cli_store(getattr(args, "db", None), create=True) as store:
        if path.suffix.lower() in VCARD_SUFFIXES:
            from desktop_app.importers.vcard import plan_vcard_file

            plan = plan_vcard_file(path)
        else:
            from desktop_app.importers.contractors_csv import plan_csv_file

            plan = plan_csv_file(path)
        for note in plan.notes:
            echo(note)
        for label, reason in plan.refused:
            echo(f"refused {label}: {reason}")
        for record in plan.partly_read:
            echo(f"kept {record.label} ({record.values['name']}): {record.unread_text()}")
        if plan.records:
            store.back_up(Reason.IMPORT)
        outcome = run_plan(plan, OnDuplicate(args.duplicates))
    for label, name, duplicates in outcome.skipped:
        matches = "; ".join(d.describe() for d in duplicates)
        echo(f"skipped {label} ({name}): already on the bench as {matches}")
    echo(f"Imported {path.name}: {outcome.summary()}; {len(plan.refused)} refused.")
    if outcome.skipped:
        echo("Use --duplicates merge to merge skipped rows into the matching contractors.")
    return 1 if plan.refused and not plan.records else 0


def run_export(args: argparse.Namespace) -> int:
    from desktop_app.exporters.contractors_csv import export_contractors_csv

    out = output_file(args)
    with cli_store(getattr(args, "db", None), access=Access.READ):
        count = export_contractors_csv(out)
    echo(f"Exported {count} contractors to {out}.")
    return 0
