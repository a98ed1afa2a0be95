"""Hostile sync benchmark: more seeds of tests/sync/test_sync_hostile.py's run against a real HQ; prints numbers.

    .venv/bin/python bench/hostile_sync.py [--seeds 10] [--steps 200] [--seed N] [--db postgresql+psycopg://...]

Each seed: association A (laptops A1, A2 and a hostile device ATK on raw HTTP) and association B (laptops B1, B2) on
one fresh HQ (SQLite by default; --db names a PostgreSQL server URL, FIELDAPP_TEST_PG_URL's form, on which a fresh
database is made per seed), `--steps` random steps, clean syncs, then every check of the test. Prints per seed the
time, the hostile's refusals by reason and HQ's answers by status; a failing seed is printed with its replay line,
and the exit status is 1 when any failed.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "sync"), str(ROOT / "tests" / "hq"), str(ROOT / "tests")]

from hq_server import HQServer  # noqa: E402
from test_sync_hostile import run  # noqa: E402


def _database(server_url: str | None, directory: Path, n: int) -> tuple[str, str, object]:
    """(URL, backend, a function dropping it) of a fresh HQ database."""
    if not server_url:
        return f"sqlite:///{directory / 'hq.sqlite3'}", "sqlite", lambda: None
    import sqlalchemy as sa

    name = f"fieldapp_hostile_{int(time.time())}_{n}"
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")

    def drop() -> None:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()

    return sa.engine.make_url(server_url).set(database=name).render_as_string(hide_password=False), "postgresql", drop


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10, help="how many random seeds (default 10)")
    parser.add_argument("--seed", type=int, action="append", help="run this seed (repeatable) instead")
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--db", help="a PostgreSQL server URL (default: HQ on SQLite)")
    args = parser.parse_args()
    seeds = args.seed or [random.randrange(2**31) for _ in range(args.seeds)]
    reasons, statuses, failed = Counter(), Counter(), []
    started = time.monotonic()
    for n, seed in enumerate(seeds):
        with tempfile.TemporaryDirectory(prefix="fieldapp-hostile-") as tmp:
            directory = Path(tmp)
            url, backend, drop = _database(args.db, directory, n)
            hq = HQServer(url, backend, directory)
            hq.start()
            try:
                result = run(hq, directory, seed, args.steps)
            finally:
                hq.stop()
                drop()
        reasons.update(result.reasons)
        statuses.update(result.statuses)
        print(
            f"seed {seed:>10} on {backend}: {result.seconds:6.1f} s  {'FAILED' if result.failure else 'ok'}  "
            f"refused {dict(sorted(result.reasons.items()))}  HQ answered {dict(sorted(result.statuses.items()))}  "
            f"B's double servings {result.b_reviews} ({result.shared_keys} under a key A made too)",
            flush=True,
        )
        if result.failure:
            failed.append(result.failure)
    total = time.monotonic() - started
    print(f"\n{len(seeds)} seeds × {args.steps} steps in {total:.1f} s ({total / len(seeds):.1f} s a seed)")
    print(f"hostile changes refused by reason: {dict(sorted(reasons.items()))} (total {sum(reasons.values())})")
    print(f"HQ's answers to the hostile device by status: {dict(sorted(statuses.items()))}")
    print(f"failed seeds: {len(failed)}")
    for failure in failed:
        print("\n" + failure)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
