"""HQ's web pages in a real Chromium: sign in through the form, the language (Arabic right to left), JavaScript off,
sign out; on a real HQ per module (SQLite; the whole path once more on PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from fieldapp import i18n
from hq import schema

PASSWORD = "a long enough password"


@dataclass(frozen=True)
class Site:
    """A real HQ with two associations, a laptop enrolled in each (Nour's silent for nine days), and its web accounts
    (all PASSWORD)."""

    url: str
    backend: str
    amal: str  # association names
    nour: str


def _add_user(hq, name: str, *options: str) -> None:
    proc = hq.cli("user", "add", name, *options, "--password-stdin", input=PASSWORD + "\n")
    assert proc.returncode == 0, proc.stderr


def _make_site(hq, everyone: bool = True) -> Site:
    """The associations, laptops and accounts, made with `fieldapp-hq` side by side (each call is a process);
    without `everyone`, only the associations and salma."""
    amal, nour = "Association Al Amal Khouribga", "Association Nour Al Haouz"
    with ThreadPoolExecutor(max_workers=4) as pool:
        signed_up = pool.submit(_add_user, hq, "salma", "--role", "platform")
        amal_id, nour_id = pool.map(hq.new_association, [amal, nour])
        done = [signed_up]
        if everyone:
            done += [
                pool.submit(hq.enroll, amal_id, "KHR1", "Bureau Khouribga"),
                pool.submit(hq.enroll, nour_id, "HAZ1", "Caravane Al Haouz"),
                pool.submit(_add_user, hq, "youssef", "--role", "platform"),  # whose language the tests change
                pool.submit(_add_user, hq, "hind", "--role", "association", "--association", amal_id),
            ]
        for future in done:
            future.result()
    if everyone:
        _silent_for(hq, "HAZ1", dt.timedelta(days=9, hours=2))
    return Site(hq.url, hq.backend, amal, nour)


def _silent_for(hq, code: str, ago: dt.timedelta) -> None:
    """As if the laptop had last called HQ `ago` back: its last contact moved back in HQ's database."""
    now = schema.utcnow()
    engine = sa.create_engine(hq.db_url)
    with engine.begin() as conn:
        moved = conn.execute(
            sa.update(schema.devices)
            .where(schema.devices.c.code == code)
            .values(enrolled_at=now - 2 * ago, last_seen_at=now - ago)
        )
        assert moved.rowcount == 1
    engine.dispose()


@pytest.fixture(scope="module")
def site(web_hq_sqlite) -> Site:
    return _make_site(web_hq_sqlite)


@pytest.fixture(scope="module")
def site_on_postgresql(web_hq_postgresql) -> Site:
    return _make_site(web_hq_postgresql, everyone=False)


def t(key: str, language: str = "fr", **params: object) -> str:
    return i18n.t(key, language, **params)


def sign_in(tab, name: str, password: str = PASSWORD, then: str = "/overview") -> None:
    """Fill the sign-in form as a person does and submit it; the browser ends on `then`."""
    page = tab.page
    page.fill("#name", name)
    page.fill("#password", password)
    with page.expect_navigation():
        page.click("#sign-in")
    assert page.url.split("?")[0].endswith(then), page.url


def html_attributes(tab) -> tuple[str | None, str | None]:
    html = tab.page.locator("html")
    return html.get_attribute("dir"), html.get_attribute("lang")


def test_a_wrong_password_is_said_on_the_sign_in_page(open_page, site):
    tab = open_page(base_url=site.url)
    tab.visit("/login")
    sign_in(tab, "salma", "not the password", then="/login")
    assert tab.page.locator("[role=alert]").inner_text() == t("hq.web.error_login_wrong")
    assert tab.page.locator("#password").input_value() == ""  # to type again, never sent back in the page
    assert tab.page.locator("#logout").count() == 0


def test_the_right_password_opens_the_overview(open_page, site):
    tab = open_page(base_url=site.url)
    tab.visit("/")  # not signed in: sent to the sign-in page, then back
    assert tab.page.url.endswith("/login?next=%2F")
    assert html_attributes(tab) == ("ltr", "fr")
    assert tab.page.locator("h1").inner_text() == t("hq.web.login_title")
    sign_in(tab, "salma", then="/overview")
    assert tab.page.locator("h1").inner_text() == t("hq.web.overview_title")
    assert "salma" in tab.page.locator(".who").inner_text()
    assert tab.page.locator("nav a[aria-current=page]").inner_text() == t("hq.web.nav_overview")


def test_a_page_asked_before_signing_in_opens_after_it(open_page, site):
    tab = open_page(base_url=site.url)
    tab.visit("/freshness")
    assert tab.page.url.endswith("/login?next=%2Ffreshness")
    sign_in(tab, "salma", then="/freshness")
    table = tab.page.locator("#freshness")
    assert table.locator("th[scope=rowgroup]").all_inner_texts() == [site.amal, site.nour]  # by name
    assert "KHR1" in table.inner_text() and "HAZ1" in table.inner_text()


def test_association_staff_see_their_association_only(open_page, site):
    tab = open_page(base_url=site.url)
    tab.visit("/login?next=/freshness")
    sign_in(tab, "hind", then="/freshness")
    table = tab.page.locator("#freshness")
    assert table.locator("th[scope=rowgroup]").all_inner_texts() == [site.amal]
    assert "HAZ1" not in table.inner_text() and site.nour not in tab.page.content()
    links = tab.page.locator("nav a").all_inner_texts()
    assert t("hq.web.nav_users") not in links and t("hq.web.nav_associations") not in links
    tab.visit("/overview")  # Nour's silent laptop is not theirs: no partial notice, not a word of Nour
    assert tab.page.locator("#partial-notice").count() == 0 and site.nour not in tab.page.content()


def test_a_silent_laptop_marks_its_associations_totals_partial(open_page, site):
    tab = open_page(base_url=site.url)
    tab.visit("/login")
    sign_in(tab, "salma")
    notice = tab.page.locator("#partial-notice")
    assert site.nour in notice.inner_text() and site.amal not in notice.inner_text()
    with tab.page.expect_navigation():
        notice.locator("a").click()  # from the notice to the figures' freshness
    assert tab.page.url.endswith("/freshness")
    nour = tab.page.locator("#freshness tr.group", has_text=site.nour)
    assert "partial" in nour.get_attribute("class")
    assert nour.locator(".badge").inner_text() == t("hq.web.partial")
    laptop = tab.page.locator("#freshness tr", has_text="HAZ1")
    assert laptop.locator(".badge").inner_text() == t("hq.web.silent")
    assert t("hq.web.days", n=9) in laptop.inner_text()
    amal = tab.page.locator("#freshness tr.group", has_text=site.amal)
    assert "partial" not in amal.get_attribute("class") and amal.locator(".badge").count() == 0


def test_arabic_turns_the_whole_page_right_to_left_and_stays_the_users_choice(open_page, site):
    tab = open_page(base_url=site.url)
    tab.visit("/login")
    sign_in(tab, "youssef")
    brand = tab.page.locator(".brand")
    assert brand.bounding_box()["x"] < 100  # French: the header starts on the left
    with tab.page.expect_navigation():
        tab.page.click("button[name=language][value=ar]")
    assert tab.page.url.endswith("/overview")  # the same page, now in Arabic
    assert html_attributes(tab) == ("rtl", "ar")
    assert tab.page.locator("h1").inner_text() == t("hq.web.overview_title", "ar")
    assert tab.page.locator("#logout").inner_text() == t("hq.web.logout", "ar")
    box = brand.bounding_box()
    assert box["x"] + box["width"] > 1280 - 100  # the header starts on the right
    assert tab.page.evaluate("getComputedStyle(document.body).direction") == "rtl"

    # Kept with the account: a new browser signing in as youssef gets Arabic, its sign-in page still French.
    other = open_page(language="fr", base_url=site.url)
    other.visit("/login?next=/freshness")
    assert html_attributes(other) == ("ltr", "fr")
    sign_in(other, "youssef", then="/freshness")
    assert html_attributes(other) == ("rtl", "ar")
    assert other.page.locator("h1").inner_text() == t("hq.web.freshness_title", "ar")
    with other.page.expect_navigation():
        other.page.click("button[name=language][value=fr]")
    assert html_attributes(other) == ("ltr", "fr")


def test_the_sign_in_page_in_arabic_before_signing_in(open_page, site):
    tab = open_page(language="ar", base_url=site.url)
    tab.visit("/login")
    with tab.page.expect_navigation():
        tab.page.click("a[lang=ar]")
    assert html_attributes(tab) == ("rtl", "ar")
    assert tab.page.locator("h1").inner_text() == t("hq.web.login_title", "ar")
    assert tab.page.locator("label[for=password]").inner_text() == t("hq.web.login_password", "ar")
    sign_in(tab, "salma", "wrong password here", then="/login")
    assert tab.page.locator("[role=alert]").inner_text() == t("hq.web.error_login_wrong", "ar")


def test_without_javascript_sign_in_navigate_switch_language_and_sign_out(open_page, site):
    tab = open_page(javascript=False, base_url=site.url)
    tab.visit("/login?next=/overview")
    sign_in(tab, "salma", then="/overview")
    with tab.page.expect_navigation():
        tab.page.click(f"nav >> text={t('hq.web.nav_freshness')}")
    assert tab.page.url.endswith("/freshness")
    assert tab.page.locator("#freshness th[scope=rowgroup]").count() == 2
    with tab.page.expect_navigation():
        tab.page.click("button[name=language][value=ar]")
    assert tab.page.url.endswith("/freshness") and html_attributes(tab) == ("rtl", "ar")
    with tab.page.expect_navigation():
        tab.page.click("button[name=language][value=fr]")
    assert html_attributes(tab) == ("ltr", "fr")
    with tab.page.expect_navigation():
        tab.page.click("#logout")
    assert tab.page.url.endswith("/login")
    tab.visit("/overview")
    assert tab.page.url.endswith("/login?next=%2Foverview")


def test_signing_out_ends_the_session(open_page, site):
    tab = open_page(base_url=site.url)
    tab.visit("/login")
    sign_in(tab, "salma")
    cookies = {cookie["name"] for cookie in tab.context.cookies()}
    assert "fieldapp_session" in cookies
    with tab.page.expect_navigation():
        tab.page.click("#logout")
    assert tab.page.url.endswith("/login") and tab.page.locator("#sign-in").count() == 1
    assert "fieldapp_session" not in {cookie["name"] for cookie in tab.context.cookies()}
    tab.page.go_back()  # the overview is never shown again from the browser's cache
    assert tab.page.locator("#logout").count() == 0
    tab.visit("/freshness")
    assert "/login" in tab.page.url and site.amal not in tab.page.content()


def test_an_unknown_page_is_an_error_page_in_the_users_language(open_page, site):
    tab = open_page(base_url=site.url)
    tab.visit("/login")
    sign_in(tab, "salma")
    tab.visit("/no-such-page", status=404)
    assert tab.page.locator("[role=alert]").inner_text() == t("hq.web.error_not_found")
    with tab.page.expect_navigation():
        tab.page.click(f"text={t('hq.web.back_home')}")
    assert tab.page.url.endswith("/overview")


def test_the_same_path_on_postgresql(open_page, site_on_postgresql):
    site = site_on_postgresql
    tab = open_page(base_url=site.url)
    tab.visit("/freshness")
    sign_in(tab, "salma", "not the password", then="/login")
    assert tab.page.locator("[role=alert]").inner_text() == t("hq.web.error_login_wrong")
    sign_in(tab, "salma", then="/freshness")
    assert tab.page.locator("#freshness th[scope=rowgroup]").all_inner_texts() == [site.amal, site.nour]
    with tab.page.expect_navigation():
        tab.page.click("button[name=language][value=ar]")
    assert html_attributes(tab) == ("rtl", "ar")
    with tab.page.expect_navigation():
        tab.page.click("#logout")
    tab.visit("/freshness")
    assert "/login" in tab.page.url


def test_an_account_made_on_the_users_page_signs_in_and_is_disabled_there(open_page, site):
    admin = open_page(base_url=site.url)
    admin.visit("/login?next=/users")
    sign_in(admin, "salma", then="/users")
    form = admin.page.locator("#user-form")
    admin.page.click("#user-form >> xpath=.. >> summary")
    form.locator("input[name=name]").fill("nadia")
    form.locator("select[name=association]").select_option(label=site.amal)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("select[name=language]").select_option("ar")
    with admin.page.expect_navigation():
        form.locator("button[type=submit]").click()
    users = {row[t("hq.web.col_user")]: row for row in admin.table_rows("users")}
    assert users["nadia"][t("hq.web.col_association")] == site.amal
    assert users["nadia"][t("hq.web.col_status")] == t("hq.web.state_active")

    staff = open_page(base_url=site.url)
    staff.visit("/login?next=/freshness")
    sign_in(staff, "nadia", then="/freshness")
    assert html_attributes(staff) == ("rtl", "ar")  # the language chosen for her
    assert staff.page.locator("#freshness th[scope=rowgroup]").all_inner_texts() == [site.amal]

    row = admin.page.locator("#users tr", has_text="nadia")
    row.locator("input[name=confirm]").check()  # nothing that cannot be undone in one click
    with admin.page.expect_navigation():
        row.locator("button").click()
    users = {row[t("hq.web.col_user")]: row for row in admin.table_rows("users")}
    assert users["nadia"][t("hq.web.col_status")] == t("hq.web.state_disabled")
    staff.visit("/freshness")  # her session ended with the account
    assert "/login" in staff.page.url and site.amal not in staff.page.content()


def test_a_name_already_taken_is_said_on_a_page_not_a_crash(open_page, site):
    admin = open_page(base_url=site.url)
    admin.visit("/login?next=/users")
    sign_in(admin, "salma", then="/users")
    admin.page.click("#user-form >> xpath=.. >> summary")
    form = admin.page.locator("#user-form")
    form.locator("input[name=name]").fill("hind")
    form.locator("select[name=role]").select_option("platform")
    form.locator("input[name=password]").fill(PASSWORD)
    with admin.page.expect_navigation() as answer:
        form.locator("button[type=submit]").click()
    assert 400 <= answer.value.status < 500
    assert admin.page.locator("[role=alert]").inner_text().startswith(t("hq.web.error_refused", detail="").strip())
    assert admin.page.locator("#logout").count() == 1  # still signed in, the menu there to go on
