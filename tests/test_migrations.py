import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from peewee import SqliteDatabase

from desktop_app.models.base import database
from desktop_app.models.migrations import LATEST_VERSION, MIGRATIONS, migrate
from desktop_app.models.schema import ALL_MODELS
from desktop_app.models.settings import load_settings
from desktop_app.store import DatabaseTooNew, NotADatabase, open_store


def _schema(path):
    """Tables with their columns, indexes and foreign keys, as SQLite reports them."""
    connection = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        schema = {}
        for table in tables:
            columns = connection.execute(f'PRAGMA table_info("{table}")').fetchall()
            indexes = {
                (
                    name,
                    unique,
                    tuple(c[2] for c in connection.execute(f'PRAGMA index_info("{name}")')),
                )
                for _, name, unique, *_ in connection.execute(f'PRAGMA index_list("{table}")')
            }
            keys = connection.execute(f'PRAGMA foreign_key_list("{table}")').fetchall()
            schema[table] = (columns, indexes, sorted(keys))
        return schema
    finally:
        connection.close()


def test_the_ladder_builds_exactly_what_the_models_describe(tmp_path):
    laddered = tmp_path / "ladder.sqlite3"
    store = open_store(laddered)
    store.close()

    from_models = tmp_path / "models.sqlite3"
    db = SqliteDatabase(str(from_models))
    database.initialize(db)
    db.create_tables(ALL_MODELS)
    db.close()
    database.initialize(None)

    assert _schema(laddered) == _schema(from_models)


def test_the_ladder_has_no_gaps():
    # A database stamped with a step's version never runs an earlier step added
    # later: a step waiting for an earlier number (13 for 12, issue 14) must
    # land after it, and this fails until it has.
    assert [step.version for step in MIGRATIONS] == list(range(1, LATEST_VERSION + 1))


def test_a_new_database_is_at_the_latest_version(store):
    assert store.db.pragma("user_version") == LATEST_VERSION
    assert store.backup_path is None  # nothing to keep a copy of


def _database_at_version(path, version):
    """A database as an earlier Offload left it: only the first `version` steps."""
    db = SqliteDatabase(str(path))
    database.initialize(db)
    migrate(db, list(MIGRATIONS[:version]))
    db.execute_sql("INSERT INTO setting (key, value) VALUES ('business_name', 'Old Shop')")
    db.close()
    database.initialize(None)


def test_an_older_database_is_backed_up_then_upgraded_keeping_its_data(db_path):
    db_path.parent.mkdir(parents=True)
    _database_at_version(db_path, 1)
    before = db_path.read_bytes()

    store = open_store(db_path)
    try:
        assert store.db.pragma("user_version") == LATEST_VERSION
        assert load_settings().business_name == "Old Shop"
        assert store.backup_path is not None
        assert store.backup_path.parent == db_path.parent / "backups"
        assert "schema1" in store.backup_path.name
        backup = sqlite3.connect(store.backup_path)
        assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
        assert backup.execute("SELECT value FROM setting").fetchone()[0] == "Old Shop"
        backup.close()
        # The copy holds the same data as the file had before the upgrade.
        assert len(before) > 0
    finally:
        store.close()


def test_every_earlier_schema_upgrades(tmp_path):
    for version in range(1, LATEST_VERSION):
        path = tmp_path / f"v{version}.sqlite3"
        _database_at_version(path, version)
        store = open_store(path)
        assert store.db.pragma("user_version") == LATEST_VERSION
        assert load_settings().business_name == "Old Shop"
        store.close()


def test_a_database_from_a_newer_offload_is_refused_unchanged(db_path):
    db_path.parent.mkdir(parents=True)
    connection = sqlite3.connect(db_path)
    # A newer Offload still has the settings table every schema has had.
    connection.execute("CREATE TABLE setting (key, value)")
    connection.execute("CREATE TABLE future (x)")
    connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    connection.commit()
    connection.close()
    digest = hashlib.sha256(db_path.read_bytes()).hexdigest()
    files_before = sorted(p.name for p in db_path.parent.iterdir())

    with pytest.raises(DatabaseTooNew, match="newer version of Offload"):
        open_store(db_path)

    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in db_path.parent.iterdir()) == files_before
    assert database.obj is None
    # The refusal let go of the lock: the next attempt gets the same answer, not "locked".
    with pytest.raises(DatabaseTooNew):
        open_store(db_path)


def test_a_file_that_is_not_a_database_is_refused(db_path):
    db_path.parent.mkdir(parents=True)
    db_path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(NotADatabase, match="not an Offload database"):
        open_store(db_path)
    assert db_path.read_text().startswith("these are my notes")


# Real files written by each released schema version (tools/schema_fixture.py):
# a released step edited afterwards, or a step that loses rows, fails here.
SCHEMA_FILES = Path(__file__).parent / "data" / "schemas"
FIRST_RELEASED_VERSION = 5  # versions 1-4 were never released on their own


def _row_counts(path):
    connection = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in tables
        }
    finally:
        connection.close()


def test_every_schema_version_since_the_first_release_has_its_real_file():
    versions = {
        int(path.stem.removeprefix("schema-")) for path in SCHEMA_FILES.glob("schema-*.sqlite3")
    }
    assert versions == set(range(FIRST_RELEASED_VERSION, LATEST_VERSION + 1)), (
        "a schema change adds its file: python -m tools.schema_fixture"
    )


@pytest.mark.parametrize(
    "fixture", sorted(SCHEMA_FILES.glob("schema-*.sqlite3")), ids=lambda path: path.stem
)
def test_a_real_file_of_each_released_version_opens_upgrades_and_keeps_every_row(fixture, tmp_path):
    path = tmp_path / "offload.sqlite3"
    shutil.copyfile(fixture, path)
    before = _row_counts(path)
    assert all(before.values()), f"{fixture.name} has an empty table: {before}"
    version = int(fixture.stem.removeprefix("schema-"))
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == version

    store = open_store(path)
    try:
        assert store.db.pragma("user_version") == LATEST_VERSION
        # Every table the old file had still holds every row.
        after = _row_counts(path)
        assert {table: after[table] for table in before} == before
        assert load_settings().business_name
        from desktop_app.models.briefs import Expectation
        from desktop_app.models.tasks import Task

        assert Task.select().count() == before["task"]
        assert Expectation.select().count() == before["expectation"]
        assert store.db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
        assert store.db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        store.close()
    assert _schema(path) == _schema_of_a_new_database(tmp_path / "new.sqlite3")


def _schema_of_a_new_database(path):
    open_store(path).close()
    return _schema(path)
