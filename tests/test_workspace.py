"""A team workspace on a PostgreSQL server: opening, the version gate, and
one clear line for each way in that fails (nothing changed)."""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from pathlib import Path

import pytest

from desktop_app.models.briefs import Brief, BriefData, create_brief
from desktop_app.models.engine import (
    BOOLEAN_COLUMNS,
    CONNECT_TIMEOUT,
    VERSION_TABLE,
    schema_version,
)
from desktop_app.models.migrations import LATEST_VERSION
from desktop_app.models.schema import ALL_MODELS
from desktop_app.store import Access, DatabaseTooNew, StoreError, open_store
from desktop_app.workspace import describe
from tests.conftest import _admin_connection, database_url, require_postgres, run_offload

pytestmark = pytest.mark.postgres


@pytest.fixture
def store_on_postgres(new_postgres_database):
    store = open_store(new_postgres_database())
    yield store
    store.close()


def test_the_boolean_columns_listed_for_postgresql_are_the_models_booleans():
    from peewee import BooleanField

    found: dict[str, set[str]] = {}
    for model in ALL_MODELS:
        for field in model._meta.sorted_fields:
            if isinstance(field, BooleanField):
                found.setdefault(model._meta.table_name, set()).add(field.column_name)
    assert {table: set(columns) for table, columns in BOOLEAN_COLUMNS.items()} == found


def test_a_password_in_the_url_is_never_shown():
    assert describe("postgresql://ann:s3cret@db.example:5432/team") == (
        "postgresql://ann@db.example:5432/team"
    )


def test_an_empty_database_becomes_a_workspace_at_the_latest_schema(new_postgres_database):
    url = new_postgres_database(empty=True)
    store = open_store(url)
    try:
        assert store.is_workspace and store.name == url
        assert schema_version(store.db) == LATEST_VERSION
        brief_id = create_brief(BriefData(title="Weekly newsletter"))
        assert Brief.get_by_id(brief_id).title == "Weekly newsletter"
    finally:
        store.close()
    reopened = open_store(url, access=Access.READ)
    try:
        assert [b.title for b in Brief.select()] == ["Weekly newsletter"]
        with pytest.raises(Exception, match="read-only"):
            create_brief(BriefData(title="Refused"))
    finally:
        reopened.close()


def test_a_newer_workspace_is_refused_unchanged(new_postgres_database):
    url = new_postgres_database()
    with _admin_connection() as admin, admin.cursor() as cursor:
        cursor.execute("SELECT 1")
    store = open_store(url)
    store.db.execute_sql(f'UPDATE "{VERSION_TABLE}" SET "version" = %s', (LATEST_VERSION + 5,))
    store.close()
    with pytest.raises(DatabaseTooNew, match="newer version of Offload"):
        open_store(url)


def test_another_applications_database_is_refused_unchanged(new_postgres_database):
    url = new_postgres_database(empty=True)
    import psycopg

    with psycopg.connect(url, autocommit=True) as other:
        other.execute("CREATE TABLE invoices (id serial PRIMARY KEY, total numeric)")
    with pytest.raises(StoreError, match=r"another application's tables \(invoices\)"):
        open_store(url)
    with psycopg.connect(url, autocommit=True) as other:
        tables = other.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        ).fetchall()
    assert tables == [("invoices",)]


def test_a_read_only_opening_of_an_empty_database_creates_nothing(new_postgres_database):
    url = new_postgres_database(empty=True)
    with pytest.raises(StoreError, match="holds no Offload data"):
        open_store(url, access=Access.READ)
    import psycopg

    with psycopg.connect(url, autocommit=True) as other:
        assert other.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ).fetchone() == (0,)


def test_two_clients_creating_one_workspace_at_once_climb_the_ladder_once(new_postgres_database):
    url = new_postgres_database(empty=True)
    errors: list[BaseException] = []

    def open_and_close() -> None:
        try:
            from desktop_app.workspace import open_workspace

            db, _ = open_workspace(url, read_only=False, create=True, upgrade=True)
            db.close()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=open_and_close) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    store = open_store(url)
    try:
        assert schema_version(store.db) == LATEST_VERSION
    finally:
        store.close()


