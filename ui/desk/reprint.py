"""Reprinting a receipt from the window: the desk's last hand-outs at the event, one chosen, printed again as a copy
marked DUPLICATA (recorded in the audit trail) through the desk's usual printing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from fieldapp import i18n
from fieldapp.i18n import left_to_right
from fieldapp.timefmt import CLOCK, local_text
from ui.desk.receipt_printing import ReceiptPrinter
from ui.shared.labels import fill
from ui.shared.table_model import RowsModel
from ui.shared.table_view import rows_table, select_row
from ui.shell.context import AppContext, error_text

if TYPE_CHECKING:  # the desk shows before the services (SQLAlchemy) are loaded: see ui/shell/app.py
    from fieldapp.views import DistributionView

RECENT_LIMIT = 30


class HandoutsModel(RowsModel):
    """Hand-outs newest first: receipt, when, the family, and whether the receipt was cancelled."""

    RECEIPT, WHEN, FAMILY, STATE = range(4)

    def _prepare(self) -> None:
        self._arabic_first = i18n.current_language() == "ar"

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Receipt"), self.tr("When"), self.tr("Family"), self.tr("State"))

    def cells(self, row: DistributionView) -> tuple:
        names = [row.household_name, row.household_name_ar]
        family = " — ".join(filter(None, reversed(names) if self._arabic_first else names))
        state = fill(self.tr("Cancelled: %1"), row.void_reason or "") if row.voided_at else ""
        return (left_to_right(row.receipt), local_text(row.served_at, today=CLOCK), family, state)

    def key(self, row: DistributionView) -> str:
        return row.receipt


class ReprintDialog(QDialog):
    """The last hand-outs of the desk's event; "Reprint" prints the chosen receipt again, marked as a copy.

    Kept by the desk and shown again (`show_for(event_id)` reloads it), so a print still on its way is never cut off.
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.event_id: str | None = None
        self.setObjectName("deskReprintDialog")
        layout = QVBoxLayout(self)
        self.explain = QLabel(self)
        self.explain.setObjectName("deskReprintExplain")
        self.explain.setWordWrap(True)
        self.model = HandoutsModel(self)
        self.table = rows_table(self, "deskReprintTable", self.model, stretch=HandoutsModel.FAMILY)
        self.message = QLabel(self)
        self.message.setObjectName("deskReprintMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.reprint_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.reprint_button.setObjectName("deskReprint")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("deskReprintClose")
        self.close_button.clicked.connect(self.reject)
        self.reprint_button.clicked.connect(self.reprint)
        self.table.activated.connect(lambda _index: self.reprint())  # Enter or a double click
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        for widget in (self.explain, self.table, self.message, self.buttons):
            layout.addWidget(widget, 1 if widget is self.table else 0)
        self.printer = ReceiptPrinter(ctx, self)
        self.printer.note.connect(self._say)
        self.resize(760, 460)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Reprint a receipt"))
        self.explain.setText(
            self.tr(
                "The last hand-outs at this event, newest first. A reprint is marked DUPLICATA with today's date: it"
                " does not count as a second hand-out."
            )
        )
        self.table.setAccessibleName(self.tr("Last hand-outs"))
        self.reprint_button.setText(self.tr("&Reprint"))
        self.reprint_button.setAccessibleName(self.tr("Reprint the chosen receipt"))
        self.close_button.setText(self.tr("Close"))
        self.model.retranslate()

    def show_for(self, event_id: str) -> None:
        """Open (or raise) the dialog on the event's last hand-outs, the newest chosen."""
        self.event_id = event_id
        self._say("")
        db = self.ctx.db

        def recent() -> list[DistributionView]:
            from fieldapp.services import distributions

            return distributions.list_distributions(db, event_id, limit=RECENT_LIMIT, newest_first=True)

        self.ctx.tasks.run(recent, on_done=self._show, on_error=lambda error: self._say(error_text(error)))
        self.open()
        self.table.setFocus()

    def _show(self, rows: list[DistributionView]) -> None:
        self.model.set_rows(rows)
        if rows:
            select_row(self.table, 0)
        else:
            self._say(self.tr("Nobody has been served at this event yet."))
        self._update_buttons()

    def selected(self) -> DistributionView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], HandoutsModel.RowRole) if rows else None

    def select_receipt(self, receipt: str) -> None:
        row = self.model.row_of(receipt)
        if row >= 0:
            select_row(self.table, row)

    def _update_buttons(self) -> None:
        self.reprint_button.setEnabled(self.selected() is not None)

    def reprint(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.printer.print_receipt(chosen.receipt, copy=True)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setAccessibleName(text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 — Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
