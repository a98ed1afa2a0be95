"""Changes between the local record and the wire: journal rows out, HQ's changes in (validated)."""

from __future__ import annotations

from fieldapp.services.replication import JournalRecord, RemoteChange
from sync import protocol


def outgoing(record: JournalRecord) -> dict:
    """A journal row as it travels in a push."""
    return protocol.change_from_journal(record.entity, record.entity_id, record.op, record.hlc, record.payload)


def incoming(change: object) -> RemoteChange:
    """A change from a pull answer; ValueError when it is not one (HQ sent something this client cannot read)."""
    if not isinstance(change, dict):
        raise ValueError(f"a change is an object, not {type(change).__name__}")
    try:
        table, row_id, stamp, op = change["t"], change["i"], change["h"], change["o"]
    except KeyError as missing:
        raise ValueError(f"a change lacks {missing}") from None
    fields = change.get("f") or {}
    if not all(isinstance(v, str) for v in (table, row_id, stamp)) or op not in (protocol.INSERT, protocol.UPDATE):
        raise ValueError(f"malformed change {str(change)[:200]}")
    if not isinstance(fields, dict):
        raise ValueError(f"malformed fields in change of {table} {row_id}")
    prev = protocol.prev_of(change)
    if prev is not None and not isinstance(prev, dict):
        raise ValueError(f"malformed stamps in change of {table} {row_id}")
    return RemoteChange(table, row_id, stamp, fields, prev, str(change.get("d") or "?"), change.get("a"))
