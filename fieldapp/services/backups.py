"""Backups of the local record: a consistent copy made on demand, checked before a restore, never losing unsent changes.

Through SQLCipher: the copy is SQLite's online backup between two connections keyed with the data key (a consistent
copy while the app is open, WAL included), so a backup is as encrypted as the record; the folder's keystore is copied
beside it (`<backup>.keys`), so it opens on a new laptop with the same passwords or the recovery key. Each file is
written beside its target and moved into place, the keys first, so a power cut leaves the old backup or the new one,
never a backup without its keys. A backup made before encryption (plain) is still read, and encrypted as it is
restored. These functions work on the data folder, not on an open Database: a restore replaces the file, which
nothing may hold open. `key` is the data key (None for a plain record), unwrapped at login by the caller.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

from fieldapp import encryption, files, migrate, paths, preferences
from fieldapp.errors import BadData, DatabaseRefused, NotAllowed, NotFound, Refused
from fieldapp.keystore import Keystore

#: automatic and pre-restore copies kept in the data folder's backups/ (a file given with -o is never rotated)
KEEP = 14
PREFIX = "fieldapp-backup-"
KEYS_SUFFIX = ".keys"


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
    encrypted: bool  # False: a backup made before the record was encrypted

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    previous: str | None  # the copy of the database as it was before the restore
    unsent_lost: int  # changes never sent to HQ and missing from the backup (restored only with --yes)

    def as_dict(self) -> dict:
        return {"restored": self.restored.as_dict(), "previous": self.previous, "unsent_lost": self.unsent_lost}


def keys_path(backup_file: str | os.PathLike) -> Path:
    """Where the copy of the keystore made with a backup lies: beside it, `<backup>.keys`."""
    return Path(f"{backup_file}{KEYS_SUFFIX}")


def _setting(conn, key: str) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    if row is None or row[0] is None:
        return None
    value = json.loads(row[0])
    return value if isinstance(value, str) else None


def inspect(path: str | os.PathLike, *, key: bytes | None = None) -> BackupInfo:
    """Check a backup file (it opens with `key`, or is plain; whole; a fieldapp record this version can open) and say
    what it holds. A file `key` does not open reads as damaged: a junk file and another laptop's key look alike."""
    path = Path(path)
    if not path.is_file():
        raise NotFound("error.backup_missing", path=str(path))
    try:
        file_key = encryption.key_for(path, key)
        with contextlib.closing(encryption.connect(path, file_key, readonly=True)) as conn:
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise BadData("error.backup_damaged", path=str(path))
            revision = migrate.current_revision(path, file_key)
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
                file_key is not None,
            )
    except DatabaseRefused as refused:
        raise BadData("error.backup_not_fieldapp", path=str(path)) from refused
    except (encryption.Error, OSError):
        unreadable = "error.backup_unreadable" if key is not None else "error.backup_damaged"
        raise BadData(unreadable, path=str(path)) from None


def _write(source: Path, target: Path, key: bytes | None, keystore: Path) -> None:
    """The record's consistent copy at `target`, keyed as it is, and the folder's keystore beside it (written
    first: a backup is never without its keys; an older backup file left by a killed run keeps the same data key)."""
    if keystore.is_file():
        Keystore.load(keystore).copy_to(keys_path(target))
    encryption.copy(source, encryption.key_for(source, key), target, key)


def backup(
    data_dir: str | os.PathLike | None = None, target: str | os.PathLike | None = None, *, key: bytes | None = None
) -> BackupInfo:
    """A consistent copy of the record: to `target`, or into the data folder's backups/ (the oldest rotated out),
    encrypted with `key` (the record's data key; None: a plain record, a plain copy)."""
    folder = paths.data_dir(data_dir)
    source = folder / paths.DATABASE_FILE
    if not source.is_file():
        raise NotFound("error.backup_no_database", path=str(source))
    keystore = Keystore.path_in(folder)
    if target is None:
        kept = paths.backups_dir(data_dir)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        made = kept / f"{PREFIX}{stamp}.sqlite3"
        _write(source, made, key, keystore)
        for old in sorted(kept.glob(f"{PREFIX}*.sqlite3"))[:-KEEP]:
            old.unlink(missing_ok=True)
            keys_path(old).unlink(missing_ok=True)
    else:
        made = Path(target)
        made.parent.mkdir(parents=True, exist_ok=True)
        _write(source, made, key, keystore)
    return inspect(made, key=key)


