"""What a view shows when there is nothing in it yet: what it is for, what to do."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import plain_label


class EmptyState(QWidget):
    """A centred title, an explanation and an optional button.

    Signals:
        action_triggered(): the button was clicked.
    """

    action_triggered = Signal()

    def __init__(
        self,
        title: str,
        text: str,
        action_text: str = "",
        *,
        object_name: str = "emptyState",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        named(self, object_name, title, text)
        # A column of bounded width, centred: wrapped text then gets the
        # height it needs (a label aligned inside a layout would get its
        # size hint's narrow width and be cut off).
        column = QWidget()
        column.setMaximumWidth(560)
        layout = QVBoxLayout(column)
        self.title_label = plain_label(title)
        self.title_label.setObjectName(f"{object_name}Title")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.title_label.setWordWrap(True)
        self.text_label = plain_label(text)
        self.text_label.setObjectName(f"{object_name}Text")
        self.text_label.setWordWrap(True)
        self.text_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.title_label)
        layout.addSpacing(8)
        layout.addWidget(self.text_label)
        self.button: QPushButton | None = None
        if action_text:
            self.button = named(QPushButton(action_text), f"{object_name}Action", action_text)
            self.button.clicked.connect(self.action_triggered)
            layout.addSpacing(12)
            layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 4)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        outer.addLayout(row)
        outer.addStretch(3)
