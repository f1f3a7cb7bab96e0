"""A tab whose content is built when it is first shown (issue 13: first visits)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget


def put_in_tab(tabs: QTabWidget, index: int, content: QWidget) -> None:
    """Put `content` in place of tab `index`'s placeholder, keeping its title
    and the current tab, without a currentChanged for the swap (the owner did
    not change tabs); the placeholder is deleted."""
    current = tabs.currentIndex()
    placeholder, title = tabs.widget(index), tabs.tabText(index)
    tabs.blockSignals(True)
    try:
        tabs.removeTab(index)
        tabs.insertTab(index, content, title)
        tabs.setCurrentIndex(current)
    finally:
        tabs.blockSignals(False)
    if placeholder is not None:
        placeholder.deleteLater()
