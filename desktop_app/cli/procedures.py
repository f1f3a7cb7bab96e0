"""`offload import-procedure FILE.md --task NAME` and `offload export-procedure NAME OUT`.

offload import-procedure [--db PATH] [--replace] FILE.md --task "NAME"
offload export-procedure [--db PATH] "NAME" OUT.pdf|OUT.md
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.cli import add_db_option
from desktop_app.cli.common import cli_store, echo
from desktop_app.models.errors import UserError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    importer = subparsers.add_parser(
        "import-procedure",
        help="read a task's procedure from a Markdown file",
        description="Read a procedure (a # title, numbered or bulleted steps with their detail "
        "indented below, Check: and Link: lines, sections such as ## Tools and ## Done when) "
        "from FILE.md and make it the procedure of the time-audit task NAME.",
    )
    add_db_option(importer, in_subcommand=True)
    importer.add_argument("file", type=Path, metavar="FILE.md", help="the Markdown file to read")
    importer.add_argument(
        "--task", required=True, metavar="NAME", help="the task's name (case and accents ignored)"
    )
    importer.add_argument(
        "--replace",
        action="store_true",
        help="replace the task's procedure when it has one (without it, that is refused)",
    )
    importer.set_defaults(handler=run_import)

    exporter = subparsers.add_parser(
        "export-procedure",
        help="write a task's procedure as PDF or Markdown",
        description="Write the procedure of the task NAME (or the procedure titled NAME) to "
        "OUT.pdf or OUT.md. It is kept as a version of the procedure, to show what changed "
        "since it was sent.",
    )
    add_db_option(exporter, in_subcommand=True)
    exporter.add_argument("name", metavar="NAME", help="the task's name, or the procedure's title")
    exporter.add_argument("out", type=Path, metavar="OUT.pdf|OUT.md", help="the file to write")
    exporter.set_defaults(handler=run_export)


def run_import(args: argparse.Namespace) -> int:
    from desktop_app.importers.procedure_markdown import import_procedure_file
    from desktop_app.models.procedures import load_procedure
    from desktop_app.models.tasks import find_task_id

    path: Path = args.file.expanduser()
    with cli_store(getattr(args, "db", None)):
        task_id = find_task_id(args.task)
        if task_id is None:
            raise UserError(
                f"No task is called “{args.task}”. Use a task's name as the Time audit shows it."
            )
        imported = import_procedure_file(path, task_id, replace=args.replace)
        data = load_procedure(imported.procedure_id)
    steps = f"{len(data.steps)} step{'s' * (len(data.steps) != 1)}"
    replaced = " (the one it had is replaced)" if imported.replaced else ""
    echo(
        f"Imported “{data.shown_title}” ({steps}) as the procedure of “{data.task_name}”{replaced}."
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    from desktop_app.exporters.procedure_files import export_procedure
    from desktop_app.models.procedures import find_procedures

    out: Path = args.out.expanduser().resolve()
    if out.is_dir():
        raise UserError(f"{out} is a folder; give the name of the file to write.")
    with cli_store(getattr(args, "db", None)):
        matches = find_procedures(args.name)
        if not matches:
            raise UserError(f"No task called “{args.name}” has a procedure.")
        if len(matches) > 1:
            tasks = ", ".join(f"“{name}”" for _, name in matches)
            raise UserError(
                f"Procedures of {tasks} are titled “{args.name}”; give the task's name."
            )
        [(procedure_id, task_name)] = matches
        result = export_procedure(procedure_id, out)
    pages = f" ({result.pages} page{'s' * (result.pages != 1)})" if result.pages else ""
    echo(f"Exported the procedure of “{task_name}”{pages} to {out}.")
    return 0
