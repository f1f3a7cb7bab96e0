"""Restoring a backup: File > Restore from backup…, and the offer made when
the database fails SQLite's check on opening.

The dialog lists the backups kept beside the database (newest first) with
their date, what they were taken for, their size and how many tasks,
contractors, briefs and engagements each holds; a backup that fails the
check is shown with the reason and cannot be chosen. The window does the
restore itself (`MainWindow.restore_backup_file`), which first keeps a
copy of the current file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.backup import BackupSummary, backup_summaries, backups_dir, newest_good_backup
from desktop_app.database_file import DatabaseDamaged, StoreError
from desktop_app.models.formats import date_time, integer, number
from desktop_app.models.i18n import N_, _
from desktop_app.restore import restore_backup
from desktop_app.store import Store, open_store
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import message_box, plain_label, warn
from desktop_app.views.partials.table_model import ALIGN_RIGHT, Column, RowTableModel
from desktop_app.views.partials.tables import data_table
from desktop_app.views.partials.tones import ALERT

DATABASE_FILTER = N_("Offload database (*.sqlite3 *.sqlite *.db);;All files (*)")


def _count(table: str):
    return lambda s: "—" if s.counts[table] is None else integer(s.counts[table])


def _size(summary: BackupSummary) -> str:
    return (
        _("{size} MB").format(size=number(summary.size / 1e6, 1))
        if summary.size >= 100_000
        else _("{size} B").format(size=integer(summary.size))
    )


def open_folder(folder: Path) -> bool:
    """Show `folder` in the desktop's file manager."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class RestoreDialog(QDialog):
    """The backups of one database; accepting it chooses `chosen`.

    Attributes:
        chosen: the backup file to restore, once the dialog is accepted.
        model: one row per backup (BackupSummary).
    """

    def __init__(self, database_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "restoreDialog", _("Restore from backup"))
        self.setWindowTitle(_("Restore from backup"))
        self.database_path = database_path
        self.chosen: Path | None = None
        intro = plain_label(
            _(
                "Backups of {database_path}, newest first. Restoring replaces the database "
                "with the backup you choose; the current file is first copied to the backups "
                "folder, so a restore can be undone the same way."
            ).format(database_path=database_path)
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.model: RowTableModel[BackupSummary] = RowTableModel(
            [
                Column(_("Taken"), lambda s: f"{s.taken:%Y-%m-%d %H:%M}"),
                Column(_("Kind"), lambda s: s.reason_label),
                Column(_("Size"), _size, sort_key=lambda s: s.size, align=ALIGN_RIGHT),
                Column(_("Tasks"), _count("task"), align=ALIGN_RIGHT),
                Column(_("Contractors"), _count("contractor"), align=ALIGN_RIGHT),
                Column(_("Briefs"), _count("brief"), align=ALIGN_RIGHT),
                Column(_("Engagements"), _count("engagement"), align=ALIGN_RIGHT),
                Column(
                    _("State"),
                    lambda s: (
                        _("Cannot be restored: {problem}").format(problem=s.problem)
                        if s.problem
                        else _("Passes the check")
                    ),
                    tooltip=lambda s: s.problem or str(s.path),
                    foreground=lambda s: QColor(ALERT) if s.problem else None,
                ),
            ],
            self,
        )
        self.table = data_table(
            "restoreBackups", _("Backups"), self.model, alternating=False, word_wrap=True
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _index: self._choose_selected())
        self.empty_label = named(
            plain_label(
                _(
                    "No backups yet. Offload keeps one each day you open the database, and "
                    "before every import, restore and upgrade. To restore a copy you made "
                    "yourself, choose Restore a file…."
                )
            ),
            "restoreEmpty",
            _("No backups yet"),
        )
        self.empty_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = named(
            QPushButton(_("Restore")), "restoreChosen", _("Restore the selected backup")
        )
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.file_button = named(
            QPushButton(_("Restore a file…")),
            "restoreFile",
            _("Restore a backup file from elsewhere"),
        )
        self.buttons.addButton(self.file_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.folder_button = named(
            QPushButton(_("Open backups folder")), "restoreOpenFolder", _("Open the backups folder")
        )
        self.buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self._choose_selected)
        self.file_button.clicked.connect(self._choose_file)
        self.folder_button.clicked.connect(lambda: open_folder(backups_dir(database_path)))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.buttons)
        self.resize(820, 420)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.reload()

    def reload(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.model.set_rows(backup_summaries(self.database_path))
        finally:
            QGuiApplication.restoreOverrideCursor()
        empty = self.model.rowCount() == 0
        self.table.setVisible(not empty)
        self.empty_label.setVisible(empty)
        for row, summary in enumerate(self.model.rows()):
            if not summary.problem:
                self.table.selectRow(row)
                break
        self._update_buttons()

    def selected(self) -> BackupSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        summary = self.selected()
        self.restore_button.setEnabled(summary is not None and not summary.problem)

    def _choose_selected(self) -> None:
        summary = self.selected()
        if summary is None or summary.problem:
            return
        self.chosen = summary.path
        self.accept()

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Restore a backup file"), str(self.database_path.parent), _(DATABASE_FILTER)
        )
        if path:
            self.chosen = Path(path)
            self.accept()


def confirm_restore(parent: QWidget, backup: Path, database_path: Path) -> bool:
    """Ask before the database is replaced."""
    box = message_box(
        parent,
        QMessageBox.Icon.Question,
        _("Restore from backup"),
        _(
            "Replace {name} with the backup {backup}?\n\nThe current file is first copied to "
            "the backups folder. Undo history is cleared."
        ).format(name=database_path.name, backup=backup.name),
        QMessageBox.StandardButton.Cancel,
    )
    box.setObjectName("restoreConfirm")
    restore = box.addButton(_("Restore"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore


def recover_damaged(parent: QWidget | None, path: Path, error: DatabaseDamaged) -> Store | None:
    """The database failed SQLite's check: offer to restore the newest backup
    that passes it, or to look at the damaged file read-only.

    Returns the store to show, or None when the owner declined (the file is
    then unchanged)."""
    good = newest_good_backup(path)
    text = f"{error}\n\n"
    if good is not None:
        text += _(
            "The newest backup that passes the check was taken {when} ({counts}). Restoring it "
            "keeps a copy of the damaged file in the backups folder."
        ).format(when=date_time(good.taken), counts=good.counts_text())
    else:
        text += _(
            "No backup of it passes the check. You can still look at what is left, read-only."
        )
    box = message_box(
        parent,
        QMessageBox.Icon.Critical,
        _("The database is damaged"),
        text,
        QMessageBox.StandardButton.NoButton,
    )
    box.setObjectName("damagedDialog")
    restore = box.addButton(_("Restore that backup"), QMessageBox.ButtonRole.AcceptRole)
    restore.setVisible(good is not None)
    read_only = box.addButton(_("Open read-only"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(restore if good is not None else read_only)
    box.exec()
    clicked = box.clickedButton()
    try:
        if clicked is restore and good is not None:
            restore_backup(good.path, path)
            return open_store(path)
        if clicked is read_only:
            return open_store(path, damaged_read_only=True)
    except StoreError as failure:
        warn(parent, _("Cannot open the database"), str(failure))
    return None
