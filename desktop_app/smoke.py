"""`offload --smoke-test`: the whole window, headless, on a throwaway database.

It opens the window on a fresh database filled with the demo data, visits
every tab and runs each tab's own `smoke_test()` (its main path), then
exits 0. The installer check runs it against the frozen build.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QtMsgType, qInstallMessageHandler


def run_smoke_test() -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    started = time.perf_counter()
    from desktop_app.app import create_application, prepare_store

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

            store = open_store(create_demo_database(Path(folder)))
            prepare_store(store)
            window = MainWindow(store, remember_layout=False)
            window.show()
            app.processEvents()
            opened = time.perf_counter() - started
            visited = []
            for index in range(window.tabs.count()):
                tab = window.tabs.widget(index)
                window.tabs.setCurrentIndex(index)
                app.processEvents()
                page = tab.page()
                if page is not None and hasattr(page, "smoke_test"):
                    page.smoke_test()
                    app.processEvents()
                visited.append(tab.spec.title)
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
        f"in {time.perf_counter() - started:.2f} s"
    )
    return 0
