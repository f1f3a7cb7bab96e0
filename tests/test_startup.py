"""Start-up: the first frame comes before any slow work, and `offload` loads
only what the command it runs needs."""

from datetime import date

from PySide6.QtCore import QEvent, QObject

from desktop_app.demo import fill_demo_data
from desktop_app.views.main_window import MainWindow


class FirstFrame(QObject):
    """Notes what the Overview showed when the window was first painted."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.page = window.tab("overview").content
        self.seen: dict | None = None
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.seen is None:
            self.seen = {
                "loaded": self.page.overview is not None,
                "tile": self.page.tiles["handed_off"].value_label.text(),
                "empty lists": [a.empty.isVisible() for a in self.page.lists.values()],
            }
        return False


def test_the_window_is_painted_before_the_overview_loads_then_it_fills_in(store, qtbot):
    fill_demo_data(date.today())
    window = MainWindow(store, remember_layout=False)
    qtbot.addWidget(window)
    first = FirstFrame(window)
    page = first.page
    with qtbot.waitSignal(page.first_loaded, timeout=10_000):
        window.show()
    # The first frame: placeholders, and no list claiming to be empty yet.
    assert first.seen == {"loaded": False, "tile": "…", "empty lists": [False] * 4}
    # Then the figures, painted in a later frame.
    assert page.overview is not None
    assert page.tiles["handed_off"].value_label.text() != "…"
    assert any(lst.view.isVisible() for lst in page.lists.values())


def test_an_overview_first_shown_later_loads_when_it_is_shown(store, qtbot):
    from desktop_app.views.tabs import TABS

    fill_demo_data(date.today())
    window = MainWindow(store, remember_layout=False)
    qtbot.addWidget(window)
    window.tabs.setCurrentIndex([spec.key for spec in TABS].index("contractors"))
    window.show()
    qtbot.waitExposed(window)
    page = window.tab("overview").ensure_built()
    assert page.overview is None  # nothing loaded while another tab shows
    with qtbot.waitSignal(page.first_loaded, timeout=10_000):
        window.show_tab("overview")
    assert page.tiles["handed_off"].value_label.text() != "…"
