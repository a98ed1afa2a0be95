"""What must hold at the end of the adversarial sync test: B's laptops equal HQ, B's review list is what B's own
servings make (the same on every replica), nothing of B reaches A, nothing refused reaches A."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import requests
import sqlalchemy as sa
from hostile_device import B_CODES, B_MARK
from hq_http import HEADERS
from replicas import local_copy
from sqlalchemy import select

from fieldapp import record_shapes
from fieldapp.models import JournalEntry
from fieldapp.models.records import SyncReview
from fieldapp.services.pulled import table_of
from sync import protocol

# --- the double servings B's own actions make, replayed on every replica -------------------------------------------


@dataclass
class _Replica:
    served: dict[str, tuple[str, str]] = field(default_factory=dict)  # distribution id -> (event, household)
    overrides: set[str] = field(default_factory=set)  # served again on purpose, with a reason
    voided: set[str] = field(default_factory=set)
    cursor: int = 0  # how far into HQ's log of B this laptop pulled

    def receive(self, kind: str, record_id: str, target) -> None:
        if kind == "void":
            self.voided.add(target)
            return
        self.served[record_id] = target
        if kind == "override":
            self.overrides.add(record_id)

    @property
    def reviews(self) -> dict[str, set[str]]:
        """The documented rule: a pair with two active servings made without an override reason is a double serving
        to review, whatever order they arrived in; its item names every serving of the pair."""
        by_pair: dict[tuple[str, str], set[str]] = {}
        for record_id, pair in self.served.items():
            by_pair.setdefault(pair, set()).add(record_id)
        unjudged = self.voided | self.overrides
        return {
            protocol.review_key(protocol.DOUBLE_DISTRIBUTION, *pair): ids
            for pair, ids in by_pair.items()
            if len(ids - unjudged) >= 2
        }


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
        replica.receive(kind, record_id, target)  # the desk refuses a second serving here, or overrides it
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


# --- the checks ------------------------------------------------------------------------------------


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


def compare(hq, association_id: str, laptops: list) -> list[str]:
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


def made_by(laptops: list) -> dict[str, set[str]]:
    made: dict[str, set[str]] = {t: set() for t in protocol.SYNCED_TABLES}
    for laptop in laptops:
        with laptop.db.read() as session:
            query = select(JournalEntry.entity, JournalEntry.entity_id).where(JournalEntry.op == "insert")
            for table, row_id in session.execute(query):
                made[table].add(row_id)
    return made


def _open_reviews(laptop) -> dict[str, tuple[str, list]]:
    with laptop.db.read() as session:
        rows = session.execute(
            select(SyncReview.key, SyncReview.kind, SyncReview.record_ids).where(SyncReview.settled_at.is_(None))
        ).all()
    return {r.key: (r.kind, sorted(r.record_ids, key=str)) for r in rows}


def check(world) -> list[str]:
    hq, problems = world.hq, list(world.problems)
    side_a, side_b = world.side("A"), world.side("B")
    # B's laptops and HQ agree on B's records, which are exactly the ones B's laptops made (and HQ's campaigns)
    problems += compare(hq, world.b, side_b)
    b_records = hq_records(hq, world.b, shared=False)
    for table, ids in made_by(side_b).items():
        if set(b_records[table]) != ids:
            problems.append(f"HQ's {table} of B are not the ones B made: {sorted(set(b_records[table]) ^ ids)[:3]}")
    # B's review list, at HQ and on each laptop, is what B's own servings make: the same everywhere
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
