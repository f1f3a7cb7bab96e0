"""The pipeline at a glance: one button per stage with its count; a click
filters the list to that stage, "All" shows everyone again."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QSizePolicy, QToolButton, QWidget

from desktop_app.models import contractors as bench
from desktop_app.views.partials.naming import named

# One colour per stage, readable on light and dark palettes.
STAGE_COLORS = {
    "": "#52606d",
    bench.Stage.PROSPECT: "#7b8794",
    bench.Stage.CONTACTED: "#2f80ed",
    bench.Stage.INTERVIEWING: "#9b51e0",
    bench.Stage.TRIAL: "#f2994a",
    bench.Stage.HIRED: "#27ae60",
    bench.Stage.REJECTED: "#c0392b",
    bench.Stage.ENDED: "#95a5a6",
}


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
        named(self, "pipelineBar", "Pipeline", "How many contractors stand at each stage")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QToolButton] = {}
        stages = [("", "All")] + [(s.value, label) for s, label in bench.STAGE_LABELS.items()]
        for value, label in stages:
            button = named(
                QToolButton(),
                f"pipeline_{value or 'all'}",
                f"{label} stage",
                f"Show {'every contractor' if not value else 'contractors at ' + label}",
            )
            button.setCheckable(True)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            button.setMinimumWidth(56)
            color = STAGE_COLORS[value]
            button.setStyleSheet(
                f"QToolButton {{ border: 1px solid palette(mid); border-top: 4px solid {color};"
                " border-radius: 4px; padding: 4px 6px; font-weight: bold; }"
                f"QToolButton:checked {{ background: {color}; color: white; }}"
            )
            button.setProperty("label", label)
            button.clicked.connect(lambda _=False, v=value: self.stage_chosen.emit(v))
            self.group.addButton(button)
            self.buttons[value] = button
            layout.addWidget(button)
        self.buttons[""].setChecked(True)
        self.set_counts({}, 0)

    def set_counts(self, counts: dict[str, int], total: int) -> None:
        for value, button in self.buttons.items():
            count = total if not value else counts.get(value, 0)
            button.setText(f"{count}\n{button.property('label')}")
            button.setAccessibleName(f"{button.property('label')}: {count}")

    def count_text(self, stage: str) -> str:
        return self.buttons[stage].text().split("\n")[0]

    def set_current(self, stage: str) -> None:
        self.buttons.get(stage, self.buttons[""]).setChecked(True)
