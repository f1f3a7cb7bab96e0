from dataclasses import dataclass

from PySide6.QtCore import Qt

from desktop_app.views.partials.table_model import Column, RowTableModel, SearchSortProxy


@dataclass
class Person:
    name: str
    rate: float | None


def _proxy(rows):
    model = RowTableModel(
        [
            Column("Name", lambda p: p.name),
            Column(
                "Rate",
                lambda p: "" if p.rate is None else f"{p.rate:.0f}",
                sort_key=lambda p: p.rate,
            ),
        ]
    )
    model.set_rows(rows)
    proxy = SearchSortProxy(lambda p: p.name)
    proxy.setSourceModel(model)
    return model, proxy


def _names(proxy):
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def test_sorts_by_python_keys_with_empty_values_last_both_ways():
    _, proxy = _proxy([Person("Bo", 30), Person("Al", None), Person("Cy", 12.5), Person("Di", 100)])
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    assert _names(proxy) == ["Cy", "Bo", "Di", "Al"]
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    assert _names(proxy) == ["Di", "Bo", "Cy", "Al"]


def test_search_ignores_case_and_accents_and_needs_every_word():
    _, proxy = _proxy([Person("José Álvarez", 1), Person("Joanna Smith", 2), Person("Ana Jose", 3)])
    proxy.set_query("jose")
    assert _names(proxy) == ["José Álvarez", "Ana Jose"]
    proxy.set_query("JOSE alv")
    assert _names(proxy) == ["José Álvarez"]
    proxy.set_query("")
    assert len(_names(proxy)) == 3


def test_predicate_filters_beside_the_search():
    _, proxy = _proxy([Person("A", 1), Person("B", None), Person("C", 3)])
    proxy.set_predicate(lambda p: p.rate is not None)
    assert _names(proxy) == ["A", "C"]


def test_edits_go_through_commit_and_report_refusals():
    seen = []

    def commit(person, value):
        if not value:
            return "A name is required."
        seen.append((person.name, value))
        return None

    model = RowTableModel(
        [Column("Name", lambda p: p.name, edit_value=lambda p: p.name, commit=commit)]
    )
    model.set_rows([Person("A", 1)])
    index = model.index(0, 0)
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(index, "")
    assert model.last_error == "A name is required."
    assert model.setData(index, "B")
    assert seen == [("A", "B")]


def test_columns_are_measured_in_python_as_qt_measures_them(qtbot):
    # fit_columns reads the widths from the rows (issue 13: Qt asked Python for
    # several roles of each of 100 cells a column); the same widths as Qt's.
    from desktop_app.views.partials.table_model import ModelSortProxy, SyncedTableModel
    from desktop_app.views.partials.tables import data_table, fit_columns, text_widths

    @dataclass(frozen=True)
    class Row:
        id: int
        name: str
        note: str
        done: bool

    rows = [
        Row(1, "Invoices", "", True),
        Row(2, "Réconciliation bancaire du mois", "two\nlines, the second longer", False),
        Row(3, "ملاحظات", "", False),
    ]
    model = SyncedTableModel(
        [
            Column("Name", lambda r: r.name),
            Column("Note", lambda r: r.note),
            Column("Empty", lambda r: None),
            Column("Done", lambda r: r.done, checkable=True),
        ]
    )
    model.set_rows(rows)
    proxy = ModelSortProxy(lambda r: r.name)
    proxy.setSourceModel(model)
    table = data_table("people", "People", proxy)
    qtbot.addWidget(table)
    table.resize(900, 300)
    table.show()
    measured = text_widths(table)
    assert sorted(measured) == [0, 1, 2]  # the check box is left to Qt
    assert measured == {column: table.sizeHintForColumn(column) for column in measured}
    fit_columns(table)
    header = table.horizontalHeader()
    for column in range(4):
        needed = max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
        assert header.sectionSize(column) >= needed
