"""Whose rows and which rows the dashboard's figures cover: the Scope (an association's staff or the platform's)
and the Filters, as WHERE clauses; the scope is applied in SQL to every query."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import sqlalchemy as sa

from hq import schema as s
from hq.errors import HQError
from sync import protocol

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


# --- WHERE clauses ---------------------------------------------------------------------------------------------------


def owner_where(table: sa.Table, scope: Scope, filters: Filters) -> list:
    column = table.c.association_id
    if scope.association_id is not None:
        mine = [column == scope.association_id]
        return mine if filters.association_id in (None, scope.association_id) else [sa.false()]
    return [column == filters.association_id] if filters.association_id else []


def place_where(table: sa.Table, filters: Filters) -> list:
    where = []
    for name in ("region_code", "province_code", "commune_code"):
        value = getattr(filters, name)
        if value is not None:
            where.append(table.c[name] == value)
    return where


def days_where(column, filters: Filters) -> list:
    where = []
    if filters.date_from:
        where.append(column >= filters.date_from.isoformat())
    if filters.date_to:
        where.append(column <= filters.date_to.isoformat())
    return where


def events_where(column, filters: Filters) -> list:
    return [column.in_(sorted(set(filters.event_ids)))] if filters.event_ids else []


def where_receipts(scope: Scope, filters: Filters) -> list:
    """The WHERE of fig_receipts rows in scope (valid and voided): what `receipts` lists."""
    f = s.fig_receipts
    return [
        *owner_where(f, scope, filters),
        *events_where(f.c.event_id, filters),
        *served_where(f.c.served_at, filters),
        *place_where(f, filters),
    ]


def served_where(column, filters: Filters) -> list:
    """The period as bounds on a UTC instant (an index on it serves a page of receipts without reading the rest)."""
    where = []
    if filters.date_from:
        where.append(column >= dt.datetime.combine(filters.date_from, dt.time.min, dt.UTC))
    if filters.date_to:
        where.append(column < dt.datetime.combine(filters.date_to + dt.timedelta(days=1), dt.time.min, dt.UTC))
    return where
