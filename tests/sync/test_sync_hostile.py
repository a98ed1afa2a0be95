"""Randomized adversarial sync: a hostile device of association A pushes changes naming B's ids while both work."""

from __future__ import annotations

import json
import os
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hq"))  # tests/hq/hq_http.py, when run on its own
from hq_http import HEADERS, Device, household, required_defaults
from random_desk import DeskActions
from replicas import KHOURIBGA, enrolled_laptop, local_copy
from sqlalchemy import select

from fieldapp import record_shapes
from fieldapp.errors import FieldappError, Refused
from fieldapp.ids import uuid7
from fieldapp.models import Distribution, DistributionVoid, Event, Household, JournalEntry
from fieldapp.models.records import SyncReview
from fieldapp.rules import parse_item
from fieldapp.services import conflicts, distributions, enrollment, events, outbox, volunteers
from fieldapp.services.households import (
    HouseholdInput,
    MemberInput,
    register_household,
    update_household,
)
from fieldapp.services.pulled import table_of
from sync import engine, protocol

pytestmark = pytest.mark.slow

DEFAULT_SEEDS = {"sqlite": [7, 31], "postgresql": [7]}
DEFAULT_STEPS = 100
ITEMS = [parse_item("FLOUR:Farine 10 kg:1"), parse_item("OIL:Huile 1 L:1:per-member")]
B_MARK = "Annour"  # in every name B's laptops write: nothing A can pull may hold it
B_CODES = ("B1", "B2")
A_CODES = ("A1", "A2")
HOSTILE = "ATK"
FAR = "999999999999999-99999-"


def seeds(backend: str) -> list[int]:
    if os.environ.get("FIELDAPP_HOSTILE_SEED"):
        return [int(os.environ["FIELDAPP_HOSTILE_SEED"])]
    if os.environ.get("FIELDAPP_HOSTILE_SEEDS"):
        return [random.randrange(2**31) for _ in range(int(os.environ["FIELDAPP_HOSTILE_SEEDS"]))]
    return DEFAULT_SEEDS[backend]


def steps() -> int:
    return int(os.environ.get("FIELDAPP_HOSTILE_STEPS") or DEFAULT_STEPS)


def _no_wait(_seconds: float) -> None:
    pass


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


# --- the double servings B's own actions make, replayed in the order every replica receives them -----------------


@dataclass
class _Replica:
    served: dict[str, tuple[str, str]] = field(default_factory=dict)  # distribution id -> (event, household)
    voided: set[str] = field(default_factory=set)
    reviews: dict[str, set[str]] = field(default_factory=dict)
    cursor: int = 0  # how far into HQ's log of B this laptop pulled

    def receive(self, kind: str, record_id: str, target) -> None:
        """The documented rule: a distribution arriving while another active one serves its pair opens a review."""
        if kind == "void":
            self.voided.add(target)
            return
        others = {i for i, pair in self.served.items() if pair == target and i not in self.voided} - {record_id}
        self.served[record_id] = target
        if others:
            key = protocol.review_key(protocol.DOUBLE_DISTRIBUTION, *target)
            self.reviews.setdefault(key, set()).update(others | {record_id})


class Servings:
    """B's distributions and voids per replica: HQ receives each laptop's in journal order when it pushes, a laptop
    receives the others' in HQ's order when it pulls; what each replica's review list must then hold."""

    def __init__(self, laptops: list[str]) -> None:
        self.hq = _Replica()
        self.laptops = {name: _Replica() for name in laptops}
        self.unpushed: dict[str, list[tuple[str, str, object]]] = {name: [] for name in laptops}
        self.log: list[tuple[str, str, str, object]] = []  # (author, kind, id, pair or voided id)

    def made(self, laptop: str, kind: str, record_id: str, target) -> None:
        replica = self.laptops[laptop]
        if kind == "void":
            replica.voided.add(target)
        else:
            replica.served[record_id] = target  # the desk refuses a second serving or overrides it: no review here
        self.unpushed[laptop].append((kind, record_id, target))

    def synced(self, laptop: str) -> None:
        for kind, record_id, target in self.unpushed[laptop]:
            self.hq.receive(kind, record_id, target)
            self.log.append((laptop, kind, record_id, target))
        self.unpushed[laptop] = []
        replica = self.laptops[laptop]
        for author, kind, record_id, target in self.log[replica.cursor :]:
            if author != laptop:
                replica.receive(kind, record_id, target)
        replica.cursor = len(self.log)


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


