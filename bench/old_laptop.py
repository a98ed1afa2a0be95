"""Old laptop profile (issue 14): launch, desk search, a distribution with its receipt, a 1,000-household sign-off
sheet and a sync of the shared workload, each run unlimited and inside a cgroup of 40 % of one core and 3 GB.

    sudo .venv/bin/python bench/old_laptop.py [--households 10000] [--no-disk-limit] [--data-dir DIR]

Needs root (it creates a cgroup: v2 `cpu.max` / `memory.max` where available, v1 otherwise) and stops if it cannot.
Every folder is set up as the app sets one up since issue 13 (accounts, SQLCipher). Each measurement runs in a child
process, moved into the cgroup before it starts for the limited run; HQ runs unlimited. Prints each figure beside
its target.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(BENCH)]

from cgroup_limit import Cgroup, CgroupUnavailable, Limits  # noqa: E402
from seed_and_search import make_households, percentiles, query_kinds, timed  # noqa: E402

USER, PASSWORD = "Samira", "banc-vieux-portable"
TARGETS = {"launch": 3.0, "search": 150.0, "receipt": 300.0, "sheet": 20.0}  # s, ms p95, ms p95, s
PRIORITY = 8192  # cpu.shares of the limited group: it gets its 40 % while others load the machine (1024 for them)
DISK = {"read_bps": 80 * 2**20, "write_bps": 40 * 2**20, "read_iops": 150, "write_iops": 100}  # a laptop hard disk


def peak_rss_mb() -> float:
    """This process's peak resident memory since its exec (VmHWM; ru_maxrss would count the forking parent's)."""
    status = Path("/proc/self/status").read_text()
    line = next((line for line in status.splitlines() if line.startswith("VmHWM:")), None)
    return int(line.split()[1]) / 1024 if line else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _database(folder: Path):
    from fieldapp.services import accounts

    return accounts.login(folder, USER, PASSWORD)


# --- what each child process measures (one JSON answer on its last line) ---------------------------------------------


def child_login(folder: str, runs: int) -> dict:
    from desktop import login_timings

    timings = login_timings(Path(folder), runs, USER, PASSWORD)
    return {"median": statistics.median(timings), "best": timings[0], "worst": timings[-1]}


def child_search(folder: str, queries: dict[str, list[str]]) -> dict:
    from fieldapp.services.households import search_households

    db = _database(Path(folder))
    kinds, pooled = {}, []
    for kind, typed in queries.items():
        samples = timed(lambda q: search_households(db, q, limit=20), typed)
        kinds[kind] = percentiles(samples)
        pooled += samples
    db.dispose()
    return {"kinds": kinds, "all": percentiles(pooled), "n": len(pooled)}


def child_receipt(folder: str, households: list[str], mode: str) -> dict:
    from printing import COLLECTORS, ITEMS

    from fieldapp.printing import fonts
    from fieldapp.rules import parse_item
    from fieldapp.services.distributions import record_distribution
    from fieldapp.services.events import create_event
    from fieldapp.services.receipts import write_receipt

    db = _database(Path(folder))
    event = create_event(db, f"Ramadan 2027 ({mode})", "2027-02-18", [parse_item(i) for i in ITEMS]).value
    started = time.perf_counter()
    fonts.register()  # as the window does in the background once it is usable (ui/shell/app.py)
    fonts_s = time.perf_counter() - started
    rng, path = random.Random(mode), Path(folder) / f"receipt-{mode}.pdf"
    totals, commits, cpu, first = [], [], [], 0.0
    for n, household_id in enumerate(households):
        collector = rng.choice(COLLECTORS) if rng.random() < 0.2 else None
        started, started_cpu = time.perf_counter(), time.process_time()
        receipt = record_distribution(db, event.id, household_id, collector=collector).value.receipt
        committed = time.perf_counter()
        write_receipt(db, receipt, path)  # the association's format (A6 by default)
        done = time.perf_counter()
        if n == 0:
            first = done - started  # the first of the day: modules imported, caches empty
            continue
        totals.append(done - started)
        commits.append(committed - started)
        cpu.append(time.process_time() - started_cpu)
    db.dispose()
    return {"first": first, "fonts": fonts_s, "all": percentiles(totals), "commit": percentiles(commits),
            "cpu": percentiles(cpu), "n": len(totals)}  # fmt: skip


def child_sheet(folder: str, mode: str) -> dict:
    from printing import ITEMS, pdf_pages

    from fieldapp.rules import parse_item
    from fieldapp.services.events import create_event
    from fieldapp.services.sheets import write_signoff_sheet

    db = _database(Path(folder))
    event = create_event(db, f"Printemps 2027 ({mode})", "2027-04-10", [parse_item(i) for i in ITEMS]).value
    path, runs, cpu = Path(folder) / f"signoff-{mode}.pdf", [], []
    for _ in range(2):  # the first in this process (fonts, modules), then again
        started, started_cpu = time.perf_counter(), time.process_time()
        summary = write_signoff_sheet(db, event.id, path, sort="name")
        runs.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    db.dispose()
    return {"runs": runs, "cpu": cpu, "rows": summary.rows, "pages": pdf_pages(path), "kib": path.stat().st_size / 1024}


def child_sync(folder_a: str, folder_b: str, url: str, code_a: str, code_b: str) -> dict:
    from sync import engine

    result = {}
    for name, folder, code, device in (("push", folder_a, code_a, "KHB1"), ("pull", folder_b, code_b, "KHB2")):
        db = _database(Path(folder))
        engine.enroll(db, url, code, device_code=device)
        started, started_cpu = time.perf_counter(), time.process_time()
        summary = engine.sync_now(db)
        result[name] = time.perf_counter() - started
        result[f"{name}_cpu"] = time.process_time() - started_cpu
        result[f"{name}_changes"] = summary.pushed if name == "push" else summary.pulled
        result[f"{name}_trips"] = summary.round_trips
        db.dispose()
    return result


CHILDREN = {"login": child_login, "search": child_search, "receipt": child_receipt, "sheet": child_sheet,
            "sync": child_sync}  # fmt: skip


def run_child(kind: str, params: dict, group: Cgroup | None) -> dict:
    """`kind` measured in a new process, inside `group` when given (it moves itself in before running anything)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, __file__, "--child", kind, json.dumps(params)]
    started = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, env=env, preexec_fn=group.enter if group else None)
    if proc.returncode or not proc.stdout.strip():
        sys.exit(f"{kind} ({'limited' if group else 'unlimited'}) failed:\n{proc.stderr[-3000:]}")
    answer = json.loads(proc.stdout.strip().splitlines()[-1])
    answer["process_s"] = time.perf_counter() - started
    return answer


