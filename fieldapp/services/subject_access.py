"""The right of access (law 09-08): everything this laptop holds on one family, as JSON or a printed PDF."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from fieldapp import geo, settings
from fieldapp.db import Database
from fieldapp.errors import BadData
from fieldapp.files import atomic_path
from fieldapp.models import AuditEntry, Distribution, DistributionVoid, Event, Member, SyncConflict, SyncReview, utcnow
from fieldapp.permissions import Action
from fieldapp.services import Outcome, lookup
from fieldapp.services.retention import RETENTION_ACTION

FORMATS = ("pdf", "json")
# Audit entries about many households at once, which name them in their detail's "ids".
MANY_HOUSEHOLDS_ACTIONS = ("household.import", RETENTION_ACTION)
_BOOKKEEPING = ("association_id", "hlc")  # how the row travels, nothing about the family


def _plain(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in _BOOKKEEPING}


def _when(moment) -> str | None:
    return moment.isoformat() if moment else None


def _distributions(session: Session, household_id: str) -> tuple[list[dict], list[str]]:
    rows = session.scalars(
        select(Distribution).where(Distribution.household_id == household_id).order_by(Distribution.served_at)
    ).all()
    events = {e.id: e for e in session.scalars(select(Event).where(Event.id.in_({d.event_id for d in rows})))}
    result, ids = [], []
    for d in rows:
        voids = session.scalars(
            select(DistributionVoid)
            .where(DistributionVoid.distribution_id == d.id)
            .order_by(DistributionVoid.voided_at)
        ).all()
        event = events.get(d.event_id)
        result.append(
            {
                **_plain(d.to_record()),
                "event": event.name if event else d.event_id,
                "voids": [_plain(v.to_record()) for v in voids],
            }
        )
        ids += [d.id, *(v.id for v in voids)]
    return result, ids


def _findings(session: Session, household_id: str, ids: list[str]) -> tuple[list[dict], list[dict]]:
    conflicts = session.scalars(
        select(SyncConflict).where(SyncConflict.entity_id.in_(ids)).order_by(SyncConflict.detected_at)
    ).all()
    reviews = session.scalars(
        select(SyncReview).where(SyncReview.household_id == household_id).order_by(SyncReview.detected_at)
    ).all()
    return (
        [
            {
                "entity": c.entity,
                "entity_id": c.entity_id,
                "field": c.field,
                "kept": c.winner_value,
                "other": c.loser_value,
                "detected_at": _when(c.detected_at),
                "settled_at": _when(c.settled_at),
                "settled_by": c.settled_by,
            }
            for c in conflicts
        ],
        [
            {
                "kind": r.kind,
                "event_id": r.event_id,
                "records": list(r.record_ids or []),
                "detected_at": _when(r.detected_at),
                "settled_at": _when(r.settled_at),
                "settled_by": r.settled_by,
                "note": r.note,
            }
            for r in reviews
        ],
    )


def _history(session: Session, ids: list[str]) -> list[dict]:
    entries = session.scalars(
        select(AuditEntry)
        .where(or_(AuditEntry.entity_id.in_(ids), AuditEntry.action.in_(MANY_HOUSEHOLDS_ACTIONS)))
        .order_by(AuditEntry.at, AuditEntry.id)
    ).all()
    wanted = set(ids)
    return [
        {
            "at": _when(e.at),
            "action": e.action,
            "entity": e.entity,
            "entity_id": e.entity_id,
            "actor": e.actor,
            "user": e.user_name,
            "detail": e.detail or {},
        }
        for e in entries
        if e.entity_id in wanted or ids[0] in (e.detail or {}).get("ids", ())
    ]


def subject_record(db: Database, ref: str) -> dict:
    """Everything held on the household `ref` (deleted ones too): identity, members, consent, distributions and their
    voids, conflicts and review items about it, and its history from the audit trail. Coordinators only (EXPORT)."""
    db.require(Action.EXPORT)
    with db.read() as session:
        household = lookup.household(session, ref, include_deleted=True)
        commune = geo.commune(household.commune_code)
        members = session.scalars(
            select(Member).where(Member.household_id == household.id).order_by(Member.created_at, Member.id)
        ).all()
        distributions, distribution_ids = _distributions(session, household.id)
        ids = [household.id, *(m.id for m in members), *distribution_ids]
        conflicts, reviews = _findings(session, household.id, ids)
        identity = _plain(household.to_record())
        for key in ("consent_at", "consent_by", "consent_version"):
            identity.pop(key)
        return {
            "association": settings.get(session, "association_name") or "",
            "exported_at": utcnow().isoformat(),
            "household": {
                **identity,
                "commune": commune.name_fr if commune else household.commune_code,
                "commune_ar": commune.name_ar if commune else None,
                "province": commune.province_fr if commune else household.province_code,
            },
            "members": [_plain(m.to_record()) for m in members],
            "consent": {
                "given": household.consent_at is not None,
                "at": _when(household.consent_at),
                "version": household.consent_version,
                "by": household.consent_by,
            },
            "distributions": distributions,
            "conflicts": conflicts,
            "reviews": reviews,
            "history": _history(session, ids),
        }


@dataclass(frozen=True)
class SubjectExport:
    record: dict  # as subject_record gives it
    path: Path | None  # None: JSON the caller prints


def export_subject_record(
    db: Database, ref: str, path: str | os.PathLike | None, fmt: str = "pdf", actor: str | None = None
) -> Outcome[SubjectExport]:
    """The record of `subject_record`, written at `path` as PDF or JSON (JSON only may go nowhere: the caller prints
    it). The export itself is audited on the household; it changes nothing a page shows."""
    if fmt not in FORMATS:
        raise BadData("error.subject_format", format=fmt, choices=", ".join(FORMATS))
    if fmt == "pdf" and not path:
        raise BadData("error.output_required")
    record = subject_record(db, ref)
    if path:
        with atomic_path(path) as temp:
            if fmt == "json":
                temp.write_text(json.dumps(record, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
            else:
                from fieldapp.printing.subject_record import render_subject_record

                render_subject_record(record, temp)
    with db.write(actor) as uow:
        uow.audit("household.export_data", "households", record["household"]["id"], format=fmt)
    return Outcome(SubjectExport(record, Path(path) if path else None))
