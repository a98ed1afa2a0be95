"""HQ's dashboard in a real Chromium, on figures real laptops synced: a total clicked through to its receipts, the
drill-down region → province → commune, an export that follows the filter on screen, a laptop enrolled from the
devices page and revoked there, a conflict settled with its note."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pytest

from fieldapp import i18n
from fieldapp.db import Database
from fieldapp.errors import FieldappError
from fieldapp.services import demo, households, setup
from sync import engine

PASSWORD = "a long enough password"


@dataclass(frozen=True)
class Dashboard:
    url: str
    amal: str
    nour: str
    workdir: Path


def t(key: str, language: str = "fr", **params: object) -> str:
    return i18n.t(key, language, **params)


def _laptop(hq, workdir: Path, association: str, association_id: str, code: str, households: int, seed: int) -> None:
    """A real laptop: set up, demo families served, enrolled, synced (its push is what HQ's figures count)."""
    db = Database.open(workdir / code)
    try:
        setup.initialise(db, association, code, operator="Samira")
        demo.generate_demo(db, households=households, seed=seed)
        engine.enroll(db, hq.url, hq.enroll_code(association_id), device_code=code)
        engine.sync_now(db)
    finally:
        db.dispose()


@pytest.fixture(scope="module")
def dashboard(web_hq_sqlite, tmp_path_factory) -> Dashboard:
    hq, workdir = web_hq_sqlite, tmp_path_factory.mktemp("laptops")
    amal, nour = "Association Al Amal Khouribga", "Association Nour Al Haouz"
    amal_id, nour_id = hq.new_association(amal), hq.new_association(nour)
    _laptop(hq, workdir, amal, amal_id, "KHR1", 40, seed=3)
    _laptop(hq, workdir, nour, nour_id, "HAZ1", 25, seed=4)
    for name, language in (("salma", "fr"), ("karim", "ar")):  # karim reads the pages in Arabic
        proc = hq.cli(
            "user", "add", name, "--role", "platform", "--language", language, "--password-stdin", input=PASSWORD + "\n"
        )
        assert proc.returncode == 0, proc.stderr
    return Dashboard(hq.url, amal, nour, workdir)


def signed_in(open_page, dashboard: Dashboard, javascript: bool = True, user: str = "salma"):
    tab = open_page(javascript=javascript, base_url=dashboard.url)
    tab.visit("/login")
    tab.page.fill("#name", user)
    tab.page.fill("#password", PASSWORD)
    with tab.page.expect_navigation():
        tab.page.click("#sign-in")
    assert tab.page.url.endswith("/overview"), tab.page.url
    return tab


def click(tab, selector: str) -> None:
    with tab.page.expect_navigation():
        tab.page.click(selector)


def count(text: str) -> int:
    return int(text.replace("\u202f", "").replace("\xa0", "").replace(",", "").replace(" ", ""))


def receipts_tile(tab) -> int:
    tile = tab.page.locator(".tile", has_text=t("report.receipts"))
    return count(tile.locator(".value").inner_text())


def test_a_total_clicked_through_to_its_receipts(open_page, dashboard):
    tab = signed_in(open_page, dashboard)
    total = receipts_tile(tab)
    assert 0 < total <= 50  # one page of receipts
    click(tab, f".tile:has-text('{t('report.receipts')}') .value a")
    assert "/receipts" in tab.page.url
    listed = tab.table_rows("receipts")
    assert len(listed) == total
    assert {row[t("hq.web.col_association")] for row in listed} == {dashboard.amal, dashboard.nour}
    assert all(row[t("hq.web.col_receipt")].startswith(("KHR1-", "HAZ1-")) for row in listed)


@pytest.mark.parametrize(
    ("javascript", "user", "language"), [(True, "salma", "fr"), (False, "karim", "ar")], ids=["js-fr", "no-js-ar"]
)
def test_the_drill_down_from_regions_to_a_communes_receipts(open_page, dashboard, javascript, user, language):
    tab = signed_in(open_page, dashboard, javascript, user)
    assert tab.page.locator("html").get_attribute("lang") == language

    def say(key: str) -> str:
        return t(key, language)

    receipts = say("report.receipts")
    total = count(tab.page.locator(".tile", has_text=receipts).locator(".value").inner_text())
    regions = tab.table_rows("places")
    assert tab.page.locator("#section-places h2").inner_text() == say("hq.web.by_region")
    assert sum(count(row[receipts]) for row in regions) == total  # the places add up to the total
    # Into the region with the most receipts, then its first province, then its first commune's receipts.
    busiest = max(regions, key=lambda row: count(row[receipts]))
    click(tab, f"#places a:text-is('{busiest[say('hq.web.col_region')]}')")
    assert tab.page.locator("#section-places h2").inner_text() == say("hq.web.by_province")
    assert count(tab.page.locator(".tile", has_text=receipts).locator(".value").inner_text()) == count(
        busiest[receipts]
    )
    provinces = tab.table_rows("places")
    assert sum(count(row[receipts]) for row in provinces) == count(busiest[receipts])
    assert len(tab.page.locator("nav.crumbs a").all()) == 2
    click(tab, "#places tbody tr:first-child td:first-child a")
    assert tab.page.locator("#section-places h2").inner_text() == say("hq.web.by_commune")
    commune = tab.table_rows("places")[0]
    click(tab, "#places tbody tr:first-child td:first-child a")
    assert "/receipts" in tab.page.url
    listed = tab.table_rows("receipts")
    assert len(listed) == count(commune[receipts])
    assert {row[say("report.col_commune")] for row in listed} == {commune[say("report.col_commune")]}


def test_an_export_follows_the_filter_on_screen(open_page, dashboard):
    tab = signed_in(open_page, dashboard)
    tab.page.select_option("#filters select[name=association]", label=dashboard.amal)
    click(tab, "#apply-filters")
    amal_total = receipts_tile(tab)
    click(tab, f".tile:has-text('{t('report.receipts')}') .value a")
    on_screen = tab.table_rows("receipts")
    assert len(on_screen) == amal_total and {row[t("hq.web.col_association")] for row in on_screen} == {dashboard.amal}
    with tab.page.expect_download() as download:
        tab.page.click("a.export-csv")
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    exported = list(csv.DictReader(io.StringIO(text)))
    column = t("hq.web.col_receipt")
    assert sorted(row[column] for row in exported) == sorted(row[column] for row in on_screen)
    assert {row[t("hq.web.col_association")] for row in exported} == {dashboard.amal}


def test_a_laptop_enrolled_and_revoked_from_the_devices_page(open_page, dashboard):
    tab = signed_in(open_page, dashboard)
    tab.visit("/devices")
    tab.page.click("summary")  # the enrollment form, folded when laptops exist
    tab.page.select_option("#enroll-form select[name=association]", label=dashboard.nour)
    click(tab, "#enroll")
    code = tab.page.locator(".code-large").inner_text().strip()
    assert tab.page.locator(".qr svg").count() == 1  # to scan from the laptop's screen

    laptop = Database.open(dashboard.workdir / "HAZ9")
    try:
        setup.initialise(laptop, dashboard.nour, "HAZ9", operator="Hassan")
        engine.enroll(laptop, dashboard.url, code, device_code="HAZ9")
        engine.sync_now(laptop)
        tab.visit("/devices")
        listed = {row[t("hq.web.col_device_code")]: row for row in tab.table_rows("devices")}
        assert listed["HAZ9"][t("hq.web.col_status")] == t("hq.web.in_use")
        tab.page.check("#confirm-revoke-HAZ9")  # nothing that cannot be undone in one click
        click(tab, "#revoke-HAZ9")
        listed = {row[t("hq.web.col_device_code")]: row for row in tab.table_rows("devices")}
        assert listed["HAZ9"][t("hq.web.col_status")] == t("hq.web.revoked")
        assert tab.page.locator("#revoke-HAZ9").count() == 0
        assert listed["KHR1"][t("hq.web.col_status")] == t("hq.web.in_use")  # only that one
        with pytest.raises(FieldappError):  # the laptop's next sync is refused
            engine.sync_now(laptop)
    finally:
        laptop.dispose()


CONFLICTED = "Association Tadamoun Oujda"
NOTE = "Appelé la famille : le bon numéro est 0611111111"


@pytest.fixture(scope="module")
def conflicts(web_hq_sqlite, dashboard) -> str:
    """Two laptops of a third association change two families' phones each: HQ keeps one value of each and lists two
    conflicts (no receipts: the other tests' figures stay those of Amal and Nour)."""
    hq = web_hq_sqlite
    association_id = hq.new_association(CONFLICTED)
    laptops = []
    try:
        for code in ("OUJ1", "OUJ2"):
            laptop = Database.open(dashboard.workdir / code)
            laptops.append(laptop)
            setup.initialise(laptop, CONFLICTED, code, operator="Nadia")
            engine.enroll(laptop, hq.url, hq.enroll_code(association_id), device_code=code)
        first, second = laptops
        made = [
            households.register_household(
                first, households.HouseholdInput(consent=True, head_name=name, commune="05.311.01.07")
            ).value
            for name in ("Fatima Benali", "Rachid Tazi")
        ]
        engine.sync_now(first)
        engine.sync_now(second)
        for family in made:
            households.update_household(first, family.id, households.HouseholdInput(phone="0611111111"))
            households.update_household(second, family.id, households.HouseholdInput(phone="0622222222"))
        engine.sync_now(first)
        engine.sync_now(second)
    finally:
        for laptop in laptops:
            laptop.dispose()
    return CONFLICTED


def settle_one_through_the_page(tab, association: str) -> list[dict[str, str]]:
    """Settle the association's first open finding with NOTE; returns the association's settled findings."""
    tab.visit("/findings")
    open_ones = [row for row in tab.table_rows("findings") if row[t("hq.web.col_association")] == association]
    assert open_ones and {row[t("hq.web.col_kind")] for row in open_ones} == {t("hq.web.kind_conflict")}
    row = tab.page.locator("#findings tbody tr", has_text=association).first
    row.locator("button").click()  # without a note: the browser asks for one, nothing is sent
    assert row.locator("input[name=note]").evaluate("field => field.validity.valueMissing")
    assert tab.page.url.endswith("/findings")
    assert tab.page.locator("#findings tbody tr", has_text=association).count() == len(open_ones)
    row.locator("input[name=note]").fill(NOTE)
    with tab.page.expect_navigation():
        row.locator("button").click()
    # One fewer to review.
    assert tab.page.locator("#findings tbody tr", has_text=association).count() == len(open_ones) - 1
    tab.page.check("input[name=settled]")
    click(tab, "form.filters button")
    mine = [row for row in tab.table_rows("findings") if row[t("hq.web.col_association")] == association]
    return [row for row in mine if row[t("hq.web.col_settled_by")] != "—"]


def test_a_conflict_settled_from_the_findings_page(open_page, dashboard, conflicts):
    tab = signed_in(open_page, dashboard)
    settled = settle_one_through_the_page(tab, conflicts)
    assert settled and {row[t("hq.web.col_settled_by")] for row in settled} == {"salma"}
    assert all(row[t("hq.web.col_settled")] != "—" for row in settled)


def test_the_note_a_conflict_was_settled_with_is_shown(open_page, dashboard, conflicts):
    tab = signed_in(open_page, dashboard)
    settled = settle_one_through_the_page(tab, conflicts)
    assert NOTE in [row[t("hq.web.col_note")] for row in settled]
