"""HQ's overview and receipts pages through real HTTP: totals equal raw SQL over what laptops pushed, the drill-down
region → province → commune, a total clicked through to its receipts, exports that follow the filters, partial totals
marked, and association staff denied every other association's rows (pages, exports, direct URLs)."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import re
import sqlite3
from html import unescape

import openpyxl
import pytest
import sqlalchemy as sa
from hq_http import Device, household
from hq_server import HQServer
from test_figures import FAR, HOME, _push, _served, receipt_counts, served_households
from web_client import WebClient

from hq import figures
from hq.app import create_app
from hq.db import Database

PASSWORD = "long enough password"
DAY = "2026-03-01"


@pytest.fixture
def story(hq_sqlite):
    """Two associations' laptops pushed: Al Amal 6 families near home and 2 far (one receipt voided), Annour 3."""
    hq = hq_sqlite
    amal, nour = hq.new_association("Al Amal"), hq.new_association("Annour")
    desk, other = Device(hq, amal, "AMA1"), Device(hq, nour, "NOR1")
    event = desk.insert("events", {"name": "Ramadan"})
    homes = [desk.insert("households", household(f"F{n}", size=n + 2, flags=["widow"][: n % 2])) for n in range(6)]
    far = [
        desk.insert("households", household(f"L{n}", commune_code=FAR.code, province_code=FAR.province_code))
        for n in range(2)
    ]
    served = [_served(desk, event["i"], h["i"], DAY) for h in homes + far]
    void = desk.insert("distribution_voids", {"distribution_id": served[0]["i"], "reason": "erreur"})
    _push(desk, [event, *homes, *far, *served, void])
    theirs = other.insert("events", {"name": "Hiver"})
    their_homes = [other.insert("households", household(f"B{n}")) for n in range(3)]
    _push(other, [theirs, *their_homes, *(_served(other, theirs["i"], h["i"], DAY) for h in their_homes)])
    for name, role in (("admin", ("platform",)), ("amal", ("association", "--association", amal))):
        assert hq.cli("user", "add", name, "--role", *role, "--password", PASSWORD).returncode == 0
    return {"hq": hq, "amal": amal, "nour": nour, "event": event["i"], "their_receipts": 3}


def _signed_in(hq, name: str) -> WebClient:
    web = WebClient(hq.url)
    assert web.sign_in(name, PASSWORD).status_code == 200
    return web


def _tile(page: str, number: int) -> int:
    found = re.search(rf'id="tile-{number}">.*?class="value">(?:<a href="[^"]*">)?([^<]+)<', page, re.S)
    return int(unescape(found.group(1)).replace("\u202f", "").replace(",", ""))


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200, response.text[:500]
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _raw(hq, association: str | None) -> tuple[int, int, int]:
    """(families, valid receipts, voided receipts) counted by raw SQL over records."""
    db = Database.open(hq.db_url)
    try:
        with db.read() as conn:
            families = len({(row[0], row[1]) for row in served_households(conn, association, figures.Filters())})
            valid, voided, _ = receipt_counts(conn, association, figures.Filters())
    finally:
        db.dispose()
    return families, valid, voided


def test_the_overview_totals_equal_raw_sql_and_each_total_leads_to_its_receipts(story):
    hq = story["hq"]
    web = _signed_in(hq, "admin")
    page = web.get("/overview").text
    families, valid, voided = _raw(hq, None)
    assert (families, valid, voided) == (10, 10, 1)
    assert (_tile(page, 1), _tile(page, 3), _tile(page, 4)) == (families, valid, voided)
    assert "ménages distincts ayant au moins un reçu valide" in unescape(page)  # the definition, one click away

    receipts = web.get(re.search(r'id="tile-3">.*?<a href="([^"]+)"', page, re.S).group(1).replace("&amp;", "&"))
    numbers = re.findall(r'<td><span dir="ltr">([A-Z][A-Z0-9]*-[^<]+)</span></td>', receipts.text)
    assert len(numbers) == valid and "AMA1" in receipts.text and "NOR1" in receipts.text
    voided_page = web.get("/receipts?voided=1")
    assert voided_page.text.count(">annulé<") == voided