@pytest.mark.slow
def test_a_server_that_never_answers_is_given_up_after_the_timeout():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts the connection, never speaks
    port = listener.getsockname()[1]
    try:
        start = time.monotonic()
        with pytest.raises(StoreError, match="did not answer within"):
            open_store(f"postgresql://offload@127.0.0.1:{port}/team")
        assert time.monotonic() - start < CONNECT_TIMEOUT + 3
    finally:
        listener.close()


def test_each_failure_is_one_line_from_the_command_line(tmp_path: Path):
    require_postgres()
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now
    env = {"HOME": str(tmp_path)}
    cases = {
        f"postgresql://offload@127.0.0.1:{port}/team": "connection refused",
        database_url("no_such_workspace"): "has no database 'no_such_workspace'",
        database_url("postgres").replace("offload@", "nobody_here@"): "has no user nobody_here",
    }
    for url, expected in cases.items():
        result = run_offload("check", "--db", url, env=env)
        assert result.returncode == 1, result
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and expected in lines[0], result.stderr


def test_the_command_line_imports_into_a_workspace_and_checks_it(new_postgres_database, tmp_path):
    url = new_postgres_database()
    csv = Path(__file__).parent / "data" / "imports" / "toggl-detailed.csv"
    env = {"HOME": str(tmp_path)}
    imported = run_offload("import-time", str(csv), "--db", url, env=env)
    assert imported.returncode == 0, imported.stderr
    assert "Imported 4 time entries" in imported.stdout
    checked = run_offload("check", "--db", url, env=env)
    assert checked.returncode == 0, checked.stderr
    assert f"schema {LATEST_VERSION}" in checked.stdout
    out = tmp_path / "tasks.csv"
    exported = run_offload("export-tasks", "--month", "2025-03", str(out), "--db", url, env=env)
    assert exported.returncode == 0, exported.stderr
    assert "Newsletter" in out.read_text()


def _counts(url: str) -> tuple[int, int, list[str]]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        entries = connection.execute("SELECT count(*) FROM time_entry").fetchone()
        names = connection.execute("SELECT name FROM task ORDER BY name_key").fetchall()
    assert entries is not None
    return int(entries[0]), len(names), [name for (name,) in names]


def test_two_processes_importing_at_once_lose_nothing_and_double_nothing(
    new_postgres_database, tmp_path
):
    data = Path(__file__).parent / "data" / "imports"
    files = [data / "toggl-detailed.csv", data / "harvest.csv", data / "toggl-detailed.csv"]
    env = {"HOME": str(tmp_path)}
    one_by_one = new_postgres_database()
    for csv in files:
        result = run_offload("import-time", str(csv), "--db", one_by_one, env=env)
        assert result.returncode == 0, result.stderr
    at_once = new_postgres_database()
    results: list = [None] * len(files)

    def run(index: int) -> None:
        results[index] = run_offload("import-time", str(files[index]), "--db", at_once, env=env)

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(files))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    assert [r.returncode for r in results] == [0, 0, 0], [r.stderr for r in results]
    assert _counts(at_once) == _counts(one_by_one)
    entries, tasks, _ = _counts(at_once)
    assert entries > 4 and tasks > 4


