"""Starting the desktop app: one QApplication, fonts, language and layout direction, first run, the main window."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from fieldapp.db import Database
from fieldapp.errors import FieldappError
from fieldapp.services import setup
from ui import translations
from ui.changes import ChangeBus
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.setup_dialog import SetupDialog, start_demo
from ui.tasks import TaskRunner


def ensure_ready(db: Database, demo_households: int = 200) -> setup.Identity:
    """Used by `make app` and the tests: a new database becomes the demo association with realistic data."""
    start_demo(db, households=demo_households)
    return setup.current_identity(db)


def build_window(db: Database, data_dir: str | None = None) -> MainWindow:
    ctx = AppContext(db=db, tasks=TaskRunner(), changes=ChangeBus(), data_dir=data_dir)
    return MainWindow(ctx)


def run_app(data_dir: str | None = None, language: str | None = None, demo: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("fieldapp")
    translations.load_fonts(app)
    try:
        db = Database.open(data_dir)
    except FieldappError as error:
        translations.install(app, language or "fr")
        QMessageBox.critical(None, "fieldapp", error.message())
        return error.exit_code
    identity = setup.current_identity(db)
    translations.install(app, language or (identity.language if identity else "fr"))
    if identity is None:
        if demo:
            start_demo(db)
        elif SetupDialog(db).exec() != QDialog.DialogCode.Accepted:
            return 0
        identity = setup.current_identity(db)
        translations.install(app, language or identity.language)
    window = build_window(db, data_dir)
    window.show()
    # Smoke tests and the launch benchmark start the real app and let it close itself.
    exit_after = os.environ.get("FIELDAPP_EXIT_AFTER_MS")
    if exit_after and exit_after.isdigit():
        QTimer.singleShot(int(exit_after), window.close)
        QTimer.singleShot(int(exit_after), app.quit)
    try:
        return app.exec()
    finally:
        window.ctx.tasks.wait(10_000)
        db.dispose()
