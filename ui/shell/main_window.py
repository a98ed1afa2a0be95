"""The main window: a shell with a page list on the side, the pages, and a status bar; no business logic here."""

from __future__ import annotations

import importlib

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QMainWindow, QPushButton, QStackedWidget, QWidget

from fieldapp.permissions import Action
from ui.shared.labels import fill
from ui.shell.context import AppContext
from ui.shell.page import Page

# Each page's module and class, imported when the page is first shown: start-up imports only the desk's (the other
# pages import the services, hence SQLAlchemy; ui/shell/app.py loads those on the database worker after start-up).
PAGES: tuple[tuple[str, str], ...] = (
    ("desk", "ui.desk.page:DeskPage"),
    ("households", "ui.households.page:HouseholdsPage"),
    ("sheets", "ui.sheets.page:SheetsPage"),
    ("volunteers", "ui.volunteers.page:VolunteersPage"),
    ("events", "ui.events.page:EventsPage"),
    ("sync", "ui.sync.page:SyncPage"),
    ("reports", "ui.reports.page:ReportsPage"),
    ("settings", "ui.settings.page:SettingsPage"),
    ("users", "ui.accounts.users_page:UsersPage"),
)
#: pages shown only to a role that may do this (a volunteer sees none of them; reports are an export of totals)
PAGE_NEEDS = {"settings": Action.SETTINGS, "users": Action.MANAGE_USERS, "reports": Action.EXPORT}
#: the status bar's sync indicator and background sync (ui/sync/indicator.py) start this long after the window is
#: usable: sync, requests and the indicator never load before the first screen
SYNC_AFTER_MS = 1_000


def page_class(name: str) -> type[Page]:
    module, _, cls = dict(PAGES)[name].partition(":")
    return getattr(importlib.import_module(module), cls)