def test_an_import_that_meets_a_task_someone_is_creating_waits_then_uses_it(store_on_postgres):
    """Ann's transaction creates "Bookkeeping"; Ben's import, naming it too,
    waits on the server, is refused the duplicate when Ann commits, and
    uses Ann's task instead: it stores its entries there."""
    from datetime import date

    from desktop_app.models.base import database
    from desktop_app.models.tasks import NewEntry, Task, TimeEntry, create_task, import_time_entries

    entries = [NewEntry("Bookkeeping", date(2025, 3, 3), 45, "", f"key-{n}") for n in range(3)]
    outcome: list = []

    def bens_import() -> None:
        try:
            outcome.append(import_time_entries(entries))
        except BaseException as error:
            outcome.append(error)
        finally:
            database.close()  # this thread's own connection

    with database.atomic():
        create_task("Bookkeeping")
        ben = threading.Thread(target=bens_import)
        ben.start()
        with _admin_connection() as admin:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:  # Ben's insert waits on Ann's row
                waiting = admin.execute(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE wait_event_type = 'Lock' AND datname = %s",
                    (store_on_postgres.db.database.rsplit("/", 1)[-1],),
                ).fetchone()
                if waiting and waiting[0]:
                    break
            else:
                pytest.fail("the second import never waited for the first")
    ben.join(timeout=60)
    [result] = outcome
    assert not isinstance(result, BaseException), result
    assert [t.name for t in Task.select()] == ["Bookkeeping"]
    assert TimeEntry.select().count() == 3
    assert result.task_ids == []  # it created no task: Ann's was there


def test_two_imports_of_one_file_at_once_store_its_entries_once(store_on_postgres):
    """Ann's import of a file is not committed yet; Ben imports the same file:
    his inserts wait on hers, then skip what she stored (no error, no
    double): his import adds nothing and counts every row a duplicate."""
    from datetime import date

    from desktop_app.models.base import database
    from desktop_app.models.tasks import NewEntry, Task, TimeEntry, import_time_entries

    entries = [NewEntry("Bookkeeping", date(2025, 3, 3), 45, "", f"key-{n}") for n in range(3)]
    outcome: list = []

    def bens_import() -> None:
        try:
            outcome.append(import_time_entries(entries))
        except BaseException as error:
            outcome.append(error)
        finally:
            database.close()  # this thread's own connection

    with database.atomic():
        anns = import_time_entries(entries)
        ben = threading.Thread(target=bens_import)
        ben.start()
        with _admin_connection() as admin:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:  # Ben's insert waits on Ann's rows
                waiting = admin.execute(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE wait_event_type = 'Lock' AND datname = %s",
                    (store_on_postgres.db.database.rsplit("/", 1)[-1],),
                ).fetchone()
                if waiting and waiting[0]:
                    break
            else:
                pytest.fail("the second import never waited for the first")
    ben.join(timeout=60)
    [result] = outcome
    assert not isinstance(result, BaseException), result
    assert len(anns.entry_ids) == 3
    assert [t.name for t in Task.select()] == ["Bookkeeping"]
    assert TimeEntry.select().count() == 3
    assert (result.task_ids, result.entry_ids, result.duplicates) == ([], [], 3)


def test_an_import_caught_in_a_deadlock_is_run_again(store_on_postgres):
    """Ann creates "Invoicing", Ben's import creates "Payroll" then waits on
    Ann's "Invoicing"; Ann then creates "Payroll": a deadlock. The server
    gives up on Ben's transaction (his check comes first); his import is
    run again once Ann has committed, and uses her two tasks."""
    from datetime import date

    from desktop_app.models.base import database
    from desktop_app.models.tasks import NewEntry, Task, TimeEntry, create_task, import_time_entries

    entries = [
        NewEntry(name, date(2025, 3, 3), 30, "", f"key-{name}")
        for name in ("Payroll", "Invoicing", "Payroll")
    ]
    outcome: list = []

    def bens_import() -> None:
        try:
            outcome.append(import_time_entries(entries))
        except BaseException as error:
            outcome.append(error)
        finally:
            database.close()  # this thread's own connection

    with database.atomic():
        # Ann's session never looks for the deadlock: the server breaks Ben's side.
        database.execute_sql("SET LOCAL deadlock_timeout = '60s'")
        # Ben's looks after 5 s of waiting: time enough for Ann to wait on him too.
        name = store_on_postgres.db.database.rsplit("/", 1)[-1]
        with _admin_connection() as admin:
            admin.execute(f"ALTER DATABASE \"{name}\" SET deadlock_timeout = '5s'")
        create_task("Invoicing")
        ben = threading.Thread(target=bens_import)
        ben.start()
        with _admin_connection() as admin:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:  # Ben holds "Payroll", waits on "Invoicing"
                waiting = admin.execute(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE wait_event_type = 'Lock' AND datname = %s",
                    (name,),
                ).fetchone()
                if waiting and waiting[0]:
                    break
            else:
                pytest.fail("the second import never waited for the first")
        create_task("Payroll")  # waits on Ben's "Payroll" until his transaction is broken
    ben.join(timeout=60)
    [result] = outcome
    assert not isinstance(result, BaseException), result
    assert sorted(t.name for t in Task.select()) == ["Invoicing", "Payroll"]
    assert result.task_ids == []  # Ann's two tasks, none of his own
    assert TimeEntry.select().count() == 2  # the repeated key once