class Hostile(Device):
    """Association A's device gone bad: raw HTTP, any body, and the ids it learned from sheets and campaigns."""

    def send(self, changes: list, first: int | None = None) -> requests.Response:
        """A push of these changes as journal seq first… (the next ones by default); the seq moves on only when HQ
        took the batch."""
        first = self.seq + 1 if first is None else first
        body = {"from": first, "to": first + len(changes) - 1, "changes": changes}
        response = self.raw_post(protocol.PUSH, body)
        if response.status_code == 200:
            self.seq = max(self.seq, body["to"])
        elif response.status_code < 500:
            self.seq = self.hello()["push_expected"] - 1
        return response

    def raw_post(self, path: str, body: object) -> requests.Response:
        """JSON as Python writes it (lone surrogates escaped, NaN as a bare literal), not gzip."""
        data = json.dumps(body).encode()
        headers = self.headers(**{"Content-Type": "application/json"})
        return self.session.post(self.hq.url + path, data=data, headers=headers, timeout=60)


class World(DeskActions):
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
        if laptop.side == "B":
            self.servings.made(laptop.name, "serve", made.id, (event_id, household_id))
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
            summary = engine.sync_now(laptop.db, sleep=_no_wait, pull_page=self.rng.choice([None, 7]))
        except Exception as error:
            raise AssertionError(f"{laptop.name} could not sync: {type(error).__name__}: {error}") from error
        if laptop.side == "B":
            self.servings.synced(laptop.name)
        if summary.refused:
            laptop.refused += summary.refused
            self.problems.append(f"{laptop.name}: HQ refused its own changes {summary.refused_changes}")
        self.note(f"{laptop.name}: sync pushed {summary.pushed} pulled {summary.pulled} skipped {summary.skipped}")

    # --- what the hostile device does --------------------------------------------------------------------------

    def learned(self) -> dict[str, list]:
        """What A's attacker knows of B: the ids and receipt numbers printed on B's sheets (read from B's laptops)."""
        known: dict[str, set] = {t: set() for t in protocol.SYNCED_TABLES}
        known["receipts"], known["pairs"] = set(), set()
        for laptop in self.side("B"):
            with laptop.db.read() as session:
                for table in protocol.SYNCED_TABLES:
                    rows = session.execute(select(sa.table(table, sa.column("id"), sa.column("association_id"))))
                    known[table].update(r.id for r in rows if r.association_id != protocol.EVERY_ASSOCIATION)
                for d in session.execute(
                    select(Distribution.event_id, Distribution.household_id, Distribution.receipt)
                ):
                    known["pairs"].add((d.event_id, d.household_id))
                    known["receipts"].add(d.receipt)
        return {k: sorted(v) for k, v in known.items()}

    def stamp(self) -> str:
        clock = self.hostile.clock
        return self.rng.choices(
            [
                lambda: clock.now(),
                lambda: FAR + HOSTILE,
                lambda: f"{_now_ms():015d}-99999-{HOSTILE}",
                lambda: f"{_now_ms() + 10**9:015d}-{self.rng.randrange(100000):05d}-{HOSTILE}",
                lambda: f"{_now_ms():015d}-00000-{self.rng.choice(B_CODES)}",  # B's device code as the node
                lambda: "000000000000001-00000-" + HOSTILE,
            ],
            weights=[10, 3, 2, 2, 2, 1],
        )[0]()

    def any_id(self, known: dict, table: str) -> str:
        mine = known.get(table) or []
        pick = self.rng.random()
        if mine and pick < 0.6:
            return self.rng.choice(mine)
        if pick < 0.75 and self.campaigns:
            return self.rng.choice(self.campaigns)
        all_b = [i for t in protocol.SYNCED_TABLES for i in known[t]]
        return self.rng.choice(all_b) if all_b and pick < 0.9 else uuid7()

    def wild_value(self) -> object:
        rng = self.rng
        return rng.choice(
            [
                lambda: "x" * rng.choice([201, 5000, 40_000]),
                lambda: rng.randint(-(2**70), 2**70),
                lambda: {"nested": [1, 2, {"a": None}]},
                lambda: ["x", 3],
                lambda: None,
                lambda: "",
                lambda: True,
                lambda: "2026-13-45",
                lambda: "2026-11-20 garbage",
                lambda: f"Famille piégée {rng.randrange(1000)}",
            ]
        )()

    def hostile_change(self, known: dict) -> dict:
        """One change an attacker might send: B's ids reused, B's rows named, campaign rows written, bad values."""
        rng, hostile = self.rng, self.hostile
        kind = rng.choices(
            ["reuse_b_id", "update_b", "write_campaign", "refer_to_b", "void_b", "bad_value", "missing", "unknown"],
            weights=[6, 5, 2, 6, 3, 4, 2, 1],
        )[0]
        table = rng.choice(sorted(protocol.SYNCED_TABLES))
        if kind == "reuse_b_id":
            extra = {"head_name": "Famille piégée", "cin": rng.choice(["", "A1234"])} if table == "households" else {}
            change = hostile.insert(table, extra, record_id=self.any_id(known, table))
            for name, parent in record_shapes.references(table).items():
                change["f"][name] = self.any_id(known, parent)
        elif kind == "update_b":
            record_id = self.any_id(known, table)
            name = rng.choice(sorted(record_shapes.SHAPES[table]))
            value = self.wild_value() if rng.random() < 0.3 else required_defaults(table, record_id, HOSTILE).get(name)
            change = hostile.update(
                table, record_id, {name: value}, {name: None if rng.random() < 0.1 else self.stamp()}
            )
        elif kind == "write_campaign":
            target = rng.choice(self.campaigns)
            if rng.random() < 0.5:
                change = hostile.update("events", target, {"name": "Campagne détournée"}, {"name": None})
            else:
                change = hostile.insert("events", {"name": "Campagne détournée"}, record_id=target)
        elif kind == "refer_to_b":
            table = rng.choice(["members", "distributions", "attendance", "event_items", "distribution_voids"])
            change = hostile.insert(table, {})
            for name, parent in record_shapes.references(table).items():
                change["f"][name] = self.any_id(known, parent)
            if table == "distributions" and known["receipts"] and rng.random() < 0.5:
                change["f"]["receipt"] = rng.choice(known["receipts"])
        elif kind == "void_b":
            target = rng.choice(known["distributions"]) if known["distributions"] else uuid7()
            change = hostile.insert("distribution_voids", {"distribution_id": target})
        elif kind == "bad_value":
            change = hostile.insert(table, {}, record_id=rng.choice([uuid7(), self.any_id(known, table)]))
            name = rng.choice(sorted(record_shapes.SHAPES[table]))
            change["f"][name] = self.wild_value()
            for ref, parent in record_shapes.references(table).items():
                change["f"].setdefault(ref, self.any_id(known, parent))
        elif kind == "missing":
            change = {"t": table, "i": self.any_id(known, table), "h": self.stamp(), "o": "i", "f": {}}
        else:
            change = hostile.insert(table, {})
            change["t"] = rng.choice(["households", "sync_reviews", "devices", "records"])
            change["f"]["association_id"] = self.b
        if rng.random() < 0.4:
            change["h"] = self.stamp()
        return change

    def collision(self, known: dict) -> list[dict]:
        """A's own copies of one of B's (event, household) pairs, served twice inside A: a review under B's key."""
        if not known["pairs"]:
            return []
        event_id, household_id = self.rng.choice(known["pairs"])
        hostile = self.hostile
        made = [hostile.insert("households", household("Famille piégée"), record_id=household_id)]
        if event_id not in self.campaigns:
            made.append(hostile.insert("events", {"name": "Ramadan piégé"}, record_id=event_id))
        for _ in range(2):
            serve = hostile.insert("distributions", {"event_id": event_id, "household_id": household_id})
            made.append(serve)
        return made

    def hostile_turn(self) -> None:
        rng, hostile = self.rng, self.hostile
        known = self.learned()
        what = rng.choices(["push", "collide", "replay", "replay_old", "gap", "junk", "settle", "pull"],
                           weights=[12, 5, 2, 2, 1, 2, 3, 2])[0]  # fmt: skip
        if what == "push":
            self.push([self.hostile_change(known) for _ in range(rng.randint(1, 5))], what)
        elif what == "collide":
            self.push(self.collision(known), what)
        elif what == "replay" and self.sent:  # a batch HQ took, sent again as it was
            batch = rng.choice(self.sent)
            self.answer(hostile.session.post(
                hostile.hq.url + protocol.PUSH, data=protocol.encode(batch),
                headers=hostile.headers(**{"Content-Encoding": "gzip", "Content-Type": "application/json"}), timeout=60,
            ), what, batch["changes"])  # fmt: skip
        elif what == "replay_old" and (self.sent or self.pulled_by_hostile):  # old changes under new seqs
            pool = [c for b in self.sent for c in b["changes"]] + [
                {k: v for k, v in c.items() if k in ("t", "h", "i", "o", "f", "p")} for c in self.pulled_by_hostile
            ]
            self.push(rng.sample(pool, min(len(pool), rng.randint(1, 4))), what)
        elif what == "gap":
            response = hostile.send([self.hostile_change(known)], first=hostile.seq + rng.randint(2, 50))
            self.answer(response, what, [])
        elif what == "junk":
            self.junk(known)
        elif what == "settle":
            for event_id, household_id in rng.sample(known["pairs"], min(3, len(known["pairs"]))):
                key = protocol.review_key(protocol.DOUBLE_DISTRIBUTION, event_id, household_id)
                response = hostile.raw_post(f"{protocol.CONFLICTS}/{key}/settle", {"by": "ATK", "note": "vu"})
                self.answer(response, "settle", [])
        else:
            self.hostile_pull()

    def junk(self, known: dict) -> None:
        """Bodies no laptop sends: deep JSON, lone surrogates, NaN, a wrong shape; each refused whole."""
        rng, hostile = self.rng, self.hostile
        change = hostile.insert("households", household())
        choice = rng.randrange(5)
        if choice == 0:
            deep: object = "fond"
            for _ in range(rng.choice([20, 900])):
                deep = [deep]
            change["f"]["flags"] = deep
        elif choice == 1:
            change["f"]["head_name"] = "\ud800"
        elif choice == 2:
            change["f"]["size"] = float(rng.choice(["nan", "inf"]))
        elif choice == 3:
            change["o"] = "x"
        else:
            change["h"] = rng.choice(["garbage", "", "1-2-3", FAR[:16] + "100000-" + HOSTILE])
        self.answer(hostile.send([change]), f"junk {choice}", [change])

    def push(self, changes: list[dict], what: str) -> None:
        if changes:
            response = self.hostile.send(changes)
            batch = {"from": self.hostile.seq - len(changes) + 1, "to": self.hostile.seq, "changes": changes}
            if response.status_code == 200 and not response.json().get("duplicate"):
                self.sent.append(batch)
            self.answer(response, what, changes)

    def answer(self, response: requests.Response, what: str, changes: list[dict]) -> None:
        self.statuses[response.status_code] += 1
        if response.status_code >= 500:
            self.problems.append(f"HQ answered {response.status_code} to the hostile's {what}: {response.text[:200]}")
        if response.status_code != 200 or not changes:
            self.note(f"ATK: {what} → {response.status_code} {response.text[:80]}")
            return
        body = response.json()
        if body.get("duplicate"):
            self.note(f"ATK: {what} → duplicate")
            return
        capped = {(c["t"], c["i"], c["from"]): c["to"] for c in body.get("capped") or []}
        refused = {(r["t"], r["i"]): r["reason"] for r in body.get("refused") or []}
        for change in changes:
            key = (change["t"], change["i"])
            stamp = capped.get((*key, change["h"]), change["h"])
            if key in refused:
                self.refused.append((*key, change["h"], stamp))
            else:
                self.admitted.add((*key, change["h"]))
        self.reasons.update(refused.values())
        self.note(f"ATK: {what} {len(changes)} → applied {body.get('applied')} refused {sorted(refused.values())}")

    def hostile_pull(self) -> None:
        mine = self.hostile.get(protocol.CONFLICTS).json()["reviews"]
        self.shared_keys = {r["key"] for r in mine} & set(self.servings.hq.reviews)
        changes, _ = self.hostile.pull_all()
        self.pulled_by_hostile = changes
        self.problems += [f"the hostile device pulled B's change {c}" for c in changes if _is_bs(c)]
        self.note(f"ATK: pulled {len(changes)}")

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
            idle = engine.sync_now(laptop.db, sleep=_no_wait)
            if (idle.pushed, idle.pulled, idle.round_trips) != (0, 0, 1) or outbox.pending_count(laptop.db):
                self.problems.append(f"{laptop.name}: a third clean sync still moved something {idle.as_dict()}")
        self.hostile_pull()


