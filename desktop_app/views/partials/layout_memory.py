"""Remembered layout: each tab's splitter sizes and table header state in
QSettings under the tab's key, and the header menu that shows or hides a
table's columns (the header state then remembers which are hidden)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import QHeaderView, QMenu, QSplitter

# What a layout is made of: anything with saveState() and restoreState().
LayoutPart = QSplitter | QHeaderView


def save_layout(prefix: str, parts: Mapping[str, LayoutPart]) -> None:
    """Keep each part's state under "<prefix>/<name>" (prefix: the tab's key)."""
    settings = QSettings()
    for name, part in parts.items():
        settings.setValue(f"{prefix}/{name}", part.saveState())


def restore_layout(prefix: str, parts: Mapping[str, LayoutPart]) -> set[str]:
    """Give each part the state saved under "<prefix>/<name>", if any; returns
    the names restored (the others keep the sizes the tab set up)."""
    settings = QSettings()
    restored = set()
    for name, part in parts.items():
        state = settings.value(f"{prefix}/{name}")
        if isinstance(state, QByteArray) and part.restoreState(state):
            restored.add(name)
    return restored


def column_menu(
    header: QHeaderView,
    object_name: str,
    *,
    always_shown: Collection[int] = (0,),
    changed: Callable[[], None] | None = None,
) -> QMenu:
    """A menu with a checkable entry per column of `header` (except
    `always_shown`) that shows or hides it; `changed` runs after each toggle
    (to save the layout)."""
    menu = QMenu(header)
    menu.setObjectName(object_name)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    model = header.model()
    for column in range(header.count()):
        if column in always_shown:
            continue
        title = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        action = menu.addAction(str(title))
        action.setObjectName(f"actionShowColumn{column}")
        action.setCheckable(True)
        action.setChecked(not header.isSectionHidden(column))

        def toggle(shown: bool, column: int = column) -> None:
            header.setSectionHidden(column, not shown)
            if changed is not None:
                changed()

        action.toggled.connect(toggle)
    return menu


def offer_column_menu(
    header: QHeaderView,
    object_name: str,
    *,
    always_shown: Collection[int] = (0,),
    changed: Callable[[], None] | None = None,
) -> None:
    """Right-clicking `header` opens its `column_menu`."""
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    header.customContextMenuRequested.connect(
        lambda position: column_menu(
            header, object_name, always_shown=always_shown, changed=changed
        ).popup(header.mapToGlobal(position))
    )
