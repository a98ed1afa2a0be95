"""The volunteers' roster as a table model: each volunteer and their presence at one event, tested without a view."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from fieldapp.db import Database
from fieldapp.services import volunteers
from fieldapp.services.sheets import hours_text
from fieldapp.timefmt import local_text
from fieldapp.views import VolunteerView
from ui.households.model import left_to_right


def moment_text(moment: dt.datetime) -> str:
    """Local time: only the hour for today, the date too for another day."""
    local = moment.astimezone()
    return local.strftime("%H:%M") if local.date() == dt.date.today() else local_text(moment)


@dataclass(frozen=True)
class RosterRow:
    """A volunteer and their presence at one event: checked in since, last left at, hours of finished shifts."""

    volunteer: VolunteerView
    since: dt.datetime | None
    left: dt.datetime | None
    hours: float | None

    @property
    def on_site(self) -> bool:
        return self.since is not None


def roster(db: Database, event_id: str | None) -> list[RosterRow]:
    """Every volunteer by name with their attendance at the event (runs on the database worker)."""
    shifts: dict[str, list] = {}
    for shift in volunteers.list_attendance(db, event_id) if event_id else []:
        shifts.setdefault(shift.volunteer_id, []).append(shift)
    rows = []
    for volunteer in volunteers.list_volunteers(db):
        mine = shifts.get(volunteer.id, [])
        since = next((s.check_in for s in mine if s.check_out is None), None)
        left = max((s.check_out for s in mine if s.check_out), default=None)
        done = [s.hours for s in mine if s.hours is not None]
        rows.append(RosterRow(volunteer, since, left, round(sum(done), 2) if done else None))
    return rows


class RosterModel(QAbstractTableModel):
    COLUMNS = 5  # name, Arabic name, phone, status, hours
    RowRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[RosterRow] = []

    def set_rows(self, rows: list[RosterRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_of(self, volunteer_id: str | None) -> int:
        return next((n for n, r in enumerate(self.rows) if r.volunteer.id == volunteer_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 — Qt's names
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == self.RowRole:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return row.volunteer.name
            if column == 1:
                return row.volunteer.name_ar or ""
            if column == 2:
                return left_to_right(row.volunteer.phone) or ""
            if column == 3:
                return self.status_text(row)
            return hours_text(row.hours)
        return None

    def status_text(self, row: RosterRow) -> str:
        if row.since is not None:
            return self.tr("On site since %1").replace("%1", moment_text(row.since))
        if row.left is not None:
            return self.tr("Left at %1").replace("%1", moment_text(row.left))
        return self.tr("Not checked in")

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            titles = (self.tr("Name"), self.tr("Name in Arabic"), self.tr("Phone"), self.tr("At this event"))
            return (*titles, self.tr("Hours"))[section]
        return None
