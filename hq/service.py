"""What the endpoints do: hello, push (once per batch, answers stored), pull (cursor order, safe point), findings."""

from __future__ import annotations

import json
import os
import threading
import time

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from hq import anchors
from hq import schema as s
from hq.auth import Device, authenticate
from hq.db import Database
from hq.errors import HQError
from hq.ingest import Author, apply, now_ms
from sync import protocol

_SEEN_EVERY_S = 60
_RETRIES = 6  # deadlocks and unique races on PostgreSQL, busy SQLite: the whole batch runs again
# Batches applied at once by one process: more only share the CPU and queue on the counter lock, and every device
# waits longer; the others wait here without holding a database connection.
PUSH_SLOTS = int(os.environ.get("FIELDAPP_HQ_PUSH_SLOTS", "4"))
_push_slots = threading.BoundedSemaphore(PUSH_SLOTS)


def head(conn: Connection) -> int:
    """The highest committed cursor: every change at or below it is committed (cursors are taken at commit)."""
    return conn.execute(sa.select(s.counters.c.value).where(s.counters.c.name == "cursor")).scalar_one()


def check_token(db: Database, authorization: str | None) -> Device:
    with db.read() as conn:
        return authenticate(conn, authorization)


def hello(
    db: Database, authorization: str | None, sent: anchors.Sent | None = None, app_version: str | None = None
) -> dict:
    """The hello answer; the audit head and recovery wrap the laptop sent (hq.anchors) are stored under its device,
    and the app version it named (shown on the devices page)."""
    sent = sent or anchors.Sent()
    with db.read() as conn:
        device = authenticate(conn, authorization)
        sent.check()  # after the token: a revoked laptop learns it is revoked whatever it sends
        pull_head = head(conn)
        news = anchors.needs_write(conn, device, sent)
        anchored = None if news else anchors.hello_fields(conn, device, sent)
    now = s.utcnow()
    seen = device.last_seen_at is None or (now - device.last_seen_at).total_seconds() > _SEEN_EVERY_S
    updated = bool(app_version) and app_version != device.app_version
    if seen or news or updated:
        with db.write() as conn:  # `device list` shows when each laptop last synced, even one with nothing to push
            if seen or updated:
                values = {"last_seen_at": now, **({"app_version": app_version} if app_version else {})}
                conn.execute(s.devices.update().where(s.devices.c.id == device.id).values(**values))
            if news:
                anchors.store(conn, authenticate(conn, authorization), sent, now)
                anchored = anchors.hello_fields(conn, device, sent)
    return {
        "protocol": {"min": protocol.MIN_PROTOCOL_VERSION, "max": protocol.PROTOCOL_VERSION},
        "server_ms": now_ms(),
        "limits": {
            "max_batch": protocol.MAX_BATCH,
            "max_body_bytes": protocol.MAX_BODY_BYTES,
            "pull_page": protocol.PULL_PAGE,
        },
        "device": {
            "id": device.id,
            "code": device.code,
            "association_id": device.association_id,
            "association_name": device.association_name,
            "card_key": device.card_key,
        },
        "push_expected": device.next_seq,
        "pull_head": pull_head,
        **anchored,
    }


def _retryable(error: sa.exc.DBAPIError) -> bool:
    code = getattr(error.orig, "sqlstate", None)
    if code in ("40P01", "40001", "23505"):  # deadlock, serialization failure, a unique race between two batches
        return True
    text = str(error.orig).lower()
    return "locked" in text or "busy" in text


def push(db: Database, authorization: str | None, first: int, last: int, changes: list[dict]) -> dict:
    """Apply journal seq first..last once; a resend gets the stored answer, a gap 409 with `expected`."""
    for attempt in range(_RETRIES):
        try:
            with _push_slots, db.write() as conn:
                return _push(conn, authorization, first, last, changes)
        except sa.exc.DBAPIError as error:
            if attempt == _RETRIES - 1 or not _retryable(error):
                raise
            time.sleep(0.01 * 2**attempt)
    raise AssertionError("unreachable")


