"""Applying changes at HQ: cap future stamps, merge into HQ's records, log what moved, find conflicts and reviews.

One call applies one batch inside the caller's transaction: the records it touches are read in one query (locked on
PostgreSQL, in key order so two batches never deadlock), merged with `fieldapp.merge.merge`, and written back with
executemany. The change log takes its cursors last, under the counter row's lock, so cursor order is commit order.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fieldapp import merge as merging
from fieldapp.clock import Stamp
from hq import bulk, figures_ingest
from hq import schema as s
from hq.admission import Admission, unique_value
from hq.findings import CIN_MOVES, Cins, Findings, Servings, dialect_insert
from sync import protocol


@dataclass(frozen=True)
class Author:
    """Who the changes come from: a device (its association) or HQ publishing reference data to everyone."""

    device_id: str
    device_code: str
    association_id: str


@dataclass
class Outcome:
    applied: int = 0
    conflicts: int = 0
    reviews: int = 0
    capped: list[dict] = field(default_factory=list)
    refused: list[dict] = field(default_factory=list)
    cursor: int = 0  # the last cursor this batch took (0 when it logged nothing)


@dataclass
class _Record:
    association_id: str
    device_code: str
    data: dict
    stamps: dict
    hlc: str
    new: bool
    dirty: bool = False
    refused: str | None = None  # kept aside by migration 0003: not served, not changed


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def _cap(conn: Connection, author: Author, changes: list[dict], outcome: Outcome) -> list[dict]:
    """Stamps more than MAX_CLOCK_AHEAD_MS ahead of HQ's clock come back to HQ's clock (same counter and node);
    `p` stamps naming a capped stamp are rewritten too. Order within the batch is kept."""
    limit = now_ms() + protocol.MAX_CLOCK_AHEAD_MS
    limit_text = f"{limit:015d}"
    ahead = [c for c in changes if c["h"][:15] > limit_text]
    ahead_prev = {v for c in changes for v in (c.get("p") or {}).values() if v[:15] > limit_text}
    if not ahead and not ahead_prev:
        return changes
    caps: dict[str, str] = {}
    if ahead_prev:
        rows = conn.execute(
            sa.select(s.stamp_caps.c.from_hlc, s.stamp_caps.c.to_hlc).where(
                s.stamp_caps.c.device_id == author.device_id, s.stamp_caps.c.from_hlc.in_(sorted(ahead_prev))
            )
        )
        caps.update({row.from_hlc: row.to_hlc for row in rows})
    wall = limit - protocol.MAX_CLOCK_AHEAD_MS
    ceiling = Stamp(limit, 0, "")
    last: Stamp | None = None
    new_caps = []
    result = []
    for change in changes:
        h = change["h"]
        if h[:15] > limit_text:
            if h not in caps:
                original = Stamp.parse(h)
                stamp = Stamp(wall, original.counter, original.node)
                if last is not None and stamp <= last:
                    stamp = last.next_after(original.node)
                # Never below what the edit followed (stamps up to 60 s ahead are kept): it must still win over them.
                # A followed stamp beyond the limit that HQ never capped was never served by HQ: read at the limit.
                followed = [min(Stamp.parse(caps.get(v, v)), ceiling) for v in (change.get("p") or {}).values() if v]
                if followed and stamp <= max(followed):
                    stamp = max(followed).next_after(original.node)
                last = stamp
                caps[h] = str(stamp)
                new_caps.append({"device_id": author.device_id, "from_hlc": h, "to_hlc": caps[h]})
                outcome.capped.append({"t": change["t"], "i": change["i"], "from": h, "to": caps[h]})
            change = {**change, "h": caps[h]}
        prev = change.get("p")
        if prev and any(v in caps for v in prev.values()):
            change = {**change, "p": {k: caps.get(v, v) for k, v in prev.items()}}
        result.append(change)
    if new_caps:
        conn.execute(dialect_insert(conn, s.stamp_caps).on_conflict_do_nothing(), new_caps)
    return result


def _load(conn: Connection, association_id: str, keys: list[tuple[str, str]]) -> dict[tuple[str, str], _Record]:
    """The records a batch touches, of its association or HQ's shared ones, in one query (row-locked in key order on
    PostgreSQL). Another association's record of the same id is not read: to this batch it does not exist."""
    r = s.records
    ids = sorted({i for _, i in keys})
    owners = sorted({association_id, protocol.EVERY_ASSOCIATION})
    query = sa.select(
        r.c.tbl, r.c.id, r.c.association_id, r.c.device_code, r.c.data, r.c.field_hlc, r.c.hlc, r.c.refused
    ).where(r.c.id.in_(ids), r.c.association_id.in_(owners))
    query = query.order_by(r.c.id, r.c.tbl, r.c.association_id)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    found: dict[tuple[str, str], _Record] = {}
    for row in conn.execute(query):
        if (row.tbl, row.id) in found and row.association_id == association_id:
            continue  # HQ's shared row wins: a laptop never writes it
        found[(row.tbl, row.id)] = _Record(
            row.association_id, row.device_code, row.data, row.field_hlc, row.hlc, False, refused=row.refused
        )
    return found


