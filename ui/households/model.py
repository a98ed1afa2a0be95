"""Households as a lazy table: pages of rows fetched in the background, answers to older queries dropped."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from fieldapp import i18n
from fieldapp.db import Database
from fieldapp.i18n import left_to_right, t
from fieldapp.normalize import phone_text
from fieldapp.services import households
from fieldapp.services.household_query import HouseholdQuery
from fieldapp.views import HouseholdView
from ui.shell.tasks import TaskRunner

PAGE_SIZE = 200
# A new search or filter first loads what fills the screen a few times over; scrolling fetches PAGE_SIZE more.
FIRST_PAGE = 60
RELOAD_AT_MOST = 1000  # after a change, reload what was scrolled through, up to this many rows


def fetch_page(db: Database, query: HouseholdQuery, limit: int, offset: int) -> list[HouseholdView]:
    """One page of rows for `query` (runs on the database worker)."""
    return households.find_households(db, query, limit=limit, offset=offset)


class HouseholdTableModel(QAbstractTableModel):
    """Rows come page by page from the TaskRunner (or at once without one); only the newest query's rows are shown."""

    COLUMNS = ("name", "name_ar", "cin", "phone", "commune", "douar", "size")
    HouseholdRole = Qt.ItemDataRole.UserRole + 1

    #: a page of the current query arrived and is shown
    loaded = Signal()
    #: the current query failed (the error object); the rows shown before stay
    failed = Signal(object)

    def __init__(self, db: Database, tasks: TaskRunner | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._tasks = tasks
        self._rows: list[HouseholdView] = []
        self._query = HouseholdQuery()
        self._generation = 0  # bumped for every new query or reload
        self._shown_generation = -1  # the generation the rows belong to
        self._wanted = FIRST_PAGE  # how many rows the next reset loads
        self._exhausted = False
        self._busy = False  # one job at a time: typing fast queues no pile of stale searches
        self.dropped = 0  # answers thrown away because a newer query was asked meanwhile

    # -- what to show ------------------------------------------------------------------------------------------------

    @property
    def query(self) -> HouseholdQuery:
        return self._query

    @property
    def loading(self) -> bool:
        return self._busy or self._shown_generation != self._generation

    def set_query(self, query: HouseholdQuery | str) -> None:
        """Show `query` (a HouseholdQuery, or search text); the rows of the previous one stay until it arrives."""
        if isinstance(query, str):
            query = HouseholdQuery(text=query)
        self._query = query
        self._wanted = FIRST_PAGE
        self._generation += 1
        self._pump()

    def reload(self) -> None:
        """Fetch the current query again (records changed), keeping as many rows as were scrolled through."""
        self._wanted = max(FIRST_PAGE, min(len(self._rows), RELOAD_AT_MOST))
        self._generation += 1
        self._pump()

    def household_at(self, row: int) -> HouseholdView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, household_id: str) -> int | None:
        return next((number for number, row in enumerate(self._rows) if row.id == household_id), None)

    # -- background fetching -----------------------------------------------------------------------------------------

    def _pump(self) -> None:
        """Start the reset the newest query needs, unless a job is still out (its answer will call back here)."""
        if self._busy or self._shown_generation == self._generation:
            return
        generation, query, limit = self._generation, self._query, self._wanted
        self._start(
            lambda: fetch_page(self._db, query, limit, 0),
            lambda rows: self._on_reset(generation, limit, rows),
            lambda error: self._on_error(generation, error),
        )

    def _start(self, fn: Callable, on_done: Callable, on_error: Callable) -> None:
        self._busy = True
        if self._tasks is not None:
            self._tasks.run(fn, on_done=on_done, on_error=on_error)
            return
        try:
            result = fn()
        except Exception as error:  # noqa: BLE001 — the same path as the worker's errors
            on_error(error)
        else:
            on_done(result)

    def _stale(self, generation: int) -> bool:
        self._busy = False
        if generation == self._generation:
            return False
        self.dropped += 1
        self._pump()
        return True

    def _on_reset(self, generation: int, limit: int, rows: list[HouseholdView]) -> None:
        if self._stale(generation):
            return
        self.beginResetModel()
        self._rows, self._exhausted, self._shown_generation = list(rows), len(rows) < limit, generation
        self.endResetModel()
        self.loaded.emit()

    def _on_more(self, generation: int, rows: list[HouseholdView]) -> None:
        if self._stale(generation):
            return
        self._exhausted = len(rows) < PAGE_SIZE
        if rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.loaded.emit()

    def _on_error(self, generation: int, error: BaseException) -> None:
        if self._stale(generation):
            return
        self._shown_generation, self._exhausted = generation, True  # no retry loop; the next query starts afresh
        self.failed.emit(error)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802, B008 — Qt's names
        return not parent.isValid() and not self._exhausted and not self.loading

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802, B008
        if not self.canFetchMore(parent):
            return
        generation, query, offset = self._generation, self._query, len(self._rows)
        self._start(
            lambda: fetch_page(self._db, query, PAGE_SIZE, offset),
            lambda rows: self._on_more(generation, rows),
            lambda error: self._on_error(generation, error),
        )

    # -- Qt's table interface ----------------------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == self.HouseholdRole:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "size":
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def _display(row: HouseholdView, column: str):
        if column == "name":
            return row.shown_name
        if column == "name_ar":
            return row.head_name_ar
        if column == "phone":
            return left_to_right(phone_text(row.phone))
        if column == "cin":
            return left_to_right(row.cin)
        if column == "commune":
            return (row.commune_ar or row.commune) if i18n.is_right_to_left() else row.commune
        return getattr(row, column)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return t(f"label.{self.COLUMNS[section]}")
        return None
