"""The main window's tabs, declared once, built when first shown.

A tab's content class is named by "module:Class" and imported only when the
tab is first opened, so start-up pays for the Overview alone.
"""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass

from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from desktop_app.models.i18n import N_, _
from desktop_app.views.context import AppContext
from desktop_app.views.first_paint import after_next_frame
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.tab_page import TabPage


@dataclass(frozen=True)
class TabCommand:
    """A menu action that belongs to a tab: it opens the tab, then calls `method`
    on the tab's page. The action exists from start-up; the tab is built only
    when the action is first used (so the method is named, not referenced:
    naming it imports nothing). tests/test_tab_commands.py checks that every
    name is a method of its page that takes no argument."""

    menu: str  # "file", "edit" or "view"
    text: str
    method: str
    shortcut: str = ""


@dataclass(frozen=True)
class TabSpec:
    key: str
    title: str
    # "package.module:Class" of the tab's TabPage subclass.
    factory: str
    description: str
    commands: tuple[TabCommand, ...] = ()


TABS: tuple[TabSpec, ...] = (
    TabSpec(
        key="overview",
        title=N_("Overview"),
        factory="desktop_app.views.overview.page:OverviewPage",
        description=N_("Hours handed off, spend, check-ins due and what needs a decision."),
    ),
    TabSpec(
        key="time_audit",
        title=N_("Time audit"),
        factory="desktop_app.views.time_audit.page:TimeAuditPage",
        description=N_("Log a month of work and find the tasks worth handing off."),
        commands=(
            TabCommand("file", N_("Import time tracker export…"), "choose_and_import", "Ctrl+I"),
            TabCommand("file", N_("Export tasks to CSV…"), "choose_and_export_tasks"),
            TabCommand("file", N_("Export time entries to CSV…"), "choose_and_export_entries"),
            TabCommand("edit", N_("Log time…"), "focus_entry_form", "Ctrl+T"),
            TabCommand("edit", N_("New task"), "start_new_task"),
            TabCommand("view", N_("Outsourcing candidates"), "show_candidates"),
            TabCommand("help", N_("How the outsourcing score works"), "show_score_help"),
        ),
    ),
    TabSpec(
        key="contractors",
        title=N_("Contractors"),
        factory="desktop_app.views.contractors.page:ContractorsPage",
        description=N_("Your bench of contractors, their references, portfolios and interviews."),
        commands=(
            TabCommand("file", N_("New contractor…"), "new_contractor", "Ctrl+Shift+C"),
            TabCommand("file", N_("Import contractors…"), "import_contractors_dialog"),
            TabCommand("file", N_("Export contractors to CSV…"), "export_contractors_dialog"),
            TabCommand(
                "view", N_("Compare selected contractors…"), "compare_selected", "Ctrl+Shift+M"
            ),
            TabCommand("edit", N_("Referrals…"), "open_referrals"),
            TabCommand("edit", N_("&Write to the contractor…"), "write_message", "Ctrl+Shift+W"),
        ),
    ),
    TabSpec(
        key="briefs",
        title=N_("Briefs"),
        factory="desktop_app.views.briefs.page:BriefsPage",
        description=N_("Job descriptions with expectations in priority order."),
        commands=(
            TabCommand("file", N_("New brief…"), "new_brief"),
            TabCommand("file", N_("Export brief as PDF…"), "export_pdf", "Ctrl+E"),
            TabCommand("file", N_("Print brief…"), "print_brief", "Ctrl+P"),
            TabCommand("edit", N_("Copy as &job post"), "copy_job_post", "Ctrl+Shift+J"),
            TabCommand("edit", N_("Post, screen and &trial…"), "open_hiring", "Ctrl+Shift+T"),
        ),
    ),
    TabSpec(
        key="engagements",
        title=N_("Engagements"),
        factory="desktop_app.views.engagements.page:EngagementsPage",
        description=N_("Contractors at work: check-ins, feedback and confidence."),
        commands=(
            TabCommand("file", N_("Export check-in &schedule…"), "choose_and_export_schedule"),
            TabCommand("file", N_("Print engagement review…"), "print_review"),
            TabCommand("file", N_("Export engagement review as PDF…"), "choose_and_export_review"),
            TabCommand("edit", N_("&Hire a contractor…"), "open_hire_dialog", "Ctrl+Shift+H"),
            TabCommand(
                "edit", N_("Request a progress report"), "request_progress_report", "Ctrl+Shift+R"
            ),
            TabCommand("edit", N_("Add check-in"), "focus_check_in_form", "Ctrl+Shift+K"),
            TabCommand("edit", N_("Add feedback"), "focus_feedback_form", "Ctrl+Shift+G"),
            TabCommand("edit", N_("Send the selected feedback…"), "send_feedback"),
        ),
    ),
)


