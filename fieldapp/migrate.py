"""Schema upgrades on open: Alembic migrations shipped in the package, a copy of the file first, newer files refused."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

from fieldapp.errors import DatabaseRefused
from fieldapp.paths import package_path

_REVISION_FILE = re.compile(r"^(\d{4})_\w+\.py$")


def known_revisions() -> list[str]:
    """Revisions shipped with this code, oldest first (files are named NNNN_what.py, revision id NNNN)."""
    files = (package_path("migrations", "versions")).iterdir()
    return sorted(m.group(1) for f in files if (m := _REVISION_FILE.match(f.name)))


def head_revision() -> str:
    return known_revisions()[-1]


def current_revision(path: Path) -> str | None:
    """The schema revision stored in the file, None for a new or empty file; refuses files that are not ours."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "alembic_version" not in tables:
                if tables:
                    raise DatabaseRefused("error.database_foreign", path=str(path))
                return None
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        raise DatabaseRefused("error.database_unreadable", path=str(path)) from None
    return row[0] if row else None


def backup(path: Path, backups: Path, revision: str) -> Path:
    """A consistent copy of the file (SQLite's online backup, WAL included) before it is changed."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    backups.mkdir(parents=True, exist_ok=True)
    target = backups / f"{path.stem}-schema{revision}-{stamp}.sqlite3"
    with sqlite3.connect(path) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return target


def upgrade(path: Path, backups: Path) -> Path | None:
    """Bring the file to the head revision; returns the backup made, if any."""
    current = current_revision(path)
    known = known_revisions()
    if current is not None and current not in known:
        raise DatabaseRefused("error.database_too_new", path=str(path), found=current, supported=known[-1])
    if current == known[-1]:
        return None
    copy = backup(path, backups, current) if current is not None else None
    _run_alembic(path)
    return copy


def _run_alembic(path: Path) -> None:
    # Imported here: Alembic is only needed when the schema changes, not on every start.
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(package_path("migrations")))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    command.upgrade(config, "head")
