"""The main window: a shell with a page list on the side, the pages, and a status bar; no business logic here."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QMainWindow, QStackedWidget, QWidget

from fieldapp.services import outbox, setup
from ui.context import AppContext
from ui.pages.base import Page
from ui.pages.desk import DeskPage
from ui.pages.events import EventsPage
from ui.pages.households import HouseholdsPage
from ui.pages.settings import SettingsPage
from ui.pages.sheets import SheetsPage
from ui.pages.sync import SyncPage
from ui.pages.volunteers import VolunteersPage

PAGES: tuple[tuple[str, type[Page]], ...] = (
    ("desk", DeskPage),
    ("households", HouseholdsPage),
    ("sheets", SheetsPage),
    ("volunteers", VolunteersPage),
    ("events", EventsPage),
    ("sync", SyncPage),
    ("settings", SettingsPage),
)


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
        self.pages: dict[str, Page] = {}
        for number, (name, page_class) in enumerate(PAGES, start=1):
            page = page_class(ctx, self.stack)
            self.pages[name] = page
            self.stack.addWidget(page)
            self.navigation.addItem(page.title())
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda name=name: self.show_page(name))
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.navigation.currentRowChanged.connect(self._on_navigate)
        self.identity_label = QLabel(self)
        self.identity_label.setObjectName("identityStatus")
        self.pending_label = QLabel(self)
        self.pending_label.setObjectName("pendingStatus")
        self.statusBar().addWidget(self.identity_label, 1)
        self.statusBar().addPermanentWidget(self.pending_label)
        ctx.changes.changed.connect(self._on_changes)
        self.retranslate_ui()
        self.show_page("desk")
        self.resize(1200, 760)

    def page(self, name: str) -> Page:
        return self.pages[name]

    def show_page(self, name: str) -> None:
        self.navigation.setCurrentRow(list(self.pages).index(name))

    def _on_navigate(self, row: int) -> None:
        if row >= 0:
            self.stack.setCurrentIndex(row)
            self.stack.currentWidget().refresh()

    def _on_changes(self, kinds: frozenset[str]) -> None:
        if "settings" in kinds:
            self._show_identity()
        self._show_pending()

    def _show_identity(self) -> None:
        identity = setup.current_identity(self.ctx.db)
        if identity is not None:
            self.setWindowTitle(f"fieldapp — {identity.association_name}")
            self.identity_label.setText(
                self.tr("%1 · device %2").replace("%1", identity.association_name).replace("%2", identity.device_code)
            )

    def _show_pending(self) -> None:
        self.ctx.tasks.run(
            lambda: outbox.pending_count(self.ctx.db),
            on_done=lambda count: self.pending_label.setText(self.tr("%n change(s) not yet sent to HQ", "", count)),
        )

    def retranslate_ui(self) -> None:
        for row, page in enumerate(self.pages.values()):
            self.navigation.item(row).setText(page.title())
        self.navigation.setAccessibleName(self.tr("Pages"))
        self._show_identity()
        self._show_pending()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 — Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802
        self.ctx.tasks.wait(10_000)  # let a distribution being written finish before the window goes
        super().closeEvent(event)