def page_class(spec: TabSpec) -> type[TabPage]:
    """The TabPage subclass `spec.factory` names (importing its module)."""
    module_name, _, class_name = spec.factory.partition(":")
    found = getattr(importlib.import_module(module_name), class_name)
    if not (isinstance(found, type) and issubclass(found, TabPage)):
        raise TypeError(f"{spec.factory} is not a TabPage")
    return found


# Modules a tab's first visit imports besides its page's (what it imports
# when it first shows something), imported in idle time after the page's.
FIRST_VISIT_MODULES: dict[str, tuple[str, ...]] = {
    "time_audit": (
        "desktop_app.views.time_audit.focus_panel",
        "desktop_app.views.time_audit.results_panel",
    ),
    "engagements": ("PySide6.QtCharts", "desktop_app.views.engagements.chart"),
}
_PRELOADING: list[bool] = []  # once a process: the tabs' modules are being imported
# A tab has just been built and its first frame is not painted yet: no idle
# import runs until it is (`LazyTab.ensure_built`).
_FIRST_FRAME_DUE: list[bool] = []


def import_pages_after_frames(window: QWidget) -> None:
    """Import the tabs' page modules that are not yet, one just after each of
    `window`'s next frames: a first visit then builds its tab without
    importing it (the largest of its fixed costs), and none of these imports
    delays a frame the owner waits for; with the first, what a first visit
    would load on first use (`_load_first_use_data`). Once a process; started when the first tab
    has shown what it shows (`LazyTab.ensure_built`)."""
    if _PRELOADING:
        return
    _PRELOADING.append(True)
    pending = [
        name
        for spec in TABS
        for name in (spec.factory.partition(":")[0], *FIRST_VISIT_MODULES.get(spec.key, ()))
    ]

    def import_next() -> None:
        if _FIRST_FRAME_DUE:
            # A tab was just built: its first frame comes first.
            after_next_frame(window, import_next)
            return
        while pending:
            name = pending.pop(0)
            if name not in sys.modules:
                importlib.import_module(name)
                break
        if pending:
            after_next_frame(window, import_next)

    def first_step() -> None:
        _load_first_use_data()
        import_next()

    after_next_frame(window, first_step)


def _load_first_use_data() -> None:
    """What the first of the tabs' first visits would otherwise load: the
    search fields' clear-button icon, from the style (30 ms), and Babel's
    date patterns of the owner's locale (15 ms; the Time audit's month list)."""
    from datetime import date

    from desktop_app.models.formats import month_year  # Babel: not before the first frame

    QLineEdit().setClearButtonEnabled(True)
    month_year(date.today())


def tab_spec(key: str) -> TabSpec:
    for spec in TABS:
        if spec.key == key:
            return spec
    raise KeyError(key)


class LazyTab(QWidget):
    """A tab's page in the QTabWidget; builds its content on first `ensure_built()`."""

    def __init__(self, spec: TabSpec, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.ctx = ctx
        named(self, f"tab_{spec.key}", _(spec.title), _(spec.description))
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.content: QWidget | None = None

    def ensure_built(self) -> QWidget:
        if self.content is None:
            self.content = self._build()
            self._layout.addWidget(self.content)
            self.content.show()
            _FIRST_FRAME_DUE.append(True)
            after_next_frame(self, _FIRST_FRAME_DUE.clear)
            if not _PRELOADING:
                # The other tabs' modules, in the idle time after this one's
                # first frame (the Overview's: once its figures are in).
                loaded = getattr(self.content, "first_loaded", None)
                if loaded is not None:
                    loaded.connect(lambda: import_pages_after_frames(self.window()))
                else:
                    import_pages_after_frames(self.window())
        return self.content

    def page(self) -> TabPage | None:
        """The tab's TabPage, when the tab's view exists (built on demand)."""
        content = self.ensure_built()
        return content if isinstance(content, TabPage) else None

    def _build(self) -> QWidget:
        return page_class(self.spec)(self.ctx)
