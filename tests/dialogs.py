"""Finding the dialog a user sees, the way the user finds it: on screen, over
the widget that opened it (pages keep no attribute for tests to reach it)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def shown_dialog(parent: QWidget, name: str) -> QWidget:
    """The one visible dialog (or message box) called `name` that `parent` opened."""
    shown = [widget for widget in parent.findChildren(QWidget, name) if widget.isVisible()]
    assert len(shown) == 1, f"{len(shown)} dialogs called {name!r} are shown"
    return shown[0]


def no_dialog(parent: QWidget, name: str) -> bool:
    """True when no dialog called `name` is shown over `parent`."""
    return not any(widget.isVisible() for widget in parent.findChildren(QWidget, name))
