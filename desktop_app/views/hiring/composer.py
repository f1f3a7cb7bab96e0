"""The message composer: a template filled from the data, edited, then sent
through the mail program (a `mailto:` link) or copied to paste anywhere;
either way it is recorded (undoable). Placeholders with no value are shown
as «name» and block sending until written over; the owner's own version of
each template is edited here too."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.exporters.files import file_name_for
from desktop_app.exporters.mailto import mailto_url
from desktop_app.models import messages
from desktop_app.models.errors import UserError, ValidationError
from desktop_app.models.formats import integer
from desktop_app.models.i18n import _
from desktop_app.views.context import AppContext
from desktop_app.views.hiring.commands import (
    RecordSentCommand,
    ResetTemplateCommand,
    SaveTemplateCommand,
)
from desktop_app.views.partials.feedback import MessageLine, run_edit
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import plain_label
from desktop_app.views.partials.text_direction import PlainTextEdit
from desktop_app.views.undo import execute

# Mail programs on Windows (Outlook among them) cut a mailto link somewhere
# past 2,000 characters, without saying so.
MAILTO_SAFE_LENGTH = 2000


class MessageComposer(QDialog):
    """One message, ready to edit and send.

    Attributes:
        message: what the template and the data gave (models.messages.Message).
        to, subject, body: the editors.
        open_url: opens the mailto link (QDesktopServices.openUrl unless replaced).
        sent_via: "mail" or "clipboard" once sent, else "".
    """

    def __init__(self, ctx: AppContext, message: messages.Message, parent: QWidget | None = None):
        super().__init__(parent)
        label = messages.MESSAGE_LABELS.get(messages.MessageKind(message.kind), "Message")
        named(self, "messageComposer", label)
        self.setWindowTitle(label)
        self.ctx = ctx
        self.message = message
        self.sent_via = ""
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl

        self.to = named(QLineEdit(message.to), "messageTo", _("To"))
        self.to.setPlaceholderText(_("No e-mail address on record: type one, or copy the message"))
        self.subject = named(QLineEdit(message.subject), "messageSubject", _("Subject"))
        self.body = named(PlainTextEdit(message.body), "messageBody", _("Message"))
        self.body.setTabChangesFocus(True)
        self.missing = MessageLine("messageMissing", _("Missing values"))
        self.link_note = MessageLine("messageLinkLength", _("Length of the mail link"))
        self.status = MessageLine("messageStatus", _("Status"))

        form = QFormLayout()
        form.addRow(_("&To:"), self.to)
        form.addRow(_("&Subject:"), self.subject)
        self.send_button = named(
            QPushButton(_("&Open in mail program")), "messageSend", _("Open in mail program"),
            _("Opens your e-mail program with this message; send it from there"),
        )  # fmt: skip
        self.send_button.setDefault(True)
        self.copy_button = named(
            QPushButton(_("&Copy message")), "messageCopy", _("Copy message"),
            _("Copies the message to paste into any e-mail or chat; it is recorded as sent"),
        )  # fmt: skip
        self.template_button = named(
            QPushButton(_("Edit &template…")), "messageTemplate", _("Edit template"),
            _("Change the wording Offload starts from for this kind of message"),
        )  # fmt: skip
        cancel = named(QPushButton(_("Cancel")), "messageCancel", _("Cancel"))
        self.send_button.clicked.connect(self.send_by_mail)
        self.copy_button.clicked.connect(self.copy_message)
        self.template_button.clicked.connect(self.edit_template)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.template_button)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.send_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.missing)
        layout.addWidget(self.link_note)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        for editor in (self.subject, self.to):
            editor.textChanged.connect(self._check)
        self.body.textChanged.connect(self._check)
        self.resize(640, 520)
        self._check()

    def still_missing(self) -> list[str]:
        return messages.still_missing(self.message, self.subject.text(), self.body.toPlainText())

    def _check(self) -> None:
        missing = self.still_missing()
        if missing:
            names = ", ".join(f"«{name}»" for name in missing)
            what = "; ".join(_(messages.PLACEHOLDERS[name]) for name in missing)
            self.missing.show_error(
                _("Write over {names} before sending: no value on record ({what}).").format(
                    names=names, what=what
                )
            )
        else:
            self.missing.clear_message()
        self.send_button.setEnabled(not missing)
        self.copy_button.setEnabled(not missing)
        length = len(mailto_url(self.to.text(), self.subject.text(), self.body.toPlainText()))
        if length > MAILTO_SAFE_LENGTH:
            self.link_note.show_warning(
                _(
                    "This message makes a mail link of {length} characters, and some mail "
                    "programs cut a link over {most} characters: check it arrived whole in the "
                    "mail program, or use Copy message."
                ).format(length=integer(length), most=integer(MAILTO_SAFE_LENGTH))
            )
        else:
            self.link_note.clear_message()

    def _record(self, via: str) -> bool:
        message = messages.Message(**{**self.message.__dict__, "to": self.to.text().strip()})
        command = RecordSentCommand(
            self.ctx, message, self.subject.text(), self.body.toPlainText(), via
        )
        if not run_edit(command, self.status.show_error):
            return False
        self.sent_via = via
        return True

    def send_by_mail(self) -> bool:
        """Open the mail program with the message; recorded once it opened."""
        if self.still_missing():
            return False
        url = QUrl(mailto_url(self.to.text(), self.subject.text(), self.body.toPlainText()))
        if not self.open_url(url):
            # Nothing recorded yet: the owner copies it (and then it is recorded).
            self.status.show_error(
                _(
                    "No mail program answered, so nothing was recorded yet. Copy the message, "
                    "paste it into your e-mail, and Offload records it as sent; or set a default "
                    "e-mail program in your system settings."
                )
            )
            self.copy_button.setFocus()
            return False
        if self._record("mail"):
            self.accept()
            return True
        return False

    def copy_message(self) -> bool:
        """Copy the whole message (with its address and subject) and record it."""
        if self.still_missing():
            return False
        address = self.to.text().strip()
        text = (_("To: {address}").format(address=address) + "\n" if address else "") + (
            _("Subject: {subject}").format(subject=self.subject.text())
            + f"\n\n{self.body.toPlainText()}"
        )
        QGuiApplication.clipboard().setText(text)
        if self._record("clipboard"):
            self.accept()
            return True
        return False

    def edit_template(self) -> TemplateDialog:
        dialog = TemplateDialog(self.ctx, self.message.kind, self)
        dialog.open()
        return dialog


class TemplateDialog(QDialog):
    """The owner's wording for one kind of message, with the placeholders it may use."""

    def __init__(self, ctx: AppContext, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        label = messages.MESSAGE_LABELS[messages.MessageKind(kind)]
        named(self, "templateDialog", _("Template: {label}").format(label=label))
        self.setWindowTitle(_("Template: {label}").format(label=label))
        self.ctx, self.kind = ctx, kind
        current = messages.template_of(kind)
        self.subject = named(QLineEdit(current.subject), "templateSubject", _("Subject"))
        self.body = named(PlainTextEdit(current.body), "templateBody", _("Message"))
        self.error = MessageLine("templateError", _("Error"))
        known = plain_label(
            _("Placeholders: {placeholders}").format(
                placeholders="; ".join(
                    f"{{{name}}} {_(what)}" for name, what in messages.PLACEHOLDERS.items()
                )
            )
        )
        known.setWordWrap(True)
        known.setEnabled(False)
        save = named(QPushButton(_("&Save")), "templateSave", _("Save template"))
        save.setDefault(True)
        save.clicked.connect(self.save)
        reset = named(
            QPushButton(_("Use Offload's wording")), "templateReset", _("Use Offload's wording")
        )
        reset.setEnabled(current.own)
        reset.clicked.connect(self.reset)
        cancel = named(QPushButton(_("Cancel")), "templateCancel", _("Cancel"))
        cancel.clicked.connect(self.reject)
        form = QFormLayout()
        form.addRow(_("&Subject:"), self.subject)
        buttons = QHBoxLayout()
        buttons.addWidget(reset)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.body, 1)
        layout.addWidget(known)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.resize(640, 520)

    def save(self) -> bool:
        try:
            execute(
                SaveTemplateCommand(
                    self.ctx, self.kind, self.subject.text(), self.body.toPlainText()
                )
            )
        except ValidationError as error:
            self.error.show_error(str(error))
            (self.body if error.field == "body" else self.subject).setFocus()
            return False
        self.accept()
        return True

    def reset(self) -> None:
        execute(ResetTemplateCommand(self.ctx, self.kind))
        self.accept()


SENT_BRIEFS_FOLDER = "Briefs sent"  # a folder on disk: the same in every language


def save_brief_to_send(ctx: AppContext, brief_id: int) -> Path:
    """Write the brief's PDF beside the database, under "Briefs sent", to attach
    to the message (a mailto link cannot carry an attachment); its path."""
    from desktop_app.models.briefs import load_brief
    from desktop_app.pdf.brief import export_brief

    folder = ctx.store.path.parent / SENT_BRIEFS_FOLDER
    try:
        folder.mkdir(exist_ok=True)
    except OSError as error:
        raise UserError(
            _("Cannot make the folder {folder}: {strerror}.").format(
                folder=folder, strerror=error.strerror
            )
        ) from None
    path = folder / file_name_for(load_brief(brief_id).title)
    export_brief(brief_id, path, keep_version=False)
    return path


def open_composer(ctx: AppContext, parent: QWidget, kind: str, **data: Any) -> MessageComposer:
    """The composer for `kind`, filled from `data` (see models.messages.compose),
    opened without blocking. Raises UserError when the data is gone."""
    composer = MessageComposer(ctx, messages.compose(kind, **data), parent)
    composer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    composer.open()
    return composer
