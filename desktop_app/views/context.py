"""What every view shares: the open store, the one undo stack, and signals."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QUndoStack

from desktop_app.models import versions
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
        # Who edits here: the name given for this workspace on this computer.
        versions.session.person = self.person() or self.default_person()
        # A team workspace: others' committed edits reload what they change.
        self.listener = None
        if store.is_workspace:
            from desktop_app.workspace import ChangeListener

            self.listener = ChangeListener(store.connection_url, self)
            self.listener.changed.connect(self.data_changed.emit)

    def _person_key(self) -> str:
        where = self.store.url or str(self.store.path)
        return "workspacePerson/" + quote(where, safe="")

    def person(self) -> str:
        """The name this person gave in Settings for this workspace ("" when
        none): kept on this computer, not in the database the team shares."""
        return str(QSettings().value(self._person_key(), "") or "")

    def set_person(self, name: str) -> None:
        """Keep `name` for this workspace; the history names it from now on."""
        QSettings().setValue(self._person_key(), name)
        versions.session.person = name or self.default_person()

    def default_person(self) -> str:
        """Who edits when no name was given: in an own file, the owner's
        name from Settings; in a team workspace (the owner's name is the
        business's there), the computer's login name."""
        if not self.store.is_workspace:
            return load_settings().owner_name or versions.login_name()
        return versions.login_name()

    def stop_listening(self) -> None:
        """No more live updates (the store is being closed or replaced)."""
        if self.listener is not None:
            self.listener.stop()

    def refresh_all(self) -> None:
        """Every view reloads what it shows: in a workspace, on coming back to
        the window, since others may have changed anything meanwhile."""
        for name, value in vars(Topic).items():
            if not name.startswith("_") and isinstance(value, str):
                self.data_changed.emit(value)

    @property
    def database_path(self) -> Path:
        return self.store.path

    def settings(self) -> Settings:
        return load_settings()
