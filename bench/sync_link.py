"""Sync over a slow link: the 10,000-record workload pushed from one laptop and pulled into another through a real HQ.

    .venv/bin/python bench/sync_link.py [--db postgresql+psycopg://...] [--kbit 256] [--rtt-ms 600] [--loss 0.02]

Starts a real HQ (uvicorn subprocess, SQLite by default; with --db a PostgreSQL server, on a fresh database dropped
afterwards), creates an association and enrollment codes with the fieldapp-hq command, loads every record of the
shared workload into laptop A (households and members through the bulk import as bench/workload_import.py does;
events, volunteers, distributions and attendance through the app's unit of work, so all are stamped and journaled),
then for each link (clean, then with loss) on a fresh HQ database:

1. enrolls A through bench/link_proxy.py's LinkProxy and pushes everything (timed), enrolls B and pulls it (timed);
2. counts the bytes the proxy relayed (payload, and on the wire with 40 bytes of TCP/IP a segment);
3. runs a no-op sync of A and of B (round trips and bytes);

and, on the clean run only, measures the client's apply rate: every page B received, fetched again from HQ without
shaping, applied with `replication.apply_page` into a fresh laptop's SQLite file. Prints the figures beside the
targets. Timings depend on the machine's load: say so when quoting them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import secrets
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from link_proxy import LinkProxy, LinkStats  # noqa: E402
from workload_import import WORKLOAD, load  # noqa: E402

from fieldapp import search  # noqa: E402
from fieldapp.db import Database  # noqa: E402
from fieldapp.models import Attendance, Distribution  # noqa: E402
from fieldapp.rules import parse_item  # noqa: E402
from fieldapp.services import conflicts, enrollment, events, replication, volunteers  # noqa: E402
from fieldapp.services.bulk import import_households  # noqa: E402
from fieldapp.services.setup import initialise  # noqa: E402
from sync import changes, engine  # noqa: E402
from sync.client import HQClient  # noqa: E402
from sync.run import SyncSummary  # noqa: E402

DEVICE_A, DEVICE_B, DEVICE_C = "KHB1", "KHB2", "KHB3"  # the workload's receipts are KHB1-2027-NNNNN
TARGET_BYTES = 100  # per record, each direction
TARGET_S, TARGET_LOSSY_S = 60.0, 120.0  # push + pull of the 10,000 records
TARGET_NOOP_TRIPS, TARGET_NOOP_BYTES = 2, 2048
TARGET_APPLY = 5000  # rows/s
KIT = parse_item("KIT:Kit alimentaire:1:ar=سلة غذائية")
MILK = parse_item("MILK:Lait infantile:2:only=infant:ar=حليب الرضع")
LINES = {item.code: {"code": item.code, "label": item.label, "label_ar": item.label_ar} for item in (KIT, MILK)}


# --- laptop A's records --------------------------------------------------------------------------------------------


@dataclass
class Loaded:
    records: int = 0  # workload records read
    rows: dict[str, int] = field(default_factory=dict)  # rows written per table
    journal: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def _when(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def load_laptop(db: Database, workload: Path) -> Loaded:
    """Every workload record into `db`, journaled as the app writes them; the workload's ids mapped to fieldapp's."""
    started = time.perf_counter()
    loaded = Loaded()
    raw = [json.loads(line) for line in workload.read_text(encoding="utf-8").splitlines() if line.strip()]
    loaded.records = len(raw)
    by_type: dict[str, list[dict]] = defaultdict(list)
    for record in raw:
        by_type[record["type"]].append(record)

    inputs, _sources, adjusted = load(workload)
    result = import_households(db, inputs)
    refused = {e.index for e in result.errors}
    kept = [h for n, h in enumerate(by_type["household"]) if n not in refused]
    household_of = {h["_id"]: new_id for h, new_id in zip(kept, result.household_ids, strict=True)}
    loaded.notes.append(f"households: mapping {dict(adjusted)}, {len(refused)} refused")

    volunteer_ids = sorted({r["volunteer_id"] for r in by_type["attendance"]} | {
        r["handed_out_by"] for r in by_type["distribution"] if r.get("handed_out_by")
    })  # fmt: skip
    volunteer_of = {}
    for n, workload_id in enumerate(volunteer_ids, start=1):
        made = volunteers.register_volunteer(db, f"Bénévole {n:02d}", phone=f"06{61000000 + n:08d}").value
        volunteer_of[workload_id] = (made.id, made.name)

    dates: dict[str, list[dt.datetime]] = defaultdict(list)
    for r in by_type["distribution"]:
        dates[r["event_id"]].append(_when(r["created_at"]))
    for r in by_type["attendance"]:
        dates[r["event_id"]] += [_when(r["check_in"]), _when(r["check_out"] or r["check_in"])]
    event_of = {}
    for n, workload_id in enumerate(sorted(dates, key=lambda e: min(dates[e])), start=1):
        start, end = min(dates[workload_id]).date(), max(dates[workload_id]).date()
        made = events.create_event(db, f"Distribution {n}", start, [KIT, MILK], ends_on=end, site="Khouribga").value
        event_of[workload_id] = made.id

    served: set[tuple[str, str]] = set()
    distributions = []
    for r in sorted(by_type["distribution"], key=lambda r: r["receipt"]):
        household_id = household_of.get(r["household_id"])
        if household_id is None:
            continue
        key = (event_of[r["event_id"]], household_id)
        volunteer_id, volunteer_name = volunteer_of.get(r.get("handed_out_by"), (None, None))
        items = [{**LINES[i["code"]], "quantity": i["qty"], "entitled": i["qty"]} for i in r.get("items") or []]
        distributions.append(
            dict(
                event_id=key[0],
                household_id=household_id,
                receipt=r["receipt"],
                items=items,
                collector_name=r.get("collector"),
                handed_out_by=volunteer_name,
                volunteer_id=volunteer_id,
                served_at=_when(r["created_at"]),
                # A household served twice at one event needs a reason at the desk (the workload has 63 such pairs).
                override_reason="Servi deux fois (donnée du banc d'essai)" if key in served else None,
            )
        )
        served.add(key)
    attendance = [
        dict(
            volunteer_id=volunteer_of[r["volunteer_id"]][0],
            event_id=event_of[r["event_id"]],
            check_in=_when(r["check_in"]),
            check_out=_when(r["check_out"]) if r.get("check_out") else None,
        )
        for r in by_type["attendance"]
    ]
    _insert(db, Distribution, distributions, reindex=True)
    _insert(db, Attendance, attendance)
    loaded.rows = _row_counts(db)
    loaded.journal = replication.last_journal_seq(db)
    loaded.seconds = time.perf_counter() - started
    return loaded


def _insert(db: Database, model, rows: list[dict], reindex: bool = False, batch: int = 500) -> None:
    """Rows through the unit of work (stamped and journaled like any write), 100 to a flush, `batch` to a commit."""
    for start in range(0, len(rows), batch):
        with db.write("bench") as uow:
            chunk = rows[start : start + batch]
            for at in range(0, len(chunk), 100):
                uow.session.add_all(model(**r) for r in chunk[at : at + 100])
                uow.session.flush()
            if reindex:  # receipts are searchable: the households served get their entries again
                conn = uow.session.connection()
                for household_id in sorted({r["household_id"] for r in chunk}):
                    search.index_household(conn, household_id)


def _row_counts(db: Database) -> dict[str, int]:
    with sqlite3.connect(db.path) as conn:
        return {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("households", "members", "volunteers", "events", "event_items", "distributions", "attendance")
        }


def copy_database(source: Database, target_dir: Path) -> Database:
    """A copy of a laptop's file (checkpointed first), opened as another laptop."""
    with sqlite3.connect(source.path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    target_dir.mkdir(parents=True)
    shutil.copyfile(source.path, target_dir / source.path.name)
    return Database(target_dir / source.path.name, target_dir / "backups")


# --- HQ ---------------------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class HQ:
    """`python -m hq.cli serve` on one database, and its administration command."""

    def __init__(self, db_url: str, log: Path) -> None:
        self.db_url, self.log = db_url, log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {k: v for k, v in os.environ.items() if k != "FIELDAPP_HQ_DB"}
        with open(log, "ab") as out:
            command = [sys.executable, "-m", "hq.cli", "serve", "--db", db_url, "--port", str(self.port)]
            self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"HQ exited at start, see {log}")
            try:
                request = urllib.request.Request(self.url + "/v1/hello", headers={"Fieldapp-Protocol": "1"})
                urllib.request.urlopen(request, timeout=1)  # noqa: S310
                return
            except urllib.error.HTTPError:
                return  # 401 without a token: HQ is up
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise SystemExit(f"HQ did not start, see {log}")

    def cli(self, *args: str) -> dict:
        command = [sys.executable, "-m", "hq.cli", "--db", self.db_url, *args, "--json"]
        proc = subprocess.run(command, cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=120)
        if proc.returncode:
            raise SystemExit(f"fieldapp-hq {' '.join(args)} failed: {proc.stderr.strip()}")
        return json.loads(proc.stdout)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Backend:
    """A fresh HQ database for each run: an SQLite file, or a database on the PostgreSQL server of --db."""

    def __init__(self, server_url: str | None, directory: Path) -> None:
        self.server_url, self.directory, self.made = server_url, directory, []

    def fresh(self, name: str) -> str:
        if not self.server_url:
            return f"sqlite:///{self.directory / (name + '.sqlite3')}"
        from sqlalchemy.engine import make_url

        url = make_url(self.server_url)
        database = f"fieldapp_bench_{secrets.token_hex(4)}"
        with self._admin() as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        self.made.append(database)
        return url.set(drivername="postgresql+psycopg", database=database).render_as_string(hide_password=False)

    def _admin(self):
        import psycopg
        from sqlalchemy.engine import make_url

        url = make_url(self.server_url)
        params = {"dbname": "postgres", "host": url.host, "port": url.port, "user": url.username}
        params["password"] = url.password
        return psycopg.connect(**{k: v for k, v in params.items() if v is not None}, autocommit=True)

    def drop(self) -> None:
        if self.made:
            with self._admin() as conn:
                for database in self.made:
                    conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


