"""Accounts of HQ's web pages: users (platform or association staff), Argon2id passwords, sessions, lockout."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.engine import Connection

from fieldapp.i18n import DEFAULT_LANGUAGE, LANGUAGES
from fieldapp.ids import uuid7
from hq import schema as s
from hq.auth import sha256
from hq.db import Database
from hq.errors import HQError
from sync import protocol

PLATFORM, ASSOCIATION = "platform", "association"
ROLES = (PLATFORM, ASSOCIATION)
MIN_PASSWORD = 10  # characters; a passphrase of three words passes, "azerty" does not
LOCK_AFTER = 5  # failed sign-ins in a row lock the account…
LOCK_MINUTES = 15  # …for this long (then one more failure locks it again)
SESSION_HOURS = 12  # a session ends this long after sign-in (a working day), or at sign-out
SEEN_EVERY = dt.timedelta(minutes=5)  # last_seen_at is written at most this often (a page view is not a write)
_NAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,79}$")
_hasher = PasswordHasher()  # Argon2id, the library's defaults (RFC 9106 low-memory profile)
_UNKNOWN_USER_HASH = _hasher.hash(secrets.token_hex(16))  # verified against for unknown names: the same time spent


@dataclass(frozen=True)
class WebUser:
    id: str
    name: str
    role: str
    association_id: str | None
    association_name: str | None
    language: str
    csrf_token: str = ""

    @property
    def is_platform(self) -> bool:
        return self.role == PLATFORM


class SignInRefused(Exception):
    """A sign-in refused: `reason` is "wrong" (name or password), "locked" (until `until`) or "disabled"."""

    def __init__(self, reason: str, until: dt.datetime | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.until = until


def normalise_name(name: str) -> str:
    return (name or "").strip().lower()


def _check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise HQError(protocol.BAD_REQUEST, f"a password needs at least {MIN_PASSWORD} characters")


def _user_row(conn: Connection, name: str) -> sa.Row:
    row = conn.execute(sa.select(s.web_users).where(s.web_users.c.name == normalise_name(name))).first()
    if row is None:
        raise HQError(protocol.NOT_FOUND, f"no user {name!r}")
    return row


def _as_dict(row: sa.Row) -> dict:
    return {
        "id": row.id,
        "name": row.name,
        "role": row.role,
        "association_id": row.association_id,
        "language": row.language,
        "created_at": row.created_at.isoformat(),
        "disabled_at": row.disabled_at.isoformat() if row.disabled_at else None,
        "locked_until": row.locked_until.isoformat() if row.locked_until else None,
    }


def add_user(
    db: Database, name: str, role: str, password: str, association_id: str | None = None, language: str = "fr"
) -> dict:
    """A new account. Association staff belong to exactly one association; platform staff to none."""
    name = normalise_name(name)
    if not _NAME.match(name):
        raise HQError(protocol.BAD_REQUEST, "a user name is 2 to 80 characters: lower-case letters, digits, . _ @ -")
    if role not in ROLES:
        raise HQError(protocol.BAD_REQUEST, f"the role is one of {', '.join(ROLES)}")
    if (role == ASSOCIATION) != bool(association_id):
        raise HQError(protocol.BAD_REQUEST, "association staff need --association ID; platform staff have none")
    if language not in LANGUAGES:
        raise HQError(protocol.BAD_REQUEST, f"the language is one of {', '.join(LANGUAGES)}")
    _check_password(password)
    password_hash = _hasher.hash(password)
    with db.write() as conn:
        if association_id:
            found = conn.execute(sa.select(s.associations.c.id).where(s.associations.c.id == association_id)).first()
            if found is None:
                raise HQError(protocol.NOT_FOUND, f"no association {association_id}")
        if conn.execute(sa.select(s.web_users.c.id).where(s.web_users.c.name == name)).first() is not None:
            raise HQError("user_exists", f"a user is already called {name!r}")
        values = {
            "id": uuid7(),
            "name": name,
            "role": role,
            "association_id": association_id,
            "password_hash": password_hash,
            "language": language,
            "created_at": s.utcnow(),
        }
        conn.execute(s.web_users.insert().values(**values))
        return _as_dict(_user_row(conn, name))


def list_users(db: Database, association_id: str | None = None) -> list[dict]:
    query = sa.select(s.web_users).order_by(s.web_users.c.name)
    if association_id is not None:
        query = query.where(s.web_users.c.association_id == association_id)
    with db.read() as conn:
        return [_as_dict(row) for row in conn.execute(query)]


def set_password(db: Database, name: str, password: str) -> dict:
    """A new password; every session of the user ends, and a lock is lifted."""
    _check_password(password)
    password_hash = _hasher.hash(password)
    with db.write() as conn:
        row = _user_row(conn, name)
        conn.execute(
            s.web_users.update()
            .where(s.web_users.c.id == row.id)
            .values(password_hash=password_hash, failed_logins=0, locked_until=None)
        )
        conn.execute(s.web_sessions.delete().where(s.web_sessions.c.user_id == row.id))
        return _as_dict(_user_row(conn, name))


def disable_user(db: Database, name: str) -> dict:
    """The account can no longer sign in; its open sessions end now. Disabling twice changes nothing."""
    with db.write() as conn:
        row = _user_row(conn, name)
        if row.disabled_at is None:
            conn.execute(s.web_users.update().where(s.web_users.c.id == row.id).values(disabled_at=s.utcnow()))
        conn.execute(s.web_sessions.delete().where(s.web_sessions.c.user_id == row.id))
        return _as_dict(_user_row(conn, name))


def sign_in(db: Database, name: str, password: str) -> tuple[str, str]:
    """(session token for the cookie, the user's language); raises SignInRefused. Only the token's hash is kept.
    A failure is counted (and may lock the account) in its own committed transaction, then refused."""
    now = s.utcnow()
    with db.write() as conn:
        refused = _refusal(conn, name, password, now)
        if refused is None:
            return _open_session(conn, name, now)
    raise refused


def _refusal(conn: Connection, name: str, password: str, now: dt.datetime) -> SignInRefused | None:
    """Why this sign-in is refused (its failure counted), or None when the name and password are right."""
    row = conn.execute(sa.select(s.web_users).where(s.web_users.c.name == normalise_name(name))).first()
    if row is None:
        _verify(_UNKNOWN_USER_HASH, password)  # as long as for a known name: names cannot be told by timing
        return SignInRefused("wrong")
    if row.locked_until is not None and row.locked_until > now:
        return SignInRefused("locked", row.locked_until)
    if not _verify(row.password_hash, password):
        failed = row.failed_logins + 1
        until = now + dt.timedelta(minutes=LOCK_MINUTES) if failed >= LOCK_AFTER else None
        conn.execute(
            s.web_users.update().where(s.web_users.c.id == row.id).values(failed_logins=failed, locked_until=until)
        )
        return SignInRefused("locked" if until else "wrong", until)
    if row.disabled_at is not None:
        return SignInRefused("disabled")
    return None


def _open_session(conn: Connection, name: str, now: dt.datetime) -> tuple[str, str]:
    row = conn.execute(sa.select(s.web_users).where(s.web_users.c.name == normalise_name(name))).one()
    conn.execute(s.web_users.update().where(s.web_users.c.id == row.id).values(failed_logins=0, locked_until=None))
    token = secrets.token_urlsafe(32)
    conn.execute(
        s.web_sessions.insert().values(
            token_hash=sha256(token),
            user_id=row.id,
            csrf_token=secrets.token_urlsafe(32),
            created_at=now,
            expires_at=now + dt.timedelta(hours=SESSION_HOURS),
            last_seen_at=now,
        )
    )
    conn.execute(s.web_sessions.delete().where(s.web_sessions.c.expires_at < now))  # sweep old sessions
    return token, row.language


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def session_user(db: Database, token: str | None) -> WebUser | None:
    """The signed-in user of a session cookie, or None (unknown, expired, or the account disabled)."""
    if not token or len(token) > 100:
        return None
    u, w, a = s.web_users, s.web_sessions, s.associations
    now = s.utcnow()
    query = (
        sa.select(u, w.c.csrf_token, w.c.last_seen_at, w.c.token_hash, a.c.name.label("association_name"))
        .join(w, w.c.user_id == u.c.id)
        .outerjoin(a, a.c.id == u.c.association_id)
        .where(w.c.token_hash == sha256(token), w.c.expires_at > now, u.c.disabled_at.is_(None))
    )
    with db.read() as conn:
        row = conn.execute(query).first()
    if row is None:
        return None
    if now - row.last_seen_at > SEEN_EVERY:
        with db.write() as conn:
            conn.execute(w.update().where(w.c.token_hash == row.token_hash).values(last_seen_at=now))
    return WebUser(row.id, row.name, row.role, row.association_id, row.association_name, row.language, row.csrf_token)


def sign_out(db: Database, token: str | None) -> None:
    if token:
        with db.write() as conn:
            conn.execute(s.web_sessions.delete().where(s.web_sessions.c.token_hash == sha256(token)))


def set_language(db: Database, user_id: str, language: str) -> str:
    """The user's language for every page from now on (unknown languages fall back to French)."""
    language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    with db.write() as conn:
        conn.execute(s.web_users.update().where(s.web_users.c.id == user_id).values(language=language))
    return language
