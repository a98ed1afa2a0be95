"""The funder report's queries: every figure one aggregate SQL query (GROUP BY) over the scope's receipts."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.orm import Session

from fieldapp import geo, settings
from fieldapp.models import VULNERABILITY_FLAGS
from fieldapp.reports.model import (
    MASK_BELOW,
    NO_FLAG,
    SIZE_BANDS,
    BandRow,
    Count,
    EventRow,
    FlagRow,
    FunderReport,
    ItemRow,
    PlaceRow,
    ReceiptLine,
    ReportScope,
    Totals,
    size_band,
)
from fieldapp.services import lookup

# --- the scope, as SQL -----------------------------------------------------------------------------------------------


def _stored(moment: dt.datetime) -> str:
    """A UTC instant as stored in SQLite (models.UTCDateTime: naive UTC text)."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _bounds(day_from: dt.date, day_to: dt.date) -> tuple[str, str]:
    start = dt.datetime.combine(day_from, dt.time.min, dt.UTC)
    end = dt.datetime.combine(day_to + dt.timedelta(days=1), dt.time.min, dt.UTC)
    return _stored(start), _stored(end)


class Scope:
    """The scope's WHERE clauses and parameters, shared by every query of one report."""

    def __init__(self, event_id: str | None, date_from: dt.date | None, date_to: dt.date | None) -> None:
        where, att, params = ["d.deleted_at IS NULL"], ["a.deleted_at IS NULL"], {}
        if event_id:
            where.append("d.event_id = :event")
            att.append("a.event_id = :event")
            params["event"] = event_id
        if date_from and date_to:
            params["start"], params["end"] = _bounds(date_from, date_to)
            where.append("d.served_at >= :start AND d.served_at < :end")
            att.append("a.check_in >= :start AND a.check_in < :end")
        self.params = params
        voided = "EXISTS (SELECT 1 FROM distribution_voids v WHERE v.distribution_id = d.id AND v.deleted_at IS NULL)"
        columns = "d.id, d.event_id, d.household_id, d.receipt, d.served_at, d.items, d.override_reason"
        self.scoped = f"SELECT {columns}, {voided} AS voided FROM distributions d WHERE {' AND '.join(where)}"
        self.active = f"SELECT * FROM ({self.scoped}) WHERE NOT voided"
        self.served = f"SELECT DISTINCT household_id FROM ({self.active})"
        self.attendance = f"SELECT a.* FROM attendance a WHERE {' AND '.join(att)}"

    def rows(self, session: Session, sql: str) -> list:
        return session.execute(text(sql), self.params).all()


_BAND_CASE = (
    "CASE "
    + " ".join(
        f"WHEN h.size >= {low}" + (f" AND h.size <= {high}" if high else "") + f" THEN '{name}'"
        for name, low, high in SIZE_BANDS
    )
    + f" ELSE '{SIZE_BANDS[0][0]}' END"
)
_HOURS = "(julianday(a.check_out) - julianday(a.check_in)) * 24"


@dataclass
class _Households:
    """The served households counted once, grouped by commune, size band and whether they carry any criterion."""

    families: int = 0
    people: int = 0
    places: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    bands: dict[str, list[int]] = field(default_factory=dict)
    no_flag: list[int] = field(default_factory=lambda: [0, 0])


def _households(session: Session, sql: Scope) -> _Households:
    """One pass over the served households (GROUP BY commune, band, no criterion): places, bands and totals add up
    from its rows, since each household sits in exactly one group."""
    found = _Households()
    rows = sql.rows(
        session,
        f"SELECT h.province_code, h.commune_code, {_BAND_CASE}, "
        f"(h.flags IS NULL OR json_array_length(h.flags) = 0), count(*), sum(h.size) "
        f"FROM households h WHERE h.id IN ({sql.served}) GROUP BY 1, 2, 3, 4",
    )
    for province_code, commune_code, band, no_flag, families, people in rows:
        found.families += families
        found.people += people or 0
        for cell in (
            found.places.setdefault((province_code, commune_code), [0, 0]),
            found.bands.setdefault(band, [0, 0]),
            *([found.no_flag] if no_flag else []),
        ):
            cell[0] += families
            cell[1] += people or 0
    return found


def _receipts_by_event(session: Session, sql: Scope) -> dict[str, tuple[int, int, int]]:
    """event id → (active receipts, voided receipts, families served), in one pass over the scope's receipts."""
    rows = sql.rows(
        session,
        f"SELECT event_id, count(*) - sum(voided), sum(voided), "
        f"count(DISTINCT CASE WHEN NOT voided THEN household_id END) FROM ({sql.scoped}) GROUP BY event_id",
    )
    return {event_id: (int(active or 0), int(voided or 0), families) for event_id, active, voided, families in rows}


