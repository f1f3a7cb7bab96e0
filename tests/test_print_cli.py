"""`offload print-brief` and `offload printers`, run as a user runs them, printing
to the CUPS test printers and reading back what they wrote."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from desktop_app.models.briefs import BriefData, ExpectationData, create_brief, versions_of
from desktop_app.store import open_store
from tests.conftest import run_offload
from tests.cups_printers import (
    A4_PRINTER,
    LETTER_PRINTER,
    PAUSED_PRINTER,
    REFUSING_PRINTER,
    needs_cups,
    pdf_text,
    printed_pdf,
)


def _three_page_brief(title: str = "Support inbox") -> int:
    reporting = "reconcile and report " * 8
    return create_brief(
        BriefData(
            title=title,
            summary="Answer customers.",
            expectations=[
                ExpectationData(f"Expectation {n}: {reporting}", "should", "Checked")
                for n in range(22)
            ],
        )
    )


def _job(stdout: str) -> str:
    match = re.search(r"as job (\S+)\.$", stdout.strip())
    assert match, stdout
    return match.group(1)


def _versions(store, brief_id):
    reopened = open_store(store.path)
    try:
        return [version.exported_to for version in versions_of(brief_id)]
    finally:
        reopened.close()


def _size(path):
    return [round(float(x)) for x in PdfReader(path).pages[0].mediabox[2:]]


@needs_cups
def test_pages_2_to_2_of_a_three_page_brief_print_one_vector_page(store, cups_printers):
    brief_id = _three_page_brief()
    store.close()
    result = run_offload(
        "print-brief", "--db", str(store.path), str(brief_id), "--printer", A4_PRINTER,
        "--pages", "2-2",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Sent “Support inbox” (page 2 of 3, A4) to {A4_PRINTER}")
    printed = printed_pdf(_job(result.stdout))
    assert len(PdfReader(printed).pages) == 1
    text = pdf_text(printed)
    assert "Page 2 of 3" in text and "Expectation" in text  # extractable: vector, not an image
    assert _size(printed) == [595, 842]
    assert _versions(store, brief_id) == ["Printed"]
    printed.unlink()


@needs_cups
def test_copies_to_the_default_printer_by_title(store, cups_printers):
    brief_id = _three_page_brief("Café bookkeeping")
    store.close()
    result = run_offload(
        "print-brief", "--db", str(store.path), "CAFE BOOKKEEPING", "--copies", "2",
        "--pages", "1,3", env={"LPDEST": A4_PRINTER},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "(pages 1,3 of 3, 2 copies, A4)" in result.stdout
    printed = printed_pdf(_job(result.stdout))
    footers = re.findall(r"Page \d of 3", pdf_text(printed))
    assert footers == ["Page 1 of 3", "Page 3 of 3"] * 2
    assert _versions(store, brief_id) == ["Printed"]
    printed.unlink()


@needs_cups
def test_a_letter_printer_is_named_and_the_brief_keeps_its_a4_unless_fitted(store, cups_printers):
    brief_id = _three_page_brief()
    store.close()
    args = ("print-brief", "--db", str(store.path), str(brief_id), "--printer", LETTER_PRINTER)
    own = run_offload(*args, "--pages", "1")
    assert own.returncode == 0, own.stderr
    first, second = own.stdout.strip().splitlines()
    assert first == (
        f"“{LETTER_PRINTER}” is set to US Letter paper; the brief is A4 and prints at full "
        "size on A4 (--fit fits it to US Letter, at 94 %)."
    )
    fitted = run_offload(*args, "--pages", "1", "--fit")
    assert fitted.returncode == 0, fitted.stderr
    assert "(page 1 of 3, fitted to US Letter (94 %))" in fitted.stdout
    own_pdf, fitted_pdf = printed_pdf(_job(second)), printed_pdf(_job(fitted.stdout))
    assert _size(own_pdf) == [595, 842]
    assert _size(fitted_pdf) == [612, 792]
    assert "Page 1 of 3" in pdf_text(fitted_pdf)  # the whole page, footer included
    own_pdf.unlink()
    fitted_pdf.unlink()


@needs_cups
@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--printer", A4_PRINTER, "--pages", "4-5"), "Pages 4–5 are not in the brief: it has 3"),
        (("--printer", A4_PRINTER, "--pages", "two"), "“two” is not a page range"),
        (("--printer", A4_PRINTER, "--copies", "0"), "Give between 1 and 999 copies."),
        (("--printer", "Offload_Test_Gone"), "CUPS has no printer “Offload_Test_Gone”"),
        (("--printer", PAUSED_PRINTER), "is paused (Out of toner). Nothing was sent"),
        (("--printer", REFUSING_PRINTER), "is not accepting jobs (Tray removed)."),
    ],
)
def test_what_cannot_print_is_one_line_and_nothing_is_sent_or_kept(
    store, cups_printers, options, message
):
    brief_id = _three_page_brief()
    store.close()
    result = run_offload("print-brief", "--db", str(store.path), str(brief_id), *options)
    assert result.returncode == 1
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("offload print-brief: ") and message in line
    assert _versions(store, brief_id) == []


@needs_cups
def test_printers_lists_state_paper_and_the_default(cups_printers):
    result = run_offload("printers", env={"LPDEST": LETTER_PRINTER})
    assert result.returncode == 0, result.stderr
    lines = {line.lstrip("* ").split()[0]: line for line in result.stdout.splitlines()}
    assert re.match(rf"\* {LETTER_PRINTER}\s+US Letter\s+ready", lines[LETTER_PRINTER])
    assert re.match(rf"  {A4_PRINTER}\s+A4\s+ready", lines[A4_PRINTER])
    assert "paused: Out of toner" in lines[PAUSED_PRINTER]
    assert "refusing jobs: Tray removed" in lines[REFUSING_PRINTER]
    assert result.stdout.strip().endswith("* the default printer")


def test_without_cups_both_commands_say_so_in_one_line(store, tmp_path):
    brief_id = _three_page_brief()
    store.close()
    no_cups = {"PATH": str(tmp_path)}  # no lp, no lpstat
    for args in (("printers",), ("print-brief", "--db", str(store.path), str(brief_id))):
        result = run_offload(*args, env=no_cups)
        assert result.returncode == 1
        assert result.stderr == (
            f"offload {args[0]}: CUPS is not installed here (no lp command): "
            "there is no printer to print to.\n"
        )
    assert _versions(store, brief_id) == []


@needs_cups
def test_printing_from_the_command_line_loads_no_qt_gui_or_widgets(store, cups_printers):
    import subprocess
    import sys

    brief_id = _three_page_brief()
    store.close()
    code = (
        "import sys\n"
        "from desktop_app.cli import main\n"
        f"status = main(['print-brief', '--db', {str(store.path)!r}, '{brief_id}',\n"
        f"               '--printer', '{A4_PRINTER}', '--pages', '1'])\n"
        "print([m for m in sys.modules if m.startswith('PySide6.Qt') and m != 'PySide6.QtCore'])\n"
        "print(status)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    *said, modules, status = result.stdout.strip().splitlines()
    assert (modules, status) == ("[]", "0"), result.stderr
    printed_pdf(_job(said[-1])).unlink()
