"""Time receipt PDFs in each format (a6, 80mm, a4) through write_receipt, and a 1,000-household sign-off sheet."""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import reportlab  # noqa: E402
from seed_and_search import make_households, percentiles  # noqa: E402

from fieldapp.db import Database  # noqa: E402
from fieldapp.printing import RECEIPT_FORMATS  # noqa: E402
from fieldapp.printing.receipt import render_receipt  # noqa: E402
from fieldapp.rules import parse_item  # noqa: E402
from fieldapp.services.bulk import import_households  # noqa: E402
from fieldapp.services.distributions import record_distribution  # noqa: E402
from fieldapp.services.events import create_event  # noqa: E402
from fieldapp.services.receipts import receipt_document, write_receipt  # noqa: E402
from fieldapp.services.setup import initialise  # noqa: E402

try:  # written by another change; the receipts are timed either way
    from fieldapp.services.sheets import write_signoff_sheet  # noqa: E402
except ImportError:
    write_signoff_sheet = None

RECEIPT_TARGET_MS, SHEET_TARGET_S = 50.0, 3.0
ITEMS = (
    "KIT:Panier alimentaire:1:ar=قفة غذائية",
    "FLOUR:Farine (sac de 10 kg):1:ar=دقيق (كيس 10 كلغ)",
    "OIL:Huile de table 1 L:1:per-member:ar=زيت المائدة 1 لتر",
    "SUGAR:Sucre (pain):0:bands=1-3/1,4-6/2,7+/3:ar=سكر (قالب)",
    "MILK:Lait infantile:2:only=infant:ar=حليب الرضع",
)
COLLECTORS = ["Youssef (fils)", "Khadija (voisine)", "Mohamed Alaoui (frère)"]


def pdf_pages(path: Path) -> str:
    try:
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, timeout=60).stdout
    except FileNotFoundError:
        return "?"
    return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")


def serve(db: Database, household_ids: list[str], name: str, rng: random.Random) -> list[str]:
    """An event with the 5 items, and a distribution (a receipt) for each household; 1 in 5 by a proxy."""
    event = create_event(db, name, "2027-02-18", [parse_item(i) for i in ITEMS], site="Salle communale").value
    receipts = []
    for household_id in household_ids:
        collector = rng.choice(COLLECTORS) if rng.random() < 0.2 else None
        receipts.append(record_distribution(db, event.id, household_id, collector=collector).value.receipt)
    return receipts


