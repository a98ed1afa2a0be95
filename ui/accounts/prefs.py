"""The login screen's preferences beside the database (not secret, readable before login): last user, language, demo.

A small JSON file in the data folder, written atomically (fieldapp.files); a missing or damaged file is no
preference at all. The database itself is encrypted: nothing of it can be read until someone logs in.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from fieldapp import files, paths

PREFS_FILE = "fieldapp.login.json"


@dataclass
class LoginPrefs:
    last_user: str = ""
    language: str = ""  # the language the login screen opens in ("" before the first login)
    demo_user: str = ""  # set by `fieldapp app --demo`: the login screen shows the demo's credentials

    @staticmethod
    def path(data_dir: str | os.PathLike | None) -> Path:
        return paths.data_dir(data_dir) / PREFS_FILE

    @classmethod
    def load(cls, data_dir: str | os.PathLike | None) -> LoginPrefs:
        try:
            stored = json.loads(cls.path(data_dir).read_text(encoding="utf-8"))
            return cls(**{key: str(stored.get(key) or "") for key in ("last_user", "language", "demo_user")})
        except (OSError, ValueError, AttributeError):
            return cls()

    def save(self, data_dir: str | os.PathLike | None) -> None:
        with files.atomic_path(self.path(data_dir)) as temp:
            temp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1), encoding="utf-8")
