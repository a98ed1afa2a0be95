"""Randomized sync: three laptops edit, serve and check volunteers in and out while answers are lost after HQ committed,
pulls are cut, HQ restarts or crashes and clocks run a day behind or a year ahead; after clean syncs every replica
holds exactly HQ's merged records and the same open review items.

Each run is driven by one seed (printed, and named in the failure message). Replay one with
`FIELDAPP_SYNC_SEED=1234 bash scripts/test.sh tests/sync/test_sync_random.py`; run more with `FIELDAPP_SYNC_SEEDS=20`
(that many fresh seeds per backend) and longer ones with `FIELDAPP_SYNC_STEPS=300`. A replay repeats the same
operations and faults in the same order; what it cannot repeat is timing (ids, clock readings, when a crash lands).
"""

from __future__ import annotations

import json
import os
import random
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
import review_lists
import sqlalchemy as sa
from cut_proxy import CutProxy
from random_desk import DeskActions, no_wait, seeds_to_run
from replicas import KHOURIBGA, enrolled_laptop, local_copy
from sqlalchemy import select

from fieldapp.errors import FieldappError, Refused
from fieldapp.models import (
    VULNERABILITY_FLAGS,
    Distribution,
    DistributionVoid,
    Event,
    EventItem,
    Household,
    JournalEntry,
    Volunteer,
)
from fieldapp.rules import parse_item
from fieldapp.services import conflicts, distributions, enrollment, events, export, outbox, volunteers
from fieldapp.services.households import (
    HouseholdInput,
    MemberInput,
    register_household,
    update_household,
)
from sync import engine, protocol
from sync.client import HQClient, Unreachable

DEFAULT_SEEDS = {"sqlite": [9, 5], "postgresql": [5, 9]}  # between them: every fault; clocks +30 s, -1 day, +1 year
DEFAULT_STEPS = 100
DAY_MS = 86_400_000
YEAR_MS = 365 * DAY_MS
CLOCKS = [0, 0, 0, 30_000, -DAY_MS, YEAR_MS, 10 * 60_000]  # a laptop's clock error, drawn at random
COMMUNES = [KHOURIBGA, "05.311.01.03", "06.111.01.05"]
DOUARS = ["Douar Lahmar", "Douar Oulad Said", "Douar Imlil", None]
ITEMS = [parse_item("FLOUR:Farine 10 kg:1"), parse_item("OIL:Huile 1 L:1:per-member")]


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


class Laptop:
    def __init__(self, name: str, db, proxy: CutProxy) -> None:
        self.name, self.db, self.proxy = name, db, proxy
        self.clock_ms = 0

    def set_clock(self, error_ms: int) -> None:
        self.clock_ms = error_ms
        self.db.wall_clock_ms = lambda: _now_ms() + error_ms

    def ids(self, model, *where) -> list[str]:
        with self.db.read() as session:
            return sorted(session.scalars(select(model.id).where(*where)))


