"""Names that tests and screen readers find widgets by."""

from __future__ import annotations

import re
from typing import TypeVar

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget

W = TypeVar("W", bound=QWidget)


def named(widget: W, object_name: str, accessible_name: str, description: str = "") -> W:
    """Give `widget` an objectName and an accessible name (and description)."""
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible_name)
    if description:
        widget.setAccessibleDescription(description)
        widget.setToolTip(description)
    return widget


def name_buttons(box: QDialogButtonBox | QMessageBox, prefix: str) -> None:
    """Name every button of a dialog's button box (OK, Cancel, Create brief…):
    "<prefix>_<standard button or text>", accessible name its text."""
    for button in box.buttons():
        text = button.text().replace("&", "").strip()
        if not button.objectName():
            standard = box.standardButton(button)
            key = (
                standard.name.lower()
                # NoButton of a QDialogButtonBox or of a QMessageBox: no standard button.
                if standard.name and standard.name != "NoButton"
                else re.sub(r"\W+", "_", text.lower()).strip("_")
            )
            button.setObjectName(f"{prefix}_{key}")
        if not button.accessibleName():
            button.setAccessibleName(text)
