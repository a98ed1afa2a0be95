"""Schema upgrades on open: Alembic migrations shipped in the package, a copy of the file first, newer files refused."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from pathlib import Path

from fieldapp import encryption
from fieldapp.errors import DatabaseRefused, NotAllowed
from fieldapp.paths import package_path

_REVISION_FILE = re.compile(r"^(\d{4})_\w+\.py$")


def known_revisions() -> list[str]:
    """Revisions shipped with this code, oldest first (files are named NNNN_what.py, revision id NNNN)."""
    files = (package_path("migrations", "versions")).iterdir()
    return sorted(m.group(1) for f in files if (m := _REVISION_FILE.match(f.name)))


def head_revision() -> str:
    return known_revisions()[-1]


def current_revision(path: Path, key: bytes | None = None) -> str | None:
    """The schema revision stored in the file, None for a new or empty file; refuses files that are not ours, and an
    encrypted file that `key` does not open (NotAllowed: the key of another folder, or a damaged file)."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        with contextlib.closing(encryption.connect(path, key, readonly=True)) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "alembic_version" not in tables:
                if tables:
                    raise DatabaseRefused("error.database_foreign", path=str(path))
                return None
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except encryption.DatabaseError:
        if key is not None and not encryption.is_plain(path):
            raise NotAllowed("error.database_key_wrong", path=str(path)) from None
        raise DatabaseRefused("error.database_unreadable", path=str(path)) from None
    return row[0] if row else None


def backup(path: Path, backups: Path, revision: str, key: bytes | None = None) -> Path:
    """A consistent copy of the file (SQLite's online backup, WAL included) before it is changed, keyed as it is."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    backups.mkdir(parents=True, exist_ok=True)
    target = backups / f"{path.stem}-schema{revision}-{stamp}.sqlite3"
    with (
        contextlib.closing(encryption.connect(path, key)) as source,
        contextlib.closing(encryption.connect(target, key)) as copy,
    ):
        source.backup(copy)
    return target


def check_usable(path: Path, key: bytes | None = None) -> str | None:
    """The file's revision, or DatabaseRefused (exit 5) for a file that is not ours, unreadable, or too new."""
    current = current_revision(path, key)
    known = known_revisions()
    if current is not None and current not in known:
        raise DatabaseRefused("error.database_too_new", path=str(path), found=current, supported=known[-1])
    return current


def upgrade(path: Path, backups: Path, key: bytes | None = None) -> Path | None:
    """Bring the file to the head revision; returns the backup made, if any."""
    current = check_usable(path, key)
    known = known_revisions()
    if current == known[-1]:
        return None
    copy = backup(path, backups, current, key) if current is not None else None
    _run_alembic(path, key)
    return copy


def _run_alembic(path: Path, key: bytes | None) -> None:
    # Imported here: Alembic is only needed when the schema changes, not on every start.
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(package_path("migrations")))
    from sqlalchemy import create_engine

    from fieldapp.db import engine_url

    engine = create_engine(engine_url(path, key))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        engine.dispose()