def apply(conn: Connection, author: Author, changes: list[dict]) -> Outcome:
    """Apply changes (already validated, in journal order) inside the caller's transaction."""
    outcome = Outcome()
    if not changes:
        return outcome
    changes = _cap(conn, author, changes, outcome)
    records = _load(conn, author.association_id, [(c["t"], c["i"]) for c in changes])
    admission = Admission(conn, author.association_id, changes, records)
    servings = Servings(conn, author.association_id, changes, records)
    cins = Cins(conn, author.association_id, changes, records)
    now = s.utcnow()
    findings = Findings(author.association_id, now)
    log: list[dict] = []
    for change in changes:
        key = (change["t"], change["i"])
        record = records.get(key)
        refusal = admission.refusal(change, record)
        if refusal is not None:
            outcome.refused.append(refusal.answer(change))
            continue
        before = record.data if record is not None else None
        fields = merging.data_fields(change["f"])
        if record is None:
            result = merging.merge(None, None, fields, change["h"])
            record = _Record(author.association_id, author.device_code, result.values, result.stamps, "", True)
            records[key] = record
        else:
            result = merging.merge(record.data, record.stamps, fields, change["h"], protocol.prev_of(change))
        for conflict in result.conflicts:
            findings.conflict(change["t"], change["i"], conflict)
        if not result.changed:
            continue
        prev = change.get("p")
        if prev and not record.new:
            # An edit made after seeing a conflict's winner settles it, as on every device (fieldapp.services.pulled).
            findings.followed.extend(
                (change["t"], change["i"], name, prev[name], author.device_code)
                for name in result.changed
                if prev.get(name) is not None and prev[name] == merging.stamp_of(record.stamps, name, record.hlc)
            )
        was_new = record.new and not record.dirty
        record.data, record.stamps, record.hlc, record.dirty = result.values, result.stamps, result.hlc, True
        outcome.applied += 1
        admission.admitted(change, record.data, before)
        entry = {"tbl": change["t"], "id": change["i"], "hlc": change["h"], "op": change["o"], "fields": fields}
        entry["prev"] = change.get("p") if change["o"] == protocol.UPDATE else None
        log.append(entry)
        if change["t"] == "distributions" and was_new:
            servings.arrive(change["i"], record.data)
        elif change["t"] == "distribution_voids":
            servings.void(record.data)
        elif change["t"] == "households" and (was_new or CIN_MOVES & result.changed.keys()):
            cins.arrive(findings, change["i"], record.data)
    servings.conclude(findings)
    _write_records(conn, records, now)
    figures_ingest.apply(conn, author.association_id, _written(records, author.association_id), log)
    outcome.conflicts, outcome.reviews = findings.write(conn)
    outcome.cursor = _write_log(conn, author, log)
    return outcome


def _text(value: object, limit: int = s.ID) -> str | None:
    """An extracted column's value: what does not fit (a malformed or hostile record) is left out, not an error."""
    return value if isinstance(value, str) and len(value) <= limit else None


def _columns(key: tuple[str, str], record: _Record, now) -> dict:
    table, record_id = key
    data = record.data
    return {
        "id": record_id,
        "tbl": table,
        "association_id": record.association_id,
        "device_code": record.device_code,
        "data": data,
        "field_hlc": record.stamps,
        "hlc": record.hlc,
        "event_id": _text(data.get("event_id")) if table == "distributions" else None,
        "household_id": _text(data.get("household_id")) if table == "distributions" else None,
        "ref_id": _text(data.get("distribution_id")) if table == "distribution_voids" else None,
        "cin": _text(data.get("cin"), s.CIN) if table == "households" else None,
        "unique_value": unique_value(table, data),
        "deleted": bool(data.get("deleted_at")),
        "updated_at": now,
    }


def _write_records(conn: Connection, records: dict[tuple[str, str], _Record], now) -> None:
    # (id, tbl) order, as _load locks them: two batches touching the same records never wait on each other in a cycle
    dirty = sorted(((k, v) for k, v in records.items() if v.dirty), key=lambda item: (item[0][1], item[0][0]))
    bulk.insert_rows(conn, s.records, [_columns(k, v, now) for k, v in dirty if v.new])
    bulk.update_records(conn, [_columns(k, v, now) for k, v in dirty if not v.new])


def _written(records: dict[tuple[str, str], _Record], association_id: str) -> dict[tuple[str, str], tuple]:
    """The association's records this batch wrote, for the figures: (table, id) → (device code, data, new)."""
    mine = {k: v for k, v in records.items() if v.dirty and v.association_id == association_id}
    return {k: (v.device_code, v.data, v.new) for k, v in mine.items()}


def _write_log(conn: Connection, author: Author, log: list[dict]) -> int:
    """Take len(log) cursors under the counter row's lock (held to commit) and append the entries; the last cursor."""
    if not log:
        return 0
    counter = s.counters
    last = conn.execute(
        counter.update()
        .where(counter.c.name == "cursor")
        .values(value=counter.c.value + len(log))
        .returning(counter.c.value)
    ).scalar_one()
    first = last - len(log) + 1
    for offset, entry in enumerate(log):
        entry["cursor"] = first + offset
        entry["association_id"] = author.association_id
        entry["device_id"] = author.device_id
        entry["device_code"] = author.device_code
    bulk.insert_rows(conn, s.changes, log)
    return last
