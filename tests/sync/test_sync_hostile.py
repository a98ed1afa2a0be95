"""Randomized adversarial sync: a hostile device of association A pushes changes naming B's ids while both work."""

from __future__ import annotations

import json
import os
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hq"))  # tests/hq/hq_http.py, when run on its own
from hostile_checks import Servings, check, compare
from hostile_device import B_CODES, B_MARK, HOSTILE, Attacks, Hostile
from hq_http import household
from random_desk import DeskActions, no_wait, seeds_to_run
from replicas import KHOURIBGA, enrolled_laptop
from sqlalchemy import select

from fieldapp.errors import FieldappError, Refused
from fieldapp.models import Distribution, DistributionVoid, Event, Household
from fieldapp.rules import parse_item
from fieldapp.services import conflicts, distributions, enrollment, events, outbox, volunteers
from fieldapp.services.households import (
    HouseholdInput,
    MemberInput,
    register_household,
    update_household,
)
from sync import engine, protocol

pytestmark = pytest.mark.slow

DEFAULT_SEEDS = {"sqlite": [7, 31], "postgresql": [7]}
DEFAULT_STEPS = 100
ITEMS = [parse_item("FLOUR:Farine 10 kg:1"), parse_item("OIL:Huile 1 L:1:per-member")]


def seeds(backend: str) -> list[int]:
    return seeds_to_run("FIELDAPP_HOSTILE", DEFAULT_SEEDS[backend])


def steps() -> int:
    return int(os.environ.get("FIELDAPP_HOSTILE_STEPS") or DEFAULT_STEPS)


# --- the replicas -----------------------------------------------------------------------------------------------


class Laptop:
    def __init__(self, name: str, side: str, mark: str, db) -> None:
        self.name, self.side, self.mark, self.db = name, side, mark, db
        self.refused = 0

    def ids(self, model, *where) -> list[str]:
        with self.db.read() as session:
            return sorted(session.scalars(select(model.id).where(*where)))

    def token(self) -> str:
        return enrollment.sync_credentials(self.db).token


