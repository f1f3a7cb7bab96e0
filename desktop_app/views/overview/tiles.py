"""A figure the owner can click to go where it comes from."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import plain_label, plain_tooltip
from desktop_app.views.partials.tones import set_palette_style_sheet, set_tone


class MetricTile(QFrame):
    """A big figure, what it means, and a line of detail; clicking opens its tab.

    Signals:
        clicked(): by mouse, or by Enter or Space while the tile has focus.
    """

    clicked = Signal()

    def __init__(self, object_name: str, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, object_name, caption)
        self.caption = caption
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Palette roles, not fixed colours: the tile follows a dark system theme.
        set_palette_style_sheet(
            self,
            f"#{object_name} {{ background: palette(base); border: 1px solid palette(mid);"
            " border-radius: 8px; }"
            f"#{object_name}:focus {{ border: 2px solid palette(highlight); }}",
        )
        self.value_label = plain_label("…")
        self.value_label.setObjectName(f"{object_name}Value")
        font = self.value_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.value_label.setFont(font)
        self.caption_label = plain_label(caption)
        self.caption_label.setObjectName(f"{object_name}Caption")
        self.caption_label.setWordWrap(True)
        self.detail_label = plain_label()
        self.detail_label.setObjectName(f"{object_name}Detail")
        self.detail_label.setWordWrap(True)
        self.detail_label.setForegroundRole(self.detail_label.foregroundRole())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(2)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label)
        layout.addWidget(self.detail_label)
        # A warning about the figure ("you still did 3 h of this yourself").
        self.flag_label = plain_label()
        self.flag_label.setObjectName(f"{object_name}Flag")
        self.flag_label.setWordWrap(True)
        self.flag_label.hide()
        layout.addWidget(self.flag_label)
        layout.addStretch(1)

    def show_figure(self, value: str, detail: str = "", tooltip: str = "") -> None:
        self.value_label.setText(value)
        self.detail_label.setText(detail)
        self.detail_label.setVisible(bool(detail))
        self.setToolTip(plain_tooltip(tooltip))
        # A screen reader reads the whole tile as one sentence.
        self.setAccessibleName(f"{self.caption}: {value}")
        self.setAccessibleDescription(detail)

    def show_flag(self, text: str, color: str = "") -> None:
        """A warning line under the detail; empty text hides it."""
        self.flag_label.setText(text)
        # `color`: a tone (tones.WARNING…), drawn in its colour for the palette in use.
        set_tone(self.flag_label, color or None)
        self.flag_label.setVisible(bool(text))
        description = " ".join(part for part in (self.detail_label.text(), text) if part)
        self.setAccessibleDescription(description)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)
