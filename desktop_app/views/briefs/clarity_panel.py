"""The clarity check beside the editor: what leaves room for interpretation.

Each finding shows what is wrong and why; activating it (click, or Enter)
asks the editor to jump to the field or the expectation concerned.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.clarity import Finding
from desktop_app.models.i18n import _, count
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import plain_label
from desktop_app.views.partials.table_model import Column, RowTableModel
from desktop_app.views.partials.tones import MUTED, set_tone

Index = QModelIndex | QPersistentModelIndex
_PADDING = 6
_FLAGS = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


class FindingDelegate(QStyledItemDelegate):
    """A finding as its title in bold over why it matters, wrapped to the width."""

    def _layout(self, option: QStyleOptionViewItem, finding: Finding) -> tuple[QRect, QRect, QFont]:
        width = max(option.rect.width(), 120) - 2 * _PADDING
        bold = QFont(option.font)
        bold.setBold(True)
        title = QFontMetrics(bold).boundingRect(QRect(0, 0, width, 10_000), _FLAGS, finding.title)
        why = QFontMetrics(option.font).boundingRect(
            QRect(0, 0, width, 10_000), _FLAGS, finding.why
        )
        return QRect(0, 0, width, title.height()), QRect(0, 0, width, why.height()), bold

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        finding = index.data(RowTableModel.ROW_ROLE)
        view = option.widget
        if isinstance(view, QAbstractScrollArea):
            option.rect.setWidth(view.viewport().width())
        title, why, _ = self._layout(option, finding)
        return QSize(option.rect.width(), title.height() + why.height() + 3 * _PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        finding = index.data(RowTableModel.ROW_ROLE)
        # Qt's stubs call the option's widget never None; it is, outside a view.
        widget: QWidget | None = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        painter.save()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        color = option.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        title, why, bold = self._layout(option, finding)
        left, top = option.rect.left() + _PADDING, option.rect.top() + _PADDING
        painter.setPen(color)
        painter.setFont(bold)
        painter.drawText(title.translated(left, top), _FLAGS, finding.title)
        painter.setFont(option.font)
        painter.drawText(
            why.translated(left, top + title.height() + _PADDING // 2), _FLAGS, finding.why
        )
        painter.restore()


class ClarityPanel(QWidget):
    """The findings of the clarity check for the brief being edited.

    Signals:
        jump_requested(object): the owner activated a Finding.
    """

    jump_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = plain_label(_("Clarity check"))
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        heading.setFont(font)
        self.summary = named(plain_label(), "claritySummary", _("Clarity check summary"))
        self.summary.setWordWrap(True)
        self.model: RowTableModel[Finding] = RowTableModel(
            [Column(_("Finding"), lambda f: f.title, tooltip=lambda f: f.why)], self
        )
        self.view = named(
            QListView(), "clarityList", _("Clarity findings"),
            _("What could be read two ways. Press Enter or click to go to the field."),
        )  # fmt: skip
        self.view.setModel(self.model)
        self.view.setItemDelegate(FindingDelegate(self.view))
        self.view.setWordWrap(True)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.activated.connect(self._jump)
        self.view.clicked.connect(self._jump)
        hint = plain_label(_("Click a finding to go to the field it is about."))
        hint.setObjectName("clarityHint")
        hint.setWordWrap(True)
        set_tone(hint, MUTED)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        # Takes the list's room when there is nothing to list.
        self.filler = QWidget()
        layout.addWidget(self.filler, 1)
        layout.addWidget(hint)
        self.set_findings([], has_brief=False)

    def set_findings(self, findings: Sequence[Finding], *, has_brief: bool = True) -> None:
        self.model.set_rows(findings)
        if not has_brief:
            self.summary.setText(_("Choose a brief to check it."))
        elif not findings:
            self.summary.setText(_("Nothing vague or missing: a contractor can work from this."))
        else:
            self.summary.setText(
                count(
                    len(findings),
                    "{count} thing a contractor could read two ways, or would have to ask about:",
                    "{count} things a contractor could read two ways, or would have to ask about:",
                )
            )
        self.view.setVisible(bool(findings))
        self.filler.setVisible(not findings)

    def findings(self) -> list[Finding]:
        return self.model.rows()

    def _jump(self, index: QModelIndex) -> None:
        if index.isValid():
            self.jump_requested.emit(index.data(RowTableModel.ROW_ROLE))
