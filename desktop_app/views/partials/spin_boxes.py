"""Spin boxes whose unit agrees with their number: "1 day", "7 days"."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QSpinBox


def count_suffix(box: QSpinBox, unit: Callable[[int], str]) -> Callable[[int], None]:
    """Show `box`'s unit as `unit(value)` says it, e.g.
    `lambda n: ngettext("day", "days", n)`: the translation picks the form.

    Returns the function that sets the unit for a value: call it after
    setting a value with the box's signals blocked."""

    def follow(value: int) -> None:
        box.setSuffix(f" {unit(value)}")

    box.valueChanged.connect(follow)
    follow(box.value())
    return follow
