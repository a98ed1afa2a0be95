"""Encryption at rest at 150,000 households: search and commit on the encrypted record beside the plain one, unlock,
conversion.

python bench/encryption.py                              # seed 150,000 households (~5 min), then measure
python bench/encryption.py --seeded DIR                 # copy DIR's database, seeded by bench/seed_and_search.py with
                                                        # the same --households and --seed, instead of seeding again

In one run, on two copies of the same seeded record: the plain one (as before issue 13) and the one converted by
fieldapp.encryption.convert (timed). Searches and commits alternate between them query by query, so the other work on
the machine weighs on both alike. Unlock: Keystore.unlock with the production Argon2id parameters, then the encrypted
Database opened and its first read.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from seed_and_search import FIRST_F, FIRST_M, LAST, make_households, name_queries, percentiles  # noqa: E402
from sqlalchemy import text  # noqa: E402

from fieldapp import encryption, keystore, paths  # noqa: E402
from fieldapp.db import Database  # noqa: E402
from fieldapp.keystore import Keystore  # noqa: E402
from fieldapp.rules import parse_item  # noqa: E402
from fieldapp.services import setup  # noqa: E402
from fieldapp.services.bulk import import_households  # noqa: E402
from fieldapp.services.distributions import record_distribution  # noqa: E402
from fieldapp.services.events import create_event  # noqa: E402
from fieldapp.services.households import search_households  # noqa: E402

PASSWORD = "bench password 2026"


def seconds(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def mib(path: Path) -> float:
    return path.stat().st_size / 2**20


def plain_record(folder: Path, seeded: Path | None, records, households: int) -> float:
    """The plain record in `folder`: a copy of `seeded`'s (SQLite's backup: it may be open elsewhere) or seeded here."""
    path = folder / paths.DATABASE_FILE
    if seeded is not None:
        return seconds(lambda: encryption.copy(seeded / paths.DATABASE_FILE, None, path, None))
    db = Database.open(folder)
    setup.initialise(db, "Association Bench Khouribga", "BENCH1", operator="bench")
    took = seconds(lambda: import_households(db, records))
    db.dispose()
    print(f"seeded {households:,} households in {took:.1f} s")
    return took


def alternate(label: str, plain_fn, encrypted_fn, items: list) -> tuple:
    """Each item timed on the plain record then on the encrypted one (the first 10 run untimed, to warm up)."""
    for item in items[:10]:
        plain_fn(item), encrypted_fn(item)
    plain, encrypted = [], []
    for item in items[10:]:
        plain.append(seconds(lambda item=item: plain_fn(item)))
        encrypted.append(seconds(lambda item=item: encrypted_fn(item)))
    return label, len(plain), percentiles(plain), percentiles(encrypted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, default=150_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--seeded", type=Path, help="a data folder seeded by bench/seed_and_search.py (copied)")
    parser.add_argument("--data-dir", type=Path, help="an empty folder to work in (default: a new temporary one)")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--commits", type=int, default=300)
    parser.add_argument("--unlocks", type=int, default=7)
    args = parser.parse_args()
    work = args.data_dir or Path(tempfile.mkdtemp(prefix="fieldapp-bench-crypt-"))
    plain_dir, crypt_dir = work / "plain", work / "encrypted"
    plain_dir.mkdir(parents=True), crypt_dir.mkdir(parents=True)
    print(f"work dir: {work}  SQLCipher {sqlcipher_version()}  Python {sys.version.split()[0]}  load {load()}")

    rng = random.Random(args.seed)
    records = make_households(args.households, rng)
    took = plain_record(plain_dir, args.seeded, records, args.households)
    if args.seeded:
        print(f"copied the seeded record in {took:.1f} s")
    plain = Database.open(plain_dir)  # the schema upgraded here if the seed is older: both copies start at the head
    plain.dispose()
    plain_file, crypt_file = plain_dir / paths.DATABASE_FILE, crypt_dir / paths.DATABASE_FILE
    encryption.copy(plain_file, None, crypt_file, None)
    print(f"plain record: {mib(plain_file):.1f} MiB")

    key = os.urandom(keystore.DATA_KEY_BYTES)
    Keystore.create(Keystore.path_in(crypt_dir), "Samira", PASSWORD, data_key=key)
    convert = seconds(lambda: encryption.convert(crypt_file, key, crypt_dir / "backups"))
    print(f"conversion of the plain record: {convert:.1f} s (the plain copy kept in backups/ included), "
          f"encrypted file {mib(crypt_file):.1f} MiB")  # fmt: skip

    unlock_times, open_times = [], []
    for _ in range(args.unlocks):
        store = Keystore.load(Keystore.path_in(crypt_dir))
        unlock_times.append(seconds(lambda store=store: store.unlock("Samira", PASSWORD)))
        start = time.perf_counter()
        opened = Database.open(crypt_dir, key=key)
        setup.current_identity(opened)  # the first read
        open_times.append(time.perf_counter() - start)
        opened.dispose()
    unlock, open_ = statistics.median(unlock_times), statistics.median(open_times)
    print(f"unlock (Argon2id {keystore.ARGON2}): median {unlock * 1000:.0f} ms; open + first read: median "
          f"{open_ * 1000:.0f} ms; together {(unlock + open_) * 1000:.0f} ms ({args.unlocks} rounds)")  # fmt: skip

    plain, crypt = Database.open(plain_dir), Database.open(crypt_dir, key=key)
    if not search_households(crypt, records[0].cin):
        sys.exit("the seeded record is not the one --households and --seed describe: the queries would find nothing")
    n = max(args.queries, 200) + 10  # the first 10 of each kind warm up
    kinds = {
        "latin name prefix": name_queries(records, rng, n),
        "latin 1-2 letters": [rng.choice(FIRST_F + FIRST_M)[0].lower()[: rng.randint(1, 2)] for _ in range(n)],
        "arabic name": [
            rng.choice(FIRST_F + FIRST_M)[1] + (" " + rng.choice(LAST)[1].split()[0] if rng.random() < 0.3 else "")
            for _ in range(n)
        ],
        "cin prefix (4)": [r.cin[:4] for r in rng.sample(records, n)],
        "phone 06… (national)": ["0" + r.phone[4:] for r in rng.sample(records, n)],
    }
    rows = [
        alternate(kind, *(lambda q, db=db: search_households(db, q, limit=20) for db in (plain, crypt)), queries)
        for kind, queries in kinds.items()
    ]
    with plain.read() as session:
        household_ids = list(session.scalars(text("SELECT id FROM households ORDER BY id")))
    served = rng.sample(household_ids, max(args.commits, 300) + 10)
    items = [parse_item("KIT:Panier alimentaire:1:ar=قفة"), parse_item("OIL:Huile 1L:1:per-member"),
             parse_item("MILK:Lait infantile:2:only=infant")]  # fmt: skip
    events = {db: create_event(db, "Ramadan 2027", "2027-02-18", items).value.id for db in (plain, crypt)}

    def commit_on(db):
        return lambda h: record_distribution(db, events[db], h, handed_out_by="bench")

    rows.append(alternate("distribution commit", commit_on(plain), commit_on(crypt), served))

    print()
    print(f"{'':<22}{'n':>5}  {'plain p50':>9}{'p95':>8}{'max':>8}  {'encrypted p50':>13}{'p95':>8}{'max':>8}"
          f"  {'p95 ×':>6}")  # fmt: skip
    for label, count, (p50, p95, top), (e50, e95, etop) in rows:
        print(f"{label:<22}{count:>5}  {p50:>9.2f}{p95:>8.2f}{top:>8.2f}  {e50:>13.2f}{e95:>8.2f}{etop:>8.2f}"
              f"  {e95 / p95:>6.2f}")  # fmt: skip
    print()
    print("where the search time goes: the ranked FTS5 query alone (milliseconds), on three raw connections")
    library_rows = fts_alone(plain_file, crypt_file, key, [q for kind in list(kinds.values())[:3] for q in kind])
    for label, (p50, p95, top) in library_rows:
        print(f"{label:<40} p50 {p50:>6.2f}  p95 {p95:>6.2f}  max {top:>6.2f}")
    worst = max(row[3][1] / row[2][1] for row in rows)
    print(f"\ntarget: encrypted p95 <= 1.5x plain: {'met' if worst <= 1.5 else 'MISSED'} (worst {worst:.2f}x); "
          f"load {load()}")  # fmt: skip
    plain.dispose(), crypt.dispose()
    if not args.data_dir:
        shutil.rmtree(work)


def fts_alone(plain_file: Path, crypt_file: Path, key: bytes, queries: list[str]) -> list[tuple[str, tuple]]:
    """fieldapp.search's ranked query through the standard library's sqlite3 on the plain file (what the app used
    before), through sqlcipher3 on the same plain file (the library alone), and through sqlcipher3 on the encrypted
    file (the library and the encryption), alternately: tells the cost of the encryption from that of the library."""
    import contextlib
    import sqlite3

    from fieldapp import search

    sql = (
        f"SELECT rowid, bm25(household_search, {search._WEIGHTS}) FROM household_search "
        "WHERE household_search MATCH ? ORDER BY rowid DESC LIMIT 500"
    )
    connections = {
        "sqlite3 (standard library), plain file": sqlite3.connect(f"file:{plain_file}?mode=ro", uri=True),
        "sqlcipher3, plain file": encryption.connect(plain_file, None, readonly=True),
        "sqlcipher3, encrypted file": encryption.connect(crypt_file, key, readonly=True),
    }
    expressions = [e for e in map(search.match_expression, queries) if e]
    samples: dict[str, list[float]] = {label: [] for label in connections}
    with contextlib.ExitStack() as stack:
        for conn in connections.values():
            stack.enter_context(contextlib.closing(conn))
        for index, expression in enumerate(expressions):
            for label, conn in connections.items():
                took = seconds(lambda conn=conn, e=expression: conn.execute(sql, (e,)).fetchall())
                if index >= 10:
                    samples[label].append(took)
    return [(label, percentiles(times)) for label, times in samples.items()]


def sqlcipher_version() -> str:
    import contextlib

    import sqlcipher3

    with contextlib.closing(sqlcipher3.connect(":memory:")) as conn:
        cipher = conn.execute("PRAGMA cipher_version").fetchone()[0]
        built = [o for (o,) in conn.execute("PRAGMA compile_options") if o.startswith("COMPILER=")]
        sqlite = conn.execute("SELECT sqlite_version()").fetchone()[0]
    return f"{cipher}, SQLite {sqlite}, {built[0] if built else ''} from {Path(sqlcipher3.__file__).parent.parent}"


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
