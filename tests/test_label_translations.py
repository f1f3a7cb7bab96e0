"""Labels declared in the models (what a task needs, statuses, stages, kinds)
are the owner's language on screen, and the stored values stay the English
keys (issue 19)."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from desktop_app.demo import fill_demo_data
from desktop_app.models.formats import use_locale
from desktop_app.models.i18n import use_language
from desktop_app.models.tasks import Task
from desktop_app.models.time_audit_rules import NEED_LABELS
from desktop_app.views.time_audit.task_table import AREA, NAME, NEED

MODELS = Path(__file__).resolve().parent.parent / "desktop_app" / "models"


def _column(table, column: int) -> list[str]:
    model = table.model()
    return [
        model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
        for row in range(model.rowCount())
    ]


def test_the_time_audit_in_german_shows_what_a_task_needs_in_german(window, qtbot):
    use_language("de")
    use_locale("de_DE")
    fill_demo_data()
    page = window.show_tab("time_audit").page()
    page.refresh()
    QApplication.processEvents()
    table = page.table
    needs = _column(table, NEED)
    assert "Wiederkehrend, ungelernt" in needs
    assert "Spezialwissen" in needs
    assert not set(needs) & set(NEED_LABELS.values()), needs  # no English label left
    assert "Finanzen" in _column(table, AREA)

    # The owner picks a need from the German list; the English key is stored.
    names = _column(table, NAME)
    row = names.index("Bookkeeping")
    index = table.model().index(row, NEED)
    table.setCurrentIndex(index)
    table.edit(index)
    combo = table.findChild(QComboBox, "cellChoiceEditor")
    assert combo is not None
    choices = [combo.itemText(i) for i in range(combo.count())]
    assert choices == [
        "Spezielle Fachkenntnis",
        "Spezialwissen",
        "Wiederkehrend, ungelernt",
        "Ihr einzigartiger Beitrag",
    ]
    picked = choices.index("Spezielle Fachkenntnis")
    combo.setCurrentIndex(picked)
    combo.activated.emit(picked)
    qtbot.waitUntil(lambda: Task.get(Task.name == "Bookkeeping").need == "expertise")
    qtbot.waitUntil(
        lambda: (
            _column(table, NEED)[_column(table, NAME).index("Bookkeeping")]
            == "Spezielle Fachkenntnis"
        )
    )


# Dicts of labels the models declare that are not words to translate: each
# language named in itself, locales named for the Formats setting, and the
# field names a merge writes into the kept contractor's notes (stored text).
NOT_TRANSLATED = {"LANGUAGES", "OFFERED_LOCALE_LABELS", "_MERGE_LABELS"}


def test_every_label_dict_in_the_models_is_marked_for_translation():
    unmarked = []
    for path in sorted(MODELS.glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.Assign | ast.AnnAssign):
                continue
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            name = getattr(target, "id", "")
            if name in NOT_TRANSLATED or not isinstance(node.value, ast.Dict):
                continue
            if not name.endswith(("LABELS", "HINTS", "UNITS", "FIELDS", "WORDS", "_WHAT")):
                continue
            for value in node.value.values:
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    unmarked.append(f"{path.name}:{value.lineno} {name}: {value.value!r}")
    assert not unmarked, "\n".join(unmarked)
