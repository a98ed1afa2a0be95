"""Opening the local SQLite database (WAL, FULL sync, foreign keys) and the unit of work every change goes through."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import URL, Date, Engine, create_engine, event, inspect, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from fieldapp import audit_chain, encryption, migrate, paths, settings
from fieldapp.clock import HybridLogicalClock, Stamp
from fieldapp.driver_insert import insert_many
from fieldapp.errors import Refused
from fieldapp.ids import uuid7
from fieldapp.merge import MAX_CLOCK_AHEAD_MS, META_FIELDS, stamp_of
from fieldapp.models import AuditEntry, JournalEntry, Setting, Synced, utcnow
from fieldapp.models.base import UTCDateTime
from fieldapp.permissions import Account, Action
from fieldapp.settings import CLOCK_READ, CLOCK_SETTINGS

# Pages kept in memory per connection (SQLite's default is 2 MB): a batch of 500 imported households touches pages
# of five indexes spread over a large file; with 2 MB they were written out and read back within the transaction.
CACHE_KIB = 32_768
BUSY_TIMEOUT_MS = 10_000
# Beyond this difference with HQ's clock (measured at each sync), stamps use HQ's time instead of the laptop's.
CLOCK_CORRECTION_MS = 5_000


def system_wall_ms() -> int:
    return time.time_ns() // 1_000_000


def engine_url(path: Path, key: bytes | None) -> URL:
    """SQLite for a plain file; SQLCipher 4 (`sqlcipher3`) with the raw data key (no passphrase stretching)."""
    if key is None:
        return URL.create("sqlite", database=str(path))
    return URL.create("sqlite+pysqlcipher", password=f"x'{key.hex()}'", database=str(path))


def _make_engine(path: Path, immediate: bool, key: bytes | None = None) -> Engine:
    # SQLAlchemy's SQLCipher dialect keeps one connection per thread (SingletonThreadPool) and closes another thread's
    # connection once more than five threads used it: the window has more (GUI, database worker, network, login).
    # A queue of connections, shared between threads, as SQLite files get.
    options = {"poolclass": QueuePool, "connect_args": {"check_same_thread": False}} if key is not None else {}
    options.setdefault("connect_args", {})["timeout"] = BUSY_TIMEOUT_MS / 1000
    engine = create_engine(engine_url(path, key), **options)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (see "begin" below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")  # laptops lose power: a reported commit must survive it
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # Writers take the write lock up front, so two writers queue instead of failing half-way.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@dataclass
class UnitOfWork:
    """One transaction: the session, who acts, and what changed (pages refresh only for what they show)."""

    session: Session
    actor: str | None
    identity: dict
    changed: set[str] = field(default_factory=set)
    account: Account | None = None
    #: writes new synced rows without the ORM (set by Database.write when the transaction is journaled)
    _insert_new: Callable[[Session, type[Synced], list[dict]], list[str]] | None = None

    def insert_new(self, model: type[Synced], rows: list[dict]) -> list[str]:
        """New rows of a synced table written in two executemany statements (the rows, then their journal entries),
        stamped exactly as a flush stamps new objects: for thousands of rows at once (an import). Returns the ids."""
        if self._insert_new is None:
            raise RuntimeError("insert_new needs a journaled transaction")
        return self._insert_new(self.session, model, rows)

    def audit(self, action: str, entity: str | None = None, entity_id: str | None = None, **detail) -> None:
        self.session.add(
            AuditEntry(
                actor=self.actor,
                user_name=self.account.name if self.account else None,
                action=action,
                entity=entity,
                entity_id=entity_id,
                detail=detail,
            )
        )

    def require(self, action: Action) -> None:
        """Refuse (NotAllowed, exit 7) unless the logged-in user's role may do `action`."""
        if self.account is not None:
            self.account.require(action)

    def require_identity(self) -> None:
        if not self.identity.get("association_id"):
            raise Refused("error.not_initialised")


