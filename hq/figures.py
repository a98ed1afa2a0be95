"""The dashboard's figures, read from the aggregates kept at ingest (hq.figures_ingest), with the laptop's definitions.

Every function takes a Scope (whose association's rows may be read: one, or every one for platform staff) and
Filters (a period, events, a place, an association). The scope becomes a WHERE clause on association_id in every
query, so an association's staff never read another association's numbers whatever filters they pass.

Families served (distinct households with a valid receipt in scope) come, exactly, from:
- fig_days for a period or all time (each household counts once, on its first served day in the period);
- a distinct count over fig_receipts (indexed by event) for events (one, or several = a campaign), with or without
  a period.
A family is a record of one association: a family served by two associations counts once for each (platform totals
are the sum over associations; cross-association double-serving is another page).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fieldapp import geo
from fieldapp.figure_rules import NO_FLAG, SIZE_BANDS, VULNERABILITY_FLAGS, Count, definition_key, size_band
from hq import figures_cache
from hq import schema as s
from hq.errors import HQError
from hq.figures_receipts import ReceiptPage as ReceiptPage
from hq.figures_receipts import ReceiptRow as ReceiptRow
from hq.figures_receipts import receipts as receipts
from hq.figures_scope import Filters as Filters
from hq.figures_scope import Scope as Scope
from hq.figures_scope import days_where, events_where, place_where, where_receipts
from sync import protocol

LEVELS = ("region", "province", "commune")


@dataclass(frozen=True)
class Overview:
    families: int
    people: int
    receipts: int  # valid receipts
    voided: int
    volunteers: int | None  # None with a place filter: attendance has no place
    hours: float | None
    open_attendance: int | None
    definitions: dict[str, str] = field(
        default_factory=lambda: {
            name: definition_key(name)
            for name in (
                "families",
                "people",
                "receipts",
                "voided",
                "volunteers",
                "hours",
                "dates",
                "associations",
                "presence_place",
            )
        }
    )


@dataclass(frozen=True)
class PlaceRow:
    level: str  # "region", "province" or "commune"
    code: str
    name_fr: str
    name_ar: str
    count: Count
    receipts: int
    voided: int


@dataclass(frozen=True)
class AssociationRow:
    association_id: str
    name: str
    count: Count
    receipts: int
    voided: int


@dataclass(frozen=True)
class FlagRow:
    flag: str  # a VULNERABILITY_FLAGS value, another recorded criterion, or NO_FLAG
    count: Count


@dataclass(frozen=True)
class BandRow:
    band: str  # a SIZE_BANDS label
    count: Count


@dataclass(frozen=True)
class ItemRow:
    code: str
    quantity: int
    entitled: int


@dataclass(frozen=True)
class Breakdown:
    """Rows of one breakdown and the message keys of the definitions behind them."""

    rows: list
    definitions: tuple[str, ...]


# --- the two kinds of sums -------------------------------------------------------------------------------------------


def _owned(table, owners: list[str] | None) -> list:
    return [] if owners is None else [table.c.association_id.in_(owners)]


def _fold(parts: dict[tuple, tuple], by: tuple[str, ...]) -> dict[tuple, list]:
    """Sum the associations' parts ((association, *key) → sums) by key; by ("association_id",) keeps them apart."""
    keep = by == ("association_id",)
    folded: dict[tuple, list] = {}
    for key, sums in parts.items():
        cell = folded.setdefault(key[:1] if keep else key[1:], [0] * len(sums))
        for index, value in enumerate(sums):
            cell[index] += value
    return folded


def families(conn: Connection, scope: Scope, filters: Filters, by: tuple[str, ...] = ()) -> dict[tuple, Count]:
    """Families served and their people, grouped by association_id alone, or by columns of the family tables
    (region_code, province_code, commune_code, size, flags); () → {(): total}."""
    filters.check()
    columns = () if by == ("association_id",) else by
    parts = figures_cache.per_association(
        conn, scope, filters, ("families", columns), lambda owners: _families(conn, owners, filters, columns)
    )
    found = {key: Count(int(f), int(p)) for key, (f, p) in _fold(parts, by).items() if f}
    return found if by else {(): found.get((), Count(0, 0))}


