"""How far a long model function has got, and how the owner stops it.

A long edit (an import of thousands of rows) takes a `Progress` callback
and calls it as it goes with (done, total). The caller (the window's worker,
see views/partials/long_task.py) may raise `Cancelled` from it: the edit's
`database.atomic()` then rolls everything back, so a cancelled import keeps
nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop_app.models.errors import UserError

# progress(done, total): called from the thread that runs the edit.
Progress = Callable[[int, int], None]


class Cancelled(UserError):
    """The owner stopped a long task; its transaction was rolled back (nothing kept)."""
