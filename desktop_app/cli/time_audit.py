"""`offload import-time FILE` and `offload export-tasks OUT.csv`: the time audit, scripted.

offload import-time [--db PATH] [--dry-run] [--task-from COLUMN] [--date-order ORDER] FILE
offload export-tasks [--db PATH] [--month YYYY-MM] OUT.csv
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from desktop_app.backup import Reason
from desktop_app.cli import add_db_option
from desktop_app.cli.common import add_output_arguments, cli_store, echo, output_file
from desktop_app.models.errors import UserError
from desktop_app.store import Access


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    importer = subparsers.add_parser(
        "import-time",
        help="import a Toggl Track, Clockify or Harvest detailed CSV report",
        description="Read a detailed time report exported as CSV from Toggl Track, Clockify or "
        "Harvest, print what it holds, then import it in one transaction. Tasks are matched by "
        "name (case and accents ignored); rows imported before are skipped.",
    )
    add_db_option(importer, in_subcommand=True)
    importer.add_argument("file", type=Path, metavar="FILE", help="the CSV file to import")
    importer.add_argument(
        "--dry-run",
        action="store_true",
        help="only print the preview; import nothing (the database is only read)",
    )
    importer.add_argument(
        "--task-from",
        choices=("auto", "description", "task", "project"),
        default="auto",
        help="the column that names each row's task (default: the best one for the file)",
    )
    importer.add_argument(
        "--date-order",
        choices=("auto", "dmy", "mdy"),
        default="auto",
        help="day first (dmy) or month first (mdy) for dates like 03/04/2025 "
        "(default: tell from the file)",
    )
    importer.set_defaults(handler=run_import)

    exporter = subparsers.add_parser(
        "export-tasks",
        help="write the tasks with their hours for a month to CSV",
        description="Write one row per task with its hours for the month, candidate, score "
        "and buy-back, as CSV.",
    )
    add_db_option(exporter, in_subcommand=True)
    add_output_arguments(exporter, "OUT.csv", "the CSV file to write")
    exporter.add_argument(
        "--month",
        metavar="YYYY-MM",
        help="the month whose hours to write (default: this month, or the latest month "
        "with entries when this one has none)",
    )
    exporter.set_defaults(handler=run_export)


def run_import(args: argparse.Namespace) -> int:
    from desktop_app.importers.time_tracking import DateOrder, TaskNameFrom, preview_file
    from desktop_app.models.tasks import import_time_entries
    from desktop_app.models.text import count_of

    path: Path = args.file.expanduser()
    # A dry run only reads: it never creates, upgrades or locks the database.
    access = Access.READ if args.dry_run else Access.WRITE
    with cli_store(getattr(args, "db", None), access=access, create=not args.dry_run) as store:
        preview = preview_file(path, TaskNameFrom(args.task_from), DateOrder(args.date_order))
        for line in preview.summary_lines():
            echo(line)
        for task in preview.new_tasks[:20]:
            echo(f"  new task: {task.name} ({task.minutes / 60:.1f} h)")
        if len(preview.new_tasks) > 20:
            echo(f"  … and {len(preview.new_tasks) - 20} more new tasks")
        for row in preview.refused:
            echo(f"  line {row.line}: {row.reason}")
        if args.dry_run:
            echo("Dry run: nothing was imported.")
            return 0
        if not preview.entries:
            if preview.duplicates:
                echo("Nothing new to import: the rows it can read were imported before.")
                return 0
            raise UserError(f"Nothing could be imported from {path.name}.")
        store.back_up(Reason.IMPORT)
        outcome = import_time_entries(preview.entries)
    echo(
        f"Imported {count_of(len(outcome.entry_ids), 'time entry', 'time entries')} "
        f"({preview.total_minutes / 60:.1f} h) "
        f"and created {count_of(len(outcome.task_ids), 'new task')}."
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    from desktop_app.exporters.tasks_csv import export_tasks_csv
    from desktop_app.models.tasks import audit_month, parse_month

    month = parse_month(args.month) if args.month else None
    out = output_file(args)
    with cli_store(getattr(args, "db", None), access=Access.READ):
        month = month or audit_month(date.today())
        count = export_tasks_csv(out, month)
    echo(f"Wrote {count} task{'' if count == 1 else 's'} with hours for {month:%B %Y} to {out}.")
    return 0
