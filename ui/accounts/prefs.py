"""The login screen's view of the preferences kept before login (fieldapp.preferences): last user, language, demo."""

from __future__ import annotations

import os
from dataclasses import dataclass

from fieldapp import paths, preferences


@dataclass
class LoginPrefs:
    last_user: str = ""
    language: str = ""  # the language the login screen opens in ("" before the first login)
    demo_user: str = ""  # set by `fieldapp app --demo`: the login screen shows the demo's credentials

    @classmethod
    def load(cls, data_dir: str | os.PathLike | None) -> LoginPrefs:
        stored = preferences.read(paths.data_dir(data_dir))
        return cls(**{key: stored.get(key) or "" for key in ("last_user", "language", "demo_user")})

    def save(self, data_dir: str | os.PathLike | None) -> None:
        preferences.remember(
            paths.data_dir(data_dir),
            last_user=self.last_user or None,
            language=self.language or None,
            demo_user=self.demo_user or None,
        )
