"""How an expectation row looks: its rank, a level badge, its text and measure."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop_app.models.briefs import Level
from desktop_app.models.i18n import _
from desktop_app.views.briefs.expectations_model import ExpectationListModel

Index = QModelIndex | QPersistentModelIndex

# (word, light background, light ink, dark background, dark ink)
BADGES = {
    Level.MUST: ("MUST", "#fde4e1", "#9f1c16", "#5c1f1b", "#ffb4ab"),
    Level.SHOULD: ("SHOULD", "#fdf0cf", "#8a4a05", "#4d3410", "#ffd58a"),
    Level.NICE: ("NICE", "#e6eaf0", "#3d4b5c", "#33404f", "#c9d4e3"),
}
NO_MEASURE_LIGHT, NO_MEASURE_DARK = "#b54708", "#f5b26b"

_PADDING = 6
_GAP = 8


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def level_colors(level: str, palette: QPalette) -> tuple[str, QColor, QColor]:
    """The badge word, background and ink for `level` in light or dark mode."""
    word, light_bg, light_ink, dark_bg, dark_ink = BADGES.get(Level(level), BADGES[Level.SHOULD])
    if is_dark(palette):
        return word, QColor(dark_bg), QColor(dark_ink)
    return word, QColor(light_bg), QColor(light_ink)


class ExpectationDelegate(QStyledItemDelegate):
    """Two lines per expectation: "3. [MUST] text" and the measure below."""

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        text_font = QFont(option.font)
        small = QFont(option.font)
        small.setPointSizeF(max(option.font.pointSizeF() * 0.88, 7))
        badge = QFont(small)
        badge.setBold(True)
        badge.setPointSizeF(max(option.font.pointSizeF() * 0.72, 6.5))
        return text_font, small, badge

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        text_font, small, _ = self._fonts(option)
        height = QFontMetrics(text_font).height() + QFontMetrics(small).height() + 3 * _PADDING
        return QSize(200, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        # Qt's stubs call the option's widget never None; it is, outside a view.
        widget: QWidget | None = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        painter.save()
        # The selection and hover background, as the platform draws it.
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_color = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = QColor(text_color)
        muted.setAlphaF(0.7)
        text_font, small, badge_font = self._fonts(option)
        text_metrics, small_metrics = QFontMetrics(text_font), QFontMetrics(small)
        rect = option.rect.adjusted(_PADDING, _PADDING, -_PADDING, -_PADDING)

        rank = f"{index.data(ExpectationListModel.RankRole)}."
        rank_width = text_metrics.horizontalAdvance("000.")
        bold = QFont(text_font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text_color)
        line_height = text_metrics.height()
        painter.drawText(
            QRect(rect.left(), rect.top(), rank_width, line_height),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            rank,
        )

        word, background, ink = level_colors(index.data(ExpectationListModel.LevelRole), palette)
        badge_metrics = QFontMetrics(badge_font)
        badge_width = badge_metrics.horizontalAdvance("SHOULD") + 12
        badge_height = badge_metrics.height() + 4
        badge = QRect(
            rect.left() + rank_width + _GAP,
            rect.top() + (line_height - badge_height) // 2,
            badge_width,
            badge_height,
        )
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(badge, 4, 4)
        painter.setFont(badge_font)
        painter.setPen(ink)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, word)

        left = badge.right() + _GAP
        width = rect.right() - left
        text = " ".join(str(index.data(Qt.ItemDataRole.DisplayRole) or "").split())
        painter.setFont(text_font)
        painter.setPen(text_color)
        painter.drawText(
            QRect(left, rect.top(), width, line_height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            text_metrics.elidedText(text, Qt.TextElideMode.ElideRight, width),
        )
        measure = " ".join(str(index.data(ExpectationListModel.MeasureRole) or "").split())
        if measure:
            line, color = _("Measured by: {measure}").format(measure=measure), muted
        else:
            line = _("No measure yet")
            color = text_color if selected else QColor(
                NO_MEASURE_DARK if is_dark(palette) else NO_MEASURE_LIGHT
            )  # fmt: skip
        painter.setFont(small)
        painter.setPen(color)
        painter.drawText(
            QRect(left, rect.top() + line_height + _PADDING // 2, width, small_metrics.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            small_metrics.elidedText(line, Qt.TextElideMode.ElideRight, width),
        )
        painter.restore()
