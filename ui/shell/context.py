"""What every page is given: the database, the first screen's reads, the background runner, the change bus, and how
to show an error."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from fieldapp.errors import FieldappError
from fieldapp.paths import data_dir
from ui.shell.change_bus import ChangeBus
from ui.shell.reads import Reads
from ui.shell.tasks import TaskRunner

if TYPE_CHECKING:  # not imported at start-up: the window shows before SQLAlchemy loads (see ui/shell/app.py)
    from PySide6.QtWidgets import QMessageBox, QWidget

    from fieldapp.db import Database
    from fieldapp.permissions import Account, Action

log = logging.getLogger("fieldapp.ui")


class AppContext:
    """Given to every page: `db` for the services, `reads` for the first screen's reads, the runner, the change bus."""

    def __init__(
        self,
        db: Database | None,
        tasks: TaskRunner,
        changes: ChangeBus,
        data_dir: str | None = None,
        reads: Reads | None = None,
    ) -> None:
        self.reads = reads or Reads(db)
        self.tasks = tasks
        self.changes = changes
        self.data_dir = data_dir

    @property
    def db(self) -> Database:
        """The Database (on the quick path it opens on first use: use it in work run on the database worker)."""
        return self.reads.database

    def read(self, read: Callable, *args, on_done: Callable, on_error: Callable | None = None) -> None:
        """Ask for one of `reads`' reads (e.g. `ctx.read(ctx.reads.desk_stats, event_id, on_done=…)`): answered at
        once when it was read ahead, else on the database worker, whichever path serves it."""
        ready = read(*args, ready_only=True)
        if ready is not None:
            on_done(ready)
            return
        self.tasks.run(lambda: read(*args), on_done=on_done, on_error=on_error)

    @property
    def account(self) -> Account | None:
        """Who is logged in (None for a database opened without a login: tests, tools)."""
        return getattr(self.reads.database, "account", None) if self.reads.loaded else None

    def may(self, action: Action) -> bool:
        """Whether the window offers `action` to who is logged in (the services refuse it anyway)."""
        account = self.account
        return account is None or account.may(action)

    def switch_account(self, account: Account) -> None:
        """Another user unlocked the window: the services now act for them, every page shows what their role may."""
        self.db.account = account
        self.changes.account_switched.emit()


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
