"""Two laptops of one association on real SQLite files, and a relay that carries one's journal to the other the way
HQ serves it (the device code in "d"), for testing the local half of sync without a server."""

from __future__ import annotations

from pathlib import Path

from raw_db import TEST_PASSWORD, TEST_USER

from fieldapp.db import Database
from fieldapp.services import accounts, replication, setup
from sync import changes, engine

ASSOCIATION = "0193a000-0000-7000-8000-00000000a55c"
KHOURIBGA = "05.311.01.07"


def secured(folder: Path) -> Database:
    """A laptop's record as the app makes it: encrypted, its first coordinator (the test user) logged in."""
    return accounts.create_first_coordinator(folder, TEST_USER, TEST_PASSWORD).db


def laptop(directory: Path, device: str, association_id: str = ASSOCIATION) -> Database:
    db = secured(directory / device)
    setup.initialise(db, "Association Al Amal", device, operator=f"staff {device}", association_id=association_id)
    return db


def enrolled_laptop(directory: Path, hq, association_id: str, device: str, url: str | None = None) -> Database:
    """A new laptop enrolled with a real HQ (through `url`, e.g. a proxy, when given) as `fieldapp enroll` does."""
    db = secured(directory / device)
    engine.enroll(db, url or hq.url, hq.enroll_code(association_id), device_code=device)
    return db


def wire_changes(source: Database, from_seq: int = 1) -> list[dict]:
    """The source's journal from `from_seq` on, as HQ would serve it to another laptop."""
    device = source.identity()["device_code"]
    batch = replication.journal_batch(source, from_seq, 100_000)
    return [{**changes.outgoing(record), "d": device} for record in batch]


def relay(source: Database, target: Database, from_seq: int = 1, cursor: int = 0) -> replication.PageOutcome:
    """Apply the source's journal (from `from_seq`) to the target as one pulled page."""
    page = [changes.incoming(c) for c in wire_changes(source, from_seq)]
    return replication.apply_page(target, page, cursor)


def last_seq(db: Database) -> int:
    return replication.last_journal_seq(db)


def local_copy(db: Database, table: str) -> dict[str, tuple[dict, dict]]:
    """{id: (data fields as they travel, without empty ones; field stamps)} of one synced table on a laptop.

    Empty values (None, []) are left out: an insert carries only non-empty fields, so HQ's copy may lack them.
    """
    from sqlalchemy import select

    from fieldapp.merge import META_FIELDS
    from fieldapp.services.pulled import json_value, table_of

    t = table_of(table)
    with db.read() as session:
        rows = session.execute(select(t)).mappings().all()
    return {
        r["id"]: (
            {k: json_value(v) for k, v in r.items() if k not in META_FIELDS and v not in (None, [])},
            r["field_hlc"],
        )
        for r in rows
    }


def hq_copy(hq, table: str) -> dict[str, tuple[dict, dict]]:
    """HQ's merged copy of one table, read from its database, in the same shape as local_copy."""
    import sqlalchemy as sa

    from hq import schema

    engine_ = sa.create_engine(hq.db_url)
    try:
        with engine_.connect() as conn:
            r = schema.records
            rows = conn.execute(sa.select(r.c.id, r.c.data, r.c.field_hlc).where(r.c.tbl == table)).all()
    finally:
        engine_.dispose()
    return {row.id: ({k: v for k, v in row.data.items() if v not in (None, [])}, row.field_hlc) for row in rows}


def hq_findings(hq) -> dict:
    """HQ's open conflicts and review items (`fieldapp-hq conflicts --json`)."""
    import json

    proc = hq.cli("conflicts", "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)
