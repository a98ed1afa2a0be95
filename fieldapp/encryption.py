"""The database file encrypted at rest: SQLCipher 4 connections keyed with the raw data key; plain files converted."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import sqlcipher3

from fieldapp import files

HEADER = b"SQLite format 3\x00"

# A wrong key, or a file that is not a database, reads as "file is not a database".
DatabaseError = sqlcipher3.DatabaseError
OperationalError = sqlcipher3.OperationalError


def is_plain(path: str | os.PathLike) -> bool:
    """True for a plain SQLite file (every plain file starts with the same 16 bytes; an encrypted one looks random)."""
    with open(path, "rb") as handle:
        return handle.read(16) == HEADER


def connect(path: str | os.PathLike, key: bytes | None, *, readonly: bool = False, timeout: float = 10.0):
    """A DB-API connection (sqlcipher3, the sqlite3 API) to the file, keyed when `key` is given."""
    target = f"file:{path}?mode=ro" if readonly else f"file:{path}"
    conn = sqlcipher3.connect(target, uri=True, timeout=timeout)
    if key is not None:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def encrypt_in_place(path: str | os.PathLike, key: bytes) -> None:
    """Replace the plain file at `path` by an encrypted copy: the copy is written and synced beside it, then moved
    over it in one step, so that a power cut leaves the plain file or the encrypted one, never neither."""
    path = Path(path)
    temp = files.temp_beside(path)
    temp.unlink()
    try:
        with contextlib.closing(connect(path, None)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(temp),))
            conn.execute("SELECT sqlcipher_export('encrypted')")
            conn.execute(f"PRAGMA encrypted.user_version = {int(version)}")
            conn.execute("DETACH DATABASE encrypted")
        files.sync_file(temp)
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        files.move_into_place(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
