"""The base of every tab's content."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from desktop_app.views.context import AppContext


class TabPage(QWidget):
    """A tab's content: reloads when its topics change, lazily while hidden.

    Subclasses set `topics` and implement `refresh()`; they may implement
    `open_target(target)` (show one item when another view navigates here),
    `focus_search()` (Ctrl+F), `save_layout()` (called as the window closes)
    and `smoke_test()` (the main path, exercised by `offload --smoke-test`;
    raise on failure).
    """

    topics: tuple[str, ...] = ()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = False
        # A bound method: Qt drops the connection when this widget is destroyed.
        ctx.data_changed.connect(self._on_data_changed)

    def refresh(self) -> None:
        """Reload what the tab shows from the database."""

    def open_target(self, target: Any) -> None:
        """Show `target` (an id or a filter, as the tab defines)."""

    def focus_search(self) -> None:
        """Put the keyboard focus in the tab's search box, if it has one."""

    def save_layout(self) -> None:
        """Remember the tab's splitters and columns (the window is closing)."""

    def _on_data_changed(self, topic: str) -> None:
        if topic not in self.topics:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def changeEvent(self, event: QEvent) -> None:
        # Another colour scheme: texts that carry a tone's colour are written again.
        if event.type() == QEvent.Type.PaletteChange:
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)
