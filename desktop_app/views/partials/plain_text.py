"""What the owner types is shown as typed, never read as HTML.

Qt guesses: a QLabel, a QMessageBox or a tooltip whose text looks like HTML
(a contractor called `<img src=/path>`) is rendered as HTML, and an <img>
loads a local file. So every label is made here: `plain_label` shows its
text as is; `rich_label` is for the few built from markup, whose user text
goes through `html_text`. `plain_tooltip` makes any text safe as a tooltip,
and `message_box`, `warn` and `ask` are QMessageBox with its text as typed.
Menus and buttons read "&" as a shortcut mark: `menu_text` keeps a name's
"&" as it is (a task called "R&D" is not shown as "RD"). `in_sentence` puts a
label inside a sentence ("Change need" -> "Rate it (maybe specialized knowledge)").
tests/test_architecture.py keeps QLabel and QMessageBox's static functions
out of the other views; tests/test_plain_text.py sweeps the window.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtText
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from desktop_app.models.i18n import current_language


def in_sentence(label: str) -> str:
    """A label ("Specialized knowledge") inside a sentence: lower case, but
    German keeps its nouns' capital ("Fachwissen")."""
    return label if current_language() == "de" else label.lower()


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that shows `text` (and whatever it is set to later) exactly as written.

    A "&" before a letter still marks the buddy's shortcut."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def rich_label(html: str = "", parent: QWidget | None = None) -> QLabel:
    """A label whose text is markup (bold words, links): every piece of user
    text in it must go through `html_text`."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setText(html)
    return label


def html_text(text: object) -> str:
    """`text` escaped for a rich label: it shows as typed."""
    return escape(str(text), quote=True)


def plain_tooltip(text: str) -> str:
    """`text` as a tooltip that shows it as typed.

    Qt renders a tooltip that looks like HTML as HTML; such text is handed
    over as escaped HTML instead (line breaks kept). Other text is left as
    it is, so ordinary tooltips stay ordinary.
    """
    if not text or not QtText.mightBeRichText(text):
        return text
    return QtText.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


def menu_text(text: str) -> str:
    """`text` (a name) for a menu item or a button: its "&" shown, not a shortcut."""
    return text.replace("&", "&&")


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
) -> QMessageBox:
    """A QMessageBox that shows `text` as typed (not yet shown)."""
    box = QMessageBox(icon, title, "", buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    return box


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """QMessageBox.warning, with the text as typed: waits for OK."""
    message_box(parent, QMessageBox.Icon.Warning, title, text).exec()


def ask(parent: QWidget | None, title: str, question: str) -> bool:
    """QMessageBox.question, with the text as typed: True for Yes (No is the default)."""
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    box = message_box(parent, QMessageBox.Icon.Question, title, question, buttons)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes
