"""A guard against a reference-counting bug of PySide6 6.12 on Python 3.11.

PySide6 6.12.0 hands back None from every method that returns nothing
(`label.setText(...)`, `painter.drawEllipse(...)`, ...) and True from
`Signal.emit()` without taking a reference to them. On Python 3.12 and
later None, True and False are immortal and this is harmless. On Python
3.11 each such call lowers the object's reference count by one; after some
thousands of signals or tens of thousands of calls (a long session, a chart
of a few thousand points) Python frees the object and the process aborts:
"Fatal Python error: none_dealloc" (or "bool_dealloc").

`guard_none_refcount()` checks whether the running PySide6 has the bug and,
only then, lifts the reference counts of None, True and False out of reach
(2**40 more references: decades of calls). It changes nothing on Python
3.12+ or with a PySide6 that counts correctly, and is safe to call more
than once.
"""

from __future__ import annotations

import ctypes
import sys

_MARGIN = 1 << 40
_PROBE_CALLS = 64
_SINGLETONS = (None, True, False)


def pyside_loses_references() -> bool:
    """True when a PySide6 call that returns nothing, or a signal, costs a reference."""
    from PySide6.QtCore import QObject, QPointF, Signal

    class _Probe(QObject):
        pinged = Signal()

    point = QPointF()
    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(_PROBE_CALLS):
        point.setX(1.0)
        probe.pinged.emit()
    lost_none = none_before - sys.getrefcount(None)
    lost_true = true_before - sys.getrefcount(True)
    return max(lost_none, lost_true) >= _PROBE_CALLS // 2


def is_guarded() -> bool:
    return sys.getrefcount(None) > _MARGIN // 2


def guard_none_refcount() -> bool:
    """Apply the guard if this Python and PySide6 need it; True when it was applied now."""
    if sys.version_info >= (3, 12) or is_guarded() or not pyside_loses_references():
        return False
    for singleton in _SINGLETONS:
        # ob_refcnt is the first field of every CPython object, at id(obj).
        ctypes.c_ssize_t.from_address(id(singleton)).value += _MARGIN
    return True