def _totals(session: Session, sql: Scope, households: _Households, by_event: dict) -> Totals:
    [(volunteers, hours, open_)] = sql.rows(
        session,
        f"SELECT count(DISTINCT a.volunteer_id), coalesce(sum(CASE WHEN a.check_out IS NOT NULL THEN {_HOURS} END), 0),"
        f" count(*) - count(a.check_out) FROM ({sql.attendance}) a",
    )
    [(pairs, extra, authorised)] = sql.rows(
        session,
        f"SELECT count(*), coalesce(sum(n - 1), 0), coalesce(sum(overrides), 0) FROM ("
        f"SELECT count(*) AS n, count(override_reason) AS overrides "
        f"FROM ({sql.active}) GROUP BY event_id, household_id HAVING count(*) > 1)",
    )
    return Totals(
        families=households.families,
        people=households.people,
        receipts=sum(active for active, _, _ in by_event.values()),
        volunteers=volunteers,
        hours=round(float(hours or 0), 2),
        open_attendance=int(open_ or 0),
        voided=sum(voided for _, voided, _ in by_event.values()),
        served_twice_families=pairs,
        served_twice_receipts=int(extra),
        served_twice_authorised=int(authorised),
    )


def _count(cell: list[int] | tuple[int, int]) -> Count:
    return Count(int(cell[0] or 0), int(cell[1] or 0))


def _places(households: _Households) -> list[PlaceRow]:
    result = []
    for (province_code, commune_code), cell in households.places.items():
        commune = geo.commune(commune_code)
        result.append(
            PlaceRow(
                province_code=province_code,
                province_fr=commune.province_fr if commune else province_code,
                province_ar=commune.province_ar if commune else "",
                commune_code=commune_code,
                commune_fr=commune.name_fr if commune else commune_code,
                commune_ar=commune.name_ar if commune else "",
                count=_count(cell),
            )
        )
    return sorted(result, key=lambda p: (p.province_fr, p.commune_fr, p.commune_code))


def _bands(households: _Households) -> list[BandRow]:
    return [BandRow(name, _count(households.bands.get(name, (0, 0)))) for name, _, _ in SIZE_BANDS]


def _flags(session: Session, sql: Scope, households: _Households) -> list[FlagRow]:
    rows = sql.rows(
        session,
        f"SELECT f.value, count(*), sum(h.size) FROM households h, json_each(h.flags) f "
        f"WHERE h.id IN ({sql.served}) GROUP BY f.value",
    )
    counted = {flag: _count((families, people)) for flag, families, people in rows}
    known = [FlagRow(flag, counted.pop(flag, Count(0, 0))) for flag in VULNERABILITY_FLAGS]
    others = [FlagRow(flag, count) for flag, count in sorted(counted.items())]
    return known + others + [FlagRow(NO_FLAG, _count(households.no_flag))]


def _events(session: Session, sql: Scope, event_id: str | None, date_from, date_to) -> list[tuple]:
    """The events of the report: the one asked for, else those with a receipt or an attendance in the period or whose
    dates meet it."""
    if event_id:
        where, params = "e.id = :event", {"event": event_id}
    else:
        where = (
            f"e.deleted_at IS NULL AND (e.starts_on <= :day_to AND e.ends_on >= :day_from "
            f"OR e.id IN (SELECT event_id FROM ({sql.scoped})) OR e.id IN (SELECT event_id FROM ({sql.attendance}) a))"
        )
        params = {**sql.params, "day_from": date_from.isoformat(), "day_to": date_to.isoformat()}
    return session.execute(
        text(f"SELECT id, name, starts_on, ends_on, site FROM events e WHERE {where} ORDER BY e.starts_on, e.name"),
        params,
    ).all()


def _event_rows(session: Session, sql: Scope, events: list[tuple], by_event: dict) -> list[EventRow]:
    present = {
        event_id: (volunteers, hours)
        for event_id, volunteers, hours in sql.rows(
            session,
            f"SELECT a.event_id, count(DISTINCT a.volunteer_id), "
            f"coalesce(sum(CASE WHEN a.check_out IS NOT NULL THEN {_HOURS} END), 0) "
            f"FROM ({sql.attendance}) a GROUP BY a.event_id",
        )
    }
    rows = []
    for event_id, name, starts_on, ends_on, site in events:
        receipts, _, families = by_event.get(event_id, (0, 0, 0))
        volunteers, hours = present.get(event_id, (0, 0.0))
        rows.append(
            EventRow(
                event_id=event_id,
                name=name,
                starts_on=_date(starts_on),
                ends_on=_date(ends_on),
                site=site,
                families=families,
                receipts=receipts,
                volunteers=volunteers,
                hours=round(float(hours or 0), 2),
            )
        )
    return rows


