"""The layering rules of ARCHITECTURE.md, checked on the source."""

import ast
from pathlib import Path

from tests.conftest import modules_loaded_by

PACKAGE = Path(__file__).resolve().parent.parent / "desktop_app"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_models_never_import_qt():
    for path in (PACKAGE / "models").rglob("*.py"):
        offending = {name for name in _imports(path) if name.startswith(("PySide6", "shiboken6"))}
        assert not offending, f"{path.relative_to(PACKAGE)} imports {offending}"


def test_printing_never_imports_qt():
    # The window and `offload print-brief` share it; a script prints without a display.
    for path in (PACKAGE / "printing").rglob("*.py"):
        offending = {name for name in _imports(path) if name.startswith(("PySide6", "shiboken6"))}
        assert not offending, f"{path.relative_to(PACKAGE)} imports {offending}"


def test_views_never_touch_the_database_directly():
    for path in (PACKAGE / "views").rglob("*.py"):
        offending = {
            name for name in _imports(path) if name.startswith(("peewee", "playhouse", "sqlite3"))
        }
        assert not offending, f"{path.relative_to(PACKAGE)} imports {offending}"
        text = path.read_text(encoding="utf-8")
        for call in (".select(", ".execute_sql(", ".insert(", ".delete_instance(", ".where("):
            assert call not in text, f"{path.relative_to(PACKAGE)} calls {call}"


