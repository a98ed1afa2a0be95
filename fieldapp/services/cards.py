"""Household cards: the PDF for chosen households or every one not carded yet, and which ones this laptop carded."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from fieldapp import geo, settings, signing
from fieldapp.db import Database
from fieldapp.errors import BadData, Refused
from fieldapp.files import atomic_path
from fieldapp.models import Household, HouseholdCard, utcnow
from fieldapp.normalize import fold_name
from fieldapp.permissions import Action
from fieldapp.services import Outcome, lookup
from fieldapp.services.receipts import mask_cin

if TYPE_CHECKING:  # reportlab is loaded only when cards are made
    from fieldapp.printing.card import CardFace, CardSheet

_CHUNK = 500  # ids per IN (...) query, well under SQLite's bound-parameter limit
Report = Callable[[int, int], None]  # (pages done, pages): may raise to stop (the window's Cancel)


@dataclass(frozen=True)
class CardsSummary:
    path: Path
    count: int
    pages: int
    household_ids: tuple[str, ...]

    def as_dict(self) -> dict:
        return {"path": str(self.path), "count": self.count, "pages": self.pages}


def card_code(db: Database, household_ref: str) -> str:
    """The text of a household's card QR (FAC1:…), signed with the association's card key (this laptop's own key
    until it is enrolled)."""
    with db.read() as session:
        household = lookup.household(session, household_ref)
        key, association_id = _signing(session)
        return signing.card_code(key, association_id, household.id)


def _signing(session: Session) -> tuple[str, str]:
    signers = settings.card_signers(session)
    if not signers:
        raise Refused("error.not_initialised")
    return signers[0]


def _chosen(session: Session, refs: Sequence[str]) -> list[Household]:
    """The households named, in the order given, each once; an anonymised one has nothing left to put on a card."""
    found: dict[str, Household] = {}
    for ref in refs:
        household = lookup.household(session, ref)
        if household.anonymised_at is not None:
            raise Refused("error.card_anonymised", ref=ref)
        found.setdefault(household.id, household)
    return list(found.values())


_CARD_COLUMNS = (
    Household.id,
    Household.head_name,
    Household.head_name_ar,
    Household.cin,
    Household.commune_code,
    Household.size,
)


def _not_carded_query(*columns):
    carded = exists().where(HouseholdCard.household_id == Household.id)
    return select(*columns).where(Household.deleted_at.is_(None), Household.anonymised_at.is_(None), ~carded)


def _not_carded(session: Session) -> list:
    rows = session.execute(_not_carded_query(*_CARD_COLUMNS)).all()
    return sorted(rows, key=lambda h: (fold_name(h.head_name), h.head_name_ar or "", h.id))


def not_carded_count(db: Database) -> int:
    """Active households this laptop never printed a card for."""
    with db.read() as session:
        return session.scalar(_not_carded_query(func.count()))


def _face(household, key: str, association_id: str) -> CardFace:
    from fieldapp.printing.card import CardFace

    commune = geo.commune(household.commune_code)
    return CardFace(
        name=household.head_name,
        name_ar=household.head_name_ar,
        commune=commune.name_fr if commune else household.commune_code,
        commune_ar=commune.name_ar if commune else None,
        size=household.size,
        masked_cin=mask_cin(household.cin),
        qr_text=signing.card_code(key, association_id, household.id),
    )


def card_sheet(db: Database, refs: Sequence[str] = (), not_carded: bool = False) -> tuple[CardSheet, tuple[str, ...]]:
    """The cards of the households named (`refs`: id, id prefix or CIN) and, with `not_carded`, of every active one
    this laptop has not carded yet (by name); with their household ids."""
    from fieldapp.printing.card import CardSheet

    if not refs and not not_carded:
        raise BadData("error.cards_what")
    with db.read() as session:
        key, association_id = _signing(session)
        households = _chosen(session, refs)
        if not_carded:
            chosen_ids = {h.id for h in households}
            households += [h for h in _not_carded(session) if h.id not in chosen_ids]
        if not households:
            raise Refused("error.cards_none")
        faces = [_face(h, key, association_id) for h in households]
        sheet = CardSheet(settings.get(session, "association_name") or "", faces)
        return sheet, tuple(h.id for h in households)


def render_cards_file(
    db: Database,
    path: str | os.PathLike,
    refs: Sequence[str] = (),
    not_carded: bool = False,
    report: Report | None = None,
) -> CardsSummary:
    """Write the cards PDF at `path` (the caller's temporary path) without recording anything: the window records
    them once the file is in place (a cancelled file carded nobody)."""
    from fieldapp.printing.card import render_cards

    db.require(Action.PRINT)
    sheet, ids = card_sheet(db, refs, not_carded)
    pages = render_cards(sheet, path, report)
    return CardsSummary(Path(path), len(ids), pages, ids)


def record_cards(db: Database, household_ids: Sequence[str], actor: str | None = None) -> Outcome[int]:
    """Remember that these households got a card (so "not yet carded" leaves them out), audited on each."""
    with db.write(actor) as uow:
        uow.require(Action.PRINT)
        user = uow.account.name if uow.account else None
        now = utcnow()
        existing: dict[str, HouseholdCard] = {}
        for start in range(0, len(household_ids), _CHUNK):
            chunk = list(household_ids[start : start + _CHUNK])
            query = select(HouseholdCard).where(HouseholdCard.household_id.in_(chunk))
            existing.update((card.household_id, card) for card in uow.session.scalars(query))
        for household_id in household_ids:
            card = existing.get(household_id)
            if card is None:
                uow.session.add(HouseholdCard(household_id=household_id, printed_at=now, printed_by=user, copies=1))
            else:
                card.printed_at, card.printed_by, card.copies = now, user, card.copies + 1
            uow.audit("household.card", "households", household_id, copies=card.copies if card else 1)
    return Outcome(len(household_ids), changed=frozenset({"household_cards"}))


def write_cards(
    db: Database,
    path: str | os.PathLike,
    refs: Sequence[str] = (),
    not_carded: bool = False,
    actor: str | None = None,
) -> Outcome[CardsSummary]:
    """The cards PDF at `path`, then the households recorded as carded (the CLI's `household card`)."""
    with atomic_path(path) as temp:
        summary = render_cards_file(db, temp, refs, not_carded)
    outcome = record_cards(db, summary.household_ids, actor)
    return Outcome(CardsSummary(Path(path), summary.count, summary.pages, summary.household_ids), [], outcome.changed)
