"""Bookkeeping rows: the journal (the sync outbox), the audit trail, settings, and what sync found to review."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fieldapp.ids import uuid7
from fieldapp.models.base import Base, UTCDateTime, utcnow


class JournalEntry(Base):
    """One row per change, written in the same transaction as the change; sync pushes them in `seq` order."""

    __tablename__ = "journal"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(10))
    hlc: Mapped[str] = mapped_column(String(48))
    payload: Mapped[dict] = mapped_column(JSON)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    pushed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, index=True)


class AuditEntry(Base):
    """What was done, by whom; each entry chained to the previous one (`seq` order) by a keyed hash."""

    __tablename__ = "audit"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=uuid7)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str | None] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str | None] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(36))
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    seq: Mapped[int | None] = mapped_column(Integer)
    user_name: Mapped[str | None] = mapped_column(String(80))  # the logged-in user (actor: who stood at the desk)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (Index("uq_audit_seq", "seq", unique=True), Index("ix_audit_entity_id", "entity_id"))


class User(Base):
    """A person who may open this laptop's record, with a role; local to the laptop, never synced.

    No password here: the user's wrap of the data key (fieldapp.keystore) lives beside the database.
    """

    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=uuid7)
    name: Mapped[str] = mapped_column(String(80))
    name_key: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(20))
    disabled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(80))
    password_changed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (Index("uq_users_name_key", "name_key", unique=True),)


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[object] = mapped_column(JSON)


class SyncConflict(Base):
    """A field where an edit from elsewhere met a concurrent one: the value kept and the value that lost.

    The same conflict has the same key on every replica (fieldapp.merge.conflict_key); settling it is a normal edit.
    """

    __tablename__ = "sync_conflicts"

    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(60))
    winner_value: Mapped[object] = mapped_column(JSON, nullable=True)  # a value emptied on one side
    winner_hlc: Mapped[str] = mapped_column(String(48))
    loser_value: Mapped[object] = mapped_column(JSON, nullable=True)
    loser_hlc: Mapped[str] = mapped_column(String(48))
    detected_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    settled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, index=True)
    settled_by: Mapped[str | None] = mapped_column(String(200))


class SyncReview(Base):
    """Something sync found that a person must look at: one household served twice for one event, on two devices."""

    __tablename__ = "sync_reviews"

    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    event_id: Mapped[str | None] = mapped_column(String(36))
    household_id: Mapped[str | None] = mapped_column(String(36))
    record_ids: Mapped[list] = mapped_column(JSON, default=list)
    detected_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    settled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, index=True)
    settled_by: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)


class HouseholdCard(Base):
    """A household card this laptop printed: when last, by whom, how many times. Local to the laptop, never synced.

    A card's QR is signed with this laptop's receipt key, so only this laptop's desk accepts it: "not yet carded" must
    mean "holds no card this desk reads", which another laptop's print says nothing about.
    """

    __tablename__ = "household_cards"

    household_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    printed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    printed_by: Mapped[str | None] = mapped_column(String(80))  # the logged-in user
    copies: Mapped[int] = mapped_column(Integer, default=1)  # cards printed for it so far (a reprint adds one)
