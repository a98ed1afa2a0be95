"""The dashboard's figures kept at ingest, in the transaction of the records they sum, and rebuilt from `records`.

A batch's households, distributions, voids and attendance are folded in by household: every receipt of a household it
touches (served, voided, or its place, size or criteria sent) is read (fig_receipts), made again from the records as
they now are (its place, size, criteria, void), and the cells move by the difference between what those receipts counted
before and what they count now. So a void, a household moved to another commune, a re-pushed or a late batch all leave
the figures equal to a count from scratch (`rebuild`), which the tests check.
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from hq import bulk
from hq import schema as s
from hq.bulk import among
from hq.figures_rows import Sums, household_place, instant, presence_row, receipt_row
from hq.findings import dialect_insert

FIGURE_TABLES = ("distributions", "distribution_voids", "households", "attendance")
_RECEIPT_COLUMNS = tuple(c.name for c in s.fig_receipts.columns)
_PLACE = ("region_code", "province_code", "commune_code", "size", "flags")
PLACE_FIELDS = frozenset({"commune_code", "province_code", "size", "flags"})  # what household_place reads


_NOWHERE = household_place(None)  # a household HQ does not hold (copied into each row: never changed in place)


# --- at ingest -----------------------------------------------------------------------------------------------------


def _records(conn: Connection, association_id: str, table: str, column, values: set[str]) -> list[sa.Row]:
    if not values:
        return []
    r = s.records
    return conn.execute(
        sa.select(r.c.id, r.c.data, r.c.ref_id, r.c.deleted).where(
            r.c.association_id == association_id, r.c.tbl == table, among(conn, column, values), r.c.refused.is_(None)
        )
    ).all()


def apply(
    conn: Connection,
    association_id: str,
    touched: dict[tuple[str, str], tuple[str, dict, bool]],
    log: list[dict] | None = None,
) -> None:
    """Fold a batch's written records ((table, id) → (device code, data, new)) of one association into the figures.
    With the batch's `log`, a household HQ held already is counted again only when a change sent one of PLACE_FIELDS
    (its receipts say where it lives, how many and its criteria: nothing else of a household moves a figure)."""
    by_table: dict[str, dict[str, tuple[str, dict, bool]]] = defaultdict(dict)
    for (table, record_id), written in touched.items():
        if table in FIGURE_TABLES:
            by_table[table][record_id] = written
    moved = bool(by_table.get("attendance"))
    if moved:
        _presence(conn, association_id, by_table["attendance"])
    distributions = {i: (code, data) for i, (code, data, _) in by_table.get("distributions", {}).items()}
    known = {i for i, (_, _, new) in by_table.get("distributions", {}).items() if not new}
    households = {i: data for i, (_, data, _) in by_table.get("households", {}).items()}
    # A household new to HQ has no receipt yet (but those of the same batch, which name it)
    edited = {i for i, (_, _, new) in by_table.get("households", {}).items() if not new}
    if log is not None:
        edited &= {e["id"] for e in log if e["tbl"] == "households" and PLACE_FIELDS & e["fields"].keys()}
    void_targets = {
        data["distribution_id"]
        for _, data, _ in by_table.get("distribution_voids", {}).values()
        if isinstance(data.get("distribution_id"), str)
    }
    if distributions or edited or void_targets:
        moved = _fold(conn, association_id, distributions, households, edited, known | void_targets) or moved
    if moved:
        bump(conn, [association_id])


def _fold(
    conn: Connection,
    association_id: str,
    distributions: dict[str, tuple[str, dict]],
    households: dict[str, dict],
    edited: set[str],
    looked_up: set[str],
) -> bool:
    """Make the receipts of the households concerned again, and move the cells by the difference; whether any moved.
    `looked_up`: the receipts the batch changes that the figures may hold already (voided ones, edited ones)."""
    named = {d.get("household_id") for _, d in distributions.values() if isinstance(d.get("household_id"), str)}
    loaded = edited | named
    locked = _lock(conn, association_id, loaded - set(households))  # the batch's own are locked by their write
    old = _receipts_of(conn, association_id, loaded, looked_up)
    missing = {row["household_id"] for row in old.values()} - loaded
    if missing:  # a void of a receipt whose household the batch does not name: all of that household's receipts
        locked.update(_lock(conn, association_id, missing))
        old.update(_receipts_of(conn, association_id, missing, set()))
    affected = loaded | missing
    places = {i: household_place(households[i]) for i in affected & households.keys()}
    for row in old.values():  # a household the batch does not change is where its receipts say it is
        if row["household_id"] not in places:
            places[row["household_id"]] = {name: row[name] for name in _PLACE}
    unplaced = affected - set(places)
    for i in unplaced & locked.keys():  # read as they were locked (None: set aside by migration 0003, not counted)
        if locked[i] is not None:
            places[i] = household_place(locked[i])
    for row in _records(conn, association_id, "households", s.records.c.id, unplaced - locked.keys()):
        places[row.id] = household_place(row.data)
    # A void needs its distribution at HQ first (or in the same batch): a receipt new to the figures has none before.
    voided = _voided(conn, association_id, looked_up | (set(distributions) & set(old)))
    new: dict[str, dict] = {}
    for distribution_id, row in old.items():
        if distribution_id not in distributions:
            place = places.get(row["household_id"], _NOWHERE)
            new[distribution_id] = {**row, **place, "voided": voided.get(distribution_id, row["voided"])}
    for distribution_id, (device_code, data) in distributions.items():
        place = places.get(data.get("household_id"), _NOWHERE)
        row = receipt_row(association_id, distribution_id, device_code, data, place, voided.get(distribution_id, False))
        if row is not None:
            new[distribution_id] = row
    changed = {i for i in old.keys() | new.keys() if _comparable(old.get(i)) != _comparable(new.get(i))}
    if not changed:
        return False
    households_changed = {old[i]["household_id"] for i in changed if i in old} | {
        new[i]["household_id"] for i in changed if i in new
    }
    sums = Sums()
    sums.add((r for r in old.values() if r["household_id"] in households_changed), -1)
    sums.add((r for r in new.values() if r["household_id"] in households_changed), 1)
    f = s.fig_receipts
    gone = sorted(i for i in changed if i in old)
    for start in range(0, len(gone), 1000):
        part = gone[start : start + 1000]
        conn.execute(f.delete().where(f.c.association_id == association_id, f.c.distribution_id.in_(part)))
    bulk.insert_rows(conn, f, [new[i] for i in sorted(changed) if i in new])
    sums.write(conn)
    return True


def bump(conn: Connection, association_ids: list[str]) -> None:
    """The associations' figures moved: their versions grow (figures cached under an older one are not served)."""
    if not association_ids:
        return
    v = s.fig_versions
    insert = dialect_insert(conn, v)
    conn.execute(
        insert.on_conflict_do_update(index_elements=[v.c.association_id], set_={"version": v.c.version + 1}),
        [{"association_id": a, "version": 1} for a in sorted(set(association_ids))],
    )


