"""Items of one owner (a brief's expectations, a procedure's steps) as a Qt
list model, reordered by drag and drop or the keyboard.

A drop inside the list (QListView's internal move calls `moveRows`; any
other drop brings the same payload to `dropMimeData`) moves the row at
once, so the view keeps its selection, then emits `move_requested` for the
page to store the move as an undoable command. `set_rows` brings the model
in line with what is stored (after an undo, say) and keeps the selection
on the same items. Rows are any objects with an `id` and a `text`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

Index = QModelIndex | QPersistentModelIndex


class _HasIdAndText(Protocol):
    @property
    def id(self) -> Any: ...

    @property
    def text(self) -> str: ...


Row = TypeVar("Row", bound=_HasIdAndText)


class OrderedListModel(QAbstractListModel, Generic[Row]):
    """The items of one owner (a brief, a procedure), in their order.

    Subclasses set MIME_TYPE and OWNER (the payload's key for the owner's
    id) and add their roles to `data`.

    Signals:
        move_requested(int, int): the user moved the item with this id to
            this index (0 = top); the model already shows it there.
    """

    MIME_TYPE = "application/x-offload-items"
    OWNER = "owner"
    IdRole = Qt.ItemDataRole.UserRole + 1
    RankRole = Qt.ItemDataRole.UserRole + 4

    move_requested = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.owner_id: int | None = None
        self._rows: list[Row] = []

    # Loading
    def set_rows(self, owner_id: int | None, rows: Sequence[Row]) -> None:
        """Show `rows`; the same items reordered or edited keep the selection."""
        rows = list(rows)
        old_ids = [row.id for row in self._rows]
        new_ids = [row.id for row in rows]
        if owner_id != self.owner_id or set(old_ids) != set(new_ids):
            self.beginResetModel()
            self.owner_id = owner_id
            self._rows = rows
            self.endResetModel()
            return
        if old_ids != new_ids:
            self.layoutAboutToBeChanged.emit()
            where = {row_id: index for index, row_id in enumerate(new_ids)}
            moved_from = self.persistentIndexList()
            moved_to = [self.index(where[old_ids[index.row()]], 0) for index in moved_from]
            self._rows = rows
            self.changePersistentIndexList(moved_from, moved_to)
            self.layoutChanged.emit()
            return
        changed = [
            index for index, (a, b) in enumerate(zip(self._rows, rows, strict=True)) if a != b
        ]
        self._rows = rows
        if changed:
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), 0))

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_of(self, row_id: int) -> int:
        for index, row in enumerate(self._rows):
            if row.id == row_id:
                return index
        return -1

    # Reading
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return row.text
        if role == self.IdRole:
            return row.id
        if role == self.RankRole:
            return index.row() + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            # Drops land between rows, never onto one (which would replace it).
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    # Drag and drop
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [self.MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = [self._rows[index.row()].id for index in indexes if index.isValid()]
        payload = json.dumps({self.OWNER: self.owner_id, "ids": ids}).encode()
        mime = QMimeData()
        mime.setData(self.MIME_TYPE, QByteArray(payload))
        return mime

    def _dropped_ids(self, mime: QMimeData) -> list[int]:
        """The ids of this owner's items that `mime` carries ([] if none)."""
        if not mime.hasFormat(self.MIME_TYPE):
            return []
        try:
            payload = json.loads(bytes(mime.data(self.MIME_TYPE).data()))
        except ValueError:
            return []
        if not isinstance(payload, dict) or payload.get(self.OWNER) != self.owner_id:
            return []
        return [row_id for row_id in payload.get("ids", []) if self.row_of(row_id) >= 0]

    def canDropMimeData(
        self, mime: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return action == Qt.DropAction.MoveAction and bool(self._dropped_ids(mime))

    def dropMimeData(
        self, mime: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        ids = self._dropped_ids(mime)
        if action != Qt.DropAction.MoveAction or len(ids) != 1:
            return False
        if parent.isValid():
            row = parent.row()
        if row < 0:
            row = len(self._rows)
        return self.moveRows(QModelIndex(), self.row_of(ids[0]), 1, QModelIndex(), row)

    def moveRows(
        self,
        source_parent: Index,
        source_row: int,
        count: int,
        destination_parent: Index,
        destination_child: int,
    ) -> bool:
        """Move one row before `destination_child` (numbered before the move)."""
        if source_parent.isValid() or destination_parent.isValid() or count != 1:
            return False
        if not (0 <= source_row < len(self._rows) and 0 <= destination_child <= len(self._rows)):
            return False
        if not self.beginMoveRows(
            QModelIndex(), source_row, source_row, QModelIndex(), destination_child
        ):
            return False  # onto itself, or just below itself: nothing to do
        row = self._rows.pop(source_row)
        target = destination_child if destination_child < source_row else destination_child - 1
        self._rows[target:target] = [row]
        self.endMoveRows()
        first, last = sorted((source_row, target))
        # The rank numbers of the rows in between changed.
        self.dataChanged.emit(self.index(first, 0), self.index(last, 0), [self.RankRole])
        self.move_requested.emit(row.id, target)
        return True

    def move(self, row: int, target: int) -> bool:
        """Move row `row` so that it ends at index `target` (keyboard moves)."""
        if not 0 <= target < len(self._rows) or target == row:
            return False
        destination = target + 1 if target > row else target
        return self.moveRows(QModelIndex(), row, 1, QModelIndex(), destination)
