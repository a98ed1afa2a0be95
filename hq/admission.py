"""Which pushed changes HQ may store: inside the pusher's association, of a size and shape every laptop can keep.

A change is refused (acknowledged, not applied, never served, its reason told to the laptop) when it writes HQ's
reference data, names a record HQ does not hold for the association (its parent, or the record itself for an
update), is larger than MAX_CHANGE_BYTES, holds a value a laptop could not store, or takes a receipt number another
record of the association holds. So one bad change never makes a pull page that the association's other laptops
cannot store, and one association's laptop never reaches another association's records.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fieldapp import merge as merging
from fieldapp import record_shapes
from hq import schema as s
from sync import protocol


@dataclass(frozen=True)
class Refusal:
    reason: str
    detail: str

    def answer(self, change: dict) -> dict:
        return {"t": change["t"], "i": change["i"], "reason": self.reason, "detail": self.detail}


def unique_value(table: str, data: dict) -> str | None:
    """What a laptop holds once for this record (records.unique_value), or None."""
    names = record_shapes.UNIQUE_TOGETHER.get(table)
    if not names:
        return None
    parts = [data.get(name) for name in names]
    if not all(isinstance(p, str) and p for p in parts):
        return None
    value = "|".join(parts)
    return value if len(value) <= s.UNIQUE else None


def _size(fields: dict) -> int:
    """The fields' size as compact JSON in UTF-8, measured only when a quick bound does not settle it: a character
    takes at most 6 bytes in JSON (an escape), a number at most 24."""
    bound = 0
    for name, value in fields.items():
        if isinstance(value, str):
            bound += len(name) + len(value) * 6 + 6
        elif value is None or isinstance(value, float) or (isinstance(value, int) and -(2**63) <= value < 2**63):
            bound += len(name) + 28
        else:
            bound = protocol.MAX_CHANGE_BYTES + 1
            break
    if bound <= protocol.MAX_CHANGE_BYTES:
        return bound
    return len(json.dumps(fields, separators=(",", ":"), ensure_ascii=False).encode())


class Admission:
    """The checks for one batch of one author, with the parents and unique values it names read in a few queries."""

    def __init__(self, conn: Connection, association_id: str, changes: list[dict], held: dict) -> None:
        self.association_id = association_id
        self.held = held  # (table, id) -> ingest._Record of the rows the batch touches (own association or "*")
        self.parents: set[tuple[str, str, bool]] = set()  # (table, id, shared with every association)
        self.taken: dict[tuple[str, str], str] = {}  # (table, unique value) -> the record id holding it
        wanted: dict[str, set[str]] = {}
        for change in changes:
            fields = change["f"]
            for name, parent in record_shapes.references(change["t"]).items():
                value = fields.get(name)
                if isinstance(value, str) and value:
                    wanted.setdefault(parent, set()).add(value)
        self._read_parents(conn, wanted)
        self._read_taken(conn, changes)

    def _read_parents(self, conn: Connection, wanted: dict[str, set[str]]) -> None:
        r = s.records
        for table, ids in sorted(wanted.items()):
            rows = conn.execute(
                sa.select(r.c.id, r.c.association_id).where(
                    r.c.tbl == table,
                    r.c.id.in_(sorted(ids)),
                    r.c.association_id.in_((self.association_id, protocol.EVERY_ASSOCIATION)),
                    r.c.refused.is_(None),
                )
            )
            self.parents.update((table, row.id, row.association_id != self.association_id) for row in rows)

    def _read_taken(self, conn: Connection, changes: list[dict]) -> None:
        values: dict[str, set[str]] = {}
        for change in changes:
            names = record_shapes.UNIQUE_TOGETHER.get(change["t"])
            if names and set(names) & change["f"].keys():
                record = self.held.get((change["t"], change["i"]))
                value = unique_value(change["t"], {**(record.data if record else {}), **change["f"]})
                if value:
                    values.setdefault(change["t"], set()).add(value)
        r = s.records
        for table, wanted in sorted(values.items()):
            rows = conn.execute(
                sa.select(r.c.id, r.c.unique_value).where(
                    r.c.association_id == self.association_id,
                    r.c.tbl == table,
                    r.c.unique_value.in_(sorted(wanted)),
                )
            )
            self.taken.update(((table, row.unique_value), row.id) for row in rows)

    def refusal(self, change: dict, record) -> Refusal | None:
        """Why this change cannot be stored (None when it can); `record` is HQ's copy, or None."""
        table, fields = change["t"], change["f"]
        if record is not None and record.association_id != self.association_id:
            return Refusal(protocol.REFUSED_REFERENCE_DATA, "HQ's reference data: laptops read it, never write it")
        if record is not None and record.refused:
            return Refusal(protocol.REFUSED_MISSING_PARENT, f"HQ keeps this record aside ({record.refused})")
        if record is None and change["o"] == protocol.UPDATE and record_shapes.missing_required(table, fields):
            # A whole record sent as an update (a laptop sending again what HQ refused) is taken as an insert.
            return Refusal(protocol.REFUSED_UNKNOWN_RECORD, "an update of a record HQ does not hold")
        size = _size(fields)
        if size > protocol.MAX_CHANGE_BYTES:
            return Refusal(protocol.REFUSED_TOO_LARGE, f"{size} bytes of fields: at most {protocol.MAX_CHANGE_BYTES}")
        for name, value in merging.data_fields(fields).items():
            problem = record_shapes.value_problem(table, name, value)
            if problem:
                return Refusal(protocol.REFUSED_BAD_VALUE, problem)
        if record is None:
            missing = record_shapes.missing_required(table, fields)
            if missing:
                return Refusal(protocol.REFUSED_BAD_VALUE, f"missing {', '.join(missing)}")
        for name, parent in record_shapes.references(table).items():
            value = fields.get(name)
            if value is not None and not self._resolves(table, name, parent, value):
                return Refusal(protocol.REFUSED_MISSING_PARENT, f"{name}: no such {parent} record here")
        value = self._unique(change, record)
        if value is not None and self.taken.get((table, value), change["i"]) != change["i"]:
            return Refusal(protocol.REFUSED_TAKEN, f"{table} {value!r} is held by another record")
        return None

    def _resolves(self, table: str, name: str, parent: str, value: str) -> bool:
        if (parent, value, False) in self.parents:
            return True
        shared = (table, name) in record_shapes.MAY_REFER_TO_EVERY_ASSOCIATION
        return shared and (parent, value, True) in self.parents

    def _unique(self, change: dict, record) -> str | None:
        names = record_shapes.UNIQUE_TOGETHER.get(change["t"])
        if not names or not set(names) & change["f"].keys():
            return None
        return unique_value(change["t"], {**(record.data if record else {}), **change["f"]})

    def admitted(self, change: dict, data: dict, before: dict | None) -> None:
        """A change was stored: a new record can be referred to by later changes, a unique value is now held."""
        table = change["t"]
        self.parents.add((table, change["i"], False))
        names = record_shapes.UNIQUE_TOGETHER.get(table)
        if names:
            old = unique_value(table, before) if before else None
            if old and self.taken.get((table, old)) == change["i"]:
                del self.taken[(table, old)]
            new = unique_value(table, data)
            if new:
                self.taken[(table, new)] = change["i"]
