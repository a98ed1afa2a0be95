"""Leaving the demo for a real set-up: the demo's record and keys set aside in a dated folder, the data folder new."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from fieldapp import paths, preferences, settings
from fieldapp.db import Database
from fieldapp.errors import Refused
from fieldapp.keystore import KEYSTORE_FILE
from fieldapp.permissions import Action
from fieldapp.services import outbox

ARCHIVE_PREFIX = "demo-archive-"
# The database with SQLite's companions (a power cut may have left them), then the keys that open it.
_SET_ASIDE = ("", "-wal", "-shm", "-journal")


@dataclass(frozen=True)
class DemoArchive:
    folder: Path  # where the demo's database and keys now are (inside the data folder)
    files: tuple[str, ...]  # the names moved there

    def as_dict(self) -> dict:
        return {"folder": str(self.folder), "files": list(self.files)}


def is_demo(db: Database) -> bool:
    with db.read() as session:
        return bool(settings.get(session, "demo"))


def check_can_leave(db: Database) -> None:
    """Refused unless this laptop runs the demo and nothing real waits to be sent: a demo laptop enrolled with HQ
    (nothing stops it) keeps its unsent changes until a sync took them."""
    db.require(Action.SETTINGS)
    with db.read() as session:
        demo, enrolled = settings.get(session, "demo"), settings.get(session, "hq_device_id")
    if not demo:
        raise Refused("error.not_demo")
    if enrolled:
        waiting = outbox.pending_count(db)
        if waiting:
            raise Refused("error.demo_unsent_changes", count=waiting)


def leave_demo(db: Database, actor: str | None = None, now: dt.datetime | None = None) -> DemoArchive:
    """Set the demo's record aside (its families, servings and users were never real): the database file and the keys
    that open it are moved, not deleted, to `demo-archive-YYYYMMDD-HHMMSS/` in the data folder, so a misclick loses
    nothing. `db` is closed: the data folder is then as on a new laptop, ready for the first set-up."""
    check_can_leave(db)
    with db.write(actor) as uow:  # the last entry of the demo's trail says where it went
        uow.audit("setup.leave_demo")
    directory = db.path.parent
    db.dispose()
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    folder = directory / f"{ARCHIVE_PREFIX}{stamp}"
    number = 1
    while folder.exists():  # two departures in one second (tests): never mix two archives
        number += 1
        folder = directory / f"{ARCHIVE_PREFIX}{stamp}-{number}"
    folder.mkdir()
    moved = []
    for name in (*(f"{db.path.name}{suffix}" for suffix in _SET_ASIDE), KEYSTORE_FILE):
        source = directory / name
        if source.exists():
            shutil.move(source, folder / name)
            moved.append(name)
    # The login screen must no longer offer the demo's account, nor show its password.
    preferences.remember(directory, last_user=None, demo_user=None)
    return DemoArchive(folder, tuple(moved))


def data_folder_is_new(data_dir: str | None) -> bool:
    """Nothing set up in the folder (no database, no keys): what the first set-up expects."""
    directory = paths.data_dir(data_dir)
    return not (directory / paths.DATABASE_FILE).exists() and not (directory / KEYSTORE_FILE).exists()
