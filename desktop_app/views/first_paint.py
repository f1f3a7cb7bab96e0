"""Work that waits until the owner has seen a frame.

A `QTimer.singleShot(0, ...)` queued before `show()` runs before the first
paint (on xcb and offscreen alike: the window is exposed only after the
event loop has turned), so slow work queued that way delays the first
frame. `after_next_frame(widget, callback)` runs `callback` once, just
after the next frame of `widget`'s window: the frame is drawn and flushed to
the screen by then, and the callback runs from the event loop, not inside
the paint. It watches the top-level window, which is painted with every
frame of its own (a page covered by an opaque child, such as a scroll
area's viewport, may get no paint event at all).

The Overview loads its figures this way, and `make bench` times start-up
to the first frame with it (`watch_startup`, through OFFLOAD_STARTUP_PROBE).
Imports nothing of Offload's, so the bare window of the benchmark uses it too.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

# `offload` with this variable set reports when its window is first painted
# ("first-paint") or when the Overview's figures are painted too ("overview")
# on stdout, then quits: how `make bench` times start-up (tools/bench.py).
PROBE_VARIABLE = "OFFLOAD_STARTUP_PROBE"


class _PaintWatch(QObject):
    def __init__(self, widget: QObject, callback: Callable[[], object]) -> None:
        super().__init__(widget)
        self._callback = callback
        self._fired = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._fired:
            self._fired = True
            watched.removeEventFilter(self)
            # Queued: the rest of the window is painted and the frame flushed
            # before the callback runs.
            QTimer.singleShot(0, self._run)
        return False

    def _run(self) -> None:
        self.deleteLater()
        self._callback()


def after_next_frame(widget: QWidget, callback: Callable[[], object]) -> None:
    """Call `callback` once, from the event loop, after the next frame of
    `widget`'s window (a whole frame: the window is marked for repainting)."""
    window = widget.window()
    _PaintWatch(window, callback)
    window.update()


def after_paint(widget: QWidget, callback: Callable[[], object]) -> None:
    """Call `callback` once, from the event loop, after `widget`'s next paint
    (at once, queued, when it is not shown): for work that follows an
    edit the widget shows already. Unlike `after_next_frame` it repaints
    only `widget`, which its window paints after itself and the widgets above."""
    if not widget.isVisible():
        QTimer.singleShot(0, callback)
        return
    _PaintWatch(widget, callback)
    widget.update()


def report(event: str) -> None:
    """One line for the benchmark: the event and the wall-clock time it happened."""
    print(f"{PROBE_VARIABLE} {event} {time.time():.6f}", flush=True)


def watch_startup(window: QWidget, overview: QObject | None = None) -> bool:
    """When OFFLOAD_STARTUP_PROBE is set, report the first frame of `window`
    (and, for "overview", the first frame after `overview` emitted
    `first_loaded`), then quit the application. Returns whether it is set."""
    until = os.environ.get(PROBE_VARIABLE, "")
    if not until:
        return False
    if until not in ("first-paint", "overview"):
        sys.exit(f"{PROBE_VARIABLE} must be first-paint or overview, not {until!r}")

    def quit_after(event: str) -> Callable[[], None]:
        def done() -> None:
            report(event)
            QCoreApplication.exit(0)

        return done

    if until == "overview" and overview is not None:

        def loaded() -> None:
            after_next_frame(window, quit_after("overview"))

        after_next_frame(window, lambda: report("first-paint"))
        # The OverviewPage (its class is not imported here: start-up pays for it later).
        overview.first_loaded.connect(loaded)  # type: ignore[attr-defined]
    else:
        after_next_frame(window, quit_after("first-paint"))
    return True