def import_pages() -> None:
    """Import every page's module (the database worker does it once the window is usable, so a click is instant)."""
    for name, _ in PAGES:
        page_class(name)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("mainWindow")
        central = QWidget(self)
        layout = QHBoxLayout(central)
        self.navigation = QListWidget(central)
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(190)
        self.stack = QStackedWidget(central)
        # Pages are built the first time they are shown: start-up builds only the first one.
        self.pages: dict[str, Page] = {}
        self._names = [name for name, _ in PAGES]
        self._shortcuts: list[QShortcut] = []
        for number, name in enumerate(self._names, start=1):
            self.stack.addWidget(QWidget(self.stack))
            self.navigation.addItem(name)  # the translated title is set by retranslate_ui
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda name=name: self.show_page(name))
            self._shortcuts.append(shortcut)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        # The pages, and over them (when the window locks itself) the lock screen: ui/accounts/lock.py.
        self.screens = QStackedWidget(self)
        self.screens.addWidget(central)
        self.setCentralWidget(self.screens)
        self.navigation.currentRowChanged.connect(self._on_navigate)
        self.identity_label = QLabel(self)
        self.identity_label.setObjectName("identityStatus")
        self.pending_label = QLabel(self)
        self.pending_label.setObjectName("pendingStatus")
        # On the demo's data: the way to a real set-up, in sight (the settings page does it, after a warning).
        self.leave_demo_button = QPushButton(self)
        self.leave_demo_button.setObjectName("leaveDemoHint")
        self.leave_demo_button.setFlat(True)
        self.leave_demo_button.hide()
        self.leave_demo_button.clicked.connect(self._leave_demo)
        self.statusBar().addWidget(self.identity_label, 1)
        self.statusBar().addPermanentWidget(self.leave_demo_button)
        self.statusBar().addPermanentWidget(self.pending_label)
        self.idle_lock = None
        if ctx.account is not None:  # logged in: who it is, change my password, lock now; the idle lock
            from ui.accounts.session import attach_session

            attach_session(self)
        ctx.changes.changed.connect(self._on_changes)
        ctx.changes.account_switched.connect(self.apply_role)
        ctx.changes.account_switched.connect(lambda *_: self._show_identity())  # the demo hint is for coordinators
        self.retranslate_ui()
        self.apply_role()
        self.show_page("desk")
        self.resize(1200, 760)
        ctx.tasks.when_idle(lambda: QTimer.singleShot(SYNC_AFTER_MS, self, self._attach_sync))

    def _attach_sync(self) -> None:
        from ui.shell.automatic_backup import back_up_if_due
        from ui.sync.indicator import attach

        self.sync_indicator = attach(self)
        if self.ctx.account is not None:
            back_up_if_due(self, at_start=True)  # work left from a day that ended without its backup
        # The indicator now says how many changes wait ("N waiting"): the first screen's label would repeat it.
        self.pending_label.hide()

    def page(self, name: str) -> Page:
        """The page, built now if it was not yet (its placeholder in the stack is replaced)."""
        if name not in self.pages:
            index = self._names.index(name)
            page = page_class(name)(self.ctx, self.stack)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.pages[name] = page
        return self.pages[name]

    def show_page(self, name: str) -> None:
        if self.may_see(name) and not self.locked:
            self.navigation.setCurrentRow(self._names.index(name))

    def may_see(self, name: str) -> bool:
        return name not in PAGE_NEEDS or self.ctx.may(PAGE_NEEDS[name])

    @property
    def locked(self) -> bool:
        return self.idle_lock is not None and self.idle_lock.locked

    def set_locked(self, locked: bool) -> None:
        """While the lock screen covers the window: no page shortcut, the status bar only shows (sync goes on)."""
        for shortcut in self._shortcuts:
            shortcut.setEnabled(not locked)
        self.statusBar().setEnabled(not locked)

    def apply_role(self) -> None:
        """The pages the logged-in user's role may see (another user may have unlocked the window)."""
        for row, name in enumerate(self._names):
            self.navigation.item(row).setHidden(not self.may_see(name))
        current = self._names[self.navigation.currentRow()] if self.navigation.currentRow() >= 0 else "desk"
        if not self.may_see(current):
            self.show_page("desk")

    def _on_navigate(self, row: int) -> None:
        if row >= 0:
            page = self.page(self._names[row])
            self.stack.setCurrentIndex(row)
            page.refresh()

    def titles(self) -> list[str]:
        """Page names for the side list, translated (known before the pages are built)."""
        return [
            self.tr("Distribution desk"),
            self.tr("Households"),
            self.tr("Sheets"),
            self.tr("Volunteers"),
            self.tr("Events"),
            self.tr("Sync"),
            self.tr("Reports"),
            self.tr("Settings"),
            self.tr("Users"),
        ]

    def _on_changes(self, kinds: frozenset[str]) -> None:
        if "settings" in kinds:
            self._show_identity()
        self._show_pending()

    def _show_identity(self) -> None:
        self.ctx.read(self.ctx.reads.identity, on_done=self._identity_loaded)

    def _identity_loaded(self, identity) -> None:
        if identity is not None:
            # Qt adds the app's display name and version ("— fieldapp 0.1.0", ui/shell/branding.py) after it.
            self.setWindowTitle(identity.association_name)
            self.identity_label.setText(
                fill(self.tr("%1 · device %2"), identity.association_name, identity.device_code)
            )
            from fieldapp.services.setup import DEMO_DEVICE  # loaded already: the identity was read through it

            self.leave_demo_button.setVisible(identity.device_code == DEMO_DEVICE and self.may_see("settings"))

    def _leave_demo(self) -> None:
        self.show_page("settings")
        self.page("settings").ask_to_leave_demo()

    def _show_pending(self) -> None:
        self.ctx.read(self.ctx.reads.pending_count, on_done=self._pending_loaded)

    def _pending_loaded(self, count: int) -> None:
        self.pending_label.setText(self.tr("%n change(s) not yet sent to HQ", "", count))

    def retranslate_ui(self) -> None:
        for row, title in enumerate(self.titles()):
            self.navigation.item(row).setText(title)
        self.navigation.setAccessibleName(self.tr("Pages"))
        self.leave_demo_button.setText(self.tr("Demo data: leave the demo…"))
        self.leave_demo_button.setAccessibleName(self.tr("Leave the demo and set the association up"))
        self._show_identity()
        self._show_pending()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 — Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.ctx.account is not None:  # the end of the day: a backup when the record changed
            from ui.shell.automatic_backup import back_up_if_due

            back_up_if_due(self, at_start=False)
        self.ctx.tasks.close(60_000)  # a distribution being written, then the backup, finish; answers are dropped
        super().closeEvent(event)
