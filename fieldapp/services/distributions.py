"""Handing out: the entitlement shown before confirming, one distribution per household and event, voids."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from fieldapp import search, settings
from fieldapp.db import Database
from fieldapp.errors import BadData, NotFound, Refused
from fieldapp.models import Distribution, DistributionVoid, Event, Household, utcnow
from fieldapp.permissions import Action
from fieldapp.rules import EntitlementLine, entitlement
from fieldapp.services import Outcome, double_servings, lookup
from fieldapp.services.events import items_of
from fieldapp.timefmt import local_text
from fieldapp.views import DistributionView, EventView, HouseholdView, distribution_view, event_view, household_view


@dataclass(frozen=True)
class DeskPreview:
    """What the desk shows before confirming: who, what they are entitled to, and whether already served."""

    event: EventView
    household: HouseholdView
    lines: list[EntitlementLine]
    already_served: DistributionView | None


def _active_distribution(session: Session, event_id: str, household_id: str) -> Distribution | None:
    return session.scalars(
        select(Distribution)
        .outerjoin(DistributionVoid, DistributionVoid.distribution_id == Distribution.id)
        .where(
            Distribution.event_id == event_id, Distribution.household_id == household_id, DistributionVoid.id.is_(None)
        )
        .order_by(Distribution.served_at)
    ).first()


def _view(session: Session, d: Distribution) -> DistributionView:
    return distribution_view(d, session.get(Event, d.event_id), session.get(Household, d.household_id))


def preview(db: Database, event_ref: str, household_ref: str) -> DeskPreview:
    with db.read() as session:
        event = lookup.event(session, event_ref)
        household = lookup.household(session, household_ref)
        items = items_of(session, event.id)
        served = _active_distribution(session, event.id, household.id)
        return DeskPreview(
            event_view(event, items),
            household_view(household),
            entitlement(items, household.size, household.flags),
            _view(session, served) if served else None,
        )


def next_receipt(session: Session, device_code: str, when: dt.datetime) -> str:
    """DEVICE-YYYY-NNNNN, unique per device: the counter lives in the same transaction as the distribution."""
    number = settings.next_counter(session, f"receipt:{device_code}:{when.year}")
    return f"{device_code}-{when.year}-{number:05d}"


def _given_lines(lines: list[EntitlementLine], quantities: dict[str, int] | None, reason: str | None) -> list[dict]:
    known = {line.code for line in lines}
    quantities = {code.upper(): qty for code, qty in (quantities or {}).items()}
    unknown = sorted(set(quantities) - known)
    if unknown:
        raise BadData("error.item_unknown", codes=", ".join(unknown))
    if any(q < 0 for q in quantities.values()):
        raise BadData("error.quantity_negative")
    given = []
    for line in lines:
        qty = quantities.get(line.code, line.entitled)
        if qty != line.entitled and not (reason or "").strip():
            raise Refused("error.quantity_needs_reason", code=line.code, given=qty, entitled=line.entitled)
        if qty or line.entitled:
            given.append(
                {
                    "code": line.code,
                    "label": line.label,
                    "label_ar": line.label_ar,
                    "quantity": qty,
                    "entitled": line.entitled,
                }
            )
    if not any(g["quantity"] for g in given):
        raise Refused("error.nothing_to_give")
    return given


def record_distribution(
    db: Database,
    event_ref: str,
    household_ref: str,
    collector: str | None = None,
    override_reason: str | None = None,
    quantities: dict[str, int] | None = None,
    deviation_reason: str | None = None,
    handed_out_by: str | None = None,
    actor: str | None = None,
    served_at: dt.datetime | None = None,
) -> Outcome[DistributionView]:
    """One transaction: the distribution, its receipt number, the search entry, the journal row and the audit entry."""
    db.require(Action.SERVE)
    override_reason = (override_reason or "").strip() or None
    if override_reason:
        db.require(Action.OVERRIDE)
    with db.write(actor) as uow:
        uow.require_identity()
        event = lookup.event(uow.session, event_ref)
        household = lookup.household(uow.session, household_ref)
        served = _active_distribution(uow.session, event.id, household.id)
        if served is not None and not override_reason:
            raise Refused(
                "error.already_served",
                name=household.head_name,
                when=local_text(served.served_at),
                by=served.handed_out_by or "?",
                receipt=served.receipt,
                device=served.device_id,
            )
        lines = entitlement(items_of(uow.session, event.id), household.size, household.flags)
        given = _given_lines(lines, quantities, deviation_reason)
        volunteer_id, by_name = None, handed_out_by or uow.actor
        if handed_out_by:
            try:
                volunteer = lookup.volunteer(uow.session, handed_out_by)
                volunteer_id, by_name = volunteer.id, volunteer.name
            except NotFound:
                pass  # a free name (a staff member not in the roster) is fine
        now = served_at or utcnow()
        if now.tzinfo is None:
            raise BadData("error.date_invalid", date=str(served_at))
        distribution = Distribution(
            event_id=event.id,
            household_id=household.id,
            items=given,
            receipt=next_receipt(uow.session, uow.identity["device_code"], now),
            collector_name=" ".join((collector or "").split()) or None,
            handed_out_by=by_name,
            volunteer_id=volunteer_id,
            served_at=now,
            override_reason=override_reason if served is not None else None,  # an override answers an earlier serving
            deviation_reason=(deviation_reason or "").strip() or None,
        )
        uow.session.add(distribution)
        uow.session.flush()
        # a serving made again on purpose joins the pair's open review item, as on every replica that receives it
        double_servings.reconsider(uow.session.connection(), event.id, household.id, utcnow())
        search.index_household(uow.session.connection(), household.id)
        uow.audit("distribution.record", "distributions", distribution.id, receipt=distribution.receipt)
        if served is not None:
            uow.audit(
                "distribution.override",
                "distributions",
                distribution.id,
                reason=override_reason,
                previous_receipt=served.receipt,
            )
        view = distribution_view(distribution, event, household)
    return Outcome(view, [], frozenset({"distributions"}))


def void_distribution(db: Database, receipt: str, reason: str, actor: str | None = None) -> Outcome[DistributionView]:
    """Cancel a distribution with a written reason; the original stays, a void row points to it."""
    db.require(Action.VOID)
    reason = (reason or "").strip()
    if not reason:
        raise Refused("error.reason_required")
    with db.write(actor) as uow:
        distribution = _by_receipt(uow.session, receipt)
        if distribution.void is not None:
            raise Refused("error.already_voided", receipt=distribution.receipt, stale=frozenset({"distributions"}))
        void = DistributionVoid(distribution_id=distribution.id, reason=reason, voided_by=uow.actor, voided_at=utcnow())
        uow.session.add(void)
        uow.session.flush()
        uow.session.refresh(distribution)
        double_servings.reconsider(uow.session.connection(), distribution.event_id, distribution.household_id, utcnow())
        uow.audit("distribution.void", "distributions", distribution.id, reason=reason)
        view = _view(uow.session, distribution)
    return Outcome(view, [], frozenset({"distributions"}))


def _by_receipt(session: Session, receipt: str) -> Distribution:
    found = session.scalars(select(Distribution).where(Distribution.receipt == (receipt or "").strip().upper())).first()
    if found is None:
        raise NotFound("error.receipt_not_found", receipt=receipt)
    return found


def get_by_receipt(db: Database, receipt: str) -> DistributionView:
    with db.read() as session:
        return _view(session, _by_receipt(session, receipt))


def list_distributions(
    db: Database, event_ref: str | None = None, limit: int | None = None, newest_first: bool = False
) -> list[DistributionView]:
    """In the order they were served (`newest_first`: the desk's last hand-outs, for a reprint)."""
    with db.read() as session:
        query = (
            select(Distribution, Event, Household)
            .join(Event, Event.id == Distribution.event_id)
            .join(Household, Household.id == Distribution.household_id)
        )
        if event_ref:
            query = query.where(Distribution.event_id == lookup.event(session, event_ref).id)
        query = query.options(selectinload(Distribution.voids))
        order = (
            (Distribution.served_at.desc(), Distribution.receipt.desc()) if newest_first else (Distribution.served_at,)
        )
        rows = session.execute(query.order_by(*order).limit(limit)).all()
        return [distribution_view(d, e, h) for d, e, h in rows]
