"""Start-up as the owner sees it: `offload --db DB`, until the window is shown.

    python tools/startup_window.py DB [shown|filled]

Runs the same path as `offload` (application, logging, lock, migrations,
settings, main window with the Overview) and quits once the window is
shown ("shown", the default), or once the Overview's figures have loaded
too ("filled"), so `tools/bench.py` can time both beside a bare PySide6
window.
"""

import sys
from pathlib import Path

from PySide6.QtCore import QTimer

from desktop_app.app import create_application
from desktop_app.logging_setup import setup_logging
from desktop_app.paths import logs_dir
from desktop_app.store import open_store
from desktop_app.views.main_window import MainWindow

app = create_application()
setup_logging(logs_dir())
store = open_store(Path(sys.argv[1]))
window = MainWindow(store, remember_layout=False)
window.show()
if sys.argv[2:] == ["filled"]:
    # Queued after the Overview's deferred load: quits once the figures are in.
    QTimer.singleShot(0, app.quit)
    app.exec()
else:
    app.processEvents()  # the first paint, before the Overview loads its data
store.close()
