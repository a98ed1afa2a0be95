"""Fixed cost of the browser tests: Playwright's driver, Debian's Chromium launched, a page of a local HQ, closed.

    python bench/browser_start.py                      # 10 rounds, /openapi.json of a fresh HQ on SQLite
    python bench/browser_start.py --rounds 20 --path /login

Each round starts Playwright's driver, launches headless Chromium (as tests/web/chromium.py does: executable_path,
the same flags), opens a fresh context and page on HQ as open_page does (what every browser test pays: its own
renderer, the off-host guard on every request), loads a second page in it, closes the context and the browser, and
stops the driver. Prints the median and the slowest of each step, in ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "web"), str(ROOT)]

from chromium import ENV_CHROMIUM, LOCALES, Tab, find_chromium, launch  # noqa: E402
from hq_server import HQServer  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

STEPS = ["driver start", "Chromium launch", "context + first page", "next page", "context close", "browser close"]


def one_round(chromium: str, url: str) -> dict[str, float]:
    """The time of each step of one round, in seconds."""
    times: dict[str, float] = {}
    mark = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        times[step] = now - mark
        mark = now

    driver = sync_playwright().start()
    lap("driver start")
    browser = launch(driver, chromium)
    lap("Chromium launch")
    tab = Tab(browser.new_context(locale=LOCALES["fr"]), "fr", javascript=True)  # as open_page makes it
    response = tab.page.goto(url)
    if response is None or response.status != 200:
        raise SystemExit(f"{url}: {response.status if response else 'no response'}")
    lap("context + first page")
    tab.page.goto(url)
    lap("next page")
    if tab.problems():
        raise SystemExit(f"{url}: {tab.problems()}")
    tab.context.close()
    lap("context close")
    browser.close()
    lap("browser close")
    driver.stop()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--path", default="/openapi.json", help="the HQ page to open")
    args = parser.parse_args()
    chromium = os.environ.get(ENV_CHROMIUM) or find_chromium()
    with tempfile.TemporaryDirectory(prefix="fieldapp-browser-bench-") as workdir:
        server = HQServer(f"sqlite:///{workdir}/hq.sqlite3", "sqlite", Path(workdir))
        started = time.perf_counter()
        server.start()
        hq_start = time.perf_counter() - started
        try:
            one_round(chromium, server.url + args.path)  # warm the disk cache: not counted
            rounds = [one_round(chromium, server.url + args.path) for _ in range(args.rounds)]
        finally:
            server.stop()
    print(f"Chromium: {chromium}; HQ page: {args.path}; {args.rounds} rounds (after one not counted)")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"HQ start (SQLite, once): {hq_start * 1000:.0f} ms")
    print(f"{'step':<26} {'median ms':>10} {'max ms':>8}")
    for step in [*STEPS, "total"]:
        values = [sum(r.values()) if step == "total" else r[step] for r in rounds]
        print(f"{step:<26} {statistics.median(values) * 1000:>10.0f} {max(values) * 1000:>8.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