class Database:
    """The local record: one SQLite file, upgraded on open; reads and writes in short transactions.

    `key` is the data key of an encrypted file (SQLCipher; fieldapp.keystore unwraps it at login), None for a plain
    file. A plain file given a key is converted first (fieldapp.encryption.convert: a plain copy kept in `backups`);
    a key that does not open the file is refused at once (NotAllowed, error.database_key_wrong).

    `account` is who logged in: every use case checks its role (`require`). A database opened by code with no
    account (tests, tools, the bench) is not limited by a role; the CLI and the window only open one through a login
    (fieldapp.services.accounts).
    """

    def __init__(
        self,
        path: str | os.PathLike,
        backups: str | os.PathLike | None = None,
        *,
        key: bytes | None = None,
        account: Account | None = None,
    ) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.key = key
        self.account = account
        backups_dir = Path(backups) if backups else self.path.parent / "backups"
        #: the plain copy made when a plain file was given a key and converted here (None: it was not); removed as
        #: soon as the encrypted file has opened and been upgraded, since it holds every family's data in clear
        self.converted_from: Path | None = encryption.convert(self.path, key, backups_dir) if key is not None else None
        # The key is checked here (a read of the first page): a wrong key fails at once, with a sentence.
        self.backup_made = migrate.upgrade(self.path, backups_dir, key)
        if self.converted_from is not None:  # with the copies of a conversion killed half-way, if any
            for plain_copy in backups_dir.glob(f"{self.path.stem}-before-encryption-*.sqlite3"):
                plain_copy.unlink(missing_ok=True)
        self._reader = _make_engine(self.path, immediate=False, key=key)
        self._writer = _make_engine(self.path, immediate=True, key=key)
        self._read_sessions = sessionmaker(self._reader, expire_on_commit=False)
        self._write_sessions = sessionmaker(self._writer, expire_on_commit=False)
        self._clock: HybridLogicalClock | None = None
        self._clock_offset_ms = 0
        self._identity: dict | None = None
        # The laptop's wall clock in epoch ms (tests put a laptop a day behind or a year ahead here).
        self.wall_clock_ms: Callable[[], int] = system_wall_ms

    @classmethod
    def open(
        cls, data_dir: str | os.PathLike | None = None, key: bytes | None = None, account: Account | None = None
    ) -> Database:
        directory = paths.data_dir(data_dir)
        return cls(directory / paths.DATABASE_FILE, paths.backups_dir(directory), key=key, account=account)

    def require(self, action: Action) -> None:
        """Refuse (NotAllowed, exit 7) unless the logged-in user's role may do `action` (for reads that need a right,
        such as an export; writes check through their unit of work)."""
        if self.account is not None:
            self.account.require(action)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read_sessions() as session, session.begin():
            yield session

    @contextmanager
    def write(self, actor: str | None = None, journal: bool = True) -> Iterator[UnitOfWork]:
        """A transaction that commits on success; every synced row it touches is stamped and journaled.

        `journal=False` is for sync alone: rows pulled from HQ are written as they come (stamps included) and must
        not be journaled, or they would be pushed back.
        """
        with self._write_sessions() as session, session.begin():
            session.info[audit_chain.SESSION_KEY] = audit_chain.chain_key(self.key)  # chains the audit entries
            identity = self.identity(session)
            if journal:
                session.info["stamp"] = self._stamper(identity)
            uow = UnitOfWork(
                session=session, actor=actor or identity.get("operator_name"), identity=identity, account=self.account
            )
            if journal:
                uow._insert_new = lambda s, model, rows: self._insert_stamped(s, identity, model, rows)
            yield uow
            session.flush()
        if "settings" in uow.changed:
            self._identity = None

    def identity(self, session: Session | None = None) -> dict:
        if self._identity is None:
            if session is None:
                with self.read() as s:
                    return self.identity(s)
            self._identity = {k: settings.get(session, k) for k in ("association_id", "device_code", "operator_name")}
        return dict(self._identity)

    def forget_identity(self) -> None:
        self._identity = None

    def clock(self, session: Session, node: str) -> HybridLogicalClock:
        """The clock, moved past the newest stamp in the file (another window or the CLI may have written since).

        Writers are serialised (BEGIN IMMEDIATE) and each one stamps past the last journal row, so the row with the
        highest seq holds the highest stamp: reading it is one primary-key lookup. Once HQ's clock is known (a sync
        stored `hq_clock_offset_ms`) the wall time is corrected by it beyond 5 s, and a stamp further ahead than
        MAX_CLOCK_AHEAD_MS (a laptop that ran a year ahead) no longer drags the clock; the newest pulled stamp
        (`sync_clock_floor`) is observed too, so a laptop a day behind stamps after what it received.
        """
        if self._clock is not None and self._clock.node == node and session.info.get(CLOCK_READ) is self._clock:
            return self._clock  # read in this transaction already: writers are serialised, its own stamps are newest
        offset, floor = _clock_settings(session)
        applied = offset if offset is not None and abs(offset) > CLOCK_CORRECTION_MS else 0
        if self._clock is None or self._clock.node != node or applied != self._clock_offset_ms:
            self._clock_offset_ms = applied
            self._clock = HybridLogicalClock(node, wall_clock=lambda: self.wall_clock_ms() + self._clock_offset_ms)
        cap = MAX_CLOCK_AHEAD_MS if offset is not None else None
        last = session.scalar(select(JournalEntry.hlc).order_by(JournalEntry.seq.desc()).limit(1))
        if last:
            self._clock.observe(last, max_ahead_ms=cap)
        if floor:
            self._clock.observe(floor, max_ahead_ms=cap)
        session.info[CLOCK_READ] = self._clock
        return self._clock

    def _stamper(self, identity: dict):
        def stamp(session: Session) -> None:
            node = identity.get("device_code") or "unset"
            clock = None
            # Read the pending sets once: session.new/dirty rebuild a collection at every access.
            new, dirty = list(session.new), list(session.dirty)
            new_ids = {id(obj) for obj in new}
            for obj in new + dirty:
                is_new = id(obj) in new_ids
                if not isinstance(obj, Synced) or (not is_new and not session.is_modified(obj)):
                    continue
                clock = clock or self.clock(session, node)
                hlc = clock.now()
                if not is_new and obj.hlc and hlc <= obj.hlc:
                    # The row holds a newer stamp than the clock gives (pulled from a laptop ahead, or this one's
                    # clock capped): the edit must still win over what it replaces, everywhere.
                    hlc = _stamp_after(obj.hlc, node)
                now = utcnow()
                if is_new:
                    obj.id = obj.id or uuid7()
                    obj.created_at = obj.created_at or now
                    obj.association_id = obj.association_id or identity.get("association_id") or ""
                    obj.device_id = obj.device_id or node
                if is_new:
                    op, payload = "insert", None
                    obj.field_hlc = {"*": hlc}
                else:
                    op = "delete" if _just_deleted(obj) else "update"
                    payload = _update_payload(obj, hlc)
                obj.updated_at, obj.hlc = now, hlc
                session.add(
                    JournalEntry(
                        entity=obj.__tablename__,
                        entity_id=obj.id,
                        op=op,
                        hlc=hlc,
                        payload=payload if payload is not None else obj.to_record(),
                        at=now,
                    )
                )

        return stamp

    def _insert_stamped(self, session: Session, identity: dict, model: type[Synced], rows: list[dict]) -> list[str]:
        """What the stamper does for new objects (id, times, association, device, stamps, an "insert" journal entry
        holding the whole row), for plain dicts written by Core."""
        node = identity.get("device_code") or "unset"
        clock = self.clock(session, node)
        now = utcnow()
        now_text, association = now.isoformat(), identity.get("association_id") or ""
        table = model.__table__  # type: ignore[attr-defined]
        defaults = {c.key: _default(c) for c in table.columns if c.key not in _STAMPED}
        blank = {c.key: None for c in table.columns} | {k: v for k, v in defaults.items() if not callable(v)}
        made = [(k, v) for k, v in defaults.items() if callable(v)]  # `list` for flags: a new one per row
        dated = [c.key for c in table.columns if c.key not in _STAMPED and isinstance(c.type, UTCDateTime | Date)]
        records, entries = [], []
        for given in rows:
            hlc = clock.now()
            record = blank | given
            for key, make in made:
                if key not in given:
                    record[key] = make()
            record.update(id=given.get("id") or uuid7(), created_at=now, updated_at=now, hlc=hlc, field_hlc={"*": hlc},
                          association_id=association, device_id=node)  # fmt: skip
            records.append(record)
            payload = record.copy()  # as Synced.to_record: times as ISO text, no field_hlc
            del payload["field_hlc"]
            payload["created_at"] = payload["updated_at"] = now_text
            for key in dated:
                if payload[key] is not None:
                    payload[key] = payload[key].isoformat()
            entries.append({"entity": table.name, "entity_id": record["id"], "op": "insert", "hlc": hlc,
                            "payload": payload, "at": now, "pushed_at": None})  # fmt: skip
        if records:
            insert_many(session, table, records)
            insert_many(session, JournalEntry.__table__, entries)
        return [r["id"] for r in records]

    def dispose(self) -> None:
        self._reader.dispose()
        self._writer.dispose()