# --- one run over one link ----------------------------------------------------------------------------------------


@dataclass
class Leg:
    seconds: float
    stats: LinkStats
    summary: SyncSummary

    @property
    def payload(self) -> int:
        return self.stats.bytes_up + self.stats.bytes_down

    @property
    def wire(self) -> int:
        return self.stats.wire_bytes_up + self.stats.wire_bytes_down


@dataclass
class Run:
    name: str
    push: Leg
    pull: Leg
    noop_a: Leg
    noop_b: Leg
    pages: list[list] = field(default_factory=list)
    association_id: str = ""
    open_reviews: dict[str, int] = field(default_factory=dict)  # replica -> open review items (all must agree)


def _leg(proxy: LinkProxy, db: Database) -> Leg:
    proxy.reset_stats()
    started = time.perf_counter()
    summary = engine.sync_now(db)
    seconds = time.perf_counter() - started
    return Leg(seconds, proxy.stats(), summary)


def run_link(name: str, backend: Backend, source: Database, workdir: Path, link: dict, keep_pages: bool) -> Run:
    hq = HQ(backend.fresh(name), workdir / f"hq-{name}.log")
    laptops = []
    try:
        association = hq.cli("association", "add", f"Association Bench ({name})")["id"]
        with LinkProxy(f"127.0.0.1:{hq.port}", **link) as proxy:
            url = f"http://127.0.0.1:{proxy.port}"
            a = copy_database(source, workdir / f"{name}-a")
            b = Database(workdir / f"{name}-b" / "fieldapp.sqlite3", workdir / f"{name}-b" / "backups")
            laptops += [a, b]
            engine.enroll(a, url, hq.cli("enroll-code", "--association", association)["code"], device_code=DEVICE_A)
            engine.enroll(b, url, hq.cli("enroll-code", "--association", association)["code"], device_code=DEVICE_B)
            print(f"[{name}] pushing from A ...", flush=True)
            push = _leg(proxy, a)
            print(f"[{name}] push {push.seconds:.1f} s; pulling into B ...", flush=True)
            pull = _leg(proxy, b)
            print(f"[{name}] pull {pull.seconds:.1f} s", flush=True)
            noop_a, noop_b = _leg(proxy, a), _leg(proxy, b)
            if _row_counts(a) != _row_counts(b):
                raise SystemExit(f"[{name}] B does not hold what A holds: {_row_counts(a)} vs {_row_counts(b)}")
        run = Run(name, push, pull, noop_a, noop_b, association_id=association)
        run.open_reviews = {
            "A": len(conflicts.list_reviews(a)),
            "B": len(conflicts.list_reviews(b)),
            "HQ": len(hq.cli("conflicts", "--association", association, "--json")["reviews"]),
        }
        if keep_pages:
            run.pages = fetch_pages(hq.url, enrollment.sync_credentials(b).token)
        return run
    finally:
        for db in laptops:
            db.dispose()
        hq.stop()


