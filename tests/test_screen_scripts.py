"""Every script on screen (issue 15): right-to-left text reads from the right in
the fields and the lists, and a machine with no font for a script borrows the
ones the PDFs ship."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QTableView

from desktop_app.models import contractors as bench
from desktop_app.models.contractor_input import parse_contractor
from desktop_app.models.text import is_right_to_left

ARABIC = "مرحبا، نحتاج إلى مترجم"
HEBREW = "שלום, אנחנו צריכים מתרגם"


def test_the_first_letter_with_a_direction_decides():
    assert is_right_to_left(ARABIC)
    assert is_right_to_left("  2026 " + HEBREW + " Offload")
    assert not is_right_to_left("Offload " + ARABIC)
    assert not is_right_to_left("2026 — …")
    assert not is_right_to_left("")


def test_a_brief_field_turns_right_to_left_with_arabic_and_back(window, qtbot):
    page = window.show_tab("briefs").page()
    from desktop_app.models.briefs import BriefData, create_brief, load_brief

    brief_id = create_brief(BriefData(title="Translation"))
    window.ctx.data_changed.emit("briefs")
    page.open_target(("brief", brief_id))
    field = page.findChild(QPlainTextEdit, "briefField_summary")
    assert field.layoutDirection() == Qt.LayoutDirection.LeftToRight

    field.setFocus()
    field.insertPlainText(ARABIC)  # as a paste: QTest cannot type Arabic
    assert field.layoutDirection() == Qt.LayoutDirection.RightToLeft
    # The text itself is stored as typed, whatever the direction shown.
    qtbot.waitUntil(lambda: load_brief(brief_id).summary == ARABIC)

    field.selectAll()
    field.insertPlainText("Translate the product pages")
    assert field.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_a_name_in_hebrew_aligns_right_in_the_contractors_list(window, qtbot):
    bench.create_contractor(parse_contractor({"name": HEBREW}))
    bench.create_contractor(parse_contractor({"name": "Ana Ferreira"}))
    window.ctx.data_changed.emit("contractors")
    page = window.show_tab("contractors").page()
    table = page.findChild(QTableView, "contractorsTable")
    model = table.model()
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    alignments = {
        model.index(row, 0).data(): model.index(row, 0).data(Qt.ItemDataRole.TextAlignmentRole)
        for row in range(model.rowCount())
    }
    assert Qt.AlignmentFlag(alignments[HEBREW]) & Qt.AlignmentFlag.AlignRight
    assert Qt.AlignmentFlag(alignments["Ana Ferreira"]) & Qt.AlignmentFlag.AlignLeft


def test_scripts_the_system_cannot_draw_borrow_the_shipped_fonts(qapp):
    from desktop_app.views.script_fonts import SCRIPT_FONTS, lend_missing_script_fonts

    missing = [
        files
        for systems, files in SCRIPT_FONTS
        if not any(QFontDatabase.families(system) for system in systems)
    ]
    japanese_before = QFontDatabase.families(QFontDatabase.WritingSystem.Japanese)
    added = lend_missing_script_fonts()
    assert [name for name in added if name in {n for files in missing for n in files}] == [
        name for files in missing for name in files
    ]
    if not japanese_before:  # as on this bare machine: the PDFs' CJK font is lent
        assert "WenQuanYiMicroHei.ttf" in added
        assert QFontDatabase.families(QFontDatabase.WritingSystem.Japanese)
    # Nothing is lent twice.
    assert lend_missing_script_fonts() == []


def test_a_brief_written_in_hebrew_opens_right_to_left(window, qtbot):
    from desktop_app.models.briefs import BriefData, create_brief

    latin = create_brief(BriefData(title="Latin", summary="Write the product pages"))
    hebrew = create_brief(BriefData(title="Hebrew", summary=HEBREW + "\nSecond line"))
    page = window.show_tab("briefs").page()
    field = page.findChild(QPlainTextEdit, "briefField_summary")
    page.open_target(("brief", hebrew))
    assert field.toPlainText().startswith(HEBREW)
    assert field.layoutDirection() == Qt.LayoutDirection.RightToLeft
    # Its first line is drawn at the right of the field.
    line = field.document().firstBlock().layout().lineAt(0)
    assert line.naturalTextRect().left() > field.viewport().width() / 2
    page.open_target(("brief", latin))
    assert field.layoutDirection() == Qt.LayoutDirection.LeftToRight