# --- the launch, as bench/desktop.py measures it -------------------------------------------------------------------


def launch(folder: Path, installed: Path, runs: int, group: Cgroup | None) -> dict:
    """Medians from spawn: the interpreter alone, a bare PySide6 window, fieldapp's login screen usable."""
    from desktop import BARE, PYTHON, _run

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FIELDAPP_TIMING": "1", "FIELDAPP_EXIT_AFTER_MS": "0"}
    prefix = group.shell_prefix() if group else []
    app = [*prefix, sys.executable, "-m", "fieldapp", "--data-dir", str(folder), "app"]
    rounds: dict[str, list[dict]] = {"python": [], "bare": [], "app": []}
    for _ in range(runs):
        rounds["python"].append(_run([*prefix, sys.executable, "-c", PYTHON], env))
        rounds["bare"].append(_run([*prefix, sys.executable, "-c", BARE], env))
        rounds["app"].append(_run(app, env, cwd=installed))
    result = {name: statistics.median(r["usable"] for r in values) for name, values in rounds.items()}
    result["steps"] = {
        mark: statistics.median(r[mark] for r in rounds["app"]) for mark in ("run-app", "checked", "qt", "built")
        if all(mark in r for r in rounds["app"])
    }  # fmt: skip
    result["rss_mb"] = max(r["rss_mb"] for r in rounds["app"])
    return result


