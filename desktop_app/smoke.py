"""`offload --smoke-test`: the whole window, headless, on a throwaway database.

It opens the window on a fresh database filled with the demo data, visits
every tab and runs each tab's own `smoke_test()` (its main path), builds a
small PDF with non-Latin text, opens it with QtPdf and imports the Qt
modules the tabs load only when needed, then exits 0. The installer check
runs it against the frozen build, where this proves the build carries
ReportLab, the bundled fonts, QtPdf and those modules.
"""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer, QtMsgType, qInstallMessageHandler

# Imported by the tabs inside functions, so a frozen build could miss them
# without a failing start-up: import each here.
LAZY_QT_MODULES = (
    "PySide6.QtCharts",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtPrintSupport",
)
# Accents, Greek and Cyrillic: only a bundled Unicode font prints these.
PDF_SAMPLE_TEXT = "Zoë’s brief — Ζωή, Привет, naïve & <literal>"


def check_pdf_export(folder: Path) -> int:
    """Build a one-page PDF through the app's PDF base, open it with QtPdf,
    and check its text came through; returns the page count."""
    from PySide6.QtPdf import QPdfDocument

    from desktop_app.pdf.common import PageFrame, build_pdf, paragraph, styles

    sheet = styles()
    path = build_pdf(
        folder / "smoke-test.pdf",
        [paragraph("Smoke test", sheet["Title"]), paragraph(PDF_SAMPLE_TEXT, sheet["Body"])],
        frame=PageFrame("Offload", "Smoke test"),
        title="Offload smoke test",
    )
    document = QPdfDocument()
    try:
        error = document.load(str(path))
        if error != QPdfDocument.Error.None_:
            raise RuntimeError(f"QtPdf cannot open the exported PDF: {error.name}")
        if document.pageCount() < 1:
            raise RuntimeError("the exported PDF has no pages")
        text = document.getAllText(0).text()
        if "Привет" not in text or "Ζωή" not in text:
            raise RuntimeError(f"the exported PDF lost its non-Latin text: {text!r}")
        return document.pageCount()
    finally:
        document.close()


def run_in_turns(steps: Sequence[Callable[[], None]]) -> None:
    """Run `steps` in order, each in its own turn of the event loop (after
    what the step before it queued: paints, layouts, deferred deletes), and
    return once the last has run; the first error is raised here."""
    remaining = list(steps)
    failed: list[BaseException] = []

    def next_step() -> None:
        if not remaining:
            loop.exit(0)
            return
        try:
            remaining.pop(0)()
        except BaseException as error:
            failed.append(error)
            loop.exit(1)
            return
        QTimer.singleShot(0, next_step)

    loop = QEventLoop()
    QTimer.singleShot(0, next_step)
    loop.exec()
    if failed:
        raise failed[0]


def _walk_window(folder: Path, started: float) -> tuple[float, list[str]]:
    """Open the demo in the window and run each tab's main path; (seconds to open, tabs)."""
    from desktop_app.demo import create_demo_database
    from desktop_app.store import open_store
    from desktop_app.views.main_window import MainWindow
    from desktop_app.views.tabs import LazyTab

    store = open_store(create_demo_database(folder))
    window = MainWindow(store, remember_layout=False)
    opened = 0.0
    visited: list[str] = []

    def show() -> None:
        window.show()

    def shown() -> None:
        nonlocal opened
        opened = time.perf_counter() - started

    def select(index: int) -> Callable[[], None]:
        return lambda: window.tabs.setCurrentIndex(index)

    def exercise(index: int) -> Callable[[], None]:
        def run() -> None:
            tab = window.tabs.widget(index)
            assert isinstance(tab, LazyTab)
            page = tab.page()
            if page is not None and hasattr(page, "smoke_test"):
                page.smoke_test()
            visited.append(tab.spec.title)

        return run

    def close() -> None:
        window.close()
        window.ctx.store.close()
        window.deleteLater()

    tabs = range(window.tabs.count())
    visits = [step for i in tabs for step in (select(i), exercise(i))]
    # The last turn lets the deferred delete of the window happen.
    run_in_turns([show, shown, *visits, close, lambda: None])
    return opened, visited


def run_smoke_test() -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    started = time.perf_counter()
    from desktop_app.app import create_application

    # Kept for the whole run: the window and every tab live in it.
    _app = create_application()
    warnings: list[str] = []

    def on_qt_message(kind: QtMsgType, _context: object, message: str) -> None:
        # The offscreen platform cannot raise or resize native windows; that
        # is the platform's limit, not the app's fault.
        if message.startswith("This plugin does not support"):
            return
        if kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            warnings.append(message)

    previous_handler = qInstallMessageHandler(on_qt_message)
    try:
        with tempfile.TemporaryDirectory(prefix="offload-smoke-") as folder:
            opened, visited = _walk_window(Path(folder), started)
            for module_name in LAZY_QT_MODULES:
                importlib.import_module(module_name)
            pages = check_pdf_export(Path(folder))
    except Exception:
        traceback.print_exc()
        print("smoke test FAILED", file=sys.stderr)
        return 1
    finally:
        qInstallMessageHandler(previous_handler)
    if warnings:
        print("smoke test FAILED: Qt warnings:\n  " + "\n  ".join(warnings), file=sys.stderr)
        return 1
    print(
        f"smoke test passed: window open in {opened:.2f} s; visited {', '.join(visited)} "
        f"and exported a {pages}-page PDF in {time.perf_counter() - started:.2f} s"
    )
    return 0
