"""How fresh each association's figures are: per laptop, its last sync, changes received and how long it is silent."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from hq import schema as s

ENV_SILENT_DAYS = "FIELDAPP_HQ_SILENT_DAYS"
SILENT_DAYS = 3.0  # a laptop silent longer than this makes its association's totals partial


def silent_after() -> dt.timedelta:
    """The threshold (FIELDAPP_HQ_SILENT_DAYS, default 3 days; a bad value falls back to the default)."""
    try:
        days = float(os.environ.get(ENV_SILENT_DAYS, SILENT_DAYS))
    except ValueError:
        days = SILENT_DAYS
    return dt.timedelta(days=days if days > 0 else SILENT_DAYS)


@dataclass(frozen=True)
class Laptop:
    id: str
    code: str
    name: str
    association_id: str
    enrolled_at: dt.datetime
    last_sync: dt.datetime | None  # its last request to HQ (hello or push); None: enrolled, never synced
    changes: int  # changes received from it (the journal entries HQ accepted)
    silent_s: float  # seconds since its last sync (since enrollment when it never synced)
    silent: bool  # silent longer than the threshold
    revoked: bool
    app_version: str | None


@dataclass
class AssociationFreshness:
    id: str
    name: str
    laptops: list[Laptop] = field(default_factory=list)

    @property
    def active(self) -> list[Laptop]:
        return [laptop for laptop in self.laptops if not laptop.revoked]

    @property
    def last_sync(self) -> dt.datetime | None:
        return max((laptop.last_sync for laptop in self.active if laptop.last_sync), default=None)

    @property
    def changes(self) -> int:
        return sum(laptop.changes for laptop in self.laptops)

    @property
    def silent_s(self) -> float | None:
        """The longest silence among its laptops in use (None without any)."""
        return max((laptop.silent_s for laptop in self.active), default=None)

    @property
    def partial(self) -> bool:
        """Its totals miss what a silent laptop has not sent yet."""
        return any(laptop.silent for laptop in self.active)


def freshness(
    conn: Connection, association_id: str | None = None, now: dt.datetime | None = None
) -> list[AssociationFreshness]:
    """Every association (or one), by name, with its laptops (in use first, the longest silent first)."""
    now = now or s.utcnow()
    threshold = silent_after().total_seconds()
    a, d = s.associations, s.devices
    query = sa.select(a.c.id, a.c.name).order_by(a.c.name)
    laptops = sa.select(d)
    if association_id is not None:
        query = query.where(a.c.id == association_id)
        laptops = laptops.where(d.c.association_id == association_id)
    found = {row.id: AssociationFreshness(row.id, row.name) for row in conn.execute(query)}
    for row in conn.execute(laptops):
        if row.association_id not in found:
            continue
        since = row.last_seen_at or row.enrolled_at
        silent_s = max(0.0, (now - since).total_seconds())
        found[row.association_id].laptops.append(
            Laptop(
                row.id,
                row.code,
                row.name,
                row.association_id,
                row.enrolled_at,
                row.last_seen_at,
                max(0, row.next_seq - 1),
                silent_s,
                silent_s > threshold,
                row.revoked_at is not None,
                row.app_version,
            )  # fmt: skip
        )
    for association in found.values():
        association.laptops.sort(key=lambda laptop: (laptop.revoked, -laptop.silent_s))
    return list(found.values())


def partial_associations(conn: Connection, association_id: str | None = None) -> list[AssociationFreshness]:
    """The associations whose totals are partial (a laptop in use silent beyond the threshold)."""
    return [association for association in freshness(conn, association_id) if association.partial]
