"""The volunteers' roster as a table model: each volunteer and their presence at one event (a deactivated one greyed),
tested without a view."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from fieldapp.i18n import left_to_right
from fieldapp.normalize import phone_text
from fieldapp.services.sheets import hours_text
from fieldapp.services.volunteers import RosterRow
from fieldapp.timefmt import CLOCK, local_text
from ui.shared.labels import fill
from ui.shared.table_model import DISPLAY, RowsModel

INACTIVE_COLOUR = QColor("#757575")


class RosterModel(RowsModel):
    """The rows of `volunteers.roster` as they are: presence and hours are worked out there, only worded here."""

    NAME, NAME_AR, PHONE, STATUS, HOURS = range(5)

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Name"),
            self.tr("Name in Arabic"),
            self.tr("Phone"),
            self.tr("At this event"),
            self.tr("Hours"),
        )

    def cells(self, row: RosterRow) -> tuple:
        volunteer = row.volunteer
        return (
            volunteer.name,
            volunteer.name_ar or "",
            left_to_right(phone_text(volunteer.phone)) or "",
            self.status_text(row),
            hours_text(row.hours),
        )

    def key(self, row: RosterRow) -> str:
        return row.volunteer.id

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY):
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.row() < len(self.rows):
            return None if self.rows[index.row()].volunteer.active else INACTIVE_COLOUR
        return super().data(index, role)

    def status_text(self, row: RosterRow) -> str:
        if not row.volunteer.active:
            return self.tr("Deactivated") + (
                " — " + fill(self.tr("On site since %1"), local_text(row.since, today=CLOCK)) if row.since else ""
            )
        if row.since is not None:
            return fill(self.tr("On site since %1"), local_text(row.since, today=CLOCK))
        if row.left is not None:
            return fill(self.tr("Left at %1"), local_text(row.left, today=CLOCK))
        return self.tr("Not checked in")
