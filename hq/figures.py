"""The dashboard's figures, read from the aggregates kept at ingest (hq.figures_ingest), with the laptop's definitions.

Every function takes a Scope (whose association's rows may be read: one, or every one for platform staff) and
Filters (a period, events, a place, an association). The scope becomes a WHERE clause on association_id in every
query, so an association's staff never read another association's numbers whatever filters they pass.

Families served (distinct households with a valid receipt in scope) come, exactly, from:
- fig_days for a period or all time (each household counts once, on its first served day in the period);
- fig_events for one event;
- a distinct count over fig_receipts for several events (a campaign) or events with a period.
A family is a record of one association: a family served by two associations counts once for each (platform totals
are the sum over associations; cross-association double-serving is another page).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fieldapp import geo
from fieldapp.figure_rules import NO_FLAG, SIZE_BANDS, VULNERABILITY_FLAGS, definition_key, masked, size_band
from hq import schema as s
from hq.errors import HQError
from sync import protocol

LEVELS = ("region", "province", "commune")
MAX_EVENTS = 200
_CODE = re.compile(r"^[0-9A-Za-z.\-]{1,16}$")
_ID = re.compile(r"^[0-9A-Za-z\-]{1,36}$")


@dataclass(frozen=True)
class Scope:
    """Whose rows may be read: one association's (its staff) or every association's (association_id None: platform)."""

    association_id: str | None

    @property
    def platform(self) -> bool:
        return self.association_id is None


@dataclass(frozen=True)
class Filters:
    """What the figures cover: UTC dates (both inclusive, either open), events (several = a campaign), a place
    (HCP region, province or commune code) and an association (platform staff; an association's scope overrides it)."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    event_ids: tuple[str, ...] = ()
    region_code: str | None = None
    province_code: str | None = None
    commune_code: str | None = None
    association_id: str | None = None

    def check(self) -> Filters:
        """The filters, or HQError bad_request (422) for a value that cannot be one."""
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise HQError(protocol.BAD_REQUEST, "the period ends before it starts")
        if len(self.event_ids) > MAX_EVENTS or not all(_ID.match(str(e)) for e in self.event_ids):
            raise HQError(protocol.BAD_REQUEST, "bad event ids")
        for code in (self.region_code, self.province_code, self.commune_code):
            if code is not None and not _CODE.match(code):
                raise HQError(protocol.BAD_REQUEST, f"bad place code {code!r}")
        if self.association_id is not None and not _ID.match(self.association_id):
            raise HQError(protocol.BAD_REQUEST, "bad association id")
        return self

    @property
    def placed(self) -> bool:
        return bool(self.region_code or self.province_code or self.commune_code)


@dataclass(frozen=True)
class Count:
    """Families and people (the sum of their household sizes) in one cell; `masked` cells show "< 5"."""

    families: int
    people: int

    @property
    def masked(self) -> bool:
        return masked(self.families)


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
            for name in ("families", "people", "receipts", "voided", "volunteers", "hours", "dates")
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


# --- WHERE clauses ---------------------------------------------------------------------------------------------------


def _owner(table: sa.Table, scope: Scope, filters: Filters) -> list:
    column = table.c.association_id
    if scope.association_id is not None:
        mine = [column == scope.association_id]
        return mine if filters.association_id in (None, scope.association_id) else [sa.false()]
    return [column == filters.association_id] if filters.association_id else []


def _place(table: sa.Table, filters: Filters) -> list:
    where = []
    for name in ("region_code", "province_code", "commune_code"):
        value = getattr(filters, name)
        if value is not None:
            where.append(table.c[name] == value)
    return where


def _days(column, filters: Filters) -> list:
    where = []
    if filters.date_from:
        where.append(column >= filters.date_from.isoformat())
    if filters.date_to:
        where.append(column <= filters.date_to.isoformat())
    return where


def _events(column, filters: Filters) -> list:
    return [column.in_(sorted(set(filters.event_ids)))] if filters.event_ids else []


def where_receipts(scope: Scope, filters: Filters) -> list:
    """The WHERE of fig_receipts rows in scope (valid and voided): what `receipts` lists."""
    f = s.fig_receipts
    return [
        *_owner(f, scope, filters),
        *_events(f.c.event_id, filters),
        *_days(f.c.day, filters),
        *_place(f, filters),
    ]


# --- the two kinds of sums -------------------------------------------------------------------------------------------


def families(conn: Connection, scope: Scope, filters: Filters, by: tuple[str, ...] = ()) -> dict[tuple, Count]:
    """Families served and their people, grouped by columns of the family tables (association_id, region_code,
    province_code, commune_code, size, flags); () → {(): total}."""
    filters.check()
    if not filters.event_ids:
        t = s.fig_days
        prev = t.c.prev_day < filters.date_from.isoformat() if filters.date_from else t.c.prev_day == ""
        where = [*_owner(t, scope, filters), *_days(t.c.day, filters), prev, *_place(t, filters)]
        source, columns = t, [t.c[n] for n in by]
        sums = [sa.func.sum(t.c.families), sa.func.sum(t.c.people)]
    elif len(set(filters.event_ids)) == 1 and not (filters.date_from or filters.date_to):
        t = s.fig_events
        where = [*_owner(t, scope, filters), t.c.event_id == filters.event_ids[0], *_place(t, filters)]
        source, columns = t, [t.c[n] for n in by]
        sums = [sa.func.sum(t.c.families), sa.func.sum(t.c.people)]
    else:
        f = s.fig_receipts
        keys = {"association_id", "household_id", "size", *by}
        served = (
            sa.select(*(f.c[n] for n in sorted(keys)))
            .where(*where_receipts(scope, filters), f.c.voided.is_(False))
            .distinct()
            .subquery()
        )
        source, columns, where = served, [served.c[n] for n in by], []
        sums = [sa.func.count(), sa.func.sum(served.c.size)]
    query = sa.select(*columns, *sums).select_from(source).where(*where)
    if columns:
        query = query.group_by(*columns)
    found = {}
    for row in conn.execute(query):
        families_, people = row[-2], row[-1]
        if families_:
            found[tuple(row[:-2])] = Count(int(families_), int(people or 0))
    return found if by else {(): found.get((), Count(0, 0))}


def cells(conn: Connection, scope: Scope, filters: Filters, by: tuple[str, ...] = (), items: bool = False) -> dict:
    """Additive sums from fig_cells: (receipts, voided) grouped `by`, or with `items` (quantity, entitled) by item
    code and `by`."""
    filters.check()
    c = s.fig_cells
    where = [*_owner(c, scope, filters), *_events(c.c.event_id, filters), *_days(c.c.day, filters)]
    where += [*_place(c, filters), c.c.item_code != "" if items else c.c.item_code == ""]
    columns = [c.c[n] for n in (("item_code",) if items else ()) + by]
    sums = (c.c.quantity, c.c.entitled) if items else (c.c.receipts, c.c.voided)
    query = sa.select(*columns, *(sa.func.sum(x) for x in sums)).where(*where)
    if columns:
        query = query.group_by(*columns)
    return {tuple(row[:-2]): (int(row[-2] or 0), int(row[-1] or 0)) for row in conn.execute(query)}


def _presence(conn: Connection, scope: Scope, filters: Filters) -> tuple[int, float, int]:
    p = s.fig_presence
    where = [*_owner(p, scope, filters), *_events(p.c.event_id, filters), *_days(p.c.day, filters)]
    people = sa.select(p.c.association_id, p.c.volunteer_id).where(*where).distinct().subquery()
    volunteers = conn.execute(sa.select(sa.func.count()).select_from(people)).scalar_one()
    hours, open_ = conn.execute(
        sa.select(sa.func.coalesce(sa.func.sum(p.c.hours), 0), sa.func.count() - sa.func.count(p.c.hours)).where(*where)
    ).one()
    return int(volunteers), round(float(hours or 0), 2), int(open_ or 0)


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
    return Breakdown(rows, tuple(definition_key(n) for n in ("families", "people", "receipts", "voided")))


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


# --- the receipts behind a figure --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReceiptRow:
    """One receipt as the dashboard lists it: never a name, a CIN or a phone."""

    receipt: str
    association_id: str
    device_code: str
    device_name: str
    served_at: dt.datetime
    event_id: str
    event_name: str
    region_code: str
    province_code: str
    commune_code: str
    commune_fr: str
    commune_ar: str
    voided: bool


@dataclass(frozen=True)
class ReceiptPage:
    rows: list[ReceiptRow]
    page: int
    page_size: int
    more: bool  # another page follows


_FLAG = re.compile(r"^[a-z_]{1,40}$")


def _receipt_where(filters: Filters, voided: bool | None, flag: str | None, band: str | None) -> list:
    f = s.fig_receipts
    where = [] if voided is None else [f.c.voided.is_(voided)]
    if flag is not None:
        if not _FLAG.match(flag):
            raise HQError(protocol.BAD_REQUEST, "bad criterion")
        if flag == NO_FLAG:
            where.append(f.c.flags == "")
        else:
            where.append(
                sa.or_(
                    f.c.flags == flag,
                    f.c.flags.like(f"{flag},%"),
                    f.c.flags.like(f"%,{flag}"),
                    f.c.flags.like(f"%,{flag},%"),
                )
            )
    if band is not None:
        limits = {name: (low, high) for name, low, high in SIZE_BANDS}
        if band not in limits:
            raise HQError(protocol.BAD_REQUEST, "bad size band")
        low, high = limits[band]
        where.append(f.c.size >= low if high is None else f.c.size.between(low, high))
    return where


def receipts(
    conn: Connection,
    scope: Scope,
    filters: Filters,
    *,
    voided: bool | None = False,
    flag: str | None = None,
    band: str | None = None,
    page: int = 1,
    page_size: int = 50,
) -> ReceiptPage:
    """The receipts behind a figure, newest first: valid ones (voided=False, the default), voided ones (True) or
    both (None); narrowed to a criterion (`flag`, NO_FLAG for none) or a size band (`band`) for those breakdowns."""
    filters.check()
    if page < 1 or not 1 <= page_size <= 500:
        raise HQError(protocol.BAD_REQUEST, "page from 1, page_size from 1 to 500")
    f = s.fig_receipts
    query = (
        sa.select(f)
        .where(*where_receipts(scope, filters), *_receipt_where(filters, voided, flag, band))
        .order_by(f.c.served_at.desc(), f.c.distribution_id.desc())
        .offset((page - 1) * page_size)
        .limit(page_size + 1)
    )
    found = conn.execute(query).all()
    more, found = len(found) > page_size, found[:page_size]
    devices, events = _device_names(conn, found), _event_names(conn, found)
    rows = []
    for row in found:
        commune = geo.commune(row.commune_code)
        rows.append(
            ReceiptRow(
                receipt=row.receipt,
                association_id=row.association_id,
                device_code=row.device_code,
                device_name=devices.get((row.association_id, row.device_code), row.device_code),
                served_at=row.served_at,
                event_id=row.event_id,
                event_name=events.get((row.association_id, row.event_id), row.event_id),
                region_code=row.region_code,
                province_code=row.province_code,
                commune_code=row.commune_code,
                commune_fr=commune.name_fr if commune else row.commune_code,
                commune_ar=commune.name_ar if commune else "",
                voided=bool(row.voided),
            )
        )
    return ReceiptPage(rows, page, page_size, more)


def _device_names(conn: Connection, found: list) -> dict[tuple[str, str], str]:
    if not found:
        return {}
    d = s.devices
    owners = sorted({r.association_id for r in found})
    codes = sorted({r.device_code for r in found})
    rows = conn.execute(
        sa.select(d.c.association_id, d.c.code, d.c.name, d.c.enrolled_at)
        .where(d.c.association_id.in_(owners), d.c.code.in_(codes))
        .order_by(d.c.enrolled_at)
    )
    return {(r.association_id, r.code): r.name for r in rows}  # the latest enrolled under a code names it


def _event_names(conn: Connection, found: list) -> dict[tuple[str, str], str]:
    """(association, event id) → the event's name: the association's own event or one HQ published to all."""
    if not found:
        return {}
    r = s.records
    owners = sorted({row.association_id for row in found} | {protocol.EVERY_ASSOCIATION})
    rows = conn.execute(
        sa.select(r.c.id, r.c.association_id, r.c.data).where(
            r.c.tbl == "events", r.c.id.in_(sorted({row.event_id for row in found})), r.c.association_id.in_(owners)
        )
    )
    names: dict[tuple[str, str], str] = {}
    published = {}
    for row in rows:
        name = str((row.data or {}).get("name") or row.id)
        if row.association_id == protocol.EVERY_ASSOCIATION:
            published[row.id] = name
        else:
            names[(row.association_id, row.id)] = name
    for row in found:
        if (row.association_id, row.event_id) not in names and row.event_id in published:
            names[(row.association_id, row.event_id)] = published[row.event_id]
    return names
