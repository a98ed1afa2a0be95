"""Import the households and members of the shared benchmark workload through the bulk import, and time it."""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fieldapp import geo  # noqa: E402
from fieldapp.db import Database  # noqa: E402
from fieldapp.services.bulk import import_households  # noqa: E402
from fieldapp.services.households import HouseholdInput, MemberInput  # noqa: E402
from fieldapp.services.setup import initialise  # noqa: E402

WORKLOAD = Path("/work/shared/bench/workload-10k.jsonl")


def real_commune(made_up: str, codes: list[str]) -> str:
    """The workload's commune codes have the HCP shape but do not exist: hash each one onto a real commune."""
    digest = hashlib.sha256(made_up.encode()).digest()
    return codes[int.from_bytes(digest[:8], "big") % len(codes)]


def load(path: Path) -> tuple[list[HouseholdInput], list[int], Counter]:
    """The households with their members, the workload records behind each, and what the mapping had to adjust.

    The workload lists the head of each household again as a member (relation "head", same name); in fieldapp the
    head is the household itself, so that row is not imported as a member. Its sizes are random: where one is below
    the head plus the listed members (which registration refuses), it is raised to that count.
    """
    households, members, records_of = [], defaultdict(list), Counter()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            get = record.get
            if get("type") == "household":
                households.append(record)
                records_of[get("_id")] += 1
            elif get("type") == "member":
                records_of[get("household_id")] += 1
                if get("relation") != "head":
                    members[get("household_id")].append(
                        MemberInput(get("name"), None, get("sex"), get("birth_year"), get("relation"))
                    )
    codes = sorted(geo.all_communes())
    adjusted: Counter = Counter()
    inputs = []
    for h in households:
        listed = members.get(h["_id"], [])
        size = max(h["size"], 1 + len(listed))
        adjusted["size raised"] += size != h["size"]
        inputs.append(
            HouseholdInput(
                head_name=h["name"],
                head_name_ar=h.get("name_ar"),
                cin=h.get("cin"),
                phone=h.get("phone"),
                commune=real_commune(h["commune_code"], codes),
                douar=h.get("douar"),
                size=size,
                flags=h.get("flags") or [],
                consent=bool(h.get("consent_at")),
                members=listed,
            )
        )
    listed_total = sum(len(m) for m in members.values())
    adjusted["head rows folded"] = sum(records_of.values()) - len(households) - listed_total
    return inputs, [records_of[h["_id"]] for h in households], adjusted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workload", type=Path, default=WORKLOAD)
    parser.add_argument("--data-dir", type=Path, default=None, help="default: a new temporary directory")
    parser.add_argument("--batch-size", type=int, default=1000)
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="fieldapp-workload-"))
    path = data_dir / "fieldapp.sqlite3"
    if path.exists():
        sys.exit(f"{path} exists: give an empty --data-dir")
    db = Database(path, data_dir / "backups")
    initialise(db, "Association Bench Khouribga", "BENCH2", operator="bench")

    start = time.perf_counter()
    records, sources, adjusted = load(args.workload)
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    result = import_households(db, records, batch_size=args.batch_size)
    seconds = time.perf_counter() - start
    refused = {e.index for e in result.errors}
    kept = [i for i in range(len(records)) if i not in refused]
    members = sum(len(records[i].members or []) for i in kept)
    consumed = sum(sources[i] for i in kept)
    db.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    refusals = dict(Counter(e.key for e in result.errors))
    warnings = dict(Counter(w.key for w in result.warnings))
    rows_per_s, households_per_s = (result.imported + members) / seconds, result.imported / seconds
    print(f"workload: {args.workload}: {sum(sources):,} household and member records, read in {loaded:.2f} s")
    print(f"mapping: {dict(adjusted)}")
    print(f"imported {result.imported:,} households + {members:,} members in {seconds:.2f} s (batch {args.batch_size})")
    print(f"  {consumed / seconds:,.0f} workload records/s ({consumed:,} records behind the imported households)")
    print(f"  {rows_per_s:,.0f} household and member rows/s written, {households_per_s:,.0f} households/s")
    print(f"refused: {len(result.errors)} {refusals}; warnings: {len(result.warnings)} {warnings}")
    print(f"database: {path.stat().st_size / 2**20:.1f} MiB after checkpoint ({data_dir})")


if __name__ == "__main__":
    main()
