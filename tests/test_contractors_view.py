"""The Contractors tab driven as the owner drives it: typing, clicking,
menus; checked on what the window shows and on what is stored."""

from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QPoint, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
)

from desktop_app.demo.contractors import fill as fill_demo
from desktop_app.models import contractors as bench
from desktop_app.models.contractor_input import parse_contractor
from desktop_app.views.partials.table_model import RowTableModel


@pytest.fixture
def page(window, qtbot):
    return window.show_tab("contractors").page()


@pytest.fixture
def demo_page(window, store, qtbot):
    fill_demo(date.today())
    page = window.show_tab("contractors").page()
    page.refresh()
    return page


def names(page):
    proxy = page.proxy
    return [proxy.index(row, 0).data() for row in range(proxy.rowCount())]


def row_of(page, name):
    for row in range(page.proxy.rowCount()):
        if page.proxy.index(row, 0).data() == name:
            return row
    raise AssertionError(f"{name} is not in the list")


def click_row(qtbot, page, name, modifier=Qt.KeyboardModifier.NoModifier):
    index = page.proxy.index(row_of(page, name), 0)
    page.table.scrollTo(index)
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def type_into(qtbot, editor, text):
    if isinstance(editor, QComboBox):
        editor = editor.lineEdit()
    editor.setFocus()
    if isinstance(editor, QPlainTextEdit):
        editor.clear()
    else:
        editor.selectAll()
        qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClicks(editor, text)


def ok(qtbot, dialog):
    box = dialog.buttons
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def answer_next_dialog(button_text, seen=None):
    """Click `button_text` in the next modal message box (a blocking exec())."""

    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        if seen is not None:
            seen.append(box.text())
        for button in box.buttons():
            if button.text().replace("&", "") == button_text:
                button.click()
                return
        raise AssertionError(f"no button {button_text!r} in {[b.text() for b in box.buttons()]}")

    QTimer.singleShot(0, answer)


def undo(qtbot, window):
    # The Edit menu's action (a shortcut would need the window to be active,
    # which it may not be right after a modal message box closed).
    window.findChild(QAction, "actionUndo").trigger()


def redo(qtbot, window):
    window.findChild(QAction, "actionRedo").trigger()


class UrlCatcher(QObject):
    """Receives the URLs the app asks the desktop to open (QDesktopServices handler)."""

    def __init__(self):
        super().__init__()
        self.urls = []

    @Slot(QUrl)
    def open(self, url):
        self.urls.append(url)


@pytest.fixture
def opened_urls():
    catcher = UrlCatcher()
    for scheme in ("https", "http", "file"):
        QDesktopServices.setUrlHandler(scheme, catcher, "open")
    yield catcher.urls
    for scheme in ("https", "http", "file"):
        QDesktopServices.unsetUrlHandler(scheme)


