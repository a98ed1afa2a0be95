"""What sync found for a person to look at: conflicting edits of one field, and review items (a household served
twice for one event, one CIN on two households) — listed with what a person recognises, and settled.

Settling a conflict is a normal edit of the field (stamped and journaled, so it wins everywhere and settles the
conflict on the other laptops and at HQ when it arrives there): keep the current value, or take the other one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from fieldapp import search, settings
from fieldapp.clock import Stamp
from fieldapp.db import Database
from fieldapp.errors import BadData, NotFound, Refused
from fieldapp.merge import REFUSED_CHANGE, stamp_of
from fieldapp.models import (
    Attendance,
    Distribution,
    DistributionVoid,
    Event,
    EventItem,
    Household,
    Member,
    SyncConflict,
    SyncReview,
    Volunteer,
    utcnow,
)
from fieldapp.permissions import Action
from fieldapp.services import Outcome, refusals
from fieldapp.services.pulled import SHOWN_AS, column_values
from fieldapp.views import View

MODELS = {
    m.__tablename__: m
    for m in (Household, Member, Volunteer, Event, EventItem, Distribution, DistributionVoid, Attendance)
}
KEEP_CURRENT, TAKE_OTHER = "current", "other"


@dataclass(frozen=True)
class ConflictView(View):
    key: str
    entity: str
    entity_id: str
    record: str  # what a person recognises the record by: a household's head, a member's name, an event's name
    household_id: str | None
    household_name: str | None
    field: str
    current_value: object
    current_device: str
    current_at: dt.datetime | None
    other_value: object
    other_device: str
    other_at: dt.datetime | None
    detected_at: dt.datetime
    settled_at: dt.datetime | None
    settled_by: str | None


@dataclass(frozen=True)
class ReviewRecord(View):
    id: str
    receipt: str | None
    device: str
    served_at: dt.datetime | None
    handed_out_by: str | None
    voided: bool


@dataclass(frozen=True)
class ReviewView(View):
    key: str
    kind: str  # double_distribution | duplicate_cin | refused_change
    event_id: str | None
    event_name: str | None
    household_id: str | None
    household_name: str | None
    # ReviewRecord for distributions; households' ids and names for duplicate_cin; for refused_change the record
    # HQ refused a change of ({"t", "i", "label", "reason", "detail"})
    records: list
    detected_at: dt.datetime
    settled_at: dt.datetime | None
    settled_by: str | None
    note: str | None


def _stamp_parts(stamp: str) -> tuple[str, dt.datetime | None]:
    try:
        parsed = Stamp.parse(stamp)
    except (ValueError, AttributeError):
        return "?", None
    return parsed.node, dt.datetime.fromtimestamp(parsed.wall_ms / 1000, dt.UTC)


def _record_names(session: Session, entity: str, entity_id: str) -> tuple[str, str | None, str | None]:
    """(record label, household id, household name)."""
    model = MODELS.get(entity)
    row = session.get(model, entity_id) if model else None
    if row is None:
        return entity_id, None, None
    household_id = row.id if entity == "households" else getattr(row, "household_id", None)
    household = session.get(Household, household_id) if household_id else None
    household_name = household.head_name if household else None
    label = getattr(row, "head_name", None) or getattr(row, "name", None) or getattr(row, "label", None)
    return label or getattr(row, "receipt", None) or entity_id, household_id, household_name


def _still_open(session: Session, conflict: SyncConflict) -> bool:
    """A conflict is moot once the field changed again after it (a later edit, from here or elsewhere)."""
    model = MODELS.get(conflict.entity)
    row = session.get(model, conflict.entity_id) if model else None
    if row is None:
        return False
    return stamp_of(row.field_hlc, conflict.field, row.hlc) <= conflict.winner_hlc


def _conflict_view(session: Session, c: SyncConflict) -> ConflictView:
    label, household_id, household_name = _record_names(session, c.entity, c.entity_id)
    current_device, current_at = _stamp_parts(c.winner_hlc)
    other_device, other_at = _stamp_parts(c.loser_hlc)
    return ConflictView(
        c.key,
        c.entity,
        c.entity_id,
        label,
        household_id,
        household_name,
        c.field,
        c.winner_value,
        current_device,
        current_at,
        c.loser_value,
        other_device,
        other_at,
        c.detected_at,
        c.settled_at,
        c.settled_by,
    )


def list_conflicts(db: Database, include_settled: bool = False, limit: int = 500) -> list[ConflictView]:
    """Open conflicts, newest first (with include_settled, settled ones too)."""
    with db.read() as session:
        query = select(SyncConflict).order_by(SyncConflict.detected_at.desc(), SyncConflict.key).limit(limit)
        if not include_settled:
            query = query.where(SyncConflict.settled_at.is_(None))
        rows = session.scalars(query).all()
        return [_conflict_view(session, c) for c in rows if c.settled_at is not None or _still_open(session, c)]


def open_conflict_count(db: Database) -> int:
    return len(list_conflicts(db))


def settle_conflict(db: Database, key: str, choice: str, actor: str | None = None) -> Outcome[ConflictView]:
    """Keep the current value or take the other one: either way a normal edit of the field, then settled."""
    db.require(Action.SETTLE)
    if choice not in (KEEP_CURRENT, TAKE_OTHER):
        raise BadData("error.conflict_choice", choice=choice, choices=f"{KEEP_CURRENT}, {TAKE_OTHER}")
    with db.write(actor) as uow:
        session = uow.session
        conflict = session.get(SyncConflict, (key or "").strip())
        if conflict is None:
            raise NotFound("error.conflict_not_found", key=key)
        if conflict.settled_at is not None:
            raise Refused("error.conflict_settled", key=conflict.key)
        model = MODELS.get(conflict.entity)
        row = session.get(model, conflict.entity_id) if model else None
        if row is None:
            raise NotFound("error.conflict_not_found", key=key)
        if choice == TAKE_OTHER:
            value = column_values(conflict.entity, {conflict.field: conflict.loser_value})[conflict.field]
            if conflict.entity == "households" and conflict.field == "cin" and value:
                _ensure_cin_free(session, value, row.id)
            setattr(row, conflict.field, value)
        flag_modified(row, conflict.field)  # stamped and journaled even when the value stays: the choice travels
        session.flush()
        household_id = row.id if conflict.entity == "households" else getattr(row, "household_id", None)
        if conflict.entity in ("households", "members") and household_id:
            search.index_household(session.connection(), household_id)
        conflict.settled_at, conflict.settled_by = utcnow(), uow.actor or "?"
        uow.audit("sync.conflict_settle", conflict.entity, conflict.entity_id, field=conflict.field, choice=choice)
        changed = {conflict.entity, SHOWN_AS.get(conflict.entity, conflict.entity), "sync"}
        uow.changed.update(changed)
        view = _conflict_view(session, conflict)
    return Outcome(view, [], frozenset(changed))


def _ensure_cin_free(session: Session, cin: str, own_id: str) -> None:
    other = session.scalars(
        select(Household).where(Household.cin == cin, Household.deleted_at.is_(None), Household.id != own_id)
    ).first()
    if other is not None:
        raise Refused("error.cin_taken", cin=cin, name=other.head_name, id=other.id)


def _review_records(session: Session, review: SyncReview) -> list:
    if review.kind == REFUSED_CHANGE:  # what HQ would not store, why, and which record it is
        return [
            {**entry, "label": _record_names(session, entry.get("t", ""), entry.get("i", ""))[0]}
            for entry in review.record_ids or []
            if isinstance(entry, dict)
        ]
    if review.kind == "duplicate_cin":
        return [
            {"id": h.id, "head_name": h.head_name, "cin": h.cin, "device": h.device_id}
            for h in session.scalars(select(Household).where(Household.id.in_(review.record_ids or [])))
        ]
    found = session.scalars(select(Distribution).where(Distribution.id.in_(review.record_ids or []))).all()
    return [
        ReviewRecord(d.id, d.receipt, d.device_id, d.served_at, d.handed_out_by, d.void is not None)
        for d in sorted(found, key=lambda d: d.served_at)
    ]


def _review_view(session: Session, r: SyncReview) -> ReviewView:
    event = session.get(Event, r.event_id) if r.event_id else None
    household = session.get(Household, r.household_id) if r.household_id else None
    return ReviewView(
        r.key,
        r.kind,
        r.event_id,
        event.name if event else None,
        r.household_id,
        household.head_name if household else None,
        _review_records(session, r),
        r.detected_at,
        r.settled_at,
        r.settled_by,
        r.note,
    )


def list_reviews(db: Database, include_settled: bool = False, limit: int = 500) -> list[ReviewView]:
    with db.read() as session:
        query = select(SyncReview).order_by(SyncReview.detected_at.desc(), SyncReview.key).limit(limit)
        if not include_settled:
            query = query.where(SyncReview.settled_at.is_(None))
        return [_review_view(session, r) for r in session.scalars(query)]


def settle_review(db: Database, key: str, note: str, actor: str | None = None) -> Outcome[ReviewView]:
    """A person looked at it (and voided a receipt, or merged two households): settled, with what they decided."""
    db.require(Action.SETTLE)
    note = (note or "").strip()
    if not note:
        raise Refused("error.reason_required")
    with db.write(actor) as uow:
        review = uow.session.get(SyncReview, (key or "").strip())
        if review is None:
            raise NotFound("error.review_not_found", key=key)
        settled = [review]
        if review.kind == REFUSED_CHANGE:  # the record goes to HQ again, as it stands now (refusals.py)
            clock = db.clock(uow.session, uow.identity.get("device_code") or "unset")
            settled += refusals.send_again(uow.session, clock, review)
        for item in settled:
            item.settled_at, item.settled_by, item.note = utcnow(), uow.actor or "?", note
        unreported = list(settings.get(uow.session, "sync_unreported_settlements") or ())
        if review.kind != REFUSED_CHANGE and review.key not in unreported:
            # the next sync tells HQ (a conflict's settlement travels as an edit; HQ never held a refused change)
            settings.put(uow.session, "sync_unreported_settlements", [*unreported, review.key])
        uow.audit("sync.review_settle", "sync_reviews", review.key, kind=review.kind, note=note)
        uow.changed.add("sync")
        view = _review_view(uow.session, review)
    return Outcome(view, [], frozenset({"sync"}))


@dataclass(frozen=True)
class Settlement:
    """A review item settled on this laptop, as HQ is told about it."""

    key: str
    by: str
    note: str | None


def unreported_settlements(db: Database) -> list[Settlement]:
    with db.read() as session:
        keys = list(settings.get(session, "sync_unreported_settlements") or ())
        reviews = session.scalars(select(SyncReview).where(SyncReview.key.in_(keys))).all() if keys else []
        return [Settlement(r.key, r.settled_by or "?", r.note) for r in reviews if r.settled_at is not None]


def settlements_reported(db: Database, keys: list[str]) -> None:
    """HQ has heard of these settlements (or does not know the item): not sent again."""
    with db.write(journal=False) as uow:
        left = [k for k in settings.get(uow.session, "sync_unreported_settlements") or () if k not in set(keys)]
        settings.put(uow.session, "sync_unreported_settlements", left)