def dbapi_connection(session: Session):
    """The DB-API (sqlite3) connection under a session, inside its transaction: for the plain SQL of
    fieldapp.first_screen, which the quick path runs before SQLAlchemy is imported."""
    return session.connection().connection.driver_connection


_STAMPED = frozenset({"id", "created_at", "updated_at", "hlc", "field_hlc", "association_id", "device_id"})


def _default(column):
    """A column's Python default as a value or a no-argument callable (`list` for flags), else None."""
    default = column.default
    if default is None or column.key in META_FIELDS:
        return None
    if default.is_scalar:
        return default.arg
    return lambda: default.arg(None)


def _clock_settings(session: Session) -> tuple[int | None, str | None]:
    rows = dict(session.execute(select(Setting.key, Setting.value).where(Setting.key.in_(CLOCK_SETTINGS))).all())
    return rows.get("hq_clock_offset_ms"), rows.get("sync_clock_floor")


def _stamp_after(held: str, node: str) -> str:
    return str(Stamp.parse(held).next_after(node))


def _update_payload(obj: Synced, hlc: str) -> dict:
    """An update's journal payload: the fields it changed, and (under "_prev") the stamps they had before.

    The previous stamps let every replica tell an edit that follows what it holds from a concurrent one
    (fieldapp.merge); the row's field stamps move to the new stamp for the changed fields.
    """
    state = inspect(obj)
    changed = []
    for column in obj.__table__.columns:  # type: ignore[attr-defined]
        if column.key in META_FIELDS:
            continue
        history = state.attrs[column.key].history
        if history.added and list(history.added) != list(history.deleted):
            changed.append(column.key)
    record = obj.to_record()
    stamps = dict(obj.field_hlc) if obj.field_hlc else {"*": obj.hlc}
    prev = {name: stamp_of(stamps, name, obj.hlc) for name in changed}
    for name in changed:
        stamps[name] = hlc
    obj.field_hlc = stamps
    payload = {name: record[name] for name in changed}
    payload["_prev"] = prev
    return payload


def _just_deleted(obj: Synced) -> bool:
    history = inspect(obj).attrs.deleted_at.history
    return bool(history.added) and history.added[0] is not None


@event.listens_for(Session, "before_flush")
def _stamp_before_flush(session: Session, _context, _instances) -> None:
    stamp = session.info.get("stamp")
    if stamp is not None:
        stamp(session)
