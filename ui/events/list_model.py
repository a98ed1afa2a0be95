"""The events list as a table model: each event's name and dates, its site and items as a tooltip; no view needed."""

from __future__ import annotations

from fieldapp.i18n import left_to_right
from fieldapp.views import EventView
from ui.shared.table_model import RowsModel


class EventListModel(RowsModel):
    """Events as rows (name, dates; the site and items as a tooltip); RowRole gives the EventView of a row."""

    NAME, DATES = range(2)

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Event"), self.tr("Dates"))

    def cells(self, row: EventView) -> tuple:
        start, end = row.starts_on.isoformat(), row.ends_on.isoformat()
        dates = left_to_right(start if start == end else f"{start} → {end}")  # not reversed in Arabic
        return (row.name, dates)

    def tooltip(self, row: EventView) -> str:
        items = ", ".join(f"{item.code} · {item.label}" for item in row.items)
        return " — ".join(filter(None, (row.site, items)))

    def key(self, row: EventView) -> str:
        return row.id
