"""Backups of the local record: a consistent copy made on demand, checked before a restore, never losing unsent changes.

Plain SQLite for now: SQLite's online backup API (a consistent copy while the app is open, WAL included), written
beside its target and moved into place, so a power cut leaves the old backup or the new one. These functions work on
the data folder, not on an open Database: a restore replaces the file, which nothing may hold open.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path

from fieldapp import files, migrate, paths
from fieldapp.errors import BadData, DatabaseRefused, NotFound, Refused

#: automatic and pre-restore copies kept in the data folder's backups/ (a file given with -o is never rotated)
KEEP = 14
PREFIX = "fieldapp-backup-"


@dataclass(frozen=True)
class BackupInfo:
    """What a backup file holds, read without changing it."""

    path: str
    revision: str
    association_id: str | None
    association_name: str | None
    households: int
    distributions: int
    changes: int  # journal rows

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    previous: str | None  # the copy of the database as it was before the restore
    unsent_lost: int  # changes never sent to HQ and missing from the backup (restored only with --yes)

    def as_dict(self) -> dict:
        return {"restored": self.restored.as_dict(), "previous": self.previous, "unsent_lost": self.unsent_lost}


def _connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _copy(source: Path, target: Path, read_only: bool = False) -> None:
    """SQLite's online backup of `source` into `target`, made beside it, synced, then moved into place."""
    with files.atomic_path(target) as temp:
        opened = _connect_read_only(source) if read_only else sqlite3.connect(source)
        with contextlib.closing(opened) as src, contextlib.closing(sqlite3.connect(temp)) as copy:
            src.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file (the app turns WAL on when it opens)


def _setting(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    if row is None or row[0] is None:
        return None
    value = json.loads(row[0])
    return value if isinstance(value, str) else None


def inspect(path: str | os.PathLike) -> BackupInfo:
    """Check a backup file (readable, whole, a fieldapp record this version can open) and say what it holds."""
    path = Path(path)
    if not path.is_file():
        raise NotFound("error.backup_missing", path=str(path))
    try:
        with contextlib.closing(_connect_read_only(path)) as conn:
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise BadData("error.backup_damaged", path=str(path))
            revision = migrate.current_revision(path)
            if revision is None:
                raise BadData("error.backup_not_fieldapp", path=str(path))
            if revision not in migrate.known_revisions():
                raise BadData("error.backup_too_new", path=str(path))
            counts = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("households", "distributions")]
            return BackupInfo(
                str(path),
                revision,
                _setting(conn, "association_id"),
                _setting(conn, "association_name"),
                counts[0],
                counts[1],
                conn.execute("SELECT count(*) FROM journal").fetchone()[0],
            )
    except DatabaseRefused as refused:
        raise BadData("error.backup_not_fieldapp", path=str(path)) from refused
    except sqlite3.DatabaseError:
        raise BadData("error.backup_damaged", path=str(path)) from None


def backup(data_dir: str | os.PathLike | None = None, target: str | os.PathLike | None = None) -> BackupInfo:
    """A consistent copy of the record: to `target`, or into the data folder's backups/ (the oldest rotated out)."""
    source = paths.data_dir(data_dir) / paths.DATABASE_FILE
    if not source.is_file():
        raise NotFound("error.backup_no_database", path=str(source))
    if target is None:
        folder = paths.backups_dir(data_dir)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        _copy(source, folder / f"{PREFIX}{stamp}.sqlite3")
        for old in sorted(folder.glob(f"{PREFIX}*.sqlite3"))[:-KEEP]:
            old.unlink(missing_ok=True)
        made = sorted(folder.glob(f"{PREFIX}*.sqlite3"))[-1]
    else:
        made = Path(target)
        made.parent.mkdir(parents=True, exist_ok=True)
        _copy(source, made)
    return inspect(made)


def _unsent_missing_from(current: Path, backup_file: Path) -> int:
    """Changes this laptop never sent to HQ that the backup does not hold (they would be lost by the restore)."""
    with contextlib.closing(_connect_read_only(current)) as conn:
        conn.execute("ATTACH DATABASE ? AS kept", (f"file:{backup_file}?mode=ro",))
        return conn.execute(
            "SELECT count(*) FROM main.journal AS j WHERE j.pushed_at IS NULL AND NOT EXISTS ("
            " SELECT 1 FROM kept.journal AS k WHERE k.entity = j.entity AND k.entity_id = j.entity_id"
            " AND k.hlc = j.hlc)"
        ).fetchone()[0]


def _keep_damaged(current: Path, folder: Path) -> str:
    """A damaged record copied byte for byte (its -wal too) before it is replaced: for whoever can still mend it."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    kept = folder / f"fieldapp-damaged-{stamp}.sqlite3"
    for suffix in ("", "-wal"):
        source = current.with_name(current.name + suffix)
        if source.is_file():
            with files.atomic_path(kept.with_name(kept.name + suffix)) as temp:
                shutil.copyfile(source, temp)
    return str(kept)


def restore(
    data_dir: str | os.PathLike | None, file: str | os.PathLike, allow_unsent_loss: bool = False
) -> RestoreResult:
    """Put a backup in place of the record, once it is checked; the record as it was is backed up first.

    Refused when the backup is of another association, or when it would lose changes never sent to HQ (unless
    `allow_unsent_loss`: the person said yes, knowing how many). An older schema is upgraded at the next open.
    """
    file = Path(file)
    info = inspect(file)
    current = paths.data_dir(data_dir) / paths.DATABASE_FILE
    previous, lost = None, 0
    if current.is_file():
        try:
            with contextlib.closing(_connect_read_only(current)) as conn:
                association = _setting(conn, "association_id")
            lost = _unsent_missing_from(current, file)
        except sqlite3.DatabaseError:  # the record is damaged (the reason for many a restore): kept as it is
            previous = _keep_damaged(current, paths.backups_dir(data_dir))
        else:
            if association and info.association_id and association != info.association_id:
                raise Refused("error.backup_other_association", name=info.association_name or info.association_id)
            if lost and not allow_unsent_loss:
                raise Refused("error.backup_would_lose", count=lost)
            previous = backup(data_dir).path
            with contextlib.closing(sqlite3.connect(current)) as conn:  # the WAL folded in: nothing left beside it
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _copy(file, current, read_only=True)
    for leftover in (current.with_name(current.name + "-wal"), current.with_name(current.name + "-shm")):
        leftover.unlink(missing_ok=True)
    return RestoreResult(inspect(current), previous, lost)
