"""The volunteers page (being built)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from ui.pages.base import Page


class VolunteersPage(Page):
    def title(self) -> str:
        return self.tr("volunteers")

    def setup_ui(self) -> None:
        layout = QVBoxLayout(self)
        self.placeholder = QLabel(self)
        layout.addWidget(self.placeholder)

    def retranslate_ui(self) -> None:
        self.placeholder.setText(self.title())
