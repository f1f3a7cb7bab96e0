"""Procedures in and out of files: Markdown read and written (the round trip),
refusals with their reasons, the PDF read back, and the two subcommands."""

import re
import subprocess
from pathlib import Path

import pytest

from desktop_app.exporters.procedure_files import export_procedure
from desktop_app.exporters.procedure_markdown import procedure_markdown
from desktop_app.importers.procedure_markdown import (
    import_procedure_file,
    parse_procedure_markdown,
    read_procedure_markdown,
)
from desktop_app.models.briefs import BriefData, create_brief
from desktop_app.models.errors import UserError
from desktop_app.models.procedure_content import ProcedureData, StepData
from desktop_app.models.procedure_versions import procedure_versions
from desktop_app.models.procedures import create_procedure, load_procedure
from desktop_app.models.tasks import create_task
from desktop_app.pdf.brief import export_brief
from desktop_app.pdf.procedure import write_procedure_pdf
from tests.conftest import run_offload

SOP = """\
# Pack an order of printed planners

Every paper order leaves the same day it is paid, packed so it arrives flat.

## Tools and accounts

- Shopify admin (staff account "packing")
- Royal Mail Click & Drop

## Steps

1. Print the packing slip from [Shopify orders](https://admin.shopify.com/orders)
   Filter by "Unfulfilled" and "Paper".

   Check: one slip per order, the order number top right.
2. Pick the planners
   - wrap each in tissue
   - add the sticker sheet
   Link: https://loom.com/share/pick-and-wrap
   Check: items match the slip
3. Print the label and fulfil the order in Shopify
   Time: 2 min 30 s

## Done when

Every paid paper order is marked fulfilled and its parcel is in the post tray.
"""


def _without_ids(data: ProcedureData) -> ProcedureData:
    data.id = None
    data.task_id = None
    for step in data.steps:
        step.id = None
    return data


def test_a_markdown_sop_is_read_into_its_fields():
    data = parse_procedure_markdown(SOP)
    assert data.title == "Pack an order of printed planners"
    assert data.purpose.startswith("Every paper order leaves")
    assert data.tools == 'Shopify admin (staff account "packing")\nRoyal Mail Click & Drop'
    assert data.done_when.startswith("Every paid paper order")
    first, second, third = data.steps
    assert first.text == "Print the packing slip from Shopify orders"
    assert first.link == "https://admin.shopify.com/orders"  # the link in the line is kept
    assert first.detail == 'Filter by "Unfulfilled" and "Paper".'
    assert first.check == "one slip per order, the order number top right."
    assert second.detail == "- wrap each in tissue\n- add the sticker sheet"
    assert second.link == "https://loom.com/share/pick-and-wrap"
    assert third.seconds == 150


def test_bulleted_steps_without_sections_are_steps():
    data = parse_procedure_markdown("# Reply to reviews\n\n- Open Etsy reviews\n- Thank them\n")
    assert data.title == "Reply to reviews"
    assert [s.text for s in data.steps] == ["Open Etsy reviews", "Thank them"]


def test_numbers_in_a_code_block_are_not_steps():
    source = "# T\n\n```\n1. not a step\n```\n\n1. A real step\n"
    data = parse_procedure_markdown(source)
    assert [s.text for s in data.steps] == ["A real step"]
    assert "1. not a step" in data.purpose  # nothing dropped


def test_a_file_without_steps_is_refused_with_why():
    with pytest.raises(UserError, match="not a procedure: it has no steps"):
        parse_procedure_markdown("# Notes\n\nJust some thoughts about packing.\n", "notes.md")


def test_an_empty_step_is_refused_with_its_line():
    with pytest.raises(UserError, match=r"Step 2 \(line 4\) is empty"):
        parse_procedure_markdown("# T\n\n1. First\n2.\n3. Third\n")


def test_a_link_that_is_neither_web_nor_an_existing_file_is_refused(tmp_path):
    with pytest.raises(UserError, match=r"Step 1 \(line 1\).*neither a web address"):
        parse_procedure_markdown("1. Watch\n   Link: ftp://example.com/video\n")
    with pytest.raises(UserError, match="no file of that name exists"):
        parse_procedure_markdown("1. Watch [this](video.mp4)\n", base=tmp_path)
    (tmp_path / "video.mp4").write_bytes(b"\0")
    data = parse_procedure_markdown("1. Watch [this](video.mp4)\n", base=tmp_path)
    assert data.steps[0].link == str(tmp_path / "video.mp4")  # read from the file's folder


def test_a_file_over_1_mb_is_refused_with_its_size(tmp_path):
    path = tmp_path / "huge.md"
    path.write_text("1. Step\n" + "x" * (1024 * 1024), encoding="utf-8")
    with pytest.raises(UserError, match=r"huge.md is 1.0 MB \(1,048,584 bytes\).*at most 1 MB"):
        read_procedure_markdown(path)


def test_ten_thousand_steps_and_one_are_refused_with_the_count():
    source = "".join(f"- s{n}\n" for n in range(10_001))
    with pytest.raises(UserError, match="has 10,001 steps; a procedure can have at most 10,000"):
        parse_procedure_markdown(source, "many.md")


def test_a_binary_file_is_refused(tmp_path):
    path = tmp_path / "photo.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(UserError, match="binary"):
        read_procedure_markdown(path)


