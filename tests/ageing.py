"""Making a household look old: its last edit (and its members', its distributions' serving time) moved months back,
written straight to the file outside the journal, as if that much time had passed (retention tests)."""

from __future__ import annotations

import sqlalchemy as sa

from fieldapp.db import Database
from fieldapp.models import Distribution, Household, Member, utcnow
from fieldapp.services.retention import months_before


def age(db: Database, household_id: str, months: int, served: bool = True) -> None:
    """Move the household's and its members' last edit `months` back; its distributions too when `served`."""
    then = months_before(utcnow(), months)
    with db.write(journal=False) as uow:
        run = uow.session.execute
        run(sa.update(Household.__table__).where(Household.id == household_id).values(updated_at=then))
        run(sa.update(Member.__table__).where(Member.household_id == household_id).values(updated_at=then))
        if served:
            table = Distribution.__table__
            run(sa.update(table).where(Distribution.household_id == household_id).values(served_at=then))
