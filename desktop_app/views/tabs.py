"""The main window's tabs, declared once, built when first shown.

A tab's content class is named by "module:Class" and imported only when the
tab is first opened, so start-up pays for the Overview alone.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop_app.views.context import AppContext
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
        title="Overview",
        factory="desktop_app.views.overview.page:OverviewPage",
        description="Hours handed off, spend, check-ins due and what needs a decision.",
    ),
    TabSpec(
        key="time_audit",
        title="Time audit",
        factory="desktop_app.views.time_audit.page:TimeAuditPage",
        description="Log a month of work and find the tasks worth handing off.",
        commands=(
            TabCommand("file", "Import time tracker export…", "choose_and_import", "Ctrl+I"),
            TabCommand("file", "Export tasks to CSV…", "choose_and_export_tasks"),
            TabCommand("file", "Export time entries to CSV…", "choose_and_export_entries"),
            TabCommand("edit", "Log time…", "focus_entry_form", "Ctrl+T"),
            TabCommand("edit", "New task", "start_new_task"),
            TabCommand("view", "Outsourcing candidates", "show_candidates"),
            TabCommand("help", "How the outsourcing score works", "show_score_help"),
        ),
    ),
    TabSpec(
        key="contractors",
        title="Contractors",
        factory="desktop_app.views.contractors.page:ContractorsPage",
        description="Your bench of contractors, their references, portfolios and interviews.",
        commands=(
            TabCommand("file", "New contractor…", "new_contractor", "Ctrl+Shift+C"),
            TabCommand("file", "Import contractors…", "import_contractors_dialog"),
            TabCommand("file", "Export contractors to CSV…", "export_contractors_dialog"),
            TabCommand("view", "Compare selected contractors…", "compare_selected", "Ctrl+Shift+M"),
            TabCommand("edit", "Referrals…", "open_referrals"),
            TabCommand("edit", "&Write to the contractor…", "write_message", "Ctrl+Shift+W"),
        ),
    ),
    TabSpec(
        key="briefs",
        title="Briefs",
        factory="desktop_app.views.briefs.page:BriefsPage",
        description="Job descriptions with expectations in priority order.",
        commands=(
            TabCommand("file", "New brief…", "new_brief"),
            TabCommand("file", "Export brief as PDF…", "export_pdf", "Ctrl+E"),
            TabCommand("file", "Print brief…", "print_brief", "Ctrl+P"),
            TabCommand("edit", "Copy as &job post", "copy_job_post", "Ctrl+Shift+J"),
            TabCommand("edit", "Post, screen and &trial…", "open_hiring", "Ctrl+Shift+T"),
        ),
    ),
    TabSpec(
        key="engagements",
        title="Engagements",
        factory="desktop_app.views.engagements.page:EngagementsPage",
        description="Contractors at work: check-ins, feedback and confidence.",
        commands=(
            TabCommand("file", "Export check-in &schedule…", "choose_and_export_schedule"),
            TabCommand("file", "Print engagement review…", "print_review"),
            TabCommand("file", "Export engagement review as PDF…", "choose_and_export_review"),
            TabCommand("edit", "&Hire a contractor…", "open_hire_dialog", "Ctrl+Shift+H"),
            TabCommand(
                "edit", "Request a progress report", "request_progress_report", "Ctrl+Shift+R"
            ),
            TabCommand("edit", "Add check-in", "focus_check_in_form", "Ctrl+Shift+K"),
            TabCommand("edit", "Add feedback", "focus_feedback_form", "Ctrl+Shift+G"),
            TabCommand("edit", "Send the selected feedback…", "send_feedback"),
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
        named(self, f"tab_{spec.key}", spec.title, spec.description)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.content: QWidget | None = None

    def ensure_built(self) -> QWidget:
        if self.content is None:
            self.content = self._build()
            self._layout.addWidget(self.content)
            self.content.show()
        return self.content

    def page(self) -> TabPage | None:
        """The tab's TabPage, when the tab's view exists (built on demand)."""
        content = self.ensure_built()
        return content if isinstance(content, TabPage) else None

    def _build(self) -> QWidget:
        return page_class(self.spec)(self.ctx)
