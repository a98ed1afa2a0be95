"""What every page is given: the database, the background runner, the change bus, and how to show an error."""

from __future__ import annotations

import datetime as dt
import logging
import traceback
from dataclasses import dataclass

from PySide6.QtWidgets import QMessageBox, QWidget

from fieldapp.db import Database
from fieldapp.errors import FieldappError
from fieldapp.paths import data_dir
from ui.changes import ChangeBus
from ui.tasks import TaskRunner

log = logging.getLogger("fieldapp.ui")


@dataclass
class AppContext:
    db: Database
    tasks: TaskRunner
    changes: ChangeBus
    data_dir: str | None = None

    def outcome(self, outcome) -> None:
        """Tell every page what a service changed."""
        self.changes.publish(outcome.changed)


def error_text(error: BaseException, data_dir_override: str | None = None) -> str:
    """A sentence for a person: the translated rule or data message, or where the details of a bug were written."""
    if isinstance(error, FieldappError):
        return error.message()
    from fieldapp.i18n import t

    try:
        log_path = data_dir(data_dir_override) / "logs" / "fieldapp.log"
        log_path.parent.mkdir(exist_ok=True)
        with open(log_path, "a", encoding="utf-8") as handle:
            handle.write(f"--- {dt.datetime.now(dt.UTC).isoformat()} (window)\n")
            handle.write("".join(traceback.format_exception(error)))
    except OSError:
        log_path = "?"
    return t("error.unexpected", log=str(log_path))


def show_error(parent: QWidget | None, error: BaseException, data_dir_override: str | None = None) -> QMessageBox:
    """A non-blocking message box: never a traceback in the window."""
    box = QMessageBox(QMessageBox.Icon.Warning, "fieldapp", error_text(error, data_dir_override), parent=parent)
    box.setObjectName("errorMessage")
    box.setAccessibleName(box.text())
    box.open()
    return box
