"""The expectations of one brief as a Qt list model, reordered by drag and
drop or the keyboard (`partials/ordered_list_model.py` holds how)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from desktop_app.models.briefs import LEVEL_LABELS, ExpectationData, Level
from desktop_app.models.i18n import _
from desktop_app.views.partials.ordered_list_model import Index, OrderedListModel
from desktop_app.views.partials.plain_text import plain_tooltip

MIME_TYPE = "application/x-offload-expectations"


class ExpectationListModel(OrderedListModel[ExpectationData]):
    """The expectations of one brief, in priority order (see OrderedListModel)."""

    MIME_TYPE = MIME_TYPE
    OWNER = "brief"
    LevelRole = Qt.ItemDataRole.UserRole + 2
    MeasureRole = Qt.ItemDataRole.UserRole + 3

    @property
    def brief_id(self) -> int | None:
        return self.owner_id

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == self.LevelRole:
            return row.level
        if role == self.MeasureRole:
            return row.measure
        if role == Qt.ItemDataRole.ToolTipRole:
            measure = row.measure.strip() or _("No measure yet: say how you will check it.")
            return plain_tooltip(
                _("{text}\n\nMeasured by: {measure}").format(text=row.text.strip(), measure=measure)
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            level = LEVEL_LABELS.get(Level(row.level), row.level)
            return f"{index.row() + 1}. {level}: {row.text.strip()}"
        return super().data(index, role)