def _is_bs(change: dict) -> bool:
    return change.get("d") in B_CODES or B_MARK in json.dumps(change, ensure_ascii=False)


# --- what must hold at the end ------------------------------------------------------------------------------------


def _known(table: str, data: dict) -> dict:
    """The fields a laptop of this version stores (others travel on at HQ)."""
    return {k: v for k, v in data.items() if k in record_shapes.SHAPES[table] and v not in (None, [])}


def _has_default(table: str, name: str) -> bool:
    column = table_of(table).c.get(name)
    return column is not None and column.default is not None


def hq_records(hq, association_id: str, shared: bool = True) -> dict[str, dict[str, tuple[dict, dict]]]:
    """HQ's records of one association (and HQ's campaign rows, which every laptop holds too), per table."""
    owners = (association_id, protocol.EVERY_ASSOCIATION) if shared else (association_id,)
    from hq import schema

    engine_ = sa.create_engine(hq.db_url)
    try:
        with engine_.connect() as conn:
            r = schema.records
            rows = conn.execute(
                sa.select(r.c.tbl, r.c.id, r.c.data, r.c.field_hlc).where(
                    r.c.association_id.in_(owners), r.c.refused.is_(None)
                )
            ).all()
    finally:
        engine_.dispose()
    tables: dict[str, dict] = {t: {} for t in protocol.SYNCED_TABLES}
    for row in rows:
        data = row.data if isinstance(row.data, dict) else json.loads(row.data)
        stamps = row.field_hlc if isinstance(row.field_hlc, dict) else json.loads(row.field_hlc)
        stamps = {k: v for k, v in stamps.items() if k == "*" or k in record_shapes.SHAPES[row.tbl]}
        tables[row.tbl][row.id] = (_known(row.tbl, data), stamps)
    return tables


