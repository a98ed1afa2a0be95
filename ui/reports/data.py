"""What the Reports page asks the report service for, and what it shows of the answer: totals and chart rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from fieldapp import i18n
from fieldapp.db import Database
from fieldapp.reports.model import MASK_BELOW, FunderReport, ReportScope
from fieldapp.services.reports import build_report

__all__ = ["MASK_BELOW", "TOTALS", "ReportRequest", "ReportShown", "load_report", "save_report"]

#: The key totals, in the order the page shows them.
TOTALS = ("families", "people", "items", "volunteers", "hours", "voided", "served_twice")


@dataclass(frozen=True)
class ReportRequest:
    """An event (its id), or a period (both days included); `label` names the file the page proposes."""

    event_id: str | None = None
    first_day: dt.date | None = None
    last_day: dt.date | None = None
    label: str = ""

    def scope(self) -> ReportScope:
        if self.event_id:
            return ReportScope(event=self.event_id)
        return ReportScope(date_from=self.first_day, date_to=self.last_day)


@dataclass(frozen=True)
class ReportShown:
    """The report, its totals as numbers, and the rows of its two charts (communes in both languages)."""

    report: FunderReport
    totals: dict[str, int | float]
    per_event: list[tuple[str, int]]
    communes: list[tuple[str, str, int]]  # (French name, Arabic name, families): the chart masks those under 5

    def per_commune(self, language: str | None = None) -> list[tuple[str, int]]:
        """(name in the window's language, families) per commune: the most served first, the masked ones last."""
        arabic = (language or i18n.current_language()) == "ar"
        rows = [(ar if arabic and ar else fr, families) for fr, ar, families in self.communes]
        shown = [row for row in rows if row[1] >= MASK_BELOW]  # already biggest first
        return shown + sorted(row for row in rows if row[1] < MASK_BELOW)  # by name: the order tells nothing


def shown_of(report: FunderReport) -> ReportShown:
    totals = report.totals
    numbers: dict[str, int | float] = {
        "families": totals.families,
        "people": totals.people,
        "items": sum(item.given for item in report.items),
        "volunteers": totals.volunteers,
        "hours": totals.hours,
        "voided": totals.voided,
        "served_twice": totals.served_twice_families,
    }
    communes = [
        (place.commune_fr, place.commune_ar, place.count.families)
        for place in report.places
        if place.count.families > 0
    ]
    communes.sort(key=lambda c: (-c[2], c[0]))
    return ReportShown(report, numbers, [(e.name, e.families) for e in report.served_by_event], communes)


def load_report(db: Database, request: ReportRequest) -> ReportShown:
    """Build the report on the database worker."""
    return shown_of(build_report(db, request.scope()))


def save_report(db: Database, request: ReportRequest, kind: str, temp: Path, language: str) -> object:
    """Write the report as `kind` ("pdf" or "xlsx") into `temp` (the long task then moves it into place)."""
    from fieldapp.services.reports import write_report

    return write_report(db, request.scope(), temp, language, fmt=kind)
