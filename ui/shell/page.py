"""What every page shares: its context, widgets built once, its strings set again at each language change."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget

from ui.shell.context import AppContext, show_error


class Page(QWidget):
    """Subclasses build widgets in setup_ui(), set every string in retranslate_ui(), and react in on_changed()."""

    #: the kinds of record (see ChangeBus) this page shows; it refreshes when one of them changes
    watches: frozenset[str] = frozenset()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(type(self).__name__[0].lower() + type(self).__name__[1:])
        self.setup_ui()
        self.retranslate_ui()
        self.apply_role()
        ctx.changes.changed.connect(self._on_changes)
        ctx.changes.account_switched.connect(self.apply_role)

    def setup_ui(self) -> None:
        raise NotImplementedError

    def retranslate_ui(self) -> None:
        raise NotImplementedError

    def apply_role(self) -> None:
        """Hide or disable what the logged-in user's role may not do (`self.ctx.may(Action.X)`); called again when
        another user unlocks the window."""

    def refresh(self) -> None:
        """Reload what the page shows (called when it becomes visible and when what it watches changed)."""

    def on_changed(self, kinds: frozenset[str]) -> None:
        self.refresh()

    def _on_changes(self, kinds: frozenset[str]) -> None:
        if kinds & self.watches:
            self.on_changed(kinds)

    def show_error(self, error: BaseException) -> None:
        show_error(self, error, self.ctx.data_dir)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 — Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
