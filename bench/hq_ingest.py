"""HQ ingest benchmark: a real HQ (uvicorn on PostgreSQL) with 50 devices pushing at once; prints rows/s and latencies.

    .venv/bin/python bench/hq_ingest.py [--db postgresql+psycopg://...] [--devices 50] [--workers 2]

The database server comes from --db or FIELDAPP_TEST_PG_URL (scripts/postgres.sh prints one); the benchmark makes a
fresh database on it and drops it afterwards. Changes are built from ../shared/bench/workload-10k.jsonl when it is
there (households, members, distributions, attendance with fresh ids per device), else generated, and a share of
them are edits of households pushed earlier. Bodies are gzip-encoded before the clock starts.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import requests
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fieldapp import record_shapes  # noqa: E402
from fieldapp.clock import HybridLogicalClock  # noqa: E402
from fieldapp.ids import uuid7  # noqa: E402
from sync import protocol  # noqa: E402

WORKLOAD = ROOT.parent / "shared" / "bench" / "workload-10k.jsonl"
HEADERS = {protocol.PROTOCOL_HEADER: "1", "Accept-Encoding": "gzip"}


def load_workload() -> list[dict]:
    if WORKLOAD.exists():
        return [json.loads(line) for line in WORKLOAD.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(7)
    return [
        {"_id": str(n), "type": "household", "name": f"Family {n}", "name_ar": "أسرة", "cin": f"AB{n:06d}",
         "phone": f"+2126{rng.randrange(10**8):08d}", "commune_code": "06.304.14.6", "douar": "Douar Imlil",
         "size": rng.randint(1, 9), "flags": ["infant"] if n % 3 else []}
        for n in range(10_000)
    ]  # fmt: skip


def _fields(record: dict, ids: dict[str, str]) -> tuple[str, dict]:
    """The workload record as one of our tables and its fields (references mapped to this device's ids)."""
    ref = lambda key: ids.setdefault(record[key], uuid7()) if record.get(key) else None  # noqa: E731
    kind = record["type"]
    if kind == "household":
        return "households", {
            "head_name": record["name"], "head_name_ar": record.get("name_ar"), "cin": record.get("cin"),
            "phone": record.get("phone"), "commune_code": record.get("commune_code"),
            "province_code": (record.get("commune_code") or "00.000")[:6], "douar": record.get("douar"),
            "size": record.get("size"), "flags": record.get("flags") or [], "consent_at": record.get("consent_at"),
        }  # fmt: skip
    if kind == "member":
        return "members", {"household_id": ref("household_id"), "name": record["name"], "sex": record.get("sex"),
                           "birth_year": record.get("birth_year"), "relation": record.get("relation")}  # fmt: skip
    if kind == "distribution":
        return "distributions", {
            "event_id": ref("event_id"),
            "household_id": ref("household_id"),
            "receipt": record["receipt"],
            "items": record.get("items"),
            "collector_name": record.get("collector"),
            "handed_out_by": record.get("handed_out_by"),
            "served_at": record.get("created_at"),
        }  # fmt: skip (the receipt is made unique per device by device_changes)
    return "attendance", {"volunteer_id": ref("volunteer_id"), "event_id": ref("event_id"),
                          "check_in": record.get("check_in"), "check_out": record.get("check_out")}  # fmt: skip


def _stub(table: str) -> dict:
    """A parent record the workload names but does not hold (events and volunteers, households of another slice)."""
    return {
        "events": {"name": "Panier Ramadan 2027", "starts_on": "2027-02-18", "ends_on": "2027-03-19"},
        "volunteers": {"name": "Bénévole"},
        "households": {"head_name": "Famille", "province_code": "06.304", "commune_code": "06.304.14.6", "size": 4},
    }[table]


def device_changes(
    workload: list[dict], index: int, count: int, code: str, update_share: float, campaign: str | None = None
) -> list[dict]:
    """`count` journal changes of one device: inserts from its slice of the workload, and edits of its households;
    with `campaign`, every distribution and check-in is for that event HQ published (none made by the device)."""
    rng = random.Random(index)
    clock = HybridLogicalClock(code)
    ids: dict[str, str] = {r["event_id"]: campaign for r in workload if campaign and r.get("event_id")}
    households: list[tuple[str, str]] = []
    changes = []
    start = (index * count) % len(workload)
    position = 0
    while len(changes) < count:
        if households and rng.random() < update_share:
            row_id, seen = rng.choice(households)
            stamp = clock.now()
            phone = f"+2126{rng.randrange(10**8):08d}"
            changes.append({"t": "households", "i": row_id, "h": stamp, "o": "u", "f": {"phone": phone},
                            "p": {"phone": seen}})  # fmt: skip
            households[households.index((row_id, seen))] = (row_id, stamp)
            continue
        record = workload[(start + position) % len(workload)]
        position += 1
        known = set(ids.values())
        table, fields = _fields(record, ids)
        if fields.get("cin"):  # the workload is reused by several devices: one family per CIN in an association
            fields["cin"] = f"{fields['cin'][:12]}{index:03d}"
        if fields.get("receipt"):  # one receipt number per association (HQ refuses a number taken)
            fields["receipt"] = f"{code}-{fields['receipt']}"[-40:]
        # HQ refuses a change whose parent it does not hold: a parent outside this device's slice is made first.
        for name, parent in record_shapes.references(table).items():
            if fields.get(name) and fields[name] not in known:
                changes.append({"t": parent, "i": fields[name], "h": clock.now(), "o": "i", "f": _stub(parent)})
                known.add(fields[name])
        row_id = ids.setdefault(record["_id"], uuid7())
        stamp = clock.now()
        changes.append({"t": table, "i": row_id, "h": stamp, "o": "i", "f": {k: v for k, v in fields.items() if v}})
        if table == "households":
            households.append((row_id, stamp))
    return changes[:count]


def fresh_database(server_url: str) -> tuple[str, str]:
    url = make_url(server_url)
    name = f"fieldapp_bench_{secrets.token_hex(4)}"
    with _admin(url) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.set(drivername="postgresql+psycopg", database=name).render_as_string(hide_password=False), name


def _admin(url) -> psycopg.Connection:
    params = {"dbname": "postgres", "host": url.host, "port": url.port, "user": url.username, "password": url.password}
    return psycopg.connect(**{k: v for k, v in params.items() if v is not None}, autocommit=True)


def start_hq(db_url: str, port: int, workers: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "hq.cli", "serve", "--db", db_url, "--port", str(port), "--workers", str(workers)]
    process = subprocess.Popen(command, cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            requests.get(f"http://127.0.0.1:{port}{protocol.HELLO}", headers=HEADERS, timeout=1)
            return process
        except requests.ConnectionError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("HQ did not start")


def enroll_devices(base: str, db_url: str, devices: int, associations: int) -> list[dict]:
    from hq import admin, auth
    from hq.db import Database

    db = Database.open(db_url, pool_size=2)
    association_ids = [admin.add_association(db, f"Association {n}")["id"] for n in range(associations)]
    enrolled = []
    for n in range(devices):
        code = auth.new_enroll_code(db, association_ids[n % associations])["code"]
        body = {"code": code, "device_code": f"D{n:03d}", "device_name": f"Laptop {n}"}
        answer = requests.post(base + protocol.ENROLL, json=body, headers=HEADERS, timeout=30)
        answer.raise_for_status()
        enrolled.append({**answer.json(), "code": f"D{n:03d}"})
    db.dispose()
    return enrolled


def publish_campaign(db_url: str) -> str:
    """A campaign HQ publishes to every association (what cross-association matching looks at)."""
    from hq import admin
    from hq.db import Database

    db = Database.open(db_url, pool_size=2)
    try:
        published = admin.publish_campaign(db, "Panier Ramadan 2027", "2027-02-18", "2027-03-19", ["KIT:Panier:1"])
        return published["event_id"]
    finally:
        db.dispose()


def percentiles(values: list[float]) -> str:
    values = sorted(values)
    pick = lambda q: values[min(len(values) - 1, int(q * len(values)))] * 1000  # noqa: E731
    return f"p50 {pick(0.5):.0f} ms, p95 {pick(0.95):.0f} ms, max {values[-1] * 1000:.0f} ms"


def run(args: argparse.Namespace) -> None:
    server_url = args.db or os.environ.get("FIELDAPP_TEST_PG_URL")
    if not server_url:
        raise SystemExit("give --db or set FIELDAPP_TEST_PG_URL (bash scripts/postgres.sh prints one)")
    db_url, name = fresh_database(server_url)
    process = None
    try:
        base = f"http://127.0.0.1:{args.port}"
        process = start_hq(db_url, args.port, args.workers)
        devices = enroll_devices(base, db_url, args.devices, args.associations)
        workload = load_workload()
        campaign = publish_campaign(db_url) if args.campaign else None
        batches = []
        for index, device in enumerate(devices):
            changes = device_changes(workload, index, args.changes, device["code"], args.update_share, campaign)
            bodies = [
                protocol.encode({"from": s + 1, "to": s + len(chunk), "changes": chunk})
                for s in range(0, len(changes), args.batch)
                for chunk in [changes[s : s + args.batch]]
            ]
            batches.append((device, bodies))
        total = args.devices * args.changes
        size = sum(len(b) for _, bodies in batches for b in bodies)
        print(f"HQ on PostgreSQL, {args.workers} uvicorn worker(s); {args.devices} devices in {args.associations} "
              f"associations, {args.changes} changes each in batches of {args.batch} "
              f"({args.update_share:.0%} edits), {size / total:.0f} gzip bytes a change")  # fmt: skip

        def push_all(item) -> list[float]:
            device, bodies = item
            headers = {**HEADERS, "Authorization": f"Bearer {device['token']}", "Content-Encoding": "gzip"}
            latencies = []
            with requests.Session() as session:
                for body in bodies:
                    started = time.perf_counter()
                    answer = session.post(base + protocol.PUSH, data=body, headers=headers, timeout=300)
                    latencies.append(time.perf_counter() - started)
                    if answer.status_code != 200:
                        raise SystemExit(f"push failed: {answer.status_code} {answer.text[:300]}")
                    if answer.json().get("refused"):  # every change is one a laptop makes: none may be refused
                        raise SystemExit(f"HQ refused changes: {answer.json()['refused'][:3]}")
            return latencies

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.devices) as pool:
            latencies = [value for result in pool.map(push_all, batches) for value in result]
        elapsed = time.perf_counter() - started
        print(f"ingest: {total} rows in {elapsed:.1f} s = {total / elapsed:,.0f} rows/s "
              f"({len(latencies)} batches; push latency under load {percentiles(latencies)})")  # fmt: skip

        device = devices[0]
        headers = {**HEADERS, "Authorization": f"Bearer {device['token']}"}
        with requests.Session() as session:
            lone = device_changes(workload, 999, args.batch, device["code"], 0.0, campaign)
            expected = session.get(base + protocol.HELLO, headers=headers, timeout=30).json()["push_expected"]
            body = protocol.encode({"from": expected, "to": expected + len(lone) - 1, "changes": lone})
            started = time.perf_counter()
            session.post(base + protocol.PUSH, data=body, headers={**headers, "Content-Encoding": "gzip"}, timeout=60)
            print(f"push of one {args.batch}-change batch, HQ idle: {(time.perf_counter() - started) * 1000:.0f} ms")
            pages, cursor, rows = [], 0, 0
            pull_started = time.perf_counter()
            while True:
                started = time.perf_counter()
                page = session.get(base + protocol.PULL, params={"after": cursor}, headers=headers, timeout=60).json()
                pages.append(time.perf_counter() - started)
                rows += len(page["changes"])
                cursor = page["next"]
                if not page["more"]:
                    break
            pulled = time.perf_counter() - pull_started
            print(f"pull: {rows} changes in {len(pages)} pages of {protocol.PULL_PAGE} in {pulled:.1f} s = "
                  f"{rows / pulled:,.0f} changes/s (page latency {percentiles(pages)})")  # fmt: skip
            hellos = []
            for _ in range(50):
                started = time.perf_counter()
                session.get(base + protocol.HELLO, headers=headers, timeout=30)
                hellos.append(time.perf_counter() - started)
            print(f"hello (a no-op sync): {percentiles(hellos)}")
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
        if not args.keep:
            with _admin(make_url(server_url)) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="PostgreSQL server URL (default FIELDAPP_TEST_PG_URL)")
    parser.add_argument("--devices", type=int, default=50)
    parser.add_argument("--associations", type=int, default=5)
    parser.add_argument("--changes", type=int, default=2000, help="changes each device pushes")
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--campaign", action="store_true", help="distributions for one campaign HQ published")
    parser.add_argument("--update-share", type=float, default=0.2, help="share of changes that edit a household")
    parser.add_argument("--workers", type=int, default=max(2, os.cpu_count() or 2), help="uvicorn workers")
    parser.add_argument("--port", type=int, default=8761)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    run(parser.parse_args())


if __name__ == "__main__":
    main()
