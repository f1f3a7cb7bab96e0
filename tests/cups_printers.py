"""The CUPS test printers (.ci/cups-test-printers.sh) and what they printed.

Tests that print for real use `needs_cups` and the `cups_printers` fixture
(conftest.py).
When the printers are missing, this module runs the set-up script if it can
(as root, with cupsd installed): CI does so before `make test` anyway. Where
CUPS cannot be had, those tests are skipped with the reason in capitals,
except where OFFLOAD_REQUIRE_CUPS is set (CI): there they fail.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SETUP = REPO / ".ci" / "cups-test-printers.sh"
CONF = Path("/etc/cups/cups-pdf-offload.conf")
A4_PRINTER = "Offload_Test_A4"
LETTER_PRINTER = "Offload_Test_Letter"
PAUSED_PRINTER = "Offload_Test_Paused"
REFUSING_PRINTER = "Offload_Test_Refusing"
PRINTERS = (A4_PRINTER, LETTER_PRINTER, PAUSED_PRINTER, REFUSING_PRINTER)
# Ghostscript behind cups-pdf takes about a second a job; a loaded machine more.
JOB_TIMEOUT = 90


def _c_locale(*command: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


def _printers_present() -> bool:
    if shutil.which("lpstat") is None:
        return False
    return set(PRINTERS) <= set(_c_locale("lpstat", "-e").stdout.split())


def _find_printers() -> str | None:
    """None when the test printers are there; otherwise why not."""
    if shutil.which("lpstat") is None or shutil.which("lp") is None:
        return "cups-client is not installed (no lp, lpstat)"
    if _printers_present():
        return None
    if os.geteuid() != 0:
        return f"the CUPS test printers are missing; run sudo {SETUP}"
    result = _c_locale(str(SETUP))
    if result.returncode != 0 or not _printers_present():
        return f"{SETUP} failed: {result.stderr.strip() or result.stdout.strip()}"
    return None


CUPS_MISSING = _find_printers()

# A test that prints through the test printers: `make test-fast` leaves it
# out, and conftest.py skips it, saying why, where the printers are missing.
needs_cups = pytest.mark.cups
skip_without_cups = pytest.mark.skipif(
    CUPS_MISSING is not None and not os.environ.get("OFFLOAD_REQUIRE_CUPS"),
    reason=f"PRINTING THROUGH CUPS IS NOT TESTED HERE: {CUPS_MISSING}",
)


def out_folder() -> Path:
    """Where cups-pdf writes, as its configuration says."""
    for line in CONF.read_text().splitlines():
        if line.startswith("Out "):
            return Path(line.split(None, 1)[1].strip())
    raise AssertionError(f"{CONF} names no Out folder")


def require_printers() -> Path:
    """The test printers' output folder; fails (never skips) when they are missing.

    The `cups_printers` fixture of conftest.py."""
    if CUPS_MISSING is not None:
        pytest.fail(f"CUPS test printers missing: {CUPS_MISSING}")
    return out_folder()


def job_number(job_id: str) -> int:
    return int(job_id.rsplit("-", 1)[1])


def printed_pdf(job_id: str) -> Path:
    """The PDF cups-pdf wrote for the job `job_id` ("Offload_Test_A4-12"), once done.

    Polls CUPS's list of completed jobs (no fixed sleep); fails with the job's
    state when it does not complete in time.
    """
    printer, number = job_id.rsplit("-", 1)
    deadline = time.monotonic() + JOB_TIMEOUT
    while time.monotonic() < deadline:
        done = _c_locale("lpstat", "-W", "completed", "-o", printer).stdout
        if re.search(rf"^{re.escape(job_id)}\s", done, re.MULTILINE):
            found = list(out_folder().glob(f"*job_{number}.pdf"))
            if found:
                return found[0]
        if "scheduler is running" not in _c_locale("lpstat", "-r").stdout:
            # Waiting out the timeout would hide the cause: the daemon is gone.
            raise AssertionError(f"the CUPS daemon stopped while job {job_id} was printing")
        time.sleep(0.1)
    state = _c_locale("lpstat", "-W", "all", "-o", printer).stdout
    raise AssertionError(f"job {job_id} did not print within {JOB_TIMEOUT} s:\n{state}")


def latest_job(printer: str) -> int:
    """The number of the last job sent to `printer` (0 when none): a job sent
    without telling its id (Qt's own) is the first one above it."""
    listed = _c_locale("lpstat", "-W", "all", "-o", printer).stdout
    numbers = re.findall(rf"^{re.escape(printer)}-(\d+)\s", listed, re.MULTILINE)
    return max(map(int, numbers), default=0)


def job_attributes(job_id: str) -> dict[str, str]:
    """The job's IPP attributes as CUPS kept them (copies, collate, sides, media...)."""
    number = job_number(job_id)
    result = _c_locale(
        "ipptool", "-t", "-v", f"ipp://localhost/jobs/{number}", "get-job-attributes.test"
    )
    attributes = {}
    for line in result.stdout.splitlines():
        match = re.match(r"\s+([a-z0-9-]+) \([^)]*\) = (.*)$", line)
        if match:
            attributes[match.group(1)] = match.group(2).strip()
    return attributes


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)