def _lock(conn: Connection, association_id: str, household_ids: set[str]) -> dict[str, dict | None]:
    """On PostgreSQL, lock the households' records (in id order) before reading their receipts: two laptops of one
    association serving one family at once then fold their receipts in one after the other, never both from the
    same count. (SQLite: the write transaction already holds the database.) Their data as locked (id -> data, None
    for one set aside by migration 0003), so that they are not read again."""
    if conn.dialect.name != "postgresql" or not household_ids:
        return {}
    r = s.records
    rows = conn.execute(
        sa.select(r.c.id, r.c.data, r.c.refused)
        .where(r.c.association_id == association_id, r.c.tbl == "households", among(conn, r.c.id, household_ids))
        .order_by(r.c.id)
        .with_for_update()
    )
    return {row.id: row.data if row.refused is None else None for row in rows}


def _comparable(row: dict | None):
    return None if row is None else tuple(row[n] for n in _RECEIPT_COLUMNS)


def _receipts_of(conn: Connection, association_id: str, households: set[str], distributions: set[str]) -> dict:
    f = s.fig_receipts
    where = []
    if households:
        where.append(among(conn, f.c.household_id, households))
    if distributions:
        where.append(among(conn, f.c.distribution_id, distributions))
    if not where:
        return {}
    rows = conn.execute(sa.select(f).where(f.c.association_id == association_id, sa.or_(*where))).mappings()
    return {row["distribution_id"]: _normal(dict(row)) for row in rows}


