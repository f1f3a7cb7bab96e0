"""The baseline for start-up: an empty PySide6 window, shown, then closed."""

import sys

from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1180, 760)
window.show()
app.processEvents()
window.close()
sys.exit(0)
