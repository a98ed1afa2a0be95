"""A new password typed twice: my own (the current one asked first), or a user's reset or re-enabling by a
coordinator. A rewrap of the data key on the worker; a refusal is shown in the dialog, in the window's language."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from fieldapp.errors import BadData
from ui.shared.labels import fill
from ui.shared.styles import ERROR_STYLE
from ui.shell.context import AppContext, error_text
from ui.shell.operations import run_operation


def password_field(parent: QWidget, name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class PasswordDialog(QDialog):
    """`own`: the logged-in user's own password (current one asked). `enabling`: a disabled user comes back with it."""

    def __init__(
        self, ctx: AppContext, name: str, own: bool = False, enabling: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.name, self.own, self.enabling = ctx, name, own, enabling
        self.setObjectName("passwordDialog")
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        form = QFormLayout()
        self.current = password_field(self, "passwordCurrent")
        self.new = password_field(self, "passwordNew")
        self.again = password_field(self, "passwordAgain")
        self.labels = [QLabel(self) for _ in range(3)]
        for label, field in zip(self.labels, (self.current, self.new, self.again), strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        form.setRowVisible(self.current, own)
        self.error = QLabel(self)
        self.error.setObjectName("passwordError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        if self.own:
            self.setWindowTitle(self.tr("Change my password"))
            self.intro.setText(self.tr("Your current password first, then the new one twice."))
        elif self.enabling:
            self.setWindowTitle(self.tr("Enable a user"))
            self.intro.setText(fill(self.tr("%1 will log in again with this new password."), self.name))
        else:
            self.setWindowTitle(self.tr("Reset a password"))
            self.intro.setText(fill(self.tr("A new password for %1. Give it to them in person."), self.name))
        texts = (self.tr("&Current password"), self.tr("&New password"), self.tr("New password &again"))
        for label, text, field in zip(self.labels, texts, (self.current, self.new, self.again), strict=True):
            label.setText(text)
            field.setAccessibleName(text.replace("&", ""))

    def save(self) -> None:
        if self.new.text() != self.again.text():
            self._refused(BadData("error.passwords_differ"))
            return
        from fieldapp.services import accounts

        db, name, new, current = self.ctx.db, self.name, self.new.text(), self.current.text()
        if self.enabling:
            work = lambda: accounts.enable_user(db, name, new)  # noqa: E731
        else:
            work = lambda: accounts.change_password(db, name, new, current if self.own else None)  # noqa: E731
        self.buttons.setEnabled(False)
        run_operation(self.ctx, work, on_done=lambda _outcome: self.accept(), on_error=self._refused)

    def _refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(error_text(error, self.ctx.data_dir))  # a bug is logged, never a traceback here
        self.error.setAccessibleName(self.error.text())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 — Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
