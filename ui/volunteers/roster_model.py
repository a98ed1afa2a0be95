"""The volunteers' roster as a table model: each volunteer and their presence at one event, tested without a view."""

from __future__ import annotations

from fieldapp.i18n import left_to_right
from fieldapp.normalize import phone_text
from fieldapp.services.sheets import hours_text
from fieldapp.services.volunteers import RosterRow
from fieldapp.timefmt import CLOCK, local_text
from ui.shared.labels import fill
from ui.shared.table_model import RowsModel


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

    def status_text(self, row: RosterRow) -> str:
        if row.since is not None:
            return fill(self.tr("On site since %1"), local_text(row.since, today=CLOCK))
        if row.left is not None:
            return fill(self.tr("Left at %1"), local_text(row.left, today=CLOCK))
        return self.tr("Not checked in")
