"""Household search: one query over names (both scripts), CIN, phone and receipt numbers, on SQLite FTS5."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import Connection, text

from fieldapp.normalize import fold_name, phone_search_tokens, western_digits

# Names and identifiers are folded in Python (Arabic alef/ta marbuta/diacritics, accents, doubled letters)
# so that FTS5 only has to split words; prefix indexes keep "moh*" and "AB12*" fast on 150,000 rows.
CREATE_STATEMENTS = (
    "CREATE TABLE IF NOT EXISTS search_keys (rowid INTEGER PRIMARY KEY, household_id VARCHAR(36) NOT NULL UNIQUE)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS household_search USING fts5("
    "names, ids, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')",
)
_PHONE_LIKE = re.compile(r"^\+?[\d\s\-.()]{6,}$")
_NAME_WEIGHT, _ID_WEIGHT = 1.0, 4.0


def index_text(names: Iterable[str | None], cin: str | None, phone: str | None, receipts: Iterable[str]) -> tuple:
    folded_names = " ".join(filter(None, (fold_name(n) for n in names)))
    ids = [cin.lower()] if cin else []
    ids += phone_search_tokens(phone)
    ids += [r.lower() for r in receipts]
    return folded_names, " ".join(ids)


def index_household(conn: Connection, household_id: str) -> None:
    """(Re)write the search entry of one household from what is stored; removes it when the household is deleted."""
    row = conn.execute(
        text("SELECT head_name, head_name_ar, cin, phone, deleted_at FROM households WHERE id = :id"),
        {"id": household_id},
    ).one()
    key = conn.execute(text("SELECT rowid FROM search_keys WHERE household_id = :id"), {"id": household_id}).scalar()
    if key is not None:
        conn.execute(text("DELETE FROM household_search WHERE rowid = :k"), {"k": key})
    if row.deleted_at is not None:
        return
    members = conn.execute(
        text("SELECT name, name_ar FROM members WHERE household_id = :id AND deleted_at IS NULL"), {"id": household_id}
    ).all()
    receipts = conn.execute(
        text("SELECT receipt FROM distributions WHERE household_id = :id"), {"id": household_id}
    ).scalars()
    member_names = [n for m in members for n in (m.name, m.name_ar)]
    names, ids = index_text([row.head_name, row.head_name_ar, *member_names], row.cin, row.phone, receipts)
    if key is None:
        key = conn.execute(
            text("INSERT INTO search_keys (household_id) VALUES (:id) RETURNING rowid"), {"id": household_id}
        ).scalar()
    conn.execute(
        text("INSERT INTO household_search (rowid, names, ids) VALUES (:k, :n, :i)"), {"k": key, "n": names, "i": ids}
    )


def rebuild_index(conn: Connection) -> int:
    """Index every household again (after a migration that changes folding, or a bulk import)."""
    conn.execute(text("DELETE FROM household_search"))
    ids = conn.execute(text("SELECT id FROM households WHERE deleted_at IS NULL")).scalars().all()
    for household_id in ids:
        index_household(conn, household_id)
    return len(ids)


def match_expression(query: str) -> str | None:
    """The FTS5 MATCH text for what a person typed: every word as a prefix, all words required."""
    query = western_digits(query or "").strip()
    if not query:
        return None
    if _PHONE_LIKE.match(query):
        digits = re.sub(r"\D", "", query)
        digits = digits[2:] if digits.startswith("00") else digits
        return f'"{digits}"*'
    words = fold_name(query).split()
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


def search_ids(conn: Connection, query: str, limit: int = 50, offset: int = 0) -> list[str]:
    """Household ids best first (identifier hits above name hits), active households only."""
    expression = match_expression(query)
    if expression is None:
        return []
    rows = conn.execute(
        text(
            "SELECT k.household_id FROM household_search s JOIN search_keys k ON k.rowid = s.rowid "
            "WHERE household_search MATCH :q "
            f"ORDER BY bm25(household_search, {_NAME_WEIGHT}, {_ID_WEIGHT}) LIMIT :limit OFFSET :offset"
        ),
        {"q": expression, "limit": limit, "offset": offset},
    )
    return list(rows.scalars())