def test_drill_down_from_region_to_commune_and_click_through_to_receipts(story):
    hq = story["hq"]
    web = _signed_in(hq, "admin")
    regions = web.get(f"/overview?association={story['amal']}").text
    region_link = re.search(r'<a href="(/overview\?[^"]*region=06[^"]*)"', regions).group(1).replace("&amp;", "&")
    provinces = web.get(region_link).text
    assert "Familles servies par province" in provinces
    province_link = re.search(r'<a href="(/overview\?[^"]*province=[^"]*)"', provinces).group(1).replace("&amp;", "&")
    communes = web.get(province_link).text
    assert "Familles servies par commune" in communes and HOME in communes
    receipts_link = re.search(rf'<a href="(/receipts\?[^"]*commune={re.escape(HOME)}[^"]*)"', communes)
    receipts = web.get(receipts_link.group(1).replace("&amp;", "&")).text
    assert receipts.count("AMA1-") == 5  # six served near home, one voided
    assert "NOR1" not in receipts  # the association filter follows the click


def test_exports_follow_the_filters_on_screen(story):
    hq = story["hq"]
    web = _signed_in(hq, "admin")
    everyone = _csv(web.get("/overview?table=associations&format=csv"))
    assert {row[0] for row in everyone[1:]} == {"Al Amal", "Annour"}
    theirs = _csv(web.get(f"/receipts?association={story['nour']}&format=csv"))
    assert len(theirs) - 1 == story["their_receipts"] and all(row[2] == "NOR1" for row in theirs[1:])
    far = _csv(web.get(f"/receipts?association={story['amal']}&commune={FAR.code}&format=csv"))
    assert len(far) - 1 == 2
    places = _csv(
        web.get(f"/overview?association={story['amal']}&province={FAR.province_code}&table=places&format=csv")
    )
    assert [row[1] for row in places[1:]] == [FAR.code] and places[1][2] == "< 5"  # masked as on screen


def test_association_staff_never_read_another_associations_rows(story):
    hq = story["hq"]
    web = _signed_in(hq, "amal")
    page = web.get(f"/overview?association={story['nour']}").text  # asks for another association: gets its own
    families, valid, _ = _raw(hq, story["amal"])
    assert (_tile(page, 1), _tile(page, 3)) == (families, valid)
    assert "Annour" not in page and "Familles servies par association" not in page
    for path in (
        f"/receipts?association={story['nour']}",
        f"/receipts?association={story['nour']}&format=csv",
        f"/receipts?association={story['nour']}&format=xlsx",
        "/overview?table=associations&format=csv",
        f"/overview?association={story['nour']}&table=places&format=csv",
        f"/devices?association={story['nour']}&format=csv",
        f"/findings?association={story['nour']}",
    ):
        answer = web.get(path)
        assert answer.status_code in (200, 403, 404), path
        assert b"NOR1" not in answer.content and b"Annour" not in answer.content, path


def test_bad_filters_are_an_error_page_and_silent_laptops_mark_totals_partial(story):
    hq = story["hq"]
    web = _signed_in(hq, "admin")
    for query in ("from=2026-13-01", "from=2026-03-05&to=2026-03-01", "commune=%27%3B--", "event=" + "x" * 80):
        answer = web.get("/overview?" + query)
        assert answer.status_code == 400 and "filtre n'est pas valable" in unescape(answer.text), query
    assert 'id="partial-notice"' not in web.get("/overview").text
    db = Database.open(hq.db_url)
    try:
        with db.write() as conn:
            ten_days_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=10)
            conn.execute(sa.text("UPDATE devices SET last_seen_at = :t WHERE code = 'NOR1'"), {"t": ten_days_ago})
    finally:
        db.dispose()
    page = web.get("/overview").text
    assert 'id="partial-notice"' in page and "Annour" in page.split('id="partial-notice"')[1][:300]
    mine = _signed_in(hq, "amal").get("/overview").text
    assert 'id="partial-notice"' not in mine  # another association's silent laptop is not theirs to know


