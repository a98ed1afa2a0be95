"""HQ's administration pages through real HTTP: enroll a laptop with the page's code, revoke it, settle a review with
a note, publish a campaign, add associations and users, export tables; association staff kept to their association."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape

import openpyxl
import requests
from hq_http import HEADERS, Device, household
from web_client import WebClient

from sync import protocol

PASSWORD = "long enough password"


def _account(hq, name: str, association: str | None = None) -> WebClient:
    role = ("association", "--association", association) if association else ("platform",)
    assert hq.cli("user", "add", name, "--role", *role, "--password", PASSWORD).returncode == 0
    web = WebClient(hq.url)
    assert web.sign_in(name, PASSWORD).status_code == 200
    return web


def _enroll_with(hq, code: str, device_code: str) -> requests.Response:
    body = {"code": code, "device_code": device_code, "device_name": device_code}
    return requests.post(hq.url + protocol.ENROLL, json=body, headers=HEADERS, timeout=30)


def test_a_code_made_on_the_page_enrolls_a_laptop_which_the_page_then_revokes(hq):
    amal = hq.new_association("Amal Taroudant")
    web = _account(hq, "admin")
    page = web.post("/devices/enroll", {"association": amal, "hours": "24"})
    assert page.status_code == 200 and "Amal Taroudant" in page.text and "<svg" in page.text
    code = re.search(r'id="enroll-code">([^<]+)<', page.text).group(1)
    assert re.fullmatch(r"[2-9A-Z]{4}(-[2-9A-Z]{4}){3}", code)
    enrolled = _enroll_with(hq, code, "TRD1")
    assert enrolled.status_code == 200, enrolled.text
    assert _enroll_with(hq, code, "TRD2").status_code == 403  # once only

    token = enrolled.json()["token"]
    hello = requests.get(
        hq.url + protocol.HELLO, headers={**HEADERS, "Authorization": f"Bearer {token}", "User-Agent": "fieldapp/1.4.2"}
    )
    assert hello.status_code == 200
    listed = web.get("/devices")
    assert "TRD1" in listed.text and "1.4.2" in listed.text  # the app version it named at hello
    device_id = enrolled.json()["device_id"]
    unconfirmed = web.post(f"/devices/{device_id}/revoke")
    assert unconfirmed.status_code == 400 and "Je confirme" in unescape(unconfirmed.text)
    assert "révoqué" not in web.get("/devices").text  # nothing done without the box ticked
    assert web.post(f"/devices/{device_id}/revoke", {"confirm": "yes"}).status_code == 200
    again = requests.get(hq.url + protocol.HELLO, headers={**HEADERS, "Authorization": f"Bearer {token}"})
    assert again.status_code == 401 and again.json()["error"] == protocol.DEVICE_REVOKED
    assert "révoqué" in web.get("/devices").text


def test_association_staff_enroll_and_revoke_only_their_own_laptops(hq_sqlite):
    hq = hq_sqlite
    amal, nour = hq.new_association("Amal Taroudant"), hq.new_association("Nour Ouarzazate")
    theirs = hq.enroll(nour, "OZZ1")
    web = _account(hq, "amal", amal)
    page = web.post("/devices/enroll", {"association": nour})  # asks for another association: gets its own
    assert "Amal Taroudant" in page.text and "Nour Ouarzazate" not in page.text
    code = re.search(r'id="enroll-code">([^<]+)<', page.text).group(1)
    assert _enroll_with(hq, code, "TRD1").json()["association_id"] == amal

    listed = web.get(f"/devices?association={nour}")
    assert "TRD1" in listed.text and "OZZ1" not in listed.text and "Nour" not in listed.text
    refused = web.post(f"/devices/{theirs['device_id']}/revoke", {"confirm": "yes"})
    assert refused.status_code == 404
    hello = requests.get(hq.url + protocol.HELLO, headers={**HEADERS, "Authorization": f"Bearer {theirs['token']}"})
    assert hello.status_code == 200  # still in use
    for path in ("/users", "/associations"):
        assert web.get(path).status_code == 403
    campaign = {"name": "X", "starts": "2027-01-01", "ends": "2027-01-02", "items": "A:a:1"}
    assert web.post("/campaigns", campaign).status_code == 403
    exported = web.get(f"/devices?association={nour}&format=csv").content.decode("utf-8-sig")
    assert "TRD1" in exported and "OZZ1" not in exported


def _served_twice(hq, association: str) -> tuple[Device, dict]:
    a, b = Device(hq, association, "KHR1"), Device(hq, association, "KHR2")
    home = a.insert("households", household())
    event = a.insert("events", {"name": "Ramadan", "starts_on": "2027-02-18", "ends_on": "2027-03-19"})
    a.push([home, event])
    for device, receipt in ((a, "KHR1-2027-00001"), (b, "KHR2-2027-00001")):
        fields = {"event_id": event["i"], "household_id": home["i"], "receipt_no": receipt, "items": []}
        assert device.push([device.insert("distributions", fields)]).status_code == 200
    return b, event


def test_a_review_item_is_settled_on_the_page_with_a_note_and_the_laptops_see_it(hq):
    amal, nour = hq.new_association("Amal Taroudant"), hq.new_association("Nour Ouarzazate")
    laptop, _event = _served_twice(hq, amal)
    key = laptop.get(protocol.CONFLICTS).json()["reviews"][0]["key"]

    other = _account(hq, "nour", nour)
    assert key not in other.get("/findings").text
    assert other.post(f"/findings/{amal}/{key}/settle", {"note": "not mine"}).status_code == 404

    web = _account(hq, "amal", amal)
    listed = web.get("/findings")
    assert key in listed.text and "Famille servie deux fois pour un même événement" in unescape(listed.text)
    assert ">double_distribution" not in listed.text  # said in words, not the protocol's name
    assert web.post(f"/findings/{amal}/{key}/settle", {"note": "  "}).status_code == 400  # a note is needed
    settled = web.post(f"/findings/{amal}/{key}/settle", {"note": "Même famille, second panier repris"})
    assert settled.status_code == 200 and key not in settled.text  # open items only
    assert laptop.get(protocol.CONFLICTS).json()["reviews"] == []
    history = web.get("/findings?settled=true")
    assert "Même famille, second panier repris" in unescape(history.text) and "amal" in history.text


def test_platform_staff_publish_a_campaign_and_add_associations_and_users(hq_sqlite):
    hq = hq_sqlite
    web = _account(hq, "admin")
    bad = web.post("/campaigns", {"name": "Aïd", "starts": "2027-03-20", "ends": "2027-03-01", "items": "FOOD:x:1"})
    assert bad.status_code == 400 and "La fin est avant le début" in unescape(bad.text)
    no_items = web.post("/campaigns", {"name": "Aïd", "starts": "2027-03-20", "ends": "2027-03-21", "items": "Panier"})
    assert no_items.status_code == 400 and "« Panier » : écrivez CODE:libellé:quantité" in unescape(no_items.text)
    published = web.post(
        "/campaigns",
        {"name": "Aïd 2027", "starts": "2027-03-20", "ends": "2027-03-22", "items": "FOOD:Panier:1\nMILK:Lait:2"},
    )
    assert published.status_code == 200 and "Aïd 2027" in published.text and "Lait × 2" in published.text
    amal = hq.new_association("Amal Taroudant")
    laptop = Device(hq, amal, "TRD1")
    pulled, _ = laptop.pull_all()
    assert any(change["f"].get("name") == "Aïd 2027" for change in pulled if change["t"] == "events")

    assert "Nour Ouarzazate" in web.post("/associations", {"name": "Nour Ouarzazate"}).text
    assert web.post("/associations", {"name": "Nour Ouarzazate"}).status_code == 400  # taken
    added = web.post("/users", {"name": "amal.staff", "role": "association", "association": amal, "password": PASSWORD})
    assert added.status_code == 200 and "amal.staff" in added.text
    assert web.post("/users", {"name": "x", "role": "platform", "password": "short"}).status_code == 400
    assert WebClient(hq.url).sign_in("amal.staff", PASSWORD).status_code == 200
    assert web.post("/users/amal.staff/disable").status_code == 400  # "I confirm" not ticked
    assert WebClient(hq.url).sign_in("amal.staff", PASSWORD).status_code == 200
    assert web.post("/users/amal.staff/disable", {"confirm": "yes"}).status_code == 200
    assert WebClient(hq.url).sign_in("amal.staff", PASSWORD).status_code == 401


def test_exports_hold_what_the_page_lists_with_its_filters(hq_sqlite):
    hq = hq_sqlite
    amal, nour = hq.new_association("Amal Taroudant"), hq.new_association("Nour Ouarzazate")
    hq.enroll(amal, "TRD1")
    hq.enroll(nour, "OZZ1")
    web = _account(hq, "admin")
    everything = web.get("/devices?format=csv")
    assert everything.headers["content-disposition"].startswith('attachment; filename="laptops-')
    rows = list(csv.reader(io.StringIO(everything.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Association", "Code", "Ordinateur"] and {r[1] for r in rows[1:]} == {"TRD1", "OZZ1"}
    filtered = web.get(f"/devices?association={amal}&format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(filtered.content)).active
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["TRD1"]

    web.post("/language", {"language": "ar", "next": "/devices"})
    arabic = openpyxl.load_workbook(io.BytesIO(web.get("/devices?format=xlsx").content)).active
    assert arabic.sheet_view.rightToLeft and arabic.cell(1, 1).value == "الجمعية"
    listed = json.loads(hq.cli("device", "list", "--json").stdout)
    assert len(listed["devices"]) == 2


def test_a_conflict_settled_on_the_page_keeps_its_note(hq_sqlite):
    hq = hq_sqlite
    amal = hq.new_association("Amal Taroudant")
    a, b = Device(hq, amal, "KHR1"), Device(hq, amal, "KHR2")
    insert = a.insert("households", household())
    a.push([insert])
    b.pull_all()
    b.clock.observe(insert["h"])
    a.push([a.update("households", insert["i"], {"phone": "+212611111111"}, {"phone": insert["h"]})])
    b.push([b.update("households", insert["i"], {"phone": "+212622222222"}, {"phone": insert["h"]})])
    key = b.get(protocol.CONFLICTS).json()["conflicts"][0]["key"]
    web = _account(hq, "amal", amal)
    assert "Famille : champ « Téléphone » modifié sur deux ordinateurs" in unescape(web.get("/findings").text)
    assert web.post(f"/findings/{amal}/{key}/settle", {"note": "Numéro vérifié par téléphone"}).status_code == 200
    assert "Numéro vérifié par téléphone" in unescape(web.get("/findings?settled=true").text)
    settled = b.get(protocol.CONFLICTS, settled="true").json()["conflicts"]
    assert settled[0]["note"] == "Numéro vérifié par téléphone" and settled[0]["settled_by"] == "amal"
