"""The database file encrypted at rest: SQLCipher 4 connections keyed with the raw data key, copies, conversion.

Every raw connection to the database file (the quick first screen, backups, conversion, migrations) goes through
`connect`; SQLAlchemy's goes through fieldapp.db.engine_url, to the same library. A file is plain or encrypted as a
whole: `is_plain` reads its first 16 bytes, which are the same in every plain SQLite file and random in an encrypted
one. Nothing here imports SQLAlchemy: the quick path to the first screen reads through it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path

import sqlcipher3

HEADER = b"SQLite format 3\x00"

# A wrong key, or a file that is not a database, reads as "file is not a database".
Error = sqlcipher3.Error
DatabaseError = sqlcipher3.DatabaseError
OperationalError = sqlcipher3.OperationalError

# SQLCipher logs every failed page check (a wrong key) to stderr: the caller says it in words instead. Process-wide.
with contextlib.closing(sqlcipher3.connect(":memory:")) as _quiet:
    _quiet.execute("PRAGMA cipher_log_level = NONE")


def is_plain(path: str | os.PathLike) -> bool:
    """True for a plain SQLite file (every plain file starts with the same 16 bytes; an encrypted one looks random)."""
    with open(path, "rb") as handle:
        return handle.read(16) == HEADER


def key_for(path: str | os.PathLike, key: bytes | None) -> bytes | None:
    """The key that opens `path`: none for a plain file (a backup made before encryption), else `key`."""
    return None if is_plain(path) else key


def key_clause(key: bytes | None) -> str:
    """The key as SQLCipher's PRAGMA key and ATTACH … KEY take it: a raw 32-byte key, or '' for a plain file."""
    return f"\"x'{key.hex()}'\"" if key is not None else "''"


def connect(path: str | os.PathLike, key: bytes | None, *, readonly: bool = False, timeout: float = 10.0):
    """A DB-API connection (sqlcipher3, the sqlite3 API) to the file, keyed when `key` is given."""
    target = f"file:{path}?mode=ro" if readonly else f"file:{path}"
    conn = sqlcipher3.connect(target, uri=True, timeout=timeout)
    if key is not None:
        conn.execute(f"PRAGMA key = {key_clause(key)}")
    return conn


def export(source: str | os.PathLike, source_key: bytes | None, target: str | os.PathLike, target_key: bytes | None):
    """A consistent copy of `source` (its WAL included) written into the new, empty file `target`, synced; one
    self-contained file (no WAL: the app turns it on when it opens). Same key: SQLite's online backup; another key (or
    plain to encrypted): sqlcipher_export, which re-encrypts every page, and the schema version copied with it."""
    from fieldapp import files

    with contextlib.closing(connect(source, source_key, readonly=True)) as src:
        if source_key == target_key:
            with contextlib.closing(connect(target, target_key)) as copy:
                src.backup(copy)
                copy.execute("PRAGMA journal_mode=DELETE")
        else:
            src.execute(f"ATTACH DATABASE ? AS exported KEY {key_clause(target_key)}", (str(target),))
            src.execute("BEGIN")  # one read snapshot for the data and the version
            src.execute("SELECT sqlcipher_export('exported')")
            version = src.execute("PRAGMA main.user_version").fetchone()[0]
            src.execute(f"PRAGMA exported.user_version = {int(version)}")
            src.execute("COMMIT")
            src.execute("DETACH DATABASE exported")
    files.sync_file(target)


def copy(source: str | os.PathLike, source_key: bytes | None, target: str | os.PathLike, target_key: bytes | None):
    """`export` to a file beside `target`, then moved over it: a power cut leaves the old `target` or the new one."""
    from fieldapp import files

    with files.atomic_path(target) as temp:
        export(source, source_key, temp, target_key)


def table_counts(path: str | os.PathLike, key: bytes | None) -> dict[str, int]:
    """Rows in each stored table (virtual tables are counted through their shadow tables)."""
    with contextlib.closing(connect(path, key, readonly=True)) as conn:
        names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND rootpage > 0")]
        return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def convert(path: str | os.PathLike, key: bytes, backups_dir: str | os.PathLike) -> Path | None:
    """Encrypt a plain database with `key`; returns the plain copy kept in `backups_dir` (None: nothing to convert).

    In order: the WAL folded into the file; a plain copy written into `backups_dir` (beside, synced, moved); the
    encrypted copy written beside the database, synced, its every table counted against the plain file's; then moved
    over it in one step. A `kill -9` or a power cut at any moment leaves the plain file (converted again at the next
    open: the half-written copies of the killed run are removed then) or the encrypted one, never neither. Refused
    (nothing changed) while another program holds the file open.
    """
    from fieldapp import files
    from fieldapp.errors import Refused

    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0 or not is_plain(path):
        return None
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):  # a conversion killed half-way
        leftover.unlink(missing_ok=True)
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    with contextlib.closing(connect(path, None)) as conn:
        if conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]:
            raise Refused("error.database_in_use", path=str(path))
    before = _state(path, wal)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    kept = Path(backups_dir) / f"{path.stem}-before-encryption-{stamp}.sqlite3"
    kept.parent.mkdir(parents=True, exist_ok=True)
    copy(path, None, kept, None)
    temp = files.temp_beside(path)
    try:
        export(path, None, temp, key)
        if table_counts(temp, key) != table_counts(path, None):
            raise Refused("error.database_conversion_failed", path=str(path))
        if _state(path, wal) != before:  # written meanwhile by another program: its change would be lost
            raise Refused("error.database_in_use", path=str(path))
        for leftover in (wal, shm):  # the WAL is empty (checkpointed above): nothing of the plain file is lost
            leftover.unlink(missing_ok=True)
        files.move_into_place(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return kept


def _state(path: Path, wal: Path) -> tuple:
    """What changes when a program writes to the database: its size and time, and a WAL with something in it."""
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns, wal.stat().st_size if wal.exists() else 0
