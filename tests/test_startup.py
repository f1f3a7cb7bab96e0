"""Start-up: the first frame comes before any slow work, and `offload` loads
only what the command it runs needs."""

from datetime import date

from PySide6.QtCore import QEvent, QObject

from desktop_app.demo import fill_demo_data
from desktop_app.views.first_paint import after_next_frame
from desktop_app.views.main_window import MainWindow
from tests.conftest import modules_loaded_by


class FirstFrame(QObject):
    """Notes what the Overview showed when the window was first painted."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.page = window.tab("overview").content
        self.seen: dict | None = None
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.seen is None:
            self.seen = {
                "loaded": self.page.overview is not None,
                "tile": self.page.tiles["handed_off"].value_label.text(),
                "empty lists": [a.empty.isVisible() for a in self.page.lists.values()],
            }
        return False


def test_the_window_is_painted_before_the_overview_loads_then_it_fills_in(store, qtbot):
    fill_demo_data(date.today())
    window = MainWindow(store, remember_layout=False)
    qtbot.addWidget(window)
    first = FirstFrame(window)
    page = first.page
    with qtbot.waitSignal(page.first_loaded, timeout=10_000):
        window.show()
    # The first frame: placeholders, and no list claiming to be empty yet.
    assert first.seen == {"loaded": False, "tile": "…", "empty lists": [False] * len(page.lists)}
    # Then the figures, painted in a later frame.
    assert page.overview is not None
    assert page.tiles["handed_off"].value_label.text() != "…"
    assert any(lst.view.isVisible() for lst in page.lists.values())


def test_an_overview_first_shown_later_loads_when_it_is_shown(store, qtbot):
    from desktop_app.views.tabs import TABS

    fill_demo_data(date.today())
    window = MainWindow(store, remember_layout=False)
    qtbot.addWidget(window)
    window.tabs.setCurrentIndex([spec.key for spec in TABS].index("contractors"))
    window.show()
    qtbot.waitExposed(window)
    page = window.tab("overview").ensure_built()
    assert page.overview is None  # nothing loaded while another tab shows
    with qtbot.waitSignal(page.first_loaded, timeout=10_000):
        window.show_tab("overview")
    assert page.tiles["handed_off"].value_label.text() != "…"


def test_the_window_and_help_import_no_subcommand_module(tmp_path):
    for argv in ([], ["--db", "x.sqlite3"], ["--demo"]):
        code = f"import desktop_app.cli as c; c.build_parser({argv!r})"
        assert modules_loaded_by(code, ("desktop_app.cli",), tmp_path) == {"desktop_app.cli"}


def test_a_subcommand_imports_its_own_module_only(tmp_path):
    code = (
        "import desktop_app.cli as c; c.build_parser(['--db', 'a', 'export-brief', '1', 'o.pdf'])"
    )
    assert modules_loaded_by(code, ("desktop_app.cli",), tmp_path) == {
        "desktop_app.cli",
        "desktop_app.cli.common",
        "desktop_app.cli.export_brief",
    }


def test_help_lists_every_subcommand_with_the_help_its_module_gives(capsys):
    import argparse

    from desktop_app.cli import SUBCOMMANDS, build_parser

    text = build_parser().format_help()
    for subcommand in SUBCOMMANDS:
        assert subcommand.name in text
        real = build_parser([subcommand.name])
        action = next(a for a in real._actions if isinstance(a, argparse._SubParsersAction))
        helps = {choice.dest: choice.help for choice in action._choices_actions}
        assert helps[subcommand.name] == subcommand.help, subcommand.name
        # The real subcommand, with its own options, not the stand-in.
        assert action.choices[subcommand.name].add_help


def test_a_subcommand_parses_its_own_arguments():
    from desktop_app.cli import build_parser

    argv = ["import-time", "--dry-run", "--db", "a.sqlite3", "file.csv"]
    args = build_parser(argv).parse_args(argv)
    assert (args.command, args.dry_run, args.db.name, args.file.name) == (
        "import-time", True, "a.sqlite3", "file.csv",
    )  # fmt: skip


def test_the_first_frame_waits_for_no_step_model_dialog_or_subcommand(tmp_path):
    # What the first frame needs is loaded before it; each step's models and
    # queries, the dialogs and the subcommands load after it (issue 13).
    # The database exists, as at every start but the first (creating one
    # migrates it, and playhouse.migrate imports psycopg).
    from desktop_app.store import open_store

    open_store(tmp_path / "db.sqlite3").close()
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from desktop_app.cli import build_parser\n"
        f"build_parser(['--db', {str(tmp_path / 'db.sqlite3')!r}])\n"
        "from desktop_app.app import create_application\n"
        "from desktop_app.store import open_store\n"
        "from desktop_app.views.first_paint import after_next_frame\n"
        "from desktop_app.views.main_window import MainWindow\n"
        "app = create_application()\n"
        f"store = open_store(Path({str(tmp_path / 'db.sqlite3')!r}))\n"
        "window = MainWindow(store, remember_layout=False)\n"
        "window.show()\n"
        "loaded = []\n"
        "after_next_frame(window, lambda: (loaded.extend(sys.modules), app.quit()))\n"
        "app.exec()\n"
        "print('\\n'.join(m for m in loaded if m.startswith(('desktop_app', 'psycopg'))))\n"
    )
    loaded = modules_loaded_by(code, ("no module is named like this",), tmp_path)
    for later in (
        "desktop_app.models.overview",
        "desktop_app.models.tasks",
        "desktop_app.models.briefs",
        "desktop_app.models.contractors",
        "desktop_app.models.engagements",
        "desktop_app.views.settings_dialog",
        "desktop_app.views.restore_dialog",
        "desktop_app.restore",
        "desktop_app.views.undo",
        "desktop_app.cli.common",
        # PostgreSQL's driver, for a file (models/__init__.py).
        "psycopg",
    ):
        assert later not in loaded, later
    assert "desktop_app.views.overview.page" in loaded


def test_the_window_icon_is_set_just_after_the_first_frame(tmp_path):
    # On X11 a window shown with an icon decodes every size of it first.
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from desktop_app.app import create_application, run_gui\n"
        "from desktop_app.views.first_paint import after_next_frame\n"
        "app = create_application(icon=False)\n"
        "at_first_frame = []\n"
        "def watch():\n"
        "    [window] = [w for w in app.topLevelWidgets() if w.objectName() == 'mainWindow']\n"
        "    after_next_frame(window, lambda: at_first_frame.append(app.windowIcon().isNull()))\n"
        "QTimer.singleShot(0, watch)\n"
        f"status = run_gui(Path({str(tmp_path / 'db.sqlite3')!r}))\n"
        "print('first frame without icon:', at_first_frame)\n"
        "print('icon sizes:', sorted(s.width() for s in app.windowIcon().availableSizes()))\n"
    )
    import os
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
             "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data"),
             "OFFLOAD_STARTUP_PROBE": "overview"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert "first frame without icon: [True]" in result.stdout
    assert "icon sizes: [16, 24, 32, 48, 64, 128, 256]" in result.stdout


def test_an_overview_hidden_before_its_first_frame_loads_when_shown_again(store, qtbot):
    fill_demo_data(date.today())
    window = MainWindow(store, remember_layout=False)
    qtbot.addWidget(window)
    page = window.tab("overview").content
    window.show()
    window.show_tab("contractors")  # before the event loop paints the Overview
    for _ in range(2):  # the first frames come and go without the Overview
        painted: list[bool] = []
        after_next_frame(window, lambda painted=painted: painted.append(True))
        qtbot.waitUntil(lambda painted=painted: bool(painted))
    assert page.overview is None
    with qtbot.waitSignal(page.first_loaded, timeout=10_000):
        window.show_tab("overview")


def test_opening_an_up_to_date_database_loads_no_schema_step(tmp_path):
    # The steps and playhouse.migrate are for upgrading a file (issue 13:
    # start-up); a file at the latest version is opened without them.
    from desktop_app.store import open_store

    db = tmp_path / "db.sqlite3"
    open_store(db).close()
    code = (
        "from pathlib import Path\n"
        "from desktop_app.store import open_store\n"
        f"open_store(Path({str(db)!r})).close()\n"
    )
    loaded = modules_loaded_by(
        code, ("playhouse.migrate", "desktop_app.models.migrations.m"), tmp_path
    )
    assert loaded == set()


def test_the_menus_titles_are_in_the_first_frame_and_their_actions_come_after_it(store, qtbot):
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu

    window = MainWindow(store, remember_layout=False, menus_after_first_frame=True)
    qtbot.addWidget(window)
    bar = window.menuBar()
    titles = [action.text() for action in bar.actions()]
    assert titles == ["&File", "&Edit", "&View", "&Help"]
    assert window.findChild(QAction, "actionQuit") is None
    window.show()
    qtbot.waitExposed(window)
    # A menu opened before fill_menus ran is filled as it opens.
    file_menu = window.findChild(QMenu, "menuFile")
    file_menu.popup(bar.actionGeometry(bar.actions()[0]).bottomLeft())
    qtbot.waitUntil(file_menu.isVisible)
    names = [action.objectName() for action in file_menu.actions()]
    assert "actionQuit" in names and "actionOpenDatabase" in names
    assert window.findChild(QAction, "actionUndo") is not None  # every menu, at once
    file_menu.close()
    window.fill_menus()  # once only
    assert [a.objectName() for a in file_menu.actions()] == names


def test_offload_fills_its_menus_just_after_the_first_frame(tmp_path):
    # The real entry point: the menus' actions, with their shortcuts, are
    # made after the first frame, before the Overview's load.
    code = (
        "from pathlib import Path\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtGui import QAction\n"
        "from desktop_app.app import create_application, run_gui\n"
        "app = create_application(icon=False)\n"
        "seen = []\n"
        "def watch():\n"
        "    [window] = [w for w in app.topLevelWidgets() if w.objectName() == 'mainWindow']\n"
        "    page = window.tab('overview').content\n"
        "    def note(when):\n"
        "        quit = window.findChild(QAction, 'actionQuit')\n"
        "        seen.append((when, quit is not None and not quit.shortcut().isEmpty()))\n"
        "    note('built')\n"
        "    load = page.refresh\n"
        "    page.refresh = lambda: (note('overview load'), load())\n"
        "QTimer.singleShot(0, watch)\n"
        f"run_gui(Path({str(tmp_path / 'db.sqlite3')!r}))\n"
        "print('seen:', seen)\n"
    )
    import os
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
             "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data"),
             "OFFLOAD_STARTUP_PROBE": "overview"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert "seen: [('built', False), ('overview load', True)]" in result.stdout, result.stdout


def test_the_window_s_options_alone_are_parsed_without_the_subcommands(capsys):
    import argparse

    import pytest

    from desktop_app import cli

    for argv in ([], ["--db", "a.sqlite3"], ["--demo"], ["--db=b.sqlite3", "--smoke-test"]):
        assert cli._opens_the_window(argv), argv
        args = cli._parser(None, subcommands=False).parse_args(argv)
        assert args.command is None
    parser = cli._parser(None, subcommands=False)
    assert not any(isinstance(a, argparse._SubParsersAction) for a in parser._actions)
    # Everything else goes to the whole parser: help, mistakes, subcommands.
    for argv in (["--help"], ["--version"], ["--db"], ["--demo", "--smoke-test"], ["backup", "x"],
                 ["nonsense"], ["--bogus"]):  # fmt: skip
        assert not cli._opens_the_window(argv), argv
    with pytest.raises(SystemExit):
        cli.main(["nonsense"])
    assert "invalid choice: 'nonsense' (choose from 'backup'" in capsys.readouterr().err


def test_peewee_comes_without_psycopg_and_gets_it_for_a_workspace(tmp_path):
    code = (
        "import sys\n"
        "from desktop_app.models import base\n"
        "import peewee\n"
        "print('before', 'psycopg' in sys.modules, peewee.psycopg)\n"
        "db = base.postgres_database('postgresql://nobody@127.0.0.1:1/none')\n"
        "import psycopg\n"
        "from psycopg.pq import TransactionStatus as T\n"
        "from psycopg.types.json import Json, Jsonb\n"
        "a = peewee.Psycopg3Adapter\n"
        "print('after', peewee.psycopg is psycopg, peewee.TransactionStatus is T,\n"
        "      (peewee.Json_pg3, peewee.Jsonb_pg3) == (Json, Jsonb),\n"
        "      (a.txn_idle, a.txn_inerror, a.txn_unknown) == (T.IDLE, T.INERROR, T.UNKNOWN),\n"
        "      type(db._adapter).__name__)\n"
    )
    loaded = modules_loaded_by(code, ("before", "after"), tmp_path)
    assert loaded == {"before", "False", "None", "after", "True", "Psycopg3Adapter"}


def test_load_postgresql_driver_gives_peewee_every_name_it_takes_from_psycopg():
    # Peewee binds these at its import; a Peewee that binds more (or sets
    # more class attributes from psycopg) needs load_postgresql_driver to
    # follow.
    import inspect
    import re

    import peewee

    source = inspect.getsource(peewee)
    start = source.index("try:\n    import psycopg\n")
    block = source[start : source.index("except ImportError:", start)]
    names = {alias or name for name, alias in re.findall(r"import (\w+)(?: as (\w+))?", block)}
    assert names == {"psycopg", "TransactionStatus", "Json_pg3", "Jsonb_pg3"}
    # Psycopg3Adapter's class attributes, and the choice of adapter at init.
    assert source.count("if psycopg is not None") == 2


def test_the_tabs_modules_load_in_idle_time_after_the_overview_fills_in(tmp_path):
    # A first visit imports nothing (issue 13): once the Overview's figures
    # are painted, each tab's modules are imported after a frame, none before
    # the Overview's first frame (see the test above).
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QTimer\n"
        "from desktop_app.app import create_application\n"
        "from desktop_app.store import open_store\n"
        "from desktop_app.views.main_window import MainWindow\n"
        "from desktop_app.views.tabs import FIRST_VISIT_MODULES, TABS\n"
        "app = create_application()\n"
        f"store = open_store(Path({str(tmp_path / 'db.sqlite3')!r}))\n"
        "window = MainWindow(store, remember_layout=False)\n"
        "wanted = [s.factory.partition(':')[0] for s in TABS]\n"
        "wanted += [m for names in FIRST_VISIT_MODULES.values() for m in names]\n"
        "def check():\n"
        "    if all(m in sys.modules for m in wanted):\n"
        "        app.quit()\n"
        "timer = QTimer(); timer.timeout.connect(check); timer.start(20)\n"
        "QTimer.singleShot(60_000, app.quit)\n"
        "window.show()\n"
        "app.exec()\n"
        "print('missing:', [m for m in wanted if m not in sys.modules])\n"
    )
    loaded = modules_loaded_by(code, ("desktop_app.views",), tmp_path)
    for page in (
        "desktop_app.views.time_audit.page",
        "desktop_app.views.contractors.page",
        "desktop_app.views.briefs.page",
        "desktop_app.views.engagements.page",
        "desktop_app.views.engagements.chart",
        "desktop_app.views.time_audit.focus_panel",
    ):
        assert page in loaded, page
