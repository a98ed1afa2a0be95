"""HQ's web pages at national scale: p50/p95 of each dashboard page and export, through HTTP, as a browser asks them.

    .venv/bin/python bench/hq_pages.py [--scale 1.0] [--repeat 20] [--reuse NAME] [--keep]

A PostgreSQL HQ is seeded as bench/hq_figures.py seeds it (scale 1.0 = 200 associations, 500,000 households,
2,000,000 distributions; --reuse a database that script kept with --keep), served by `fieldapp-hq serve` (one
worker), and asked each page by a signed-in platform user and by an association's user (gzip accepted). Each page is
timed once cold (the first time it is asked: nothing kept in memory yet), then --repeat times warm (the figures kept
in memory per association, as on a dashboard people use, until a push moves that association's figures).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import hq_figures  # noqa: E402
import hq_ingest  # noqa: E402
import requests  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from hq import schema as s  # noqa: E402
from hq.db import Database  # noqa: E402
from hq.web import accounts  # noqa: E402

PASSWORD = "bench password long"


def _sign_in(base: str, name: str) -> requests.Session:
    session = requests.Session()
    session.headers["Accept-Encoding"] = "gzip"
    login = session.get(base + "/login", timeout=30)
    csrf = re.search(r'name="csrf" value="([^"]+)"', login.text).group(1)
    answer = session.post(base + "/login", data={"name": name, "password": PASSWORD, "csrf": csrf}, timeout=60)
    answer.raise_for_status()
    return session


def _time(session: requests.Session, url: str, repeat: int) -> tuple[float, float, float, int]:
    began = time.perf_counter()
    first = session.get(url, timeout=120)
    cold = (time.perf_counter() - began) * 1000
    if first.status_code != 200:
        raise RuntimeError(f"{url}: {first.status_code} {first.text[:300]}")
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        answer = session.get(url, timeout=120)
        answer.content  # noqa: B018  (read the whole body)
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return cold, statistics.median(times), p95, len(first.content)


def _serve(url: str) -> tuple[subprocess.Popen, str]:
    port = 8790
    command = [sys.executable, "-m", "hq.cli", "serve", "--db", url, "--port", str(port), "--workers", "1"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            requests.get(base + "/login", timeout=1)
            return process, base
        except requests.ConnectionError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("HQ did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--db", help="a PostgreSQL server URL (default: FIELDAPP_TEST_PG_URL, else scripts/postgres.sh)"
    )
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--reuse", metavar="NAME")
    args = parser.parse_args()
    server = hq_figures.server_url(args.db)
    if args.reuse:
        name = args.reuse
        url = hq_ingest.make_url(server).set(database=name).render_as_string(hide_password=False)
    else:
        url, name = hq_ingest.fresh_database(server)
        print(f"database {name}", flush=True)
    process = None
    try:
        db = Database.open(url, pool_size=2)
        if not args.reuse:
            began = time.perf_counter()
            hq_figures.seed(db, args.scale)
            hq_figures.rebuild(db)
            hq_figures.analyze(url)
            print(f"seeded in {time.perf_counter() - began:.0f} s", flush=True)
        with db.read() as conn:
            records = conn.execute(sa.select(sa.func.count()).select_from(s.records)).scalar_one()
            middle = hq_figures.middle_association(conn)
        one, event, place = middle["id"], middle["events"][0], middle["places"][0]
        for user, role, association in (("bench-platform", "platform", None), ("bench-assoc", "association", one)):
            if not any(u["name"] == user for u in accounts.list_users(db)):
                accounts.add_user(db, user, role, PASSWORD, association)
        db.dispose()
        process, base = _serve(url)
        platform, association = _sign_in(base, "bench-platform"), _sign_in(base, "bench-assoc")
        region, province, commune = place.region_code, place.province_code, place.code
        pages = [
            ("overview, whole platform", platform, "/overview"),
            ("overview, one event's association", platform, f"/overview?association={one}&event={event}"),
            ("overview, a region (drill-down)", platform, f"/overview?region={region}"),
            ("overview, a province", platform, f"/overview?region={region}&province={province}"),
            ("overview, a period", platform, "/overview?from=2026-02-01&to=2026-03-31"),
            ("receipts behind a commune, page 1", platform, f"/receipts?commune={commune}"),
            ("receipts, whole platform, page 1", platform, "/receipts"),
            ("freshness", platform, "/freshness"),
            ("laptops", platform, "/devices"),
            ("to review", platform, "/findings"),
            ("overview, association staff", association, "/overview"),
            ("receipts, association staff", association, "/receipts"),
        ]
        exports = [
            ("export: places (CSV)", platform, "/overview?table=places&format=csv"),
            ("export: associations (XLSX)", platform, "/overview?table=associations&format=xlsx"),
            (
                "export: receipts of a commune (CSV)",
                platform,
                f"/receipts?association={one}&commune={commune}&format=csv",
            ),
            ("export: an event's receipts (XLSX)", association, f"/receipts?event={event}&format=xlsx"),
            ("export: laptops (CSV)", platform, "/devices?format=csv"),
        ]
        print(f"\n{records:,} records; {os.cpu_count()} cores; one HQ worker; ms, gzip on the wire; bytes as read\n")
        print("| page | cold | p50 | p95 | bytes |\n|---|---|---|---|---|")
        for label, session, path in pages + exports:
            cold, p50, p95, size = _time(session, base + path, args.repeat)
            print(f"| {label} | {cold:.0f} | {p50:.0f} | {p95:.0f} | {size:,} |", flush=True)
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
        if not args.keep and not args.reuse:
            hq_figures.drop(server, name)


if __name__ == "__main__":
    main()
