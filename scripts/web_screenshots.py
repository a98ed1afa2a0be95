"""Screenshots of HQ's web pages in Debian's Chromium, French and Arabic, on an HQ filled with demo laptops.

    .venv/bin/python scripts/web_screenshots.py     # login, overview, freshness, double-serving, devices, findings
    .venv/bin/python scripts/web_screenshots.py overview freshness devices --out docs/screenshots

Writes docs/screenshots/hq-<page>-<lang>.png (full page, 1280 px wide). The HQ is a real one on a throwaway SQLite
file (tests/hq_server.py): three associations whose laptops are real fieldapp databases filled by `fieldapp demo`'s
generator and synced; two of them then change one family and serve it twice (a conflict and a review item to
examine), and one woman is served in a campaign HQ published by two associations (double serving); one laptop is made
silent for nine days (its enrollment and last contact moved back in HQ's file, as if that time had passed) so that
the freshness page and the overview show partial totals; one is enrolled and never synced. Signed in as a platform
account through the sign-in form; the language switched with the page's own buttons. A page that does not answer
200, asks anything off 127.0.0.1 or logs a console error is reported (exit 1).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "web"), str(ROOT)]

import sqlalchemy as sa  # noqa: E402
from chromium import ENV_CHROMIUM, LOCALES, Tab, find_chromium, launch  # noqa: E402
from hq_server import HQServer  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from fieldapp.db import Database  # noqa: E402
from fieldapp.rules import parse_item  # noqa: E402
from fieldapp.services import demo, distributions, events, households, setup  # noqa: E402
from hq import schema  # noqa: E402
from sync import engine  # noqa: E402

DEFAULT_PAGES = ["login", "overview", "freshness", "double-serving", "devices", "findings"]
USER, PASSWORD = "admin", "demo-platform-password"
# (association, [(laptop code, its operator, demo households, synced)]); HQ names a laptop "<host> <operator>"
ASSOCIATIONS = [
    ("Association Al Amal Khouribga", [("KHR1", "Samira", 60, True), ("KHR2", "Karim", 30, True)]),
    ("Association Nour Al Haouz", [("HAZ1", "Fatima", 45, True), ("HAZ2", "Hassan", 0, False)]),
    ("Association Tadamoun Oujda", [("OUJ1", "Nadia", 40, True)]),
]
SILENT = ("KHR2", dt.timedelta(days=9, hours=4))


def fill(hq: HQServer, work: Path) -> None:
    """Associations, laptops with demo families synced to HQ, one laptop silent, a platform account."""
    seed = 1
    for association, laptops in ASSOCIATIONS:
        association_id = hq.new_association(association)
        for code, operator, families, synced in laptops:
            db = Database.open(work / code)
            setup.initialise(db, association, code, operator=operator)
            if families:
                seed += 1
                demo.generate_demo(db, households=families, seed=seed)
            engine.enroll(db, hq.url, hq.enroll_code(association_id), device_code=code)
            if synced:
                engine.sync_now(db)
            db.dispose()
            print(f"  {association}: {code} ({operator}), {families} households{' synced' if synced else ''}")
    findings(work, "KHR1", "KHR2")
    served_by_two(hq, work, "KHR1", "HAZ1")
    code, ago = SILENT
    engine_ = sa.create_engine(hq.db_url)
    with engine_.begin() as conn:
        conn.execute(
            sa.update(schema.devices)
            .where(schema.devices.c.code == code)
            .values(enrolled_at=schema.utcnow() - 3 * ago, last_seen_at=schema.utcnow() - ago)
        )
    engine_.dispose()
    proc = hq.cli("user", "add", USER, "--role", "platform", "--password-stdin", input=PASSWORD + "\n")
    if proc.returncode != 0:
        raise SystemExit(f"fieldapp-hq user add failed: {proc.stderr.strip()}")


def _saved(path: Path) -> None:
    print(f"  {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def findings(work: Path, first_code: str, second_code: str) -> None:
    """Two laptops of one association change a family's phone each and both serve it at one event: a conflict and a
    review item for the findings page."""
    first, second = Database.open(work / first_code), Database.open(work / second_code)
    try:
        family = households.HouseholdInput(
            consent=True, head_name="Fatima Benali", head_name_ar="فاطمة بنعلي", commune="05.311.01.07"
        )
        made = households.register_household(first, family).value
        kit = [parse_item("KIT:Panier alimentaire:1:ar=قفة")]
        event = events.create_event(first, "Aïd al-Adha 2026", "2026-05-26", kit).value
        for laptop in (first, second):
            engine.sync_now(laptop)
        for laptop, phone in ((first, "0611111111"), (second, "0622222222")):
            households.update_household(laptop, made.id, households.HouseholdInput(phone=phone))
            distributions.record_distribution(laptop, event.id, made.id)
        for laptop in (first, second, first):
            engine.sync_now(laptop)
    finally:
        first.dispose()
        second.dispose()
    print(f"  {first_code} and {second_code}: one family's phone changed on both and served on both")


def served_by_two(hq: HQServer, work: Path, first_code: str, second_code: str) -> None:
    """HQ publishes a campaign; one woman (the same CIN) is registered and served in it by two associations."""
    today = dt.date.today()
    proc = hq.cli(
        "campaign", "publish", "--name", "Rentrée scolaire 2026", "--starts", str(today - dt.timedelta(days=3)),
        "--ends", str(today + dt.timedelta(days=20)), "--item", "KIT:Cartable:1", "--json",
    )  # fmt: skip
    if proc.returncode != 0:
        raise SystemExit(f"fieldapp-hq campaign publish failed: {proc.stderr.strip()}")
    campaign = json.loads(proc.stdout)["event_id"]
    for code, spelling in ((first_code, "Khadija Ouali"), (second_code, "Khadija Oualy")):
        db = Database.open(work / code)
        try:
            engine.sync_now(db)  # the campaign arrives
            woman = households.HouseholdInput(
                consent=True, head_name=spelling, head_name_ar="خديجة والي", cin="BK 123456", commune="05.311.01.07"
            )
            made = households.register_household(db, woman).value
            distributions.record_distribution(db, campaign, made.id)
            engine.sync_now(db)
        finally:
            db.dispose()
    print(f"  {first_code} and {second_code}: one woman served by two associations in one campaign")


def shoot(browser, hq: HQServer, pages: list[str], languages: list[str], out: Path) -> list[str]:
    """Sign in, then each page in each language to out/hq-<page>-<lang>.png; returns the problems seen."""
    problems: list[str] = []
    for language in languages:
        tab = Tab(browser.new_context(locale=LOCALES[language], base_url=hq.url), language, javascript=True)
        tab.page.goto(f"/login?lang={language}")
        if "login" in pages:
            _saved(tab.screenshot(out / f"hq-login-{language}.png"))
        tab.page.fill("#name", USER)
        tab.page.fill("#password", PASSWORD)
        with tab.page.expect_navigation():
            tab.page.click("#sign-in")
        if "/login" in tab.page.url:
            raise SystemExit(f"sign-in refused: {tab.page.locator('[role=alert]').inner_text()}")
        with tab.page.expect_navigation():  # the account's language, with the page's own buttons
            tab.page.click(f"button[name=language][value={language}]")
        for page in pages:
            if page == "login":
                continue
            response = tab.page.goto(f"/{page}")
            if response is None or response.status != 200:
                problems.append(f"/{page} ({language}): HTTP {response.status if response else '—'}")
                continue
            _saved(tab.screenshot(out / f"hq-{page}-{language}.png"))
        problems += [f"{language}: {problem}" for problem in tab.problems()]
        tab.context.close()
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", default=DEFAULT_PAGES, help="paths without '/'")
    parser.add_argument("--languages", nargs="+", default=["fr", "ar"], choices=sorted(LOCALES))
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    chromium = os.environ.get(ENV_CHROMIUM) or find_chromium()
    with tempfile.TemporaryDirectory(prefix="fieldapp-web-shots-") as tmp:
        work = Path(tmp)
        hq = HQServer(f"sqlite:///{work / 'hq.sqlite3'}", "sqlite", work)
        hq._env["FIELDAPP_HQ_MATCH_KEY_FILE"] = str(work / "match.key")  # HQ's matching key, thrown away after
        hq.start()
        try:
            print("demo data:")
            fill(hq, work)
            print("screenshots:")
            with sync_playwright() as driver:
                browser = launch(driver, chromium)
                try:
                    problems = shoot(browser, hq, args.pages, args.languages, args.out)
                finally:
                    browser.close()
        finally:
            hq.stop()
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