def _push(conn: Connection, authorization: str | None, first: int, last: int, changes: list[dict]) -> dict:
    device = authenticate(conn, authorization)
    d = s.devices
    query = sa.select(d.c.next_seq).where(d.c.id == device.id)
    if conn.dialect.name == "postgresql":
        # Concurrent copies of one device's batches queue here (SQLite: BEGIN IMMEDIATE does it).
        query = query.with_for_update()
    expected = conn.execute(query).scalar_one()
    now = s.utcnow()
    if last < expected:
        b = s.push_batches
        stored = conn.execute(
            sa.select(b.c.answer).where(b.c.device_id == device.id, b.c.from_seq == first, b.c.to_seq == last)
        ).scalar()
        if stored is not None:
            return stored
        # Sent before under other boundaries (the laptop's record of that batch was out of date): the stamps HQ
        # capped in it and the changes it refused are looked up, so the laptop still learns both.
        answer = {"acked": expected - 1, "duplicate": True, "capped": capped_before(conn, device.id, changes)}
        refused = refused_before(conn, device.id, first, last, changes)
        if refused:
            answer["refused"] = refused
        return answer
    if first > expected:
        raise HQError(protocol.SEQUENCE_GAP, f"this batch starts at {first}, HQ expects {expected}", expected=expected)
    author = Author(device.id, device.code, device.association_id)
    known, new = changes[: expected - first], changes[expected - first :]
    outcome = apply(conn, author, new)
    answer = {
        "acked": last,
        "applied": outcome.applied,
        "conflicts": outcome.conflicts,
        "reviews": outcome.reviews,
        # An overlapping batch: the part HQ had is not applied again, but its capped stamps are told all the same.
        "capped": (capped_before(conn, device.id, known) if known else []) + outcome.capped,
    }
    refused = (refused_before(conn, device.id, first, expected - 1, known) if known else []) + outcome.refused
    if refused:
        answer["refused"] = refused
    conn.execute(
        s.push_batches.insert().values(device_id=device.id, from_seq=first, to_seq=last, answer=answer, at=now)
    )
    conn.execute(d.update().where(d.c.id == device.id).values(next_seq=last + 1, last_seen_at=now))
    return answer


def capped_before(conn: Connection, device_id: str, changes: list[dict]) -> list[dict]:
    """The rewrites HQ made earlier to stamps of these changes (too far ahead of its clock when they came)."""
    stamps = {c["h"]: c for c in changes if isinstance(c, dict) and c.get("h")}
    if not stamps:
        return []
    c = s.stamp_caps.c
    found = conn.execute(
        sa.select(c.from_hlc, c.to_hlc).where(c.device_id == device_id, c.from_hlc.in_(sorted(stamps)))
    ).all()
    return [
        {"t": stamps[row.from_hlc]["t"], "i": stamps[row.from_hlc]["i"], "from": row.from_hlc, "to": row.to_hlc}
        for row in sorted(found)
    ]


def refused_before(conn: Connection, device_id: str, first: int, last: int, changes: list[dict]) -> list[dict]:
    """The refusals HQ answered before for these changes (journal seqs first..last), from the answers it stored."""
    named = {(c.get("t"), c.get("i")) for c in changes if isinstance(c, dict)}
    b = s.push_batches
    answers = conn.execute(
        sa.select(b.c.from_seq, b.c.answer)
        .where(b.c.device_id == device_id, b.c.from_seq <= last, b.c.to_seq >= first)
        .order_by(b.c.from_seq)
    )
    found = []
    for row in answers:
        refused = (row.answer or {}).get("refused") or ()
        found += [r for r in refused if isinstance(r, dict) and (r.get("t"), r.get("i")) in named]
    return found


def _wire(row: sa.Row) -> dict:
    change = {"t": row.tbl, "i": row.id, "h": row.hlc, "o": row.op, "f": row.fields, "d": row.device_code}
    if row.prev is not None:
        change["p"] = row.prev
    if row.association_id == protocol.EVERY_ASSOCIATION:
        change["a"] = protocol.EVERY_ASSOCIATION
    return change


