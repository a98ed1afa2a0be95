"""Steps of a random desk that the randomized sync tests share: delete a household, check a volunteer in at an event
or out (a World that uses them has `rng`, `note(text)` and `volunteer(laptop)`)."""

from __future__ import annotations

from sqlalchemy import select

from fieldapp.errors import Refused
from fieldapp.models import Attendance, Event, Household, Volunteer
from fieldapp.services import volunteers
from fieldapp.services.households import delete_household


class DeskActions:
    def delete(self, laptop) -> None:
        households = laptop.ids(Household, Household.deleted_at.is_(None))
        if households:
            household_id = self.rng.choice(households)
            delete_household(laptop.db, household_id, "Doublon")
            self.note(f"{laptop.name}: delete {household_id[-6:]}")

    def check_in(self, laptop) -> None:
        helpers = laptop.ids(Volunteer, Volunteer.deleted_at.is_(None))
        found = laptop.ids(Event, Event.deleted_at.is_(None))
        if not helpers or not found:
            return self.volunteer(laptop)
        volunteer_id, event_id = self.rng.choice(helpers), self.rng.choice(found)
        try:
            volunteers.check_in(laptop.db, volunteer_id, event_id)
        except Refused as refused:
            assert refused.key == "error.already_checked_in", refused.key
        self.note(f"{laptop.name}: check in {volunteer_id[-6:]} at {event_id[-6:]}")

    def check_out(self, laptop) -> None:
        with laptop.db.read() as session:
            open_ones = sorted(
                session.execute(
                    select(Attendance.volunteer_id, Attendance.event_id).where(Attendance.check_out.is_(None))
                ).all()
            )
        if open_ones:
            volunteer_id, event_id = self.rng.choice(open_ones)
            volunteers.check_out(laptop.db, volunteer_id, event_id)
            self.note(f"{laptop.name}: check out {volunteer_id[-6:]} at {event_id[-6:]}")
