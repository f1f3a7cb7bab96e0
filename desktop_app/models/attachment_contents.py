"""The contents of attached files, kept in a team workspace's database.

An owner's SQLite file keeps its attachments (portfolio samples, invoices,
signed agreements) as files beside it, under their SHA-256
(`desktop_app/attachments.py`). A team workspace on PostgreSQL keeps them
here instead, one row per content (bytea), so every member of the team
sees every file; each client writes a file into a local folder only to
open it in the system's viewer. The table exists on both engines (one
schema ladder) and stays empty in a file.

A content is never deleted, as a file is not: undoing the delete of a
portfolio item must find its file again.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import Any

from peewee import BlobField, CharField, IntegerField, Model

from desktop_app.models.base import database
from desktop_app.models.engine import is_postgres
from desktop_app.models.rows import tuples


class AttachmentContent(Model):
    """One attached file's bytes, named by their SHA-256 (hex)."""

    file_hash = CharField(max_length=64, primary_key=True)
    file_size = IntegerField()
    content = BlobField()

    class Meta:
        database = database
        table_name = "attachment_content"


def kept_in_database(db: Any = database) -> bool:
    """Whether `db` (the bound database by default) keeps attachments'
    contents (a team workspace) rather than files beside it (an owner's file)."""
    return getattr(db, "obj", db) is not None and is_postgres(db)


def _bound(db: Any) -> AbstractContextManager[Any]:
    """The model bound to `db` for the block (the bound database: as it is)."""
    return nullcontext() if db is database else db.bind_ctx([AttachmentContent])


def keep_content(file_hash: str, content: bytes, db: Any = database) -> bool:
    """Store `content` under `file_hash`, once; True when it was already there.
    Two clients keeping the same content at once store it once."""
    with _bound(db), db.atomic():
        if has_content(file_hash):
            return True
        AttachmentContent.insert(
            file_hash=file_hash, file_size=len(content), content=content
        ).on_conflict_ignore().execute()
    return False


def has_content(file_hash: str) -> bool:
    """Whether the bound database holds the content `file_hash`."""
    return AttachmentContent.select().where(AttachmentContent.file_hash == file_hash).exists()


def read_content(file_hash: str, db: Any = database) -> bytes | None:
    """The bytes stored under `file_hash`, or None when there are none."""
    with _bound(db):
        row = (
            AttachmentContent.select(AttachmentContent.content)
            .where(AttachmentContent.file_hash == file_hash)
            .tuples()
            .first()
        )
    return None if row is None else bytes(row[0])


def stored_hashes(db: Any = database) -> list[str]:
    """Every stored content's hash, in order."""
    with _bound(db):
        query = AttachmentContent.select(AttachmentContent.file_hash).order_by(
            AttachmentContent.file_hash
        )
        return [file_hash for (file_hash,) in tuples(query)]


def file_names(db: Any = database) -> dict[str, str]:
    """A name each stored content was attached under (hash -> the original's
    name), for the extension a copied file keeps."""
    from desktop_app.models.agreements import Agreement  # noqa: PLC0415
    from desktop_app.models.contractors import PortfolioItem  # noqa: PLC0415
    from desktop_app.models.payments import Payment  # noqa: PLC0415

    names: dict[str, str] = {}
    for model in (PortfolioItem, Payment, Agreement):
        with nullcontext() if db is database else db.bind_ctx([model]):
            query = model.select(model.file_hash, model.file_name).where(
                model.file_hash.is_null(False)
            )
            for file_hash, file_name in tuples(query):
                names.setdefault(file_hash, file_name or "")
    return names
