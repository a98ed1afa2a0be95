"""HQ dashboard figures benchmark: a PostgreSQL HQ seeded at national scale, p95 of each hq.figures call, and the
ingest rate with and without the figures kept at ingest.

    .venv/bin/python bench/hq_figures.py [--db postgresql+psycopg://...] [--scale 1.0] [--repeat 30] [--keep]

Scale 1.0 = 200 associations, 500,000 households, 2,000,000 distributions (the issue's size); --scale 0.1 for a quick
run. Records are written by COPY (not through HTTP), then the figures by hq.figures_ingest.rebuild, then ANALYZE.
Ingest: 10,000 changes of ../shared/bench/workload-10k.jsonl (bench/hq_ingest.py's changes) applied through
hq.ingest.apply in batches of 500, into a fresh database and into the seeded one, with the figures kept and without.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import hq_ingest  # noqa: E402
import psycopg  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from fieldapp import geo  # noqa: E402
from fieldapp.figure_rules import VULNERABILITY_FLAGS  # noqa: E402
from fieldapp.ids import uuid7  # noqa: E402
from hq import bulk, figures, figures_ingest, ingest  # noqa: E402
from hq import schema as s  # noqa: E402
from hq.db import Database  # noqa: E402

EVENTS_PER_ASSOCIATION = 12
VOLUNTEERS_PER_ASSOCIATION = 15


def server_url(given: str | None) -> str:
    url = given or os.environ.get("FIELDAPP_TEST_PG_URL")
    if url:
        return url
    out = subprocess.run(["bash", str(ROOT / "scripts/postgres.sh")], capture_output=True, text=True, check=True)
    return out.stdout.strip().splitlines()[-1]


def drop(server: str, name: str) -> None:
    with hq_ingest._admin(hq_ingest.make_url(server)) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- seeding -------------------------------------------------------------------------------------------------------


def _record(table: str, record_id: str, owner: str, data: dict, now, **columns) -> dict:
    return {
        "id": record_id,
        "tbl": table,
        "association_id": owner,
        "device_code": columns.pop("device_code", "D000"),
        "data": data,
        "field_hlc": {},
        "hlc": "000000000000000-00000-D000",
        "event_id": columns.pop("event_id", None),
        "household_id": columns.pop("household_id", None),
        "ref_id": columns.pop("ref_id", None),
        "cin": None,
        "deleted": False,
        "updated_at": now,
        "unique_value": columns.pop("unique_value", None),
        "refused": None,
    }


def seed(db: Database, scale: float) -> None:
    """Associations with their laptops, events, households, distributions (about 1 % voided) and attendance;
    each association works in a few communes of one region, as they do."""
    rng = random.Random(16)
    communes = sorted(geo.all_communes().values(), key=lambda c: c.code)
    by_region: dict[str, list] = {}
    for commune in communes:
        by_region.setdefault(commune.region_code, []).append(commune)
    regions = sorted(by_region)
    owners = max(2, round(200 * scale))
    households_each = round(500_000 * scale) // owners
    served_each = round(2_000_000 * scale) // owners
    now = s.utcnow()
    start = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
    with db.write() as conn:
        conn.execute(
            s.associations.insert(),
            [{"id": uuid7(), "name": f"Association {n}", "created_at": now} for n in range(owners)],
        )
        ids = [row[0] for row in conn.execute(s.associations.select().with_only_columns(s.associations.c.id))]
        conn.execute(
            s.devices.insert(),
            [
                {"id": uuid7(), "association_id": a, "code": f"D{n:03d}", "name": f"Laptop {n}", "token_hash": uuid7(),
                 "enrolled_at": now}
                for a in ids for n in range(3)
            ],
        )  # fmt: skip
    for number, owner in enumerate(ids):
        region = by_region[regions[number % len(regions)]]
        places = rng.sample(region, k=min(8, len(region)))
        events = []
        rows = []
        for n in range(EVENTS_PER_ASSOCIATION):
            day = start + dt.timedelta(days=14 * n + rng.randrange(3))
            event = uuid7()
            events.append((event, day))
            data = {"name": f"Distribution {n}", "starts_on": day.date().isoformat(), "ends_on": day.date().isoformat()}
            rows.append(_record("events", event, owner, data, now))
        homes = []
        for _ in range(households_each):
            place = rng.choice(places)
            flags = [f for f in VULNERABILITY_FLAGS if rng.random() < 0.08]
            data = {"head_name": "Famille", "province_code": place.province_code, "commune_code": place.code,
                    "size": rng.randint(1, 10), "flags": flags}  # fmt: skip
            home = uuid7()
            homes.append(home)
            rows.append(_record("households", home, owner, data, now))
        for n in range(served_each):
            event, day = events[n % len(events)]
            home = homes[rng.randrange(len(homes))]
            served_at = day + dt.timedelta(days=rng.randrange(2), minutes=rng.randrange(480))
            receipt = f"D00{n % 3}-2026-{n:06d}"
            data = {"event_id": event, "household_id": home, "receipt": receipt, "served_at": served_at.isoformat(),
                    "items": [{"code": "KIT", "quantity": 1, "entitled": 1}, {"code": "LAIT", "quantity": 2,
                                                                              "entitled": 2}]}  # fmt: skip
            distribution = uuid7()
            rows.append(
                _record("distributions", distribution, owner, data, now, device_code=f"D00{n % 3}", event_id=event,
                        household_id=home, unique_value=receipt)
            )  # fmt: skip
            if rng.random() < 0.01:
                void = {"distribution_id": distribution, "reason": "erreur", "voided_at": served_at.isoformat()}
                rows.append(_record("distribution_voids", uuid7(), owner, void, now, ref_id=distribution))
        volunteers = [uuid7() for _ in range(VOLUNTEERS_PER_ASSOCIATION)]
        for volunteer in volunteers:
            rows.append(_record("volunteers", volunteer, owner, {"name": "Bénévole"}, now))
            for event, day in events:
                if rng.random() < 0.6:
                    out = (day + dt.timedelta(hours=rng.randint(2, 8))).isoformat()
                    data = {"volunteer_id": volunteer, "event_id": event, "check_in": day.isoformat(), "check_out": out}
                    rows.append(_record("attendance", uuid7(), owner, data, now, event_id=event))
        with db.write() as conn:
            bulk.insert_rows(conn, s.records, rows)


def middle_association(conn) -> dict:
    """The seeded association in the middle of the list: its id, events (in date order) and communes."""
    a = s.associations
    ids = [row[0] for row in conn.execute(sa.select(a.c.id).where(a.c.name.like("Association %")))]
    one = sorted(ids)[len(ids) // 2]
    r, f = s.records, s.fig_receipts
    events = conn.execute(sa.select(r.c.id, r.c.data).where(r.c.association_id == one, r.c.tbl == "events")).all()
    communes = conn.execute(sa.select(f.c.commune_code).where(f.c.association_id == one).distinct()).scalars()
    ordered = [e.id for e in sorted(events, key=lambda e: (e.data["starts_on"], e.id))]
    return {"id": one, "events": ordered, "places": [geo.commune(code) for code in sorted(communes)]}


def rebuild(db: Database) -> None:
    with db.write() as conn:
        figures_ingest.rebuild(conn)


def analyze(url: str) -> None:
    with psycopg.connect(hq_ingest.make_url(url).set(drivername="postgresql").render_as_string(False)) as conn:
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")


# --- measuring -------------------------------------------------------------------------------------------------------


def p95(db: Database, call, repeat: int) -> tuple[float, float]:
    took = []
    for _ in range(repeat):
        began = time.perf_counter()
        with db.read() as conn:
            call(conn)
        took.append(time.perf_counter() - began)
    took.sort()
    return took[len(took) // 2] * 1000, took[min(len(took) - 1, int(0.95 * len(took)))] * 1000


def calls(one: dict) -> list[tuple[str, object, object]]:
    """(name, scope maker, call) of every figure the dashboard shows, for the platform and for `one` association."""
    region, province = one["places"][0].region_code, one["places"][0].province_code
    period = figures.Filters(date_from=dt.date(2026, 2, 1), date_to=dt.date(2026, 3, 31))
    in_region = dataclasses.replace(period, region_code=region)
    event = figures.Filters(event_ids=(one["events"][3],))
    campaign = figures.Filters(event_ids=tuple(one["events"][3:6]))
    whole = figures.Filters()
    return [
        ("overview, all time", lambda c, sc: figures.overview(c, sc, whole)),
        ("overview, a period of 2 months", lambda c, sc: figures.overview(c, sc, period)),
        ("overview, one event", lambda c, sc: figures.overview(c, sc, event)),
        ("overview, a campaign of 3 events", lambda c, sc: figures.overview(c, sc, campaign)),
        ("by region, period", lambda c, sc: figures.by_place(c, sc, period, "region")),
        ("by province of a region, period", lambda c, sc: figures.by_place(c, sc, in_region, "province")),
        ("by commune of a province, all time", lambda c, sc: figures.by_place(
            c, sc, figures.Filters(province_code=province), "commune")),
        ("by vulnerability, period", lambda c, sc: figures.by_vulnerability(c, sc, period)),
        ("by size band, period", lambda c, sc: figures.by_size(c, sc, period)),
        ("items, period", lambda c, sc: figures.items(c, sc, period)),
        ("receipts, first page, period", lambda c, sc: figures.receipts(c, sc, period)),
        ("receipts, voided, all time", lambda c, sc: figures.receipts(c, sc, whole, voided=True)),
    ]  # fmt: skip


def measure(db: Database, one: dict, repeat: int) -> list[str]:
    lines = ["| call | platform p50 / p95 (ms) | one association p50 / p95 (ms) |", "|---|---|---|"]
    for name, call in calls(one):
        platform = p95(db, lambda c, call=call: call(c, figures.Scope(None)), repeat)
        mine = p95(db, lambda c, call=call: call(c, figures.Scope(one["id"])), repeat)
        lines.append(f"| {name} | {platform[0]:.0f} / {platform[1]:.0f} | {mine[0]:.0f} / {mine[1]:.0f} |")
        print(lines[-1], flush=True)
    platform = p95(db, lambda c: figures.by_association(c, figures.Scope(None), figures.Filters()), repeat)
    lines.append(f"| by association, all time | {platform[0]:.0f} / {platform[1]:.0f} | (platform only) |")
    print(lines[-1], flush=True)
    return lines


def ingest_rate(db: Database, keep_figures: bool, changes: list[dict]) -> float:
    """Changes per second through hq.ingest.apply (batches of 500, one transaction each) for a new association."""
    kept = figures_ingest.apply
    if not keep_figures:
        ingest.figures_ingest.apply = lambda *args: None
    try:
        owner = uuid7()
        with db.write() as conn:
            conn.execute(s.associations.insert().values(id=owner, name=f"Bench {owner}", created_at=s.utcnow()))
        author = ingest.Author(uuid7(), "BENCH", owner)
        began = time.perf_counter()
        for start in range(0, len(changes), 500):
            with db.write() as conn:
                outcome = ingest.apply(conn, author, changes[start : start + 500])
                assert not outcome.refused, outcome.refused[:3]
        return len(changes) / (time.perf_counter() - began)
    finally:
        ingest.figures_ingest.apply = kept


def ingest_lines(db: Database, label: str) -> list[str]:
    workload = hq_ingest.load_workload()
    rates = {}
    for keep in (False, True, False, True):
        changes = hq_ingest.device_changes(workload, len(rates), 10_000, "BENCH", 0.1)
        rate = ingest_rate(db, keep, changes)
        rates.setdefault(keep, []).append(rate)
        print(f"ingest {label}, figures {'kept' if keep else 'off'}: {rate:.0f} changes/s", flush=True)
    off, on = max(rates[False]), max(rates[True])
    return [f"| {label} | {off:.0f} | {on:.0f} | {100 * (on - off) / off:+.0f} % |"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--db", help="a PostgreSQL server URL (default: FIELDAPP_TEST_PG_URL, else scripts/postgres.sh)"
    )
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="keep the seeded database (its name is printed)")
    parser.add_argument("--reuse", metavar="NAME", help="measure on a database seeded before (kept with --keep)")
    parser.add_argument("--no-ingest", action="store_true", help="measure the figures only")
    args = parser.parse_args()
    server = server_url(args.db)
    if args.reuse:
        name = args.reuse
        url = hq_ingest.make_url(server).set(database=name).render_as_string(hide_password=False)
    else:
        url, name = hq_ingest.fresh_database(server)
        print(f"database {name}", flush=True)
    fresh_url, fresh_name = hq_ingest.fresh_database(server)
    try:
        db = Database.open(url, pool_size=2)
        if not args.reuse:
            began = time.perf_counter()
            seed(db, args.scale)
            seeded = time.perf_counter()
            print(f"seeded records in {seeded - began:.0f} s", flush=True)
            rebuild(db)
            print(f"rebuilt the figures in {time.perf_counter() - seeded:.0f} s", flush=True)
            analyze(url)
        with db.read() as conn:
            tables = (s.records, s.fig_receipts, s.fig_cells, s.fig_days, s.fig_events, s.fig_presence)
            counts = {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one() for t in tables}
            one = middle_association(conn)
        print(counts, flush=True)
        lines = measure(db, one, args.repeat)
        rates = ["| database | figures off (changes/s) | figures kept (changes/s) | change |", "|---|---|---|---|"]
        if not args.no_ingest:
            fresh = Database.open(fresh_url, pool_size=2)
            rates += ingest_lines(fresh, "empty")
            rates += ingest_lines(db, "seeded")
            fresh.dispose()
        db.dispose()
        print("\n".join([f"scale {args.scale}: {counts}", *lines, "", *rates]))
    finally:
        drop(server, fresh_name)
        if not args.keep:
            drop(server, name)


if __name__ == "__main__":
    main()
