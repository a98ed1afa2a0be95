"""Search entries of many households at once, for a pulled page: the entries fieldapp.search.index_household writes
one household at a time (several queries each), here in a few statements per batch of households."""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, text

from fieldapp import search


def _in(sql: str, name: str):
    """A text statement whose `:name` is a list (IN)."""
    return text(sql).bindparams(bindparam(name, expanding=True))


def index_households(conn: Connection, household_ids: list[str]) -> None:
    """(Re)write the search entries of these households (deleted ones lose theirs), in a few statements."""
    heads = conn.execute(
        _in("SELECT id, head_name, head_name_ar, cin, phone, deleted_at FROM households WHERE id IN :ids", "ids"),
        {"ids": household_ids},
    ).all()
    members: dict[str, list[str]] = {}
    for row in conn.execute(
        _in("SELECT household_id, name, name_ar FROM members WHERE household_id IN :ids AND deleted_at IS NULL", "ids"),
        {"ids": household_ids},
    ):
        members.setdefault(row.household_id, []).extend((row.name, row.name_ar))
    receipts: dict[str, list[str]] = {}
    for row in conn.execute(
        _in("SELECT household_id, receipt FROM distributions WHERE household_id IN :ids", "ids"), {"ids": household_ids}
    ):
        receipts.setdefault(row.household_id, []).append(row.receipt)
    keys = dict(
        conn.execute(
            _in("SELECT household_id, rowid FROM search_keys WHERE household_id IN :ids", "ids"), {"ids": household_ids}
        ).all()
    )
    if keys:
        conn.execute(_in("DELETE FROM household_search WHERE rowid IN :keys", "keys"), {"keys": sorted(keys.values())})
    missing = [h.id for h in heads if h.deleted_at is None and h.id not in keys]
    if missing:
        next_key = conn.execute(text("SELECT coalesce(max(rowid), 0) + 1 FROM search_keys")).scalar_one()
        added = [{"k": next_key + n, "id": household_id} for n, household_id in enumerate(missing)]
        conn.execute(text("INSERT INTO search_keys (rowid, household_id) VALUES (:k, :id)"), added)
        keys.update({row["id"]: row["k"] for row in added})
    entries = [
        {
            "k": keys[h.id],
            **search.entry(
                [h.head_name, h.head_name_ar], members.get(h.id, []), h.cin, h.phone, receipts.get(h.id, [])
            ),
        }
        for h in heads
        if h.deleted_at is None
    ]
    search.write_entries(conn, entries)
