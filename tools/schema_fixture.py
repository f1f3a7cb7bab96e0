"""Write the real database file of today's schema version for the migration tests.

    python -m tools.schema_fixture

Every schema change adds one: `tests/data/schemas/schema-<version>.sqlite3`,
made with that version's own code (the demo data of a fixed day plus an
owner's template, so every table holds rows), checkpointed, vacuumed and
in rollback-journal mode so it is one small file. `tests/test_migrations.py`
opens a copy of each, upgrades it and checks every row is still there; a
released file is never regenerated, since a later step must upgrade what
that version really wrote.
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
from datetime import date
from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent / "tests" / "data" / "schemas"
FIXED_DAY = date(2026, 11, 20)


def write_fixture(path: Path) -> None:
    """The demo on FIXED_DAY plus one own template, at the current schema, in `path`."""
    from desktop_app.demo import fill_demo_data
    from desktop_app.models.brief_templates import save_own_template, template_json
    from desktop_app.models.briefs import Brief, load_brief
    from desktop_app.store import open_store

    store = open_store(path)
    try:
        fill_demo_data(FIXED_DAY)
        brief = Brief.select().order_by(Brief.id).first()
        name = "Owner's own: weekly newsletter"
        save_own_template(name, template_json(name, "Made from a brief", load_brief(brief.id)))
        # A file keeps its attachments beside it and leaves this table empty; a
        # workspace fills it. One row, so the upgrade of the table is tested too.
        from desktop_app.models.attachment_contents import keep_content

        sample = b"%PDF-1.4 a portfolio sample"
        keep_content(hashlib.sha256(sample).hexdigest(), sample)
    finally:
        store.close()
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode=DELETE")
        connection.execute("VACUUM")
    finally:
        connection.close()


def main() -> int:
    from desktop_app.models.migrations import LATEST_VERSION

    target = FOLDER / f"schema-{LATEST_VERSION}.sqlite3"
    if target.exists():
        print(f"{target} exists: a released schema's file is never rewritten.", file=sys.stderr)
        return 1
    FOLDER.mkdir(parents=True, exist_ok=True)
    write_fixture(target)
    for leftover in FOLDER.glob(f"{target.name}*-*"):  # -wal, -shm, lock files
        leftover.unlink()
    print(f"wrote {target} ({target.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
