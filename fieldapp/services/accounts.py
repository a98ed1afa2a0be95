"""Accounts on the laptop: the first coordinator, logging in, users and roles, passwords, and recovery."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from fieldapp import encryption, migrate, paths, preferences, settings
from fieldapp.db import Database, UnitOfWork
from fieldapp.errors import BadData, NotAllowed, NotFound, Refused
from fieldapp.keystore import Keystore, name_key
from fieldapp.models import User, utcnow
from fieldapp.permissions import Account, Action, Role
from fieldapp.services import Outcome

MIN_PASSWORD = 8
MAX_NAME = 80
# The demo data's coordinator (`fieldapp app --demo`, `fieldapp demo` on a new folder without credentials): fake
# families only, so the login screen may say these.
DEMO_USER, DEMO_PASSWORD = "demo", "demo-fieldapp"


@dataclass(frozen=True)
class UserView:
    name: str
    role: str
    disabled: bool
    locked: bool
    created_at: dt.datetime

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "role": self.role,
            "disabled": self.disabled,
            "locked": self.locked,
            "created_at": self.created_at.isoformat(),
        }


@dataclass(frozen=True)
class FirstCoordinator:
    db: Database  # opened, logged in as the new coordinator
    recovery_key: str  # shown once, to be printed or written down


def keystore_of(data_dir: str | os.PathLike) -> Keystore:
    return Keystore.load(Keystore.path_in(data_dir))


def has_accounts(data_dir: str | os.PathLike | None = None) -> bool:
    return Keystore.exists(paths.data_dir(data_dir))


def clean_user_name(name: str) -> str:
    cleaned = " ".join(unicodedata.normalize("NFC", name or "").split())
    if not cleaned or len(cleaned) > MAX_NAME or any(unicodedata.category(ch).startswith("C") for ch in cleaned):
        raise BadData("error.user_name_invalid", max=MAX_NAME)
    return cleaned


def check_password(password: str | None) -> str:
    if not password or len(password) < MIN_PASSWORD:
        raise BadData("error.password_too_short", min=MIN_PASSWORD)
    return password


def create_first_coordinator(data_dir: str | os.PathLike | None, user: str, password: str) -> FirstCoordinator:
    """Secure a data folder: the data key wrapped for `user` and a new recovery key, the database encrypted (an
    existing plain one converted in place: fieldapp.encryption.convert), and `user` its first coordinator.

    The wraps are written before the conversion: a power cut in between leaves the plain file, which the next login
    converts (`login`).
    """
    directory = paths.data_dir(data_dir)
    if Keystore.exists(directory):
        raise Refused("error.accounts_exist")
    name, password = clean_user_name(user), check_password(password)
    database = directory / paths.DATABASE_FILE
    if database.exists() and database.stat().st_size > 0 and encryption.is_plain(database):
        migrate.check_usable(database)  # a file that is not ours, or too new, is refused untouched
        _restart_plain_audit_chain(database)
    store, created = Keystore.create(Keystore.path_in(directory), name, password)
    db = _open_converting(directory, created.data_key)
    try:
        with db.write() as uow:
            _insert_user(uow, name, Role.COORDINATOR, created_by=None)
            uow.audit("user.first_coordinator", "users", None, name=name)
    except BaseException:
        db.dispose()
        raise
    db.account = Account(name, Role.COORDINATOR)
    return FirstCoordinator(db=db, recovery_key=created.recovery_key)


def _open_converting(directory: Path, data_key: bytes) -> Database:
    """The database opened with the data key; a plain file is encrypted first (Database: a plain copy kept)."""
    return Database.open(directory, key=data_key)


def _restart_plain_audit_chain(database: Path) -> None:
    """A plain record's audit entries were chained with the published key of plain files: they are chained again
    with the data key's at the first write after encryption (as entries from before the chain existed are)."""
    with contextlib.closing(encryption.connect(database, None)) as conn, conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(audit)")}
        if "hash" in columns:  # a record from before the chain (schema 0005 or older) has none to restart
            conn.execute("UPDATE audit SET seq = NULL, prev_hash = NULL, hash = NULL")


def login(data_dir: str | os.PathLike | None, user: str, password: str, now: dt.datetime | None = None) -> Database:
    """The database opened for `user`, or NotAllowed (exit 7): wrong password, locked, disabled or unknown."""
    directory = paths.data_dir(data_dir)
    if not Keystore.exists(directory):
        _refuse_without_accounts(directory / paths.DATABASE_FILE)
    data_key = keystore_of(directory).unlock(user or "", password or "", now=now)
    db = _open_converting(directory, data_key)
    try:
        db.account = _active_account(db, user)
    except BaseException:
        db.dispose()
        raise
    preferences.remember(directory, last_user=db.account.name)  # the login screen offers it next time
    return db


