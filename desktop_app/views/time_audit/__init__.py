"""The Time audit tab: tasks, time entries, charts, imports (step 1).

Importing the tab applies `pyside_none_guard`: its matrix and refreshes make
many PySide6 calls, and PySide6 6.12 on Python 3.11 would otherwise end a
long session with "deallocating None" (see that module).
"""

from desktop_app.pyside_none_guard import guard_none_refcount

guard_none_refcount()
