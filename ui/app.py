"""Starting the desktop app: one QApplication, fonts, language and layout direction, first run, the main window.

The heavy part (SQLAlchemy, the services, opening the database) is imported after a start screen is on the screen,
so an old laptop shows something at once instead of nothing for a second or more.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel

from ui import translations


def ensure_ready(db, demo_households: int = 200):
    """Used by `make app` and the tests: a new database becomes the demo association with realistic data."""
    from fieldapp.services import setup
    from ui.setup_dialog import start_demo

    start_demo(db, households=demo_households)
    return setup.current_identity(db)


def build_window(db, data_dir: str | None = None):
    from ui.changes import ChangeBus
    from ui.context import AppContext
    from ui.main_window import MainWindow
    from ui.tasks import TaskRunner

    return MainWindow(AppContext(db=db, tasks=TaskRunner(), changes=ChangeBus(), data_dir=data_dir))


def _start_screen() -> QLabel:
    screen = QLabel("fieldapp\n\nOuverture… · جار الفتح…")
    screen.setObjectName("startScreen")
    screen.setAlignment(Qt.AlignmentFlag.AlignCenter)
    screen.setWindowFlag(Qt.WindowType.SplashScreen)
    screen.resize(420, 200)
    screen.show()
    return screen


def _report_timing(label: str) -> None:
    """For bench/desktop.py: the wall-clock moment each start-up step was reached (epoch seconds)."""
    if os.environ.get("FIELDAPP_TIMING"):
        print(f"{label} {time.time():.4f}", file=sys.stderr, flush=True)


def run_app(data_dir: str | None = None, language: str | None = None, demo: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("fieldapp")
    translations.load_fonts(app)
    screen = _start_screen()
    app.processEvents()
    _report_timing("start-screen")

    from PySide6.QtWidgets import QDialog, QMessageBox

    from fieldapp.db import Database
    from fieldapp.errors import FieldappError
    from fieldapp.services import setup
    from ui.setup_dialog import SetupDialog, start_demo

    try:
        db = Database.open(data_dir)
    except FieldappError as error:
        screen.close()
        translations.install(app, language or "fr")
        QMessageBox.critical(None, "fieldapp", error.message())
        return error.exit_code
    identity = setup.current_identity(db)
    translations.install(app, language or (identity.language if identity else "fr"))
    if identity is None:
        if demo:
            start_demo(db)
        else:
            screen.close()
            if SetupDialog(db).exec() != QDialog.DialogCode.Accepted:
                return 0
        identity = setup.current_identity(db)
        translations.install(app, language or identity.language)
    window = build_window(db, data_dir)
    window.show()
    screen.close()
    exit_after = os.environ.get("FIELDAPP_EXIT_AFTER_MS")

    def usable() -> None:
        """The first page's data has arrived: the window is usable (the event loop was never blocked for it)."""
        _report_timing("usable")
        # Smoke tests and the launch benchmark start the real app and let it close itself.
        if exit_after and exit_after.isdigit():
            QTimer.singleShot(int(exit_after), window.close)
            QTimer.singleShot(int(exit_after), app.quit)

    window.ctx.tasks.when_idle(usable)
    try:
        return app.exec()
    finally:
        window.ctx.tasks.close(10_000)
        db.dispose()
