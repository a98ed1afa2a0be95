"""Starting the desktop app: one QApplication, fonts, language and layout direction, first run, the main window.

Two ways in.

- The quick path, for a database that is set up and at the current schema (fieldapp.quick_read checks it with plain
  sqlite3 in a millisecond, before Qt is even imported): the desk's first data is read in a thread while Qt loads and
  the window is built, the window shows at once with the desk, and its first reads answer from plain sqlite3 on the
  database worker (ui/shell/reads.py: the pages ask it, whichever path answers). SQLAlchemy, the Database, the
  services and the other pages load on that worker once the window is usable; work asked for meanwhile (a search)
  waits there, never on the UI thread.
- The normal path, for everything else (first run, demo, a schema to upgrade, a refused or unreadable file): a start
  screen first, then the database opened (and upgraded) with SQLAlchemy, the set-up dialog if needed, the window.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QLabel

    from fieldapp.db import Database
    from fieldapp.quick_read import QuickStart
    from ui.shell.main_window import MainWindow

# PySide6 is imported inside the functions: run_app starts reading the first screen before Qt loads.


def ensure_ready(db, demo_households: int = 200):
    """Used by `make app` and the tests: a new database becomes the demo association with realistic data."""
    from fieldapp.services import setup
    from ui.settings.setup_dialog import start_demo

    start_demo(db, households=demo_households)
    return setup.current_identity(db)


def build_window(db: Database | None, data_dir: str | None = None, quick: QuickStart | None = None) -> MainWindow:
    """The main window on `db`; or (quick path, `db` None) on the database of `data_dir`, opened on first use, its
    first screen read by the QuickStart that checked it until then."""
    from ui.shell.change_bus import ChangeBus
    from ui.shell.context import AppContext
    from ui.shell.main_window import MainWindow
    from ui.shell.reads import Reads
    from ui.shell.tasks import TaskRunner

    reads = Reads(db, quick, data_dir)
    return MainWindow(AppContext(db=db, tasks=TaskRunner(), changes=ChangeBus(), data_dir=data_dir, reads=reads))


def quick_start(data_dir: str | None = None) -> QuickStart | None:
    """The quick path's check, and the first screen's reads started in a thread; None means the normal path."""
    from fieldapp import quick_read

    quick = quick_read.check(data_dir)
    if quick is not None:
        quick.prefetch()
    return quick


def load_in_background(window: MainWindow) -> None:
    """On the database worker, once the window is usable: open the Database if it is not yet (SQLAlchemy), import the
    services and every page's module, so that neither a search nor a click on another page waits for them."""
    from ui.shell.context import show_error
    from ui.shell.main_window import import_pages

    reads = window.ctx.reads

    def load() -> None:
        reads.open_database()
        from fieldapp.services import desk_stats, distributions, events, households, outbox, receipts, reconcile, setup

        del desk_stats, distributions, events, households, outbox, receipts, reconcile, setup
        import_pages()

    window.ctx.tasks.run(load, on_error=lambda error: show_error(window, error, window.ctx.data_dir))


#: After the first page's data arrived, the window paints it before the background load starts: that import holds the
#: GIL, which the paint needs for the window's Python event handlers.
LOAD_AFTER_MS = 50


def _load_when_usable(window: MainWindow) -> None:
    from PySide6.QtCore import QTimer

    window.ctx.tasks.when_idle(lambda: QTimer.singleShot(LOAD_AFTER_MS, window, lambda: load_in_background(window)))


def _start_screen() -> QLabel:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    screen = QLabel("fieldapp\n\nOuverture… · جار الفتح…")
    screen.setObjectName("startScreen")
    screen.setAlignment(Qt.AlignmentFlag.AlignCenter)
    screen.setWindowFlag(Qt.WindowType.SplashScreen)
    screen.resize(420, 200)
    screen.show()
    return screen


def _report_timing(label: str) -> None:
    """For bench/desktop.py: the wall-clock moment each start-up step was reached (epoch seconds).

    run-app (Python started, the command line read), checked (quick_read's check, reads started), qt (PySide6, the
    QApplication, fonts), built (quick path: window and desk built), shown (the first window shown: the main window on
    the quick path, the start screen on the normal one), usable (the first page's data shown and painted).
    """
    if os.environ.get("FIELDAPP_TIMING"):
        print(f"{label} {time.time():.4f}", file=sys.stderr, flush=True)


_CHECK = object()


def open_window(
    app: QApplication,
    data_dir: str | None = None,
    language: str | None = None,
    demo: bool = False,
    quick: QuickStart | None | object = _CHECK,
) -> MainWindow | int:
    """The main window, shown, its first page loading on the worker; or the exit code when it cannot open.

    `quick` is what quick_start() answered (checked here when not given).
    """
    from ui.shell import translations

    if quick is _CHECK:
        quick = quick_start(data_dir)
    if quick is None:
        return _open_window_normally(app, data_dir, language, demo)
    translations.install(app, language or quick.language)
    window = build_window(None, data_dir, quick)
    _report_timing("built")
    window.show()
    window.activateWindow()
    _report_timing("shown")
    _load_when_usable(window)
    return window


def _open_window_normally(app: QApplication, data_dir: str | None, language: str | None, demo: bool):
    screen = _start_screen()
    app.processEvents()
    _report_timing("shown")

    from PySide6.QtWidgets import QDialog, QMessageBox

    from fieldapp.db import Database
    from fieldapp.errors import FieldappError
    from fieldapp.services import setup
    from ui.settings.setup_dialog import SetupDialog, start_demo
    from ui.shell import translations

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
                db.dispose()
                return 0
        identity = setup.current_identity(db)
        translations.install(app, language or identity.language)
    window = build_window(db, data_dir)
    window.show()
    window.activateWindow()
    screen.close()
    _load_when_usable(window)
    return window


def run_app(data_dir: str | None = None, language: str | None = None, demo: bool = False) -> int:
    _report_timing("run-app")
    quick = quick_start(data_dir)  # before Qt loads: the first screen's reads overlap it
    _report_timing("checked")

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.shell import translations
    from ui.shell.branding import apply_branding

    app = QApplication.instance() or QApplication(sys.argv)
    apply_branding(app)  # name, version (in window titles) and the window icon
    translations.load_fonts(app)
    _report_timing("qt")
    window = open_window(app, data_dir, language, demo, quick)
    if isinstance(window, int):
        return window
    exit_after = os.environ.get("FIELDAPP_EXIT_AFTER_MS")

    def usable() -> None:
        """The first page's data has arrived: the window is usable (the event loop was never blocked for it)."""
        if os.environ.get("FIELDAPP_TIMING"):
            app.processEvents()  # what arrived is painted before the moment is taken
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
        window.ctx.reads.dispose()