# --- set-up (unlimited, not timed) -----------------------------------------------------------------------------------


def secured_folder(folder: Path, households: int, seed: int):
    """A folder as after `fieldapp init --user`: accounts, an encrypted database, `households` seeded."""
    from fieldapp import encryption
    from fieldapp.services import accounts
    from fieldapp.services.bulk import import_households
    from fieldapp.services.setup import initialise

    db = accounts.create_first_coordinator(folder, USER, PASSWORD).db
    initialise(db, "Association Bench Khouribga", "KHB9", operator="bench")
    records = make_households(households, random.Random(seed))
    ids = import_households(db, records).household_ids
    path, key = db.path, db.key
    db.dispose()
    with contextlib.closing(encryption.connect(path, key)) as conn:  # as a record registered long ago: WAL folded in
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return records, ids


def sync_laptop(folder: Path, workload: Path) -> dict:
    """Laptop A with the whole workload (as bench/sync_link.py loads it), then secured (converted to SQLCipher)."""
    from sync_link import DEVICE_A, load_laptop

    from fieldapp.db import Database
    from fieldapp.services import accounts
    from fieldapp.services.setup import initialise

    plain = Database(folder / "fieldapp.sqlite3", folder / "backups")
    initialise(plain, "Association Bench Khouribga", DEVICE_A, operator="bench")
    loaded = load_laptop(plain, workload)
    plain.dispose()
    accounts.create_first_coordinator(folder, USER, PASSWORD).db.dispose()
    return {"records": loaded.records, "journal": loaded.journal}


def sync_run(source: Path, work: Path, mode: str, group: Cgroup | None) -> dict:
    """A fresh HQ (unlimited, SQLite), a copy of laptop A and an empty laptop B; push then pull in the child."""
    from sync_link import HQ

    from fieldapp.services import accounts

    hq = HQ(f"sqlite:///{work / f'hq-{mode}.sqlite3'}", work / f"hq-{mode}.log")
    try:
        association = hq.cli("association", "add", f"Association Bench ({mode})")["id"]
        codes = [hq.cli("enroll-code", "--association", association)["code"] for _ in range(2)]
        shutil.copytree(source, work / f"sync-{mode}-a", ignore=shutil.ignore_patterns("backups"))
        accounts.create_first_coordinator(work / f"sync-{mode}-b", USER, PASSWORD).db.dispose()
        params = [str(work / f"sync-{mode}-a"), str(work / f"sync-{mode}-b"), hq.url, *codes]
        return run_child("sync", {"args": params}, group)
    finally:
        hq.stop()


# --- report ---------------------------------------------------------------------------------------------------------


def _verdict(value: float, target: float) -> str:
    return "met" if value <= target else "MISSED"


