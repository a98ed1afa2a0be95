"""HQ administration: associations, devices (list, revoke), and campaigns published to every association."""

from __future__ import annotations

import datetime as dt
import secrets

import sqlalchemy as sa

from fieldapp.clock import HybridLogicalClock
from fieldapp.ids import uuid7
from hq import schema as s
from hq.db import Database
from hq.errors import HQError
from hq.ingest import Author, apply
from sync import protocol

HQ_AUTHOR = Author(protocol.HQ_DEVICE, protocol.HQ_DEVICE, protocol.EVERY_ASSOCIATION)


def _iso(value: dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def add_association(db: Database, name: str) -> dict:
    name = name.strip()
    if not name:
        raise HQError(protocol.BAD_REQUEST, "an association needs a name")
    now = s.utcnow()
    with db.write() as conn:
        taken = conn.execute(sa.select(s.associations.c.id).where(s.associations.c.name == name)).first()
        if taken is not None:
            raise HQError("association_exists", f"an association is already called {name!r} ({taken.id})")
        association_id = uuid7()
        conn.execute(
            s.associations.insert().values(id=association_id, name=name, created_at=now, card_key=secrets.token_hex(32))
        )
    return {"id": association_id, "name": name, "created_at": now.isoformat()}


def list_associations(db: Database) -> list[dict]:
    a, d = s.associations, s.devices
    active = (
        sa.select(sa.func.count())
        .where(d.c.association_id == a.c.id, d.c.revoked_at.is_(None))
        .scalar_subquery()
        .label("devices")
    )
    with db.read() as conn:
        rows = conn.execute(sa.select(a, active).order_by(a.c.name)).all()
    return [{"id": r.id, "name": r.name, "created_at": _iso(r.created_at), "devices": r.devices} for r in rows]


def _device(row: sa.Row) -> dict:
    return {
        "id": row.id,
        "code": row.code,
        "name": row.name,
        "association_id": row.association_id,
        "enrolled_at": _iso(row.enrolled_at),
        "last_seen_at": _iso(row.last_seen_at),
        "revoked_at": _iso(row.revoked_at),
        "push_expected": row.next_seq,
        "app_version": row.app_version,
    }


def list_devices(db: Database, association_id: str | None = None) -> list[dict]:
    d = s.devices
    query = sa.select(d).order_by(d.c.association_id, d.c.enrolled_at)
    with db.read() as conn:
        if association_id is not None:
            found = conn.execute(sa.select(s.associations.c.id).where(s.associations.c.id == association_id)).first()
            if found is None:
                raise HQError(protocol.NOT_FOUND, f"no association {association_id}")
            query = query.where(d.c.association_id == association_id)
        return [_device(row) for row in conn.execute(query)]


def revoke_device(db: Database, device_id: str) -> dict:
    """Revoke a laptop: its token is refused from its next request on. Revoking twice changes nothing."""
    d = s.devices
    with db.write() as conn:
        row = conn.execute(sa.select(d).where(d.c.id == device_id)).first()
        if row is None:
            raise HQError(protocol.NOT_FOUND, f"no device {device_id}")
        if row.revoked_at is None:
            conn.execute(d.update().where(d.c.id == device_id).values(revoked_at=s.utcnow()))
            row = conn.execute(sa.select(d).where(d.c.id == device_id)).one()
    return _device(row)


def parse_item(text: str) -> dict:
    """CODE:LABEL:QTY (the label may hold colons)."""
    code, _, rest = text.partition(":")
    label, _, quantity = rest.rpartition(":")
    if not code.strip() or not label.strip() or not quantity.strip().isdigit() or int(quantity) < 1:
        raise HQError(protocol.BAD_REQUEST, f"item {text!r}: expected CODE:LABEL:QTY with a quantity of 1 or more")
    return {"code": code.strip().upper(), "label": label.strip(), "quantity": int(quantity)}


def _date(text: str, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise HQError(protocol.BAD_REQUEST, f"{name}: {text!r} is not a date YYYY-MM-DD") from None


def publish_campaign(db: Database, name: str, starts: str, ends: str, items: list[str]) -> dict:
    """An event and its items as reference data (association "*", device "HQ"): every association pulls them."""
    starts_on, ends_on = _date(starts, "--starts"), _date(ends, "--ends")
    if ends_on < starts_on:
        raise HQError(protocol.BAD_REQUEST, "--ends is before --starts")
    if not name.strip():
        raise HQError(protocol.BAD_REQUEST, "a campaign needs a name")
    parsed = [parse_item(text) for text in items]
    if not parsed:
        raise HQError(protocol.BAD_REQUEST, "a campaign needs at least one --item CODE:LABEL:QTY")
    if len({item["code"] for item in parsed}) != len(parsed):
        raise HQError(protocol.BAD_REQUEST, "two items have the same code")
    with db.write() as conn:
        newest = conn.execute(sa.select(sa.func.max(s.records.c.hlc))).scalar()
        clock = HybridLogicalClock(protocol.HQ_DEVICE, last=newest)  # HQ's edits come after every stamp it holds
        event_id = uuid7()
        event = {"name": name.strip(), "starts_on": starts_on.isoformat(), "ends_on": ends_on.isoformat()}
        changes = [{"t": "events", "i": event_id, "h": clock.now(), "o": protocol.INSERT, "f": event}]
        item_ids = []
        for position, item in enumerate(parsed):
            item_ids.append(uuid7())
            fields = {"event_id": event_id, "position": position, "rule": "per_household", **item}
            changes.append({"t": "event_items", "i": item_ids[-1], "h": clock.now(), "o": protocol.INSERT, "f": fields})
        outcome = apply(conn, HQ_AUTHOR, changes)
    return {
        "event_id": event_id,
        "name": event["name"],
        "starts_on": event["starts_on"],
        "ends_on": event["ends_on"],
        "items": [{"id": i, **item} for i, item in zip(item_ids, parsed, strict=True)],
        "cursor": outcome.cursor,
    }


RESTORE_GAP = 1_000_000_000


def after_restore(db: Database) -> dict:
    """Move the cursor far past any value handed out before a restore, so laptops whose cursor is beyond the restored
    head still receive what is logged from now on (re-served changes merge to no effect)."""
    counter = s.counters
    with db.write() as conn:
        old = conn.execute(sa.select(counter.c.value).where(counter.c.name == "cursor")).scalar_one()
        conn.execute(counter.update().where(counter.c.name == "cursor").values(value=old + RESTORE_GAP))
    return {"old_head": old, "new_head": old + RESTORE_GAP}
