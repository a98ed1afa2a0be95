"""HQ's web accounts: `fieldapp-hq user …`, sign-in with lockout and throttling, sessions, CSRF, the language, and
errors answered as pages (a real HQ on 127.0.0.1, requests as a browser sends them)."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from hq_server import HQServer
from web_client import WebClient

PASSWORD = "long enough password"


def _user(hq, name: str, role: str = "platform", association: str | None = None, password: str = PASSWORD) -> dict:
    extra = ("--association", association) if association else ()
    proc = hq.cli("user", "add", name, "--role", role, *extra, "--password", password, "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _signed_in(hq, name: str, password: str = PASSWORD, next_path: str = "/") -> WebClient:
    web = WebClient(hq.url)
    answer = web.sign_in(name, password, next_path)
    assert answer.status_code == 200, answer.text
    return web


def test_user_commands_add_list_passwd_disable_and_refuse_bad_input(hq):
    association = hq.new_association("Amal Taroudant")
    assert _user(hq, "Admin")["name"] == "admin"  # names are case-insensitive
    proc = hq.cli("user", "add", "amal", "--role", "association", "--association", association, "--password-stdin")
    assert proc.returncode == 5  # no password on stdin: too short
    proc = hq.cli("user", "add", "amal", "--role", "association", "--association", association, "--password-stdin",
                  input=PASSWORD + "\n")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert hq.cli("user", "add", "amal", "--role", "platform", "--password", PASSWORD).returncode == 3  # taken
    assert hq.cli("user", "add", "bob", "--role", "association", "--password", PASSWORD).returncode == 5  # no assoc.
    assert hq.cli("user", "add", "bob", "--role", "platform", "--password", "short").returncode == 5
    missing = hq.cli("user", "add", "bob", "--role", "association", "--association", "nope", "--password", PASSWORD)
    assert missing.returncode == 4

    listed = json.loads(hq.cli("user", "list", "--json").stdout)["users"]
    assert [(u["name"], u["role"], u["association_id"]) for u in listed] == [
        ("admin", "platform", None),
        ("amal", "association", association),
    ]
    assert PASSWORD not in json.dumps(listed) and "argon2" not in json.dumps(listed)  # no password, no hash

    web = _signed_in(hq, "amal")
    assert hq.cli("user", "passwd", "amal", "--password", "another long password").returncode == 0
    assert "/login" in web.get("/freshness").url  # a new password ends the sessions
    assert WebClient(hq.url).sign_in("amal", PASSWORD).status_code == 401
    web = _signed_in(hq, "amal", "another long password")
    assert hq.cli("user", "disable", "amal").returncode == 0
    assert "/login" in web.get("/freshness").url
    refused = WebClient(hq.url).sign_in("amal", "another long password")
    assert refused.status_code == 401 and "désactivé" in refused.text
    assert hq.cli("user", "disable", "nobody").returncode == 4


def test_sign_in_redirects_back_sets_a_safe_cookie_and_never_leaves_the_site(hq_sqlite):
    hq = hq_sqlite
    _user(hq, "admin")
    web = WebClient(hq.url)
    first = web.get("/freshness")
    assert first.url.endswith("/login?next=%2Ffreshness")
    answer = web.post("/login", {"name": "admin", "password": PASSWORD, "next": "/freshness"}, allow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/freshness"
    cookie = next(c for c in answer.headers["set-cookie"].split(", fieldapp") if "fieldapp_session" in c)
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    page = web.get("/freshness")
    assert page.status_code == 200 and "Fraîcheur des chiffres" in page.text
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options"):
        assert header in page.headers
    assert page.headers["Cache-Control"] == "no-store"

    for evil in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        other = WebClient(hq.url)
        answer = other.sign_in("admin", PASSWORD, evil)
        assert answer.url == hq.url + "/overview", evil  # "/" then the overview, never elsewhere

    token = web.session.cookies["fieldapp_session"]
    log = hq.log()
    assert PASSWORD not in log and token not in log


def test_a_sign_in_form_without_its_token_is_refused_and_wrong_passwords_lock_the_account(hq_sqlite):
    hq = hq_sqlite
    _user(hq, "admin")
    forged = WebClient(hq.url).post("/login", {"name": "admin", "password": PASSWORD, "csrf": "x"}, csrf=False)
    assert forged.status_code == 400 and "expiré" in forged.text

    web = WebClient(hq.url)
    for attempt in range(4):
        answer = web.sign_in("admin", f"wrong password {attempt}")
        assert answer.status_code == 401 and "incorrect" in answer.text
    locked = web.sign_in("admin", "wrong password 5")
    assert locked.status_code == 401 and "bloqué pendant 15 min" in locked.text
    still = web.sign_in("admin", PASSWORD)  # the right password does not open a locked account
    assert still.status_code == 401 and "bloqué" in still.text
    assert hq.cli("user", "passwd", "admin", "--password", PASSWORD).returncode == 0  # lifts the lock
    assert web.sign_in("admin", PASSWORD).status_code == 200


def test_failed_sign_ins_from_one_address_are_throttled(tmp_path):
    server = HQServer(f"sqlite:///{tmp_path / 'hq.sqlite3'}", "sqlite", tmp_path)
    server._env["FIELDAPP_HQ_SIGNIN_FAILS_PER_ADDRESS"] = "2/600"
    server.start()
    try:
        _user(server, "admin")
        web = WebClient(server.url)
        assert web.sign_in("admin", "wrong one").status_code == 401
        assert web.sign_in("unknown-user", "wrong two").status_code == 401
        throttled = web.sign_in("admin", PASSWORD)
        assert throttled.status_code == 429 and "Trop d'essais manqués depuis cette adresse" in unescape(throttled.text)
        assert int(throttled.headers["Retry-After"]) > 0
    finally:
        server.stop()


def test_forms_need_the_session_token_and_this_site(hq_sqlite):
    hq = hq_sqlite
    _user(hq, "admin")
    web = _signed_in(hq, "admin")
    web.get("/freshness")
    refused = web.post("/logout", {"csrf": "not-the-token"})
    assert refused.status_code == 403 and "plus valable" in refused.text
    other_site = web.post("/logout", headers={"Origin": "https://evil.example"})
    assert other_site.status_code == 403
    assert web.get("/freshness").status_code == 200  # still signed in
    assert web.post("/logout").url.endswith("/login")
    assert "/login" in web.get("/freshness").url


def test_the_language_is_kept_per_user_and_arabic_pages_are_right_to_left(hq_sqlite):
    hq = hq_sqlite
    _user(hq, "admin")
    web = _signed_in(hq, "admin", next_path="/freshness")
    page = web.post("/language", {"language": "ar", "next": "/freshness"})
    assert re.search(r'<html lang="ar" dir="rtl">', page.text)
    assert "حداثة الأرقام" in page.text
    again = _signed_in(hq, "admin", next_path="/freshness")  # another browser: the user's language follows
    assert '<html lang="ar" dir="rtl">' in again.get("/freshness").text
    english = again.post("/language", {"language": "en", "next": "/freshness"})
    assert '<html lang="en" dir="ltr">' in english.text and "How fresh the figures are" in english.text
    login = WebClient(hq.url).get("/login?lang=ar")
    assert '<html lang="ar" dir="rtl">' in login.text and "كلمة المرور" in login.text


def test_errors_are_pages_for_people_and_json_for_laptops(hq_sqlite):
    hq = hq_sqlite
    _user(hq, "admin")
    web = _signed_in(hq, "admin")
    missing = web.get("/no-such-page")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    assert "n'existe pas" in unescape(missing.text)
    bad_form = web.post("/language", {"language": "x" * 50})
    assert bad_form.status_code == 400 and "mal formée" in bad_form.text
    api = web.session.get(hq.url + "/v1/nothing", timeout=10)
    assert api.status_code == 404 and api.json()["error"] == "not_found"


def test_association_staff_see_only_their_association_on_the_freshness_page(hq_sqlite):
    hq = hq_sqlite
    amal = hq.new_association("Amal Taroudant")
    hq.new_association("Nour Ouarzazate")
    hq.enroll(amal, "TRD1", "Laptop of the Taroudant desk")
    _user(hq, "amal", "association", amal)
    _user(hq, "admin")
    platform = _signed_in(hq, "admin").get("/freshness").text
    assert "Amal Taroudant" in platform and "Nour Ouarzazate" in platform and "TRD1" in platform
    web = _signed_in(hq, "amal")
    mine = web.get("/freshness").text
    assert "Amal Taroudant" in mine and "TRD1" in mine and "Nour Ouarzazate" not in mine
    assert "Utilisateurs" not in mine  # the platform's menu entries are not offered
    exported = web.get("/freshness?format=csv").content.decode("utf-8-sig").splitlines()
    assert exported[0].startswith("Association,Code,Ordinateur") and len(exported) == 2 and "TRD1" in exported[1]


@pytest.mark.parametrize("path", ["/overview", "/freshness"])
def test_pages_need_a_signed_in_user(hq_sqlite, path):
    answer = WebClient(hq_sqlite.url).get(path, allow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login?next=")
