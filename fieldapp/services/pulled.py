"""Applying changes pulled from HQ to the local tables: merge, typed values, conflicts, review items, search index.

Rows are read and written with Core statements on the ORM tables inside an unjournaled transaction
(`Database.write(journal=False)`): what comes from HQ is stored with its own stamps and never pushed back.
`fieldapp.services.replication.apply_page` drives it; one `PageApplier` lives for one page (one transaction).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Connection, Date, Table, exists, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from fieldapp.merge import (
    EVERY_ASSOCIATION,
    META_FIELDS,
    SYNCED_TABLES,
    MergeResult,
    conflict_key,
    merge,
    stamp_of,
)
from fieldapp.models import Base, SyncConflict, utcnow
from fieldapp.models.base import UTCDateTime
from fieldapp.services import cin_reviews
from fieldapp.services.double_servings import pair_of, reconsider
from fieldapp.services.pulled_search import index_households

_PRELOAD_CHUNK = 500
# Asked once per pulled household: as text, built once (a Core select built per row cost ~200 µs
# of statement construction and cache-key work, half the time of a page of distributions).


@dataclass(frozen=True)
class RemoteChange:
    """One change as HQ serves it, decoded by the sync client: which row, its stamp, its fields, who made it."""

    table: str
    row_id: str
    hlc: str
    fields: dict
    prev: dict | None  # {} for an insert; the stamps the author saw for an update; None when it did not say
    device: str = "?"  # the device code that made it
    association: str | None = None  # "*" for reference data HQ publishes to every association


@dataclass
class _Row:
    values: dict  # data fields, as they travel (ISO text for dates)
    stamps: dict | None
    hlc: str


@dataclass
class PageCounts:
    applied: int = 0  # changes that moved a local row
    skipped: int = 0  # changes this version cannot store (unknown table, an update for a row never seen)
    conflicts: int = 0  # new conflicts recorded
    reviews: int = 0  # review items opened (or reopened)
    settled: int = 0  # conflicts settled by a later edit made knowingly
    changed: set[str] = field(default_factory=set)  # the kinds of record that changed (pages refresh)


def _kind(column) -> str:
    if isinstance(column.type, UTCDateTime):
        return "datetime"
    if isinstance(column.type, Date):
        return "date"
    return "plain"


_TABLES: dict[str, Table] = {name: Base.metadata.tables[name] for name in SYNCED_TABLES}
# The kind of record the window shows a table's rows as (a member is part of its household): pages watch these kinds.
SHOWN_AS = {"members": "households", "event_items": "events", "distribution_voids": "distributions"}
_KINDS = {name: {c.key: _kind(c) for c in table.columns} for name, table in _TABLES.items()}
_DATA_COLUMNS = {name: frozenset(c.key for c in t.columns if c.key not in META_FIELDS) for name, t in _TABLES.items()}
_REQUIRED = {
    name: frozenset(
        c.key
        for c in t.columns
        if not c.nullable and c.default is None and c.server_default is None and c.key not in META_FIELDS
    )
    for name, t in _TABLES.items()
}


def json_value(value: object) -> object:
    """A column value as the journal and sync carry it (JSON): dates and times as ISO text, the rest as is."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def typed_value(kind: str, value: object) -> object:
    """A JSON value (see `json_value`) back to its column's type: aware UTC datetimes, dates."""
    if value is None or not isinstance(value, str):
        return value
    if kind == "datetime":
        parsed = dt.datetime.fromisoformat(value)
        return parsed.replace(tzinfo=dt.UTC) if parsed.tzinfo is None else parsed.astimezone(dt.UTC)
    if kind == "date":
        return dt.date.fromisoformat(value[:10])
    return value


def table_of(name: str) -> Table | None:
    return _TABLES.get(name)


def column_values(table_name: str, values: dict) -> dict:
    """Travelled values ready for a Core insert or update of the table."""
    kinds = _KINDS[table_name]
    return {k: typed_value(kinds[k], v) for k, v in values.items() if k in kinds}


