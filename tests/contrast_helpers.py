"""Measuring the contrast of every text a window shows, as the eye gets it.

A label's text colour comes from its palette (and from the colours its rich
text names); its background is what is painted under it, read from a grab
of the whole window (the most frequent colour in the label's rectangle).
An item view's cells are measured from their model's colours over the
view's base.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QTabWidget, QWidget

from desktop_app.views.partials.contrast import blend, contrast_ratio

_COLOUR = re.compile(r"color\s*:\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}|[a-zA-Z]+)")


@dataclass(frozen=True)
class Measure:
    ratio: float
    where: str
    text: str
    foreground: str
    background: str


def _background(widget: QWidget, window: QWidget, image: QImage) -> QColor:
    top_left = widget.mapTo(window, QPoint(0, 0))
    counts: Counter[int] = Counter()
    width, height = widget.width(), widget.height()
    step = max(1, min(width, height) // 12)
    for y in range(top_left.y(), top_left.y() + height, step):
        for x in range(top_left.x(), top_left.x() + width, step):
            if 0 <= x < image.width() and 0 <= y < image.height():
                counts[image.pixel(x, y)] += 1
    if not counts:
        return widget.palette().color(QPalette.ColorRole.Window)
    return QColor.fromRgb(counts.most_common(1)[0][0])


def _name(widget: QWidget) -> str:
    names = []
    while widget is not None and len(names) < 4:
        if widget.objectName():
            names.append(widget.objectName())
        widget = widget.parentWidget()
    return "/".join(names) or type(widget).__name__


def label_colours(label: QLabel) -> list[QColor]:
    """The colours the label's text is drawn in."""
    group = QPalette.ColorGroup.Active if label.isEnabled() else QPalette.ColorGroup.Disabled
    colours = [label.palette().color(group, label.foregroundRole())]
    text = label.text()
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and _might_be_rich(text)
    )
    if rich:
        colours += [QColor(value) for value in _COLOUR.findall(text)]
        if "<a " in text:
            colours.append(label.palette().color(group, QPalette.ColorRole.Link))
    return colours


def measure_labels(window: QWidget) -> list[Measure]:
    image = window.grab().toImage()
    measures = []
    for label in window.findChildren(QLabel):
        if not label.isVisible() or not label.text().strip() or label.width() < 2:
            continue
        parent = label.parentWidget()
        if not label.isEnabled() and parent is not None and not parent.isEnabled():
            # Part of a control that is off as a whole (WCAG exempts it); a label
            # disabled on its own is text made faint on purpose, and is measured.
            continue
        background = _background(label, window, image)
        for colour in label_colours(label):
            measures.append(
                Measure(
                    contrast_ratio(colour, background),
                    _name(label),
                    label.text()[:60],
                    colour.name(),
                    background.name(),
                )
            )
    return measures


def measure_views(window: QWidget, max_rows: int = 40) -> list[Measure]:
    """Every shown cell of every visible item view, against the view's base."""
    measures = []
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if not view.isVisible() or model is None:
            continue
        palette = view.palette()
        base = palette.color(QPalette.ColorRole.Base)
        alternate = palette.color(QPalette.ColorRole.AlternateBase)
        selected = {index.row() for index in view.selectionModel().selectedIndexes()}
        root = QModelIndex()
        for row in range(min(model.rowCount(root), max_rows)):
            for column in range(1 if isinstance(view, QListView) else model.columnCount(root)):
                index = model.index(row, column, root)
                text = index.data(Qt.ItemDataRole.DisplayRole)
                if not text or not str(text).strip() or not view.visualRect(index).isValid():
                    continue
                if row in selected:
                    foreground = palette.color(QPalette.ColorRole.HighlightedText)
                    under = palette.color(QPalette.ColorRole.Highlight)
                else:
                    foreground = _colour(index.data(Qt.ItemDataRole.ForegroundRole)) or (
                        palette.color(QPalette.ColorRole.Text)
                    )
                    under = alternate if view.alternatingRowColors() and row % 2 else base
                    tinted = _colour(index.data(Qt.ItemDataRole.BackgroundRole))
                    if tinted is not None:
                        under = blend(tinted, under)
                measures.append(
                    Measure(
                        contrast_ratio(foreground, under),
                        _name(view),
                        str(text)[:60],
                        foreground.name(),
                        under.name(),
                    )
                )
    return measures


def _might_be_rich(text: str) -> bool:
    # Qt's guess (Qt::mightBeRichText): a tag before the first line break.
    return bool(re.search(r"<[a-zA-Z!/][^>]*>", text.split("\n", 1)[0]))


def _colour(value: object) -> QColor | None:
    if isinstance(value, QColor):
        return value
    if value is not None and hasattr(value, "color"):
        return value.color()
    return None


def visit_every_page(root: QWidget, visit) -> None:
    """Call `visit()` once for every page of every tab widget under `root`
    (each tab shown in turn), and once as it is."""
    visit()
    for tabs in root.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        start = tabs.currentIndex()
        for index in range(tabs.count()):
            if tabs.isTabEnabled(index) and index != start:
                tabs.setCurrentIndex(index)
                visit()
        tabs.setCurrentIndex(start)
