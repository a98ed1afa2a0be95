"""What every command receives: the database opened through a login (on first use) and the printer."""

from __future__ import annotations

import getpass
import os
import sys
from dataclasses import dataclass, field

from fieldapp.cli.output import Printer
from fieldapp.db import Database
from fieldapp.errors import BadData, NotAllowed


def ask_password(prompt_key: str, twice: bool = False) -> str | None:
    """A password typed at the terminal (not echoed), asked twice for a new one; None when nobody can type."""
    from fieldapp.i18n import t

    if not sys.stdin.isatty():
        return None
    first = getpass.getpass(t(prompt_key) + " ")
    if twice and getpass.getpass(t("cli.password_again") + " ") != first:
        raise BadData("error.passwords_differ")
    return first


@dataclass
class Context:
    data_dir: str | None
    printer: Printer
    actor: str | None = None
    user: str | None = None  # --user, else FIELDAPP_USER
    password: str | None = None  # given by a command's own option (`init --password`), else FIELDAPP_PASSWORD
    _db: Database | None = field(default=None, repr=False)

    def credentials(self) -> tuple[str, str]:
        """Who runs the command: --user or FIELDAPP_USER, with FIELDAPP_PASSWORD or a prompt at the terminal."""
        user = self.user or os.environ.get("FIELDAPP_USER")
        if not user:
            raise NotAllowed("error.login_needed")
        password = self.password if self.password is not None else os.environ.get("FIELDAPP_PASSWORD")
        if password is None:
            password = ask_password("cli.password_prompt")
        if password is None:
            raise NotAllowed("error.login_needed")
        return user, password

    @property
    def db(self) -> Database:
        if self._db is None:
            from fieldapp.services import accounts

            self._db = accounts.login(self.data_dir, *self.credentials())
        return self._db

    def secure_new_folder(self, default_user: str | None = None, default_password: str | None = None) -> str | None:
        """On a folder without accounts: its first coordinator (--user/FIELDAPP_USER, else `default_user`), the data
        encrypted, and the recovery key to show once. None when the folder already has its accounts."""
        from fieldapp.services import accounts

        if accounts.has_accounts(self.data_dir):
            return None
        named = self.user or os.environ.get("FIELDAPP_USER")
        user = named or default_user
        if not user:
            raise BadData("error.init_user_required")
        password = self.password if self.password is not None else os.environ.get("FIELDAPP_PASSWORD")
        if password is None and named:
            password = ask_password("cli.new_password_prompt", twice=True)
        password = password if password is not None else default_password
        if password is None:
            raise BadData("error.password_required")
        first = accounts.create_first_coordinator(self.data_dir, user, password)
        self.use(first.db)
        return first.recovery_key

    def use(self, db: Database) -> Database:
        """Adopt a database opened otherwise (the first coordinator's, or a recovery's)."""
        self.close()
        self._db = db
        return db

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()
            self._db = None