class World(DeskActions):
    """Three laptops of one association through their own cutting proxies, a real HQ, and a seeded dice."""

    def __init__(self, hq, tmp_path: Path, seed: int) -> None:
        self.hq, self.seed, self.rng = hq, seed, random.Random(seed)
        self.log: list[str] = []
        self.numbers = iter(range(1, 1_000_000))
        self.cins: list[str] = []
        self.restarts = 0
        self.association = hq.new_association(f"Association Al Amal {seed}")
        self.laptops: list[Laptop] = []
        self.proxies: list[CutProxy] = []
        for name in ("KHR1", "OUJ2", "BEN3"):
            proxy = CutProxy(hq.url).__enter__()
            self.proxies.append(proxy)
            laptop = Laptop(name, enrolled_laptop(tmp_path, hq, self.association, name, url=proxy.url), proxy)
            laptop.set_clock(self.rng.choice(CLOCKS))
            self.laptops.append(laptop)
        self.note(f"clocks {[(lt.name, lt.clock_ms) for lt in self.laptops]}")

    def close(self) -> None:
        for laptop in self.laptops:
            laptop.db.dispose()
        for proxy in self.proxies:
            proxy.__exit__(None, None, None)

    def note(self, text: str) -> None:
        self.log.append(text)

    # --- edits -------------------------------------------------------------------------------------------------------

    def register(self, laptop: Laptop) -> None:
        rng, n = self.rng, next(self.numbers)
        roll = rng.random()
        if roll < 0.08 and self.cins:
            cin = rng.choice(self.cins)  # the same person registered on two laptops
        elif roll < 0.7:
            cin = f"RX{self.seed % 1000:03d}{n:05d}"
        else:
            cin = None
        members = [
            MemberInput(f"Enfant {n}-{k}", sex=rng.choice("FM"), birth_year=rng.randint(1950, 2024))
            for k in range(rng.randint(0, 3))
        ]
        data = HouseholdInput(
            head_name=f"Famille {n}",
            head_name_ar=rng.choice([None, "فاطمة بنعلي", "محمد التازي"]),
            cin=cin,
            phone=rng.choice([None, f"06{rng.randrange(10**8):08d}"]),
            commune=rng.choice(COMMUNES),
            douar=rng.choice(DOUARS),
            flags=rng.sample(VULNERABILITY_FLAGS, rng.randint(0, 2)),
            consent=rng.random() < 0.5,
            members=members,
        )
        try:
            made = register_household(laptop.db, data).value
        except Refused as refused:
            assert refused.key == "error.cin_taken", refused.key
            self.note(f"{laptop.name}: register {cin} refused here (CIN taken)")
            return
        if cin and cin not in self.cins:
            self.cins.append(cin)
        self.note(f"{laptop.name}: register {made.id[-6:]} cin={cin} members={len(members)}")

    def edit(self, laptop: Laptop) -> None:
        rng = self.rng
        households = laptop.ids(Household, Household.deleted_at.is_(None))
        if not households:
            return self.register(laptop)
        household_id = rng.choice(households)
        choices = {
            "phone": lambda: f"06{rng.randrange(10**8):08d}",
            "douar": lambda: rng.choice(DOUARS[:-1]),
            "flags": lambda: rng.sample(VULNERABILITY_FLAGS, rng.randint(0, 3)),
            "notes": lambda: rng.choice(["Veuve, 3 enfants", "Adresse changée", "Revoir en mars", ""]),
            "head_name": lambda: f"Famille {next(self.numbers)}",
            "size": lambda: rng.randint(4, 9),
            "consent": lambda: rng.random() < 0.5,
            "members": lambda: [MemberInput(f"Membre {next(self.numbers)}") for _ in range(rng.randint(0, 2))],
        }
        fields = rng.sample(sorted(choices), rng.randint(1, 3))
        values = {name: choices[name]() for name in fields}
        try:
            update_household(laptop.db, household_id, HouseholdInput(**values))
        except FieldappError as error:
            assert error.key == "error.size_below_members", error.key
            self.note(f"{laptop.name}: edit {household_id[-6:]} {fields} refused ({error.key})")
            return
        self.note(f"{laptop.name}: edit {household_id[-6:]} {fields}")

    def new_event(self, laptop: Laptop) -> None:
        n = next(self.numbers)
        made = events.create_event(laptop.db, f"Distribution {n}", "2026-11-20", ITEMS, ends_on="2026-11-30").value
        self.note(f"{laptop.name}: event {made.id[-6:]}")

    def edit_event(self, laptop: Laptop) -> None:
        found = laptop.ids(Event, Event.deleted_at.is_(None))
        if found:
            event_id = self.rng.choice(found)
            events.update_event(laptop.db, event_id, name=f"Distribution {next(self.numbers)}", site="Salle communale")
            self.note(f"{laptop.name}: edit event {event_id[-6:]}")

    def serve(self, laptop: Laptop) -> None:
        rng = self.rng
        found = laptop.ids(Event, Event.deleted_at.is_(None))
        households = laptop.ids(Household, Household.deleted_at.is_(None))
        if not found or not households:
            return self.new_event(laptop)
        event_id, household_id = rng.choice(found), rng.choice(households)
        helpers = laptop.ids(Volunteer, Volunteer.deleted_at.is_(None))
        by = rng.choice(helpers) if helpers and rng.random() < 0.5 else None
        try:
            made = distributions.record_distribution(laptop.db, event_id, household_id, handed_out_by=by).value
        except Refused as refused:
            if refused.key == "error.nothing_to_give":
                # A pull cut between an event and its items (a page boundary) leaves the event here without items
                # until the next sync: nothing to hand out yet.
                with laptop.db.read() as session:
                    items = session.scalar(
                        select(sa.func.count()).select_from(EventItem).where(EventItem.event_id == event_id)
                    )
                assert items == 0, (refused.key, items)
                self.note(f"{laptop.name}: serve at {event_id[-6:]} refused (its items not received yet)")
                return
            assert refused.key == "error.already_served", refused.key
            if rng.random() < 0.5:
                self.note(f"{laptop.name}: serve {household_id[-6:]} refused (already served here)")
                return
            made = distributions.record_distribution(
                laptop.db, event_id, household_id, override_reason="Deuxième passage autorisé"
            ).value
        self.note(f"{laptop.name}: serve {household_id[-6:]} at {event_id[-6:]} receipt {made.receipt}")

    def void(self, laptop: Laptop) -> None:
        with laptop.db.read() as session:
            receipts = sorted(
                session.scalars(
                    select(Distribution.receipt)
                    .outerjoin(DistributionVoid, DistributionVoid.distribution_id == Distribution.id)
                    .where(DistributionVoid.id.is_(None))
                )
            )
        if receipts:
            receipt = self.rng.choice(receipts)
            distributions.void_distribution(laptop.db, receipt, "Erreur de saisie")
            self.note(f"{laptop.name}: void {receipt}")

    def volunteer(self, laptop: Laptop) -> None:
        n = next(self.numbers)
        made = volunteers.register_volunteer(laptop.db, f"Bénévole {n}", phone=f"06{61000000 + n:08d}").value
        self.note(f"{laptop.name}: volunteer {made.id[-6:]}")

    def settle(self, laptop: Laptop) -> None:
        found = conflicts.list_conflicts(laptop.db)
        if found:
            conflict = self.rng.choice(sorted(found, key=lambda c: c.key))
            choice = self.rng.choice([conflicts.KEEP_CURRENT, conflicts.TAKE_OTHER])
            conflicts.settle_conflict(laptop.db, conflict.key, choice, actor="Samira")
            self.note(f"{laptop.name}: settle {conflict.entity}.{conflict.field} ({choice})")

    def clock_jump(self, laptop: Laptop) -> None:
        laptop.set_clock(self.rng.choice(CLOCKS))
        self.note(f"{laptop.name}: clock now {laptop.clock_ms:+d} ms")

    # --- syncs and faults ----------------------------------------------------------------------------------------

    def sync(self, laptop: Laptop) -> None:
        rng, proxy = self.rng, laptop.proxy
        fault = rng.choices(
            ["none", "push-cut", "push-cut-dark", "pull-cut", "pull-cut-dark", "slow-push", "dark", "crash"],
            weights=[40, 12, 6, 10, 6, 3, 3, 3 if self.restarts < 2 else 0],
        )[0]
        page = rng.choice([None, 5, 50])
        client, crash = None, None
        if fault == "push-cut":
            proxy.cut_answer("POST /v1/push", times=rng.randint(1, 2), skip=rng.choice([0, 0, 1]))
        elif fault == "push-cut-dark":
            proxy.cut_answer("POST /v1/push", skip=rng.choice([0, 0, 1]), then_dark=True)
        elif fault == "pull-cut":
            proxy.cut_answer("GET /v1/pull", skip=rng.randint(0, 3))
        elif fault == "pull-cut-dark":
            proxy.cut_answer("GET /v1/pull", skip=rng.randint(0, 3), then_dark=True)
        elif fault == "slow-push":  # HQ commits, the answer comes after the laptop stopped waiting
            proxy.delay_answer("POST /v1/push", 1.6)
            token = enrollment.sync_credentials(laptop.db).token
            client = HQClient(proxy.url, token, timeouts=(10, 1.0))
        elif fault == "dark":
            proxy.go_dark()
        elif fault == "crash":  # HQ killed (SIGKILL) while this laptop syncs: mid-transaction or between requests
            self.restarts += 1
            crash = threading.Timer(rng.uniform(0.0, 0.3), _kill, args=(self.hq,))
            crash.start()
        before = proxy.cuts
        try:
            summary = engine.sync_now(laptop.db, client=client, sleep=no_wait, pull_page=page)
            outcome = f"pushed {summary.pushed} pulled {summary.pulled} applied {summary.applied}"
        except Unreachable as error:
            outcome = f"unreachable ({error.key})"
            # Only a link left dark, or HQ down, may stop a sync; a single lost answer is resent within the sync.
            assert fault in ("push-cut-dark", "pull-cut-dark", "dark", "crash"), outcome
        finally:
            if client is not None:
                client.close()
            if crash is not None:
                crash.join()
                if not self.hq.running:
                    self.hq.stop()  # forgets the dead process
                    self.hq.start()
            proxy.heal()
        self.note(f"{laptop.name}: sync [{fault}, page {page}, {proxy.cuts - before} cut] {outcome}")

    def restart_hq(self) -> None:
        if self.restarts < 2:
            self.restarts += 1
            self.hq.restart()
            self.note("HQ restarted")

    # --- a run ---------------------------------------------------------------------------------------------------

    def step(self) -> None:
        actions = {
            self.register: 16,
            self.edit: 18,
            self.delete: 3,
            self.new_event: 2,
            self.edit_event: 1,
            self.serve: 12,
            self.void: 3,
            self.volunteer: 3,
            self.check_in: 5,
            self.check_out: 4,
            self.settle: 4,
            self.clock_jump: 1,
            self.sync: 26,
        }
        action = self.rng.choices(list(actions), weights=list(actions.values()))[0]
        laptop = self.rng.choice(self.laptops)
        if self.rng.random() < 0.01:
            self.restart_hq()
        action(laptop)

    def settle_down(self) -> None:
        """Clean syncs until nothing moves: twice round gives everyone everything; the third round must be idle."""
        for proxy in self.proxies:
            proxy.heal()
        for _ in range(2):
            for laptop in self.laptops:
                summary = engine.sync_now(laptop.db, sleep=no_wait)
                self.note(f"{laptop.name}: clean sync pushed {summary.pushed} pulled {summary.pulled}")
        for laptop in self.laptops:
            idle = engine.sync_now(laptop.db, sleep=no_wait)
            assert (idle.pushed, idle.pulled, idle.round_trips) == (0, 0, 1), (laptop.name, idle.as_dict())
            assert outbox.pending_count(laptop.db) == 0, laptop.name


