"""A dialog that waits for its answer: it cannot be closed while a job runs, and it follows a change of language."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog


class BusyDialog(QDialog):
    """Subclasses set `_busy` while their job runs and define `retranslate_ui`."""

    _busy = False

    def retranslate_ui(self) -> None:
        raise NotImplementedError

    def reject(self) -> None:
        if not self._busy:  # the answer is on its way: it is shown before the dialog goes
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 — Qt's name
        if self._busy:
            event.ignore()
            return
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 — Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
