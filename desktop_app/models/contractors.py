"""The contractor bench: sources, references, portfolios, interviews (step 2).

The models, then the queries that the Contractors tab, the importers, the
exporter and the comparison read, then the edits. Each edit runs in one
transaction and returns what its undo needs; the checks on what the owner
types live in `contractor_input.py`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from peewee import (
    BigIntegerField,
    BooleanField,
    Case,
    CharField,
    Check,
    DateTimeField,
    DecimalField,
    ForeignKeyField,
    IntegerField,
    SmallIntegerField,
    TextField,
    fn,
)

from desktop_app.models import versions
from desktop_app.models.base import BaseModel, database, now
from desktop_app.models.briefs import Brief
from desktop_app.models.contractor_input import (
    DECISION_LABELS,
    KIND_LABELS,
    MEDIUM_LABELS,
    MEDIUMS,
    RELATION_LABELS,
    RELATIONS,
    SCORE_FIELDS,
    SCORE_LABELS,
    check_choice,
    check_datetime,
    check_score,
    check_text,
    check_url,
    email_key,
    name_key,
    normalize_skills,
    phone_key,
    skill_list,
    website_key,
)
from desktop_app.models.errors import UserError, ValidationError
from desktop_app.models.formats import day, day_month, money_short, number
from desktop_app.models.i18n import N_, _
from desktop_app.models.progress import Progress
from desktop_app.models.rows import delete_from, frozen_row, plain_rows, tuples
from desktop_app.models.snapshots import RowSnapshot, delete_with_snapshot, restore
from desktop_app.models.text import fold


class Stage(StrEnum):
    PROSPECT = "prospect"
    CONTACTED = "contacted"
    INTERVIEWING = "interviewing"
    TRIAL = "trial"
    HIRED = "hired"
    REJECTED = "rejected"
    ENDED = "ended"


STAGE_LABELS = {
    Stage.PROSPECT: N_("Prospect"),
    Stage.CONTACTED: N_("Contacted"),
    Stage.INTERVIEWING: N_("Interviewing"),
    Stage.TRIAL: N_("Trial"),
    Stage.HIRED: N_("Hired"),
    Stage.REJECTED: N_("Rejected"),
    Stage.ENDED: N_("Ended"),
}


class Source(StrEnum):
    UPWORK = "upwork"
    FREELANCER = "freelancer"
    NICHE = "niche"
    INDEPENDENT = "independent"
    REFERRAL = "referral"


SOURCE_LABELS = {
    Source.UPWORK: "Upwork",
    Source.FREELANCER: "Freelancer",
    Source.NICHE: "Niche site",
    Source.INDEPENDENT: "Found independently",
    Source.REFERRAL: "Referral",
}


class RateUnit(StrEnum):
    HOUR = "hour"
    PROJECT = "project"
    MONTH = "month"


class Contractor(BaseModel):
    """A freelancer or agency, at some stage of the hiring pipeline."""

    name = CharField(max_length=200, index=True)
    kind = CharField(max_length=10, default="individual")  # individual | agency
    skills = TextField(default="")  # comma-separated skills and tags
    email = CharField(max_length=254, default="")
    phone = CharField(max_length=50, default="")
    website = CharField(max_length=500, default="")
    location = CharField(max_length=200, default="")
    timezone = CharField(max_length=64, default="")  # an IANA name, e.g. Europe/Lisbon
    rate = DecimalField(
        max_digits=12, decimal_places=2, auto_round=True, null=True, index=True,
        constraints=[Check("rate >= 0")],
    )  # fmt: skip
    rate_unit = CharField(max_length=8, default=RateUnit.HOUR)
    currency = CharField(max_length=3, default="USD")
    source = CharField(max_length=12, default=Source.INDEPENDENT, index=True)
    source_detail = CharField(max_length=200, default="")  # the niche site, or who referred
    stage = CharField(max_length=12, default=Stage.PROSPECT, index=True)
    rating = SmallIntegerField(null=True, index=True, constraints=[Check("rating BETWEEN 1 AND 5")])
    notes = TextField(default="")
    last_contact = DateTimeField(null=True, index=True)
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)
    # Their working hours in their own zone ("09:00–17:00"); "" when not known.
    # (Last: schema 8 added the column.)
    working_hours = CharField(max_length=40, default="")
    # No lost updates (`models.versions`, schema 12): bumped by each save,
    # with who saved last and when.
    row_version = IntegerField(default=1)
    changed_by = CharField(max_length=200, default="")
    changed_at = DateTimeField(null=True)


class StageChange(BaseModel):
    """One move along the pipeline, kept as history."""

    contractor = ForeignKeyField(Contractor, backref="stage_changes", on_delete="CASCADE")
    contractor_id: int
    from_stage = CharField(max_length=12, null=True)
    to_stage = CharField(max_length=12)
    changed_at = DateTimeField(default=now, index=True)
    reason = TextField(default="")


class Reference(BaseModel):
    """A previous client's or a colleague's word on a contractor."""

    contractor = ForeignKeyField(Contractor, backref="references", on_delete="CASCADE")
    contractor_id: int
    name = CharField(max_length=200)  # from whom
    relation = CharField(max_length=10, default="client")  # client | colleague | other
    contact = CharField(max_length=300, default="")  # how to reach them
    said = TextField(default="")
    checked = BooleanField(default=False)
    created_at = DateTimeField(default=now)


class PortfolioItem(BaseModel):
    """A link to, or a sample file of, a contractor's earlier work."""

    contractor = ForeignKeyField(Contractor, backref="portfolio", on_delete="CASCADE")
    contractor_id: int
    title = CharField(max_length=300)
    url = CharField(max_length=2000, default="")
    # Sample files are copied into the data folder under their SHA-256, so
    # attaching the same file twice stores it once.
    file_hash = CharField(max_length=64, null=True, index=True)
    file_name = CharField(max_length=300, default="")
    file_size = BigIntegerField(null=True)
    notes = TextField(default="")
    created_at = DateTimeField(default=now)


