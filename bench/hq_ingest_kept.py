"""HQ ingest rate with the dashboard figures and the cross-serving upkeep kept, against the ingest without them.

    .venv/bin/python bench/hq_ingest_kept.py [--db postgresql+psycopg://...] [--reuse NAME] [--pairs 3]

In process, on PostgreSQL: 10,000 changes of ../shared/bench/workload-10k.jsonl (bench/hq_figures.py's mix:
households, distributions, attendance, members, 10 % of household edits) applied by hq.ingest.apply in batches of
500, one transaction each, into a new association each run. "without" replaces hq.figures_ingest.apply and
hq.cross_keys.after_batch by no-ops (the ingest before issue 16); "with" keeps both. Runs alternate (without, with,
without, with, …) so that a busy machine weighs on both alike; the medians and their difference are printed. Into an
empty database, and into a database seeded by `bench/hq_figures.py --keep` (--reuse NAME: 2,000,000 distributions).
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
from hq import cross_keys, figures_ingest, ingest  # noqa: E402
from hq import schema as s  # noqa: E402
from hq.db import Database  # noqa: E402

PARTS = ("figures", "cross")


def rate(db: Database, kept: bool, changes: list[dict], parts: tuple[str, ...] = PARTS) -> float:
    """Changes per second through hq.ingest.apply for a new association, with or without the figures and upkeep
    (`parts`: what "with" keeps; "figures" alone is the dashboard's aggregates, "cross" the double-serving upkeep)."""
    figures, cross = figures_ingest.apply, cross_keys.after_batch
    if not kept or "figures" not in parts:
        ingest.figures_ingest.apply = lambda *args: None
    if not kept or "cross" not in parts:
        ingest.cross_keys.after_batch = lambda *args: None
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
        ingest.figures_ingest.apply, ingest.cross_keys.after_batch = figures, cross


def compare(db: Database, label: str, pairs: int, parts: tuple[str, ...] = PARTS) -> str:
    order = {"household": 0, "distribution": 1, "attendance": 2}
    workload = sorted(hq_ingest.load_workload(), key=lambda record: order.get(record["type"], 3))
    rates: dict[bool, list[float]] = {False: [], True: []}
    for run, kept in enumerate((False, True) * pairs):
        changes = hq_ingest.device_changes(workload, run, 10_000, "BENCH", 0.1)
        rates[kept].append(rate(db, kept, changes, parts))
        load = os.getloadavg()[0]
        print(f"{label}: {'with' if kept else 'without'} {rates[kept][-1]:.0f} changes/s (load {load:.1f})", flush=True)
    off, on = statistics.median(rates[False]), statistics.median(rates[True])
    runs = " · ".join(f"{a:.0f} / {b:.0f}" for a, b in zip(rates[False], rates[True], strict=True))
    return f"| {label} | {runs} | {off:.0f} | {on:.0f} | {100 * (on - off) / off:+.1f} % |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--db", help="a PostgreSQL server URL (default: FIELDAPP_TEST_PG_URL, else scripts/postgres.sh)"
    )
    parser.add_argument("--reuse", metavar="NAME", help="also measure on this seeded database (bench/hq_figures.py)")
    parser.add_argument("--pairs", type=int, default=3, help="without/with pairs per database")
    parser.add_argument("--no-empty", action="store_true", help="measure the seeded database only")
    parser.add_argument("--only", choices=PARTS, help='"with" keeps only the figures, or only the cross-serving upkeep')
    args = parser.parse_args()
    os.environ.setdefault(
        "FIELDAPP_HQ_MATCH_KEY_FILE", str(Path(tempfile.gettempdir()) / f"fieldapp-bench-{os.getuid()}.key")
    )
    server = hq_figures.server_url(args.db)
    parts = (args.only,) if args.only else PARTS
    lines = [
        "| database | runs without / with (changes/s) | median without | median with | change |",
        "|---|---|---:|---:|---:|",
    ]
    fresh_url, fresh_name = hq_ingest.fresh_database(server)
    try:
        if not args.no_empty:
            fresh = Database.open(fresh_url, pool_size=2)
            lines.append(compare(fresh, "empty", args.pairs, parts))
            fresh.dispose()
        if args.reuse:
            url = hq_ingest.make_url(server).set(database=args.reuse).render_as_string(hide_password=False)
            seeded = Database.open(url, pool_size=2)
            lines.append(compare(seeded, "seeded", args.pairs, parts))
            seeded.dispose()
    finally:
        hq_figures.drop(server, fresh_name)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
