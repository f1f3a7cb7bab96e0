"""What every view shares: the open store, the one undo stack, and signals."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from desktop_app.models.settings import Settings, load_settings
from desktop_app.store import Store


class Topic:
    """Names for what changed, carried by AppContext.data_changed."""

    SETTINGS = "settings"
    TASKS = "tasks"
    CONTRACTORS = "contractors"
    BRIEFS = "briefs"
    ENGAGEMENTS = "engagements"
    PROCEDURES = "procedures"
    QUESTIONS = "questions"
    HIRING = "hiring"  # job posts, screening, trials, messages, referrals
    FOCUS = "focus"  # growth marks and priorities, results over time


class AppContext(QObject):
    """The open database and the services every tab uses.

    Signals:
        data_changed(str): stored data of a topic (see Topic) changed, by an
            edit, an undo or a redo; views showing that topic reload.
        navigate_requested(str, object): a view asks to show another tab
            (by key) and, optionally, an item in it.

    Attributes:
        store: the open database.
        undo_stack: the one undo stack; every edit is a command pushed on it.
        demo: True when the database is a temporary demo.
    """

    data_changed = Signal(str)
    navigate_requested = Signal(str, object)

    def __init__(
        self,
        store: Store,
        undo_stack: QUndoStack,
        *,
        demo: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.undo_stack = undo_stack
        self.demo = demo

    @property
    def database_path(self) -> Path:
        return self.store.path

    def settings(self) -> Settings:
        return load_settings()
