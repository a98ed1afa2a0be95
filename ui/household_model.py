"""Households as a lazy table: rows fetched from the services page by page, never all at once."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from fieldapp.db import Database
from fieldapp.i18n import t
from fieldapp.services import households
from fieldapp.views import HouseholdView

PAGE_SIZE = 200
# Left-to-right embedding … pop: a leading "+" next to digits would otherwise resolve right-to-left.
LTR_EMBEDDING, POP_DIRECTION = "\u202a", "\u202c"


def left_to_right(text: str | None) -> str | None:
    """Phone numbers and CINs stay left-to-right inside an Arabic (right-to-left) layout: +212… not …212+."""
    return f"{LTR_EMBEDDING}{text}{POP_DIRECTION}" if text else text


class HouseholdTableModel(QAbstractTableModel):
    COLUMNS = ("name", "name_ar", "cin", "phone", "commune", "size")
    HouseholdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(parent)
        self._db = db
        self._rows: list[HouseholdView] = []
        self._query = ""
        self._exhausted = False

    def set_query(self, query: str) -> None:
        """Show search results for `query`, or every household by name when it is empty."""
        self.beginResetModel()
        self._query, self._rows, self._exhausted = query.strip(), [], False
        self._fetch_page()
        self.endResetModel()

    def _fetch_page(self) -> None:
        self._rows.extend(self._next_page())

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802, B008 — Qt's names
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802, B008
        start = len(self._rows)
        page = self._next_page()
        if not page:
            self._exhausted = True
            return
        self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def _next_page(self) -> list[HouseholdView]:
        offset = len(self._rows)
        if self._query:
            page = households.search_households(self._db, self._query, limit=PAGE_SIZE, offset=offset)
        else:
            page = households.list_households(self._db, limit=PAGE_SIZE, offset=offset)
        self._exhausted = len(page) < PAGE_SIZE
        return page

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == self.HouseholdRole:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            column = self.COLUMNS[index.column()]
            return {
                "name": row.head_name,
                "name_ar": row.head_name_ar,
                "cin": left_to_right(row.cin),
                "phone": left_to_right(row.phone),
                "commune": row.commune,
                "size": row.size,
            }[column]
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return t(f"label.{self.COLUMNS[section]}")
        return None
