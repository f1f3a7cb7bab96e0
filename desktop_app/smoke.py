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
from pathlib import Path

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

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


def run_smoke_test() -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    started = time.perf_counter()
    from desktop_app.app import create_application

    app = create_application()
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
            from desktop_app.demo import create_demo_database
            from desktop_app.store import open_store
            from desktop_app.views.main_window import MainWindow
            from desktop_app.views.tabs import LazyTab

            store = open_store(create_demo_database(Path(folder)))
            window = MainWindow(store, remember_layout=False)
            window.show()
            app.processEvents()
            opened = time.perf_counter() - started
            visited = []
            for index in range(window.tabs.count()):
                tab = window.tabs.widget(index)
                assert isinstance(tab, LazyTab)
                window.tabs.setCurrentIndex(index)
                app.processEvents()
                page = tab.page()
                if page is not None and hasattr(page, "smoke_test"):
                    page.smoke_test()
                    app.processEvents()
                visited.append(tab.spec.title)
            for module_name in LAZY_QT_MODULES:
                importlib.import_module(module_name)
            pages = check_pdf_export(Path(folder))
            window.close()
            window.ctx.store.close()
            window.deleteLater()
            app.processEvents()
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
