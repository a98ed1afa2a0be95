"""The hostile device of the adversarial sync test: a laptop of association A gone bad, talking raw HTTP, and what it
sends (B's ids reused, B's rows named, HQ's campaign rows written, bad values, stamps and bodies, replays)."""

from __future__ import annotations

import json
import time

import requests
import sqlalchemy as sa
from hq_http import Device, household, required_defaults
from sqlalchemy import select

from fieldapp import record_shapes
from fieldapp.ids import uuid7
from fieldapp.models import Distribution
from sync import protocol

B_MARK = "Annour"  # in every name B's laptops write: nothing A can pull may hold it
B_CODES = ("B1", "B2")
A_CODES = ("A1", "A2")
HOSTILE = "ATK"
FAR = "999999999999999-99999-"


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


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


class Attacks:
    """What the hostile device does, for a World with `rng`, `hostile`, `campaigns`, `b`, `side(name)`, `note(text)`,
    `problems`, `servings` and the bookkeeping lists it fills (sent, admitted, refused, reasons, statuses)."""

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


def _is_bs(change: dict) -> bool:
    return change.get("d") in B_CODES or B_MARK in json.dumps(change, ensure_ascii=False)
