"""A household's history from the audit trail: who did what to the family's record and its receipts, and when."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from fieldapp.services import audit
from fieldapp.timefmt import local_text
from ui.shared.labels import fill
from ui.shared.table_model import RowsModel
from ui.shared.table_view import rows_table


class HistoryModel(RowsModel):
    WHEN, USER, DESK, WHAT, DETAILS = range(5)

    def _prepare(self) -> None:
        self._actions = {
            "household.register": self.tr("Registered"),
            "household.update": self.tr("Changed"),
            "household.delete": self.tr("Deleted"),
            "household.import": self.tr("Imported"),
            "household.export_data": self.tr("Its data given on request"),
            "household.card": self.tr("Household card printed"),
            "distribution.record": self.tr("Served"),
            "distribution.void": self.tr("Receipt voided"),
        }

    def headers(self) -> tuple[str, ...]:
        return (self.tr("When"), self.tr("User"), self.tr("At the desk"), self.tr("What"), self.tr("Details"))

    def cells(self, row: audit.AuditEntryView) -> tuple:
        details = json.dumps(row.detail, ensure_ascii=False) if row.detail else ""
        action = self._actions.get(row.action, row.action)
        return (local_text(row.at), row.user_name or "", row.actor or "", action, details)

    def key(self, row: audit.AuditEntryView) -> object:
        return row.seq


class HistoryDialog(QDialog):
    """Opened from a household's form (coordinators: the trail is theirs to read, fieldapp.permissions)."""

    def __init__(self, ctx, household_id: str, name: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("householdHistory")
        self.setWindowTitle(fill(self.tr("History of %1"), name))
        layout = QVBoxLayout(self)
        self.model = HistoryModel(self)
        self.model.set_rows([])
        self.table = rows_table(self, "historyTable", self.model, stretch=HistoryModel.DETAILS)
        self.message = QLabel(self)
        self.message.setObjectName("historyMessage")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(900, 420)
        ctx.tasks.run(lambda: audit.show(ctx.db, household=household_id), self._show, self._failed)

    def _show(self, entries: list[audit.AuditEntryView]) -> None:
        self.model.set_rows(entries)
        self.message.setText("" if entries else self.tr("Nothing recorded yet for this family."))

    def _failed(self, error: BaseException) -> None:
        self.message.setText(error.message() if hasattr(error, "message") else str(error))
