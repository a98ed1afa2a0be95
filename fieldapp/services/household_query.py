"""Which households a list shows: search text, or every household narrowed by filters (the page, the CLI, exports)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from fieldapp import geo, search
from fieldapp.models import Distribution, DistributionVoid, Household
from fieldapp.services import lookup

# A search ranks at most search.RANKED_AT_MOST names (plus identifier hits): "all matches" is never more than this.
EVERY_MATCH = 100_000


@dataclass(frozen=True)
class HouseholdQuery:
    """What the Households page shows: matches for the text, or, when it is empty, every household narrowed by the
    filters (filters apply to the list, not to a search). An export of the page writes the same households."""

    text: str = ""
    commune: str | None = None  # HCP code or name
    flag: str | None = None  # a vulnerability flag
    event: str | None = None  # id or name; with `served`
    served: bool = False  # with an event: served there (True) or not yet served there (False)
    without_consent: bool = False  # only the families whose consent is still to be collected

    @property
    def searching(self) -> bool:
        return bool(self.text.strip())

    @property
    def filtered(self) -> bool:
        return bool(self.commune or self.flag or self.event or self.without_consent)

    def conditions(self, session: Session) -> list[ColumnElement[bool]]:
        """The filters as conditions on Household (active households only); the text is not one of them."""
        return conditions(
            session,
            commune=self.commune,
            flag=self.flag,
            served_at_event=self.event if self.event and self.served else None,
            not_served_at_event=self.event if self.event and not self.served else None,
            consent=False if self.without_consent else None,
        )

    def search_ids(self, session: Session, limit: int = EVERY_MATCH, offset: int = 0) -> list[str]:
        """The households matching the text, best first (search.search_ids)."""
        return search.search_ids(session.connection(), self.text.strip(), limit, offset)


def conditions(
    session: Session,
    *,
    commune: str | None = None,
    flag: str | None = None,
    served_at_event: str | None = None,
    not_served_at_event: str | None = None,
    consent: bool | None = None,
) -> list[ColumnElement[bool]]:
    """Active households, narrowed: commune (code or name), vulnerability flag, served or not at an event (voided
    distributions do not count), consent recorded or not (`consent=False`: the register of consents to collect)."""
    found: list[ColumnElement[bool]] = [Household.deleted_at.is_(None)]
    if consent is not None:
        found.append(Household.consent_at.is_not(None) if consent else Household.consent_at.is_(None))
    if commune:
        found.append(Household.commune_code == geo.find_commune(commune).code)
    if flag:
        found.append(func.json_extract(Household.flags, "$").like(f'%"{flag}"%'))
    for event_ref, served in ((served_at_event, True), (not_served_at_event, False)):
        if event_ref:
            event_id = lookup.event(session, event_ref).id
            served_ids = (
                select(Distribution.household_id)
                .outerjoin(DistributionVoid, DistributionVoid.distribution_id == Distribution.id)
                .where(Distribution.event_id == event_id, DistributionVoid.id.is_(None))
            )
            found.append(Household.id.in_(served_ids) if served else Household.id.not_in(served_ids))
    return found