# Empty bench, adding, validation, undo
def test_an_empty_bench_says_what_to_do_and_the_button_opens_the_form(page, qtbot):
    assert page.stack.currentWidget() is page.empty
    assert page.empty.button.text() == "Add your first contractor…"
    qtbot.mouseClick(page.empty.button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(QObject, "contractorDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_new_contractor_from_the_menu_is_stored_and_undone(window, page, qtbot):
    action = window.findChild(QAction, "action_contractors_new_contractor")
    assert action.shortcut().toString() == "Ctrl+Shift+C"
    action.trigger()
    dialog = page.findChild(QObject, "contractorDialog")
    type_into(qtbot, dialog.editors["name"], "Ana Ferreira")
    type_into(qtbot, dialog.editors["email"], "ana@example.com")
    type_into(qtbot, dialog.editors["skills"], "bookkeeping, Xero")
    type_into(qtbot, dialog.editors["rate"], "32")
    dialog.editors["source"].setCurrentIndex(dialog.editors["source"].findData("upwork"))
    ok(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert names(page) == ["Ana Ferreira"]
    assert page.pipeline.count_text("prospect") == "1"
    stored = bench.contractor_rows()[0]
    assert (stored.email, stored.source, str(stored.rate)) == ("ana@example.com", "upwork", "32")
    assert page.detail.title.text() == "Ana Ferreira"

    undo(qtbot, window)
    assert bench.contractor_rows() == []
    assert page.stack.currentWidget() is page.empty
    redo(qtbot, window)
    assert [r.id for r in bench.contractor_rows()] == [stored.id]
    assert names(page) == ["Ana Ferreira"]


def test_bad_input_in_the_form_is_refused_field_by_field(page, qtbot):
    dialog = page.new_contractor()
    type_into(qtbot, dialog.editors["name"], "Bo")
    type_into(qtbot, dialog.editors["email"], "bo@nowhere")
    type_into(qtbot, dialog.editors["rate"], "-20")
    type_into(qtbot, dialog.editors["currency"], "QQQ")
    type_into(qtbot, dialog.editors["rating"], "7")
    type_into(qtbot, dialog.editors["phone"], "call me")
    ok(qtbot, dialog)
    assert dialog.isVisible()
    errors = {k: label.text() for k, label in dialog.errors.labels.items() if label.isVisible()}
    assert "is not an e-mail address" in errors["email"]
    assert "cannot be below zero" in errors["rate"]
    assert "ISO 4217" in errors["currency"]
    assert "from 1 to 5, not 7" in errors["rating"]
    assert "is not a phone number" in errors["phone"]
    assert bench.contractor_rows() == []
    assert page.ctx.undo_stack.count() == 0
    dialog.reject()


def test_a_website_without_https_is_offered_with_it(page, qtbot):
    dialog = page.new_contractor()
    type_into(qtbot, dialog.editors["name"], "Bo")
    type_into(qtbot, dialog.editors["website"], "bo-designs.example.com/work")
    ok(qtbot, dialog)
    offer = dialog.suggestion_buttons["website"]
    assert offer.isVisible()
    assert offer.text() == "Use https://bo-designs.example.com/work"
    assert bench.contractor_rows() == []
    qtbot.mouseClick(offer, Qt.MouseButton.LeftButton)
    assert dialog.editors["website"].text() == "https://bo-designs.example.com/work"
    ok(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert bench.contractor_rows()[0].website == "https://bo-designs.example.com/work"


# Duplicates
def test_adding_someone_already_on_the_bench_offers_open_or_merge(page, qtbot):
    existing = bench.create_contractor(
        parse_contractor({"name": "Ana Ferreira", "email": "ana@example.com"})
    )
    page.refresh()
    seen = []
    answer_next_dialog("Merge into Ana Ferreira", seen)
    values = parse_contractor(
        {"name": "Ana F", "email": "ANA@example.com", "phone": "+351 912 345 678"}
    )
    assert page.add_contractor(values) is None
    assert "Ana Ferreira (same e-mail)" in seen[0]
    assert len(bench.contractor_rows()) == 1
    assert bench.contractor_values(existing)["phone"] == "+351 912 345 678"
    assert page.detail.contractor_id == existing

    answer_next_dialog("Open Ana Ferreira")
    page.clear_filters()
    page.select_ids([])
    assert page.add_contractor(values) is None
    assert page.selected_ids() == [existing]

    answer_next_dialog("Add anyway")
    new_id = page.add_contractor(values)
    assert new_id is not None and len(bench.contractor_rows()) == 2


def test_two_records_of_one_person_merge_from_the_context_menu(window, page, qtbot):
    keep = bench.create_contractor(parse_contractor({"name": "Ana", "email": "a@example.com"}))
    other = bench.create_contractor(
        parse_contractor({"name": "Ana F", "phone": "+351 912 345 678"})
    )
    bench.add_child("reference", other, bench.parse_reference({"name": "Rui"}))
    page.refresh()
    page.select_ids([keep, other])
    menu = page.context_menu()
    merge = menu.findChild(QAction, "contextMerge")
    answer_next_dialog("Merge")
    merge.trigger()
    assert [r.name for r in bench.contractor_rows()] == ["Ana"]
    assert bench.contractor_rows()[0].references == 1
    undo(qtbot, window)
    assert sorted(r.name for r in bench.contractor_rows()) == ["Ana", "Ana F"]


# Search, filters, sorting
def test_search_finds_by_name_skill_and_notes(demo_page, qtbot):
    type_into(qtbot, demo_page.search, "xero")
    found = names(demo_page)
    assert "Ana Ferreira" in found and "Tomasz Nowak" in found
    assert all("xero" in r.skills.lower() or "xero" in r.notes.lower()
               for r in demo_page.model.rows() if r.name in found)  # fmt: skip
    type_into(qtbot, demo_page.search, "stripe")  # only in Ana's notes
    assert names(demo_page) == ["Ana Ferreira"]
    type_into(qtbot, demo_page.search, "jimenez")  # accents ignored
    assert names(demo_page) == ["Carla Jiménez"]
    assert demo_page.count_label.text() == "1 of 20 contractors"


def test_the_pipeline_bar_counts_and_filters(demo_page, qtbot):
    counts = Counter(contractor.stage for contractor in bench.Contractor.select())
    assert demo_page.pipeline.count_text("") == "20"
    for stage in bench.Stage:
        assert demo_page.pipeline.count_text(stage.value) == str(counts[stage.value])
    qtbot.mouseClick(demo_page.pipeline.buttons["interviewing"], Qt.MouseButton.LeftButton)
    assert len(names(demo_page)) == counts["interviewing"]
    assert demo_page.stage_filter.currentData() == "interviewing"
    assert {r.stage for r in demo_page.model.rows() if r.name in names(demo_page)} == {
        "interviewing"
    }
    qtbot.mouseClick(demo_page.pipeline.buttons[""], Qt.MouseButton.LeftButton)
    assert len(names(demo_page)) == 20


def test_filter_by_source_and_stage_together(demo_page, qtbot):
    source = demo_page.source_filter
    source.setCurrentIndex(source.findData("referral"))
    referred = names(demo_page)
    assert set(referred) == {"Priya Raman", "Jonas Berg", "Lena Fischer", "Yuki Tanaka"}
    demo_page.stage_filter.setCurrentIndex(demo_page.stage_filter.findData("prospect"))
    assert names(demo_page) == ["Yuki Tanaka"]
    assert demo_page.pipeline.buttons["prospect"].isChecked()


def test_sorting_by_rating_rate_and_last_contact(demo_page, qtbot):
    header = demo_page.table.horizontalHeader()
    titles = [demo_page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(9)]

    def sort_by(title, order):
        demo_page.table.sortByColumn(titles.index(title), order)
        return [demo_page.proxy.data(demo_page.proxy.index(r, 0), RowTableModel.ROW_ROLE)
                for r in range(demo_page.proxy.rowCount())]  # fmt: skip

    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(
            header.sectionViewportPosition(titles.index("Rating")) + 5, 5)
    )  # fmt: skip
    assert header.sortIndicatorSection() == titles.index("Rating")
    rows = sort_by("Rating", Qt.SortOrder.DescendingOrder)
    ratings = [r.rating for r in rows]
    rated = [r for r in ratings if r is not None]
    assert rated == sorted(rated, reverse=True) and ratings[-1] is None
    rows = sort_by("Rate", Qt.SortOrder.AscendingOrder)
    hourly_usd = [r.rate for r in rows if r.rate_unit == "hour" and r.currency == "USD"]
    assert hourly_usd == sorted(hourly_usd) and rows[0].rate_unit == "hour"
    rows = sort_by("Last contact", Qt.SortOrder.DescendingOrder)
    contacts = [r.last_contact for r in rows if r.last_contact]
    assert contacts == sorted(contacts, reverse=True)


def test_navigation_targets(demo_page, qtbot):
    ana = next(r for r in demo_page.model.rows() if r.name == "Ana Ferreira")
    demo_page.open_target(("contractor", ana.id))
    assert demo_page.selected_ids() == [ana.id]
    assert demo_page.detail.title.text() == "Ana Ferreira"
    demo_page.open_target(("stage", "hired"))
    assert names(demo_page) == ["Maria Santos"]
    demo_page.open_target(("skills", "Pinterest, tiktok"))
    # Rafael Costa has Pinterest too, but was rejected: not offered again.
    assert set(names(demo_page)) == {"Lena Fischer", "Sam Taylor"}
    assert demo_page.skills_label.text() == (
        "With any of: Pinterest, tiktok. Rejected contractors are left out."
    )
    qtbot.mouseClick(demo_page.skills_clear, Qt.MouseButton.LeftButton)
    assert len(names(demo_page)) == 20


def test_navigation_from_another_tab_through_the_context(window, demo_page, qtbot):
    window.show_tab("overview")
    window.ctx.navigate_requested.emit("contractors", ("stage", "trial"))
    assert window.tabs.currentWidget().spec.key == "contractors"
    assert set(names(demo_page)) == {"Ana Ferreira", "Grace Mwangi"}


def test_ctrl_f_focuses_the_search(window, demo_page, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert demo_page.search.hasFocus()


# Pipeline moves
def test_a_move_from_the_context_menu_with_a_reason_is_kept_and_undone(window, demo_page, qtbot):
    click_row(qtbot, demo_page, "Priya Raman")
    priya = demo_page.selected_ids()[0]
    menu = demo_page.context_menu()
    action = menu.findChild(QAction, "contextMoveTo_interviewing")
    action.trigger()
    dialog = demo_page.findChild(QObject, "moveStageDialog")
    assert any("Contacted → Interviewing" in label.text() for label in dialog.findChildren(QLabel))
    type_into(qtbot, dialog.editors["reason"], "Leo's recommendation checks out")
    ok(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    detail = bench.contractor_detail(priya)
    assert detail.row.stage == "interviewing"
    assert detail.history[0].reason == "Leo's recommendation checks out"
    assert demo_page.detail.history_model.rowCount() == len(detail.history)
    assert demo_page.pipeline.count_text("interviewing") == "7"
    assert (
        window.findChild(QAction, "actionUndo").text() == "&Undo Move Priya Raman to Interviewing"
    )

    undo(qtbot, window)
    detail = bench.contractor_detail(priya)
    assert detail.row.stage == "contacted"
    assert all(h.reason != "Leo's recommendation checks out" for h in detail.history)
    assert demo_page.pipeline.count_text("interviewing") == "6"
    redo(qtbot, window)
    assert bench.contractor_detail(priya).row.stage == "interviewing"


def test_the_next_stage_button_moves_one_step(demo_page, qtbot):
    click_row(qtbot, demo_page, "Ana Ferreira")
    button = demo_page.detail.next_button
    assert button.text() == "Move to Hired ▸"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = demo_page.findChild(QObject, "moveStageDialog")
    ok(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert bench.contractor_detail(demo_page.selected_ids()[0]).row.stage == "hired"
    assert demo_page.detail.subtitle.text().startswith("Hired since")
    assert not demo_page.detail.next_button.isVisible()


# Deleting
def test_deleting_a_contractor_with_interviews_asks_first_and_is_undoable(window, demo_page, qtbot):
    click_row(qtbot, demo_page, "Tomasz Nowak")
    tomasz = demo_page.selected_ids()[0]
    seen = []
    answer_next_dialog("Cancel", seen)
    qtbot.mouseClick(demo_page.detail.delete_button, Qt.MouseButton.LeftButton)
    assert "with 2 interviews, 1 reference" in seen[0]
    assert tomasz in [r.id for r in bench.contractor_rows()]

    answer_next_dialog("Delete")
    demo_page.context_menu().findChild(QAction, "contextDelete").trigger()
    assert tomasz not in [r.id for r in bench.contractor_rows()]
    assert "Tomasz Nowak" not in names(demo_page)
    assert demo_page.pipeline.count_text("") == "19"

    undo(qtbot, window)
    detail = bench.contractor_detail(tomasz)
    assert len(detail.interviews) == 2 and len(detail.references) == 1
    assert "Tomasz Nowak" in names(demo_page)


def test_a_contractor_with_nothing_attached_is_deleted_without_asking(page, qtbot):
    cid = bench.create_contractor(parse_contractor({"name": "Solo"}))
    page.refresh()
    page.select_ids([cid])
    assert page.delete_contractor()
    assert bench.contractor_rows() == []


# Detail pane: references, portfolio, interviews
def test_references_are_added_and_checked_with_undo(window, demo_page, qtbot):
    click_row(qtbot, demo_page, "Priya Raman")
    detail = demo_page.detail
    detail.tabs.setCurrentIndex(1)
    dialog = detail.add_reference()
    type_into(qtbot, dialog.editors["name"], "Leo Martins")
    type_into(qtbot, dialog.editors["said"], "Reliable, fast, asks good questions.")
    ok(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert detail.references_model.rowCount() == 2
    index = detail.references_model.index(1, 2)
    assert detail.references_model.setData(index, Qt.CheckState.Checked.value,
                                           Qt.ItemDataRole.CheckStateRole)  # fmt: skip
    refs = bench.reference_rows(detail.contractor_id)
    assert refs[1].checked and refs[1].said == "Reliable, fast, asks good questions."
    undo(qtbot, window)
    assert not bench.reference_rows(detail.contractor_id)[1].checked


def test_portfolio_links_open_only_when_clicked(demo_page, qtbot, opened_urls):
    click_row(qtbot, demo_page, "Lena Fischer")
    detail = demo_page.detail
    detail.tabs.setCurrentIndex(2)
    assert detail.portfolio_model.rowCount() == 2
    assert opened_urls == []
    index = detail.portfolio_model.index(0, 0)
    detail.portfolio_view.setCurrentIndex(index)
    qtbot.mouseClick(detail.findChild(QObject, "openPortfolioButton"), Qt.MouseButton.LeftButton)
    assert [u.toString() for u in opened_urls] == [
        "https://www.pinterest.com/papeteriehuber-example"
    ]


def test_a_portfolio_link_without_https_is_offered_with_it(demo_page, qtbot):
    click_row(qtbot, demo_page, "Ben Okafor")
    dialog = demo_page.detail.add_portfolio_link()
    type_into(qtbot, dialog.editors["url"], "benokafor.example.com/books")
    ok(qtbot, dialog)
    assert dialog.suggestion_buttons["url"].isVisible()
    qtbot.mouseClick(dialog.suggestion_buttons["url"], Qt.MouseButton.LeftButton)
    ok(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    rows = bench.portfolio_rows(demo_page.detail.contractor_id)
    assert rows[0].url == "https://benokafor.example.com/books"
    assert rows[0].title == "https://benokafor.example.com/books"


def test_sample_files_are_stored_once_opened_and_shown_missing(demo_page, qtbot, tmp_path,
                                                              opened_urls):  # fmt: skip
    click_row(qtbot, demo_page, "Ben Okafor")
    detail = demo_page.detail
    sample = tmp_path / "reconciliation sample.xlsx"
    sample.write_bytes(b"PK\x03\x04 pretend spreadsheet")
    assert detail.attach_file(sample)
    copy = tmp_path / "same again.xlsx"
    copy.write_bytes(sample.read_bytes())
    assert detail.attach_file(copy)
    assert "already stored" in detail.message.text()
    items = bench.portfolio_rows(detail.contractor_id)
    assert len(items) == 2 and items[0].file_hash == items[1].file_hash
    folder = detail._folder()
    assert len([p for p in folder.rglob("*") if p.is_file()]) == 1

    detail.portfolio_view.setCurrentIndex(detail.portfolio_model.index(0, 0))
    assert detail.open_portfolio_item()
    assert opened_urls[-1].isLocalFile()
    assert Path(opened_urls[-1].toLocalFile()).read_bytes() == sample.read_bytes()

    for stored in folder.rglob("*.xlsx"):
        stored.unlink()
    detail.reload()
    assert detail.portfolio_model.index(0, 1).data().endswith("— missing")
    count = len(opened_urls)
    detail.portfolio_view.setCurrentIndex(detail.portfolio_model.index(0, 0))
    assert not detail.open_portfolio_item()
    assert "is missing" in detail.message.text()
    assert len(opened_urls) == count


def test_an_oversized_sample_file_is_refused_with_a_message(demo_page, qtbot, tmp_path):
    click_row(qtbot, demo_page, "Ben Okafor")
    big = tmp_path / "huge.mov"
    with big.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024 + 1)
    assert not demo_page.detail.attach_file(big)
    assert "at most 100 MB" in demo_page.detail.message.text()
    assert bench.portfolio_rows(demo_page.detail.contractor_id) == []


def test_an_interview_in_the_future_cannot_be_marked_held(demo_page, qtbot):
    click_row(qtbot, demo_page, "Ben Okafor")
    dialog = demo_page.detail.add_interview()
    dialog.editors["held_at"].setDateTime(datetime.now() + timedelta(days=3))
    dialog.findChild(QCheckBox, "interview_held").setChecked(True)
    type_into(qtbot, dialog.editors["communication"], "6")
    ok(qtbot, dialog)
    assert dialog.isVisible()
    assert "in the future cannot be marked as held" in dialog.errors.labels["held"].text()
    assert "from 1 to 5, not 6" in dialog.errors.labels["communication"].text()
    assert bench.interview_rows([demo_page.detail.contractor_id]) == []

    dialog.findChild(QCheckBox, "interview_held").setChecked(False)
    type_into(qtbot, dialog.editors["communication"], "")
    brief = dialog.editors["brief"]
    assert brief.itemText(0) == "No brief"
    ok(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    rows = bench.interview_rows([demo_page.detail.contractor_id])
    assert len(rows) == 1 and not rows[0].held
    assert demo_page.detail.interviews_model.index(0, 1).data() == "scheduled"


# Comparison
def test_the_comparison_shows_the_evidence_side_by_side(window, demo_page, qtbot, tmp_path):
    click_row(qtbot, demo_page, "Ana Ferreira")
    click_row(qtbot, demo_page, "Tomasz Nowak", Qt.KeyboardModifier.ControlModifier)
    click_row(qtbot, demo_page, "Ledgerlight Bookkeeping", Qt.KeyboardModifier.ControlModifier)
    window.findChild(QAction, "action_contractors_compare_selected").trigger()
    dialog = demo_page.findChild(QObject, "comparisonDialog")
    qtbot.waitExposed(dialog)
    model = dialog.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["", "Ana Ferreira", "Ledgerlight Bookkeeping", "Tomasz Nowak"]
    table = {model.index(r, 0).data(): [model.index(r, c).data() for c in range(1, 4)]
             for r in range(model.rowCount())}  # fmt: skip
    assert table["Rate"] == ["$32 per hour", "$450 per month", "$22 per hour"]
    assert table["Source"] == ["Upwork", "Bookkeeper Directory", "Upwork"]
    assert table["References checked"] == ["2 of 2", "1 of 2", "1 of 1"]
    assert table["Portfolio items"] == ["1", "1", "0"]
    assert table["Interviews held"] == ["2", "1", "1"]
    assert table["Communication"] == ["5.0", "4.0", "3.0"]
    assert "month-end checklist" in table["Interview notes"][0]
    comm = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Communication")
    assert model.index(comm, 1).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(comm, 3).data(Qt.ItemDataRole.BackgroundRole) is None
    assert not dialog.brief_choice.isVisible()  # no briefs in this database

    pdf = dialog.export_pdf(tmp_path / "compared.pdf")
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    for expected in ("Contractors side by side", "Ana Ferreira", "Ledgerlight", "Tomasz Nowak",
                     "$22 per hour", "Communication", "Page 1 of"):  # fmt: skip
        assert expected in text
    preview = dialog.print_preview()
    assert preview is not None and preview.objectName() == "comparisonPrintPreview"
    preview.reject()
    dialog.close()


def test_printing_draws_every_page_of_the_comparison_pdf(demo_page, qtbot, tmp_path):
    from pypdf import PdfReader
    from PySide6.QtGui import QPageLayout
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

    from desktop_app.views.partials.pdf_print import paint_pdf, pdf_printer

    ids = [r.id for r in demo_page.model.rows()[:5]]
    demo_page.select_ids(ids)
    dialog = demo_page.compare_selected()
    source = dialog.export_pdf(tmp_path / "compared.pdf")
    document = QPdfDocument(dialog)
    document.load(str(source))
    printer = pdf_printer(document, "Contractors side by side")
    assert printer.pageLayout().orientation() == QPageLayout.Orientation.Landscape
    # A printer that writes a PDF file stands in for the paper printer.
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(100)  # quick; pages and orientation are what is tested
    paint_pdf(document, printer)
    printed = PdfReader(tmp_path / "printed.pdf")
    assert len(printed.pages) == document.pageCount() == len(PdfReader(source).pages)
    page = printed.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    dialog.close()


def test_the_comparison_for_one_brief_counts_only_its_interviews(window, demo_page, qtbot):
    from desktop_app.models.briefs import Brief

    brief = Brief.create(title="Monthly bookkeeping")
    ana = next(r.id for r in demo_page.model.rows() if r.name == "Ana Ferreira")
    tomasz = next(r.id for r in demo_page.model.rows() if r.name == "Tomasz Nowak")
    first = bench.interview_rows([ana])[-1]
    bench.update_child("interview", first.id, {"brief": brief.id})
    demo_page.select_ids([ana, tomasz])
    dialog = demo_page.compare_selected()
    assert dialog.brief_choice.isVisibleTo(dialog)
    dialog.brief_choice.setCurrentIndex(dialog.brief_choice.findData(brief.id))
    rows = {row.label: row for row in dialog.comparison.rows}
    assert rows["Interviews held for “Monthly bookkeeping”"].values == ("1", "0")
    assert rows["Communication"].values == ("5.0", "—")
    assert "Monthly bookkeeping" in dialog.windowTitle()
    dialog.close()


def test_comparing_needs_two_to_five(demo_page, qtbot):
    click_row(qtbot, demo_page, "Ana Ferreira")
    assert demo_page.compare_selected() is None
    assert "Select 2 to 5" in demo_page.status.text()


# Import and export through the window
def test_csv_import_maps_previews_and_imports_in_one_undoable_step(window, page, qtbot, tmp_path):
    path = tmp_path / "my contractors.csv"
    path.write_text(
        "Who,Mail,Where found,Notes\n"
        "Ana Ferreira,ana@example.com,Upwork,Xero expert\n"
        "Bo Lind,bo@nowhere,Freelancer,typo in mail\n"
        "Chen Wei,chen@example.com,Codeable,\n",
        encoding="utf-8",
    )
    dialog = page.import_file(path)
    assert dialog.mapping_boxes["name"].currentText() == "Who"
    assert dialog.mapping_boxes["email"].currentText() == "Mail"
    assert dialog.mapping_boxes["notes"].currentText() == "Notes"
    dialog.set_column("notes", "")  # the owner chooses not to import the notes
    preview = dialog.preview_model
    statuses = [preview.index(r, 0).data() for r in range(preview.rowCount())]
    assert statuses == ["Import", "Import", "Refused"]
    refused_note = preview.index(2, 3).data()
    assert "bo@nowhere" in refused_note and "e-mail" in refused_note
    assert dialog.import_button.text() == "Import 2"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert sorted(names(page)) == ["Ana Ferreira", "Chen Wei"]
    assert "2 added" in page.status.text() and "1 refused" in page.status.text()
    assert all(r.notes == "" for r in bench.contractor_rows())
    chen = next(r for r in bench.contractor_rows() if r.name == "Chen Wei")
    assert (chen.source, chen.source_detail) == ("niche", "Codeable")

    undo(qtbot, window)
    assert bench.contractor_rows() == []
    redo(qtbot, window)
    assert len(bench.contractor_rows()) == 2


def test_vcard_import_flags_people_already_on_the_bench(page, qtbot, tmp_path):
    bench.create_contractor(parse_contractor({"name": "Jan K", "email": "jan@example.pl"}))
    page.refresh()
    path = tmp_path / "contacts.vcf"
    path.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Jan Kowalski\nEMAIL:jan@example.pl\n"
        "TEL:+48 600 100 200\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:4.0\nFN:Eve\nbroken line\nEND:VCARD\n",
        encoding="utf-8",
    )
    dialog = page.import_file(path)
    preview = dialog.preview_model
    assert preview.index(0, 0).data() == "Already on the bench?"
    assert "Jan K (same e-mail)" in preview.index(0, 3).data()
    # A line that is not a property keeps its contact and is listed.
    assert preview.index(1, 2).data() == "Eve"
    assert "Could not read: line 10 is not a vCard property" in preview.index(1, 3).data()
    assert dialog.duplicate_choice.isEnabled()
    dialog.duplicate_choice.setCurrentIndex(dialog.duplicate_choice.findData("merge"))
    with qtbot.waitSignal(dialog.run_import().finished):
        pass
    rows = sorted(bench.contractor_rows(), key=lambda r: r.name)
    assert [r.name for r in rows] == ["Eve", "Jan K"] and rows[1].phone == "+48 600 100 200"

    # Or the owner opens the contractor a row matches, importing nothing.
    again = page.import_file(path)
    rect = again.preview.visualRect(again.preview_model.index(0, 2))
    qtbot.mouseClick(again.preview.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(again.preview.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert not again.isVisible()
    assert page.selected_ids() == [rows[1].id]
    assert len(bench.contractor_rows()) == 2


def test_an_unreadable_import_file_says_why(page, qtbot, tmp_path):
    path = tmp_path / "binary.csv"
    path.write_bytes(b"\x00\x01\x02 not text")
    assert page.import_file(path) is None
    # Said under the list, in the tone of a refusal; no box to dismiss.
    assert "binary" in page.status.text()
    assert page.status.kind == "error"
    assert QApplication.activeModalWidget() is None


def test_export_from_the_window(demo_page, qtbot, tmp_path):
    out = tmp_path / "bench.csv"
    assert demo_page.export_csv(out) == 20
    assert "Exported 20 contractors" in demo_page.status.text()
    assert out.read_text(encoding="utf-8-sig").count("\n") == 21


def test_layout_is_remembered(window, store, qtbot):
    from desktop_app.views.main_window import MainWindow

    page = window.show_tab("contractors").page()
    page.splitter.setSizes([300, 800])
    page.save_layout()
    first = page.splitter.sizes()
    again = MainWindow(store, remember_layout=False)
    qtbot.addWidget(again)
    again.show()
    other = again.show_tab("contractors").page()
    assert other.splitter.sizes() == first


def test_smoke_test_passes_on_the_demo(demo_page):
    demo_page.smoke_test()


def test_editing_a_contractor_is_one_undoable_step(window, demo_page, qtbot):
    click_row(qtbot, demo_page, "Tomasz Nowak")
    tomasz = demo_page.selected_ids()[0]
    dialog = demo_page.edit_contractor()
    assert dialog.editors["rate"].text() == "22.00"
    assert "stage" not in dialog.editors  # stages move through the pipeline, with history
    type_into(qtbot, dialog.editors["rate"], "25")
    type_into(qtbot, dialog.editors["notes"], "Raised his rate in November.")
    ok(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    values = bench.contractor_values(tomasz)
    assert values["rate"] == 25 and values["notes"] == "Raised his rate in November."
    assert "$25 per hour" in demo_page.detail.subtitle.text()
    undo(qtbot, window)
    assert bench.contractor_values(tomasz)["rate"] == 22


def test_hiring_from_the_contractors_tab_creates_the_engagement(window, demo_page, qtbot):
    from desktop_app.models.briefs import Brief
    from desktop_app.models.contractors import Contractor
    from desktop_app.models.engagements import Engagement

    books = Brief.create(title="Monthly bookkeeping", status="posted")
    click_row(qtbot, demo_page, "Tomasz Nowak")
    qtbot.mouseClick(demo_page.detail.hire_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None)
    dialog = QApplication.activeModalWidget()
    assert dialog.contractor.currentText().startswith("Tomasz Nowak")
    dialog.brief.setCurrentIndex(dialog.brief.findData(books.id))
    qtbot.mouseClick(dialog.hire_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    engagement = Engagement.get(Engagement.brief == books.id)
    hired = Contractor.get_by_id(engagement.contractor_id)
    assert hired.name == "Tomasz Nowak" and hired.stage == "hired"
    assert Brief.get_by_id(books.id).status == "filled"
    qtbot.waitUntil(lambda: "Hired" in demo_page.detail.subtitle.text())
    window.undo_stack.undo()
    assert Engagement.select().count() == 0
    assert Contractor.get_by_id(hired.id).stage == "interviewing"
    assert Brief.get_by_id(books.id).status == "posted"


def test_the_context_menu_offers_hiring(demo_page, qtbot):
    click_row(qtbot, demo_page, "Lena Fischer")
    menu = demo_page.context_menu()
    assert menu.findChild(QAction, "contextHire") is not None
    menu.close()


def test_the_page_and_its_form_keep_qwidgets_own_move_and_scroll(page, qtbot):
    # The page's stage move was named `move` (hiding QWidget.move) and the
    # form's scroll area `scroll` (hiding QWidget.scroll): Qt's own calls failed.
    page.move(QPoint(3, 4))
    assert page.pos() == QPoint(3, 4)
    dialog = page.new_contractor()
    dialog.scroll(0, 0)
    assert dialog.scroll_area.isVisibleTo(dialog)
    dialog.reject()
