"""The one place that knows where data and bundled resources live (platformdirs, overrides, PyInstaller)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "fieldapp"
DATABASE_FILE = "fieldapp.sqlite3"


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """The data directory: an explicit override, else FIELDAPP_DATA_DIR, else the platform's user data dir."""
    chosen = override or os.environ.get("FIELDAPP_DATA_DIR") or platformdirs.user_data_dir(APP_NAME, appauthor=False)
    path = Path(chosen).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path(directory: str | os.PathLike | None = None) -> Path:
    return data_dir(directory) / DATABASE_FILE


def backups_dir(directory: str | os.PathLike | None = None) -> Path:
    path = data_dir(directory) / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def bundle_root() -> Path:
    """Root of the source tree, or of the unpacked PyInstaller bundle when frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """A file under resources/ (fonts, translations, icons), in a source tree or inside the bundle."""
    return bundle_root().joinpath("resources", *parts)


def package_path(*parts: str) -> Path:
    """A file shipped inside the fieldapp package itself (migrations)."""
    return bundle_root().joinpath("fieldapp", *parts)