class Interview(BaseModel):
    """A conversation with a contractor, with notes and scores 1-5."""

    contractor = ForeignKeyField(Contractor, backref="interviews", on_delete="CASCADE")
    contractor_id: int
    brief = ForeignKeyField(Brief, backref="interviews", null=True, on_delete="SET NULL")
    brief_id: int | None
    held_at = DateTimeField(index=True)
    held = BooleanField(default=False)  # False while it is only scheduled
    medium = CharField(max_length=10, default="video")  # phone | video | in_person | chat
    notes = TextField(default="")
    communication = SmallIntegerField(
        null=True, constraints=[Check("communication BETWEEN 1 AND 5")]
    )
    expertise = SmallIntegerField(null=True, constraints=[Check("expertise BETWEEN 1 AND 5")])
    reliability = SmallIntegerField(null=True, constraints=[Check("reliability BETWEEN 1 AND 5")])
    fit = SmallIntegerField(null=True, constraints=[Check("fit BETWEEN 1 AND 5")])
    decision = CharField(max_length=12, default="")  # "" | advance | hire | reject | hold


EDITABLE_FIELDS = (
    "name", "kind", "skills", "email", "phone", "website", "location", "timezone",
    "working_hours", "rate",
    "rate_unit", "currency", "source", "source_detail", "stage", "rating", "last_contact", "notes",
)  # fmt: skip
STAGE_ORDER = tuple(Stage)
# Stages where a contractor still waits for the owner's next step.
OPEN_STAGES = (Stage.PROSPECT, Stage.CONTACTED, Stage.INTERVIEWING, Stage.TRIAL)


def source_text(source: str, detail: str) -> str:
    """Where they came from: "Upwork", "Codeable" (a niche site), "Referral from Ana"."""
    label = SOURCE_LABELS.get(Source(source), source) if source in set(Source) else source
    if not detail:
        return label
    if source == Source.REFERRAL:
        return f"Referral from {detail}"
    if source == Source.NICHE:
        return detail
    return f"{label} ({detail})"


SHORT_UNITS = {"hour": "/h", "month": "/mo", "project": "/project"}


def rate_text(rate: Decimal | None, unit: str, currency: str, *, short: bool = False) -> str:
    """The rate as "$45.50 per hour" ("$45.50/h" when short; "45,50 €" in German),
    or "" without one."""
    if rate is None:
        return ""
    amount = money_short(rate, currency)
    if short:
        return f"{amount}{SHORT_UNITS.get(unit, '/' + unit)}"
    sentence = {
        "hour": _("{amount} per hour"),
        "month": _("{amount} per month"),
        "project": _("{amount} per project"),
    }.get(unit)
    return sentence.format(amount=amount) if sentence else f"{amount} {unit}"


def monthly_equivalent(
    rate: Decimal | None, unit: str, hours_per_month: Decimal | None
) -> Decimal | None:
    """What a rate costs a month: a monthly rate as it is, an hourly rate times
    the hours a month of the work (None while those are not known). A fee per
    project has no monthly figure without the project's length: None."""
    if rate is None:
        return None
    if unit == RateUnit.MONTH:
        return rate
    if unit == RateUnit.HOUR and hours_per_month is not None:
        return (rate * hours_per_month).quantize(Decimal("0.01"))
    return None


def next_stage(stage: str) -> Stage | None:
    """The next step forward in the pipeline (None at hired, rejected or ended)."""
    forward = (Stage.PROSPECT, Stage.CONTACTED, Stage.INTERVIEWING, Stage.TRIAL, Stage.HIRED)
    if stage in forward[:-1]:
        return forward[forward.index(Stage(stage)) + 1]
    return None


# ---------------------------------------------------------------------------
# Reading the bench
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ContractorRow:
    """One contractor as the list shows it, with what the list counts about it."""

    id: int
    name: str
    kind: str
    skills: str
    email: str
    phone: str
    website: str
    location: str
    timezone: str
    working_hours: str
    rate: Decimal | None
    rate_unit: str
    currency: str
    source: str
    source_detail: str
    stage: str
    rating: int | None
    notes: str
    # The later of the date the owner noted and the last interview held.
    last_contact: datetime | None
    stage_since: datetime | None
    references: int = 0
    references_checked: int = 0
    portfolio: int = 0
    interviews: int = 0
    average_score: float | None = None
    search_text: str = ""

    @property
    def skill_set(self) -> frozenset[str]:
        return frozenset(fold(skill) for skill in skill_list(self.skills))


