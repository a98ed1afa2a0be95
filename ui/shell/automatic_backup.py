"""The window's automatic backups: one at start for work left from an earlier day, one when the window closes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from fieldapp.services import automatic_backups


def back_up_if_due(window, at_start: bool) -> None:
    """On the database worker (writes queue behind it; the desk never waits on the GUI thread); a failure or a missing
    USB stick is said in the status bar, never as an error box: the record itself is untouched."""
    ctx = window.ctx

    def done(result: automatic_backups.AutomaticBackup) -> None:
        if result.second_folder_missing:
            window.statusBar().showMessage(
                QCoreApplication.translate(
                    "AutomaticBackup",
                    "Backup made in the data folder; the second backup folder %1 was not there (USB stick?).",
                ).replace("%1", result.second_folder_missing),
                15_000,
            )

    def failed(error: BaseException) -> None:
        text = QCoreApplication.translate("AutomaticBackup", "The automatic backup could not be made: %1")
        window.statusBar().showMessage(text.replace("%1", str(error)))

    ctx.tasks.run(lambda: automatic_backups.backup_if_due(ctx.db, at_start=at_start), done, failed)
