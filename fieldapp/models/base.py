"""Declarative base, the UTC time type and the columns every synced row carries."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, DateTime, MetaData, String, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from fieldapp.ids import uuid7

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator):
    """Stored as naive UTC (portable across SQLite and PostgreSQL), always returned timezone-aware."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; fieldapp stores UTC only")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Synced:
    """Rows that travel to HQ: made on a device, stamped by the hybrid logical clock, soft-deleted only."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=uuid7)
    association_id: Mapped[str] = mapped_column(String(36))
    device_id: Mapped[str] = mapped_column(String(64))
    hlc: Mapped[str] = mapped_column(String(48))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    # When each field last changed ({"*": insert stamp, field: stamp}); NULL on rows older than migration 0004,
    # whose fields all carry `hlc`. Sync merges field by field with it (fieldapp.merge).
    field_hlc: Mapped[dict | None] = mapped_column(JSON, default=None)

    def to_record(self) -> dict:
        """Every column as a JSON-ready value: the journal's payload and the export's row."""
        record = {}
        for column in self.__table__.columns:  # type: ignore[attr-defined]
            if column.key == "field_hlc":
                continue
            value = getattr(self, column.key)
            if isinstance(value, dt.datetime | dt.date):
                value = value.isoformat()
            record[column.key] = value
        return record
