"""A small progress window with Cancel over TaskRunner.run_long; files are written beside the target, synced, then
moved (fieldapp.files)."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from fieldapp.files import move_into_place, sync_file, temp_beside
from ui.shell.tasks import Cancelled, Progress, TaskRunner

log = logging.getLogger("fieldapp.ui")


def suggested_pdf(kind: str, event_name: str) -> str:
    """Where the save dialog proposes a sheet: the documents folder, "kind-event name.pdf" without unsafe characters."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    name = re.sub(r'[\\/:*?"<>|]+', "-", f"{kind}-{event_name}").strip(" .-") or kind
    return str(Path(folder) / f"{name}.pdf")


class LongTask(QDialog):
    """Shows how far long work is (a moving bar until it reports); Cancel or Escape stop it and close the window.

    Whatever the work returns after Cancel is handed to `discard` (a partly written file is removed there), never to
    `on_done`: the person asked for nothing more.
    """

    cancelled = Signal()

    def __init__(self, parent: QWidget, tasks: TaskRunner, title: str, text: str) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.setObjectName("longTaskDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(380)
        self._title, self._text = title, text
        layout = QVBoxLayout(self)
        self.label = QLabel(self)
        self.label.setObjectName("longTaskText")
        self.label.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("longTaskProgress")
        self.bar.setRange(0, 0)  # indeterminate until the work reports a total
        buttons = QDialogButtonBox(self)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("longTaskCancel")
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(buttons)
        self.cancel_button.clicked.connect(self.reject)
        self.progress: Progress | None = None
        self.was_cancelled = False
        self.running = False
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self._title)
        self.label.setText(self._text)
        self.bar.setAccessibleName(self.tr("Progress"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel"))

    def start(
        self,
        fn: Callable[[Progress], object],
        on_done: Callable[[object], None],
        on_error: Callable[[BaseException], None],
        discard: Callable[[object], None] | None = None,
    ) -> Progress:
        """Run `fn(progress)` on the database worker and show this window until it ends or is cancelled."""
        self._on_done, self._on_error, self._discard = on_done, on_error, discard
        self.running = True
        self.progress = self.tasks.run_long(fn, self._finished, self._failed, self._progressed)
        self.open()
        return self.progress

    def write_file(
        self,
        target: str | os.PathLike,
        write: Callable[[Path, Progress], object],
        on_done: Callable[[object], None],
        on_error: Callable[[BaseException], None],
    ) -> Progress:
        """`write(temp, progress)` makes the file beside `target`; it replaces `target` only if nobody cancelled.

        The file is synced to the disk on the worker; the move happens here, on the GUI thread, where Cancel is pressed:
        a cancelled file never appears, and a file already at `target` stays as it was.
        """
        temp = temp_beside(target)

        def work(progress: Progress) -> object:
            result = write(temp, progress)
            sync_file(temp)
            return result

        def done(result: object) -> None:
            try:
                move_into_place(temp, target)
            except OSError as error:
                temp.unlink(missing_ok=True)
                on_error(error)
                return
            on_done(result)

        def failed(error: BaseException) -> None:
            temp.unlink(missing_ok=True)
            on_error(error)

        return self.start(work, done, failed, lambda _: temp.unlink(missing_ok=True))

    def reject(self) -> None:
        """Cancel (the button, Escape, closing the window): the work is told to stop, the window goes at once."""
        if self.running and self.progress is not None:
            self.progress.cancel()
            self.was_cancelled = True
            self.cancelled.emit()
        super().reject()

    def _finished(self, result: object) -> None:
        self.running = False
        if self.was_cancelled:
            if self._discard is not None:
                self._discard(result)
            return
        self.accept()
        self._on_done(result)

    def _failed(self, error: BaseException) -> None:
        self.running = False
        if self.was_cancelled:
            if self._discard is not None:
                self._discard(None)
            if not isinstance(error, Cancelled):
                log.warning("long work failed after it was cancelled", exc_info=error)
            return
        self.accept()
        self._on_error(error)

    def _progressed(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 — Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