def contractor_rows(ids: Iterable[int] | None = None) -> list[ContractorRow]:
    """Every contractor (or those of `ids`) with their counts, in five queries."""
    names = ("id", *EDITABLE_FIELDS, "row_version")
    fields = Contractor._meta.fields
    query = Contractor.select(*(fields[name] for name in names)).order_by(Contractor.name)
    if ids is not None:
        query = query.where(Contractor.id.in_(list(ids)))
    # Plain rows (Peewee converts every column of every row; only two need it).
    contractors = []
    for values in plain_rows(query):
        data = dict(zip(names, values, strict=True))
        if data["rate"] is not None:
            data["rate"] = Decimal(str(data["rate"]))
        data["last_contact"] = _as_datetime(data["last_contact"])
        contractors.append(data)
    # What the list shows is what this client has read (`models.versions`).
    versions.remember_rows(Contractor, ((row["id"], row["row_version"]) for row in contractors))
    wanted = [row["id"] for row in contractors] if ids is not None else None

    def grouped(model: type[BaseModel], *columns: Any) -> Iterator[tuple[Any, ...]]:
        contractor = model._meta.fields["contractor"]
        select = model.select(contractor, *columns).group_by(contractor)
        if wanted is not None:
            select = select.where(contractor.in_(wanted))
        # Counts and sums, which Peewee would only convert to themselves.
        return iter(plain_rows(select))

    references = {
        cid: (total, checked or 0)
        for cid, total, checked in grouped(
            Reference, fn.COUNT(Reference.id), fn.SUM(Reference.checked.cast("INTEGER"))
        )
    }
    portfolio = dict(grouped(PortfolioItem, fn.COUNT(PortfolioItem.id)))
    score_sum = fn.SUM(sum((fn.COALESCE(getattr(Interview, f), 0) for f in SCORE_FIELDS), 0))
    # CASE, not a sum of booleans or IIF: the same SQL on SQLite and PostgreSQL.
    score_count = fn.SUM(
        sum((Case(None, [(getattr(Interview, f).is_null(False), 1)], 0) for f in SCORE_FIELDS), 0)
    )
    last_held = fn.MAX(Case(None, [(Interview.held == True, Interview.held_at)], None))  # noqa: E712
    interviews = {
        cid: (count, total, scored, held)
        for cid, count, total, scored, held in grouped(
            Interview, fn.COUNT(Interview.id), score_sum, score_count, last_held
        )
    }
    # The date of each contractor's latest move (moves are numbered in the
    # order they were made): the row whose id is its contractor's largest.
    latest = StageChange.select(fn.MAX(StageChange.id)).group_by(StageChange.contractor)
    if wanted is not None:
        latest = latest.where(StageChange.contractor.in_(wanted))
    # Plain rows: the times stay text, made datetimes below (`_as_datetime`).
    since = dict(
        plain_rows(
            StageChange.select(StageChange.contractor, StageChange.changed_at).where(
                StageChange.id.in_(latest)
            )
        )
    )
    rows = []
    for data in contractors:
        cid = data["id"]
        ref_total, ref_checked = references.get(cid, (0, 0))
        count, total, scored, held = interviews.get(cid, (0, 0, 0, None))
        data["last_contact"] = _later(data["last_contact"], _as_datetime(held))
        data["stage_since"] = _as_datetime(since.get(cid))
        data["references"] = ref_total
        data["references_checked"] = int(ref_checked)
        data["portfolio"] = portfolio.get(cid, 0)
        data["interviews"] = count
        data["average_score"] = (total / scored) if scored else None
        data["search_text"] = " ".join((data["name"], data["skills"], data["notes"]))
        del data["row_version"]  # remembered above; not a column of the list
        rows.append(frozen_row(ContractorRow, data))
    return rows


