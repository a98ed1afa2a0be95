"""The idle lock: after `lock_after_minutes` without a key or a click, the window is covered by a lock screen.

Whoever unlocks (the same user or another) types their password; another user's unlock switches the window's account
and so what their role may do. Nothing stops meanwhile: the database worker, sync and printing go on behind it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from ui.accounts.login import LoginForm
from ui.accounts.prefs import LoginPrefs

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow

DEFAULT_MINUTES = 10
_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.InputMethod,
    }
)


class LockScreen(QWidget):
    """What covers a locked window: the unlock form in the middle, nothing of the association's data."""

    def __init__(self, data_dir: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        self.form = LoginForm(data_dir, LoginPrefs.load(data_dir), locking=True, parent=self)
        layout.addStretch(1)
        layout.addWidget(self.form, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)


class IdleLock(QObject):
    """Watches the application's input; locks `window` after `minutes` of none. `locked_changed(bool)`."""

    locked_changed = Signal(bool)

    def __init__(self, window: MainWindow, minutes: float = DEFAULT_MINUTES) -> None:
        super().__init__(window)
        self.window = window
        self.screen: LockScreen | None = None
        self._hidden: list[QWidget] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.set_minutes(minutes)
        QApplication.instance().installEventFilter(self)

    @property
    def locked(self) -> bool:
        return self.screen is not None

    def set_minutes(self, minutes: float) -> None:
        """Idle time before locking; 0 or less never locks."""
        self.minutes = minutes
        if minutes and minutes > 0:
            self.timer.setInterval(int(minutes * 60_000))
            if not self.locked:
                self.timer.start()
        else:
            self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt's name
        if event.type() in _ACTIVITY and not self.locked and self.minutes > 0:
            self.timer.start()  # restarts the countdown
        return False

    def lock(self) -> None:
        """Cover the window (and hide its other windows: a household's form, a dialog) until someone unlocks."""
        if self.locked:
            return
        self.timer.stop()
        self._hidden = [
            widget
            for widget in QApplication.topLevelWidgets()
            if widget.isVisible() and widget is not self.window and widget.isWindow()
        ]
        for widget in self._hidden:
            widget.hide()
        folder = str(self.window.ctx.db.path.parent)  # the logged-in database's own folder
        self.screen = LockScreen(folder, self.window.screens)
        self.screen.form.logged_in.connect(self._unlocked)
        self.window.screens.addWidget(self.screen)
        self.window.screens.setCurrentWidget(self.screen)
        self.window.set_locked(True)
        self.screen.form.start()
        self.locked_changed.emit(True)

    def _unlocked(self, db) -> None:
        """The password opened the data: the window goes on, for that user (the check's own connection closed)."""
        account = db.account
        db.dispose()
        ctx = self.window.ctx
        if account is not None and account != ctx.account:
            ctx.switch_account(account)
        self.unlock()

    def unlock(self) -> None:
        if self.screen is None:
            return
        self.window.screens.setCurrentIndex(0)
        self.window.screens.removeWidget(self.screen)
        self.screen.deleteLater()
        self.screen = None
        self.window.set_locked(False)
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        if self.minutes > 0:
            self.timer.start()
        self.locked_changed.emit(False)
