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
        # Pages are built the first time they are shown: start-up builds only the first one.
        self.pages: dict[str, Page] = {}
        self._page_classes = dict(PAGES)
        for number, (name, page_class) in enumerate(PAGES, start=1):
            self.stack.addWidget(QWidget(self.stack))
            self.navigation.addItem(page_class.__name__)
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
        """The page, built now if it was not yet (its placeholder in the stack is replaced)."""
        if name not in self.pages:
            index = list(self._page_classes).index(name)
            page = self._page_classes[name](self.ctx, self.stack)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.pages[name] = page
        return self.pages[name]

    def show_page(self, name: str) -> None:
        self.navigation.setCurrentRow(list(self._page_classes).index(name))

    def _on_navigate(self, row: int) -> None:
        if row >= 0:
            page = self.page(list(self._page_classes)[row])
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
            self.tr("Settings"),
        ]

    def _on_changes(self, kinds: frozenset[str]) -> None:
        if "settings" in kinds:
            self._show_identity()
        self._show_pending()

    def _show_identity(self) -> None:
        self.ctx.tasks.run(lambda: setup.current_identity(self.ctx.db), on_done=self._identity_loaded)

    def _identity_loaded(self, identity) -> None:
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
        for row, title in enumerate(self.titles()):
            self.navigation.item(row).setText(title)
        self.navigation.setAccessibleName(self.tr("Pages"))
        self._show_identity()
        self._show_pending()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 — Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802
        self.ctx.tasks.close(10_000)  # a distribution being written finishes; answers for this window are dropped
        super().closeEvent(event)