def compare(hq, association_id: str, laptops: list[Laptop]) -> list[str]:
    """Differences between each laptop's synced tables and HQ's records of its association."""
    at_hq, problems = hq_records(hq, association_id), []
    for table in protocol.SYNCED_TABLES:
        for laptop in laptops:
            here = {i: (_known(table, d), s) for i, (d, s) in local_copy(laptop.db, table).items()}
            for row_id, (data, _) in here.items():
                theirs = at_hq[table].get(row_id, ({}, {}))[0]
                for name in [n for n in data if n not in theirs and _has_default(table, n)]:
                    del data[name]  # a column default the receiver filled in for an insert that did not say (ATK's)
            lost, extra = sorted(set(at_hq[table]) - set(here)), sorted(set(here) - set(at_hq[table]))
            if lost or extra:
                problems.append(f"{laptop.name} {table}: missing {lost[:3]} ({len(lost)}), extra {extra[:3]}")
            for row_id in sorted(set(here) & set(at_hq[table])):
                if here[row_id] != at_hq[table][row_id]:
                    problems.append(f"{laptop.name} {table} {row_id}: here {here[row_id]} at HQ {at_hq[table][row_id]}")
    return problems


def made_by(laptops: list[Laptop]) -> dict[str, set[str]]:
    made: dict[str, set[str]] = {t: set() for t in protocol.SYNCED_TABLES}
    for laptop in laptops:
        with laptop.db.read() as session:
            query = select(JournalEntry.entity, JournalEntry.entity_id).where(JournalEntry.op == "insert")
            for table, row_id in session.execute(query):
                made[table].add(row_id)
    return made