class World(DeskActions, Attacks):
    """Association A (laptops A1, A2 and the hostile ATK) and B (laptops B1, B2) on one real HQ, and a seeded dice."""

    def __init__(self, hq, tmp_path: Path, seed: int) -> None:
        self.hq, self.seed, self.rng = hq, seed, random.Random(seed)
        self.log: list[str] = []
        self.problems: list[str] = []
        self.numbers = iter(range(1, 1_000_000))
        self.a = hq.new_association(f"Al Amal {seed}")
        self.b = hq.new_association(f"{B_MARK} {seed}")
        self.laptops = [
            Laptop(name, side, mark, enrolled_laptop(tmp_path, hq, association, name))
            for name, side, mark, association in (
                ("A1", "A", "Amal", self.a),
                ("A2", "A", "Amal", self.a),
                ("B1", "B", B_MARK, self.b),
                ("B2", "B", B_MARK, self.b),
            )
        ]
        self.servings = Servings(list(B_CODES))
        self.hostile = Hostile(hq, self.a, HOSTILE)
        self.sent: list[dict] = []  # the hostile's batches HQ took, for replays
        self.pulled_by_hostile: list[dict] = []
        self.admitted: set[tuple[str, str, str]] = set()  # (table, id, stamp) of hostile changes HQ took
        self.refused: list[tuple[str, str, str, str]] = []  # (table, id, stamp sent, stamp as HQ capped it)
        self.reasons: Counter = Counter()
        self.statuses: Counter = Counter()
        self.campaigns: list[str] = []
        self.shared_keys: set[str] = set()
        self.publish(f"Campagne nationale {seed}")

    def close(self) -> None:
        self.hostile.session.close()
        for laptop in self.laptops:
            laptop.db.dispose()

    def note(self, text: str) -> None:
        self.log.append(text)

    def side(self, name: str) -> list[Laptop]:
        return [laptop for laptop in self.laptops if laptop.side == name]

    def publish(self, name: str) -> None:
        """HQ publishes a campaign to every association: its ids reach the hostile device as they reach everyone."""
        proc = self.hq.cli(
            "campaign", "publish", "--name", name, "--starts", "2026-11-01", "--ends", "2026-12-31", "--json",
            "--item", "KIT:Panier Ramadan:1",
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        self.campaigns.append(json.loads(proc.stdout)["event_id"])
        self.note(f"HQ: campaign {self.campaigns[-1][-6:]}")

    # --- what the people at the desks do (through fieldapp's services) -------------------------------------------

    def register(self, laptop: Laptop) -> None:
        rng, n = self.rng, next(self.numbers)
        members = [MemberInput(f"Enfant {laptop.mark} {n}-{k}") for k in range(rng.randint(0, 2))]
        data = HouseholdInput(
            consent=True,
            head_name=f"Famille {laptop.mark} {n}",
            cin=f"{laptop.side}{self.seed % 1000:03d}{n:05d}" if rng.random() < 0.7 else None,
            phone=rng.choice([None, f"06{rng.randrange(10**8):08d}"]),
            commune=KHOURIBGA,
            members=members,
        )
        made = register_household(laptop.db, data).value
        self.note(f"{laptop.name}: register {made.id[-6:]}")

    def edit(self, laptop: Laptop) -> None:
        households = laptop.ids(Household, Household.deleted_at.is_(None))
        if not households:
            return self.register(laptop)
        household_id = self.rng.choice(households)
        values = self.rng.choice(
            [
                {"phone": f"06{self.rng.randrange(10**8):08d}"},
                {"notes": self.rng.choice(["Veuve, 3 enfants", "Adresse changée", ""])},
                {"head_name": f"Famille {laptop.mark} {next(self.numbers)}"},
                {"size": self.rng.randint(4, 9)},
            ]
        )
        try:
            update_household(laptop.db, household_id, HouseholdInput(**values))
        except FieldappError as error:
            self.note(f"{laptop.name}: edit {household_id[-6:]} refused ({error.key})")
            return
        self.note(f"{laptop.name}: edit {household_id[-6:]} {sorted(values)}")

    def new_event(self, laptop: Laptop) -> None:
        name = f"Distribution {laptop.mark} {next(self.numbers)}"
        made = events.create_event(laptop.db, name, "2026-11-20", ITEMS, ends_on="2026-11-30").value
        self.note(f"{laptop.name}: event {made.id[-6:]}")

    def edit_event(self, laptop: Laptop) -> None:
        own = laptop.ids(Event, Event.deleted_at.is_(None), Event.association_id != protocol.EVERY_ASSOCIATION)
        if own:
            event_id = self.rng.choice(own)
            name = f"Distribution {laptop.mark} {next(self.numbers)}"
            events.update_event(laptop.db, event_id, name=name, site="Salle communale")
            self.note(f"{laptop.name}: edit event {event_id[-6:]}")

    def serve(self, laptop: Laptop) -> None:
        rng = self.rng
        found = laptop.ids(Event, Event.deleted_at.is_(None))
        households = laptop.ids(Household, Household.deleted_at.is_(None))
        if not found or not households:
            return self.new_event(laptop) if households else self.register(laptop)
        campaigns = [e for e in self.campaigns if e in found]
        event_id = rng.choice(campaigns if campaigns and rng.random() < 0.5 else found)
        household_id = rng.choice(households[:5])  # a few families served often: double servings happen
        try:
            made = distributions.record_distribution(laptop.db, event_id, household_id).value
        except Refused as refused:
            if refused.key != "error.already_served":
                self.note(f"{laptop.name}: serve at {event_id[-6:]} refused ({refused.key})")
                return
            if rng.random() < 0.6:
                self.note(f"{laptop.name}: serve {household_id[-6:]} refused (already served here)")
                return
            made = distributions.record_distribution(
                laptop.db, event_id, household_id, override_reason="Deuxième passage autorisé"
            ).value
            kind = "override"
        else:
            kind = "serve"
        if laptop.side == "B":
            self.servings.made(laptop.name, kind, made.id, (event_id, household_id))
        self.note(f"{laptop.name}: serve {household_id[-6:]} at {event_id[-6:]} receipt {made.receipt}")

    def serve_on_both(self, laptop: Laptop) -> None:
        """The same family served at one event at both of B's desks before either synced: a double serving."""
        if laptop.side != "B":
            return self.serve(laptop)
        b1, b2 = self.side("B")
        households = set(b1.ids(Household, Household.deleted_at.is_(None)))
        households &= set(b2.ids(Household, Household.deleted_at.is_(None)))
        found = set(b1.ids(Event, Event.deleted_at.is_(None))) & set(b2.ids(Event, Event.deleted_at.is_(None)))
        if not households or not found:
            return self.serve(laptop)
        event_id, household_id = self.rng.choice(sorted(found)), self.rng.choice(sorted(households))
        for desk in (b1, b2):
            try:
                made = distributions.record_distribution(desk.db, event_id, household_id).value
            except Refused as refused:
                assert refused.key in ("error.already_served", "error.nothing_to_give"), refused.key
                self.note(f"{desk.name}: serve {household_id[-6:]} at {event_id[-6:]} refused ({refused.key})")
                continue
            self.servings.made(desk.name, "serve", made.id, (event_id, household_id))
            self.note(f"{desk.name}: serve {household_id[-6:]} at {event_id[-6:]} receipt {made.receipt}")

    def void(self, laptop: Laptop) -> None:
        with laptop.db.read() as session:
            open_ones = session.execute(
                select(Distribution.id, Distribution.receipt)
                .outerjoin(DistributionVoid, DistributionVoid.distribution_id == Distribution.id)
                .where(DistributionVoid.id.is_(None))
                .order_by(Distribution.receipt)
            ).all()
        if open_ones:
            distribution_id, receipt = self.rng.choice(open_ones)
            distributions.void_distribution(laptop.db, receipt, "Erreur de saisie")
            if laptop.side == "B":
                self.servings.made(laptop.name, "void", "", distribution_id)
            self.note(f"{laptop.name}: void {receipt}")

    def volunteer(self, laptop: Laptop) -> None:
        n = next(self.numbers)
        made = volunteers.register_volunteer(laptop.db, f"Bénévole {laptop.mark} {n}", phone=f"06{61000000 + n:08d}")
        self.note(f"{laptop.name}: volunteer {made.value.id[-6:]}")

    def settle(self, laptop: Laptop) -> None:
        found = conflicts.list_conflicts(laptop.db)
        if found:
            conflict = self.rng.choice(sorted(found, key=lambda c: c.key))
            conflicts.settle_conflict(laptop.db, conflict.key, conflicts.KEEP_CURRENT, actor="Samira")
            self.note(f"{laptop.name}: settle {conflict.entity}.{conflict.field}")

    def sync(self, laptop: Laptop) -> None:
        try:
            summary = engine.sync_now(laptop.db, sleep=no_wait, pull_page=self.rng.choice([None, 7]))
        except Exception as error:
            raise AssertionError(f"{laptop.name} could not sync: {type(error).__name__}: {error}") from error
        if laptop.side == "B":
            self.servings.synced(laptop.name)
        if summary.refused:
            laptop.refused += summary.refused
            self.problems.append(f"{laptop.name}: HQ refused its own changes {summary.refused_changes}")
        self.note(f"{laptop.name}: sync pushed {summary.pushed} pulled {summary.pulled} skipped {summary.skipped}")

    # --- a run -------------------------------------------------------------------------------------------------

    def step(self) -> None:
        if self.rng.random() < 0.35:
            return self.hostile_turn()
        if self.rng.random() < 0.01:
            return self.publish(f"Campagne {next(self.numbers)}")
        actions = {
            self.register: 8,
            self.edit: 10,
            self.delete: 1,
            self.new_event: 2,
            self.edit_event: 1,
            self.serve: 20,
            self.serve_on_both: 8,
            self.void: 3,
            self.volunteer: 2,
            self.check_in: 3,
            self.check_out: 2,
            self.settle: 2,
            self.sync: 20,
        }
        action = self.rng.choices(list(actions), weights=list(actions.values()))[0]
        laptop = self.rng.choices(self.laptops, weights=[2, 2, 3, 3])[0]  # A1, A2, B1, B2
        try:
            action(laptop)
        except FieldappError as error:
            if laptop.side == "B":
                raise
            # A's desks also meet what the hostile device made (a receipt in lower case, a check-in ahead): a refusal
            # with a message is all that is asked of them.
            self.note(f"{laptop.name}: {action.__name__} refused ({error.key})")

    def settle_down(self) -> None:
        """Clean syncs: twice round gives everyone everything; a third round must find nothing to do."""
        for _ in range(2):
            for laptop in self.laptops:
                self.sync(laptop)
        for laptop in self.laptops:
            idle = engine.sync_now(laptop.db, sleep=no_wait)
            if (idle.pushed, idle.pulled, idle.round_trips) != (0, 0, 1) or outbox.pending_count(laptop.db):
                self.problems.append(f"{laptop.name}: a third clean sync still moved something {idle.as_dict()}")
        self.hostile_pull()


@dataclass
class Run:
    seed: int
    steps: int
    backend: str
    seconds: float
    failure: str | None
    reasons: Counter  # the hostile's changes HQ refused, by reason
    statuses: Counter  # HQ's answers to the hostile's requests, by HTTP status
    b_reviews: int = 0  # double servings B's laptops made (HQ's review items of B)
    shared_keys: int = 0  # of those, keys the hostile device also made inside A (a collision that must not merge)


def run(hq, directory: Path, seed: int, count: int) -> Run:
    """One seeded run: `count` steps, clean syncs, then every check; the failure names the seed that replays it."""
    started = time.monotonic()
    world = World(hq, directory, seed)
    failure = None
    try:
        for _ in range(count):
            world.step()
        world.settle_down()
        problems = check(world)
        if problems:
            failure = "\n  ".join(problems[:25])
    except Exception as error:  # any failure is reported with the seed that replays it
        failure = f"{type(error).__name__}: {error}"
    finally:
        world.close()
    if failure:
        tail = "\n  ".join(world.log[-40:])
        failure = (
            f"seed {seed} on {hq.backend}:\n  {failure}\n"
            f"replay: FIELDAPP_HOSTILE_SEED={seed} FIELDAPP_HOSTILE_STEPS={count} "
            f"bash scripts/test.sh tests/sync/test_sync_hostile.py\nlast steps:\n  {tail}"
        )
    result = Run(seed, count, hq.backend, time.monotonic() - started, failure, world.reasons, world.statuses)
    result.b_reviews, result.shared_keys = len(world.servings.hq.reviews), len(world.shared_keys)
    return result


def test_a_hostile_device_of_a_leaves_b_whole_private_and_every_laptop_syncing(hq, tmp_path):
    failures = []
    for seed in seeds(hq.backend):
        directory = tmp_path / f"seed-{seed}"
        directory.mkdir()
        result = run(hq, directory, seed, steps())
        print(
            f"hostile sync: seed {seed} on {hq.backend}, {result.seconds:.1f} s, refused {dict(result.reasons)}, "
            f"B's double servings {result.b_reviews} ({result.shared_keys} under a key A made too)"
        )
        if result.failure:
            failures.append(result.failure)
    assert not failures, f"{len(failures)} seed(s) failed:\n\n" + "\n\n".join(failures)


@pytest.mark.parametrize(
    ("table", "name"),
    [("households", "created_at"), ("event_items", "position"), ("event_items", "rule")],
)
def test_an_update_emptying_a_field_a_laptop_cannot_empty_is_refused_and_laptops_stay_equal_to_hq(
    hq_sqlite, tmp_path, table, name
):
    hq = hq_sqlite
    association = hq.new_association("Al Amal")
    hostile = Hostile(hq, association, HOSTILE)
    laptop = Laptop("A1", "A", "Amal", enrolled_laptop(tmp_path, hq, association, "A1"))
    try:
        # Given a record of the association the laptop holds (an event with one item, or a household)
        event = hostile.insert("events", {"name": "Ramadan"})
        item = hostile.insert("event_items", {"event_id": event["i"], "position": 1, "rule": "per_household"})
        family = hostile.insert("households", household(flags=["widow"]))
        record = item if table == "event_items" else family
        assert "refused" not in hostile.send([event, item, family]).json()
        engine.sync_now(laptop.db, sleep=no_wait)

        # When a device of the association empties a field the laptop's column cannot hold empty
        emptied = hostile.update(table, record["i"], {name: None}, {name: record["h"]})
        answer = hostile.send([emptied]).json()
        summary = engine.sync_now(laptop.db, sleep=no_wait)

        # Then HQ refuses it (the laptop could not hold it), and the laptop holds exactly HQ's copy
        assert [r["reason"] for r in answer["refused"]] == [protocol.REFUSED_BAD_VALUE]
        assert summary.skipped == 0, (answer, summary.as_dict())
        assert compare(hq, association, [laptop]) == []
    finally:
        hostile.session.close()
        laptop.db.dispose()
