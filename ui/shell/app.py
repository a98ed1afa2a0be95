"""Starting the desktop app: one QApplication, fonts, language and layout direction, first run, the main window.

Three ways in.

- A folder with accounts (every folder set up since issue 13): the login screen, shown before SQLAlchemy is even
  imported (nothing of the encrypted database is read before the password); the services load on its worker while
  the password is typed, and the login (ui/accounts/login.py) opens the Database; then the main window.
- A folder without accounts: a start screen, then the set-up dialog, which creates the first coordinator (or, on an
  old plain record, only the coordinator, which encrypts it) and shows the recovery key once; `--demo` on a new
  folder makes the demo's coordinator and data and logs straight in. A refused or unreadable file: a message.
- The quick path (tests only since issue 13, see open_window): a plain record set up and at the current schema
  (fieldapp.quick_read checks it with plain sqlite3 in a millisecond): the desk's first data read in a thread while
  the window is built, SQLAlchemy and the services loaded on the database worker once the window is usable.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QDialog, QLabel

    from fieldapp.db import Database
    from fieldapp.quick_read import QuickStart
    from ui.accounts.login import LoginScreen
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
    services and every page's module, so that neither a search nor a click on another page waits for them, and read
    the fonts of the paper, so that the day's first receipt does not wait for them either."""
    from ui.shell.context import show_error
    from ui.shell.main_window import import_pages

    reads = window.ctx.reads

    def load() -> None:
        reads.open_database()
        from fieldapp.services import desk_stats, distributions, events, households, outbox, receipts, reconcile, setup

        del desk_stats, distributions, events, households, outbox, receipts, reconcile, setup
        import_pages()
        from fieldapp.printing import fonts

        fonts.register()  # 4 TrueType files parsed: ~60 ms here, ~150 ms on one slow core (docs/benchmarks.md)

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


def has_accounts(data_dir: str | None) -> bool:
    """The folder's data is encrypted with accounts (a file beside it says so; nothing is read, no SQLAlchemy)."""
    from fieldapp import paths
    from fieldapp.keystore import Keystore

    return Keystore.exists(paths.data_dir(data_dir))


def open_window(
    app: QApplication,
    data_dir: str | None = None,
    language: str | None = None,
    demo: bool = False,
    quick: QuickStart | None = None,
) -> MainWindow | LoginScreen | int:
    """The first window, shown: the login screen of a folder with accounts (the main window opens once someone logged
    in: `LoginScreen.window_opened`), else the main window after the set-up dialog or the demo; or the exit code when
    it cannot open.

    `quick` (what quick_start() answered) opens a plain record on the plain-sqlite3 quick path, without a login: its
    tests use it. The app never passes it: a folder without accounts first gets its coordinator (which encrypts the
    record), and after a login the Database is already open (SQLAlchemy loaded while the password was typed).
    """
    if has_accounts(data_dir):
        return open_login(app, data_dir, language)
    from ui.shell import translations

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


def open_login(app: QApplication, data_dir: str | None, language: str | None) -> LoginScreen:
    """The login screen (in the language of the last login), and the main window once the password opened the data."""
    from ui.accounts.login import LoginScreen
    from ui.accounts.prefs import LoginPrefs
    from ui.shell import translations

    prefs = LoginPrefs.load(data_dir)
    translations.install(app, language or prefs.language or "fr")
    screen = LoginScreen(data_dir, prefs)
    _report_timing("built")

    def logged_in(db: Database) -> None:
        from fieldapp import i18n

        chosen = language or (i18n.current_language() if screen.form.language_chosen else None)
        window = open_logged_in(app, db, data_dir, chosen, parent_screen=screen)
        if window is not None:
            screen.window_opened = window
            screen.close()

    screen.form.logged_in.connect(logged_in)
    screen.show()
    screen.activateWindow()
    screen.form.start()
    _report_timing("shown")
    return screen


def open_logged_in(
    app: QApplication, db: Database, data_dir: str | None, language: str | None = None, parent_screen=None
) -> MainWindow | None:
    """The main window on a logged-in database, after the set-up dialog if the folder is not set up yet (None when
    that dialog was closed)."""
    from PySide6.QtWidgets import QDialog

    from fieldapp.services import setup
    from ui.settings.setup_dialog import SetupDialog
    from ui.shell import translations

    identity = setup.current_identity(db)
    if identity is None:
        if SetupDialog(db, parent_screen).exec() != QDialog.DialogCode.Accepted:
            return None
        identity = setup.current_identity(db)
    translations.install(app, language or identity.language)
    window = build_window(db, data_dir)
    window.show()
    window.activateWindow()
    _load_when_usable(window)
    return window


def _first_coordinator_for_demo(data_dir: str | None) -> Database:
    """`fieldapp app --demo` on a new folder: the demo's coordinator is whoever the environment names (as `fieldapp
    demo` does), else the demo account, whose credentials the login screen then shows."""
    from fieldapp.services import accounts

    user, password = os.environ.get("FIELDAPP_USER"), os.environ.get("FIELDAPP_PASSWORD")
    if not (user and password):
        user, password = accounts.DEMO_USER, accounts.DEMO_PASSWORD
    db = accounts.create_first_coordinator(data_dir, user, password).db
    _remember_demo(data_dir, db.account.name)
    return db


