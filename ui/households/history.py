"""A household's history from the audit trail: who did what to the family's record and its receipts, and when; a
receipt in it can be printed again, as a copy marked DUPLICATA."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from fieldapp.permissions import Action
from fieldapp.services import audit
from fieldapp.timefmt import local_text
from ui.desk.receipt_printing import ReceiptPrinter
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
            "receipt.reprint": self.tr("Receipt reprinted"),
        }
        # Every entry about a distribution names its receipt: the hand-out's own entry says it (a void's does not).
        self._receipts = {
            row.entity_id: row.detail["receipt"]
            for row in self.rows
            if row.entity == "distributions" and row.detail.get("receipt")
        }

    def headers(self) -> tuple[str, ...]:
        return (self.tr("When"), self.tr("User"), self.tr("At the desk"), self.tr("What"), self.tr("Details"))

    def cells(self, row: audit.AuditEntryView) -> tuple:
        details = json.dumps(row.detail, ensure_ascii=False) if row.detail else ""
        action = self._actions.get(row.action, row.action)
        return (local_text(row.at), row.user_name or "", row.actor or "", action, details)

    def key(self, row: audit.AuditEntryView) -> object:
        return row.seq

    def receipt_of(self, row: audit.AuditEntryView) -> str | None:
        """The receipt number an entry is about (a hand-out, its void, a reprint), None for the record's own."""
        return self._receipts.get(row.entity_id) if row.entity == "distributions" else None


class HistoryDialog(QDialog):
    """Opened from a household's form (coordinators: the trail is theirs to read, fieldapp.permissions)."""

    def __init__(self, ctx, household_id: str, name: str, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.household_id = ctx, household_id
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
        self.reprint_button = buttons.addButton(self.tr("&Reprint the receipt"), QDialogButtonBox.ButtonRole.ActionRole)
        self.reprint_button.setObjectName("historyReprint")
        self.reprint_button.setAccessibleName(self.tr("Reprint the receipt of the chosen entry"))
        self.reprint_button.setVisible(ctx.may(Action.PRINT))
        self.reprint_button.clicked.connect(self.reprint)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.printer = ReceiptPrinter(ctx, self)
        self.printer.note.connect(self.message.setText)
        self.printer.ready.connect(lambda _path: self.load())  # the reprint's own entry shows
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(900, 420)
        self._update_buttons()
        self.load()

    def load(self) -> None:
        ctx, household_id = self.ctx, self.household_id
        ctx.tasks.run(lambda: audit.show(ctx.db, household=household_id), self._show, self._failed)

    def _show(self, entries: list[audit.AuditEntryView]) -> None:
        self.model.set_rows(entries)
        if not entries:
            self.message.setText(self.tr("Nothing recorded yet for this family."))
        self._update_buttons()

    def selected_receipt(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.receipt_of(self.model.data(rows[0], HistoryModel.RowRole)) if rows else None

    def _update_buttons(self) -> None:
        self.reprint_button.setEnabled(self.selected_receipt() is not None)

    def reprint(self) -> None:
        """The chosen entry's receipt again, marked DUPLICATA; the reprint then shows at the top of the history."""
        receipt = self.selected_receipt()
        if receipt is not None:
            self.printer.print_receipt(receipt, copy=True)

    def _failed(self, error: BaseException) -> None:
        self.message.setText(error.message() if hasattr(error, "message") else str(error))
