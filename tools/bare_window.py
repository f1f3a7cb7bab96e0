"""The baseline for start-up: a bare PySide6 QMainWindow, timed as `offload` is.

Reports when its first frame is painted (views/first_paint.py, the same
probe `offload` runs under OFFLOAD_STARTUP_PROBE), then quits.
"""

import sys

from PySide6.QtWidgets import QApplication, QMainWindow

from desktop_app.views.first_paint import after_next_frame, report

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1180, 760)


def done() -> None:
    report("first-paint")
    app.exit(0)


after_next_frame(window, done)
window.show()
sys.exit(app.exec())