def _remember_demo(data_dir: str | None, user: str) -> None:
    from fieldapp.services import accounts
    from ui.accounts.prefs import LoginPrefs

    prefs = LoginPrefs.load(data_dir)
    prefs.last_user = user
    prefs.demo_user = user if user == accounts.DEMO_USER else ""
    prefs.save(data_dir)


def _open_window_normally(app: QApplication, data_dir: str | None, language: str | None, demo: bool):
    """A folder without accounts: new (the set-up dialog creates the first coordinator, or the demo), or an old plain
    record (its first coordinator is created, which encrypts it). The recovery key is shown once, then the window."""
    screen = _start_screen()
    app.processEvents()
    _report_timing("shown")

    from PySide6.QtWidgets import QDialog, QMessageBox

    from fieldapp.db import Database
    from fieldapp.errors import FieldappError
    from fieldapp.services import setup
    from ui.accounts.recovery_dialog import RecoveryKeyDialog
    from ui.settings.setup_dialog import SetupDialog, start_demo
    from ui.shell import translations

    try:  # an old plain record, brought to the current schema (its copy kept first), read for its settings
        plain = Database.open(data_dir)
        identity = setup.current_identity(plain)
        plain.dispose()
    except FieldappError as error:
        screen.close()
        translations.install(app, language or "fr")
        QMessageBox.critical(None, "fieldapp", error.message())
        return error.exit_code
    translations.install(app, language or (identity.language if identity else "fr"))
    if demo and (identity is None or identity.association_name == setup.DEMO_ASSOCIATION):
        db = _first_coordinator_for_demo(data_dir)
        start_demo(db)
    else:
        screen.close()
        dialog = SetupDialog(None, data_dir=data_dir, convert=identity is not None)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            if dialog.db is not None:
                dialog.db.dispose()
            return 0
        db = dialog.db
        if dialog.used_demo:
            _remember_demo(data_dir, db.account.name)
        if dialog.recovery_key:
            association = setup.current_identity(db).association_name
            RecoveryKeyDialog(dialog.recovery_key, association).exec()
    window = open_logged_in(app, db, data_dir, language)
    screen.close()
    return window


#: windows opened after the first one (the set-up after leaving the demo, then its main window): kept alive here
_LATER_WINDOWS: list = []


def set_up_after_demo(data_dir: str) -> QDialog:
    """After the demo's record was set aside (ui/settings/leave_demo.py): the set-up dialog of a new laptop (its first
    coordinator, or the demo again), the recovery key shown once, then the main window, as on a fresh laptop."""
    from PySide6.QtWidgets import QApplication

    from fieldapp.services import setup
    from ui.accounts.recovery_dialog import RecoveryKeyDialog
    from ui.settings.setup_dialog import SetupDialog

    dialog = SetupDialog(None, data_dir=data_dir)
    _LATER_WINDOWS[:] = [dialog]

    def accepted() -> None:
        db = dialog.db
        if dialog.used_demo:
            _remember_demo(data_dir, db.account.name)
        if dialog.recovery_key:
            RecoveryKeyDialog(dialog.recovery_key, setup.current_identity(db).association_name).exec()
        window = open_logged_in(QApplication.instance(), db, data_dir)
        _LATER_WINDOWS[:] = [window] if window is not None else []

    dialog.accepted.connect(accepted)
    dialog.open()
    return dialog


def run_app(data_dir: str | None = None, language: str | None = None, demo: bool = False) -> int:
    _report_timing("run-app")
    secured = has_accounts(data_dir)  # a file's presence: the login screen comes first
    _report_timing("checked")

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.shell import translations
    from ui.shell.branding import apply_branding

    app = QApplication.instance() or QApplication(sys.argv)
    apply_branding(app)  # name, version (in window titles) and the window icon
    translations.load_fonts(app)
    _report_timing("qt")
    first = open_login(app, data_dir, language) if secured else open_window(app, data_dir, language, demo)
    if isinstance(first, int):
        return first
    exit_after = os.environ.get("FIELDAPP_EXIT_AFTER_MS")

    def usable() -> None:
        """The login screen is painted, or the main window's first page has its data: usable (the event loop was
        never blocked for it)."""
        if os.environ.get("FIELDAPP_TIMING"):
            app.processEvents()  # what arrived is painted before the moment is taken
        _report_timing("usable")
        # Smoke tests and the launch benchmark start the real app and let it close itself.
        if exit_after and exit_after.isdigit():
            QTimer.singleShot(int(exit_after), first.close)
            QTimer.singleShot(int(exit_after), app.quit)

    if hasattr(first, "ctx"):
        first.ctx.tasks.when_idle(usable)
    else:
        QTimer.singleShot(0, usable)
    try:
        return app.exec()
    finally:
        if not hasattr(first, "ctx"):
            first.form.tasks.close(10_000)  # a login or the services' loading finishes before Python stops
        opened = first if hasattr(first, "ctx") else first.window_opened
        later = [w for w in _LATER_WINDOWS if hasattr(w, "ctx")]  # the window opened after leaving the demo
        for window in ([opened] if opened is not None else []) + later:
            window.ctx.tasks.close(10_000)
            window.ctx.reads.dispose()
