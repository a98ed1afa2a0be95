"""Seed N realistic households through the bulk import, then time household search and distribution commits.

python bench/seed_and_search.py --data-dir DIR                       # seed DIR (empty), then time
python bench/seed_and_search.py --data-dir DIR --reuse --code TREE   # time again on DIR, with the fieldapp of
                                                                     # another tree (e.g. the commit before a change)
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import phonenumbers
from sqlalchemy import text

# --code TREE: the fieldapp measured (read before anything of it is imported); default this tree
_code = argparse.ArgumentParser(add_help=False)
_code.add_argument("--code", type=Path, default=Path(__file__).resolve().parent.parent)
sys.path.insert(0, str(_code.parse_known_args()[0].code.resolve()))

from fieldapp import geo  # noqa: E402
from fieldapp.db import Database  # noqa: E402
from fieldapp.rules import parse_item  # noqa: E402
from fieldapp.services.bulk import import_households  # noqa: E402
from fieldapp.services.distributions import record_distribution  # noqa: E402
from fieldapp.services.events import create_event  # noqa: E402
from fieldapp.services.households import HouseholdInput, MemberInput, search_households  # noqa: E402
from fieldapp.services.setup import initialise  # noqa: E402

KHOURIBGA = "05.311"
KHOURIBGA_SHARE = 0.7  # the rest spread over the whole country, weighted by households (RGPH 2024)
FIRST_F = [
    ("Fatima", "فاطمة"), ("Fatima Zahra", "فاطمة الزهراء"), ("Khadija", "خديجة"), ("Aicha", "عائشة"),
    ("Naima", "نعيمة"), ("Meriem", "مريم"), ("Latifa", "لطيفة"), ("Hafida", "حفيظة"), ("Zineb", "زينب"),
    ("Salma", "سلمى"), ("Saida", "سعيدة"), ("Rachida", "رشيدة"), ("Malika", "مليكة"), ("Hanane", "حنان"),
]  # fmt: skip
FIRST_M = [
    ("Mohamed", "محمد"), ("Mohammed", "محمد"), ("Ahmed", "أحمد"), ("Youssef", "يوسف"), ("Hassan", "حسن"),
    ("Rachid", "رشيد"), ("Said", "سعيد"), ("Omar", "عمر"), ("Abdelkader", "عبد القادر"), ("Mustapha", "مصطفى"),
    ("Karim", "كريم"), ("Brahim", "إبراهيم"), ("Abdellah", "عبد الله"), ("Hamid", "حميد"), ("Driss", "إدريس"),
]  # fmt: skip
LAST = [
    ("Benali", "بن علي"), ("El Idrissi", "الإدريسي"), ("Alaoui", "العلوي"), ("Tazi", "التازي"),
    ("Bennani", "بناني"), ("El Fassi", "الفاسي"), ("Ait Ouali", "آيت والي"), ("Chraibi", "الشرايبي"),
    ("Boukhris", "بوخريص"), ("El Khattabi", "الخطابي"), ("Amrani", "العمراني"), ("Ouazzani", "الوزاني"),
    ("Berrada", "برادة"), ("Lahlou", "لحلو"), ("Zerouali", "الزروالي"), ("Kabbaj", "القباج"),
    ("Mansouri", "المنصوري"), ("Naciri", "الناصري"), ("Sbai", "السباعي"), ("Hajji", "الحجي"),
]  # fmt: skip
DOUARS = ["Douar Oulad Brahim", "Douar Lahlalma", "Douar Ouled Said", "Douar Laghnimiyine", "Hay Al Qods", None]
FLAGS = ["widow", "disability", "infant", "pregnant", "elderly", "orphan", "chronic_illness", "no_income"]
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def mobile_phone(rng: random.Random) -> str:
    """A valid Moroccan mobile number in E.164 (+2126…); a few 06 ranges are not allocated, so draw again."""
    while True:
        phone = f"+2126{rng.randrange(100_000_000):08d}"
        if phonenumbers.is_valid_number(phonenumbers.parse(phone)):
            return phone


def make_households(n: int, rng: random.Random) -> list[HouseholdInput]:
    communes = sorted(geo.all_communes().values(), key=lambda c: c.code)
    local = [c for c in communes if c.province_code == KHOURIBGA]
    other = [c for c in communes if c.province_code != KHOURIBGA]
    local_w, other_w = [c.households_2024 or 1 for c in local], [c.households_2024 or 1 for c in other]
    cins: set[str] = set()
    records = []
    for _ in range(n):
        female = rng.random() < 0.35
        first, first_ar = rng.choice(FIRST_F if female else FIRST_M)
        last, last_ar = rng.choice(LAST)
        cin = None
        while cin is None or cin in cins:
            cin = rng.choice(LETTERS) + rng.choice(LETTERS) + f"{rng.randrange(1_000_000):06d}"
        cins.add(cin)
        pool, weights = (local, local_w) if rng.random() < KHOURIBGA_SHARE else (other, other_w)
        members = []
        for _ in range(rng.randint(0, 6)):
            m_female = rng.random() < 0.5
            m_first, m_first_ar = rng.choice(FIRST_F if m_female else FIRST_M)
            members.append(
                MemberInput(
                    f"{m_first} {last}", f"{m_first_ar} {last_ar}", "F" if m_female else "M", rng.randint(1940, 2024)
                )
            )
        records.append(
            HouseholdInput(
                head_name=f"{first} {last}",
                head_name_ar=f"{first_ar} {last_ar}",
                cin=cin,
                phone=mobile_phone(rng),
                commune=rng.choices(pool, weights)[0].code,
                douar=rng.choice(DOUARS),
                flags=rng.sample(FLAGS, rng.choice((0, 0, 1, 1, 2))),
                consent=True,
                members=members,
            )
        )
    return records


def file_sizes(path: Path) -> tuple[int, int]:
    wal = Path(f"{path}-wal")
    return path.stat().st_size, wal.stat().st_size if wal.exists() else 0


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    """p50, p95 and max in milliseconds."""
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[94] * 1000, max(samples) * 1000


def timed(fn: Callable[[str], object], queries: list[str], warm_up: bool = True) -> list[float]:
    for q in queries[:10] if warm_up else ():  # not counted
        fn(q)
    samples = []
    for q in queries:
        start = time.perf_counter()
        fn(q)
        samples.append(time.perf_counter() - start)
    return samples


def name_queries(records: list[HouseholdInput], rng: random.Random, count: int) -> list[str]:
    queries = []
    for h in rng.sample(records, count):
        words = h.head_name.lower().split()
        if rng.random() < 0.3 and len(words) > 1:
            queries.append(f"{words[0]} {words[1][: rng.randint(1, len(words[1]))]}")  # "fatima zah"
        else:
            queries.append(words[0][: rng.randint(3, len(words[0]))])  # "moha"
    return queries


def query_kinds(written: list[HouseholdInput], rng: random.Random, n: int) -> dict[str, list[str]]:
    """`n` queries of each kind a desk types: name prefixes, 1-2 letters, Arabic names, CIN prefixes, phones."""
    return {
        "latin name prefix": name_queries(written, rng, n),
        "latin 1-2 letters": [rng.choice(FIRST_F + FIRST_M)[0].lower()[: rng.randint(1, 2)] for _ in range(n)],
        "arabic name": [
            rng.choice(FIRST_F + FIRST_M)[1] + (" " + rng.choice(LAST)[1].split()[0] if rng.random() < 0.3 else "")
            for _ in range(n)
        ],
        "cin prefix (4)": [r.cin[:4] for r in rng.sample(written, n)],
        "phone 06… (national)": ["0" + r.phone[4:] for r in rng.sample(written, n)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=150_000)
    parser.add_argument("--data-dir", type=Path, default=None, help="default: a new temporary directory")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--queries", type=int, default=200, help="queries per search kind (at least 200)")
    parser.add_argument("--commits", type=int, default=300, help="distributions recorded (at least 300)")
    parser.add_argument("--reuse", action="store_true", help="DIR was seeded by this script (same --households, "
                        "--seed): skip seeding, time again")  # fmt: skip
    parser.add_argument("--code", type=Path, help="the source tree whose fieldapp is measured (default: this one)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="fieldapp-bench-"))
    path = data_dir / "fieldapp.sqlite3"
    if path.exists() != args.reuse:
        sys.exit(f"{path} exists: give an empty --data-dir" if path.exists() else f"--reuse: no database in {path}")
    db = Database(path, data_dir / "backups")
    import fieldapp

    print(f"data dir: {data_dir}  SQLite {sqlite3.sqlite_version}  Python {sys.version.split()[0]}  "
          f"code: {Path(fieldapp.__file__).parent.parent}")  # fmt: skip

    records = make_households(args.households, rng)
    if args.reuse:
        with db.read() as session:
            household_ids = list(session.scalars(text("SELECT id FROM households ORDER BY id")))
    else:
        initialise(db, "Association Bench Khouribga", "BENCH1", operator="bench")
        start = time.perf_counter()
        result = import_households(db, records)
        seconds = time.perf_counter() - start
        household_ids = result.household_ids
        members = sum(len(r.members or []) for r in records)
        print(f"seeded {result.imported:,} households + {members:,} members in {seconds:.1f} s "
              f"({result.imported / seconds:,.0f} households/s), {len(result.errors)} refused")  # fmt: skip
        main_size, wal_size = file_sizes(path)
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        after_main, after_wal = file_sizes(path)
        print(f"database: {main_size / 2**20:.1f} MiB + WAL {wal_size / 2**20:.1f} MiB before checkpoint; "
              f"{after_main / 2**20:.1f} MiB + WAL {after_wal / 2**20:.1f} MiB after")  # fmt: skip

    kinds = query_kinds(records, rng, max(args.queries, 200))

    def naive(q: str) -> list:
        with db.read() as session:
            return session.execute(
                text(
                    "SELECT id, head_name, head_name_ar, cin, phone FROM households WHERE head_name LIKE :p "
                    "OR head_name_ar LIKE :p OR cin LIKE :p OR phone LIKE :p LIMIT 20"
                ),
                {"p": f"%{q}%"},
            ).all()

    rows = []
    for kind, queries in kinds.items():
        fts = percentiles(timed(lambda q: search_households(db, q, limit=20), queries))
        like = percentiles(timed(naive, queries))
        hits = sum(bool(search_households(db, q, limit=20)) for q in queries[:50])
        rows.append((kind, len(queries), *fts, *like, hits))

    event = create_event(
        db,
        f"Ramadan 2027 ({dt.datetime.now(dt.UTC):%H:%M:%S})" if args.reuse else "Ramadan 2027",
        "2027-02-18",
        [
            parse_item("KIT:Panier alimentaire:1:ar=قفة"),
            parse_item("OIL:Huile 1L:1:per-member"),
            parse_item("MILK:Lait infantile:2:only=infant"),
        ],
    ).value
    served = rng.sample(household_ids, max(args.commits, 300))
    record_distribution(db, event.id, served[0], collector="warm-up")
    commits = percentiles(
        timed(lambda h: record_distribution(db, event.id, h, handed_out_by="bench"), served[1:], False)
    )

    print()
    print(f"{'search kind':<22}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
          f"{'LIKE p50':>10}{'LIKE p95':>10}{'LIKE max':>10}{'hits/50':>9}")  # fmt: skip
    for kind, count, p50, p95, top, lp50, lp95, ltop, hits in rows:
        print(f"{kind:<22}{count:>5}{p50:>9.2f}{p95:>9.2f}{top:>9.2f}{lp50:>10.2f}{lp95:>10.2f}{ltop:>10.2f}{hits:>9}")
    p50, p95, top = commits
    print(f"{'distribution commit':<22}{len(served) - 1:>5}{p50:>9.2f}{p95:>9.2f}{top:>9.2f}")
    print()
    worst = max(r[3] for r in rows)
    print(f"targets: search p95 <= 20 ms: {'met' if worst <= 20 else 'MISSED'} (worst {worst:.2f} ms); "
          f"commit p95 <= 20 ms: {'met' if p95 <= 20 else 'MISSED'} ({p95:.2f} ms)")  # fmt: skip
    db.dispose()


if __name__ == "__main__":
    main()
