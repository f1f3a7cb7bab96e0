"""Schema 10: each brief stores how many clarity findings its own fields and
expectations give (`brief.content_findings`), so the list of briefs and the
Overview no longer run the clarity check over every brief as they read.

Every brief stored before is counted here, from its rows as they are.
"""

from __future__ import annotations

from peewee import IntegerField, SqliteDatabase
from playhouse.migrate import SqliteMigrator, migrate

from desktop_app.models.engine import param


def apply(db: SqliteDatabase, migrator: SqliteMigrator) -> None:
    migrate(migrator.add_column("brief", "content_findings", IntegerField(null=True)))
    # Plain rows, not the models: they describe the latest schema, and this
    # file is at step 10. The rules read only whether a value is there.
    cursor = db.execute_sql("SELECT * FROM brief")
    columns = [column[0] for column in cursor.description]
    briefs = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    if not briefs:
        return  # a new database: nothing to count
    # Here, not at the top: every start-up reads the ladder, and a new
    # database climbs it before the first frame, which needs none of the
    # clarity check and the models behind it.
    from desktop_app.models.briefs import count_stored_content_findings  # noqa: PLC0415

    expectations = db.execute_sql(
        "SELECT brief_id, text, level, measure, id FROM expectation ORDER BY brief_id, position, id"
    ).fetchall()
    for brief_id, count in count_stored_content_findings(briefs, expectations).items():
        db.execute_sql(
            f"UPDATE brief SET content_findings = {param(db)} WHERE id = {param(db)}",
            (count, brief_id),
        )
