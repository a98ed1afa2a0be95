"""Automatic backups: at the end of each distribution day (the window closing), at the first start after a day that
ended without one (a power cut), before each migration and each restore; into backups/ and a second folder.

A copy is made only when the record changed since the last automatic one (a new journal row, a pulled page, an
audit entry), so a day without work adds none. Both folders keep the newest fieldapp.services.backups.KEEP (14)
copies, each with its `.keys` beside it (a copy opens on a new laptop with the same passwords). The second folder
(the `backup_folder` setting, a USB stick) may be missing: that is reported, never an error. Migrations and restores
make their own copy first (fieldapp.migrate.backup, fieldapp.services.backups.restore).
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from fieldapp import files, settings
from fieldapp.db import Database
from fieldapp.models import AuditEntry, JournalEntry
from fieldapp.services import backups


@dataclass(frozen=True)
class AutomaticBackup:
    made: backups.BackupInfo | None  # None: not due (nothing changed since the last one)
    second_copy: Path | None = None
    second_folder_missing: str | None = None  # the folder chosen in Settings, when it was not there (no USB stick)


def _mark(db: Database) -> list[int]:
    with db.read() as session:
        journal = session.scalar(select(func.max(JournalEntry.seq))) or 0
        audit = session.scalar(select(func.max(AuditEntry.seq))) or 0
        cursor = settings.get(session, "sync_cursor") or 0
        return [int(journal), int(cursor), int(audit)]


def is_due(db: Database, at_start: bool = False, today: dt.date | None = None) -> bool:
    """Due when the record changed since the last automatic backup; at start, only if the change is from an earlier
    day (that day ended without its backup: a power cut, the laptop shut with the window open)."""
    today = today or dt.date.today()
    with db.read() as session:
        mark = settings.get(session, "auto_backup_mark")
        last_change = session.scalar(select(func.max(AuditEntry.at)))
    if mark == _mark(db):
        return False
    # At start: only work left from an earlier day (today's is backed up when the window closes tonight).
    return not at_start or (last_change is not None and last_change.date() < today)


def backup_if_due(db: Database, at_start: bool = False, today: dt.date | None = None) -> AutomaticBackup:
    """A backup when one is due (is_due), copied to the second folder when one is set; the mark written last, so a
    copy cut by a power cut is made again next time."""
    if not is_due(db, at_start, today):
        return AutomaticBackup(None)
    mark = _mark(db)
    folder = db.path.parent
    made = backups.backup(folder, key=db.key)
    with db.read() as session:
        second = settings.get(session, "backup_folder")
    copied, missing = None, None
    if second:
        copied, missing = _copy_to_second_folder(Path(made.path), Path(second))
    with db.write(journal=False) as uow:  # the backups' own bookkeeping: no page shows it, nothing to sync
        settings.put(uow.session, "auto_backup_mark", mark)
        settings.put(uow.session, "auto_backup_on", (today or dt.date.today()).isoformat())
    return AutomaticBackup(made, copied, missing)


def _copy_to_second_folder(made: Path, folder: Path) -> tuple[Path | None, str | None]:
    if not folder.is_dir():
        return None, str(folder)
    target = folder / made.name
    try:
        for source, copy in ((backups.keys_path(made), backups.keys_path(target)), (made, target)):
            if source.exists():
                with files.atomic_path(copy) as temp:
                    shutil.copyfile(source, temp)
        for old in sorted(folder.glob(f"{backups.PREFIX}*.sqlite3"))[: -backups.KEEP]:
            old.unlink(missing_ok=True)
            backups.keys_path(old).unlink(missing_ok=True)
    except OSError:  # the stick pulled out half-way, or full: the copy in the data folder stands
        return None, str(folder)
    return target, None
