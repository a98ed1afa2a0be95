"""Import a 50,000-row spreadsheet into a record of 150,000 households: read, dry run (every check, duplicates
against the register included), import; beside it, the bulk import of the same rows with no checks (the reference).

python bench/import_file.py --seeded DIR     # DIR seeded by bench/seed_and_search.py (copied, left as it is)
python bench/import_file.py                  # seeds 150,000 households first (2–4 minutes)

The file's rows: the 2,000 households of ../shared/bench/workload-10k.jsonl (with their members), then households
drawn as bench/seed_and_search.py draws them, written as people write them (06 12…, 6.12E8 floats, CIN with spaces,
commune names, vulnerabilities in words), with 1 % of rows broken on purpose (bad phone, unknown commune,
impossible size) and 2 % carrying the CIN of a registered household (updates).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from openpyxl import Workbook  # noqa: E402
from sqlalchemy import select  # noqa: E402

from fieldapp import geo, i18n  # noqa: E402
from fieldapp.db import Database  # noqa: E402
from fieldapp.importing.mapping import guess_mapping  # noqa: E402
from fieldapp.importing.table import read_table  # noqa: E402
from fieldapp.models import Household  # noqa: E402
from fieldapp.services import bulk, importing  # noqa: E402
from fieldapp.services.households import HouseholdInput  # noqa: E402

WORKLOAD = ROOT.parent / "shared" / "bench" / "workload-10k.jsonl"
HEADERS = ("N°", "Nom et prénom", "الاسم الكامل", "CIN", "Tél", "Commune", "Douar", "Nb personnes", "Situation",
           "Consentement", "Membres")  # fmt: skip


def _phone_as_written(e164: str | None, rng: random.Random):
    if not e164:
        return None
    national = "0" + e164[4:]
    return rng.choice([national, " ".join(national[i : i + 2] for i in range(0, 10, 2)), float(e164[4:]), e164])


def _row(number: int, h: HouseholdInput, rng: random.Random) -> list:
    commune = geo.commune(h.commune) if h.commune else None
    cin = h.cin and (f"{h.cin[:2]} {h.cin[2:]}" if rng.random() < 0.3 else h.cin)
    members = "\n".join(f"{m.name};{m.sex or ''};{m.birth_year or ''};{m.relation or ''}" for m in h.members or [])
    flags = ", ".join(i18n.flag_name(f, "fr") for f in h.flags or [])
    return [number, h.head_name, h.head_name_ar, cin, _phone_as_written(h.phone, rng),
            commune.name_fr if commune else None, h.douar, h.size or 1 + len(h.members or []), flags,
            "oui" if h.consent else "non", members]  # fmt: skip


def _break(row: list, rng: random.Random) -> None:
    kind = rng.randrange(3)
    if kind == 0:
        row[4] = "06 12"
    elif kind == 1:
        row[5] = "Khouribgaaa-Centre"
    else:
        row[7] = 77


def make_rows(count: int, registered_cins: list[str], seed: int) -> list[list]:
    import workload_import
    from seed_and_search import make_households

    rng = random.Random(seed)
    inputs, _, _ = workload_import.load(WORKLOAD)
    inputs += make_households(count - len(inputs), rng)
    rows = []
    for number, h in enumerate(inputs[:count], start=1):
        row = _row(number, h, rng)
        draw = rng.random()
        if draw < 0.01:
            _break(row, rng)
        elif draw < 0.03 and registered_cins:
            row[3] = rng.choice(registered_cins)
        rows.append(row)
    return rows


def write_xlsx(path: Path, rows: list[list]) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Familles")
    sheet.append(["Liste des familles — Association Bench"])  # a title row above the headers
    sheet.append(list(HEADERS))
    for row in rows:
        sheet.append(row)
    book.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeded", type=Path, help="a data dir seeded by bench/seed_and_search.py")
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="fieldapp-import-"))
    if args.seeded is None:
        import subprocess

        args.seeded = work / "seeded"
        subprocess.run([sys.executable, str(ROOT / "bench" / "seed_and_search.py"), "--data-dir", str(args.seeded),
                        "--queries", "200", "--commits", "300"], check=True)  # fmt: skip
    for name in ("fieldapp.sqlite3",):
        (work / "data").mkdir(exist_ok=True)
        shutil.copy(args.seeded / name, work / "data" / name)
    os.sync()  # the copy's 850 MB written out now, not by the kernel in the middle of the timed import
    db = Database(work / "data" / "fieldapp.sqlite3", work / "backups")
    with db.read() as session:
        cins = list(session.scalars(select(Household.cin).where(Household.cin.is_not(None)).limit(20_000)))
        registered = session.query(Household).count()
    print(f"register: {registered:,} households; file: {args.rows:,} rows (seed {args.seed})")
    started = time.perf_counter()
    rows = make_rows(args.rows, cins, args.seed)
    path = work / "familles.xlsx"
    write_xlsx(path, rows)
    print(f"file written in {time.perf_counter() - started:.1f} s: {path.stat().st_size / 1e6:.1f} MB")

    t0 = time.perf_counter()
    table = read_table(path)
    t1 = time.perf_counter()
    mapping = guess_mapping(table.headers)
    check = importing.check_import(db, table, mapping)
    t2 = time.perf_counter()
    result = importing.run_import(db, check)
    t3 = time.perf_counter()
    print(f"read XLSX        {t1 - t0:6.1f} s  ({len(table.rows):,} rows, headers on row {table.header_row})")
    print(f"dry run (checks) {t2 - t1:6.1f} s  create {check.created:,}, update {check.updated:,}, "
          f"unchanged {check.unchanged:,}, reject {check.rejected:,}, warnings {check.warnings:,}; "
          f"{check.read_ahead:,} rows read by a second process")  # fmt: skip
    print(f"import           {t3 - t2:6.1f} s  created {result.created:,}, updated {result.updated:,}, "
          f"rejected {result.rejected:,}")  # fmt: skip
    print(f"TOTAL            {t3 - t0:6.1f} s  (target ≤ 30 s)")
    looks = sum(1 for p in check.problems if p.key == "import.looks_like")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"look-alike warnings: {looks:,}; peak memory {peak:.0f} MB")

    # The reference, in the same run: the same new households through the bulk import alone (no file, no checks).
    shutil.copy(args.seeded / "fieldapp.sqlite3", work / "data" / "reference.sqlite3")
    os.sync()
    reference = Database(work / "data" / "reference.sqlite3", work / "backups")
    inputs = [p.data for p in check.rows if p.action == "create"]
    t4 = time.perf_counter()
    bulk.import_households(reference, inputs)
    print(f"reference: bulk import of the same {len(inputs):,} new households, no checks: "
          f"{time.perf_counter() - t4:.1f} s")  # fmt: skip
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
