"""Events with their items and entitlement rules; distributions, their voids, and volunteer attendance."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from fieldapp.models.base import Base, Synced, UTCDateTime

RULES = ("per_household", "per_member", "size_bands")


class Event(Synced, Base):
    __tablename__ = "events"

    name: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)
    site: Mapped[str | None] = mapped_column(String(200))
    commune_code: Mapped[str | None] = mapped_column(String(16))

    items: Mapped[list[EventItem]] = relationship(
        order_by="EventItem.position",
        primaryjoin="and_(EventItem.event_id == Event.id, EventItem.deleted_at.is_(None))",
        viewonly=True,
    )


class EventItem(Synced, Base):
    """One item handed out at an event and the rule that gives each household its quantity."""

    __tablename__ = "event_items"

    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    code: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(200))
    label_ar: Mapped[str | None] = mapped_column(String(200))
    quantity: Mapped[int] = mapped_column(Integer)
    rule: Mapped[str] = mapped_column(String(20), default="per_household")
    # size_bands: [[min_size, max_size or null, quantity], ...]
    bands: Mapped[list | None] = mapped_column(JSON)
    # Only households carrying this flag are entitled (e.g. infant milk → "infant").
    only_flag: Mapped[str | None] = mapped_column(String(40))
    stock: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (UniqueConstraint("event_id", "code"),)


class Distribution(Synced, Base):
    """What one household received at one event: append-only; a correction is a void that points to it."""

    __tablename__ = "distributions"

    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"))
    household_id: Mapped[str] = mapped_column(ForeignKey("households.id"), index=True)
    receipt: Mapped[str] = mapped_column(String(40), unique=True)
    # [{"code", "label", "quantity", "entitled"}]
    items: Mapped[list] = mapped_column(JSON)
    collector_name: Mapped[str | None] = mapped_column(String(200))
    handed_out_by: Mapped[str | None] = mapped_column(String(200))
    volunteer_id: Mapped[str | None] = mapped_column(ForeignKey("volunteers.id"))
    served_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    override_reason: Mapped[str | None] = mapped_column(Text)
    deviation_reason: Mapped[str | None] = mapped_column(Text)

    # Usually none or one; two when the receipt was voided on two laptops before they synced (the earliest counts).
    voids: Mapped[list[DistributionVoid]] = relationship(
        viewonly=True, order_by="(DistributionVoid.voided_at, DistributionVoid.id)"
    )

    __table_args__ = (Index("ix_distributions_event_household", "event_id", "household_id"),)

    @property
    def void(self) -> DistributionVoid | None:
        """The void that cancelled this distribution (the earliest, when two laptops voided it), or None."""
        return self.voids[0] if self.voids else None


class DistributionVoid(Synced, Base):
    __tablename__ = "distribution_voids"

    # Not unique (migration 0005): the desk refuses a second void, but two laptops may each void the same receipt.
    distribution_id: Mapped[str] = mapped_column(ForeignKey("distributions.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    voided_by: Mapped[str | None] = mapped_column(String(200))
    voided_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class Attendance(Synced, Base):
    """A volunteer's presence at an event: check-in, then check-out once."""

    __tablename__ = "attendance"

    volunteer_id: Mapped[str] = mapped_column(ForeignKey("volunteers.id"))
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"))
    check_in: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    check_out: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_attendance_event_volunteer", "event_id", "volunteer_id"),)

    @property
    def hours(self) -> float | None:
        if self.check_out is None:
            return None
        return round((self.check_out - self.check_in).total_seconds() / 3600, 2)