def pull(db: Database, authorization: str | None, after: int, limit: int) -> dict:
    """Changes of the device's association and reference data after `after`, up to the safe point, own excluded; a
    page ends at `limit` changes or once it holds PULL_PAGE_BYTES of fields, whichever comes first."""
    limit = max(1, min(limit, protocol.PULL_PAGE))
    c = s.changes
    with db.read() as conn:
        device = authenticate(conn, authorization)
        safe = head(conn)  # read first: every cursor <= safe is committed and visible to the next statement
        rows = conn.execute(
            sa.select(c)
            .where(
                c.c.cursor > after,
                c.c.cursor <= safe,
                c.c.association_id.in_((device.association_id, protocol.EVERY_ASSOCIATION)),
                c.c.device_id != device.id,
                c.c.refused.is_(None),
            )
            .order_by(c.c.cursor)
            .limit(limit + 1)
        ).all()
    more = len(rows) > limit
    rows = rows[:limit]
    page, size = [], 0
    for row in rows:
        change = _wire(row)
        page.append(change)
        size += len(json.dumps(change, separators=(",", ":"), ensure_ascii=False).encode())
        if size >= protocol.PULL_PAGE_BYTES and len(page) < len(rows):
            more = True
            break
    next_cursor = rows[len(page) - 1].cursor if more else max(safe, after)
    return {"changes": page, "next": next_cursor, "more": more}


def _finding(row: sa.Row, kind: str) -> dict:
    item = {k: v for k, v in row._mapping.items() if k != "association_id"}
    for name in ("detected_at", "settled_at"):
        if item.get(name) is not None:
            item[name] = item[name].isoformat()
    if kind == "conflict":
        item["t"], item["i"] = item.pop("tbl"), item.pop("record_id")
    return item


def findings(db: Database, association_id: str | None, settled: bool = False) -> dict:
    """Conflicts and review items (open ones; all with `settled`), of one association or of all."""
    out = {}
    with db.read() as conn:
        for name, table in (("conflicts", s.conflicts), ("reviews", s.reviews)):
            query = sa.select(table).order_by(table.c.detected_at, table.c.key)
            if association_id is not None:
                query = query.where(table.c.association_id == association_id)
            if not settled:
                query = query.where(table.c.settled_at.is_(None))
            rows = conn.execute(query).all()
            out[name] = [
                {**_finding(row, name[:-1]), **({} if association_id else {"association_id": row.association_id})}
                for row in rows
            ]
    return out


def device_findings(db: Database, authorization: str | None, settled: bool) -> dict:
    with db.read() as conn:
        device: Device = authenticate(conn, authorization)
    return findings(db, device.association_id, settled)


def settle(db: Database, association_id: str | None, key: str, by: str | None, note: str | None) -> dict:
    """Mark one conflict or review item settled (the edit that settles a conflict travels as an edit). Keys are the
    association's own: without `association_id` (HQ's administrator) a key two associations share must be named with
    its association."""
    now = s.utcnow()
    with db.write() as conn:
        for name, table in (("conflict", s.conflicts), ("review", s.reviews)):
            where = [table.c.key == key]
            if association_id is not None:
                where.append(table.c.association_id == association_id)
            rows = conn.execute(sa.select(table).where(*where).limit(2)).all()
            if not rows:
                continue
            if len(rows) > 1:
                raise HQError(protocol.BAD_REQUEST, f"{key} is known to several associations: name the association")
            row = rows[0]
            mine = [table.c.key == key, table.c.association_id == row.association_id]
            if row.settled_at is None:
                values = {"settled_at": now, "settled_by": by}
                if note is not None:
                    values["note"] = note
                conn.execute(table.update().where(*mine).values(**values))
                row = conn.execute(sa.select(table).where(*mine)).one()
            return {"kind": name, **_finding(row, name)}
    raise HQError(protocol.NOT_FOUND, f"no conflict or review item {key}")


def device_settle(db: Database, authorization: str | None, key: str, by: str | None, note: str | None) -> dict:
    with db.read() as conn:
        device = authenticate(conn, authorization)
    return settle(db, device.association_id, key, by or device.name, note)