def _families(conn: Connection, owners: list[str] | None, filters: Filters, by: tuple[str, ...]) -> dict:
    """(association, *by) → (families, people) from the tables, for `owners` (None: every association)."""
    if not filters.event_ids:
        t = s.fig_days
        prev = t.c.prev_day < filters.date_from.isoformat() if filters.date_from else t.c.prev_day == ""
        where = [*_owned(t, owners), *days_where(t.c.day, filters), prev, *place_where(t, filters)]
        source, columns = t, [t.c[n] for n in ("association_id", *by)]
        sums = [sa.func.sum(t.c.families), sa.func.sum(t.c.people)]
    else:
        f = s.fig_receipts
        keys = {"association_id", "household_id", "size", *by}
        served = (
            sa.select(*(f.c[n] for n in sorted(keys)))
            .where(*_owned(f, owners), *where_receipts(Scope(None), filters), f.c.voided.is_(False))
            .distinct()
            .subquery()
        )
        source, columns, where = served, [served.c[n] for n in ("association_id", *by)], []
        sums = [sa.func.count(), sa.func.sum(served.c.size)]
    query = sa.select(*columns, *sums).select_from(source).where(*where).group_by(*columns)
    return {tuple(row[:-2]): (int(row[-2] or 0), int(row[-1] or 0)) for row in conn.execute(query)}


def cells(conn: Connection, scope: Scope, filters: Filters, by: tuple[str, ...] = (), items: bool = False) -> dict:
    """Additive sums from fig_cells: (receipts, voided) grouped `by`, or with `items` (quantity, entitled) by item
    code and `by`."""
    filters.check()
    columns = () if by == ("association_id",) else by
    name = ("items" if items else "cells", columns)
    parts = figures_cache.per_association(
        conn, scope, filters, name, lambda o: _cells(conn, o, filters, columns, items)
    )
    return {key: (sums[0], sums[1]) for key, sums in _fold(parts, by).items()}


def _cells(conn: Connection, owners: list[str] | None, filters: Filters, by: tuple[str, ...], items: bool) -> dict:
    c = s.fig_cells
    where = [*_owned(c, owners), *events_where(c.c.event_id, filters), *days_where(c.c.day, filters)]
    where += [*place_where(c, filters), c.c.item_code != "" if items else c.c.item_code == ""]
    columns = [c.c[n] for n in ("association_id", *(("item_code",) if items else ()), *by)]
    sums = (c.c.quantity, c.c.entitled) if items else (c.c.receipts, c.c.voided)
    query = sa.select(*columns, *(sa.func.sum(x) for x in sums)).where(*where).group_by(*columns)
    return {tuple(row[:-2]): (int(row[-2] or 0), int(row[-1] or 0)) for row in conn.execute(query)}


def _presence(conn: Connection, scope: Scope, filters: Filters) -> tuple[int, float, int]:
    """Volunteers (distinct per association), hours and attendances without a departure."""
    parts = figures_cache.per_association(conn, scope, filters, ("presence",), lambda o: _presence_of(conn, o, filters))
    volunteers, hours, open_ = _fold(parts, ()).get((), (0, 0.0, 0))
    return int(volunteers), round(float(hours), 2), int(open_)


def _presence_of(conn: Connection, owners: list[str] | None, filters: Filters) -> dict:
    p = s.fig_presence
    where = [*_owned(p, owners), *events_where(p.c.event_id, filters), *days_where(p.c.day, filters)]
    query = (
        sa.select(
            p.c.association_id,
            sa.func.count(p.c.volunteer_id.distinct()),
            sa.func.coalesce(sa.func.sum(p.c.hours), 0),
            sa.func.count() - sa.func.count(p.c.hours),
        )
        .where(*where)
        .group_by(p.c.association_id)
    )
    return {(row[0],): (int(row[1]), float(row[2] or 0), int(row[3] or 0)) for row in conn.execute(query)}


# --- the figures -----------------------------------------------------------------------------------------------------


def overview(conn: Connection, scope: Scope, filters: Filters) -> Overview:
    """Headline totals of the scope and filters."""
    total = families(conn, scope, filters)[()]
    receipts, voided = cells(conn, scope, filters).get((), (0, 0))
    volunteers = hours = open_ = None
    if not filters.placed:
        volunteers, hours, open_ = _presence(conn, scope, filters)
    return Overview(total.families, total.people, receipts, voided, volunteers, hours, open_)


def _place_names(level: str, code: str) -> tuple[str, str]:
    if level == "region":
        return geo.regions().get(code, (code, ""))
    if level == "province":
        return geo.province_names(code) or (code, "")
    commune = geo.commune(code)
    return (commune.name_fr, commune.name_ar) if commune else (code, "")