def _refuse_without_accounts(database: Path) -> None:
    """Why a folder without accounts cannot be opened: nothing set up yet (exit 3, as before accounts), a file that is
    not ours or too new (exit 5, untouched), or an old plain record waiting for its first coordinator (exit 7)."""
    if not database.exists() or database.stat().st_size == 0:
        raise Refused("error.not_initialised")
    migrate.check_usable(database)
    raise NotAllowed("error.accounts_missing")


def _active_account(db: Database, user: str) -> Account:
    with db.read() as session:
        nobody_yet = session.scalar(select(func.count()).select_from(User)) == 0
    if nobody_yet:
        # The set-up stopped (a power cut) after the wraps were written and before the first coordinator's row: the
        # one who just unwrapped the data key is that coordinator.
        with db.write() as uow:
            _insert_user(uow, clean_user_name(user), Role.COORDINATOR, created_by=None)
            uow.audit("user.first_coordinator", "users", None, name=user, resumed=True)
    with db.read() as session:
        row = session.scalar(select(User).where(User.name_key == name_key(user)))
        if row is None or row.disabled_at is not None:
            raise NotAllowed("error.account_disabled", name=user)
        return Account(row.name, Role(row.role))


def _find(uow_or_session, name: str) -> User:
    session = getattr(uow_or_session, "session", uow_or_session)
    row = session.scalar(select(User).where(User.name_key == name_key(name)))
    if row is None:
        raise NotFound("error.user_not_found", name=name)
    return row


def _insert_user(uow: UnitOfWork, name: str, role: Role, created_by: str | None) -> User:
    if uow.session.scalar(select(User).where(User.name_key == name_key(name))) is not None:
        raise Refused("error.user_exists", name=name)
    row = User(name=name, name_key=name_key(name), role=role.value, created_by=created_by, password_changed_at=utcnow())
    uow.session.add(row)
    return row


def _role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise BadData("error.role_unknown", role=value, choices=", ".join(r.value for r in Role)) from None


def _keystore(db: Database) -> Keystore:
    if db.key is None:
        raise Refused("error.accounts_need_encryption")
    return keystore_of(db.path.parent)


def _view(row: User, store: Keystore | None) -> UserView:
    return UserView(
        name=row.name,
        role=row.role,
        disabled=row.disabled_at is not None,
        locked=bool(store and store.locked(row.name)),
        created_at=row.created_at,
    )


def add_user(db: Database, name: str, role: str, password: str) -> Outcome[UserView]:
    """A new user with a role; their password wraps the data key (the database is not re-encrypted)."""
    name, chosen, password = clean_user_name(name), _role(role), check_password(password)
    store = _keystore(db)
    with db.write() as uow:
        uow.require(Action.MANAGE_USERS)
        row = _insert_user(uow, name, chosen, created_by=db.account.name if db.account else None)
        uow.audit("user.add", "users", row.id, name=name, role=chosen.value)
        uow.session.flush()
        store.set_password(name, password, db.key)  # last: a failure here rolls the row back
        view = _view(row, store)
    return Outcome(view, [], frozenset({"users"}))


def list_users(db: Database) -> list[UserView]:
    db.require(Action.MANAGE_USERS)
    store = keystore_of(db.path.parent) if db.key is not None else None
    with db.read() as session:
        return [_view(row, store) for row in session.scalars(select(User).order_by(User.name_key))]


def change_password(
    db: Database, name: str, new_password: str, current_password: str | None = None
) -> Outcome[UserView]:
    """Your own password (the current one asked again), or anyone's for a coordinator; a rewrap, nothing more."""
    new_password = check_password(new_password)
    store = _keystore(db)
    own = db.account is not None and name_key(db.account.name) == name_key(name)
    with db.write() as uow:
        row = _find(uow, name)
        if own and current_password is not None:
            store.unlock(row.name, current_password)  # NotAllowed when it is wrong (and counted)
        elif not own:
            uow.require(Action.MANAGE_USERS)
        if row.disabled_at is not None:
            raise Refused("error.account_disabled", name=row.name)
        row.password_changed_at = utcnow()
        uow.audit("user.password", "users", row.id, name=row.name)
        uow.session.flush()
        store.set_password(row.name, new_password, db.key)
        view = _view(row, store)
    return Outcome(view, [], frozenset({"users"}))


