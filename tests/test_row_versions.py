"""No lost updates: two clients editing the same brief, on both engines.

Each client is its own connection and its own edit session (who edits, the
row versions it has read), as two Offload windows on two machines are.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.models.base import (
    BUSY_TIMEOUT,
    PRAGMAS,
    OffloadDatabase,
    database,
    postgres_database,
)
from desktop_app.models.briefs import (
    Brief,
    BriefData,
    Expectation,
    add_expectation,
    create_brief,
    load_brief,
    update_brief,
    update_expectation,
)
from desktop_app.models.versions import EditSession, StaleEdit, use_session
from desktop_app.store import Store
from tests.conftest import BOTH_ENGINES

pytestmark = BOTH_ENGINES


class Client:
    """One person's Offload: a connection and an edit session, made current by `with`."""

    def __init__(self, db, person: str) -> None:  # type: ignore[no-untyped-def]
        self.db = db
        self.session = EditSession(person=person)

    @contextmanager
    def active(self) -> Iterator[None]:
        bound = database.obj
        database.initialize(self.db)
        previous = use_session(self.session)
        try:
            yield
        finally:
            use_session(previous)
            database.initialize(bound)


def second_connection(location: Path | str):  # type: ignore[no-untyped-def]
    if isinstance(location, str):
        db = postgres_database(location)
    else:
        db = OffloadDatabase(str(location), pragmas=PRAGMAS, timeout=BUSY_TIMEOUT)
    db.connect()
    return db


@pytest.fixture
def clients(store: Store, db_location: Path | str) -> Iterator[tuple[Client, Client]]:
    other = second_connection(db_location)
    try:
        yield Client(store.db, "Ann"), Client(other, "Ben")
    finally:
        other.close()


@pytest.mark.parametrize("first", ["ann", "ben"])
def test_a_stale_save_is_refused_naming_who_and_showing_both_values(clients, first):
    ann, ben = clients
    with ann.active():
        brief_id = create_brief(BriefData(title="Weekly newsletter"))
        load_brief(brief_id, for_editing=True)
    with ben.active():
        load_brief(brief_id, for_editing=True)
    winner, loser = (ann, ben) if first == "ann" else (ben, ann)
    with winner.active():
        update_brief(brief_id, {"summary": "Two issues a month"})
    with loser.active():
        with pytest.raises(StaleEdit) as refused:
            update_brief(brief_id, {"summary": "One issue a week"})
        assert f"changed by {winner.session.person} on" in str(refused.value)
        assert refused.value.theirs == {"summary": "Two issues a month"}
        assert refused.value.yours == {"summary": "One issue a week"}
        assert "Summary, theirs: 'Two issues a month'" in str(refused.value)
        assert "Summary, yours: 'One issue a week'" in str(refused.value)
    with winner.active():
        stored = Brief.get_by_id(brief_id)
        assert (stored.summary, stored.changed_by, stored.row_version) == (
            "Two issues a month",
            winner.session.person,
            2,
        )
    # Having read theirs, the loser's next save goes through.
    with loser.active():
        load_brief(brief_id, for_editing=True)
        update_brief(brief_id, {"summary": "One issue a week"})
        assert Brief.get_by_id(brief_id).summary == "One issue a week"


def test_undo_of_an_edit_someone_changed_since_is_refused(clients):
    ann, ben = clients
    with ann.active():
        brief_id = create_brief(BriefData(title="Bookkeeping"))
        load_brief(brief_id, for_editing=True)
        old = update_brief(brief_id, {"budget": "300"})
    with ben.active():
        load_brief(brief_id, for_editing=True)
        update_brief(brief_id, {"budget": "450"})
    with ann.active():
        with pytest.raises(StaleEdit, match="changed by Ben on"):
            update_brief(brief_id, old)  # what the undo command runs
        assert Brief.get_by_id(brief_id).budget == Decimal("450")


def test_an_undo_with_nobody_in_between_goes_through(clients):
    ann, _ = clients
    with ann.active():
        brief_id = create_brief(BriefData(title="Support inbox"))
        old = update_brief(brief_id, {"summary": "Answer within a day"})
        update_brief(brief_id, old)
        assert Brief.get_by_id(brief_id).summary == ""


