"""A line naming engagements, each a link to it in the Engagements tab.

The Briefs tab shows who works to a brief, the Contractors tab what a
contractor works on; a click opens that engagement.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.models.engagements import (
    ENGAGEMENT_STATUS_LABELS,
    EngagementLink,
    EngagementStatus,
)
from desktop_app.models.formats import day
from desktop_app.models.i18n import _
from desktop_app.views.context import AppContext
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import in_sentence


class EngagementLinks(QLabel):
    """ "Hired: Ana Ferreira (trial since 3 Nov 2026) · …", hidden when there is none.

    `name_by` says what each link shows: the contractor (on a brief) or the
    brief (on a contractor).
    """

    def __init__(
        self,
        ctx: AppContext,
        name_by: str,
        object_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        named(self, object_name, _("Engagements"), _("Click a name to open the engagement"))
        self.ctx = ctx
        self._name_by = name_by
        self.links: list[EngagementLink] = []
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.linkActivated.connect(self.open_link)
        self.hide()

    def show_links(self, links: list[EngagementLink]) -> None:
        self.links = links
        items = []
        for link in links:
            name = link.contractor_name if self._name_by == "contractor" else link.brief_title
            state = in_sentence(
                _(ENGAGEMENT_STATUS_LABELS.get(EngagementStatus(link.status), link.status))
            )
            if link.status != EngagementStatus.ENDED:
                state = _("{status} since {day}").format(status=state, day=day(link.start_date))
            items.append(f'<a href="{link.id}">{escape(name)}</a> ({state})')
        # Named like the tab the links open.
        self.setText(_("Engagements: {links}").format(links=" · ".join(items)) if items else "")
        self.setVisible(bool(items))

    def open_link(self, href: str) -> None:
        """Show the engagement in the Engagements tab."""
        self.ctx.navigate_requested.emit("engagements", ("engagement", int(href)))