def by_place(conn: Connection, scope: Scope, filters: Filters, level: str = "region") -> Breakdown:
    """Families, people, valid and voided receipts per region, province or commune of the households (drill down by
    setting the filter of the level above); largest first."""
    if level not in LEVELS:
        raise HQError(protocol.BAD_REQUEST, f"level must be one of {', '.join(LEVELS)}")
    column = f"{level}_code"
    counts = families(conn, scope, filters, (column,))
    sums = cells(conn, scope, filters, (column,))
    rows = []
    for key in counts.keys() | sums.keys():
        code = key[0]
        receipts, voided = sums.get(key, (0, 0))
        rows.append(PlaceRow(level, code, *_place_names(level, code), counts.get(key, Count(0, 0)), receipts, voided))
    rows.sort(key=lambda r: (-r.count.families, -r.receipts, r.code))
    return Breakdown(rows, tuple(definition_key(n) for n in ("families", "people", "place", "masking")))


def by_association(conn: Connection, scope: Scope, filters: Filters) -> Breakdown:
    """Families, people, valid and voided receipts per association (platform staff only); largest first."""
    if not scope.platform:
        raise HQError("forbidden", "figures by association are for platform staff", status=403)
    counts = families(conn, scope, filters, ("association_id",))
    sums = cells(conn, scope, filters, ("association_id",))
    keys = counts.keys() | sums.keys()
    a = s.associations
    names = dict(conn.execute(sa.select(a.c.id, a.c.name).where(a.c.id.in_(sorted(k[0] for k in keys)))).all())
    rows = [AssociationRow(k[0], names.get(k[0], k[0]), counts.get(k, Count(0, 0)), *sums.get(k, (0, 0))) for k in keys]
    rows.sort(key=lambda r: (-r.count.families, r.name))
    return Breakdown(
        rows, tuple(definition_key(n) for n in ("associations", "families", "people", "receipts", "voided"))
    )


def by_vulnerability(conn: Connection, scope: Scope, filters: Filters) -> Breakdown:
    """Families and people per criterion (a family with several counts in each: rows do not add up), then the
    criteria not in the list, then families without any (NO_FLAG)."""
    counted: dict[str, list[int]] = {}
    for (flags,), count in families(conn, scope, filters, ("flags",)).items():
        for flag in flags.split(",") if flags else [NO_FLAG]:
            cell = counted.setdefault(flag, [0, 0])
            cell[0] += count.families
            cell[1] += count.people
    known = [FlagRow(f, Count(*counted.pop(f, (0, 0)))) for f in VULNERABILITY_FLAGS]
    none = Count(*counted.pop(NO_FLAG, (0, 0)))
    others = [FlagRow(f, Count(*c)) for f, c in sorted(counted.items())]
    return Breakdown(known + others + [FlagRow(NO_FLAG, none)], (definition_key("vulnerability"), "report.def_masking"))


def by_size(conn: Connection, scope: Scope, filters: Filters) -> Breakdown:
    """Families and people per household size band (SIZE_BANDS)."""
    bands = {name: [0, 0] for name, _, _ in SIZE_BANDS}
    for (size,), count in families(conn, scope, filters, ("size",)).items():
        cell = bands[size_band(size)]
        cell[0] += count.families
        cell[1] += count.people
    return Breakdown([BandRow(name, Count(*cell)) for name, cell in bands.items()], (definition_key("size"),))


def items(conn: Connection, scope: Scope, filters: Filters) -> Breakdown:
    """Quantities handed out (valid receipts) and entitled, per item code; by code."""
    rows = [ItemRow(k[0], q, e) for k, (q, e) in sorted(cells(conn, scope, filters, items=True).items())]
    return Breakdown(rows, (definition_key("items"),))


def warm(conn: Connection, views: list[Filters] | None = None) -> int:
    """Count the platform's figures of `views` (default: all time and this UTC month) so that the pages find them in
    memory (hq.figures_cache): for HQ's start and, in the background, after pushes. The number of figures counted."""
    today = dt.datetime.now(dt.UTC).date()
    views = views if views is not None else [Filters(), Filters(date_from=today.replace(day=1), date_to=today)]
    platform, counted = Scope(None), 0
    for filters in views:
        overview(conn, platform, filters)
        for breakdown in (by_association, by_vulnerability, by_size, items):
            breakdown(conn, platform, filters)
        by_place(conn, platform, filters, "region")
        counted += 6
    return counted