def _kill(hq) -> None:
    """SIGKILL the HQ process (no graceful shutdown: a transaction may be cut short); the test starts it again."""
    process = hq._process  # tests/hq_server.HQServer keeps its subprocess here
    if process is not None and process.poll() is None:
        process.kill()
        process.wait(timeout=10)


# --- what every replica must hold at the end --------------------------------------------------------------------


def _hq_state(hq, association_id: str) -> tuple[dict[str, list], list]:
    """HQ's merged records of the association per table ([(id, data, stamps)], duplicates kept) and the change-log
    keys (table, id, stamp) appended more than once."""
    from hq import schema

    engine_ = sa.create_engine(hq.db_url)
    try:
        with engine_.connect() as conn:
            r, c = schema.records, schema.changes
            rows = conn.execute(
                sa.select(r.c.tbl, r.c.id, r.c.data, r.c.field_hlc).where(r.c.association_id == association_id)
            ).all()
            twice = conn.execute(
                sa.select(c.c.tbl, c.c.id, c.c.hlc)
                .where(c.c.association_id == association_id)
                .group_by(c.c.tbl, c.c.id, c.c.hlc)
                .having(sa.func.count() > 1)
            ).all()
    finally:
        engine_.dispose()
    tables: dict[str, list] = {t: [] for t in protocol.SYNCED_TABLES}
    for row in rows:
        data = row.data if isinstance(row.data, dict) else json.loads(row.data)
        stamps = row.field_hlc if isinstance(row.field_hlc, dict) else json.loads(row.field_hlc)
        tables[row.tbl].append((row.id, {k: v for k, v in data.items() if v not in (None, [])}, stamps))
    return tables, [tuple(t) for t in twice]