def _unsent_missing_from(current: Path, current_key: bytes | None, backup_file: Path, backup_key: bytes | None) -> int:
    """Changes this laptop never sent to HQ that the backup does not hold (they would be lost by the restore)."""
    with contextlib.closing(encryption.connect(current, current_key, readonly=True)) as conn:
        conn.execute(
            f"ATTACH DATABASE ? AS kept KEY {encryption.key_clause(backup_key)}", (f"file:{backup_file}?mode=ro",)
        )
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
    data_dir: str | os.PathLike | None,
    file: str | os.PathLike,
    allow_unsent_loss: bool = False,
    *,
    key: bytes | None = None,
    file_key: bytes | None = None,
) -> RestoreResult:
    """Put a backup in place of the record, once it is checked; the record as it was is backed up first.

    Refused when the backup is of another association, or when it would lose changes never sent to HQ (unless
    `allow_unsent_loss`: the person said yes, knowing how many). An older schema is upgraded at the next open.

    `key` is the record's data key: the restored record is encrypted with it (a plain backup, made before encryption,
    is encrypted as it is put in place). `file_key` opens the backup when it is another key (a backup of another
    laptop, unwrapped from its `.keys`); by default `key`. A data folder with no keystore yet (a new laptop) takes the
    backup's keys, and the record keeps the backup's key.
    """
    file = Path(file)
    file_key = file_key if file_key is not None else key
    info = inspect(file, key=file_key)
    folder = paths.data_dir(data_dir)
    current = folder / paths.DATABASE_FILE
    keystore, backup_keys = Keystore.path_in(folder), keys_path(file)
    source_key = file_key if info.encrypted else None
    adopt_keys = info.encrypted and backup_keys.is_file() and not keystore.is_file()
    # The record's key: the folder's; the backup's with its keys (a new laptop); never plain from an encrypted backup.
    target_key = source_key if adopt_keys or key is None else key
    previous, lost = None, 0
    if current.is_file() and key is None and keystore.is_file() and not encryption.is_plain(current):
        raise NotAllowed("error.restore_needs_key")  # an encrypted record, not a damaged one: log in first
    if current.is_file():
        try:
            current_key = encryption.key_for(current, key)
            with contextlib.closing(encryption.connect(current, current_key, readonly=True)) as conn:
                association = _setting(conn, "association_id")
            lost = _unsent_missing_from(current, current_key, file, source_key)
        except encryption.Error:  # the record is damaged (the reason for many a restore): kept as it is
            previous = _keep_damaged(current, paths.backups_dir(data_dir))
        else:
            if association and info.association_id and association != info.association_id:
                raise Refused("error.backup_other_association", name=info.association_name or info.association_id)
            if lost and not allow_unsent_loss:
                raise Refused("error.backup_would_lose", count=lost)
            previous = backup(data_dir, key=key).path
            with contextlib.closing(encryption.connect(current, current_key)) as conn:  # the WAL folded in
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    if adopt_keys:
        Keystore.load(backup_keys).copy_to(keystore)
    temp = files.temp_beside(current)
    try:
        encryption.export(file, source_key, temp, target_key)
        for leftover in (current.with_name(current.name + "-wal"), current.with_name(current.name + "-shm")):
            leftover.unlink(missing_ok=True)  # empty (checkpointed), or a damaged record's (kept above)
        files.move_into_place(temp, current)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    restored = inspect(current, key=target_key)
    _remember_language(folder, current, target_key)
    return RestoreResult(restored, previous, lost)


def _remember_language(folder: Path, current: Path, key: bytes | None) -> None:
    """The restored record's language, for the screens before login (fieldapp.preferences)."""
    with contextlib.closing(encryption.connect(current, key, readonly=True)) as conn:
        language = _setting(conn, "language")
    if language:
        preferences.remember(folder, language=language)
