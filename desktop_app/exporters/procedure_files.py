"""A procedure sent on its own: as Markdown (to keep elsewhere, to edit) or
as PDF (to hand to a contractor), chosen by the file's extension."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app.exporters.procedure_markdown import write_procedure_markdown
from desktop_app.models.errors import UserError
from desktop_app.models.procedure_versions import record_procedure_sent
from desktop_app.models.procedures import load_procedure, owner_time, owner_time_text

FORMATS = (".md", ".pdf")


@dataclass(frozen=True)
class ExportedProcedure:
    """What was written: the file, its pages (PDF) and the version kept."""

    path: Path
    pages: int | None
    version_id: int | None


def export_procedure(
    procedure_id: int, destination: Path, *, keep_version: bool = True
) -> ExportedProcedure:
    """Write the procedure to `destination` (.md or .pdf); keep it as a version.

    Raises UserError for another extension or a folder that cannot be
    written; then nothing is recorded and an existing file is left as it was.
    """
    suffix = destination.suffix.lower()
    if suffix not in FORMATS:
        raise UserError(
            f"{destination.name}: write the procedure to a .md (Markdown) or a .pdf file."
        )
    data = load_procedure(procedure_id)
    pages = None
    if suffix == ".md":
        write_procedure_markdown(data, destination)
    else:
        # ReportLab loads only when a PDF is written.
        from desktop_app.pdf.procedure import write_procedure_pdf

        time = owner_time(data.task_id) if data.task_id is not None else None
        pages = write_procedure_pdf(data, destination, owner_time=owner_time_text(time)).pages
    version_id = (
        record_procedure_sent(procedure_id, data, str(destination)) if keep_version else None
    )
    return ExportedProcedure(destination, pages, version_id)