def _date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _items(session: Session, sql: Scope, events: list[tuple]) -> list[ItemRow]:
    # Receipts grouped by their items as written (a few hundred kinds a year): each kind's JSON read once, not each
    # receipt's.
    given: dict[tuple[str, str], tuple[int, int]] = {}
    for event_id, items, receipts in sql.rows(
        session, f"SELECT event_id, items, count(*) FROM ({sql.active}) GROUP BY event_id, items"
    ):
        for line in _loads(items):
            key = (event_id, str(line.get("code", "")).upper())
            quantity, entitled = given.get(key, (0, 0))
            given[key] = (
                quantity + int(line.get("quantity") or 0) * receipts,
                entitled + int(line.get("entitled") or 0) * receipts,
            )
    names = {event_id: name for event_id, name, *_ in events}
    rows = []
    for event_id, code, label, label_ar, stock in session.execute(
        text(
            "SELECT event_id, code, label, label_ar, stock FROM event_items WHERE deleted_at IS NULL "
            "AND event_id IN (SELECT value FROM json_each(:ids)) ORDER BY event_id, position"
        ),
        {"ids": _json_list(list(names))},
    ):
        quantity, entitled = given.pop((event_id, code.upper()), (0, 0))
        rows.append(ItemRow(names[event_id], code, label, label_ar, int(quantity or 0), int(entitled or 0), stock))
    # Items handed out that the event no longer lists (removed after the day): still counted.
    for (event_id, code), (quantity, entitled) in sorted(given.items()):
        if event_id in names:
            rows.append(ItemRow(names[event_id], code, code, None, int(quantity or 0), int(entitled or 0), None))
    order = {event_id: index for index, (event_id, *_) in enumerate(events)}
    id_of = {name: event_id for event_id, name in names.items()}
    return sorted(rows, key=lambda r: order.get(id_of.get(r.event_name), 0))


def _json_list(values: list[str]) -> str:
    return json.dumps(values)


def build(session: Session, scope: ReportScope) -> tuple[FunderReport, Scope]:
    """The report of `scope` read on `session`, and the scope's SQL (for the receipts behind it)."""
    event_id, date_from, date_to = resolve(session, scope)
    sql = Scope(event_id, scope.date_from, scope.date_to)
    events = _events(session, sql, event_id, date_from, date_to)
    households = _households(session, sql)
    by_event = _receipts_by_event(session, sql)
    places = _places(households)
    report = FunderReport(
        association=settings.get(session, "association_name") or "",
        scope=scope,
        date_from=date_from,
        date_to=date_to,
        made_at=dt.datetime.now(dt.UTC),
        totals=_totals(session, sql, households, by_event),
        places=places,
        bands=_bands(households),
        flags=_flags(session, sql, households),
        items=_items(session, sql, events),
        served_by_event=_event_rows(session, sql, events, by_event),
        served_by_commune=sorted(
            ((p.commune_fr, p.commune_ar, p.count.families) for p in places if p.count.families >= MASK_BELOW),
            key=lambda c: (-c[2], c[0]),
        ),
    )
    return report, sql


def resolve(session: Session, scope: ReportScope) -> tuple[str | None, dt.date | None, dt.date | None]:
    """The event's id (None for a period) and the dates covered: the period's, else the event's own."""
    if not scope.event:
        return None, scope.date_from, scope.date_to
    event = lookup.event(session, scope.event)
    date_from = scope.date_from or event.starts_on
    date_to = scope.date_to or event.ends_on
    return event.id, date_from, date_to


def receipt_lines(session: Session, sql: Scope) -> Iterator[ReceiptLine]:
    """Every receipt in scope (voided ones too, marked), oldest first, read page by page."""
    query = text(
        f"SELECT d.receipt, e.name, d.served_at, d.household_id, h.province_code, h.commune_code, h.size, h.flags, "
        f"d.items, d.voided, d.event_id FROM ({sql.scoped}) d JOIN households h ON h.id = d.household_id "
        f"JOIN events e ON e.id = d.event_id ORDER BY d.served_at, d.id"
    )
    seen: set[tuple[str, str]] = set()
    result = session.execute(query.execution_options(yield_per=1000), sql.params)
    for row in result:
        commune = geo.commune(row.commune_code)
        flags = tuple(_loads(row.flags))
        pair = (row.event_id, row.household_id)
        twice = not row.voided and pair in seen
        if not row.voided:
            seen.add(pair)
        yield ReceiptLine(
            receipt=row.receipt,
            event_name=row.name,
            served_at=_when(row.served_at),
            household_id=row.household_id,
            province_code=row.province_code,
            commune_code=row.commune_code,
            commune_fr=commune.name_fr if commune else row.commune_code,
            commune_ar=commune.name_ar if commune else "",
            size=row.size,
            size_band=size_band(row.size),
            flags=flags,
            items=" ".join(f"{i['code']}×{i['quantity']}" for i in _loads(row.items)),
            voided=bool(row.voided),
            served_twice=twice,
            counted=not row.voided,
        )


def _loads(value) -> list:
    if value is None:
        return []
    return json.loads(value) if isinstance(value, str) else list(value)


def _when(value) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return dt.datetime.fromisoformat(str(value)).replace(tzinfo=dt.UTC)