def _normal(row: dict) -> dict:
    """A row read back compares equal to the one made from the records (aware time, items as lists)."""
    row["served_at"] = instant(row["served_at"])
    row["items"] = [list(line) for line in row["items"] or []]
    row["voided"] = bool(row["voided"])
    return row


def _voided(conn: Connection, association_id: str, distribution_ids: set[str]) -> dict[str, bool]:
    """distribution id → whether a void (not deleted) points to it, for those given."""
    found = dict.fromkeys(distribution_ids, False)
    for row in _records(conn, association_id, "distribution_voids", s.records.c.ref_id, distribution_ids):
        if not row.deleted:
            found[row.ref_id] = True
    return found


def _presence(conn: Connection, association_id: str, attendance: dict[str, tuple[str, dict, bool]]) -> None:
    p = s.fig_presence
    ids = sorted(attendance)
    conn.execute(p.delete().where(p.c.association_id == association_id, p.c.attendance_id.in_(ids)))
    rows = [presence_row(association_id, i, data) for i, (_, data, _) in sorted(attendance.items())]
    bulk.insert_rows(conn, p, [r for r in rows if r is not None])


# --- from scratch --------------------------------------------------------------------------------------------------


def rebuild(conn: Connection, association_id: str | None = None) -> None:
    """Recompute the figures from `records` (every association, or one), one association at a time."""
    r = s.records
    if association_id is None:
        owners = [row[0] for row in conn.execute(sa.select(r.c.association_id).distinct().order_by(r.c.association_id))]
    else:
        owners = [association_id]
    for table in (s.fig_receipts, s.fig_cells, s.fig_days, s.fig_presence):
        query = table.delete()
        conn.execute(query if association_id is None else query.where(table.c.association_id == association_id))
    for owner in owners:
        _rebuild_one(conn, owner)
    v = s.fig_versions
    known = [row[0] for row in conn.execute(sa.select(v.c.association_id))]
    bump(conn, [a for a in owners + known if association_id in (None, a)])


def counted(conn: Connection, association_id: str | None = None) -> int:
    """How many receipts (valid and voided) the figures hold, of one association or of all."""
    f = s.fig_receipts
    query = sa.select(sa.func.count()).select_from(f)
    return conn.execute(query if association_id is None else query.where(f.c.association_id == association_id)).scalar()


def _rebuild_one(conn: Connection, association_id: str) -> None:
    r = s.records

    def rows_of(table: str):
        return conn.execute(
            sa.select(r.c.id, r.c.device_code, r.c.data, r.c.ref_id, r.c.deleted).where(
                r.c.association_id == association_id, r.c.tbl == table, r.c.refused.is_(None)
            )
        )

    places = {row.id: household_place(row.data) for row in rows_of("households")}
    voided = {row.ref_id for row in rows_of("distribution_voids") if not row.deleted and row.ref_id}
    receipts = []
    for row in rows_of("distributions"):
        place = places.get(row.data.get("household_id"), _NOWHERE)
        made = receipt_row(association_id, row.id, row.device_code, row.data, place, row.id in voided)
        if made is not None:
            receipts.append(made)
    bulk.insert_rows(conn, s.fig_receipts, receipts)
    sums = Sums()
    sums.add(receipts)
    sums.insert(conn)
    presence = [presence_row(association_id, row.id, row.data) for row in rows_of("attendance")]
    bulk.insert_rows(conn, s.fig_presence, [p for p in presence if p is not None])
