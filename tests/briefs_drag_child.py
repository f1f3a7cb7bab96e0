"""A real mouse drag in a real window, for tests/test_briefs_drag.py.

Run on an X server (Xvfb) with QT_QPA_PLATFORM=xcb:

    python tests/briefs_drag_child.py DB BRIEF_ID FROM_ROW TO_ROW

It opens the window on DB, shows the brief's expectations, presses the
mouse on row FROM_ROW, moves a little (Qt starts the drag and QDrag.exec
runs its own loop), then moves over the top of row TO_ROW and releases
from timers that fire inside that loop. It exits 0 once the window has
stored the move; the test reads the database afterwards.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main(db_path: str, brief_id: int, source: int, target: int) -> int:
    from PySide6.QtCore import QPoint, Qt, QTimer, QtMsgType, qInstallMessageHandler
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop_app.app import create_application
    from desktop_app.store import open_store
    from desktop_app.views.main_window import MainWindow

    app = create_application()
    warnings: list[str] = []

    def on_message(kind: QtMsgType, _context: object, message: str) -> None:
        if kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            warnings.append(message)

    qInstallMessageHandler(on_message)
    store = open_store(Path(db_path))
    window = MainWindow(store, remember_layout=False)
    window.show()
    if not QTest.qWaitForWindowExposed(window):
        print("the window was never exposed", file=sys.stderr)
        return 2
    page = window.show_tab("briefs").page()
    page.open_target(("brief", brief_id))
    page.editor.focus_field("expectations")
    view = page.editor.expectations.view
    viewport = view.viewport()
    model = view.model()
    QTest.qWait(200)

    start = view.visualRect(model.index(source, 0)).center()
    # Just inside the top edge of the target row: the drop lands above it.
    end = view.visualRect(model.index(target, 0)).topLeft() + QPoint(start.x(), 3)
    steps = 8
    path = [start + (end - start) * (n / steps) for n in range(1, steps + 1)]
    moves_done: list[QPoint] = []

    def next_step() -> None:
        # Runs inside QDrag.exec's loop: move on, then release over the target.
        if path:
            point = path.pop(0)
            QTest.mouseMove(viewport, point)
            moves_done.append(point)
            QTimer.singleShot(40, next_step)
        else:
            QTest.mouseRelease(
                viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end
            )

    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTimer.singleShot(100, next_step)
    # One small move past the drag distance: the view starts the drag here,
    # and this call returns only when the drag is over.
    nudge = start + QPoint(0, -(QApplication.startDragDistance() + 4))
    QTest.mouseMove(viewport, nudge)
    QTest.qWait(300)

    order = [model.index(row, 0).data() for row in range(model.rowCount())]
    print("order:", order)
    print("moves:", len(moves_done))
    window.close()
    store.close()
    app.processEvents()
    if warnings:
        print("Qt warnings:\n" + "\n".join(warnings), file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    database, brief, from_row, to_row = sys.argv[1:5]
    sys.exit(main(database, int(brief), int(from_row), int(to_row)))
