"""Brief templates: the ones Offload ships and the owner's own.

A template is a JSON object:

    {
      "offload_template": 1,
      "name": "Monthly bookkeeping",
      "description": "One line saying what job it is for.",
      "brief": {"title": ..., "summary": ..., "expectations": [{"text", "level", "measure"}], ...}
    }

"brief" holds the fields of a brief (see `BriefData.to_json`); missing
fields take their defaults. The shipped templates live in
resources/templates/*.json (the caller hands their folder in: models/ never
looks for files), each translated in resources/templates/<language>/ under
the same file name: the owner sees them in the app's language, and a brief
made from a translated one is written in that language; the owner's own are stored in the database
(`BriefTemplate.content`) in the same shape. A file that is not such an
object is refused with a message that says where it is broken.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path

from desktop_app.models.base import database
from desktop_app.models.brief_vocabulary import BriefData, BriefStatus, brief_data_from_json
from desktop_app.models.briefs import BriefTemplate
from desktop_app.models.errors import UserError, ValidationError
from desktop_app.models.i18n import _, current_language
from desktop_app.models.rows import delete_from
from desktop_app.models.snapshots import RowSnapshot, delete_with_snapshot
from desktop_app.models.text import fold

FORMAT_VERSION = 1
NAME_MAX_LENGTH = 200


class TemplateError(UserError):
    """A template that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Template:
    """A brief to start from.

    Attributes:
        key: "shipped:<file stem>" or "own:<id>", unique among templates.
        own_id: the BriefTemplate id of the owner's own templates.
    """

    key: str
    name: str
    description: str
    data: BriefData
    own_id: int | None = None

    @property
    def is_own(self) -> bool:
        return self.own_id is not None


def parse_template(text: str, source: str, key: str = "") -> Template:
    """The template in the JSON `text`; TemplateError saying what is wrong, and where."""

    def broken(reason: str) -> TemplateError:
        return TemplateError(
            _("The template “{source}” cannot be used: {reason}").format(
                source=source, reason=reason
            )
        )

    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise broken(
            _("it is not valid JSON ({msg} at line {lineno}, column {colno}).").format(
                msg=error.msg, lineno=error.lineno, colno=error.colno
            )
        ) from None
    if not isinstance(raw, dict) or "offload_template" not in raw:
        raise broken(_("it is not an Offload brief template (no “offload_template” field)."))
    if raw["offload_template"] != FORMAT_VERSION:
        raise broken(
            _(
                "it is in template format {offload_template}; this Offload reads format "
                "{FORMAT_VERSION}."
            ).format(offload_template=repr(raw["offload_template"]), FORMAT_VERSION=FORMAT_VERSION)
        )
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise broken(_("it has no name."))
    if len(name) > NAME_MAX_LENGTH:
        raise broken(
            _("its name is longer than {NAME_MAX_LENGTH} characters.").format(
                NAME_MAX_LENGTH=NAME_MAX_LENGTH
            )
        )
    description = raw.get("description", "")
    if not isinstance(description, str):
        raise broken(_("its description is not text."))
    brief = raw.get("brief")
    if not isinstance(brief, dict):
        raise broken(_("it has no “brief” object."))
    brief = {"title": name.strip(), **brief}
    try:
        data = brief_data_from_json(brief)
    except ValidationError as error:
        raise broken(
            _("{error} (field “{field}”).").format(error=error, field=error.field)
        ) from None
    return Template(key or f"file:{source}", name.strip(), description.strip(), data)


