"""Sync: the changes made on this laptop that HQ has not received yet (the sync issue adds sending them)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout

from fieldapp.services import outbox, setup
from fieldapp.services.outbox import PendingChange
from fieldapp.timefmt import local_text
from ui.pages.base import Page

SHOWN = 500


class PendingChangesModel(QAbstractTableModel):
    """The journal rows not yet pushed, oldest first, as plain rows."""

    COLUMNS = ("seq", "kind", "operation", "when", "record")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[PendingChange] = []
        self.kind_names: dict[str, str] = {}
        self.operation_names: dict[str, str] = {}
        self.headers: tuple[str, ...] = self.COLUMNS

    def set_rows(self, rows: list[PendingChange]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.rows[index.row()]
        return (
            row.seq,
            self.kind_names.get(row.entity, row.entity),
            self.operation_names.get(row.op, row.op),
            local_text(row.at),
            row.summary,
        )[index.column()]

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


class SyncPage(Page):
    watches = frozenset({"households", "distributions", "attendance", "volunteers", "events", "settings"})

    def title(self) -> str:
        return self.tr("Sync")

    def setup_ui(self) -> None:
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("syncSummary")
        self.hq = QLabel(self)
        self.hq.setObjectName("syncHq")
        self.hq.setWordWrap(True)
        self.sync_now = QPushButton(self)
        self.sync_now.setObjectName("syncNow")
        self.sync_now.setEnabled(False)  # sending arrives with the sync issue
        self.model = PendingChangesModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("pendingChanges")
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for widget in (self.summary, self.hq, self.sync_now, self.table):
            layout.addWidget(widget)

    def retranslate_ui(self) -> None:
        self.sync_now.setText(self.tr("Send to HQ now"))
        self.sync_now.setAccessibleName(self.tr("Send to HQ now"))
        self.sync_now.setToolTip(
            self.tr("Sending to HQ is not available in this version yet: nothing is lost, every change waits here.")
        )
        self.table.setAccessibleName(self.tr("Changes not yet sent"))
        self.model.headers = (self.tr("No."), self.tr("Record"), self.tr("Change"), self.tr("When"), self.tr("Details"))
        self.model.kind_names = {
            "households": self.tr("Household"),
            "members": self.tr("Member"),
            "volunteers": self.tr("Volunteer"),
            "events": self.tr("Event"),
            "event_items": self.tr("Event item"),
            "distributions": self.tr("Distribution"),
            "distribution_voids": self.tr("Void"),
            "attendance": self.tr("Attendance"),
        }
        self.model.operation_names = {
            "insert": self.tr("new"),
            "update": self.tr("changed"),
            "delete": self.tr("removed"),
        }
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.model.COLUMNS) - 1)
        self.refresh()

    def refresh(self) -> None:
        db = self.ctx.db

        def load():
            return outbox.pending_count(db), outbox.pending_changes(db, limit=SHOWN), setup.current_settings(db)

        self.ctx.tasks.run(load, on_done=self._show, on_error=self.show_error)

    def _show(self, loaded) -> None:
        count, rows, values = loaded
        self.summary.setText(self.tr("%n change(s) not yet sent to HQ", "", count))
        hq = values.get("hq_url")
        self.hq.setText(
            self.tr("HQ address: %1").replace("%1", hq)
            if hq
            else self.tr("No HQ address set (Settings). The app works fully without one.")
        )
        self.model.set_rows(rows)
