"""Errors and warnings the user sees: each carries a message key (translated) and the CLI exit code it maps to."""

from __future__ import annotations

from dataclasses import dataclass, field

from fieldapp import i18n


class FieldappError(Exception):
    """Base of every error meant for the user; never shown as a traceback."""

    exit_code = 1

    def __init__(self, key: str, *, stale: frozenset[str] = frozenset(), **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params
        #: kinds of record this refusal found changed elsewhere (another window, the command line, a sync): what a
        #: page shows of them is out of date, so the window reloads them as it does after a change it made
        self.stale = frozenset(stale)

    def message(self, language: str | None = None) -> str:
        return i18n.t(self.key, language, **self.params)

    def __str__(self) -> str:
        return self.message()


class UsageMistake(FieldappError):
    """The command line lacks what the command needs (an option argparse could not require): exit 2, as argparse's."""

    exit_code = 2


class Refused(FieldappError):
    """A rule refused the change (already served, duplicate CIN, missing reason)."""

    exit_code = 3


class NotFound(FieldappError):
    exit_code = 4


class BadData(FieldappError):
    """Input that cannot be stored as given (bad phone, unknown commune, malformed option)."""

    exit_code = 5


class NotAllowed(FieldappError):
    """Not allowed: wrong credentials, a locked or disabled account, or a role without the right (exit 7)."""

    exit_code = 7


class DatabaseRefused(FieldappError):
    """The database file cannot be used by this version (newer than the code, or not a fieldapp file)."""

    exit_code = 5


@dataclass(frozen=True)
class Notice:
    """A warning that does not block the change (CIN shape, possible duplicates)."""

    key: str
    params: dict = field(default_factory=dict)
    candidates: tuple = ()

    def message(self, language: str | None = None) -> str:
        return i18n.t(self.key, language, **self.params)

    def as_dict(self) -> dict:
        return {"code": self.key, "message": self.message(), "candidates": list(self.candidates)}