def fetch_pages(url: str, token: str) -> list[list]:
    """Every page of the association's changes (straight from HQ, no shaping), as the client reads them."""
    client = HQClient(url, token)
    pages, cursor = [], 0
    try:
        while True:
            page = client.pull(cursor, 1000)
            pages.append(([changes.incoming(c) for c in page["changes"]], int(page["next"])))
            cursor = int(page["next"])
            if not page["more"]:
                return pages
    finally:
        client.close()


def apply_rate(pages: list, association_id: str, workdir: Path, rounds: int) -> list[tuple[float, float, int, list]]:
    """(seconds, CPU seconds, rows, per-page seconds) of applying every page into a fresh laptop, `rounds` times."""
    results = []
    for n in range(rounds):
        directory = workdir / f"apply-{n}"
        db = Database(directory / "fieldapp.sqlite3", directory / "backups")
        initialise(db, "Association Bench", DEVICE_C, operator="bench", association_id=association_id)
        per_page, cpu = [], 0.0
        for received, next_cursor in pages:
            started, started_cpu = time.perf_counter(), time.process_time()
            replication.apply_page(db, received, next_cursor)
            per_page.append(time.perf_counter() - started)
            cpu += time.process_time() - started_cpu
        results.append((sum(per_page), cpu, sum(len(p) for p, _ in pages), per_page))
        db.dispose()
    return results


