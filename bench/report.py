"""Funder reports over a record of 150,000 households: the figures of one event and of a year, the PDF, the XLSX.

python bench/report.py                  # seeds 150,000 households (bulk import, 2–4 minutes), then six events
python bench/report.py --seeded DIR     # DIR seeded by bench/seed_and_search.py (copied, left as it is)
python bench/report.py --households 20000

Six events over a year; each household is served at one or two of them (written with the unit of work's insert_new,
stamped and journaled as an import writes), 0.5 % of receipts voided, 0.2 % of families served twice with a reason;
40 volunteers checked in and out at each event. Prints the time of each report (target: the figures of a year in 5 s
or less) and the size of the files. Timings depend on the machine's load: say so when quoting them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from seed_and_search import make_households  # noqa: E402
from sqlalchemy import text  # noqa: E402

from fieldapp.db import Database  # noqa: E402
from fieldapp.models import Attendance, Distribution, DistributionVoid, Volunteer  # noqa: E402
from fieldapp.rules import entitlement, parse_item  # noqa: E402
from fieldapp.services.bulk import import_households  # noqa: E402
from fieldapp.services.events import create_event, items_of  # noqa: E402
from fieldapp.services.reports import ReportScope, build_report, write_report  # noqa: E402
from fieldapp.services.setup import initialise  # noqa: E402

YEAR = 2026
EVENTS = [
    ("Panier Ramadan", dt.date(YEAR, 2, 16), 0.55),
    ("Rentrée scolaire", dt.date(YEAR, 9, 5), 0.25),
    ("Aïd al-Adha", dt.date(YEAR, 5, 25), 0.2),
    ("Vague de froid", dt.date(YEAR, 1, 12), 0.15),
    ("Couffin été", dt.date(YEAR, 7, 3), 0.15),
    ("Hiver Atlas", dt.date(YEAR, 12, 1), 0.1),
]
ITEMS = ["KIT:Panier alimentaire:1:ar=قفة غذائية:stock=60000", "LAIT:Lait infantile:2:only=infant:ar=حليب الرضع"]
BATCH = 10_000


def seed_households(db: Database, households: int, rng: random.Random) -> None:
    initialise(db, "Association Bench Khouribga", "BENCH1", operator="bench")
    start = time.perf_counter()
    result = import_households(db, make_households(households, rng))
    print(f"seeded {len(result.household_ids):,} households in {time.perf_counter() - start:.1f} s")


def seed_servings(db: Database, rng: random.Random) -> int:
    """Six events, their distributions, voids and volunteers' attendance; returns the number of receipts."""
    start = time.perf_counter()
    with db.read() as session:
        households = session.execute(text("SELECT id, size, flags FROM households WHERE deleted_at IS NULL")).all()
    events = []
    for name, day, _ in EVENTS:
        made = create_event(db, f"{name} {YEAR}", day, [parse_item(i) for i in ITEMS], site="Khouribga").value
        with db.read() as session:
            events.append((made.id, day, items_of(session, made.id)))
    rows, number = [], 0
    for household_id, size, flags in households:
        flags = flags if isinstance(flags, list) else json.loads(flags or "[]")
        for (event_id, day, items), (_, _, share) in zip(events, EVENTS, strict=True):
            if rng.random() >= share:
                continue
            lines = [
                {"code": x.code, "label": x.label, "quantity": x.entitled, "entitled": x.entitled}
                for x in entitlement(items, size, flags)
                if x.entitled
            ]
            times = 2 if rng.random() < 0.002 else 1
            for time_ in range(times):
                number += 1
                served = dt.datetime.combine(day, dt.time(8), dt.UTC) + dt.timedelta(seconds=rng.randrange(36000))
                rows.append(
                    dict(
                        event_id=event_id,
                        household_id=household_id,
                        receipt=f"BENCH1-{YEAR}-{number:06d}",
                        items=lines,
                        served_at=served,
                        handed_out_by="bench",
                        override_reason="Servi à nouveau (banc d'essai)" if time_ else None,
                    )
                )
    ids: list[str] = []
    for at in range(0, len(rows), BATCH):
        with db.write("bench") as uow:
            ids += uow.insert_new(Distribution, rows[at : at + BATCH])
    voided = rng.sample(ids, len(ids) // 200)
    now = dt.datetime.now(dt.UTC)
    with db.write("bench") as uow:
        uow.insert_new(
            DistributionVoid,
            [dict(distribution_id=i, reason="Erreur", voided_by="bench", voided_at=now) for i in voided],
        )
        volunteers = uow.insert_new(Volunteer, [dict(name=f"Bénévole {n:02d}") for n in range(40)])
        attendance = []
        for event_id, day, _ in events:
            for volunteer_id in volunteers:
                check_in = dt.datetime.combine(day, dt.time(7), dt.UTC) + dt.timedelta(minutes=rng.randrange(120))
                check_out = check_in + dt.timedelta(minutes=rng.randrange(180, 600))
                attendance.append(dict(volunteer_id=volunteer_id, event_id=event_id, check_in=check_in,
                                       check_out=check_out))  # fmt: skip
        uow.insert_new(Attendance, attendance)
    print(f"seeded {len(rows):,} receipts ({len(voided):,} voided), 6 events, {len(attendance)} attendances "
          f"in {time.perf_counter() - start:.1f} s")  # fmt: skip
    return len(rows)


def timed(label: str, action):
    start = time.perf_counter()
    result = action()
    print(f"{label:<46} {time.perf_counter() - start:6.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, default=150_000)
    parser.add_argument("--seeded", type=Path, help="a data dir seeded by bench/seed_and_search.py (copied)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--keep", type=Path, help="seed this folder and keep it (reused when seeded)")
    parser.add_argument("--skip-year-xlsx", action="store_true", help="leave out the XLSX of the whole year")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = args.keep or Path(tempfile.mkdtemp(prefix="fieldapp-bench-report-"))
    work.mkdir(parents=True, exist_ok=True)
    path = work / "fieldapp.sqlite3"
    reuse = path.exists()
    if args.seeded and not reuse:
        shutil.copy(args.seeded / "fieldapp.sqlite3", path)
    db = Database(path, work / "backups")
    print(f"data dir: {work}  SQLite {sqlite3.sqlite_version}  Python {sys.version.split()[0]}")
    if not (args.seeded or reuse):
        seed_households(db, args.households, rng)
    if not reuse:
        seed_servings(db, rng)
    with db.read() as session:
        households = session.execute(text("SELECT count(*) FROM households")).scalar_one()
        receipts = session.execute(text("SELECT count(*) FROM distributions")).scalar_one()
    print(f"record: {households:,} households, {receipts:,} receipts")

    ramadan = ReportScope(event=f"Panier Ramadan {YEAR}")
    year = ReportScope(date_from=dt.date(YEAR, 1, 1), date_to=dt.date(YEAR, 12, 31))
    timed("figures, one event (build_report)", lambda: build_report(db, ramadan))
    report = timed("figures, the year (build_report)", lambda: build_report(db, year))
    totals = report.totals
    print(f"  year: {totals.families:,} families, {totals.people:,} people, {totals.receipts:,} receipts, "
          f"{totals.voided:,} voided, {totals.served_twice_families:,} served twice, "
          f"{len(report.places):,} communes")  # fmt: skip
    for language in ("fr", "ar"):
        out = work / f"report-year-{language}.pdf"
        made = timed(f"PDF of the year ({language})", lambda out=out, lang=language: write_report(db, year, out, lang))
        print(f"  {made.pages} pages, {out.stat().st_size / 2**10:,.0f} KiB")
    out = work / "report-ramadan.xlsx"
    made = timed("XLSX of one event (every receipt)", lambda: write_report(db, ramadan, out, "fr"))
    print(f"  {made.receipts:,} receipts listed, {out.stat().st_size / 2**20:.1f} MiB")
    if not args.skip_year_xlsx:
        out = work / "report-year.xlsx"
        made = timed("XLSX of the year (every receipt)", lambda: write_report(db, year, out, "fr"))
        print(f"  {made.receipts:,} receipts listed, {out.stat().st_size / 2**20:.1f} MiB")
    db.dispose()
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
