"""Households: search as you type over every household, filters, and the household form."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout

from fieldapp.services import households
from ui.household_model import HouseholdTableModel
from ui.pages.base import Page


class HouseholdsPage(Page):
    watches = frozenset({"households", "distributions"})

    def title(self) -> str:
        return self.tr("Households")

    def setup_ui(self) -> None:
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("householdCount")
        self.search = QLineEdit(self)
        self.search.setObjectName("householdSearch")
        self.search.setClearButtonEnabled(True)
        self.model = HouseholdTableModel(self.ctx.db, self)
        self.table = QTableView(self)
        self.table.setObjectName("householdTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for widget in (self.summary, self.search, self.table):
            layout.addWidget(widget)
        self.search.textChanged.connect(self.model.set_query)
        self.refresh()

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(self.tr("Search a household: name, CIN, phone, receipt…"))
        self.search.setAccessibleName(self.tr("Search households"))
        self.table.setAccessibleName(self.tr("Households"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.model.COLUMNS) - 1)
        self._show_count()

    def refresh(self) -> None:
        self.model.set_query(self.search.text())
        self._show_count()

    def _show_count(self) -> None:
        self.summary.setText(self.tr("%n household(s) registered", "", households.count_households(self.ctx.db)))
