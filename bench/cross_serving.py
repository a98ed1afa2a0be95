"""Cross-association double-serving at national scale on PostgreSQL: 200 associations × 2,500 households served in
one campaign (seeded by bulk SQL), the keys and pairs rebuilt, then the time to list, count, ingest, and match after
the push commits.

    .venv/bin/python bench/cross_serving.py [--db postgresql+psycopg://...] [--associations 200] [--households 2500]

The database server comes from --db or FIELDAPP_TEST_PG_URL; a fresh database is made and dropped afterwards. The
match key goes to FIELDAPP_HQ_MATCH_KEY_FILE (set it to a scratch file). In each pair of associations (2k, 2k+1),
2 % of the households share a CIN and 1 % a phone and a name without a CIN: 3 % of households are in a pair.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from hq_ingest import _admin, fresh_database  # noqa: E402

from fieldapp.clock import HybridLogicalClock  # noqa: E402
from fieldapp.ids import uuid7  # noqa: E402
from hq import cross_catchup, cross_serving, match_key  # noqa: E402
from hq.db import Database  # noqa: E402
from hq.ingest import Author, apply  # noqa: E402

EVENT = "0193f000-0000-7000-8000-00000000e001"
SEED = """
INSERT INTO associations (id, name, created_at)
SELECT format('a%s', a), format('Association %s', a), now() FROM generate_series(0, :n_a - 1) a;
INSERT INTO records (id, tbl, association_id, device_code, data, field_hlc, hlc, deleted, updated_at)
VALUES (:event, 'events', '*', 'HQ', '{"name": "Ramadan 1448", "starts_on": "2027-02-18", "ends_on": "2027-03-19"}',
        '{}', '000000000000001-00000-HQ', false, now());
INSERT INTO records (id, tbl, association_id, device_code, data, field_hlc, hlc, cin, deleted, updated_at)
SELECT format('h%s-%s', a, h), 'households', format('a%s', a), format('L%s', a),
       json_build_object(
         'head_name', CASE WHEN h < :shared_cin + :shared_phone THEN format('Famille %s %s', a / 2, h)
                           ELSE format('Famille %s %s', a, h) END,
         'cin', CASE WHEN h < :shared_cin THEN format('SH%sZ%s', a / 2, h)
                     WHEN h < :shared_cin + :shared_phone THEN NULL ELSE format('BK%sZ%s', a, h) END,
         'phone', CASE WHEN h < :shared_cin + :shared_phone
                       THEN format('+2126%s', lpad((a / 2 * 10000 + h)::text, 8, '0'))
                       ELSE format('+2127%s', lpad((a * 10000 + h)::text, 8, '0')) END,
         'commune_code', '06.304.14.6', 'province_code', '06.304', 'size', 4),
       '{}', '000000000000002-00000-L', CASE WHEN h < :shared_cin THEN format('SH%sZ%s', a / 2, h)
                                              WHEN h < :shared_cin + :shared_phone THEN NULL
                                              ELSE format('BK%sZ%s', a, h) END, false, now()
FROM generate_series(0, :n_a - 1) a, generate_series(0, :n_h - 1) h;
INSERT INTO records (id, tbl, association_id, device_code, data, field_hlc, hlc, event_id, household_id, deleted,
                     updated_at, unique_value)
SELECT format('d%s-%s', a, h), 'distributions', format('a%s', a), format('L%s', a),
       json_build_object('event_id', :event, 'household_id', format('h%s-%s', a, h), 'receipt', format('L%s-%s', a, h),
                         'served_at', '2027-03-01T10:00:00+00:00', 'items', json_build_array()),
       '{}', '000000000000003-00000-L', :event, format('h%s-%s', a, h), false, now(), format('L%s-%s', a, h)
