"""Changing a check-in or a piece of feedback of the timeline.

The entry opens in the very form that added it (same fields, same checks,
errors under the field at fault); Save changes writes it back as one
undoable edit and closes the dialog, Cancel (or Esc) leaves it as it was.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from desktop_app.models.engagements import CheckInRecord, FeedbackRecord, day_text
from desktop_app.models.i18n import _
from desktop_app.views.context import AppContext
from desktop_app.views.engagements.forms import CheckInForm, FeedbackForm
from desktop_app.views.partials.naming import named


class EditEntryDialog(QDialog):
    """The timeline entry `entry` in its quick form.

    Attributes:
        form: the CheckInForm or FeedbackForm showing the entry.
    """

    def __init__(
        self, ctx: AppContext, entry: CheckInRecord | FeedbackRecord, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.form: CheckInForm | FeedbackForm
        if isinstance(entry, FeedbackRecord):
            named(self, "editFeedbackDialog", _("Edit feedback"))
            self.setWindowTitle(
                _("Edit feedback of {day_text}").format(day_text=day_text(entry.day))
            )
            self.form = feedback = FeedbackForm(ctx)
            feedback.edit(entry)
        else:
            named(self, "editCheckInDialog", _("Edit check-in"))
            self.setWindowTitle(
                _("Edit check-in of {day_text}").format(day_text=day_text(entry.day))
            )
            self.form = check_in = CheckInForm(ctx)
            check_in.edit(entry)
        self.form.saved.connect(self.accept)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.setObjectName("editEntryButtons")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        named(cancel, "editEntryCancel", _("Cancel"))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.form.add_button.setDefault(True)
