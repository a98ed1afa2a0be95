"""The receipts behind a figure, a page at a time: number, laptop, time, event and commune; never a name, a CIN or a
phone."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fieldapp import geo
from fieldapp.figure_rules import NO_FLAG, SIZE_BANDS
from hq import schema as s
from hq.errors import HQError
from hq.figures_scope import Filters, Scope, where_receipts
from sync import protocol


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