def _created_everywhere(laptops: list[Laptop]) -> dict[str, set[str]]:
    """Every row any laptop created (its journal's inserts): what each replica must hold, no more, no less."""
    made: dict[str, set[str]] = {t: set() for t in protocol.SYNCED_TABLES}
    for laptop in laptops:
        with laptop.db.read() as session:
            for table, row_id in session.execute(
                select(JournalEntry.entity, JournalEntry.entity_id).where(JournalEntry.op == "insert")
            ):
                made[table].add(row_id)
    return made


def check_replicas(hq, association_id: str, laptops: list[Laptop]) -> list[str]:
    """Differences between each laptop's records and review list and HQ's (empty when all are equal)."""
    hq_tables, twice = _hq_state(hq, association_id)
    problems = [f"HQ's change log holds a change twice: {key}" for key in twice]
    created = _created_everywhere(laptops)
    for table in protocol.SYNCED_TABLES:
        rows = hq_tables[table]
        counted = Counter(row_id for row_id, _, _ in rows)
        problems += [f"HQ holds {table} {row_id} {n} times" for row_id, n in counted.items() if n > 1]
        at_hq = {row_id: (data, stamps) for row_id, data, stamps in rows}
        if set(at_hq) != created[table]:
            lost, extra = sorted(created[table] - set(at_hq)), sorted(set(at_hq) - created[table])
            problems.append(f"HQ {table}: missing {lost[:5]} ({len(lost)}), unknown {extra[:5]} ({len(extra)})")
        for laptop in laptops:
            here = local_copy(laptop.db, table)
            lost, extra = sorted(set(at_hq) - set(here)), sorted(set(here) - set(at_hq))
            if lost or extra:
                problems.append(f"{laptop.name} {table}: missing {lost[:5]} ({len(lost)}), extra {extra[:5]}")
            for row_id in sorted(set(here) & set(at_hq)):
                (mine, my_stamps), (theirs, their_stamps) = here[row_id], at_hq[row_id]
                if mine != theirs or my_stamps != their_stamps:
                    fields = sorted(k for k in mine.keys() | theirs.keys() if mine.get(k) != theirs.get(k))
                    stamps = sorted(
                        k for k in my_stamps.keys() | their_stamps.keys() if my_stamps.get(k) != their_stamps.get(k)
                    )
                    detail = {k: (mine.get(k), theirs.get(k)) for k in fields}
                    stamped = {k: (my_stamps.get(k), their_stamps.get(k)) for k in stamps}  # (here, at HQ)
                    problems.append(f"{laptop.name} {table} {row_id}: values {detail} stamps differ at {stamped}")
    return problems + review_lists.differences(hq, association_id, laptops)


