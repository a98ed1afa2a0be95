"""The read-only table model pages share: plain rows set at once, named columns, one headers tuple, no view needed."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

DISPLAY, TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole


class RowsModel(QAbstractTableModel):
    """Rows set at once, read-only. A subclass names its columns (NAME, DATES = range(2)) and gives their headers
    (one tuple, in that order), the texts of a row's cells, and optionally a row's tooltip and key."""

    RowRole = Qt.ItemDataRole.UserRole + 1  # the plain row object behind a table row

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._prepare()
        self.endResetModel()

    def retranslate(self) -> None:
        """The language changed: headers and cell texts are read again."""
        self._prepare()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, self.columnCount() - 1))

    def _prepare(self) -> None:
        """Translated names the cells need (read once per reset, not once per cell)."""

    def headers(self) -> tuple[str, ...]:
        raise NotImplementedError

    def cells(self, row) -> tuple:
        raise NotImplementedError

    def tooltip(self, row) -> str | None:
        return None

    def key(self, row) -> object:
        """What a row is found again by after a reload (its record's id)."""
        raise NotImplementedError

    def row_of(self, key: object) -> int:
        """The number of the row with this key, -1 when there is none."""
        return next((number for number, row in enumerate(self.rows) if self.key(row) == key), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 — Qt's names
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.headers())

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == self.RowRole:
            return row
        if role == DISPLAY:
            return self.cells(row)[index.column()]
        if role == TOOLTIP:
            return self.tooltip(row)
        return None

    def headerData(self, section: int, orientation, role: int = DISPLAY):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY and 0 <= section < self.columnCount():
            return self.headers()[section]
        return None
