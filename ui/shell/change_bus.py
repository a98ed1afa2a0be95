"""What changed: services say which kinds of record they touched; each page refreshes only for what it shows."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class ChangeBus(QObject):
    """`changed` carries a frozenset of record kinds ("households", "distributions", "settings", ...);
    `account_switched` says another user unlocked the window (what the window offers follows their role)."""

    changed = Signal(frozenset)
    account_switched = Signal()

    def publish(self, kinds) -> None:
        kinds = frozenset(kinds)
        if kinds:
            self.changed.emit(kinds)