def test_a_stale_expectation_save_is_refused(clients):
    ann, ben = clients
    with ann.active():
        brief_id = create_brief(BriefData(title="Podcast editing"))
        expectation_id = add_expectation(brief_id, "Episodes out by Friday")
    with ben.active():
        load_brief(brief_id, for_editing=True)
        update_expectation(expectation_id, {"text": "Episodes out by Thursday"})
    with ann.active():
        with pytest.raises(StaleEdit, match="changed by Ben on"):
            update_expectation(expectation_id, {"text": "Episodes out by Monday"})
        assert Expectation.get_by_id(expectation_id).text == "Episodes out by Thursday"


@pytest.mark.parametrize("choice", ["Keep theirs", "Save mine"])
def test_the_editor_shows_theirs_beside_yours_and_the_owner_chooses(window, qtbot, clients, choice):
    from PySide6.QtWidgets import QMessageBox

    from tests.dialogs import no_dialog, shown_dialog

    _ann, ben = clients
    brief_id = create_brief(BriefData(title="Weekly newsletter"))
    page = window.show_tab("briefs").page()
    page.open_target(("brief", brief_id))
    with ben.active():
        load_brief(brief_id, for_editing=True)
        update_brief(brief_id, {"summary": "Two issues a month"})
    summary = page.editor.fields["summary"].input
    summary.setFocus()
    qtbot.keyClicks(summary, "Weekly")  # six saves tried, one question asked
    box = shown_dialog(window, "staleEditDialog")
    assert isinstance(box, QMessageBox)
    assert "changed by Ben on" in box.text()
    assert "Summary, theirs: 'Two issues a month'" in box.text()
    assert "Summary, yours: 'W'" in box.text()
    assert Brief.get_by_id(brief_id).summary == "Two issues a month"
    [button] = [b for b in box.buttons() if b.text() == choice]
    button.click()
    qtbot.waitUntil(lambda: no_dialog(window, "staleEditDialog"))
    expected = "Two issues a month" if choice == "Keep theirs" else "Weekly"
    assert Brief.get_by_id(brief_id).summary == expected
    qtbot.waitUntil(lambda: page.editor.fields["summary"].value() == expected)


def test_a_window_on_a_workspace_shows_others_edits_as_they_are_committed(
    window, qtbot, clients, engine
):
    """LISTEN/NOTIFY on PostgreSQL; on SQLite (one writer, no server) the
    window reloads when it is activated again."""
    from desktop_app.models.engine import announce

    _ann, ben = clients
    brief_id = create_brief(BriefData(title="Weekly newsletter"))
    page = window.show_tab("briefs").page()
    page.open_target(("brief", brief_id))
    if engine == "postgresql":
        qtbot.waitUntil(window.ctx.listener.ready.is_set)
    with ben.active():
        load_brief(brief_id, for_editing=True)
        update_brief(brief_id, {"title": "Fortnightly newsletter"})
        announce(database, ["briefs"], sender="ben")  # what Ben's window does after an edit
    if engine == "sqlite":
        assert page.editor.fields["title"].value() == "Weekly newsletter"
        return
    qtbot.waitUntil(lambda: page.editor.fields["title"].value() == "Fortnightly newsletter")
    titles = [row.title for row in page.list_model.rows()]
    assert titles == ["Fortnightly newsletter"]


def test_versions_seen_in_one_database_are_forgotten_when_another_is_opened(tmp_path):
    """Ids repeat between databases: brief 1 seen at version 3 in one file
    says nothing about brief 1 of the next (File > Open, each test)."""
    from desktop_app.store import open_store

    first = open_store(tmp_path / "first.sqlite3")
    brief_id = create_brief(BriefData(title="Bookkeeping"))
    load_brief(brief_id, for_editing=True)
    update_brief(brief_id, {"summary": "Monthly"})
    update_brief(brief_id, {"summary": "Weekly"})
    first.close()
    second = open_store(tmp_path / "second.sqlite3")
    try:
        assert create_brief(BriefData(title="Newsletter")) == brief_id
        update_brief(brief_id, {"summary": "Two issues a month"})
        assert Brief.get_by_id(brief_id).summary == "Two issues a month"
    finally:
        second.close()
