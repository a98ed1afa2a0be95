"""Two laptops of one association on real SQLite files, and a relay that carries one's journal to the other the way
HQ serves it (the device code in "d"), for testing the local half of sync without a server."""

from __future__ import annotations

from pathlib import Path

from fieldapp.db import Database
from fieldapp.services import replication, setup
from sync import changes

ASSOCIATION = "0193a000-0000-7000-8000-00000000a55c"
KHOURIBGA = "05.311.01.07"


def laptop(directory: Path, device: str, association_id: str = ASSOCIATION) -> Database:
    db = Database.open(directory / device)
    setup.initialise(db, "Association Al Amal", device, operator=f"staff {device}", association_id=association_id)
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