def _as_datetime(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _later(a: datetime | None, b: datetime | None) -> datetime | None:
    if a is None or b is None:
        return a or b
    return max(a, b)


def contractor_values(contractor_id: int) -> dict[str, Any]:
    """The editable fields of one contractor, as stored."""
    contractor = _get(contractor_id)
    return {key: getattr(contractor, key) for key in EDITABLE_FIELDS}


Versions = versions.Versions


def contractor_for_editing(contractor_id: int) -> tuple[dict[str, Any], versions.Versions]:
    """The editable fields of one contractor and the row's version, for a form:
    its save is refused if someone saved the contractor while it was open."""
    return contractor_values(contractor_id), versions.read_for_editing(Contractor, contractor_id)


def _save(
    contractor_id: int, changes: Mapping[str, Any], name: str, at: datetime | None = None
) -> None:
    """Write `changes` to the contractor unless someone else saved it since
    this client read it (`versions.StaleEdit` then)."""
    versions.save(
        Contractor,
        contractor_id,
        changes,
        what=f"“{name}”",
        extra={"updated_at": at or now()},
    )


def _get(contractor_id: int) -> Contractor:
    contractor = Contractor.get_or_none(Contractor.id == contractor_id)
    if contractor is None:
        raise UserError(_("That contractor is no longer on the bench."))
    return contractor


@dataclass(frozen=True)
class ReferenceRow:
    id: int
    name: str
    relation: str
    contact: str
    said: str
    checked: bool

    @property
    def relation_text(self) -> str:
        return RELATION_LABELS.get(self.relation, self.relation)


@dataclass(frozen=True)
class PortfolioRow:
    id: int
    title: str
    url: str
    file_hash: str | None
    file_name: str
    file_size: int | None
    notes: str

    @property
    def is_file(self) -> bool:
        return bool(self.file_hash)


@dataclass(frozen=True)
class InterviewRow:
    id: int
    contractor_id: int
    held_at: datetime
    held: bool
    medium: str
    brief_id: int | None
    brief_title: str
    notes: str
    scores: dict[str, int | None]
    decision: str

    @property
    def average(self) -> float | None:
        given = [score for score in self.scores.values() if score is not None]
        return sum(given) / len(given) if given else None

    @property
    def medium_text(self) -> str:
        return MEDIUM_LABELS.get(self.medium, self.medium)

    @property
    def decision_text(self) -> str:
        return DECISION_LABELS.get(self.decision, self.decision) if self.decision else ""


@dataclass(frozen=True)
class HistoryRow:
    id: int
    changed_at: datetime
    from_stage: str | None
    to_stage: str
    reason: str


@dataclass(frozen=True)
class ContractorDetail:
    row: ContractorRow
    references: list[ReferenceRow]
    portfolio: list[PortfolioRow]
    interviews: list[InterviewRow]
    history: list[HistoryRow]


def contractor_detail(contractor_id: int) -> ContractorDetail:
    rows = contractor_rows([contractor_id])
    if not rows:
        raise UserError(_("That contractor is no longer on the bench."))
    return ContractorDetail(
        row=rows[0],
        references=reference_rows(contractor_id),
        portfolio=portfolio_rows(contractor_id),
        interviews=interview_rows([contractor_id]),
        history=[
            HistoryRow(c.id, c.changed_at, c.from_stage, c.to_stage, c.reason)
            for c in StageChange.select()
            .where(StageChange.contractor == contractor_id)
            .order_by(StageChange.id.desc())
        ],
    )


def reference_rows(contractor_id: int) -> list[ReferenceRow]:
    return [
        ReferenceRow(r.id, r.name, r.relation, r.contact, r.said, r.checked)
        for r in Reference.select()
        .where(Reference.contractor == contractor_id)
        .order_by(Reference.id)
    ]


def portfolio_rows(contractor_id: int) -> list[PortfolioRow]:
    return [
        PortfolioRow(p.id, p.title, p.url, p.file_hash, p.file_name, p.file_size, p.notes)
        for p in PortfolioItem.select()
        .where(PortfolioItem.contractor == contractor_id)
        .order_by(PortfolioItem.id)
    ]


def interview_rows(
    contractor_ids: Sequence[int], brief_id: int | None = None
) -> list[InterviewRow]:
    """Interviews of `contractor_ids`, latest first (only those for `brief_id` if given)."""
    query = (
        Interview.select()
        .where(Interview.contractor.in_(list(contractor_ids)))
        .order_by(Interview.held_at.desc(), Interview.id.desc())
    )
    if brief_id is not None:
        query = query.where(Interview.brief == brief_id)
    interviews = list(query)
    brief_ids = {interview.brief_id for interview in interviews} - {None}
    titles: dict[int | None, str] = dict(
        tuples(Brief.select(Brief.id, Brief.title).where(Brief.id.in_(list(brief_ids))))
    )
    rows = []
    for interview in interviews:
        rows.append(
            InterviewRow(
                id=interview.id,
                contractor_id=interview.contractor_id,
                held_at=interview.held_at,
                held=interview.held,
                medium=interview.medium,
                brief_id=interview.brief_id,
                brief_title=titles.get(interview.brief_id, ""),
                notes=interview.notes,
                scores={f: getattr(interview, f) for f in SCORE_FIELDS},
                decision=interview.decision,
            )
        )
    return rows


def brief_choices() -> list[tuple[int, str]]:
    """(id, title) of every brief, for "compare for one brief" and interview forms."""
    return [
        (row_id, title)
        for row_id, title in tuples(Brief.select(Brief.id, Brief.title).order_by(Brief.title))
    ]


def brief_in_common(ids: Iterable[int]) -> int | None:
    """The brief most of these contractors were interviewed for (the oldest
    brief on a tie), or None when none was interviewed for one."""
    counted = fn.COUNT(fn.DISTINCT(Interview.contractor))
    row = (
        Interview.select(Interview.brief, counted.alias("people"))
        .where(Interview.contractor.in_(list(ids)) & Interview.brief.is_null(False))
        .group_by(Interview.brief)
        .order_by(counted.desc(), Interview.brief)
        .tuples()
        .first()
    )
    return row[0] if row else None


def contractor_names(ids: Iterable[int]) -> dict[int, str]:
    query = Contractor.select(Contractor.id, Contractor.name).where(Contractor.id.in_(list(ids)))
    return dict(tuples(query))


# ---------------------------------------------------------------------------
# Duplicates: the same e-mail, phone digits, website host and path, or name
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Duplicate:
    """A contractor already on the bench that looks like the same person."""

    contractor_id: int
    name: str
    matched: tuple[str, ...]  # "e-mail", "phone", "website"

    def describe(self) -> str:
        fields = list(self.matched)
        said = fields[0] if len(fields) == 1 else ", ".join(fields[:-1]) + " and " + fields[-1]
        return f"{self.name} (same {said})"


class DuplicateIndex:
    """Contractors keyed by what identifies them; grows as an import adds rows."""

    KEYS: tuple[tuple[str, str, Callable[[str], str]], ...] = (
        ("email", "e-mail", email_key),
        ("phone", "phone", phone_key),
        ("website", "website", website_key),
        # Last: a name alone is the weakest sign, but a contact with no
        # e-mail, phone or site has nothing else (a re-imported address book).
        ("name", "name", name_key),
    )

    def __init__(self) -> None:
        self._by_key: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)

    @classmethod
    def of_bench(cls) -> DuplicateIndex:
        index = cls()
        query = Contractor.select(
            Contractor.id, Contractor.name, Contractor.email, Contractor.phone, Contractor.website
        )
        for cid, name, email, phone, website in tuples(query):
            index.add(cid, name, {"name": name, "email": email, "phone": phone, "website": website})
        return index

    def add(self, contractor_id: int, name: str, values: Mapping[str, Any]) -> None:
        for field_name, _label, key in self.KEYS:
            value = key(values.get(field_name) or "")
            if value:
                self._by_key[(field_name, value)].append((contractor_id, name))

    def matches(self, values: Mapping[str, Any], exclude_id: int | None = None) -> list[Duplicate]:
        found: dict[int, tuple[str, list[str]]] = {}
        for field_name, label, key in self.KEYS:
            value = key(values.get(field_name) or "")
            if not value:
                continue
            for cid, name in self._by_key.get((field_name, value), []):
                if cid != exclude_id:
                    found.setdefault(cid, (name, []))[1].append(label)
        return [Duplicate(cid, name, tuple(labels)) for cid, (name, labels) in found.items()]


def find_duplicates(values: Mapping[str, Any], exclude_id: int | None = None) -> list[Duplicate]:
    """Contractors on the bench whose e-mail, phone, website or name matches `values`."""
    return DuplicateIndex.of_bench().matches(values, exclude_id)


# ---------------------------------------------------------------------------
# Edits: contractors
# ---------------------------------------------------------------------------
def create_contractor(
    values: Mapping[str, Any], *, reason: str = "Added to the bench", at: datetime | None = None
) -> int:
    """Add a contractor (values from `parse_contractor`); its first stage goes in the history."""
    stamp = at or now()
    data = {key: values[key] for key in EDITABLE_FIELDS if key in values}
    with database.atomic():
        contractor = Contractor.create(
            **data, created_at=stamp, updated_at=stamp, changed_by=versions.session.person
        )
        versions.remember(Contractor, contractor.id, contractor.row_version)
        StageChange.create(
            contractor=contractor, from_stage=None, to_stage=contractor.stage,
            changed_at=stamp, reason=reason,
        )  # fmt: skip
    return contractor.id


