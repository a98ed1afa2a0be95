"""Export 150,000 households to XLSX (target ≤ 30 s, ≤ 500 MB), beside the CSV export of the same rows (the reference),
each in a child process of its own so that its peak memory is the export's; numbers printed, not asserted.

python bench/export.py                          # seeds 150,000 households first (about 2 minutes), then exports
python bench/export.py --seeded DIR             # DIR holds a fieldapp.sqlite3 seeded by this script, by
                                                # bench/seed_and_search.py or by `python bench/export.py --keep DIR`
python bench/export.py --keep DIR               # seed into DIR and keep it for the next runs
python bench/export.py --seeded DIR --encrypted # on an encrypted copy (SQLCipher, as a laptop holds it)

The record is copied first (an export writes its audit entry). Each child prints its time, its peak resident memory
(ru_maxrss) and what it held before the export started (the Python, SQLAlchemy and fieldapp imports).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

DATABASE = "fieldapp.sqlite3"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def child(database: Path, fmt: str, out: Path, flag: str | None, key: bytes | None) -> None:
    """Runs in the child process: one export, then its numbers as one JSON line."""
    from fieldapp import i18n
    from fieldapp.db import Database
    from fieldapp.services.export import export_records
    from fieldapp.services.household_query import HouseholdQuery

    i18n.set_language("fr")
    db = Database(database, database.parent / "backups", key=key)
    with db.read() as session:  # the connection opened and the schema checked before the clock starts
        session.connection()
    before = peak_mb()
    started = time.perf_counter()
    query = HouseholdQuery(flag=flag) if flag else None
    rows = export_records(db, "households", fmt, out, households=query).value
    seconds = time.perf_counter() - started
    print(json.dumps({"rows": rows, "seconds": seconds, "peak_mb": peak_mb(), "before_mb": before}))


def seed(data_dir: Path, households: int, seed_value: int) -> None:
    from seed_and_search import make_households

    from fieldapp.db import Database
    from fieldapp.services.bulk import import_households
    from fieldapp.services.setup import initialise

    data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(data_dir / DATABASE, data_dir / "backups")
    initialise(db, "Association Bench Khouribga", "BENCH1", operator="bench")
    started = time.perf_counter()
    result = import_households(db, make_households(households, random.Random(seed_value)))
    print(f"seeded {result.imported:,} households in {time.perf_counter() - started:.1f} s")
    db.dispose()


def run_child(database: Path, fmt: str, out: Path, flag: str | None, key: bytes | None) -> dict:
    command = [sys.executable, __file__, "--child", fmt, "--database", str(database), "--out", str(out)]
    command += (["--flag", flag] if flag else []) + (["--key", key.hex()] if key else [])
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeded", type=Path, help=f"a data dir holding a seeded {DATABASE}")
    parser.add_argument("--keep", type=Path, help="seed into this data dir and keep it")
    parser.add_argument("--households", type=int, default=150_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--encrypted", action="store_true", help="export from an encrypted copy of the record")
    parser.add_argument("--key", help=argparse.SUPPRESS)
    parser.add_argument("--child", choices=["csv", "xlsx", "json"], help=argparse.SUPPRESS)
    parser.add_argument("--database", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--flag", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.database, args.child, args.out, args.flag, bytes.fromhex(args.key) if args.key else None)
        return

    work = Path(tempfile.mkdtemp(prefix="fieldapp-export-"))
    seeded = args.seeded or args.keep or work / "seeded"
    if args.seeded is None:
        seed(seeded, args.households, args.seed)
    (work / "data").mkdir()
    database = work / "data" / DATABASE
    shutil.copy(seeded / DATABASE, database)
    key = None
    if args.encrypted:
        import os

        from fieldapp import encryption

        key = os.urandom(32)
        started = time.perf_counter()
        encryption.convert(database, key, work / "data" / "backups")
        shutil.rmtree(work / "data" / "backups", ignore_errors=True)
        print(f"record encrypted (SQLCipher) in {time.perf_counter() - started:.1f} s")
    import sqlite3

    size = database.stat().st_size / 1e6
    kind = "encrypted" if key else "plain"
    print(f"Python {sys.version.split()[0]}  SQLite {sqlite3.sqlite_version}  {kind} record {size:.0f} MB")
    results = {}
    for label, fmt, flag in (
        ("CSV (reference)", "csv", None),
        ("XLSX", "xlsx", None),
        ("XLSX, widows only", "xlsx", "widow"),
    ):
        out = work / f"households-{fmt}{'-' + flag if flag else ''}.{fmt}"
        found = run_child(database, fmt, out, flag, key)
        results[label] = found
        print(f"{label:<18} {found['rows']:>8,} rows  {found['seconds']:6.1f} s  peak RSS {found['peak_mb']:5.0f} MB "
              f"(before the export {found['before_mb']:.0f} MB)  file {out.stat().st_size / 1e6:5.1f} MB")  # fmt: skip
    ratio = results["XLSX"]["seconds"] / results["CSV (reference)"]["seconds"]
    print(f"XLSX / CSV time: {ratio:.1f}x   (target for XLSX: ≤ 30 s, ≤ 500 MB)")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