def _active_coordinators(session) -> int:
    return session.scalar(
        select(func.count()).select_from(User).where(User.role == Role.COORDINATOR.value, User.disabled_at.is_(None))
    )


def disable_user(db: Database, name: str) -> Outcome[UserView]:
    """The user can no longer log in: their wrap of the data key is erased (an old copy of their password no longer
    opens anything); enabling them again sets a new password."""
    store = _keystore(db)
    with db.write() as uow:
        uow.require(Action.MANAGE_USERS)
        row = _find(uow, name)
        if db.account is not None and name_key(db.account.name) == row.name_key:
            raise Refused("error.user_disable_self")
        if row.disabled_at is None:
            if row.role == Role.COORDINATOR.value and _active_coordinators(uow.session) <= 1:
                raise Refused("error.user_last_coordinator")
            row.disabled_at = utcnow()
            uow.audit("user.disable", "users", row.id, name=row.name)
            uow.session.flush()
            store.remove_user(row.name)
        view = _view(row, store)
    return Outcome(view, [], frozenset({"users"}))


def enable_user(db: Database, name: str, password: str) -> Outcome[UserView]:
    password = check_password(password)
    store = _keystore(db)
    with db.write() as uow:
        uow.require(Action.MANAGE_USERS)
        row = _find(uow, name)
        row.disabled_at = None
        row.password_changed_at = utcnow()
        uow.audit("user.enable", "users", row.id, name=row.name)
        uow.session.flush()
        store.set_password(row.name, password, db.key)
        view = _view(row, store)
    return Outcome(view, [], frozenset({"users"}))


def set_role(db: Database, name: str, role: str) -> Outcome[UserView]:
    chosen = _role(role)
    with db.write() as uow:
        uow.require(Action.MANAGE_USERS)
        row = _find(uow, name)
        if row.role != chosen.value:
            active = row.disabled_at is None
            if row.role == Role.COORDINATOR.value and active and _active_coordinators(uow.session) <= 1:
                raise Refused("error.user_last_coordinator")
            uow.audit("user.role", "users", row.id, name=row.name, role=chosen.value, before=row.role)
            row.role = chosen.value
        view = _view(row, None)
    if db.account is not None and name_key(db.account.name) == name_key(name):
        db.account = Account(db.account.name, chosen)
    return Outcome(view, [], frozenset({"users"}))


def unlock_user(db: Database, name: str) -> Outcome[UserView]:
    """A coordinator lifts the lock that repeated failed logins put on an account."""
    store = _keystore(db)
    with db.write() as uow:
        uow.require(Action.MANAGE_USERS)
        row = _find(uow, name)
        store.clear_failures(row.name)
        uow.audit("user.unlock", "users", row.id, name=row.name)
        view = _view(row, store)
    return Outcome(view, [], frozenset({"users"}))


def recover(
    data_dir: str | os.PathLike | None,
    user: str,
    new_password: str,
    *,
    recovery_key: str | None = None,
    hq_code: str | None = None,
) -> Database:
    """A forgotten password replaced with the recovery key printed at set-up, or with a one-time code from HQ's
    administrator; the data is untouched. An HQ code is used once: a new HQ secret is sealed for the next sync."""
    directory = paths.data_dir(data_dir)
    new_password = check_password(new_password)
    store = keystore_of(directory)
    if (recovery_key is None) == (hq_code is None):
        raise BadData("error.recover_choose")
    data_key = store.unlock_with_recovery_key(recovery_key) if recovery_key else store.unlock_with_hq_code(hq_code)
    db = _open_converting(directory, data_key)
    try:
        with db.write() as uow:
            row = _find(uow, user)
            if row.disabled_at is not None:
                raise Refused("error.account_disabled", name=row.name)
            row.password_changed_at = utcnow()
            method = "recovery_key" if recovery_key else "hq_code"
            uow.audit("user.recover", "users", row.id, name=row.name, method=method)
            uow.session.flush()
            store.set_password(row.name, new_password, data_key)
            if hq_code is not None and store.hq_public_key():
                store.wrap_for_hq(store.hq_public_key(), data_key, settings.get(uow.session, "device_code") or "")
            db.account = Account(row.name, Role(row.role))
    except BaseException:
        db.dispose()
        raise
    return db