def update_contractor(contractor_id: int, values: Mapping[str, Any]) -> dict[str, Any]:
    """Change the given fields (not the stage: see `move_stage`); returns the old values."""
    changes = {k: v for k, v in values.items() if k in EDITABLE_FIELDS and k != "stage"}
    with database.atomic():
        old = contractor_values(contractor_id)
        _save(contractor_id, changes, old["name"])
    return {key: old[key] for key in changes}


def restore_contractor_values(contractor_id: int, values: Mapping[str, Any]) -> None:
    """Put back values `update_contractor` returned (undo)."""
    with database.atomic():
        _save(contractor_id, dict(values), _get(contractor_id).name)


def delete_contractor(contractor_id: int) -> RowSnapshot:
    """Delete a contractor with everything that hangs on it; `restore` puts it all back."""
    return delete_with_snapshot(_get(contractor_id))


# ---------------------------------------------------------------------------
# The pipeline
# ---------------------------------------------------------------------------
def move_stage(
    contractor_id: int, to_stage: str, reason: str = "", at: datetime | None = None
) -> dict[str, Any]:
    """Move a contractor to `to_stage`, keeping the move (with its reason) as history.

    Returns the StageChange row as data, for `undo_stage_move`.
    """
    if to_stage not in set(Stage):
        raise ValidationError(
            _("“{to_stage}” is not a pipeline stage.").format(to_stage=to_stage), "stage"
        )
    reason = check_text(reason, "reason", "The reason", 2000)
    with database.atomic():
        contractor = _get(contractor_id)
        if contractor.stage == to_stage:
            raise ValidationError(
                _("{name} is already at “{STAGE_LABELS}”.").format(
                    name=contractor.name, STAGE_LABELS=STAGE_LABELS[Stage(to_stage)]
                ),
                "stage",
            )
        stamp = at or now()
        change = StageChange.create(
            contractor=contractor, from_stage=contractor.stage, to_stage=to_stage,
            changed_at=stamp, reason=reason,
        )  # fmt: skip
        _save(contractor_id, {"stage": to_stage}, contractor.name, stamp)
    return dict(change.__data__)


def undo_stage_move(change: Mapping[str, Any]) -> None:
    """Take back a move: the contractor returns to the stage before, the history row goes."""
    with database.atomic():
        delete_from(StageChange).where(StageChange.id == change["id"]).execute()
        contractor = _get(change["contractor"])
        _save(contractor.id, {"stage": change["from_stage"]}, contractor.name)


def redo_stage_move(change: Mapping[str, Any]) -> None:
    """Make an undone move again, under the same history row."""
    with database.atomic():
        StageChange.insert(dict(change)).execute()
        contractor = _get(change["contractor"])
        _save(contractor.id, {"stage": change["to_stage"]}, contractor.name)


# ---------------------------------------------------------------------------
# Merging two records of the same person
# ---------------------------------------------------------------------------
_MERGE_TEXT_FIELDS = (
    "email", "phone", "website", "location", "timezone", "working_hours", "source_detail",
)  # fmt: skip


def merged_values(
    keep: Mapping[str, Any], other: Mapping[str, Any], other_name: str
) -> dict[str, Any]:
    """The fields of `keep` after taking in `other`: gaps filled, skills joined, and
    every differing value of `other` written into the notes so nothing is lost."""
    result: dict[str, Any] = {}
    kept_aside = []
    for key in _MERGE_TEXT_FIELDS:
        mine, theirs = keep.get(key) or "", other.get(key) or ""
        if not theirs:
            continue
        if not mine:
            result[key] = theirs
        elif fold(mine) != fold(theirs):
            kept_aside.append(f"{_MERGE_LABELS[key]}: {theirs}")
    if keep.get("rate") is None and other.get("rate") is not None:
        result.update(rate=other["rate"], rate_unit=other["rate_unit"], currency=other["currency"])
    elif other.get("rate") is not None and (
        other["rate"],
        other["rate_unit"],
        other["currency"],
    ) != (keep["rate"], keep["rate_unit"], keep["currency"]):
        their_rate = rate_text(other["rate"], other["rate_unit"], other["currency"])
        kept_aside.append(f"Rate: {their_rate}")
    if keep.get("rating") is None and other.get("rating") is not None:
        result["rating"] = other["rating"]
    skills = ", ".join(
        dict.fromkeys(skill_list(keep.get("skills", "")) + skill_list(other.get("skills", "")))
    )
    if skills != (keep.get("skills") or ""):
        result["skills"] = normalize_skills(skills)
    last = _later(keep.get("last_contact"), other.get("last_contact"))
    if last != keep.get("last_contact"):
        result["last_contact"] = last
    notes = [keep.get("notes") or ""]
    if other.get("notes") and other["notes"] not in notes[0]:
        notes.append(other["notes"])
    if kept_aside:
        notes.append(f"Also on record from {other_name}: " + "; ".join(kept_aside) + ".")
    joined = "\n\n".join(part for part in notes if part)
    if joined != (keep.get("notes") or ""):
        result["notes"] = joined
    return result


_MERGE_LABELS = {
    "email": "E-mail", "phone": "Phone", "website": "Website",
    "location": "Location", "timezone": "Time zone",
    "working_hours": "Working hours", "source_detail": "Source detail",
}  # fmt: skip


@dataclass
class MergeRecord:
    """What `unmerge` needs to take a merge back."""

    keep_id: int
    keep_before: dict[str, Any]
    moved: list[tuple[type[BaseModel], str, list[int]]] = field(default_factory=list)
    other_snapshot: RowSnapshot | None = None
    # The "Merged with ..." history row this merge wrote, if it wrote one.
    note_id: int | None = None


