"""What must be known before login, when the encrypted database cannot be read yet: the language and the last user name.

A small JSON file beside the database (`fieldapp.preferences.json` in the data folder), in plain: nothing in it is
secret (the language of the screens, the name the login screen offers). The settings writer keeps the language here
whenever it changes (fieldapp.services.setup); the login remembers the user (`remember(data_dir, last_user=...)`).
The CLI reads the language from here before a command logs in, the desktop before its login screen. The database's
own `language` setting stays the reference: this file is a copy, rewritten whole (fieldapp.files: a power cut leaves
the old file or the new one) and read leniently (missing or damaged: nothing known yet).
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

PREFERENCES_FILE = "fieldapp.preferences.json"
KNOWN = ("language", "last_user", "demo_user")  # demo_user: the login screen shows the demo password


def path_in(data_dir: str | os.PathLike) -> Path:
    return Path(data_dir) / PREFERENCES_FILE


def read(data_dir: str | os.PathLike) -> dict:
    """The preferences stored in the data folder; {} when there are none yet, or the file is not readable."""
    try:
        content = json.loads(path_in(data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(content, dict):
        return {}
    return {key: value for key, value in content.items() if key in KNOWN and isinstance(value, str)}


def language(data_dir: str | os.PathLike) -> str | None:
    return read(data_dir).get("language")


def last_user(data_dir: str | os.PathLike) -> str | None:
    return read(data_dir).get("last_user")


def remember(data_dir: str | os.PathLike, **values: str | None) -> None:
    """Store `language=` and/or `last_user=` (None forgets it). Best effort: a folder that cannot be written (a
    read-only share) leaves the old values, and the database, which holds the real setting, is not affected."""
    from fieldapp import files

    unknown = set(values) - set(KNOWN)
    if unknown:
        raise ValueError(f"not a preference: {', '.join(sorted(unknown))}")
    content = read(data_dir)
    content.update(values)
    content = {key: value for key, value in content.items() if value is not None}
    with contextlib.suppress(OSError), files.atomic_path(path_in(data_dir)) as temp:
        temp.write_text(json.dumps(content, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
