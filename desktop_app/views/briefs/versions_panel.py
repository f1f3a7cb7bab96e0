"""The versions of a brief (one per export or print) and what changed since."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.brief_changes import Change, changes_between
from desktop_app.models.briefs import BriefData, VersionRow
from desktop_app.models.i18n import _, count
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import plain_label
from desktop_app.views.partials.table_model import Column, RowTableModel
from desktop_app.views.partials.tables import data_table
from desktop_app.views.partials.tones import ALERT, GOOD, tone


def _sent_to(version: VersionRow) -> str:
    return version.exported_to.replace("\\", "/").rsplit("/", 1)[-1] or version.exported_to


def changes_html(changes: list[Change]) -> str:
    """The changes as a list a person reads: old struck through, new after it."""
    items = []
    for change in changes:
        what = f"<b>{escape(change.what)}</b>"
        if change.is_text:
            body = _line_diff(change.old, change.new)
            items.append(f"<li>{what}{body}</li>")
        elif change.old and change.new:
            items.append(f"<li>{what}: <s>{escape(change.old)}</s> → {escape(change.new)}</li>")
        else:
            items.append(f"<li>{what}: {escape(change.new or change.old)}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _line_diff(old: str, new: str) -> str:
    """Lines removed and added between two texts (unchanged lines left out)."""
    import difflib

    rows = []
    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        mark, text = line[:1], escape(line[2:])
        if not text.strip():
            continue
        if mark == "-":
            rows.append(f"<div style='color:{tone(ALERT)}'>− <s>{text}</s></div>")
        elif mark == "+":
            rows.append(f"<div style='color:{tone(GOOD)}'>+ {text}</div>")
    return "".join(rows)


class VersionsPanel(QWidget):
    """The Versions page of the brief editor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current: BriefData | None = None
        self.model: RowTableModel[VersionRow] = RowTableModel(
            [
                Column(_("Exported"), lambda v: f"{v.created_at:%d %b %Y %H:%M}"),
                Column(_("To"), _sent_to, tooltip=lambda v: v.exported_to),
                Column(_("Expectations"), lambda v: len(v.data.expectations)),
            ],
            self,
        )
        self.table = data_table(
            "versionsTable", _("Exported versions"), self.model,
            description=_(
                "Each export or print of the brief; select one to see what changed since."
            ),
            alternating=False,
        )  # fmt: skip
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._show_changes)
        self.heading = named(plain_label(), "versionsHeading", _("What changed"))
        self.heading.setWordWrap(True)
        self.changes = named(QTextBrowser(), "versionChanges", _("Changes since this version"))
        self.changes.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.heading)
        bottom_layout.addWidget(self.changes, 1)
        splitter.addWidget(bottom)
        splitter.setSizes([140, 300])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def set_versions(self, versions: list[VersionRow], current: BriefData | None) -> None:
        """Show the versions (newest first) and the changes since the selected one."""
        selected = self._selected_id()
        self.current = current
        self.model.set_rows(versions)
        row = next((i for i, v in enumerate(versions) if v.id == selected), 0)
        if versions:
            self.table.selectRow(row)
        self._show_changes(self.model.index(row, 0) if versions else QModelIndex())

    def _selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()).id if index.isValid() else None

    def _show_changes(self, index: QModelIndex, _previous: QModelIndex | None = None) -> None:
        if not index.isValid() or self.current is None:
            self.heading.setText(
                _(
                    "Not sent yet. Each time you export or print the brief, Offload keeps a "
                    "version, so you can see here what changed since the one you sent."
                )
            )
            self.changes.clear()
            return
        version = self.model.row_at(index.row())
        latest = index.row() == 0
        when = f"{version.created_at:%d %b %Y %H:%M}"
        changes = changes_between(version.data, self.current)
        sent_to = _sent_to(version)
        if not changes:
            self.heading.setText(
                (
                    _("No changes since the last version you sent ({when}, {sent_to}).")
                    if latest
                    else _("No changes since this version ({when}, {sent_to}).")
                ).format(when=when, sent_to=sent_to)
            )
            self.changes.clear()
            return
        if latest:
            heading = count(
                len(changes),
                "{count} change since the last version you sent ({when}, {sent_to}):",
                "{count} changes since the last version you sent ({when}, {sent_to}):",
                when=when,
                sent_to=sent_to,
            )
        else:
            heading = count(
                len(changes),
                "{count} change since this version ({when}, {sent_to}):",
                "{count} changes since this version ({when}, {sent_to}):",
                when=when,
                sent_to=sent_to,
            )
        self.heading.setText(heading)
        self.changes.setHtml(changes_html(changes))