def merge_contractors(keep_id: int, other_id: int) -> MergeRecord:
    """Fold `other_id` into `keep_id`: its references, portfolio, interviews, history
    (and anything else that points at it) move over; its fields fill the gaps; then
    it is deleted."""
    if keep_id == other_id:
        raise UserError(_("Choose two different contractors to merge."))
    with database.atomic():
        keep, other = _get(keep_id), _get(other_id)
        record = MergeRecord(keep_id, contractor_values(keep_id))
        changes = merged_values(record.keep_before, contractor_values(other_id), other.name)
        if keep.stage != other.stage:
            record.note_id = StageChange.create(
                contractor=keep, from_stage=keep.stage, to_stage=keep.stage,
                reason=f"Merged with {other.name} (who was at "
                f"“{STAGE_LABELS.get(Stage(other.stage), other.stage)}”)",
            ).id  # fmt: skip
        for fk in Contractor._meta.backrefs:
            child = fk.model
            ids = [row_id for (row_id,) in child.select(child.id).where(fk == other_id).tuples()]
            if ids:
                child.update({fk: keep_id}).where(child.id.in_(ids)).execute()
                record.moved.append((child, fk.name, ids))
        if changes:
            _save(keep_id, changes, keep.name)
        record.other_snapshot = delete_with_snapshot(other)
    return record


def unmerge(record: MergeRecord) -> None:
    """Undo `merge_contractors`: the other record and its rows come back as they were."""
    with database.atomic():
        if record.other_snapshot is not None:
            restore(record.other_snapshot)
        other_id = record.other_snapshot.rows[0][1]["id"] if record.other_snapshot else None
        for child, fk_name, ids in record.moved:
            child.update({fk_name: other_id}).where(child.id.in_(ids)).execute()
        if record.note_id is not None:
            # Only this merge's note: earlier merges keep theirs.
            delete_from(StageChange).where(StageChange.id == record.note_id).execute()
        _save(record.keep_id, record.keep_before, record.keep_before["name"])


def merge_values_into(contractor_id: int, values: Mapping[str, Any]) -> dict[str, Any]:
    """Take a new record's values (a form, an imported row) into an existing contractor.

    Returns the old values of the fields that changed, for undo.
    """
    with database.atomic():
        before = contractor_values(contractor_id)
        full = {**dict.fromkeys(EDITABLE_FIELDS), **dict(values)}
        changes = merged_values(before, full, str(values.get("name") or "the new record"))
        if changes:
            _save(contractor_id, changes, before["name"])
    return {key: before[key] for key in changes}


# ---------------------------------------------------------------------------
# Importing many at once (CSV, vCard): one transaction
# ---------------------------------------------------------------------------
class OnDuplicate(StrEnum):
    SKIP = "skip"
    MERGE = "merge"
    ADD = "add"


