"""The Households page's "Import a list…" button: shown to a role that may import; it opens the import wizard."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QPushButton, QWidget

from fieldapp.permissions import Action
from ui.shell.context import AppContext

if TYPE_CHECKING:
    from ui.importing.wizard import ImportWizard


class ImportEntry(QObject):
    """Owns the button; one wizard at a time, built when asked (the reading libraries load then, not at start-up)."""

    def __init__(self, ctx: AppContext, page: QWidget) -> None:
        super().__init__(page)
        self.ctx, self.page = ctx, page
        self.wizard: ImportWizard | None = None
        self.button = QPushButton(page)
        self.button.setObjectName("householdImport")
        self.button.clicked.connect(self.open_wizard)
        page.installEventFilter(self)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.button.setText(self.tr("Import a list…"))
        self.button.setAccessibleName(self.tr("Import a households list"))
        self.button.setToolTip(self.tr("Households from an Excel (.xlsx, .xls) or CSV file, checked row by row"))

    def apply_role(self) -> None:
        allowed = self.ctx.may(Action.IMPORT)
        self.button.setVisible(allowed)
        self.button.setEnabled(allowed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt's name
        if watched is self.page and event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        return False

    def open_wizard(self) -> ImportWizard | None:
        """The wizard over the page, not waited for; only for a role that may import (the service refuses anyway)."""
        if not self.ctx.may(Action.IMPORT):
            return None
        if self.wizard is not None:
            self.wizard.raise_()
            self.wizard.activateWindow()
            return self.wizard
        from ui.importing.wizard import ImportWizard

        wizard = ImportWizard(self.ctx, self.page)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.finished.connect(self._closed)
        self.wizard = wizard
        wizard.open()
        return wizard

    def _closed(self) -> None:
        self.wizard = None
