"""What a funder report holds: plain records the service fills and the PDF, the XLSX and the Reports page show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from fieldapp.errors import BadData
from fieldapp.figure_rules import DEFINITIONS as DEFINITIONS
from fieldapp.figure_rules import MASK_BELOW as MASK_BELOW
from fieldapp.figure_rules import NO_FLAG as NO_FLAG
from fieldapp.figure_rules import SIZE_BANDS as SIZE_BANDS
from fieldapp.figure_rules import Count as Count
from fieldapp.figure_rules import shown as shown
from fieldapp.figure_rules import size_band as size_band


@dataclass(frozen=True)
class ReportScope:
    """One event (id, id prefix or name) or several (a campaign), or a period of UTC dates (both inclusive); events
    with dates keep only their distributions on those dates."""

    event: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    #: more events beside `event`: a campaign (the same distribution at several sites or on several days)
    more_events: tuple[str, ...] = ()

    @property
    def event_refs(self) -> tuple[str, ...]:
        """Every event asked for (none: a period)."""
        return tuple(dict.fromkeys(ref for ref in (self.event, *self.more_events) if ref))

    def check(self) -> None:
        if (self.date_from is None) != (self.date_to is None) or not (self.event_refs or self.date_from):
            raise BadData("error.report_scope")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise BadData("error.dates_order", start=self.date_from.isoformat(), end=self.date_to.isoformat())


@dataclass(frozen=True)
class PlaceRow:
    province_code: str
    province_fr: str
    province_ar: str
    commune_code: str
    commune_fr: str
    commune_ar: str
    count: Count


@dataclass(frozen=True)
class BandRow:
    band: str  # a SIZE_BANDS label
    count: Count


@dataclass(frozen=True)
class FlagRow:
    flag: str  # a VULNERABILITY_FLAGS value, or NO_FLAG
    count: Count


@dataclass(frozen=True)
class ItemRow:
    """One item of one event: handed out (active receipts in scope), entitled, and the event's stock if counted."""

    event_name: str
    code: str
    label: str
    label_ar: str | None
    given: int
    entitled: int
    stock: int | None

    @property
    def left(self) -> int | None:
        return None if self.stock is None else self.stock - self.given


@dataclass(frozen=True)
class EventRow:
    """One event of the report, with what is counted at it; its sign-off sheet is the paper behind `families`."""

    event_id: str
    name: str
    starts_on: dt.date
    ends_on: dt.date
    site: str | None
    families: int
    receipts: int
    volunteers: int
    hours: float


@dataclass(frozen=True)
class Totals:
    families: int  # distinct households with at least one active (not voided) receipt in scope
    people: int  # the sum of those households' sizes
    receipts: int  # active receipts in scope
    volunteers: int  # distinct volunteers with an attendance in scope
    hours: float  # checked-out attendance, in hours
    open_attendance: int  # check-ins without a check-out (no hours counted)
    voided: int  # receipts in scope that were voided
    served_twice_families: int  # (event, household) pairs with two or more active receipts
    served_twice_receipts: int  # receipts beyond the first for those pairs
    served_twice_authorised: int  # of those extra receipts, how many carry an override reason

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class FunderReport:
    association: str
    scope: ReportScope
    date_from: dt.date | None  # the dates covered (an event's own dates when no period was given)
    date_to: dt.date | None
    made_at: dt.datetime
    totals: Totals
    places: list[PlaceRow] = field(default_factory=list)
    bands: list[BandRow] = field(default_factory=list)
    flags: list[FlagRow] = field(default_factory=list)
    items: list[ItemRow] = field(default_factory=list)
    served_by_event: list[EventRow] = field(default_factory=list)
    served_by_commune: list[tuple[str, str, int]] = field(default_factory=list)  # (fr, ar, families), ≥ MASK_BELOW
    definitions: tuple[str, ...] = DEFINITIONS  # message keys report.def_<name>

    def as_dict(self) -> dict:
        """The totals and breakdowns as JSON-ready values (the CLI's --json); masked cells as "< 5"."""

        def cell(count: Count) -> dict:
            if count.masked:
                return {"families": f"< {MASK_BELOW}", "people": f"< {MASK_BELOW}"}
            return {"families": count.families, "people": count.people}

        return {
            "association": self.association,
            "event": self.scope.event,
            "more_events": list(self.scope.more_events),
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
            "totals": self.totals.as_dict(),
            "places": [
                {"province_code": p.province_code, "commune_code": p.commune_code, "commune": p.commune_fr}
                | cell(p.count)
                for p in self.places
            ],
            "sizes": [{"band": b.band, "families": b.count.families, "people": b.count.people} for b in self.bands],
            "vulnerabilities": [{"flag": f.flag} | cell(f.count) for f in self.flags],
            "items": [
                {"event": i.event_name, "code": i.code, "given": i.given, "entitled": i.entitled, "stock": i.stock}
                for i in self.items
            ],
            "events": [
                {"name": e.name, "starts_on": e.starts_on.isoformat(), "families": e.families, "receipts": e.receipts}
                for e in self.served_by_event
            ],
        }


@dataclass(frozen=True)
class ReceiptLine:
    """One receipt behind the totals (voided ones too, marked), with what a funder filters by; no name, no CIN."""

    receipt: str
    event_name: str
    served_at: dt.datetime
    household_id: str
    province_code: str
    commune_code: str
    commune_fr: str
    commune_ar: str
    size: int
    size_band: str
    flags: tuple[str, ...]
    items: str  # "KIT×1 LAIT×2"
    voided: bool
    served_twice: bool  # not the first active receipt of its household at its event
    counted: bool  # counts in `families` (active receipt)
