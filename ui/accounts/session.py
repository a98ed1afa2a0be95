"""Who is logged in, in the status bar: their name and role, "Change my password…", "Lock now"; the idle lock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from ui.accounts.lock import DEFAULT_MINUTES, IdleLock
from ui.shared.labels import fill

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow


def role_name(role: str) -> str:
    """A role in the window's language (the core's words: fieldapp.i18n)."""
    from fieldapp.i18n import t

    return t(f"role.{role}")


class AccountButton(QToolButton):
    """The logged-in user in the status bar; its menu changes their password or locks the window now."""

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_ = window
        self.setObjectName("accountButton")
        self.setAutoRaise(True)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.menu_ = QMenu(self)
        self.change_password = self.menu_.addAction("")
        self.change_password.setObjectName("changeMyPassword")
        self.lock_now = self.menu_.addAction("")
        self.lock_now.setObjectName("lockNow")
        self.setMenu(self.menu_)
        self.change_password.triggered.connect(self.ask_new_password)
        self.lock_now.triggered.connect(lambda: window.idle_lock.lock())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        account = self.window_.ctx.account
        if account is not None:
            self.setText(fill(self.tr("%1 (%2)"), account.name, role_name(account.role.value)))
            self.setAccessibleName(fill(self.tr("Logged in as %1"), account.name))
        self.change_password.setText(self.tr("Change my password…"))
        self.lock_now.setText(self.tr("Lock now"))

    def ask_new_password(self):
        from ui.accounts.password_dialog import PasswordDialog

        account = self.window_.ctx.account
        dialog = PasswordDialog(self.window_.ctx, account.name, own=True, parent=self.window_)
        dialog.open()
        return dialog

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 — Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def attach_session(window: MainWindow) -> None:
    """The account button and the idle lock; the lock's delay is read from the settings (and again when they change)."""
    window.account_button = AccountButton(window, window)
    window.statusBar().addPermanentWidget(window.account_button)
    window.idle_lock = IdleLock(window, DEFAULT_MINUTES)
    ctx = window.ctx

    def read_minutes() -> int:
        from fieldapp.services import setup

        return setup.current_settings(ctx.db).get("lock_after_minutes", DEFAULT_MINUTES)

    def apply(minutes) -> None:
        if minutes is not None and window.idle_lock.minutes != minutes:
            window.idle_lock.set_minutes(minutes)

    def on_changes(kinds: frozenset[str]) -> None:
        if "settings" in kinds:
            ctx.tasks.run(read_minutes, on_done=apply, on_error=lambda _error: None)

    ctx.changes.changed.connect(on_changes)
    ctx.changes.account_switched.connect(window.account_button.retranslate_ui)
    ctx.tasks.run(read_minutes, on_done=apply, on_error=lambda _error: None)