@dataclass
class ImportOutcome:
    """What an import did, and what its undo needs."""

    created: list[int] = field(default_factory=list)
    # (contractor id, old values of the fields the merge changed, new values)
    merged: list[tuple[int, dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    # Merged rows that brought nothing the bench did not already hold.
    unchanged: int = 0
    # (row label, name, the duplicates it matched)
    skipped: list[tuple[str, str, list[Duplicate]]] = field(default_factory=list)
    snapshots: list[RowSnapshot] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{len(self.created)} added"]
        if self.merged:
            parts.append(f"{len(self.merged)} merged into contractors already on the bench")
        if self.unchanged:
            parts.append(f"{self.unchanged} already on the bench with nothing new to merge")
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped as already on the bench")
        return ", ".join(parts)


def import_contractors(
    records: Sequence[tuple[str, Mapping[str, Any]]],
    on_duplicate: OnDuplicate = OnDuplicate.SKIP,
    *,
    progress: Progress | None = None,
    reason: str = "Imported",
) -> ImportOutcome:
    """Write `records` ((row label, values from parse_contractor)) in one transaction.

    A record matching someone on the bench (or an earlier record of the same
    file) is skipped, merged or added as `on_duplicate` says. `progress(done,
    total)` is called every few records; it may raise `Cancelled`, and then
    nothing is written.
    """
    outcome = ImportOutcome()
    index = DuplicateIndex.of_bench()
    stamp = now()
    total = len(records)
    with database.atomic():
        for done, (label, values) in enumerate(records, start=1):
            duplicates = index.matches(values)
            if duplicates and on_duplicate is OnDuplicate.SKIP:
                outcome.skipped.append((label, values["name"], duplicates))
            elif duplicates and on_duplicate is OnDuplicate.MERGE:
                target = duplicates[0].contractor_id
                before = merge_values_into(target, values)
                if before:
                    outcome.merged.append((target, before, contractor_values(target)))
                else:
                    outcome.unchanged += 1
            else:
                cid = create_contractor(values, reason=reason, at=stamp)
                outcome.created.append(cid)
                index.add(cid, values["name"], values)
            if progress is not None and (done % _PROGRESS_EVERY == 0 or done == total):
                progress(done, total)
    return outcome


# Records between two progress reports: often enough for a smooth bar.
_PROGRESS_EVERY = 25


def undo_import(outcome: ImportOutcome) -> None:
    with database.atomic():
        # Merges first: a row may have merged into a contractor the same import added.
        for cid, before, _after in reversed(outcome.merged):
            restore_contractor_values(cid, before)
        outcome.snapshots = [delete_contractor(cid) for cid in reversed(outcome.created)]


def redo_import(outcome: ImportOutcome) -> None:
    with database.atomic():
        for snapshot in reversed(outcome.snapshots):
            restore(snapshot)
        for cid, _before, after in outcome.merged:
            restore_contractor_values(cid, after)


# ---------------------------------------------------------------------------
# References, portfolio, interviews
# ---------------------------------------------------------------------------
def parse_reference(raw: Mapping[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    checks: dict[str, Callable[[Any], Any]] = {
        "name": lambda t: check_text(t, "name", "From whom", 200, required=True),
        "relation": lambda t: check_choice(t or "client", RELATIONS, "relation", "relation"),
        "contact": lambda t: check_text(t, "contact", "How to reach them", 300),
        "said": lambda t: check_text(t, "said", "What they said", 20000),
        "checked": bool,
    }
    for key, check in checks.items():
        if key in raw:
            try:
                values[key] = check(raw[key] if raw[key] is not None else "")
            except ValidationError as error:
                errors[key] = str(error)
    if errors:
        raise ValidationError.from_errors(errors)
    return values


def parse_portfolio_link(raw: Mapping[str, Any]) -> dict[str, Any]:
    """A portfolio link: a title and an http(s) address (a bare address is offered https://)."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    suggestion: dict[str, str] = {}
    try:
        values["url"] = check_url(raw.get("url", ""), "url")
        if not values["url"]:
            errors["url"] = "Give the address of the work (like https://example.com/case-study)."
    except ValidationError as error:
        errors["url"] = str(error)
        if error.suggestions:
            suggestion["url"] = next(iter(error.suggestions.values()))
    try:
        values["title"] = (
            check_text(raw.get("title", ""), "title", "Title", 300) or (values.get("url", "")[:300])
        )
        values["notes"] = check_text(raw.get("notes", ""), "notes", "Notes", 20000)
    except ValidationError as error:
        errors[error.field or "title"] = str(error)
    if errors:
        raise ValidationError.from_errors(errors, suggestion)
    return values


def parse_interview(
    raw: Mapping[str, Any], *, current_time: datetime | None = None
) -> dict[str, Any]:
    """An interview's values; refuses scores outside 1-5 and a future interview marked held."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    try:
        held_at = check_datetime(raw.get("held_at"), "held_at", "Date and time")
        if held_at is None:
            raise ValidationError(_("Give the date and time of the interview."), "held_at")
        values["held_at"] = held_at
    except ValidationError as error:
        errors["held_at"] = str(error)
    values["held"] = bool(raw.get("held"))
    if values["held"] and "held_at" in values and values["held_at"] > (current_time or now()):
        errors["held"] = (
            "An interview in the future cannot be marked as held: change the date, "
            "or untick “Held” until it has taken place."
        )
    try:
        values["medium"] = check_choice(raw.get("medium") or "video", MEDIUMS, "medium", "medium")
    except ValidationError as error:
        errors["medium"] = str(error)
    for key in SCORE_FIELDS:
        try:
            values[key] = check_score(raw.get(key), key)
        except ValidationError as error:
            errors[key] = str(error)
    try:
        values["decision"] = check_choice(
            raw.get("decision") or "", tuple(DECISION_LABELS), "decision", "decision"
        )
    except ValidationError as error:
        errors["decision"] = str(error)
    try:
        values["notes"] = check_text(raw.get("notes", ""), "notes", "Notes", 20000)
    except ValidationError as error:
        errors["notes"] = str(error)
    brief_id = raw.get("brief")
    if brief_id is not None and Brief.get_or_none(Brief.id == brief_id) is None:
        errors["brief"] = "That brief no longer exists."
    values["brief"] = brief_id
    if errors:
        raise ValidationError.from_errors(errors)
    return values


def _child_model(kind: str) -> type[BaseModel]:
    return {"reference": Reference, "portfolio": PortfolioItem, "interview": Interview}[kind]


def add_child(kind: str, contractor_id: int, values: Mapping[str, Any]) -> int:
    """Add a reference, portfolio item or interview (values already parsed)."""
    model = _child_model(kind)
    with database.atomic():
        _get(contractor_id)
        row = model.create(contractor=contractor_id, **dict(values))
    return row.id


def update_child(kind: str, row_id: int, values: Mapping[str, Any]) -> dict[str, Any]:
    """Change a reference, portfolio item or interview; returns the old values."""
    model = _child_model(kind)
    with database.atomic():
        row = model.get_or_none(model.id == row_id)
        if row is None:
            raise UserError(_("That entry no longer exists."))
        old = {key: row.__data__.get(key) for key in values}
        model.update(**dict(values)).where(model.id == row_id).execute()
    return old


def delete_child(kind: str, row_id: int) -> RowSnapshot:
    model = _child_model(kind)
    row = model.get_or_none(model.id == row_id)
    if row is None:
        raise UserError(_("That entry no longer exists."))
    return delete_with_snapshot(row)


def child_values(kind: str, row_id: int) -> dict[str, Any]:
    model = _child_model(kind)
    row = model.get_or_none(model.id == row_id)
    if row is None:
        raise UserError(_("That entry no longer exists."))
    data = dict(row.__data__)
    data.pop("id", None)
    data.pop("contractor", None)
    return data


# ---------------------------------------------------------------------------
# Side-by-side comparison
# ---------------------------------------------------------------------------
MIN_COMPARED = 2
MAX_COMPARED = 5


@dataclass(frozen=True)
class ComparisonRow:
    """One line of the comparison: a label and one text per contractor.

    `best` holds the columns that lead on this line (empty when it is not a
    measure, or when the values cannot be compared, e.g. rates per hour and
    per project).
    """

    label: str
    values: tuple[str, ...]
    best: frozenset[int] = frozenset()
    long_text: bool = False
    # A line that only names the group of lines below it ("Paid trial").
    heading: bool = False


@dataclass(frozen=True)
class Comparison:
    names: tuple[str, ...]
    contractor_ids: tuple[int, ...]
    brief_title: str
    rows: tuple[ComparisonRow, ...]


def compare_contractors(
    ids: Sequence[int], brief_id: int | None = None, *, monthly_hours: Decimal | None = None
) -> Comparison:
    """Rate, source, references, portfolio, interview scores and notes of 2-5
    contractors side by side; with `brief_id`, only the interviews for that
    brief, and each rate's cost a month at `monthly_hours`, the hours a month
    the brief's work takes (`engagements.brief_monthly_hours`)."""
    ids = list(dict.fromkeys(ids))
    if not MIN_COMPARED <= len(ids) <= MAX_COMPARED:
        raise UserError(
            _(
                "Choose {MIN_COMPARED} to {MAX_COMPARED} contractors to compare ({length} chosen)."
            ).format(MIN_COMPARED=MIN_COMPARED, MAX_COMPARED=MAX_COMPARED, length=len(ids))
        )
    by_id = {row.id: row for row in contractor_rows(ids)}
    missing = [cid for cid in ids if cid not in by_id]
    if missing:
        raise UserError(_("A contractor you chose is no longer on the bench."))
    people = [by_id[cid] for cid in ids]
    brief_title = ""
    if brief_id is not None:
        brief = Brief.get_or_none(Brief.id == brief_id)
        if brief is None:
            raise UserError(_("That brief no longer exists."))
        brief_title = brief.title
    interviews: dict[int, list[InterviewRow]] = defaultdict(list)
    for interview in interview_rows(ids, brief_id):
        interviews[interview.contractor_id].append(interview)
    references: dict[int, list[Reference]] = defaultdict(list)
    for reference in Reference.select().where(Reference.contractor.in_(ids)).order_by(Reference.id):
        references[reference.contractor_id].append(reference)

    rows: list[ComparisonRow] = []

    def add(label: str, values: list[str], scores: list[float | None] | None = None,
            higher_is_better: bool = True, long_text: bool = False) -> None:  # fmt: skip
        rows.append(ComparisonRow(label, tuple(values), _best(scores, higher_is_better), long_text))

    add("Stage", [STAGE_LABELS.get(Stage(p.stage), p.stage) for p in people])
    add("Kind", [KIND_LABELS.get(p.kind, p.kind) for p in people])
    comparable_rates = len({(p.rate_unit, p.currency) for p in people if p.rate is not None}) == 1
    add(
        "Rate",
        [rate_text(p.rate, p.rate_unit, p.currency) or "—" for p in people],
        [float(p.rate) if p.rate is not None else None for p in people]
        if comparable_rates else None,
        higher_is_better=False,
    )  # fmt: skip
    if brief_id is not None:
        add(*_per_month_row(people, monthly_hours), higher_is_better=False)
    add("Source", [source_text(p.source, p.source_detail) for p in people])
    add("Location", [" · ".join(filter(None, (p.location, p.timezone))) or "—" for p in people])
    add("Skills", [p.skills or "—" for p in people])
    add(
        "Your rating",
        [f"{p.rating} / 5" if p.rating else "—" for p in people],
        [p.rating for p in people],
    )
    add(
        "References checked",
        [f"{p.references_checked} of {p.references}" if p.references else "none" for p in people],
        [p.references_checked for p in people],
    )
    add(
        "Portfolio items",
        [str(p.portfolio) for p in people],
        [p.portfolio for p in people],
    )
    held = {p.id: [i for i in interviews[p.id] if i.held] for p in people}
    add(
        "Interviews held" + (f" for “{brief_title}”" if brief_title else ""),
        [str(len(held[p.id])) for p in people],
    )
    for key in SCORE_FIELDS:
        means = [_mean(i.scores[key] for i in interviews[p.id]) for p in people]
        add(SCORE_LABELS[key], [_score_text(m) for m in means], means)
    overall = [_mean(s for i in interviews[p.id] for s in i.scores.values()) for p in people]
    add("Average score", [_score_text(m) for m in overall], overall)
    add(
        "Decision",
        [
            "; ".join(
                f"{i.decision_text} ({day_month(i.held_at)})"
                for i in interviews[p.id]
                if i.decision
            )
            or "—"
            for p in people
        ],
    )
    add(
        "Interview notes",
        [
            "\n".join(
                (
                    _("{date}: {notes}") if i.held else _("{date} (scheduled): {notes}")
                ).format(date=day(i.held_at), notes=i.notes)
                for i in interviews[p.id]
                if i.notes
            ) or "—"
            for p in people
        ],
        long_text=True,
    )  # fmt: skip
    add(
        "What references said",
        [
            "\n".join(
                f"{r.name}{' (checked)' if r.checked else ' (not checked)'}: {r.said}"
                for r in references[p.id]
                if r.said
            )
            or "—"
            for p in people
        ],
        long_text=True,
    )
    add("Your notes", [p.notes or "—" for p in people], long_text=True)
    return Comparison(
        names=tuple(p.name for p in people),
        contractor_ids=tuple(p.id for p in people),
        brief_title=brief_title,
        rows=tuple(rows),
    )


def _per_month_row(
    people: Sequence[ContractorRow], hours: Decimal | None
) -> tuple[str, list[str], list[float | None] | None]:
    """The row that puts hourly and monthly rates in one unit: a month of the brief's work."""
    label = (
        _("Per month at {hours} h").format(hours=number(hours))
        if hours is not None
        else _("Per month")
    )
    figures = [monthly_equivalent(p.rate, p.rate_unit, hours) for p in people]
    values = []
    for person, figure in zip(people, figures, strict=True):
        if figure is not None:
            values.append(rate_text(figure, RateUnit.MONTH, person.currency, short=True))
        elif person.rate is None:
            values.append("—")
        elif person.rate_unit == RateUnit.PROJECT:
            values.append("a fee per project")
        else:
            values.append("— (the brief's hours are not known)")
    currencies = {p.currency for p, f in zip(people, figures, strict=True) if f is not None}
    scores = [float(f) if f is not None else None for f in figures]
    return label, values, scores if len(currencies) == 1 else None


def _mean(values: Iterable[int | None]) -> float | None:
    given = [v for v in values if v is not None]
    return sum(given) / len(given) if given else None


def _score_text(value: float | None) -> str:
    return "—" if value is None else number(value, 1)


def _best(values: list[Any] | None, higher_is_better: bool) -> frozenset[int]:
    """The columns holding the best value, when at least two have one and they differ."""
    if values is None:
        return frozenset()
    given = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(given) < 2 or len({v for _, v in given}) < 2:
        return frozenset()
    target = max(v for _, v in given) if higher_is_better else min(v for _, v in given)
    return frozenset(i for i, v in given if v == target)