def _normalized(table_name: str, fields: dict) -> dict:
    """The change's known data fields, in the canonical travelled form (a newer peer's unknown fields are ignored)."""
    known = _DATA_COLUMNS[table_name]
    kinds = _KINDS[table_name]
    return {k: json_value(typed_value(kinds[k], v)) for k, v in fields.items() if k in known}


class PageApplier:
    """Applies the changes of one pulled page on one connection; rows a page touches twice are read once."""

    def __init__(self, conn: Connection, association_id: str, device_code: str | None = None) -> None:
        self.conn = conn
        self.association_id = association_id
        self.device_code = device_code
        self.own_receipts: list[str] = []  # receipts with this laptop's code made before (a laptop replaced)
        self.counts = PageCounts()
        self.households_to_index: set[str] = set()
        self._rows: dict[tuple[str, str], _Row | None] = {}
        self._open_conflicts = conn.execute(
            select(exists().where(SyncConflict.__table__.c.settled_at.is_(None)))
        ).scalar()
        self.now = utcnow()

    def preload(self, changes: list[RemoteChange]) -> None:
        """Read every row the page names, one query per table and chunk (instead of one per change)."""
        wanted: dict[str, set[str]] = {}
        for change in changes:
            if change.table in _TABLES and (change.table, change.row_id) not in self._rows:
                wanted.setdefault(change.table, set()).add(change.row_id)
        for name, ids in wanted.items():
            table = _TABLES[name]
            ordered = sorted(ids)
            for start in range(0, len(ordered), _PRELOAD_CHUNK):
                chunk = ordered[start : start + _PRELOAD_CHUNK]
                for row in self.conn.execute(select(table).where(table.c.id.in_(chunk))).mappings():
                    self._rows[(name, row["id"])] = _Row(
                        {k: json_value(v) for k, v in row.items() if k not in META_FIELDS}, row["field_hlc"], row["hlc"]
                    )
            for row_id in ids:
                self._rows.setdefault((name, row_id), None)

    def forget(self, change: RemoteChange) -> None:
        """A change that could not be stored was rolled back: what was read of its row is read again if needed."""
        self._rows.pop((change.table, change.row_id), None)

    def apply(self, change: RemoteChange) -> None:
        table = _TABLES.get(change.table)
        if table is None:
            self.counts.skipped += 1
            return
        key = (change.table, change.row_id)
        if key not in self._rows:
            self.preload([change])
        held = self._rows[key]
        incoming = _normalized(change.table, change.fields)
        if held is None:
            if not _REQUIRED[change.table] <= incoming.keys():
                self.counts.skipped += 1  # an update for a record this laptop never received: nothing to merge into
                return
            result = merge(None, None, incoming, change.hlc, change.prev)
            self._insert(table, change, result)
        else:
            result = merge(held.values, held.stamps, incoming, change.hlc, change.prev, row_hlc=held.hlc)
            if result.changed:
                self._update(table, change, held, result)
            if self._open_conflicts:
                self._settle_followed(change, held, result)
        self._record_conflicts(change, result)

    # -- writing rows ------------------------------------------------------------------------------------------

    def _insert(self, table: Table, change: RemoteChange, result: MergeResult) -> None:
        values = dict(result.values)
        if change.table == "households":
            self._reconsider_cin(change.row_id, None, values)
        row = column_values(change.table, values)
        row.update(
            id=change.row_id,
            association_id=EVERY_ASSOCIATION if change.association == EVERY_ASSOCIATION else self.association_id,
            device_id=change.device,
            hlc=result.hlc,
            field_hlc=result.stamps,
            updated_at=self.now,
        )
        row.setdefault("created_at", self.now)
        self.conn.execute(insert(table), [row])
        self._rows[(change.table, change.row_id)] = _Row(result.values, result.stamps, result.hlc)
        self._after_write(change, result.values)
        if change.table == "distributions":
            self._reconsider(result.values.get("event_id"), result.values.get("household_id"))
            receipt = result.values.get("receipt") or ""
            if self.device_code and receipt.startswith(f"{self.device_code}-"):
                self.own_receipts.append(receipt)
        elif change.table == "distribution_voids":
            self._reconsider(*(pair_of(self.conn, result.values.get("distribution_id")) or (None, None)))

    def _update(self, table: Table, change: RemoteChange, held: _Row, result: MergeResult) -> None:
        changed = dict(result.changed)
        if change.table == "households" and {"cin", "deleted_at"} & changed.keys():
            self._reconsider_cin(change.row_id, held.values, result.values)
        hlc = max(result.hlc, held.hlc or "")
        values = column_values(change.table, changed)
        self.conn.execute(
            update(table)
            .where(table.c.id == change.row_id)
            .values(**values, field_hlc=result.stamps, hlc=hlc, updated_at=self.now)
        )
        self._rows[(change.table, change.row_id)] = _Row(result.values, result.stamps, hlc)
        self._after_write(change, result.values)
        if change.table == "distribution_voids" and "deleted_at" in changed:  # a void undone, or done again
            self._reconsider(*(pair_of(self.conn, result.values.get("distribution_id")) or (None, None)))

    def _after_write(self, change: RemoteChange, values: dict) -> None:
        self.counts.applied += 1
        self.counts.changed.update({change.table, SHOWN_AS.get(change.table, change.table)})
        if change.table == "households":
            self.households_to_index.add(change.row_id)
        elif change.table in ("members", "distributions") and values.get("household_id"):
            self.households_to_index.add(values["household_id"])

    def reindex(self) -> None:
        """Bring the search entries of the households the page touched up to date, a few statements per 500
        households (the same entries as fieldapp.search.index_household writes one by one)."""
        ordered = sorted(self.households_to_index)
        for start in range(0, len(ordered), _PRELOAD_CHUNK):
            index_households(self.conn, ordered[start : start + _PRELOAD_CHUNK])

    # -- what a person must look at ----------------------------------------------------------------------------

    def _record_conflicts(self, change: RemoteChange, result: MergeResult) -> None:
        for conflict in result.conflicts:
            statement = (
                sqlite_insert(SyncConflict.__table__)
                .values(
                    key=conflict_key(change.table, change.row_id, conflict),
                    entity=change.table,
                    entity_id=change.row_id,
                    field=conflict.field,
                    winner_value=conflict.winner_value,
                    winner_hlc=conflict.winner_hlc,
                    loser_value=conflict.loser_value,
                    loser_hlc=conflict.loser_hlc,
                    detected_at=self.now,
                )
                .on_conflict_do_nothing(index_elements=["key"])
            )
            if self.conn.execute(statement).rowcount:
                self.counts.conflicts += 1
                self._open_conflicts = True

    def _settle_followed(self, change: RemoteChange, held: _Row, result: MergeResult) -> None:
        """An edit made after seeing the winner of a conflict (its `prev` is what this laptop holds) settles it."""
        if not change.prev:
            return
        conflicts = SyncConflict.__table__.c
        for name in result.changed:
            seen = change.prev.get(name)
            if seen is None or seen != stamp_of(held.stamps, name, held.hlc):
                continue
            self.counts.settled += (
                self.conn.execute(
                    update(SyncConflict.__table__)
                    .where(
                        conflicts.entity == change.table,
                        conflicts.entity_id == change.row_id,
                        conflicts.field == name,
                        conflicts.settled_at.is_(None),
                        conflicts.winner_hlc <= seen,
                    )
                    .values(settled_at=self.now, settled_by=f"sync:{change.device}")
                ).rowcount
                or 0
            )

    def _reconsider(self, event_id: str | None, household_id: str | None) -> None:
        """The pair's double-serving review item, in step with the servings and voids held now."""
        if reconsider(self.conn, event_id, household_id, self.now):
            self.counts.reviews += 1

    def _reconsider_cin(self, household_id: str, before: dict | None, after: dict) -> None:
        """A CIN another active household here holds: both keep it (as at HQ) and a review item names both, for a
        person to merge them or correct one CIN; a CIN changed or a household deleted settles the items it ends."""
        old = None if before is None or before.get("deleted_at") else before.get("cin")
        new = None if after.get("deleted_at") else after.get("cin")
        self.counts.reviews += cin_reviews.reconsider(self.conn, household_id, old, new, self.now)