FROM generate_series(0, :n_a - 1) a, generate_series(0, :n_h - 1) h;
"""


def timed(function, repeat: int) -> tuple[object, str]:
    values, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        values.append((time.perf_counter() - started) * 1000)
    values.sort()
    p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
    return result, f"p50 {statistics.median(values):.0f} ms, p95 {p95:.0f} ms"


def seed(db: Database, associations: int, households: int) -> None:
    shared_cin, shared_phone = households * 2 // 100, households // 100
    params = {"n_a": associations, "n_h": households, "event": EVENT, "shared_cin": shared_cin}
    params["shared_phone"] = shared_phone
    raw = db.engine.raw_connection()
    try:
        with raw.cursor() as cursor:
            for statement in filter(str.strip, SEED.split(";")):
                text = statement
                for name, value in params.items():
                    text = text.replace(f":{name}", f"'{value}'" if isinstance(value, str) else str(value))
                cursor.execute(text)
        raw.commit()
    finally:
        raw.close()


def batch(association: str, device: str, size: int) -> list[dict]:
    """A laptop's batch: `size` new households served in the campaign (half households, half distributions)."""
    clock = HybridLogicalClock(device)
    changes = []
    for n in range(size // 2):
        household = uuid7()
        fields = {"head_name": f"Nouvelle {n}", "cin": f"NW{n:06d}", "phone": f"+2125{n:08d}", "size": 3,
                  "province_code": "06.304", "commune_code": "06.304.14.6"}  # fmt: skip
        changes.append({"t": "households", "i": household, "h": clock.now(), "o": "i", "f": fields})
        served = {"event_id": EVENT, "household_id": household, "receipt": f"{device}-N{n}", "items": [],
                  "served_at": "2027-03-02T10:00:00+00:00"}  # fmt: skip
        changes.append({"t": "distributions", "i": uuid7(), "h": clock.now(), "o": "i", "f": served})
    return changes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="PostgreSQL server URL (default FIELDAPP_TEST_PG_URL)")
    parser.add_argument("--associations", type=int, default=200)
    parser.add_argument("--households", type=int, default=2500)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    server_url = args.db or os.environ.get("FIELDAPP_TEST_PG_URL")
    if not server_url:
        raise SystemExit("give --db or set FIELDAPP_TEST_PG_URL")
    db_url, name = fresh_database(server_url)
    db = Database.open(db_url, pool_size=2)
    try:
        started = time.perf_counter()
        seed(db, args.associations, args.households)
        total = args.associations * args.households
        print(f"seeded {total:,} households and {total:,} distributions in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        match_key.forget()
        rebuilt = cross_serving.rebuild(db)
        print(f"rebuild: {rebuilt} in {time.perf_counter() - started:.1f} s")
        with db.write() as conn:
            conn.exec_driver_sql("ANALYZE")
        page, took = timed(lambda: cross_serving.platform_pairs(db, EVENT, 0, 50), 20)
        print(f"platform_pairs(event, first page of 50 of {page.total:,}): {took}")
        _, took = timed(lambda: cross_serving.platform_pairs(db, EVENT, page.total - 50, 50), 20)
        print(f"platform_pairs(event, last page): {took}")
        _, took = timed(lambda: cross_serving.platform_pairs(db, None, 0, 50), 20)
        print(f"platform_pairs(all campaigns, first page): {took}")
        found, took = timed(lambda: cross_serving.counts(db), 20)
        print(f"counts() platform: {took} -> {found}")
        _, took = timed(lambda: cross_serving.served_elsewhere(db, "a7", EVENT), 20)
        print(f"served_elsewhere(association, event): {took}")
        _, took = timed(lambda: cross_serving.counts(db, "a7"), 20)
        print(f"counts(association): {took}")
        for _ in range(3):
            changes = batch("a3", "L3", 500)
            started = time.perf_counter()
            with db.write() as conn:
                apply(conn, Author("bench-device", "L3", "a3"), changes)
            pushed = time.perf_counter()
            matched = cross_catchup.catch_up(db)
            took, after = (pushed - started) * 1000, (time.perf_counter() - pushed) * 1000
            print(
                f"one 500-change batch (250 households served) applied in {took:.0f} ms; its {matched} changes "
                f"matched after the commit in {after:.0f} ms"
            )
    finally:
        db.dispose()
        if not args.keep:
            with _admin(make_url(server_url)) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
