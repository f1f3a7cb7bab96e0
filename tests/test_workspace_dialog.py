"""File > Open team workspace…: an address typed in the window opens the
workspace; a wrong one is said under the field and changes nothing."""

from __future__ import annotations

import psycopg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from desktop_app.models.tasks import create_task
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
    assert error.isVisible() and error.text()
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