def test_the_overview_first_load_is_light_and_needs_nothing_from_another_site(story):
    hq = story["hq"]
    web = _signed_in(hq, "admin")
    web.session.headers["Accept-Encoding"] = "gzip"
    page = web.session.get(hq.url + "/overview", stream=True, timeout=30)
    assert page.headers["Content-Encoding"] == "gzip"
    html = page.raw.read(decode_content=False)
    text = gzip.decompress(html).decode()
    linked = re.findall(r'(?:href|src)="(/static/[^"]+)"', text)
    assert linked and not re.search(r'(?:href|src)="(?:https?:)?//', text)  # no CDN, no other host
    total = len(html)
    for path in linked:
        answer = web.session.get(hq.url + path, stream=True, timeout=30)
        assert answer.status_code == 200
        total += len(answer.raw.read(decode_content=False))
    assert total <= 100_000, total  # the budget: first load of the overview ≤ 100 KB compressed


def test_no_page_nor_export_shows_association_staff_another_associations_rows(story):
    """Every page HQ serves (read from the application's own routes, so a new page is covered when it is added),
    plain and exported, with and without the other association asked for: nothing of Annour reaches Al Amal."""
    hq = story["hq"]
    app = create_app(hq.db_url)
    pages = sorted(
        route.path for route in app.routes
        if "GET" in getattr(route, "methods", ()) and route.path.count("{") == 0 and not route.path.startswith("/v1")
        and route.path not in ("/openapi.json", "/docs", "/docs/oauth2-redirect", "/login")
    )  # fmt: skip
    app.state.db.dispose()
    assert {"/overview", "/receipts", "/freshness", "/devices", "/findings", "/campaigns"} <= set(pages)
    web = _signed_in(hq, "amal")
    theirs = story["nour"]
    secrets = (b"Annour", b"NOR1", b"Hiver")  # its name, its laptop, its event (its id is in the URL typed)
    checked = 0
    for path in pages:
        for query in ("", f"?association={theirs}"):
            for fmt in (
                "",
                "&format=csv",
                "&format=xlsx",
                "&table=places&format=csv",
                "&table=associations&format=csv",
            ):
                url = path + (query or "?") + fmt.lstrip("&" if not query else "")
                answer = web.get(url)
                assert answer.status_code in (200, 403), url
                body = answer.content
                if answer.headers["content-type"].startswith("application/vnd.openxmlformats"):
                    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
                    body = "|".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row).encode()
                assert not [s for s in secrets if s in body], url
                checked += 1
    assert checked >= 60


def test_the_figures_can_be_read_from_a_replica(story, tmp_path):
    """FIELDAPP_HQ_READ_DB: the overview reads the replica (a copy not caught up yet), the rest the primary."""
    hq = story["hq"]
    primary = hq.db_url.removeprefix("sqlite:///")
    replica = tmp_path / "replica.sqlite3"
    with sqlite3.connect(primary) as source, sqlite3.connect(replica) as copy:
        source.backup(copy)
    laptop = Device(hq, story["amal"], "AMA9")
    late = laptop.insert("households", household("Late"))
    _push(laptop, [late, _served(laptop, story["event"], late["i"], DAY)])

    reader = HQServer(hq.db_url, "sqlite", tmp_path)
    reader._env["FIELDAPP_HQ_READ_DB"] = f"sqlite:///{replica}"
    reader.start()
    try:
        on_primary, on_replica = _signed_in(hq, "admin"), _signed_in(reader, "admin")
        assert _tile(on_primary.get("/overview").text, 1) == 11
        assert _tile(on_replica.get("/overview").text, 1) == 10  # the replica's figures, not yet caught up
        assert "AMA9" in on_replica.get("/freshness").text  # laptops and accounts: the primary
    finally:
        reader.stop()