def template_json(name: str, description: str, data: BriefData) -> str:
    """A brief as template JSON: no status, deadline, task links or ids.

    A deadline is a date for one job, not a pattern for the next.
    """
    brief = dataclasses.replace(data, deadline=None, status=BriefStatus.DRAFT, tasks=[]).to_json()
    for name_to_drop in ("status", "deadline", "tasks"):
        brief.pop(name_to_drop, None)
    for expectation in brief["expectations"]:
        expectation.pop("id", None)
    document = {
        "offload_template": FORMAT_VERSION,
        "name": name,
        "description": description,
        "brief": brief,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def shipped_templates(
    folder: Path, language: str | None = None
) -> tuple[list[Template], list[str]]:
    """The templates shipped with Offload (the *.json files in `folder`, which the
    caller finds: `assets.templates_folder()`), by name, and a message for each
    broken file. In `language` (the app's by default): a file of the same name
    in `folder/<language>/` replaces the English one, and the brief it holds
    is in that language; an English one stands in where none is translated."""
    language = current_language() if language is None else language
    translated = folder / language if language != "en" else None
    templates, problems = [], []
    for english in sorted(folder.glob("*.json")):
        local = translated / english.name if translated is not None else None
        path = local if local is not None and local.is_file() else english
        try:
            text = path.read_text(encoding="utf-8")
            template = parse_template(text, path.name, key=f"shipped:{english.stem}")
        except (TemplateError, OSError, UnicodeDecodeError) as error:
            problems.append(str(error) if isinstance(error, TemplateError) else f"{path}: {error}")
            continue
        if path is local:
            data = dataclasses.replace(template.data, language=language)
            template = dataclasses.replace(template, data=data)
        templates.append(template)
    templates.sort(key=lambda template: fold(template.name))
    return templates, problems


# ---------------------------------------------------------------------------
# The owner's own templates


def own_templates() -> tuple[list[Template], list[str]]:
    """The owner's saved templates, by name, and a message for any unreadable one."""
    templates, problems = [], []
    for row in BriefTemplate.select().order_by(BriefTemplate.name):
        try:
            template = parse_template(row.content, row.name, key=f"own:{row.id}")
        except TemplateError as error:
            problems.append(str(error))
            continue
        templates.append(dataclasses.replace(template, own_id=row.id))
    return templates, problems


def all_templates(shipped_folder: Path) -> tuple[list[Template], list[str]]:
    """The templates shipped in `shipped_folder`, then the owner's; and the
    problems found loading them."""
    shipped, shipped_problems = shipped_templates(shipped_folder)
    own, own_problems = own_templates()
    return shipped + own, shipped_problems + own_problems


def clean_template_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise ValidationError(_("A template needs a name."), "name")
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError(
            _("A template name can be at most {NAME_MAX_LENGTH} characters.").format(
                NAME_MAX_LENGTH=NAME_MAX_LENGTH
            ),
            "name",
        )
    return name


def own_template_named(name: str) -> int | None:
    """The id of the owner's template called `name` (exactly), if any."""
    row = BriefTemplate.get_or_none(BriefTemplate.name == name.strip())
    return None if row is None else row.id


def save_own_template(name: str, content: str) -> tuple[int, str | None]:
    """Store template JSON under `name`, replacing one of that name.

    Returns the template's id and the content it replaced (None if new),
    which is what `restore_own_template` needs to undo it.
    """
    name = clean_template_name(name)
    parse_template(content, name)  # refuse what could not be read back
    with database.atomic():
        row = BriefTemplate.get_or_none(BriefTemplate.name == name)
        if row is None:
            return BriefTemplate.create(name=name, content=content).id, None
        previous = row.content
        BriefTemplate.update(content=content).where(BriefTemplate.id == row.id).execute()
        return row.id, previous


def restore_own_template(template_id: int, previous: str | None) -> None:
    """Undo `save_own_template`: put the old content back, or remove a new template."""
    if previous is None:
        delete_from(BriefTemplate).where(BriefTemplate.id == template_id).execute()
    else:
        BriefTemplate.update(content=previous).where(BriefTemplate.id == template_id).execute()


def delete_own_template(template_id: int) -> RowSnapshot:
    return delete_with_snapshot(BriefTemplate.get_by_id(template_id))
