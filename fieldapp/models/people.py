"""Households, their members, and volunteers."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from fieldapp.figure_rules import VULNERABILITY_FLAGS as VULNERABILITY_FLAGS
from fieldapp.models.base import Base, Synced, UTCDateTime

SEXES = ("F", "M")


class Household(Synced, Base):
    __tablename__ = "households"

    head_name: Mapped[str] = mapped_column(String(200))
    head_name_ar: Mapped[str | None] = mapped_column(String(200))
    cin: Mapped[str | None] = mapped_column(String(20))
    phone: Mapped[str | None] = mapped_column(String(20), index=True)
    province_code: Mapped[str] = mapped_column(String(16))
    commune_code: Mapped[str] = mapped_column(String(16), index=True)
    douar: Mapped[str | None] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(Integer)
    flags: Mapped[list] = mapped_column(JSON, default=list)
    consent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    consent_by: Mapped[str | None] = mapped_column(String(200))
    consent_version: Mapped[str | None] = mapped_column(String(20))  # which printed consent text was agreed to
    anonymised_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)  # identity erased by retention
    notes: Mapped[str | None] = mapped_column(Text)

    members: Mapped[list[Member]] = relationship(
        back_populates="household",
        order_by="Member.created_at",
        primaryjoin="and_(Member.household_id == Household.id, Member.deleted_at.is_(None))",
        viewonly=True,
    )

    __table_args__ = (
        # Active households by CIN. Not unique (migration 0005): the desk refuses a CIN already taken, but one CIN
        # registered on two laptops reaches every replica as HQ holds it, with a review item to settle.
        Index(
            "ix_households_active_cin",
            "cin",
            sqlite_where=text("deleted_at IS NULL AND cin IS NOT NULL"),
            postgresql_where=text("deleted_at IS NULL AND cin IS NOT NULL"),
        ),
        # The household list is by name: read in index order instead of sorting every row (migration 0003).
        Index(
            "ix_households_active_name",
            "head_name",
            "id",
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )


class Member(Synced, Base):
    __tablename__ = "members"

    household_id: Mapped[str] = mapped_column(ForeignKey("households.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    name_ar: Mapped[str | None] = mapped_column(String(200))
    sex: Mapped[str | None] = mapped_column(String(1))
    birth_year: Mapped[int | None] = mapped_column(Integer)
    relation: Mapped[str | None] = mapped_column(String(40))

    household: Mapped[Household] = relationship(viewonly=True)


class Volunteer(Synced, Base):
    __tablename__ = "volunteers"

    name: Mapped[str] = mapped_column(String(200))
    name_ar: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(20))
    cin: Mapped[str | None] = mapped_column(String(20))
