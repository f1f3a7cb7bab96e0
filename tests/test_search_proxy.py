"""The search proxy folds each row's text once and filters once per change (issue 13)."""

from dataclasses import dataclass

from desktop_app.views.partials.table_model import Column, SearchSortProxy, SyncedTableModel


@dataclass(frozen=True)
class Item:
    id: int
    name: str


def _shown(proxy):
    return [proxy.index(row, 0).data() for row in range(proxy.rowCount())]


def test_a_row_replaced_is_searched_by_its_new_text(qtbot):
    model = SyncedTableModel([Column("Name", lambda item: item.name)])
    proxy = SearchSortProxy(lambda item: item.name)
    proxy.setSourceModel(model)
    model.set_rows([Item(1, "Invoices"), Item(2, "Café orders")])
    proxy.set_query("cafe")
    assert _shown(proxy) == ["Café orders"]

    model.sync_rows([Item(1, "Invoices"), Item(2, "Supplier orders")])
    assert _shown(proxy) == []
    proxy.set_query("supplier")
    assert _shown(proxy) == ["Supplier orders"]


class CountingProxy(SearchSortProxy):
    def __init__(self, *args):
        super().__init__(*args)
        self.asked = 0

    def filterAcceptsRow(self, source_row, source_parent):
        self.asked += 1
        return super().filterAcceptsRow(source_row, source_parent)


def test_search_and_filter_change_together_in_one_pass(qtbot):
    model = SyncedTableModel([Column("Name", lambda item: item.name)])
    proxy = CountingProxy(lambda item: item.name)
    proxy.setSourceModel(model)
    model.set_rows([Item(n, f"Task {n}") for n in range(10)])

    def even(item):
        return item.id % 2 == 0

    # Search and filter set one after the other: two passes over the rows.
    proxy.asked = 0
    proxy.set_query("task")
    proxy.set_predicate(even)
    two_calls = proxy.asked
    proxy.set_filter("", None)

    proxy.asked = 0
    proxy.set_filter("task", even)  # both at once: one pass
    assert _shown(proxy) == [f"Task {n}" for n in range(0, 10, 2)]
    assert proxy.asked < two_calls
    asked = proxy.asked
    proxy.set_filter("task", even)  # nothing changed: no pass at all
    assert proxy.asked == asked


def test_the_rows_shown_are_read_without_asking_qt_for_each(qtbot):
    # The Time audit's matrix shows the rows the table shows (issue 13: read in
    # one Python pass, not one Qt call a row), sorted by the model or the proxy.
    from desktop_app.views.partials.table_model import ModelSortProxy

    items = [Item(n, name) for n, name in enumerate(["Invoices", "Café", "Inbox", "Ads"])]
    for proxy_class in (ModelSortProxy, SearchSortProxy):
        model = SyncedTableModel([Column("Name", lambda item: item.name)])
        proxy = proxy_class(lambda item: item.name)
        proxy.setSourceModel(model)
        model.set_rows(items)
        proxy.sort(0)
        proxy.set_filter("in", lambda item: item.id != 3)
        assert [item.name for item in proxy.shown_rows()] == _shown(proxy) == ["Inbox", "Invoices"]
        proxy.set_filter("", None)
        assert [item.name for item in proxy.shown_rows()] == _shown(proxy)
        assert len(_shown(proxy)) == 4


def test_a_growing_query_then_a_shorter_one_shows_what_each_matches(qtbot):
    # A query that grows tests only the rows it showed (issue 13); one that
    # shrinks, or another filter, tests every row again.
    from dataclasses import dataclass

    from PySide6.QtCore import QModelIndex

    from desktop_app.views.partials.table_model import Column, RowTableModel, SearchSortProxy

    @dataclass(frozen=True)
    class Item:
        id: int
        name: str

    names = ["Invoices", "Invitations", "Inbox zero", "Élan vital", "Bookkeeping", "invoice run"]
    model = RowTableModel([Column("Name", lambda r: r.name)])
    model.set_rows([Item(n, name) for n, name in enumerate(names)])
    proxy = SearchSortProxy(lambda r: r.name)
    proxy.setSourceModel(model)
    tested: list[str] = []
    accepts = proxy.accepts

    def counting(row):
        tested.append(row.name)
        return accepts(row)

    proxy.accepts = counting  # type: ignore[method-assign]

    def shown():
        return [proxy.index(r, 0).data() for r in range(proxy.rowCount(QModelIndex()))]

    proxy.set_query("in")
    assert shown() == ["Invoices", "Invitations", "Inbox zero", "Bookkeeping", "invoice run"]
    tested.clear()
    proxy.set_query("inv")
    assert shown() == ["Invoices", "Invitations", "invoice run"]
    assert sorted(tested) == sorted(["Invoices", "Invitations", "Inbox zero", "Bookkeeping",
                                     "invoice run"])  # fmt: skip
    tested.clear()
    proxy.set_query("invo")
    assert shown() == ["Invoices", "invoice run"]
    assert sorted(tested) == ["Invitations", "Invoices", "invoice run"]
    proxy.set_query("in")  # shorter: every row again
    assert shown() == ["Invoices", "Invitations", "Inbox zero", "Bookkeeping", "invoice run"]
    proxy.set_query("elan")
    assert shown() == ["Élan vital"]
    proxy.set_query("")
    assert shown() == names
