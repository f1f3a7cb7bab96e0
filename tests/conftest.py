"""Shared fixtures: every test gets its own HOME, settings and SQLite file.

A module or test marked BOTH_ENGINES runs twice, on SQLite and on a fresh
PostgreSQL database of its own (copied from a migrated template, about a
tenth of a second), when OFFLOAD_TEST_POSTGRES_URL names a server
(`eval "$(.ci/postgres-test-cluster.sh)"` starts a throwaway one). Without
a server the PostgreSQL runs are skipped, loudly; with
OFFLOAD_REQUIRE_POSTGRES=1 (CI) they fail instead.

Tests run headless on Qt's offscreen platform. A test that needs a real
window (a real mouse drag) starts Xvfb with the `xvfb_display` fixture and
runs a child process on the xcb platform.
"""

from __future__ import annotations

import os

# Before anything imports Qt. OFFLOAD_TEST_QPA lets a child process that
# runs on Xvfb choose xcb instead.
os.environ["QT_QPA_PLATFORM"] = os.environ.get("OFFLOAD_TEST_QPA", "offscreen")

import itertools
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QSettings

from desktop_app.models.base import database, forget_session_passwords, unbind_database
from desktop_app.models.formats import use_locale
from desktop_app.models.i18n import use_language
from desktop_app.paths import set_application_names
from desktop_app.pyside_none_guard import guard_none_refcount
from desktop_app.store import Store, open_store

# The whole run makes millions of PySide6 calls: guard it as the app guards itself.
guard_none_refcount()

REPO = Path(__file__).resolve().parent.parent
_QT_LOCALE_AT_START = QLocale()


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Point HOME, the XDG folders and QSettings at this test's own folder."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    # Formats and language from a known system locale, and back to English after.
    for variable in ("LC_ALL", "LC_NUMERIC", "LC_MONETARY", "LC_TIME", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    set_application_names()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings")
    )
    yield
    # pytest-qt closed the test's windows and asked for their deletion, which
    # Qt does only once an event loop runs: maybe in the next test, after its
    # settings path is set, while a window's timers and signals still run.
    # Deleted now, while this test's settings and database are current.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if database.obj is not None:
        unbind_database()
    forget_session_passwords()
    use_locale("en_US")
    use_language("en")
    QLocale.setDefault(_QT_LOCALE_AT_START)  # the window sets it from the Formats setting


@pytest.fixture(autouse=True)
def todays_date(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Set a module's TODAY (and THIS_MONTH) to the day each test starts on.

    Modules that say `TODAY_FOLLOWS_THE_CLOCK = True` compare with what the app
    reads from date.today(); read once at import, a run that crossed midnight
    failed every test after it.
    """
    module = request.module
    if getattr(module, "TODAY_FOLLOWS_THE_CLOCK", False):
        today = date.today()
        monkeypatch.setattr(module, "TODAY", today, raising=False)
        if hasattr(module, "THIS_MONTH"):
            monkeypatch.setattr(module, "THIS_MONTH", today.replace(day=1))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "offload.sqlite3"


# Both engines for a module (`pytestmark = BOTH_ENGINES`) or a test: every
# test using `store` (or `engine`) runs on SQLite and on PostgreSQL.
BOTH_ENGINES = pytest.mark.both_engines
POSTGRES_URL = os.environ.get("OFFLOAD_TEST_POSTGRES_URL", "")
REQUIRE_POSTGRES = os.environ.get("OFFLOAD_REQUIRE_POSTGRES") == "1"
NO_SERVER = (
    'POSTGRESQL NOT TESTED: no server. Run `eval "$(.ci/postgres-test-cluster.sh)"` '
    "(sets OFFLOAD_TEST_POSTGRES_URL) to run the PostgreSQL half of the suite"
)


# A test of what only PostgreSQL does (two writers at once): it runs there alone.
POSTGRES_ONLY = pytest.mark.postgres_only


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "engine" in metafunc.fixturenames and metafunc.definition.get_closest_marker(
        "postgres_only"
    ):
        metafunc.parametrize(
            "engine", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
        )
    elif "engine" in metafunc.fixturenames and metafunc.definition.get_closest_marker(
        "both_engines"
    ):
        metafunc.parametrize(
            "engine",
            ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
            indirect=True,
        )


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    """The engine this run of the test uses ("sqlite" unless BOTH_ENGINES says so)."""
    return str(getattr(request, "param", "sqlite"))


def _admin_connection():  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=5)


_database_numbers = itertools.count(1)


def require_postgres() -> str:
    """The test server's URL; skips (fails under OFFLOAD_REQUIRE_POSTGRES=1) without one."""
    if not POSTGRES_URL:
        if REQUIRE_POSTGRES:
            pytest.fail("OFFLOAD_REQUIRE_POSTGRES=1 but OFFLOAD_TEST_POSTGRES_URL is not set")
        pytest.skip(NO_SERVER)
    return POSTGRES_URL


def database_url(name: str) -> str:
    """The test server's URL, naming the database `name` instead."""
    base, _, _ = POSTGRES_URL.rpartition("/")
    return f"{base}/{name}"


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str]:
    """A database migrated once per run, copied for each test (CREATE DATABASE … TEMPLATE)."""
    require_postgres()
    from desktop_app.workspace import open_workspace

    name = f"offload_template_{os.getpid()}"
    with _admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    # Made when a test first asks for a workspace, maybe with its window open
    # on a file: that file stays bound.
    previous = database.obj
    db, _ = open_workspace(database_url(name), read_only=False, create=True, upgrade=True)
    db.close()
    database.initialize(previous)
    yield name
    with _admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def new_postgres_database(request: pytest.FixtureRequest) -> Iterator[object]:
    """A maker of fresh, migrated PostgreSQL databases for this test; each is dropped after."""
    template = request.getfixturevalue("postgres_template")
    made: list[str] = []

    def make(*, empty: bool = False) -> str:
        name = f"offload_test_{os.getpid()}_{next(_database_numbers)}"
        with _admin_connection() as admin:
            source = "" if empty else f' TEMPLATE "{template}"'
            admin.execute(f'CREATE DATABASE "{name}"{source}')
        made.append(name)
        return database_url(name)

    yield make
    if made:
        with _admin_connection() as admin:
            for name in made:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def db_location(engine: str, db_path: Path, request: pytest.FixtureRequest) -> Path | str:
    """Where the test's database lives: a file in tmp_path, or a PostgreSQL URL."""
    if engine == "sqlite":
        return db_path
    require_postgres()
    make = request.getfixturevalue("new_postgres_database")
    return str(make())


