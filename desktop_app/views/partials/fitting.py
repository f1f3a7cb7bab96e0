"""Windows and dialogs that fit the screen they are on, and content that
grows or scrolls instead of being cut.

A dialog's fields sit in a `scrolling()` area; `grow_to_content()` makes the
dialog tall enough to show all of them (after messages appear under them,
say), up to most of the screen's available height, beyond which the area
scrolls. Nothing is ever squeezed below its size or clipped.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

# The share of the screen's available height a dialog may take.
SCREEN_SHARE = 0.9


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The screen area free of panels and docks, for the screen `widget` is on."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def scrolling(content: QWidget, object_name: str = "") -> QScrollArea:
    """`content` in a frameless area that scrolls vertically when the window is
    too short for it (never sideways: its width follows the window)."""
    area = QScrollArea()
    if object_name:
        area.setObjectName(object_name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(content)
    return area


def content_height(area: QScrollArea) -> int:
    """The height `area`'s content needs at the area's current width."""
    content = area.widget()
    if content is None:
        return 0
    width = area.viewport().width() or content.width()
    layout = content.layout()
    if layout is not None and layout.hasHeightForWidth():
        return layout.totalHeightForWidth(width)
    return content.sizeHint().height()


def grow_to_content(dialog: QWidget, area: QScrollArea) -> None:
    """Make `dialog` tall enough for all of `area`'s content, within the
    screen; never shorter than it is."""
    screen = available_geometry(dialog)
    dialog.ensurePolished()
    layout = dialog.layout()
    if layout is not None:
        layout.activate()
    missing = content_height(area) - area.viewport().height()
    if missing <= 0:
        return
    height = min(dialog.height() + missing, int(screen.height() * SCREEN_SHARE))
    dialog.resize(dialog.width(), max(dialog.height(), height))
    keep_on_screen(dialog)


def keep_on_screen(window: QWidget) -> None:
    """Move `window` up or left as far as needed for all of it to be on its screen."""
    screen = available_geometry(window)
    frame = window.frameGeometry()
    x = max(screen.left(), min(frame.left(), screen.right() + 1 - frame.width()))
    y = max(screen.top(), min(frame.top(), screen.bottom() + 1 - frame.height()))
    if (x, y) != (frame.left(), frame.top()):
        window.move(x, y)


def fitted_size(preferred: QSize, widget: QWidget | None = None, share: float = 1.0) -> QSize:
    """`preferred`, made no bigger than `share` of the available screen."""
    screen = available_geometry(widget)
    return QSize(
        min(preferred.width(), int(screen.width() * share)),
        min(preferred.height(), int(screen.height() * share)),
    )


# The narrowest a pane of a splitter may be dragged.
PANE_MINIMUM_WIDTH = 220


def pane(content: QWidget, object_name: str = "") -> QScrollArea:
    """`content` as a splitter pane that only the owner resizes. A pane whose
    content asks for more room (a longer button label when the selection
    changes, a wider sub-tab) would make the splitter move its handle; in
    this area the content scrolls instead, and the handle stays put."""
    area = QScrollArea()
    area.setObjectName(object_name or f"{content.objectName()}Pane")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    area.setMinimumWidth(PANE_MINIMUM_WIDTH)
    # A click on a button that takes no focus leaves the focus where it was
    # (an area that took it would end the list's keyboard shortcuts).
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return area
