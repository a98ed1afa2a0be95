"""Double-serving across associations, as read by HQ's pages and command: for platform staff the pairs with both
receipts; for an association only which of its own families were also served elsewhere in a campaign; counts.

The pairs are kept by hq.cross_keys (rules there) from the change log after pushes (hq.cross_catchup); each reading
here catches up first, so it shows every change HQ has acknowledged. Nothing here reads an association's data for
another.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from hq import cross_catchup, cross_rebuild, match_key
from hq import schema as s
from hq.db import Database
from hq.errors import HQError
from sync import protocol

MAX_PAGE = 500


@dataclass(frozen=True)
class Served:
    """One side of a pair: an association's household and the receipt it was served with."""

    association_id: str
    association_name: str
    household_id: str
    distribution_id: str
    receipt: str | None
    device_code: str  # the laptop that served it
    served_at: str | None  # ISO 8601, as the laptop recorded it


@dataclass(frozen=True)
class Pair:
    """The same person served in one campaign by two associations (platform staff only)."""

    event_id: str
    event_name: str | None
    reason: str  # "cin" or "phone_name" (hq.cross_keys)
    found_at: str  # ISO 8601, when HQ found it
    first: Served
    second: Served


@dataclass(frozen=True)
class PairPage:
    pairs: list[Pair]
    total: int  # pairs matching the filter, all pages
    offset: int
    limit: int


@dataclass(frozen=True)
class ServedElsewhere:
    """For an association: one of its own receipts whose family was also served by another association in the same
    campaign. Nothing of the other association (name, id, household, receipt, reason) is told."""

    event_id: str
    event_name: str | None
    household_id: str
    distribution_id: str
    receipt: str | None
    device_code: str
    served_at: str | None


@dataclass(frozen=True)
class ServedElsewherePage:
    items: list[ServedElsewhere]
    total: int
    offset: int
    limit: int


@dataclass(frozen=True)
class CampaignCount:
    event_id: str
    event_name: str | None
    pairs: int  # for platform staff; for an association: its own receipts served elsewhere too
    households: int  # distinct households involved (of every association; for an association, its own)


def _page(offset: int, limit: int) -> tuple[int, int]:
    if offset < 0 or limit < 1 or limit > MAX_PAGE:
        raise HQError(protocol.BAD_REQUEST, f"offset must be 0 or more and limit between 1 and {MAX_PAGE}")
    return offset, limit


def _event_names(conn: Connection, ids: set[str]) -> dict[str, str | None]:
    r = s.records
    if not ids:
        return {}
    rows = conn.execute(
        sa.select(r.c.id, r.c.data).where(
            r.c.tbl == "events", r.c.association_id == protocol.EVERY_ASSOCIATION, r.c.id.in_(sorted(ids))
        )
    )
    return {row.id: (row.data or {}).get("name") for row in rows}


def _receipts(conn: Connection, keys: set[tuple[str, str]]) -> dict[tuple[str, str], tuple]:
    """(association, distribution id) -> (receipt, device code, served at)."""
    r = s.records
    found = {}
    ordered = sorted(keys)
    for start in range(0, len(ordered), 500):
        query = sa.select(r.c.association_id, r.c.id, r.c.device_code, r.c.data).where(
            r.c.tbl == "distributions", sa.tuple_(r.c.association_id, r.c.id).in_(ordered[start : start + 500])
        )
        for row in conn.execute(query):
            data = row.data if isinstance(row.data, dict) else {}
            found[(row.association_id, row.id)] = (data.get("receipt"), row.device_code, data.get("served_at"))
    return found


def platform_pairs(
    db: Database, event_id: str | None = None, offset: int = 0, limit: int = 50, association_id: str | None = None
) -> PairPage:
    """Pairs for platform staff, of one campaign or all (and with `association_id`, those one association is in):
    a page, newest campaigns first (UUIDv7 event ids), then by association and receipt."""
    offset, limit = _page(offset, limit)
    cross_catchup.catch_up(db)
    c, a = s.cross_servings, s.associations
    where = [] if event_id is None else [c.c.event_id == event_id]
    if association_id is not None:
        where.append(sa.or_(c.c.a_association_id == association_id, c.c.b_association_id == association_id))
    with db.read() as conn:
        total = conn.execute(sa.select(sa.func.count()).select_from(c).where(*where)).scalar_one()
        rows = conn.execute(
            sa.select(c)
            .where(*where)
            .order_by(c.c.event_id.desc(), c.c.a_association_id, c.c.a_distribution_id, c.c.b_association_id)
            .order_by(c.c.b_distribution_id)
            .offset(offset)
            .limit(limit)
        ).all()
        sides = {(row.a_association_id, row.a_distribution_id) for row in rows}
        sides |= {(row.b_association_id, row.b_distribution_id) for row in rows}
        receipts = _receipts(conn, sides)
        ids = sorted({k[0] for k in sides})
        names = dict(conn.execute(sa.select(a.c.id, a.c.name).where(a.c.id.in_(ids))).all()) if ids else {}
        events = _event_names(conn, {row.event_id for row in rows})

    def side(association_id: str, household_id: str, distribution_id: str) -> Served:
        receipt, device, served_at = receipts.get((association_id, distribution_id), (None, "", None))
        name = names.get(association_id, "")
        return Served(association_id, name, household_id, distribution_id, receipt, device, served_at)

    pairs = [
        Pair(
            row.event_id,
            events.get(row.event_id),
            row.reason,
            row.found_at.isoformat(),
            side(row.a_association_id, row.a_household_id, row.a_distribution_id),
            side(row.b_association_id, row.b_household_id, row.b_distribution_id),
        )
        for row in rows
    ]
    return PairPage(pairs, total, offset, limit)