def test_markdown_round_trip_import_export_import_gives_the_same_procedure(store, tmp_path):
    task_id = create_task("Packing paper orders")
    source = tmp_path / "packing.md"
    source.write_text(SOP, encoding="utf-8")
    first = import_procedure_file(source, task_id)
    imported = _without_ids(load_procedure(first.procedure_id))

    exported = tmp_path / "exported.md"
    export_procedure(first.procedure_id, exported)
    again = _without_ids(parse_procedure_markdown(exported.read_text(encoding="utf-8")))
    again.task_name = imported.task_name
    assert again == imported


@pytest.mark.parametrize(
    "detail",
    [
        "Check: this line is detail, not the check",
        "Two paragraphs.\n\nThe second one, with  double  spaces.",
        "    indented code\n    kept as it is",
        "العربية and 日本語 in the detail",
    ],
)
def test_detail_that_looks_like_markdown_survives_the_round_trip(detail):
    data = ProcedureData(
        title="T", steps=[StepData("# Not a heading", detail=detail, check="c"), StepData("B")]
    )
    again = parse_procedure_markdown(procedure_markdown(data))
    assert [(s.text, s.detail, s.check) for s in again.steps] == [
        ("# Not a heading", detail, "c"),
        ("B", "", ""),
    ]


def _pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _procedure(task_id, steps=8):
    return create_procedure(
        task_id,
        ProcedureData(
            title="Close the month in Xero",
            purpose="Books that match the bank by the 10th.",
            tools="Xero\nShopify Payments",
            inputs="Bank statements",
            outputs="Month-end note",
            done_when="Every account reconciled to 0.00 and the note sent.",
            steps=[
                StepData(f"Step number {n}: do thing {n}", check=f"Proof {n} holds")
                for n in range(1, steps + 1)
            ],
        ),
    )


def test_the_brief_pdf_ends_with_the_procedures_appendix_steps_in_order(store, tmp_path):
    task_id = create_task("Bookkeeping")
    _procedure(task_id, steps=30)
    brief_id = create_brief(BriefData(title="Monthly bookkeeping"), task_ids=[task_id])
    out = tmp_path / "brief.pdf"
    export_brief(brief_id, out)
    text = _pdftotext(out)
    appendix = text[text.index("Appendix: how the work is done") :]
    assert "A. Close the month in Xero" in appendix
    assert "Purpose: Books that match the bank by the 10th." in appendix
    positions = [appendix.index(f"Step number {n}: do thing {n}") for n in range(1, 31)]
    assert positions == sorted(positions)
    # Each check is printed on its step's line, beside it.
    for n in (1, 17, 30):
        line = next(li for li in appendix.splitlines() if f"do thing {n}" in li)
        assert re.search(rf"Check: Proof {n} holds", line), line
    assert appendix.index("Done when:") > positions[-1]
    # Sending the brief kept the procedure's version.
    [version] = procedure_versions(load_procedure(1).id)
    assert version.exported_to == str(out)


def test_a_brief_without_procedures_has_no_appendix(store, tmp_path):
    task_id = create_task("Bookkeeping")
    brief_id = create_brief(BriefData(title="Monthly bookkeeping"), task_ids=[task_id])
    export_brief(brief_id, tmp_path / "brief.pdf")
    assert "Appendix" not in _pdftotext(tmp_path / "brief.pdf")


def test_a_step_taller_than_a_page_prints_across_pages(store, tmp_path):
    long_detail = "\n\n".join(f"Paragraph {n} " + "word " * 80 for n in range(40))
    data = ProcedureData(
        title="Long",
        steps=[
            StepData("First"),
            StepData("Second", detail=long_detail, check="ok"),
            StepData("Third"),
        ],
    )
    result = write_procedure_pdf(data, tmp_path / "long.pdf")
    assert result.pages >= 3
    text = " ".join(_pdftotext(tmp_path / "long.pdf").split())
    assert text.index("1. First") < text.index("Paragraph 39") < text.index("3. Third")


def test_import_and_export_procedure_subcommands(store, tmp_path):
    task_id = create_task("Packing paper orders")
    store.close()
    source = tmp_path / "packing.md"
    source.write_text(SOP, encoding="utf-8")
    db = str(store.path)
    result = run_offload(
        "import-procedure", "--db", db, str(source), "--task", "packing PAPER orders"
    )
    assert result.returncode == 0, result.stderr
    assert "Imported “Pack an order of printed planners” (3 steps)" in result.stdout

    again = run_offload(
        "import-procedure", "--db", db, str(source), "--task", "Packing paper orders"
    )
    assert again.returncode == 1
    assert "already has a procedure" in again.stderr

    pdf = tmp_path / "out.pdf"
    result = run_offload("export-procedure", "--db", db, "Packing paper orders", str(pdf))
    assert result.returncode == 0, result.stderr
    assert "Check: items match the slip" in _pdftotext(pdf)
    md = tmp_path / "out.md"
    result = run_offload(
        "export-procedure", "--db", db, "Pack an order of printed planners", str(md)
    )
    assert result.returncode == 0, result.stderr
    assert md.read_text(encoding="utf-8").startswith("# Pack an order of printed planners\n")

    for args, message in (
        (("import-procedure", "--db", db, str(source), "--task", "Nope"), "No task is called"),
        (("export-procedure", "--db", db, "Nope", str(md)), "No task called “Nope”"),
        (("export-procedure", "--db", db, "Packing paper orders", str(tmp_path / "x.doc")), ".md"),
    ):
        result = run_offload(*args)
        assert result.returncode == 1
        assert message in result.stderr
    assert task_id
