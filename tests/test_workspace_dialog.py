"""File > Open team workspace…: an address typed in the window opens the
workspace; a wrong one is said under the field and changes nothing."""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QProgressBar

from desktop_app.logging_setup import setup_logging
from desktop_app.models.engine import CONNECT_TIMEOUT
from desktop_app.models.tasks import Task, create_task
from desktop_app.paths import logs_dir
from tests.conftest import _admin_connection
from tests.dialogs import no_dialog, shown_dialog


def _open_dialog(window, qtbot):
    window.findChild(QAction, "actionOpenWorkspace").trigger()
    dialog = shown_dialog(window, "workspaceDialog")
    qtbot.waitExposed(dialog)
    return dialog


def _type_and_open(dialog, qtbot, address: str) -> None:
    field = dialog.findChild(QLineEdit, "workspaceAddress")
    field.selectAll()
    qtbot.keyClicks(field, address)
    button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Open)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_wrong_address_is_said_under_the_field_and_the_file_stays_open(window, store, qtbot):
    dialog = _open_dialog(window, qtbot)
    _type_and_open(dialog, qtbot, "my-team.sqlite3")
    error = dialog.findChild(type(dialog.error), "workspaceError")
    assert error.isVisible()
    assert "is not the address of a PostgreSQL database" in error.text()
    assert "postgresql://you@server:5432/offload" in error.text()

    # A page of pasted text is echoed short, and the dialog stays on the screen
    # (pasted: QTest types Latin-1 keys only).
    dialog.findChild(QLineEdit, "workspaceAddress").setText("東京チームの" + "x" * 300)
    button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Open)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert "東京チームの" in error.text() and "x" * 80 not in error.text()
    assert dialog.width() <= dialog.screen().availableGeometry().width()

    # Nothing listens on port 1: the server's refusal, in one line, under the field.
    _type_and_open(dialog, qtbot, "postgresql://nobody@127.0.0.1:1/offload")
    qtbot.waitUntil(lambda: not dialog.is_connecting)
    assert error.isVisible() and "connection refused" in error.text()
    assert "\n" not in error.text().strip()
    assert dialog.isVisible()  # what was typed stays, to be corrected
    assert window.ctx.store is store and not store.is_workspace

    qtbot.keyClick(dialog.findChild(QLineEdit, "workspaceAddress"), "x")
    assert not error.isVisible()  # typing again clears the message
    dialog.reject()
    assert no_dialog(window, "workspaceDialog")
    assert window.ctx.store is store


@pytest.mark.postgres
def test_a_workspace_opens_from_the_file_menu(window, store, qtbot, new_postgres_database):
    url = new_postgres_database()
    dialog = _open_dialog(window, qtbot)
    _type_and_open(dialog, qtbot, url)
    qtbot.waitUntil(lambda: no_dialog(window, "workspaceDialog"))
    opened = window.ctx.store
    assert opened is not store and opened.is_workspace and opened.url == url
    assert url.rsplit("/", 1)[-1] in window.windowTitle()
    assert window.statusBar().currentMessage() == f"Opened {url}"
    # What is written now lands on the server.
    create_task("Inbox zero", need="repetitive")
    with psycopg.connect(url) as other_client:
        names = [row[0] for row in other_client.execute("SELECT name FROM task")]
    assert names == ["Inbox zero"]

    # Asking again offers the open workspace's address.
    again = _open_dialog(window, qtbot)
    assert again.findChild(QLineEdit, "workspaceAddress").text() == url
    again.reject()


def _button(dialog, which):
    return dialog.findChild(QDialogButtonBox).button(which)