def _own(association_id: str, event_id: str | None) -> sa.Select:
    """(event, own household, own distribution) of an association's receipts in a pair, each once."""
    c = s.cross_servings
    sides = []
    for side in ("a", "b"):
        where = [c.c[f"{side}_association_id"] == association_id]
        if event_id is not None:
            where.append(c.c.event_id == event_id)
        sides.append(
            sa.select(
                c.c.event_id,
                c.c[f"{side}_household_id"].label("household_id"),
                c.c[f"{side}_distribution_id"].label("distribution_id"),
            ).where(*where)
        )
    return sa.union(*sides).subquery()  # UNION: a receipt paired with several others is told once


def served_elsewhere(
    db: Database, association_id: str, event_id: str | None = None, offset: int = 0, limit: int = 50
) -> ServedElsewherePage:
    """For an association's staff: its own receipts whose family another association also served in that campaign."""
    offset, limit = _page(offset, limit)
    cross_catchup.catch_up(db)
    own = _own(association_id, event_id)
    with db.read() as conn:
        total = conn.execute(sa.select(sa.func.count()).select_from(own)).scalar_one()
        rows = conn.execute(
            sa.select(own).order_by(own.c.event_id.desc(), own.c.distribution_id).offset(offset).limit(limit)
        ).all()
        receipts = _receipts(conn, {(association_id, row.distribution_id) for row in rows})
        events = _event_names(conn, {row.event_id for row in rows})
    items = []
    for row in rows:
        receipt, device, served_at = receipts.get((association_id, row.distribution_id), (None, "", None))
        event_name = events.get(row.event_id)
        items.append(
            ServedElsewhere(row.event_id, event_name, row.household_id, row.distribution_id, receipt, device, served_at)
        )
    return ServedElsewherePage(items, total, offset, limit)


def counts(db: Database, association_id: str | None = None) -> list[CampaignCount]:
    """Per campaign: pairs and households involved (platform staff), or with `association_id` that association's own
    receipts served elsewhere too and its households among them. Campaigns without any are left out."""
    cross_catchup.catch_up(db)
    c = s.cross_servings
    with db.read() as conn:
        if association_id is None:
            households = sa.union(
                sa.select(c.c.event_id, c.c.a_association_id.label("x"), c.c.a_household_id.label("h")),
                sa.select(c.c.event_id, c.c.b_association_id.label("x"), c.c.b_household_id.label("h")),
            ).subquery()
            pairs = dict(conn.execute(sa.select(c.c.event_id, sa.func.count()).group_by(c.c.event_id)).all())
            held = dict(
                conn.execute(sa.select(households.c.event_id, sa.func.count()).group_by(households.c.event_id)).all()
            )
        else:
            own = _own(association_id, None)
            pairs = dict(conn.execute(sa.select(own.c.event_id, sa.func.count()).group_by(own.c.event_id)).all())
            distinct = sa.select(own.c.event_id, own.c.household_id).distinct().subquery()
            held = dict(
                conn.execute(sa.select(distinct.c.event_id, sa.func.count()).group_by(distinct.c.event_id)).all()
            )
        names = _event_names(conn, set(pairs))
    return [CampaignCount(e, names.get(e), pairs[e], held.get(e, 0)) for e in sorted(pairs, reverse=True)]


def rebuild(db: Database) -> dict:
    """Every key and pair again from records with the match key in its file (made if the database holds no hash): after
    restoring a database, or to move to a new key. {"households", "keys", "pairs"}."""
    with db.write() as conn:
        try:
            key = match_key.load(conn)
        except HQError as error:
            if error.code != match_key.MATCH_KEY_MISSING and error.code != match_key.MATCH_KEY_WRONG:
                raise
            conn.execute(s.match_keys.delete())  # the old hashes cannot be read without their key: start again
            key = match_key.load(conn)
        result = cross_rebuild.rebuild(conn, key)
    match_key.forget()
    return result


def check_key(db: Database) -> None:
    """At HQ's start: the match key file is there (or not needed yet) and is the one the hashes were made with."""
    with db.write() as conn:
        match_key.load(conn, create=False)
