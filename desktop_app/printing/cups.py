"""The CUPS print service, through its own commands: `lp`, `lpstat`, `lpoptions`.

Why the commands and not pycups: they come with CUPS itself (Debian's
`cups-client`, every macOS), need nothing built against libcups, and
`lp` takes the very job options CUPS documents. Their output is read in
the C locale, so a German or Japanese desktop reads the same words.

A printer that is gone, paused or refusing jobs is refused before anything
is sent, with a sentence that says what to do; nothing is queued that
would come out later by surprise.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from desktop_app.models.errors import UserError
from desktop_app.printing.paper import Paper, paper_named
from desktop_app.printing.request import PrintedDocument, PrintRequest, lp_command

# CUPS answers a local request in milliseconds; a stuck service must not hang the window.
TIMEOUT_SECONDS = 30
COMMANDS = ("lp", "lpstat", "lpoptions")
STATE_IDLE, STATE_PRINTING, STATE_PAUSED = "idle", "printing", "paused"
_STATES = {"3": STATE_IDLE, "4": STATE_PRINTING, "5": STATE_PAUSED}


class CupsUnavailable(UserError):
    """There is no CUPS print service to talk to here."""


@dataclass(frozen=True)
class Printer:
    """A printer as CUPS knows it.

    Attributes:
        state: "idle", "printing" or "paused".
        accepting: False when the printer refuses new jobs.
        message: why it is paused or refusing, as CUPS was told ("" when none).
        paper: its default paper; None when CUPS does not say.
    """

    name: str
    description: str
    state: str
    accepting: bool
    message: str
    is_default: bool
    paper: Paper | None

    def problem(self) -> str | None:
        """Why nothing can be printed on it now, as a sentence; None when it can."""
        why = f" ({self.message})" if self.message else ""
        if not self.accepting:
            return f"The printer “{self.name}” is not accepting jobs{why}."
        if self.state == STATE_PAUSED:
            return f"The printer “{self.name}” is paused{why}."
        return None


def _not_installed(command: str) -> str:
    return f"CUPS is not installed here (no {command} command): there is no printer to print to."


def _run(
    arguments: list[str], timeout: float = TIMEOUT_SECONDS
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "LANGUAGE": "C"}
    try:
        return subprocess.run(
            arguments, capture_output=True, text=True, timeout=timeout, env=env, check=False
        )
    except FileNotFoundError as error:
        raise CupsUnavailable(_not_installed(arguments[0])) from error
    except subprocess.TimeoutExpired as error:
        raise UserError(
            f"The print service (CUPS) did not answer within {timeout:.0f} s; nothing was sent."
        ) from error


def cups_problem() -> str | None:
    """Why CUPS cannot be used here, in one sentence; None when it can."""
    for command in COMMANDS:
        if shutil.which(command) is None:
            return _not_installed(command)
    status = _run(["lpstat", "-r"])
    if status.returncode != 0 or "not running" in status.stdout:
        return "The CUPS print service is not running here: start it, or print from the window."
    return None


def require_cups() -> None:
    problem = cups_problem()
    if problem:
        raise CupsUnavailable(problem)


def printer_names() -> list[str]:
    """Every printer (and class) CUPS knows, in its order."""
    result = _run(["lpstat", "-e"])
    return [line.strip() for line in result.stdout.splitlines() if line.strip()]


def default_printer() -> str | None:
    """The printer `lp` prints to when none is named ($LPDEST, $PRINTER, lpoptions, the server)."""
    result = _run(["lpstat", "-d"])
    match = re.search(r"destination:\s*(\S+)", result.stdout)
    return match.group(1) if match else None


def _attributes(name: str) -> dict[str, str]:
    result = _run(["lpoptions", "-p", name])
    attributes: dict[str, str] = {}
    for token in shlex.split(result.stdout):
        key, _, value = token.partition("=")
        attributes[key] = value
    return attributes


def _default_paper(name: str, attributes: dict[str, str]) -> Paper | None:
    result = _run(["lpoptions", "-p", name, "-l"])
    for line in result.stdout.splitlines():
        if line.split("/", 1)[0] in ("PageSize", "media"):
            chosen = [word[1:] for word in line.split(":", 1)[-1].split() if word.startswith("*")]
            if chosen:
                return paper_named(chosen[0])
    if "media" in attributes:
        return paper_named(attributes["media"].split(",")[0])
    return None


def _message(name: str) -> str:
    """The reason CUPS gives, on the tab-indented lines under `lpstat -p NAME`."""
    result = _run(["lpstat", "-p", name])
    lines = [line.strip() for line in result.stdout.splitlines()[1:] if line.startswith("\t")]
    return " ".join(line for line in lines if line)


def printer(name: str) -> Printer | None:
    """What CUPS knows of the printer `name`; None when it has no such printer."""
    if name not in printer_names():
        return None
    return _describe(name, default_printer())


def _describe(name: str, default: str | None) -> Printer:
    attributes = _attributes(name)
    state = _STATES.get(attributes.get("printer-state", "3"), STATE_IDLE)
    accepting = attributes.get("printer-is-accepting-jobs", "true") != "false"
    return Printer(
        name=name,
        description=attributes.get("printer-info", "") or name,
        state=state,
        accepting=accepting,
        message=_message(name) if state == STATE_PAUSED or not accepting else "",
        is_default=name == default,
        paper=_default_paper(name, attributes),
    )


def printers() -> list[Printer]:
    """Every printer CUPS knows, with its state and paper (after require_cups())."""
    default = default_printer()
    return [_describe(name, default) for name in printer_names()]


def ready_printer(name: str | None) -> Printer:
    """The printer to send to (`name`, or the default one), refused when it cannot print.

    Raises UserError with a sentence saying what to do: no such printer,
    no default printer, paused, not accepting jobs.
    """
    require_cups()
    if not name:
        name = default_printer()
        if not name:
            raise UserError(
                "No default printer is set: name one (offload printers lists them) "
                "or choose a default in your system's printer settings."
            )
    found = printer(name)
    if found is None:
        raise UserError(
            f"CUPS has no printer “{name}” (removed, or renamed?): choose another printer; "
            "offload printers lists them. Nothing was sent."
        )
    problem = found.problem()
    if problem:
        raise UserError(
            f"{problem} Nothing was sent: resume it in your printer settings, "
            "or choose another printer."
        )
    return found


def _plain_named(pdf: Path, folder: Path) -> Path:
    """`pdf` under a name without white space: a link to it in `folder` when needed.

    `lp` sends the file's name as the job's document-name, and the CUPS
    daemon of Debian 12 (2.4.2-3+deb12u10) crashes on a document-name with a
    space in it, taking every queued job with it. The title (`lp -t`) is
    what print queues show, so the file's own name can be plain.
    """
    if not re.search(r"\s", pdf.name):
        return pdf
    plain = folder / re.sub(r"\s+", "_", pdf.name)
    try:
        plain.symlink_to(pdf.resolve())
    except OSError:  # no symbolic links here (some Windows set-ups): a copy
        shutil.copyfile(pdf, plain)
    return plain


def send_pdf(pdf: Path, request: PrintRequest, document: PrintedDocument) -> str:
    """Print `pdf` as it is through CUPS; returns the job's id ("Office-42").

    The request is checked first (pages outside the document, copies) and
    the printer too (ready_printer): a refused job sends nothing.
    """
    request.checked(document)
    target = ready_printer(request.printer)
    with tempfile.TemporaryDirectory(prefix="offload-lp-") as folder:
        sent = _plain_named(pdf, Path(folder))
        result = _run(lp_command(replace(request, printer=target.name), document, sent))
    if result.returncode != 0:
        reason = result.stderr.strip().removeprefix("lp:").strip().removeprefix("Error -").strip()
        raise UserError(
            f"CUPS refused the job for “{target.name}”: {reason or 'no reason given'} "
            "Nothing was sent."
        )
    match = re.search(r"request id is (\S+)", result.stdout)
    return match.group(1) if match else target.name
