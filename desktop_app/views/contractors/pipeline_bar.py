"""The pipeline at a glance: one button per stage with its count; a click
filters the list to that stage, "All" shows everyone again."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QSizePolicy, QToolButton, QWidget

from desktop_app.models import contractors as bench
from desktop_app.models.i18n import _
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.tones import is_dark, set_palette_style_sheet

# One colour per stage: text in this colour reads at 4.5:1 or more on a light
# palette's window and base, and so does white text on it (a checked button).
STAGE_COLORS = {
    "": "#3e4c59",
    bench.Stage.PROSPECT: "#56606b",
    bench.Stage.CONTACTED: "#1a5fb4",
    bench.Stage.INTERVIEWING: "#7b3fc4",
    bench.Stage.TRIAL: "#9a4d00",
    bench.Stage.HIRED: "#1e7a45",
    bench.Stage.REJECTED: "#b42318",
    bench.Stage.ENDED: "#5f6971",
}
# The same stages as text on a dark palette.
DARK_STAGE_COLORS = {
    "": "#d5dce3",
    bench.Stage.PROSPECT: "#c6ccd2",
    bench.Stage.CONTACTED: "#a6c8ff",
    bench.Stage.INTERVIEWING: "#d4b3f7",
    bench.Stage.TRIAL: "#f8c07f",
    bench.Stage.HIRED: "#6fe09c",
    bench.Stage.REJECTED: "#ffaba3",
    bench.Stage.ENDED: "#c6ccd2",
}


def stage_color(stage: str, palette: QPalette | None = None) -> QColor:
    """The colour of a stage's name as text, for `palette` (default: the application's)."""
    colours = DARK_STAGE_COLORS if is_dark(palette) else STAGE_COLORS
    return QColor(colours.get(stage, colours[""]))


class PipelineBar(QWidget):
    """A row of stage counts.

    Signals:
        stage_chosen(str): a stage's value, or "" for all stages.

    Attributes:
        buttons: stage value ("" for all) -> its button.
    """

    stage_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "pipelineBar", _("Pipeline"), _("How many contractors stand at each stage"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QToolButton] = {}
        stages = [("", _("All"))] + [(s.value, _(label)) for s, label in bench.STAGE_LABELS.items()]
        for value, label in stages:
            button = named(
                QToolButton(),
                f"pipeline_{value or 'all'}",
                _("{stage} stage").format(stage=label),
                _("Show contractors at {stage}").format(stage=label)
                if value
                else _("Show every contractor"),
            )
            button.setCheckable(True)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            button.setMinimumWidth(56)
            button.setProperty("label", label)
            button.clicked.connect(lambda _checked=False, v=value: self.stage_chosen.emit(v))
            self.group.addButton(button)
            self.buttons[value] = button
            layout.addWidget(button)
        self.buttons[""].setChecked(True)
        self._style_buttons()
        self.set_counts({}, 0)

    def _style_buttons(self) -> None:
        for value, button in self.buttons.items():
            # The checked stage is filled with its colour, under white text.
            fill = STAGE_COLORS[value]
            border = stage_color(value, self.palette()).name()
            style = (
                f"QToolButton {{ border: 1px solid palette(mid); border-top: 4px solid {border};"
                " border-radius: 4px; padding: 4px 6px; font-weight: bold; }"
                f"QToolButton:checked {{ background: {fill}; color: white; }}"
            )
            if style != button.styleSheet():
                set_palette_style_sheet(button, style)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._style_buttons()
        super().changeEvent(event)

    def set_counts(self, counts: dict[str, int], total: int) -> None:
        for value, button in self.buttons.items():
            count = total if not value else counts.get(value, 0)
            button.setText(f"{count}\n{button.property('label')}")
            button.setAccessibleName(
                _("{stage}: {count}").format(stage=button.property("label"), count=count)
            )

    def count_text(self, stage: str) -> str:
        return self.buttons[stage].text().split("\n")[0]

    def set_current(self, stage: str) -> None:
        self.buttons.get(stage, self.buttons[""]).setChecked(True)
