"""What every page is given: the database, the background runner, the change bus, and how to show an error."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fieldapp.errors import FieldappError
from fieldapp.paths import data_dir
from ui.shell.change_bus import ChangeBus
from ui.shell.tasks import TaskRunner

if TYPE_CHECKING:  # not imported at start-up: the window shows before SQLAlchemy loads (see ui/shell/app.py)
    from PySide6.QtWidgets import QMessageBox, QWidget

    from fieldapp.db import Database
    from fieldapp.quick_read import DeferredDatabase, QuickStart

log = logging.getLogger("fieldapp.ui")


@dataclass
class AppContext:
    db: Database | DeferredDatabase
    tasks: TaskRunner
    changes: ChangeBus
    data_dir: str | None = None
    #: set when the window opened on the quick path: the first screen's reads go through plain sqlite3 until the
    #: ORM has loaded (fieldapp.quick_read); None on the normal path
    quick: QuickStart | None = None

    def quick_reads(self) -> QuickStart | None:
        """The quick reader while the database is not opened yet, else None (call it on the database worker)."""
        if self.quick is None or getattr(self.db, "loaded", True):
            return None
        return self.quick


def error_text(error: BaseException, data_dir_override: str | None = None) -> str:
    """A sentence for a person: the translated rule or data message, or where the details of a bug were written."""
    if isinstance(error, FieldappError):
        return error.message()
    import traceback

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
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, "fieldapp", error_text(error, data_dir_override), parent=parent)
    box.setObjectName("errorMessage")
    box.setAccessibleName(box.text())
    box.open()
    return box