def test_a_server_that_never_answers_leaves_the_window_working_and_can_be_cancelled(
    window, store, qtbot
):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # takes the connection, never speaks
    address = f"postgresql://nobody@127.0.0.1:{listener.getsockname()[1]}/team"
    try:
        dialog = _open_dialog(window, qtbot)
        _type_and_open(dialog, qtbot, address)
        connecting = dialog.findChild(type(dialog.error), "workspaceConnecting")
        # Said at once, while the server is being waited for on another thread.
        assert connecting.isVisible() and connecting.text() == f"Connecting to {address}…"
        assert dialog.findChild(QProgressBar, "workspaceBusy").isVisible()
        assert not _button(dialog, QDialogButtonBox.StandardButton.Open).isEnabled()
        assert not dialog.findChild(QLineEdit, "workspaceAddress").isEnabled()
        # The window answers meanwhile: another tab opens.
        window.tabs.setCurrentIndex(2)
        qtbot.waitUntil(lambda: window.tabs.currentIndex() == 2)
        assert dialog.is_connecting

        qtbot.mouseClick(
            _button(dialog, QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton
        )
        assert not dialog.is_connecting and dialog.isVisible()
        assert not connecting.isVisible()
        error = dialog.findChild(type(dialog.error), "workspaceError")
        assert error.text() == f"Stopped connecting to {address}; nothing was opened."
        assert dialog.findChild(QLineEdit, "workspaceAddress").text() == address

        # Waited for to the end: given up after the timeout, in one line.
        qtbot.mouseClick(
            _button(dialog, QDialogButtonBox.StandardButton.Open), Qt.MouseButton.LeftButton
        )
        assert dialog.is_connecting
        qtbot.waitUntil(lambda: not dialog.is_connecting, timeout=(CONNECT_TIMEOUT + 10) * 1000)
        assert f"did not answer within {CONNECT_TIMEOUT} seconds" in error.text()
        assert "\n" not in error.text().strip()
        assert window.ctx.store is store
    finally:
        listener.close()


PASSWORD = "the-typed-Secret-4711"


def _drop_file_handlers(logger: logging.Logger) -> None:
    for handler in list(logger.handlers):
        if isinstance(handler, logging.FileHandler):
            logger.removeHandler(handler)
            handler.close()


@pytest.mark.postgres
def test_a_password_the_server_asks_for_is_typed_masked_and_kept_nowhere(
    window, qtbot, new_postgres_database, tmp_path, monkeypatch
):
    """The test cluster asks `offload_password` for its password
    (.ci/postgres-test-cluster.sh); libpq finds none: no PGPASSWORD, no ~/.pgpass."""
    store = window.ctx.store
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    # The window's own log file, everything in it; and every record of any logger.
    monkeypatch.setattr(logging.getLogger("offload"), "level", logging.NOTSET)
    log_file = setup_logging(logs_dir(), logging.DEBUG)
    records = _Records()
    logging.getLogger().addHandler(records)
    monkeypatch.setattr(logging.getLogger(), "level", logging.DEBUG)
    try:
        _type_the_password(window, qtbot, new_postgres_database, store)
    finally:
        logging.getLogger().removeHandler(records)
        _drop_file_handlers(logging.getLogger("offload"))
    address = window.ctx.store.url
    assert f"opened {address}" in log_file.read_text()
    assert records.lines and not [line for line in records.lines if PASSWORD in line]
    # Nowhere on disk: not in the settings, the logs, or any file of this test.
    QSettings().setValue("workspace/test", "something written")
    QSettings().sync()
    assert Path(QSettings().fileName()).is_file()
    for written in tmp_path.rglob("*"):
        if written.is_file():
            assert PASSWORD.encode() not in written.read_bytes(), written
    assert PASSWORD not in window.windowTitle() and PASSWORD not in window.ctx.store.name


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def _type_the_password(window, qtbot, new_postgres_database, store) -> None:
    """Asked for, refused once, then typed right: the workspace opens."""
    address = _password_role(new_postgres_database())

    dialog = _open_dialog(window, qtbot)
    _type_and_open(dialog, qtbot, address)
    qtbot.waitUntil(lambda: not dialog.is_connecting)
    field = dialog.findChild(QLineEdit, "workspacePassword")
    error = dialog.findChild(type(dialog.error), "workspaceError")
    assert field.isVisible() and field.hasFocus()
    assert field.echoMode() == QLineEdit.EchoMode.Password
    assert "asks for the password of offload_password" in error.text()
    assert "never on disk" in error.text()

    qtbot.keyClicks(field, "a-wrong-one")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.is_connecting)
    assert "refused this password for offload_password: type it again" in error.text()
    assert window.ctx.store is store

    field.clear()
    qtbot.keyClicks(field, PASSWORD)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: no_dialog(window, "workspaceDialog"))
    opened = window.ctx.store
    assert opened.is_workspace and opened.url == address
    create_task("Typed in with a password", need="repetitive")
    assert [t.name for t in Task.select()] == ["Typed in with a password"]
    # The live updates' own connection got in with it too (kept for the session).
    assert window.ctx.listener.ready.wait(CONNECT_TIMEOUT + 5)


@pytest.mark.postgres
def test_a_workspace_named_at_start_asks_for_its_password_before_the_window(
    new_postgres_database, tmp_path, monkeypatch, qtbot
):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop_app.app import run_gui

    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    address = _password_role(new_postgres_database())
    seen: dict = {}

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "workspaceDialog":
            QTimer.singleShot(20, answer)
            return
        field = dialog.findChild(QLineEdit, "workspacePassword")
        seen["asked"] = field.isVisible() and field.echoMode() == QLineEdit.EchoMode.Password
        seen["said"] = dialog.findChild(type(dialog.error), "workspaceError").text()
        field.setText(PASSWORD)
        _button(dialog, QDialogButtonBox.StandardButton.Open).click()
        QTimer.singleShot(20, close_the_window)

    def close_the_window() -> None:
        shown = [
            widget
            for widget in QApplication.topLevelWidgets()
            if widget.objectName() == "mainWindow" and widget.isVisible()
        ]
        if not shown:
            QTimer.singleShot(20, close_the_window)
            return
        seen["opened"] = shown[0].ctx.store.url
        shown[0].close()

    QTimer.singleShot(0, answer)
    assert run_gui(database_path=address) == 0
    assert seen["asked"] and "asks for the password of offload_password" in seen["said"]
    assert seen["opened"] == address
    for written in tmp_path.rglob("*"):
        if written.is_file():
            assert PASSWORD.encode() not in written.read_bytes(), written


def _password_role(url: str) -> str:
    """`url` for the role the test cluster asks a password of (with rights on it)."""
    with _admin_connection() as admin:
        admin.execute("DROP ROLE IF EXISTS offload_password")
        admin.execute(f"CREATE ROLE offload_password LOGIN PASSWORD '{PASSWORD}'")
    with psycopg.connect(url, autocommit=True) as owner:
        owner.execute("GRANT ALL ON ALL TABLES IN SCHEMA public TO offload_password")
        owner.execute("GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO offload_password")
    return url.replace("offload@", "offload_password@")