@pytest.fixture
def store(db_location: Path | str) -> Iterator[Store]:
    """A fresh, migrated database (in tmp_path, or on the test server), bound for the test."""
    opened = open_store(db_location)
    yield opened
    opened.close()


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    """Say loudly, at the end, when the PostgreSQL half of the suite did not run."""
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if "POSTGRESQL NOT TESTED" in str(getattr(report, "longrepr", ""))
    ]
    if skipped:
        terminalreporter.write_sep(
            "!", f"{len(skipped)} POSTGRESQL TESTS DID NOT RUN (no server)", red=True, bold=True
        )
        terminalreporter.write_line(NO_SERVER)


@pytest.fixture
def window(qtbot, store: Store):
    """The main window on the test's database, shown, layout not remembered."""
    from desktop_app.views.main_window import MainWindow

    main_window = MainWindow(store, remember_layout=False)
    qtbot.addWidget(main_window)
    main_window.show()
    qtbot.waitExposed(main_window)
    return main_window


def modules_loaded_by(code: str, prefixes: tuple[str, ...], tmp_path: Path) -> set[str]:
    """The modules named `prefixes`… that a fresh interpreter has loaded after `code`."""
    names = f"(m for m in sys.modules if m.startswith({prefixes!r}))"
    probe = f"{code}\nimport sys\nprint('\\n'.join({names}))"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)},
        check=True,
    )
    return set(result.stdout.split())


def run_offload(*args: str, env: dict[str, str] | None = None, timeout: int = 120):
    """Run `python -m desktop_app ARGS` as a user would run `offload ARGS`."""
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=full_env,
        cwd=REPO,
        check=False,
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if any(item.get_closest_marker("cups") for item in items):
        from tests.cups_printers import skip_without_cups

        for item in items:
            if item.get_closest_marker("cups"):
                item.add_marker(skip_without_cups)


def require_marker(request: pytest.FixtureRequest, marker: str) -> None:
    """Fail a test that uses what `marker` stands for without carrying it:
    `make test-fast` leaves tests out by their markers, so they must be true."""
    if request.node.get_closest_marker(marker) is None:
        pytest.fail(f"{request.node.nodeid} must be marked @pytest.mark.{marker}")


@pytest.fixture
def cups_printers(request: pytest.FixtureRequest) -> Path:
    """The CUPS test printers' output folder (tests/cups_printers.py); mark tests `needs_cups`."""
    from tests.cups_printers import require_printers

    require_marker(request, "cups")
    return require_printers()


@pytest.fixture
def xvfb_display(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A private X server (Xvfb) for tests that need a real window; yields DISPLAY.

    `.ci/run` installs Xvfb; the README lists it for developers.
    """
    require_marker(request, "xvfb")
    if shutil.which("Xvfb") is None:
        pytest.fail("Xvfb is not installed: apt-get install xvfb (see README, 'System packages').")
    read_fd, write_fd = os.pipe()
    process = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as reader:
        number = reader.readline().strip()
    if not number:
        process.kill()
        pytest.fail("Xvfb did not start")
    try:
        yield f":{number}"
    finally:
        process.terminate()
        process.wait(timeout=10)
