"""Multi-line fields that read from the right when their text does.

QLineEdit already lays out a line that starts in Arabic or Hebrew from the
right, but QPlainTextEdit sets every paragraph from the left whatever its
script. `PlainTextEdit` is a QPlainTextEdit that follows its text: when the
first letter with a direction is right-to-left (`models.text.is_right_to_left`)
the field turns right-to-left (text aligned right, read from the right), and
back when the owner types over it. Views make their multi-line fields with it
(tests/test_architecture.py). A read-only view of a document that mixes
scripts asks for `per_paragraph`: each paragraph then follows its own text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from desktop_app.models.text import is_right_to_left


class PlainTextEdit(QPlainTextEdit):
    """A QPlainTextEdit whose direction follows the script its text starts in."""

    def __init__(
        self, text: str = "", parent: QWidget | None = None, *, per_paragraph: bool = False
    ) -> None:
        super().__init__(text, parent)
        if per_paragraph:
            # A document that mixes scripts (a job post: its headings in
            # English, the owner's text in Arabic) reads each paragraph in
            # its own direction; turning the whole field would set "1. Must
            # have:" from the right.
            document = self.document()
            option = document.defaultTextOption()
            option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
            document.setDefaultTextOption(option)
            return
        # The document's signal, not the widget's: editors load a value with
        # the widget's signals blocked, so that loading is not saved as typing.
        self.document().contentsChanged.connect(self._follow_text)
        self._follow_text()

    def _follow_text(self) -> None:
        rtl = is_right_to_left(self.toPlainText())
        wanted = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        if self.layoutDirection() == wanted:
            return
        # The widget's direction moves the scroll bar and the cursor keys; the
        # document's alignment moves the text (QPlainTextEdit's layout sets
        # every line from the left unless told to align right).
        self.setLayoutDirection(wanted)
        document = self.document()
        option = document.defaultTextOption()
        option.setTextDirection(wanted)
        option.setAlignment(Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
        document.setDefaultTextOption(option)