# --- report ---------------------------------------------------------------------------------------------------------


def _mark(ok: bool) -> str:
    return "met" if ok else "MISSED"


def report_run(run: Run, records: int, target_s: float) -> None:
    changes_sent = run.push.summary.pushed
    print(f"\n== {run.name} ==")
    for label, leg, count in (("push (A)", run.push, changes_sent), ("pull (B)", run.pull, run.pull.summary.pulled)):
        s = leg.stats
        print(
            f"{label}: {leg.seconds:.1f} s, {leg.summary.round_trips} round trips, {s.connections} connection(s); "
            f"payload up {s.bytes_up:,} B, down {s.bytes_down:,} B; on the wire {leg.wire:,} B "
            f"({s.segments_up + s.segments_down:,} segments, {s.lost_up + s.lost_down} lost)"
        )
        print(
            f"  {leg.wire / records:.1f} wire bytes a workload record ({records:,}), "
            f"{leg.wire / count:.1f} a change ({count:,} changes), {leg.payload / count:.1f} payload bytes a change"
        )
    total = run.push.seconds + run.pull.seconds
    print(
        f"time: push {run.push.seconds:.1f} s + pull {run.pull.seconds:.1f} s = {total:.1f} s "
        f"(target <= {target_s:.0f} s: {_mark(total <= target_s)})"
    )
    agree = len(set(run.open_reviews.values())) == 1
    shown = ", ".join(f"{k} {v}" for k, v in run.open_reviews.items())
    print(f"open review items: {shown} (every replica the same: {_mark(agree)})")
    for label, leg in (("no-op sync of A", run.noop_a), ("no-op sync of B", run.noop_b)):
        print(
            f"{label}: {leg.summary.round_trips} round trip(s), {leg.payload:,} payload bytes, {leg.wire:,} on the "
            f"wire, {leg.seconds:.2f} s (target <= {TARGET_NOOP_TRIPS} and <= {TARGET_NOOP_BYTES} B: "
            f"{_mark(leg.summary.round_trips <= TARGET_NOOP_TRIPS and leg.wire <= TARGET_NOOP_BYTES)})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="PostgreSQL server URL for HQ (default: SQLite files)")
    parser.add_argument("--workload", type=Path, default=WORKLOAD)
    parser.add_argument("--kbit", type=float, default=256.0)
    parser.add_argument("--rtt-ms", type=float, default=600.0)
    parser.add_argument("--loss", type=float, default=0.02, help="loss of the second run (0: no second run)")
    parser.add_argument("--seed", type=int, default=1, help="the link's loss draws")
    parser.add_argument("--apply-rounds", type=int, default=5)
    parser.add_argument("--data-dir", type=Path, help="an empty directory (default: a new temporary one)")
    args = parser.parse_args()
    workdir = args.data_dir or Path(tempfile.mkdtemp(prefix="fieldapp-sync-link-"))
    workdir.mkdir(parents=True, exist_ok=True)
    if any(workdir.iterdir()):
        raise SystemExit(f"{workdir} is not empty")

    started_load = os.getloadavg()
    source = Database(workdir / "source" / "fieldapp.sqlite3", workdir / "source" / "backups")
    initialise(source, "Association Bench Khouribga", DEVICE_A, operator="bench")
    loaded = load_laptop(source, args.workload)
    print(f"laptop A: {loaded.records:,} workload records loaded in {loaded.seconds:.1f} s: {loaded.rows}, "
          f"{loaded.journal:,} journal rows; {'; '.join(loaded.notes)}")  # fmt: skip
    backend = Backend(args.db, workdir)
    links = [("clean", {"kbit": args.kbit, "rtt_ms": args.rtt_ms, "loss": 0.0, "seed": args.seed})]
    if args.loss:
        links.append((f"loss {args.loss:.0%}", {"kbit": args.kbit, "rtt_ms": args.rtt_ms, "loss": args.loss,
                                                "seed": args.seed}))  # fmt: skip
    runs = []
    try:
        for n, (name, link) in enumerate(links):
            runs.append(run_link(name.replace(" ", "").replace("%", "pc"), backend, source, workdir, link, n == 0))
            runs[-1].name = name
    finally:
        source.dispose()
        backend.drop()

    print(f"\nHQ on {'PostgreSQL' if args.db else 'SQLite'}; link {args.kbit:g} kbit/s, {args.rtt_ms:g} ms round trip")
    print(f"load average at the start {started_load[0]:.2f}, now {os.getloadavg()[0]:.2f} ({os.cpu_count()} CPUs)")
    for run in runs:
        report_run(run, loaded.records, TARGET_S if run.name == "clean" else TARGET_LOSSY_S)
    clean = runs[0]
    push_bytes, pull_bytes = clean.push.wire / loaded.records, clean.pull.wire / loaded.records
    push_change = clean.push.wire / clean.push.summary.pushed
    pull_change = clean.pull.wire / clean.pull.summary.pulled
    print(
        f"\nbytes a record on the wire (target <= {TARGET_BYTES}): push {push_bytes:.1f} a workload record / "
        f"{push_change:.1f} a change: {_mark(push_change <= TARGET_BYTES)}; pull {pull_bytes:.1f} / "
        f"{pull_change:.1f}: {_mark(pull_change <= TARGET_BYTES)}  (PouchDB->CouchDB: 517 push, 263 pull)"
    )
    pages = clean.pages
    if pages:
        results = apply_rate(pages, clean.association_id, workdir, args.apply_rounds)
        rates = [rows / seconds for seconds, _, rows, _ in results]
        cpu_rates = [rows / cpu for _, cpu, rows, _ in results]
        per_page = [s * 1000 for _, _, _, p in results for s in p]
        rows = results[0][2]
        print(
            f"client apply: {rows:,} changes in {len(pages)} pages into a fresh SQLite file, {args.apply_rounds} "
            f"rounds: {', '.join(f'{r:,.0f}' for r in rates)} rows/s (median {statistics.median(rates):,.0f}, best "
            f"{max(rates):,.0f}; page p50 {statistics.median(per_page):.0f} ms, max {max(per_page):.0f} ms; "
            f"per CPU second {statistics.median(cpu_rates):,.0f}) "
            f"(target >= {TARGET_APPLY:,}: {_mark(statistics.median(rates) >= TARGET_APPLY)} on the median)"
        )
    print(f"(data and HQ logs in {workdir})")


if __name__ == "__main__":
    main()