def _run(hq, tmp_path: Path, seed: int, steps: int) -> str | None:
    """One seeded run; None when every replica ended equal to HQ, else what went wrong (with the seed and steps)."""
    print(f"sync random test: seed {seed}, {steps} steps, HQ on {hq.backend}")
    world = World(hq, tmp_path, seed)
    try:
        for _ in range(steps):
            world.step()
        faults = Counter(line.split("[", 1)[1].split(",", 1)[0] for line in world.log if ": sync [" in line)
        print(f"  syncs by fault: {dict(faults)}; HQ restarts and crashes: {world.restarts}")
        world.settle_down()
        problems = check_replicas(hq, world.association, world.laptops)
    except Exception as error:  # any failure is reported with the seed that replays it
        return _report(world, f"{type(error).__name__}: {error}")
    finally:
        world.close()
    return _report(world, "replicas differ:\n  " + "\n  ".join(problems[:30])) if problems else None


def _report(world: World, what: str) -> str:
    steps = "\n  ".join(world.log[:1] + (["..."] if len(world.log) > 61 else []) + world.log[1:][-60:])
    return (
        f"seed {world.seed} on {world.hq.backend}: {what}\n"
        f"replay: FIELDAPP_SYNC_SEED={world.seed} bash scripts/test.sh tests/sync/test_sync_random.py\n"
        f"last steps:\n  {steps}"
    )


def test_random_edits_and_faults_on_three_laptops_end_equal_to_hq(hq, tmp_path):
    steps = int(os.environ.get("FIELDAPP_SYNC_STEPS") or DEFAULT_STEPS)
    failures = []
    for seed in seeds_to_run("FIELDAPP_SYNC", DEFAULT_SEEDS[hq.backend]):
        directory = tmp_path / f"seed-{seed}"
        directory.mkdir()
        failure = _run(hq, directory, seed, steps)
        if failure:
            failures.append(failure)
    assert not failures, f"{len(failures)} seed(s) failed:\n\n" + "\n\n".join(failures)


