"""What the randomized sync tests share: the seeds to run (from the environment, for replays and longer hunts), a
backoff that does not wait, and steps of a random desk (delete a household, check a volunteer in at an event or out;
a World that uses them has `rng`, `note(text)` and `volunteer(laptop)`)."""

from __future__ import annotations

import os
import random

from sqlalchemy import select

from fieldapp.errors import Refused
from fieldapp.models import Attendance, Event, Household, Volunteer
from fieldapp.services import volunteers
from fieldapp.services.households import delete_household


def seeds_to_run(prefix: str, defaults: list[int]) -> list[int]:
    """{prefix}_SEED replays one seed, {prefix}_SEEDS=N runs N fresh ones; else the defaults CI runs."""
    if os.environ.get(f"{prefix}_SEED"):
        return [int(os.environ[f"{prefix}_SEED"])]
    if os.environ.get(f"{prefix}_SEEDS"):
        return [random.randrange(2**31) for _ in range(int(os.environ[f"{prefix}_SEEDS"]))]
    return defaults


def no_wait(_seconds: float) -> None:
    """The sync's backoff sleep, skipped (the tests cut and restore links themselves)."""


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
