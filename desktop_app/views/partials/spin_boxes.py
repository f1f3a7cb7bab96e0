"""Spin boxes whose unit agrees with their number: "1 day", "7 days"."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QSpinBox


def count_suffix(box: QSpinBox, singular: str, plural: str = "") -> Callable[[int], None]:
    """Show `box`'s unit in the singular for 1 and in the plural otherwise.

    Returns the function that sets the unit for a value: call it after
    setting a value with the box's signals blocked."""
    plural = plural or singular + "s"

    def follow(value: int) -> None:
        box.setSuffix(f" {singular if value == 1 else plural}")

    box.valueChanged.connect(follow)
    follow(box.value())
    return follow
