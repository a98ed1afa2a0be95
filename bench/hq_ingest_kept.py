"""HQ ingest rate with the dashboard figures kept, against the ingest without them; and the rate at which
cross-association matching then catches up with what was pushed.

    .venv/bin/python bench/hq_ingest_kept.py [--db postgresql+psycopg://...] [--reuse NAME] [--pairs 3]

In process, on PostgreSQL: 10,000 changes of ../shared/bench/workload-10k.jsonl (bench/hq_figures.py's mix:
households, distributions, attendance, members, 10 % of household edits) applied by hq.ingest.apply in batches of
500, one transaction each, into a new association each run. "without" replaces hq.figures_ingest.apply by a no-op
(the ingest before issue 16: cross-association matching is not in the push's transaction, hq.cross_catchup); "with"
keeps it. After each run, hq.cross_catchup.catch_up matches the run's changes, timed apart. Runs alternate (without,
with, without, with, …) so that a busy machine weighs on both alike; the medians and their difference are printed.
Into an empty database, and into a database seeded by `bench/hq_figures.py --keep` (--reuse NAME: 2,000,000
distributions).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import hq_figures  # noqa: E402
import hq_ingest  # noqa: E402

from fieldapp.ids import uuid7  # noqa: E402
from hq import cross_catchup, figures_ingest, ingest  # noqa: E402
from hq import schema as s  # noqa: E402
from hq.db import Database  # noqa: E402


def rate(db: Database, kept: bool, changes: list[dict]) -> tuple[float, float]:
    """(changes per second through hq.ingest.apply for a new association, with or without the figures; changes per
    second matched afterwards by hq.cross_catchup)."""
    figures = figures_ingest.apply
    if not kept:
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
        pushed = time.perf_counter()
    finally:
        ingest.figures_ingest.apply = figures
    matched = cross_catchup.catch_up(db)
    return len(changes) / (pushed - began), matched / (time.perf_counter() - pushed)


def compare(db: Database, label: str, pairs: int) -> str:
    order = {"household": 0, "distribution": 1, "attendance": 2}
    workload = sorted(hq_ingest.load_workload(), key=lambda record: order.get(record["type"], 3))
    cross_catchup.catch_up(db)  # what an earlier run left is not this one's
    rates: dict[bool, list[float]] = {False: [], True: []}
    matching: list[float] = []
    for run, kept in enumerate((False, True) * pairs):
        changes = hq_ingest.device_changes(workload, run, 10_000, "BENCH", 0.1)
        pushed, matched = rate(db, kept, changes)
        rates[kept].append(pushed)
        matching.append(matched)
        load = os.getloadavg()[0]
        print(f"{label}: {'with' if kept else 'without'} {pushed:.0f} changes/s, matched after at {matched:.0f} "
              f"changes/s (load {load:.1f})", flush=True)  # fmt: skip
    off, on = statistics.median(rates[False]), statistics.median(rates[True])
    runs = " · ".join(f"{a:.0f} / {b:.0f}" for a, b in zip(rates[False], rates[True], strict=True))
    change = 100 * (on - off) / off
    return f"| {label} | {runs} | {off:.0f} | {on:.0f} | {change:+.1f} % | {statistics.median(matching):.0f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--db", help="a PostgreSQL server URL (default: FIELDAPP_TEST_PG_URL, else scripts/postgres.sh)"
    )
    parser.add_argument("--reuse", metavar="NAME", help="also measure on this seeded database (bench/hq_figures.py)")
    parser.add_argument("--pairs", type=int, default=3, help="without/with pairs per database")
    parser.add_argument("--no-empty", action="store_true", help="measure the seeded database only")
    args = parser.parse_args()
    os.environ.setdefault(
        "FIELDAPP_HQ_MATCH_KEY_FILE", str(Path(tempfile.gettempdir()) / f"fieldapp-bench-{os.getuid()}.key")
    )
    server = hq_figures.server_url(args.db)
    lines = [
        "| database | runs without / with (changes/s) | median without | median with | change | matched after "
        "(changes/s, median) |",
        "|---|---|---:|---:|---:|---:|",
    ]
    fresh_url, fresh_name = hq_ingest.fresh_database(server)
    try:
        if not args.no_empty:
            fresh = Database.open(fresh_url, pool_size=2)
            lines.append(compare(fresh, "empty", args.pairs))
            fresh.dispose()
        if args.reuse:
            url = hq_ingest.make_url(server).set(database=args.reuse).render_as_string(hide_password=False)
            seeded = Database.open(url, pool_size=2)
            lines.append(compare(seeded, "seeded", args.pairs))
            seeded.dispose()
    finally:
        hq_figures.drop(server, fresh_name)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
