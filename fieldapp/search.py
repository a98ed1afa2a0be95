"""Household search: one query over names (both scripts), CIN, phone and receipt numbers, on SQLite FTS5."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from sqlalchemy import Connection, bindparam, text

from fieldapp.normalize import fold_name, normalize_cin, phone_search_tokens, western_digits

# Names are folded in Python (Arabic alef/ta marbuta/diacritics, accents, doubled letters) so that FTS5 only has to
# split words; identifiers are single tokens. Prefix indexes keep "moh*" and "AB12*" fast on 150,000 rows.
CREATE_STATEMENTS = (
    "CREATE TABLE IF NOT EXISTS search_keys (rowid INTEGER PRIMARY KEY, household_id VARCHAR(36) NOT NULL UNIQUE)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS household_search USING fts5("
    "names, members, ids, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')",
)
_INSERT_ENTRY = text("INSERT INTO household_search (rowid, names, members, ids) VALUES (:k, :names, :members, :ids)")
_PHONE_LIKE = re.compile(r"^\+?[\d\s\-.()]{6,}$")
_RECEIPT_LIKE = re.compile(r"^[A-Za-z0-9]{2,12}-\d{1,4}(-\d*)?$")
_CIN_LIKE = re.compile(r"^[A-Z]{1,2}\d+$")
_ID_SEPARATORS = re.compile(r"[^\w]+")
# bm25 weights: an identifier hit beats the head's name, which beats a member's name.
_WEIGHTS = "2.0, 0.5, 8.0"
# Matches ranked by bm25 at most (see search_ids): 500 keep a 1-letter query under ~10 ms on 150,000 households.
RANKED_AT_MOST = 500


def receipt_token(receipt: str) -> str:
    """KHR1-2026-00042 → khr1202600042: one token, so a receipt never matches another with the same parts."""
    return receipt.lower().replace("-", "")


def _folded(names: Iterable[str | None]) -> str:
    return " ".join(filter(None, (fold_name(n) for n in names)))


def entry(
    names: Iterable[str | None],
    member_names: Iterable[str | None],
    cin: str | None,
    phone: str | None,
    receipts: Iterable[str],
) -> dict[str, str]:
    """The text of one household's search entry: head names, members' names, identifiers."""
    ids = [cin.lower()] if cin else []
    ids += phone_search_tokens(phone)
    ids += [receipt_token(r) for r in receipts]
    return {"names": _folded(names), "members": _folded(member_names), "ids": " ".join(ids)}


def write_entries(conn: Connection, keyed_entries: list[dict]) -> None:
    """Insert entries, each a dict from `entry()` plus its search key `k`."""
    if keyed_entries:
        conn.execute(_INSERT_ENTRY, keyed_entries)


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
    if key is None:
        key = conn.execute(
            text("INSERT INTO search_keys (household_id) VALUES (:id) RETURNING rowid"), {"id": household_id}
        ).scalar()
    values = entry([row.head_name, row.head_name_ar], member_names, row.cin, row.phone, receipts)
    write_entries(conn, [{"k": key, **values}])


def rebuild_index(conn: Connection) -> int:
    """Index every household again (after a migration that changes folding, or a bulk import)."""
    conn.execute(text("DELETE FROM household_search"))
    ids = conn.execute(text("SELECT id FROM households WHERE deleted_at IS NULL")).scalars().all()
    for household_id in ids:
        index_household(conn, household_id)
    return len(ids)


def _query_words(query: str) -> list[str]:
    """Typed words as the index holds them: names folded like fold_name, identifiers (with a digit) lower-cased only."""
    words: list[str] = []
    for chunk in unicodedata.normalize("NFKC", query).split():
        if any(ch.isdigit() for ch in chunk):
            # CINs, receipts: indexed as typed, so "BB123456" must not be folded to "b123456" like a doubled letter.
            words += _ID_SEPARATORS.sub(" ", chunk.casefold()).split()
        else:
            words += fold_name(chunk).split()
    return words


def typed_cin(query: str) -> str | None:
    """The CIN a person typed ('ab 123456', 'AB-١٢٣٤٥٦'), or None when the text is not one."""
    cin = normalize_cin(query)
    return cin if cin and _CIN_LIKE.match(cin) else None


def match_expression(query: str) -> str | None:
    """The FTS5 MATCH text for what a person typed: every word as a prefix, all words required."""
    query = western_digits(unicodedata.normalize("NFKC", query or "")).strip()
    if not query:
        return None
    if _PHONE_LIKE.match(query):
        digits = re.sub(r"\D", "", query)
        digits = digits[2:] if digits.startswith("00") else digits
        return f'"{digits}"*'
    if _RECEIPT_LIKE.match(query):
        return f'{{ids}} : "{receipt_token(query)}"*'
    cin = typed_cin(query)
    if cin:
        return f'{{ids}} : "{cin.lower()}"*'
    words = _query_words(query)
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


def _ranked(conn: Connection, expression: str) -> list[tuple[int, float]]:
    """(rowid, bm25) of at most RANKED_AT_MOST matches, newest first (FTS5 walks rowids backwards without sorting)."""
    rows = conn.execute(
        text(
            f"SELECT rowid, bm25(household_search, {_WEIGHTS}) FROM household_search "
            "WHERE household_search MATCH :q ORDER BY rowid DESC LIMIT :cap"
        ),
        {"q": expression, "cap": RANKED_AT_MOST},
    )
    return [(rowid, score) for rowid, score in rows]


def _exact_cin_keys(conn: Connection, query: str) -> set[int]:
    cin = typed_cin(western_digits(query or ""))
    if not cin:
        return set()
    rows = conn.execute(
        text(
            "SELECT k.rowid FROM households h JOIN search_keys k ON k.household_id = h.id "
            "WHERE h.cin = :cin AND h.deleted_at IS NULL"
        ),
        {"cin": cin},
    )
    return set(rows.scalars())


def search_ids(conn: Connection, query: str, limit: int = 50, offset: int = 0) -> list[str]:
    """Household ids best first (exact CIN, then identifier hits, then names), active households only.

    bm25 costs a lookup per matching row: ranking the ~40,000 households that "moh" matches among 150,000 takes
    50-100 ms. So at most RANKED_AT_MOST matches are ranked: all of them when there are fewer (the usual case once
    a few letters are typed), else the newest ones, with every identifier hit (CIN, phone, receipt) among the newest
    RANKED_AT_MOST put first.
    """
    expression = match_expression(query)
    if expression is None:
        return []
    candidates = _ranked(conn, expression)
    exact = _exact_cin_keys(conn, query)
    first: set[int] = set()
    if len(candidates) >= RANKED_AT_MOST and not expression.startswith("{ids}"):
        id_hits = _ranked(conn, f"{{ids}} : ({expression})")
        first = {rowid for rowid, _ in id_hits}
        candidates = id_hits + [c for c in candidates if c[0] not in first]
    candidates.sort(key=lambda c: (c[0] not in exact, c[0] not in first, c[1], c[0]))
    page = [rowid for rowid, _ in candidates[offset : offset + limit]]
    if not page:
        return []
    keys = dict(
        conn.execute(
            text("SELECT rowid, household_id FROM search_keys WHERE rowid IN :page").bindparams(
                bindparam("page", expanding=True)
            ),
            {"page": page},
        ).all()
    )
    return [keys[rowid] for rowid in page if rowid in keys]