def test_copy_workspace_both_ways_gives_equal_exports(new_postgres_database, tmp_path):
    env = {"HOME": str(tmp_path)}
    original = tmp_path / "original.sqlite3"
    back = tmp_path / "back.sqlite3"
    workspace = new_postgres_database(empty=True)
    made = run_offload("generate-sample", str(original), env=env)
    assert made.returncode == 0, made.stderr
    there = run_offload("copy-workspace", str(original), workspace, env=env)
    assert there.returncode == 0, there.stderr
    # The demo's rows depend on the day it is made: each count equal on both sides.
    copied = re.search(r"time_entry: (\d+) copied, (\d+) in the target", there.stdout)
    assert copied and copied[1] == copied[2] and int(copied[1]) > 100
    again = run_offload("copy-workspace", str(original), workspace, env=env)
    assert again.returncode == 1
    assert "The target is not empty" in again.stderr and len(again.stderr.splitlines()) == 1
    home = run_offload("copy-workspace", workspace, str(back), env=env)
    assert home.returncode == 0, home.stderr
    assert there.stdout.splitlines()[1:] == home.stdout.splitlines()[1:]  # the same counts
    exports = {}
    for name, location in (
        ("original", str(original)),
        ("workspace", workspace),
        ("back", str(back)),
    ):
        tasks, payments = tmp_path / f"{name}-tasks.csv", tmp_path / f"{name}-payments.csv"
        for command, out in (("export-tasks", tasks), ("export-payments", payments)):
            result = run_offload(command, "--db", location, str(out), env=env)
            assert result.returncode == 0, result.stderr
        exports[name] = (tasks.read_bytes(), payments.read_bytes())
    assert exports["original"] == exports["workspace"] == exports["back"]
    # offload backup of a workspace: an SQLite file holding the same.
    kept = tmp_path / "kept.sqlite3"
    backed_up = run_offload("backup", "--db", workspace, str(kept), env=env)
    assert backed_up.returncode == 0, backed_up.stderr
    out = tmp_path / "kept-payments.csv"
    assert run_offload("export-payments", "--db", str(kept), str(out), env=env).returncode == 0
    assert out.read_bytes() == exports["original"][1]
    # Ids kept, and new rows in the workspace get new ids after the copied ones.
    store = open_store(workspace)
    try:
        brief_id = create_brief(BriefData(title="After the copy"))
        assert brief_id > max(b.id for b in Brief.select() if b.id != brief_id)
    finally:
        store.close()