def time_receipts(db: Database, receipts: list[str], fmt: str, out: Path) -> tuple[list[float], list[float], dict]:
    """write_receipt (read + render + atomic write with fsync) for each receipt after the first (the warm-up), as
    elapsed time and as this process's CPU time (less sensitive to other work on the machine); then, on the same
    receipts, the read alone and the render alone (into memory), p50 only, to see the split."""
    path = out / f"receipt-{fmt}.pdf"
    write_receipt(db, receipts[0], path, fmt)  # warm-up, not counted
    samples, cpu = [], []
    for receipt in receipts[1:]:
        start, start_cpu = time.perf_counter(), time.process_time()
        write_receipt(db, receipt, path, fmt)
        samples.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    reads, renders = [], []
    for receipt in receipts[1:]:
        start = time.perf_counter()
        document = receipt_document(db, receipt)
        reads.append(time.perf_counter() - start)
        start = time.perf_counter()
        render_receipt(document, io.BytesIO(), fmt)
        renders.append(time.perf_counter() - start)
    split = {"read": statistics.median(reads) * 1000, "render": statistics.median(renders) * 1000}
    split["size"] = path.stat().st_size / 1024
    return samples, cpu, split


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--receipts", type=int, default=200, help="receipts timed per format (at least 200)")
    parser.add_argument("--households", type=int, default=1000, help="households seeded, all on the sign-off sheet")
    parser.add_argument("--sheet-runs", type=int, default=3, help="sign-off sheets timed after one warm-up")
    parser.add_argument("--data-dir", type=Path, default=None, help="default: a new temporary directory")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    n = max(args.receipts, 200)
    rng = random.Random(args.seed)
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="fieldapp-bench-print-"))
    path = data_dir / "fieldapp.sqlite3"
    if path.exists():
        sys.exit(f"{path} exists: give an empty --data-dir")
    out = data_dir / "pdf"
    out.mkdir(parents=True)
    db = Database(path, data_dir / "backups")
    initialise(db, "Association Bench Khouribga", "BENCH1", operator="bench")
    print(f"data dir: {data_dir}  Python {sys.version.split()[0]}  reportlab {reportlab.Version}")

    # Each format gets its own households (warm-up + n), so no name is already shaped by an earlier format.
    households = max(args.households, len(RECEIPT_FORMATS) * (n + 1))
    start = time.perf_counter()
    ids = import_households(db, make_households(households, rng)).household_ids
    print(f"seeded {len(ids):,} households in {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    by_format = {
        fmt: serve(db, ids[i * (n + 1) : (i + 1) * (n + 1)], f"Ramadan 2027 ({fmt})", rng)
        for i, fmt in enumerate(RECEIPT_FORMATS)
    }
    print(f"recorded {sum(map(len, by_format.values())):,} distributions in {time.perf_counter() - start:.1f} s")

    print()
    print(f"{'receipt':<10}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'CPU p50':>9}{'CPU p95':>9}"
          f"{'read p50':>10}{'render p50':>12}{'KiB':>7}")  # fmt: skip
    worst, worst_cpu = 0.0, 0.0
    for fmt, receipts in by_format.items():
        samples, cpu, split = time_receipts(db, receipts, fmt, out)
        p50, p95, top = percentiles(samples)
        cpu50, cpu95, _ = percentiles(cpu)
        worst, worst_cpu = max(worst, p95), max(worst_cpu, cpu95)
        print(f"{fmt:<10}{len(samples):>5}{p50:>9.2f}{p95:>9.2f}{top:>9.2f}{cpu50:>9.2f}{cpu95:>9.2f}"
              f"{split['read']:>10.2f}{split['render']:>12.2f}{split['size']:>7.1f}")  # fmt: skip
    print(f"target: receipt p95 <= {RECEIPT_TARGET_MS:.0f} ms: {'met' if worst <= RECEIPT_TARGET_MS else 'MISSED'} "
          f"(worst {worst:.2f} ms elapsed, {worst_cpu:.2f} ms CPU)")  # fmt: skip
    print(f"load average when the receipts were done: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")

    print()
    if write_signoff_sheet is None:
        print("sign-off sheet: SKIPPED, fieldapp.services.sheets.write_signoff_sheet does not exist in this checkout")
    else:
        event = create_event(db, "Distribution de printemps 2027", "2027-04-10", [parse_item(i) for i in ITEMS]).value
        sheet = out / "signoff.pdf"
        summary = write_signoff_sheet(db, event.id, sheet, sort="name")  # warm-up, not counted
        runs, cpu = [], []
        for _ in range(max(args.sheet_runs, 1)):
            start, start_cpu = time.perf_counter(), time.process_time()
            summary = write_signoff_sheet(db, event.id, sheet, sort="name")
            runs.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        print(f"sign-off sheet, sort=name: {summary.rows:,} households, {summary.pages} pages "
              f"(pdfinfo: {pdf_pages(sheet)}), {sheet.stat().st_size / 1024:.0f} KiB")  # fmt: skip
        print(f"  runs: {', '.join(f'{s:.2f}' for s in runs)} s elapsed, {', '.join(f'{s:.2f}' for s in cpu)} s CPU; "
              f"median {statistics.median(runs):.2f} s")  # fmt: skip
        print(f"load average after the sheets: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(f"target: sheet <= {SHEET_TARGET_S:.0f} s: {'met' if max(runs) <= SHEET_TARGET_S else 'MISSED'} "
              f"(slowest {max(runs):.2f} s)")  # fmt: skip
    db.dispose()


if __name__ == "__main__":
    main()