def _figure(value: float | list[float]) -> str:
    if isinstance(value, list):
        return " ".join(_figure(v) for v in value)
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def report(results: dict[str, dict], limits: Limits, notes: list[str]) -> None:
    free, limited = results["unlimited"], results["limited"]
    print(f"\nlimits: {limits.describe()}")
    for note in notes:
        print(f"  {note}")
    row = "{:<52}{:>12}{:>12}{:>10}  {}"
    print("\n" + row.format("figure", "unlimited", "limited", "target", "limited vs target"))
    lines = [
        ("launch: login screen usable, s (installed copy)", lambda r: r["launch"]["app"], TARGETS["launch"]),
        ("  bare PySide6 window, s", lambda r: r["launch"]["bare"], None),
        ("  Python interpreter alone, s", lambda r: r["launch"]["python"], None),
        ("login -> desk usable, s (median)", lambda r: r["login"]["median"], TARGETS["launch"]),
        ("search p50, ms (all kinds)", lambda r: r["search"]["all"][0], None),
        ("search p95, ms (all kinds)", lambda r: r["search"]["all"][1], TARGETS["search"]),
        ("search p95, ms (worst kind)", lambda r: max(k[1] for k in r["search"]["kinds"].values()), TARGETS["search"]),
        ("distribution + receipt p50, ms", lambda r: r["receipt"]["all"][0], None),
        ("distribution + receipt p95, ms", lambda r: r["receipt"]["all"][1], TARGETS["receipt"]),
        ("  of which the commit, p95, ms", lambda r: r["receipt"]["commit"][1], None),
        ("  the first of the process (fonts read), ms", lambda r: r["receipt"]["first"] * 1000, TARGETS["receipt"]),
        ("  the paper's fonts read before it, ms", lambda r: r["receipt"]["fonts"] * 1000, None),
        ("  CPU time p95, ms", lambda r: r["receipt"]["cpu"][1], None),
        ("sign-off sheet 1,000 households, first, s", lambda r: r["sheet"]["runs"][0], TARGETS["sheet"]),
        ("sign-off sheet 1,000 households, again, s", lambda r: r["sheet"]["runs"][1], TARGETS["sheet"]),
        ("  CPU time, first and again, s", lambda r: r["sheet"]["cpu"], None),
        ("sync push (laptop A), s", lambda r: r["sync"]["push"], None),
        ("sync pull (laptop B), s", lambda r: r["sync"]["pull"], None),
        ("  laptop CPU time, push and pull, s", lambda r: [r["sync"]["push_cpu"], r["sync"]["pull_cpu"]], None),
    ]
    for label, value, target in lines:
        a, b = value(free), value(limited)
        verdict = _verdict(b, target) if target else ""
        print(row.format(label, _figure(a), _figure(b), f"<= {target:g}" if target else "", verdict))
    print("\nsearch p50 / p95 by kind, ms (unlimited | limited):")
    for kind, (p50, p95, _) in free["search"]["kinds"].items():
        lp50, lp95, _ = limited["search"]["kinds"][kind]
        print(f"  {kind:<24}{p50:8.1f}{p95:8.1f}  |{lp50:8.1f}{lp95:8.1f}")
    for mode in ("unlimited", "limited"):
        r = results[mode]
        steps = ", ".join(f"{k} {v:.3f}" for k, v in r["launch"]["steps"].items())
        print(f"{mode}: peak RSS launch {r['launch']['rss_mb']:.0f} MB, search {r['search']['rss_mb']:.0f}, receipt "
              f"{r['receipt']['rss_mb']:.0f}, sheet {r['sheet']['rss_mb']:.0f}, sync {r['sync']['rss_mb']:.0f} MB; "
              f"launch steps (s from spawn) {steps}")  # fmt: skip
    s = free["sheet"]
    print(f"sheet: {s['rows']:,} rows, {s['pages']} pages, {s['kib']:.0f} KiB; sync: "
          f"{free['sync']['push_changes']:,} changes pushed, {free['sync']['pull_changes']:,} pulled "
          f"({free['sync']['push_trips']} + {free['sync']['pull_trips']} round trips)")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=10_000, help="households on the desk's database")
    parser.add_argument("--queries", type=int, default=200, help="queries of each search kind")
    parser.add_argument("--receipts", type=int, default=200, help="distributions with their receipt, timed")
    parser.add_argument("--launch-runs", type=int, default=7)
    parser.add_argument("--login-runs", type=int, default=3)
    parser.add_argument("--workload", type=Path, default=Path("/work/shared/bench/workload-10k.jsonl"))
    parser.add_argument("--no-disk-limit", action="store_true", help="CPU and memory only")
    parser.add_argument("--cpu-period-us", type=int, default=100_000, help="the quota's period (40 %% of it each)")
    parser.add_argument("--no-priority", action="store_true", help="leave the limited group's cpu.shares at the "
                        "default: it then shares the CPU with other work as well as being capped")  # fmt: skip
    parser.add_argument("--data-dir", type=Path, help="an empty directory (default: a new temporary one)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, params = args.child[0], json.loads(args.child[1])
        answer = CHILDREN[kind](*params.get("args", []), **params.get("kwargs", {}))
        answer["rss_mb"] = peak_rss_mb()
        print(json.dumps(answer))
        return 0

    disk = None if args.no_disk_limit else os.stat(tempfile.gettempdir() if not args.data_dir else args.data_dir)
    device = f"{os.major(disk.st_dev)}:{os.minor(disk.st_dev)}" if disk else None
    limits = Limits(
        cpu_quota_us=args.cpu_period_us * 2 // 5,
        cpu_period_us=args.cpu_period_us,
        cpu_shares=0 if args.no_priority else PRIORITY,
        disk_device=device,
        **(DISK if device else {}),
    )
    try:
        group = Cgroup.create(f"fieldapp-old-laptop-{os.getpid()}", limits)
    except CgroupUnavailable as error:
        print(f"old laptop profile: cannot limit the measurements ({error}); nothing measured.", file=sys.stderr)
        return 2
    try:
        return measure(args, group, limits)
    finally:
        group.remove()


def measure(args: argparse.Namespace, group: Cgroup, limits: Limits) -> int:
    from desktop import installed_copy

    work = args.data_dir or Path(tempfile.mkdtemp(prefix="fieldapp-old-laptop-"))
    work.mkdir(parents=True, exist_ok=True)
    if any(work.iterdir()):
        sys.exit(f"{work} is not empty")
    os.environ["FIELDAPP_USER"], os.environ["FIELDAPP_PASSWORD"] = USER, PASSWORD
    print(f"data: {work}; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}; cgroup v{group.version}",
          flush=True)  # fmt: skip
    started = time.perf_counter()
    records, desk_ids = secured_folder(work / "desk", args.households, args.seed)
    queries = query_kinds(records, random.Random(args.seed + 1), args.queries)
    _, print_ids = secured_folder(work / "print", 1000, args.seed + 2)
    loaded = sync_laptop(work / "sync-source", args.workload)
    installed = installed_copy(work / "installed")
    print(f"set up in {time.perf_counter() - started:.0f} s: desk {len(desk_ids):,} households, sheet "
          f"{len(print_ids):,}, laptop A {loaded['records']:,} workload records ({loaded['journal']:,} journal rows)",
          flush=True)  # fmt: skip
    served = random.Random(args.seed + 3).sample(desk_ids, 2 * (args.receipts + 1))
    results: dict[str, dict] = {"unlimited": {}, "limited": {}}
    loads = [os.getloadavg()[0]]
    steps = [
        ("launch", lambda mode, g: launch(work / "desk", installed, args.launch_runs, g)),
        ("login", lambda mode, g: run_child("login", {"args": [str(work / "desk"), args.login_runs]}, g)),
        ("search", lambda mode, g: run_child("search", {"args": [str(work / "desk"), queries]}, g)),
        ("receipt", lambda mode, g: run_child("receipt", {"args": [
            str(work / "desk"), served[: args.receipts + 1] if g is None else served[args.receipts + 1 :], mode]}, g)),
        ("sheet", lambda mode, g: run_child("sheet", {"args": [str(work / "print"), mode]}, g)),
        ("sync", lambda mode, g: sync_run(work / "sync-source", work, mode, g)),
    ]  # fmt: skip
    for name, step in steps:
        for mode, g in (("unlimited", None), ("limited", group)):
            began = time.perf_counter()
            results[mode][name] = step(mode, g)
            print(f"  {name} ({mode}) done in {time.perf_counter() - began:.0f} s, load {os.getloadavg()[0]:.2f}",
                  flush=True)  # fmt: skip
            loads.append(os.getloadavg()[0])
    report(results, limits, group.notes)
    print(f"load average (1 min) during the run: {min(loads):.2f}-{max(loads):.2f} on {os.cpu_count()} CPUs; "
          f"total {time.perf_counter() - started:.0f} s")  # fmt: skip
    (work / "results.json").write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