def test_a_wrong_password_is_one_line_and_the_password_is_never_shown(tmp_path: Path):
    """The test cluster asks `offload_password` for its password
    (.ci/postgres-test-cluster.sh); every other role is trusted."""
    require_postgres()
    with _admin_connection() as admin:
        admin.execute("DROP ROLE IF EXISTS offload_password")
        admin.execute("CREATE ROLE offload_password LOGIN PASSWORD 'the-right-one'")
    url = database_url("postgres").replace("offload@", "offload_password@")
    env = {"HOME": str(tmp_path), "PGPASSWORD": "a-wrong-one"}
    result = run_offload("check", "--db", url, env=env)
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert "refused the password of offload_password" in line
    assert "~/.pgpass" in line
    typed = url.replace("offload_password@", "offload_password:a-typed-secret@")
    result = run_offload("check", "--db", typed, env={"HOME": str(tmp_path)})
    assert result.returncode == 1
    assert "a-typed-secret" not in result.stderr
    [log] = tmp_path.rglob("offload.log")
    assert "refused the password" in log.read_text()
    assert "a-typed-secret" not in log.read_text()


def test_an_import_whose_connection_is_cut_keeps_nothing_and_says_so(
    new_postgres_database, tmp_path, qtbot
):
    """The server ends the importing session in the middle of its transaction
    (pg_terminate_backend from a second connection, as an administrator or a
    restart would): nothing of the import is kept, and one line says so."""
    import subprocess
    import sys

    import psycopg

    url = new_postgres_database()
    csv = Path(__file__).parent / "data" / "imports" / "toggl-detailed.csv"
    env = {**os.environ, "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    with psycopg.connect(url) as holder:
        # Held until the import has created its tasks and waits to write its
        # entries: the moment to cut it, found without guessing at timings.
        holder.execute("LOCK TABLE time_entry IN SHARE ROW EXCLUSIVE MODE")
        importer = subprocess.Popen(
            [sys.executable, "-m", "desktop_app", "import-time", str(csv), "--db", url],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=Path(__file__).resolve().parent.parent,
        )
        try:
            waiting: list[int] = []

            def importer_waits() -> bool:
                with psycopg.connect(url, autocommit=True) as watcher:
                    rows = watcher.execute(
                        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                        "AND application_name = 'Offload' AND wait_event_type = 'Lock' "
                        "AND query LIKE 'INSERT INTO \"time_entry\"%'"
                    ).fetchall()
                waiting[:] = [pid for (pid,) in rows]
                return bool(waiting)

            qtbot.waitUntil(importer_waits, timeout=60_000)
            with psycopg.connect(url, autocommit=True) as administrator:
                administrator.execute("SELECT pg_terminate_backend(%s)", (waiting[0],))
        finally:
            holder.rollback()
        out, err = importer.communicate(timeout=120)
    assert importer.returncode == 1, (out, err)
    [line] = err.strip().splitlines()
    assert line.startswith("offload import-time: The connection to the team workspace's server")
    assert "nothing of what was being saved was kept" in line
    assert "Traceback" not in err and "unexpected error" not in err
    # Whole or not at all: neither the tasks it had created nor any entry.
    assert _counts(url) == (0, 0, [])
    # And the same import, run again, goes in whole.
    again = run_offload("import-time", str(csv), "--db", url, env={"HOME": str(tmp_path)})
    assert again.returncode == 0, again.stderr
    assert _counts(url)[0] == 4


def test_after_the_server_ends_a_session_the_next_edit_connects_again(store_on_postgres):
    """A server restarted (or a session ended by its administrator) under an
    open window: the edit that meets it fails whole, with the one line that
    says so; the next one connects again and is saved."""
    from peewee import PeeweeException

    from desktop_app.database_file import CONNECTION_LOST, explain_database_error
    from desktop_app.models.tasks import Task, create_task

    (pid,) = store_on_postgres.db.execute_sql("SELECT pg_backend_pid()").fetchone()
    with _admin_connection() as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    with pytest.raises(PeeweeException) as lost:
        create_task("Met the end", need="repetitive")
    assert explain_database_error(lost.value, None) == CONNECTION_LOST
    create_task("After the restart", need="repetitive")
    assert [task.name for task in Task.select()] == ["After the restart"]
    (again,) = store_on_postgres.db.execute_sql("SELECT pg_backend_pid()").fetchone()
    assert again != pid
