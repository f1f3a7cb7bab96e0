"""A procedure's content as plain data, with the one check of each value.

A procedure is how one time-audit task is done: a purpose line, numbered
steps (each with optional detail, a link and a "check": how to tell the
step was done right), the tools and accounts it needs (names only, never
passwords), its inputs and outputs, and when the task counts as done.

`ProcedureData` is what the editor shows, the PDF prints, the clarity
check reads, a version keeps and the Markdown file holds. No database, no
Qt: `procedures.py` stores it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from desktop_app.models.errors import ValidationError
from desktop_app.models.formats import integer
from desktop_app.models.i18n import _
from desktop_app.models.secret_check import refuse_secret

TITLE_MAX_LENGTH = 200
STEP_TEXT_MAX_LENGTH = 500
STEP_DETAIL_MAX_LENGTH = 10_000
STEP_CHECK_MAX_LENGTH = 1_000
LINK_MAX_LENGTH = 2_000
TEXT_MAX_LENGTH = 20_000
MAX_STEPS = 10_000
# A recorded step longer than a working day was left running.
MAX_STEP_SECONDS = 24 * 60 * 60

# The procedure's own fields (steps apart), with their labels: the editor,
# the PDF, the Markdown sections and the change list all read them here.
PROCEDURE_FIELDS: tuple[tuple[str, str], ...] = (
    ("title", "Title"),
    ("purpose", "Purpose"),
    ("tools", "Tools and accounts"),
    ("inputs", "Inputs"),
    ("outputs", "Outputs"),
    ("done_when", "Done when"),
)
FIELD_LABELS = dict(PROCEDURE_FIELDS)
# One item a line.
LIST_FIELDS = ("tools", "inputs", "outputs")

STEP_FIELDS: tuple[tuple[str, str], ...] = (
    ("text", "Step"),
    ("detail", "Detail"),
    ("link", "Link"),
    ("check", "Check"),
)


@dataclass
class StepData:
    """One step: what to do, and how to tell it was done right."""

    text: str
    detail: str = ""
    link: str = ""
    check: str = ""
    # Seconds the owner took on it in a guided recording, if recorded.
    seconds: int | None = None
    id: int | None = None


@dataclass
class ProcedureData:
    """A procedure's content, detached from the database."""

    title: str = ""
    purpose: str = ""
    tools: str = ""  # one tool or account a line: names only
    inputs: str = ""  # one a line
    outputs: str = ""  # one a line
    done_when: str = ""
    steps: list[StepData] = field(default_factory=list)
    # The time-audit task it belongs to (for reading, not matching).
    task_name: str = ""
    task_id: int | None = None
    id: int | None = None

    def fields(self) -> dict[str, str]:
        """The procedure's own fields (no steps), by name."""
        return {name: getattr(self, name) for name, _ in PROCEDURE_FIELDS}

    @property
    def shown_title(self) -> str:
        """The title, or the task's name when it has none."""
        return self.title.strip() or self.task_name.strip() or "Procedure"

    @property
    def recorded_seconds(self) -> int | None:
        """The seconds of every recorded step, or None when none was recorded."""
        recorded = [step.seconds for step in self.steps if step.seconds is not None]
        return sum(recorded) if recorded else None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (what a version keeps)."""
        return {
            **self.fields(),
            "steps": [
                {
                    "text": step.text,
                    "detail": step.detail,
                    "link": step.link,
                    "check": step.check,
                }
                | ({"seconds": step.seconds} if step.seconds is not None else {})
                | ({"id": step.id} if step.id is not None else {})
                for step in self.steps
            ],
            "task_name": self.task_name,
        }


def list_items(value: str) -> list[str]:
    """The items of a one-per-line field, without the list marks people type."""
    items = []
    for line in value.splitlines():
        item = line.strip()
        if item[:2] in ("- ", "* ", "• ", "– ", "+ "):
            item = item[2:].strip()
        if item:
            items.append(item)
    return items


def _too_long(label: str, value: str, limit: int, name: str) -> None:
    if len(value) > limit:
        raise ValidationError(
            _("{field} can be at most {limit} characters (this is {length}).").format(
                field=_(label), limit=integer(limit), length=integer(len(value))
            ),
            name,
        )


def clean_procedure_field(name: str, value: Any) -> str:
    """`value` checked for the procedure field `name`; ValidationError if refused."""
    if name not in FIELD_LABELS:
        raise ValidationError(_("A procedure has no field “{name}”.").format(name=name), name)
    text = "" if value is None else str(value)
    label = FIELD_LABELS[name]
    if name == "title":
        text = " ".join(text.split("\n"))
        _too_long(label, text, TITLE_MAX_LENGTH, name)
        return text
    _too_long(label, text, TEXT_MAX_LENGTH, name)
    if name == "tools":
        refuse_secret(text, name)
    return text


def check_link(value: str, base: Path | None = None) -> str:
    """A step's link: an http(s) address, or the path of a file that exists.

    `base` is the folder a relative path is read from (a Markdown file's);
    a relative file link comes back absolute. Anything else raises
    ValidationError saying why.
    """
    link = value.strip()
    if not link:
        return ""
    if len(link) > LINK_MAX_LENGTH:
        raise ValidationError(
            _("A link can be at most {limit} characters (this is {length}).").format(
                limit=integer(LINK_MAX_LENGTH), length=integer(len(link))
            ),
            "link",
        )
    parts = urlsplit(link)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        if not parts.netloc or any(char.isspace() for char in link):
            raise ValidationError(
                _("“{link}” is not a complete web address.").format(link=link), "link"
            )
        return link
    if scheme == "file":
        link = parts.path
    elif len(scheme) > 1:
        # "mailto:", "ftp:", "javascript:"... (a one-letter scheme is a Windows drive).
        raise ValidationError(
            _(
                "“{link}” is neither a web address (http:// or https://) nor a file. Link a "
                "screen recording or a document on the web, or a file on this computer."
            ).format(link=link),
            "link",
        )
    path = Path(link).expanduser()
    if not path.is_absolute() and base is not None:
        path = base / path
    if not path.is_file():
        raise ValidationError(
            _(
                "“{value}” is not a web address (http:// or https://) and no file of that name "
                "exists."
            ).format(value=value.strip()),
            "link",
        )
    return str(path.resolve())


def clean_step(name: str, value: Any, base: Path | None = None) -> Any:
    """A value for the step field `name` (text, detail, link, check, seconds), checked."""
    if name == "seconds":
        if value is None or value == "":
            return None
        try:
            seconds = int(value)
        except (TypeError, ValueError):
            raise ValidationError(
                _("A step's time must be a whole number of seconds."), name
            ) from None
        if not 0 <= seconds <= MAX_STEP_SECONDS:
            raise ValidationError(_("A step's time must be from 0 to 24 hours."), name)
        return seconds
    text = "" if value is None else str(value)
    if name == "text":
        text = " ".join(text.split())
        if not text:
            raise ValidationError(_("A step needs some text: what to do."), name)
        _too_long("A step", text, STEP_TEXT_MAX_LENGTH, name)
        return text
    if name == "detail":
        _too_long("A step's detail", text, STEP_DETAIL_MAX_LENGTH, name)
        return text
    if name == "check":
        _too_long("A step's check", text, STEP_CHECK_MAX_LENGTH, name)
        return text
    if name == "link":
        return check_link(text, base)
    raise ValidationError(_("A step has no field “{name}”.").format(name=name), name)


def clean_step_data(step: StepData, base: Path | None = None) -> StepData:
    """`step` with each field checked (ValidationError names the field)."""
    return StepData(
        text=clean_step("text", step.text),
        detail=clean_step("detail", step.detail),
        link=clean_step("link", step.link, base),
        check=clean_step("check", step.check),
        seconds=clean_step("seconds", step.seconds),
        id=step.id,
    )


def procedure_data_from_json(raw: Any) -> ProcedureData:
    """ProcedureData from a stored version's JSON (links are not re-checked:
    a version keeps what was sent, even if the file has gone since)."""
    if not isinstance(raw, Mapping):
        raise ValidationError(_("The procedure must be a JSON object of fields."))
    # The text fields by name (the checker cannot tell them from task_id and id).
    values: dict[str, Any] = {
        name: clean_procedure_field(name, raw.get(name, "")) for name, _ in PROCEDURE_FIELDS
    }
    steps_raw = raw.get("steps", [])
    if not isinstance(steps_raw, list):
        raise ValidationError(_("“steps” must be a list."), "steps")
    steps = []
    for number, item in enumerate(steps_raw, start=1):
        if not isinstance(item, Mapping):
            raise ValidationError(
                _("Step {number} must be an object.").format(number=number), "steps"
            )
        steps.append(
            StepData(
                text=str(item.get("text", "")),
                detail=str(item.get("detail", "")),
                link=str(item.get("link", "")),
                check=str(item.get("check", "")),
                seconds=item.get("seconds") if isinstance(item.get("seconds"), int) else None,
                id=item.get("id") if isinstance(item.get("id"), int) else None,
            )
        )
    return ProcedureData(**values, steps=steps, task_name=str(raw.get("task_name", "")))


def duration_text(seconds: int) -> str:
    """ "45 s", "12 min", "1 h 05 min": a step's or a procedure's time."""
    if seconds < 60:
        return _("{seconds} s").format(seconds=integer(seconds))
    minutes = round(seconds / 60)
    if minutes < 60:
        return _("{minutes} min").format(minutes=integer(minutes))
    return _("{hours} h {minutes} min").format(
        hours=integer(minutes // 60), minutes=f"{minutes % 60:02d}"
    )
