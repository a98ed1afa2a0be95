"""What every command receives: the opened database (on first use) and the printer."""

from __future__ import annotations

from dataclasses import dataclass, field

from fieldapp.cli.output import Printer
from fieldapp.db import Database


@dataclass
class Context:
    data_dir: str | None
    printer: Printer
    actor: str | None = None
    #: the data key of an encrypted record, unwrapped at login (None: a plain record)
    key: bytes | None = field(default=None, repr=False)
    _db: Database | None = field(default=None, repr=False)

    @property
    def db(self) -> Database:
        if self._db is None:
            self._db = Database.open(self.data_dir, key=self.key)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()
