import stat

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.store import DatabaseLocked, open_store
from tests.conftest import run_offload


def test_the_database_is_private_and_safe_on_power_loss(store):
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert store.db.pragma("journal_mode") == "wal"
    assert store.db.pragma("foreign_keys") == 1
    assert store.db.pragma("synchronous") == 2  # FULL


def test_a_second_opening_of_the_same_file_is_refused(store):
    with pytest.raises(DatabaseLocked, match="already open in another Offload window"):
        open_store(store.path)


def test_the_lock_is_released_on_close(db_path):
    open_store(db_path).close()
    open_store(db_path).close()


def test_a_second_window_says_so_in_a_dialog_and_exits(store, qtbot):
    from desktop_app.app import run_gui

    seen = {}

    def answer_dialog():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer_dialog)
            return
        seen["text"] = box.text()
        box.accept()

    QTimer.singleShot(0, answer_dialog)
    before = store.path.read_bytes()
    assert run_gui(database_path=store.path) == 1
    assert "already open in another Offload window" in seen["text"]
    assert store.path.read_bytes() == before


def test_a_writing_subcommand_on_a_locked_database_fails_with_one_line(store, tmp_path):
    source = tmp_path / "contacts.csv"
    source.write_text("Name,E-mail\nAna Souza,ana@example.com\n", encoding="utf-8")
    result = run_offload("import-contractors", "--db", str(store.path), str(source))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "already open" in lines[0]


def test_an_export_only_reads_so_it_works_while_the_window_has_the_file_open(store, tmp_path):
    result = run_offload("export-tasks", "--db", str(store.path), str(tmp_path / "tasks.csv"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "tasks.csv").exists()


def test_a_backup_works_while_the_window_has_the_database_open(store, tmp_path):
    from desktop_app.models.settings import Settings, save_settings

    save_settings(Settings(business_name="Open Shop"))
    out = tmp_path / "copy.sqlite3"
    result = run_offload("backup", "--db", str(store.path), str(out))
    assert result.returncode == 0, result.stderr
    import sqlite3

    copy = sqlite3.connect(out)
    assert copy.execute("SELECT value FROM setting WHERE key='business_name'").fetchone() == (
        "Open Shop",
    )
    copy.close()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_a_mistyped_db_path_is_refused_and_creates_nothing(tmp_path):
    typo = tmp_path / "ofload.sqlite3"
    for args in (
        ("backup", "--db", str(typo), str(tmp_path / "copy.sqlite3")),
        ("export-tasks", "--db", str(typo), str(tmp_path / "tasks.csv")),
    ):
        result = run_offload(*args)
        assert result.returncode == 1
        assert "does not exist" in result.stderr
    assert not typo.exists()
    assert not (tmp_path / "copy.sqlite3").exists()


def test_an_import_may_start_a_new_database_and_says_so(tmp_path):
    source = tmp_path / "contacts.csv"
    source.write_text("Name,E-mail\nAna Souza,ana@example.com\n", encoding="utf-8")
    fresh = tmp_path / "fresh.sqlite3"
    result = run_offload("import-contractors", "--db", str(fresh), str(source))
    assert result.returncode == 0, result.stderr
    assert f"Starting a new database at {fresh}" in result.stdout
    assert fresh.exists()