def test_one_receipt_voided_on_two_laptops_leaves_every_replica_with_both_voids(hq_sqlite, tmp_path):
    hq = hq_sqlite
    association = hq.new_association("Association Al Amal")
    a = enrolled_laptop(tmp_path, hq, association, "KHR1")
    b = enrolled_laptop(tmp_path, hq, association, "OUJ2")
    try:
        event = events.create_event(a, "Ramadan 2026", "2026-02-20", ITEMS).value
        household = register_household(
            a, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)
        ).value
        served = distributions.record_distribution(a, event.id, household.id).value
        for laptop in (a, b):
            engine.sync_now(laptop)
        distributions.void_distribution(a, served.receipt, "Erreur de saisie")
        distributions.void_distribution(b, served.receipt, "Mauvais foyer")

        for laptop in (a, b, a):
            engine.sync_now(laptop)  # neither stops (it did before dfae467)

        with a.read() as session, b.read() as other:
            voids = [s.scalar(select(sa.func.count()).select_from(DistributionVoid)) for s in (session, other)]
        assert voids == [2, 2]
        assert check_replicas(hq, association, [Laptop("KHR1", a, None), Laptop("OUJ2", b, None)]) == []
        # Both laptops show the same void (the earliest), list the receipt once and still refuse a third void.
        shown = [distributions.get_by_receipt(db, served.receipt) for db in (a, b)]
        assert [view.void_reason for view in shown] == ["Erreur de saisie"] * 2
        for db in (a, b):
            listed = [d.receipt for d in distributions.list_distributions(db, event.id)]
            assert listed == [served.receipt]
            exported = tmp_path / f"{db.path.stem}-distributions.json"
            assert export.export_records(db, "distributions", "json", exported).value == 1
            with pytest.raises(Refused) as refused:
                distributions.void_distribution(db, served.receipt, "Encore")
            assert refused.value.key == "error.already_voided"
        # The family can be served again at the event on either laptop: the receipt no longer counts.
        again = distributions.record_distribution(b, event.id, household.id).value
        assert again.receipt != served.receipt
    finally:
        a.dispose()
        b.dispose()


@pytest.mark.parametrize("resend", ["smaller after a timeout", "longer after a cut"])
def test_stamps_capped_by_hq_reach_the_laptop_whose_push_answer_was_lost(hq_sqlite, tmp_path, resend):
    from fieldapp.services.bulk import import_households

    hq = hq_sqlite
    association = hq.new_association("Association Al Amal")
    with CutProxy(hq.url) as proxy:
        ahead = enrolled_laptop(tmp_path, hq, association, "KHR1", url=proxy.url)
        other = enrolled_laptop(tmp_path, hq, association, "OUJ2")
        try:
            ahead.wall_clock_ms = lambda: _now_ms() + DAY_MS  # before its first sync: no offset known yet
            if resend == "longer after a cut":
                register_household(ahead, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA))
                proxy.cut_answer("POST /v1/push", then_dark=True)  # HQ commits and caps; the answer is lost
                with pytest.raises(Unreachable):
                    engine.sync_now(ahead, sleep=no_wait)
                proxy.heal()
                register_household(ahead, HouseholdInput(consent=True, head_name="Rachid Tazi", commune=KHOURIBGA))
                engine.sync_now(ahead, sleep=no_wait)  # resends 1..2: HQ applies 2, answers 2's rewrite only
            else:
                rows = [HouseholdInput(consent=True, head_name=f"Famille {n}", commune=KHOURIBGA) for n in range(300)]
                import_households(ahead, rows)
                proxy.delay_answer("POST /v1/push", 2.5)  # 1..300 applied and capped; the laptop stops waiting
                client = HQClient(proxy.url, enrollment.sync_credentials(ahead).token, timeouts=(10, 1.0))
                engine.sync_now(ahead, client=client, sleep=no_wait)  # resends 1..250: a duplicate, no rewrites
                client.close()
            engine.sync_now(other, sleep=no_wait)

            laptops = [Laptop("KHR1", ahead, proxy), Laptop("OUJ2", other, None)]
            assert check_replicas(hq, association, laptops) == []
        finally:
            ahead.dispose()
            other.dispose()


def test_an_edit_from_a_clock_gone_ahead_is_not_lost_behind_a_stamp_less_than_60_s_ahead(hq_sqlite, tmp_path):
    hq = hq_sqlite
    association = hq.new_association("Association Al Amal")
    a = enrolled_laptop(tmp_path, hq, association, "KHR1")
    b = enrolled_laptop(tmp_path, hq, association, "OUJ2")
    try:
        a.wall_clock_ms = lambda: _now_ms() + 50_000  # a little ahead: HQ keeps its stamps
        made = register_household(a, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)).value
        engine.sync_now(a)
        engine.sync_now(b)
        b.wall_clock_ms = lambda: _now_ms() + DAY_MS  # someone sets the laptop's date a day ahead
        update_household(b, made.id, HouseholdInput(phone="0612345678"))

        for laptop in (b, a):
            engine.sync_now(laptop)

        assert check_replicas(hq, association, [Laptop("KHR1", a, None), Laptop("OUJ2", b, None)]) == []
    finally:
        a.dispose()
        b.dispose()
