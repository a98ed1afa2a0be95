"""Starting the desktop app: one QApplication, language and layout direction, first-run demo data, the main window."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp import i18n
from fieldapp.db import Database
from fieldapp.services import households, setup
from ui.household_model import HouseholdTableModel


def ensure_ready(db: Database, demo_households: int = 200) -> setup.Identity:
    """A first run on an empty database sets up a demo association with realistic data to try the app."""
    if setup.initialise_demo_if_new(db):
        from fieldapp.services.demo import generate_demo

        generate_demo(db, households=demo_households)
    return setup.current_identity(db)


class MainWindow(QMainWindow):
    """A first, minimal shell: search households as you type. The full desk arrives with the desktop issue."""

    def __init__(self, db: Database, identity: setup.Identity) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"fieldapp — {identity.association_name}")
        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.summary = QLabel(self)
        self.summary.setObjectName("householdCount")
        self.search = QLineEdit(self)
        self.search.setObjectName("householdSearch")
        self.search.setAccessibleName(i18n.t("ui.search_placeholder"))
        self.search.setPlaceholderText(i18n.t("ui.search_placeholder"))
        self.model = HouseholdTableModel(db, self)
        self.table = QTableView(self)
        self.table.setObjectName("householdTable")
        self.table.setAccessibleName(i18n.t("ui.households"))
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        for widget in (self.summary, self.search, self.table):
            layout.addWidget(widget)
        self.setCentralWidget(central)
        self.search.textChanged.connect(self.model.set_query)
        self.summary.setText(i18n.t("ui.households_count", count=households.count_households(db)))
        self.model.set_query("")
        self.resize(1000, 640)


def run_app(data_dir: str | None = None, language: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    db = Database.open(data_dir)
    identity = ensure_ready(db)
    i18n.set_language(language or identity.language)
    app.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if i18n.is_right_to_left() else Qt.LayoutDirection.LeftToRight
    )
    window = MainWindow(db, identity)
    window.show()
    # Smoke tests and the launch benchmark start the real app and let it close itself.
    exit_after = os.environ.get("FIELDAPP_EXIT_AFTER_MS")
    if exit_after and exit_after.isdigit():
        QTimer.singleShot(int(exit_after), app.quit)
    try:
        return app.exec()
    finally:
        db.dispose()
