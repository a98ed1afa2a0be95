"""The status bar's sync indicator (offline, syncing…, synced at 14:05, N waiting, things to look at); a click opens
the Sync page. `attach(window)` adds it and starts background sync once the window is usable."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QToolButton, QWidget

from fieldapp.i18n import left_to_right
from fieldapp.timefmt import CLOCK, DAY, local_text
from ui.shared.labels import fill
from ui.sync import texts as sync_texts
from ui.sync.controller import SyncController, SyncStatus, controller_for

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow


class SyncIndicator(QToolButton):
    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("syncIndicator")
        self.setAutoRaise(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        controller.status_changed.connect(self.show_status)
        self.clock = QTimer(self)
        self.clock.setInterval(60_000)
        self.clock.timeout.connect(lambda: self.show_status(self.controller.status))
        self.clock.start()
        self.show_status(controller.status)

    def text_for(self, status: SyncStatus) -> str:
        kind = status.kind
        state = status.state
        synced_at = left_to_right(local_text(state.last_success if state else None, DAY, today=CLOCK))  # 14:05 today
        parts = [
            {
                "unknown": self.tr("Sync"),
                "not_enrolled": self.tr("Not connected to HQ"),
                "syncing": self.tr("Syncing…"),
                "offline": self.tr("Offline"),
                "refused": self.tr("Sync refused"),
                "never": self.tr("Not synced yet"),
            }.get(kind)
            or fill(self.tr("Synced %1"), synced_at)
        ]
        if state is not None and state.pending and kind != "syncing":
            parts.append(self.tr("%n waiting", "", state.pending))
        if status.attention:
            parts.append(self.tr("%n to look at", "", status.attention))
        return " · ".join(parts)

    def show_status(self, status: SyncStatus) -> None:
        self.setText(self.text_for(status))
        self.setAccessibleName(fill(self.tr("Sync status: %1"), self.text()))
        state = status.state
        if status.error is not None:
            tip = sync_texts.error_sentence(status.error, state.hq_url if state else None)
        elif status.kind == "not_enrolled":
            tip = self.tr("The app works fully without HQ. Open the Sync page to join HQ.")
        else:
            tip = self.tr("Open the Sync page")
        self.setToolTip(tip)
        warn = status.attention or status.kind in ("refused", "offline")
        self.setStyleSheet("QToolButton { color: #a34700; font-weight: bold; }" if warn else "")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 — Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.show_status(self.controller.status)
        super().changeEvent(event)


class _StopOnClose(QObject):
    """The window closes: the controller stops its timers and a running sync stops between two requests."""

    def __init__(self, controller: SyncController, parent: QObject) -> None:
        super().__init__(parent)
        self.controller = controller

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt's name
        if event.type() == QEvent.Type.Close:
            self.controller.stop()
        return False


def attach(window: MainWindow) -> SyncIndicator:
    """Add the indicator to the window's status bar and start background sync.

    The window calls it once it is usable (see MainWindow): this module, and sync's when it first runs, load after the
    window's first data arrived, never before it shows."""
    found = window.findChild(SyncIndicator)
    if found is not None:
        return found
    controller = controller_for(window.ctx)
    indicator = SyncIndicator(controller, window.statusBar())
    window.statusBar().addPermanentWidget(indicator)
    indicator.clicked.connect(lambda: window.show_page("sync"))
    window.installEventFilter(_StopOnClose(controller, window))
    controller.start()
    return indicator