def _open_reviews(laptop: Laptop) -> dict[str, tuple[str, list]]:
    with laptop.db.read() as session:
        rows = session.execute(
            select(SyncReview.key, SyncReview.kind, SyncReview.record_ids).where(SyncReview.settled_at.is_(None))
        ).all()
    return {r.key: (r.kind, sorted(r.record_ids, key=str)) for r in rows}


def check(world: World) -> list[str]:
    hq, problems = world.hq, list(world.problems)
    side_a, side_b = world.side("A"), world.side("B")
    # B's laptops and HQ agree on B's records, which are exactly the ones B's laptops made (and HQ's campaigns)
    problems += compare(hq, world.b, side_b)
    b_records = hq_records(hq, world.b, shared=False)
    for table, ids in made_by(side_b).items():
        if set(b_records[table]) != ids:
            problems.append(f"HQ's {table} of B are not the ones B made: {sorted(set(b_records[table]) ^ ids)[:3]}")
    # B's review list, at HQ and on each laptop, is what B's own servings make, in the order each replica got them
    b_token = side_b[0].token()
    answer = requests.get(hq.url + protocol.CONFLICTS, headers={**HEADERS, "Authorization": f"Bearer {b_token}"})
    assert answer.status_code == 200, answer.text
    at_hq = {r["key"]: (r["kind"], sorted(r["record_ids"])) for r in answer.json()["reviews"]}
    expected = {k: (protocol.DOUBLE_DISTRIBUTION, sorted(v)) for k, v in world.servings.hq.reviews.items()}
    if at_hq != expected:
        problems.append(f"HQ's review list for B {at_hq} is not what B's servings make {expected}")
    b_ids = {i for ids in made_by(side_b).values() for i in ids}
    for item in answer.json()["conflicts"]:
        if item["i"] not in b_ids:
            problems.append(f"HQ's conflicts for B name a record B never made: {item}")
    for laptop in side_b:
        replica = world.servings.laptops[laptop.name].reviews
        expected = {k: (protocol.DOUBLE_DISTRIBUTION, sorted(v)) for k, v in replica.items()}
        if _open_reviews(laptop) != expected:
            problems.append(f"{laptop.name}'s review list {_open_reviews(laptop)} is not B's own {expected}")
    # nothing of B's reaches A: not the hostile device's pulls, not A's laptops
    for laptop in side_a:
        for table in protocol.SYNCED_TABLES:
            with laptop.db.read() as session:
                rows = session.execute(select(sa.table(table, sa.column("id"), sa.column("device_id")))).all()
            problems += [
                f"{laptop.name} holds {table} {r.id} made by {r.device_id}" for r in rows if r.device_id in B_CODES
            ]
            for row_id, (data, _) in local_copy(laptop.db, table).items():
                if B_MARK in json.dumps(data, ensure_ascii=False):
                    problems.append(f"{laptop.name} holds B's {table} {row_id}: {data}")
    # A's laptops agree with HQ on A's records, and hold nothing of a change HQ refused the hostile device
    problems += compare(hq, world.a, side_a)
    copies: dict[tuple[str, str], dict] = {}
    a_records = hq_records(hq, world.a)
    for table, row_id, sent, stamp in world.refused:
        if (table, row_id, sent) in world.admitted or {sent, stamp} & set(
            a_records[table].get(row_id, ({}, {}))[1].values()
        ):
            continue  # the same change was also taken (sent again, or a replay of what another device made)
        for laptop in side_a:
            if (laptop.name, table) not in copies:
                copies[(laptop.name, table)] = local_copy(laptop.db, table)
            held = copies[(laptop.name, table)].get(row_id)
            if held and {sent, stamp} & set(held[1].values()):
                problems.append(f"{laptop.name} holds {table} {row_id} as the refused change {sent} made it")
    return problems


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
        engine.sync_now(laptop.db, sleep=_no_wait)

        # When a device of the association empties a field the laptop's column cannot hold empty
        emptied = hostile.update(table, record["i"], {name: None}, {name: record["h"]})
        answer = hostile.send([emptied]).json()
        summary = engine.sync_now(laptop.db, sleep=_no_wait)

        # Then HQ refuses it (the laptop could not hold it), and the laptop holds exactly HQ's copy
        assert [r["reason"] for r in answer["refused"]] == [protocol.REFUSED_BAD_VALUE]
        assert summary.skipped == 0, (answer, summary.as_dict())
        assert compare(hq, association, [laptop]) == []
    finally:
        hostile.session.close()
        laptop.db.dispose()