def test_views_and_models_never_import_reportlab_at_module_level():
    # ReportLab is loaded where first needed, so start-up stays light.
    for path in [*PACKAGE.glob("*.py"), *(PACKAGE / "views").rglob("*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
                assert not (module or "").startswith("reportlab"), path


HEAVY_MODULES = ("reportlab", "icalendar", "PySide6.QtCharts", "PySide6.QtPdf")


def _modules_loaded_by(code: str, tmp_path) -> set[str]:
    """The heavy modules a fresh interpreter has loaded after running `code`."""
    return modules_loaded_by(code, HEAVY_MODULES, tmp_path)


def test_the_command_line_parser_loads_no_heavy_module(tmp_path):
    # Every `offload` start, the window's included, builds this parser first.
    assert _modules_loaded_by("import desktop_app.cli as c; c.build_parser()", tmp_path) == set()


def test_the_window_opens_without_loading_pdf_chart_or_calendar_code(tmp_path):
    code = (
        "from pathlib import Path\n"
        "from desktop_app.app import create_application\n"
        "from desktop_app.store import open_store\n"
        "from desktop_app.views.main_window import MainWindow\n"
        "app = create_application()\n"
        f"store = open_store(Path({str(tmp_path / 'db.sqlite3')!r}))\n"
        "window = MainWindow(store, remember_layout=False)\n"
        "window.show()\n"
        "app.processEvents()\n"
    )
    assert _modules_loaded_by(code, tmp_path) == set()


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _import_graph() -> dict[str, set[str]]:
    """desktop_app's modules -> the desktop_app modules each imports anywhere in
    its source (function-local and TYPE_CHECKING imports included)."""
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                # `from package import module` imports the module.
                imported.update({base, *(f"{base}.{alias.name}" for alias in node.names)})
        graph[name] = {other for other in imported if other in modules and other != name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_of_desktop_app_takes_part_in_an_import_cycle():
    assert _cycles(_import_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]


def test_models_import_nothing_of_desktop_app_outside_models():
    for module, imported in _import_graph().items():
        if module.startswith("desktop_app.models"):
            upward = {name for name in imported if not name.startswith("desktop_app.models")}
            assert not upward, f"{module} imports {upward}"


def test_views_make_labels_and_message_boxes_that_show_text_as_typed():
    # QLabel and QMessageBox read text that looks like HTML as HTML (a contractor
    # called "<img src=...>" loads a file): views make them through
    # views/partials/plain_text.py, which shows text as typed unless told otherwise.
    maker = PACKAGE / "views" / "partials" / "plain_text.py"
    banned = {"QLabel", "QMessageBox"}
    static = {"warning", "question", "information", "critical", "about"}
    for path in (PACKAGE / "views").rglob("*.py"):
        if path == maker:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            called = node.func
            if isinstance(called, ast.Name):
                assert called.id not in banned, f"{path.relative_to(PACKAGE)}:{node.lineno}"
            elif isinstance(called, ast.Attribute) and isinstance(called.value, ast.Name):
                assert not (called.value.id == "QMessageBox" and called.attr in static), (
                    f"{path.relative_to(PACKAGE)}:{node.lineno}"
                )


def test_views_make_multi_line_fields_that_follow_the_direction_of_their_text():
    # QPlainTextEdit sets Arabic and Hebrew from the left: views make their
    # multi-line fields with views/partials/text_direction.py's PlainTextEdit.
    maker = PACKAGE / "views" / "partials" / "text_direction.py"
    for path in (PACKAGE / "views").rglob("*.py"):
        if path == maker:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id != "QPlainTextEdit", (
                    f"{path.relative_to(PACKAGE)}:{node.lineno}"
                )


def test_views_make_their_tables_with_the_one_table_set_up():
    # Issue 12: one table set-up helper that every tab uses. A QTableView made
    # by hand drifts (row numbers shown, cells editable, header unnamed, every
    # row measured): views/partials/tables.py's data_table makes them.
    maker = PACKAGE / "views" / "partials" / "tables.py"
    by_hand = []
    for path in (PACKAGE / "views").rglob("*.py"):
        if path == maker:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            called = node.func if isinstance(node, ast.Call) else None
            if isinstance(called, ast.Name) and called.id in {"QTableView", "QTableWidget"}:
                by_hand.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert by_hand == []


# The edits that cannot go through `run_edit`, and why (ARCHITECTURE.md,
# "Adding a step"): each does more than say the refusal where it is said.
EDITS_RUN_BY_HAND = {
    # An edit typed into a field: the field is put back to what is stored.
    "views/briefs/editor.py:_commit",
    "views/briefs/expectations_panel.py:_commit",
    # The command is made inside the try (making it may be refused).
    "views/briefs/expectations_panel.py:add_from_line",
    "views/briefs/template_dialogs.py:import_template_file",
    "views/engagements/dialogs.py:accept",
    # "Save mine" after a stale save: the dialog's accept, run again.
    "views/engagements/dialogs.py:_again",
    # The move is stored in a `finally`, whatever the outcome.
    "views/briefs/expectations_panel.py:_store_move",
    # A refusal that asks the owner first (NeedsConfirmation), then runs again.
    "views/engagements/payments_panel.py:accept",
    "views/engagements/running_panel.py:run",
    # A refusal said under the field the error names.
    "views/time_audit/entries.py:submit",
    # A table cell's edit: the delegate shows the refusal it is handed back.
    "views/time_audit/entries.py:_commit",
    "views/time_audit/page.py:_commit_task",
}


def test_views_run_their_edits_through_run_edit():
    # Issue 12: one way to "run this edit and report its refusal". A view that
    # catches UserError around execute() itself says refusals its own way.
    by_hand = set()
    for path in (PACKAGE / "views").rglob("*.py"):
        if path.name == "feedback.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            for node in ast.walk(function):
                if not isinstance(node, ast.Try):
                    continue
                catches = {getattr(handler.type, "id", "") for handler in node.handlers}
                calls = {
                    getattr(call.func, "id", "")
                    for statement in node.body
                    for call in ast.walk(statement)
                    if isinstance(call, ast.Call)
                }
                if "UserError" in catches and "execute" in calls:
                    by_hand.add(f"{path.relative_to(PACKAGE).as_posix()}:{function.name}")
    assert by_hand == EDITS_RUN_BY_HAND
