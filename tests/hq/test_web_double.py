"""The double-serving page: real laptops of two associations serve one woman in a campaign; platform staff see the
pair with both receipts, each association only its own receipt, never the other association (page and exports)."""

from __future__ import annotations

import csv
import io

import openpyxl
from test_cross_serving import platform, two_served  # noqa: F401  (the fixture)
from web_client import WebClient

PASSWORD = "long enough password"


def _signed_in(hq, name: str, *role: str) -> WebClient:
    assert hq.cli("user", "add", name, "--role", *role, "--password", PASSWORD).returncode == 0
    web = WebClient(hq.url)
    assert web.sign_in(name, PASSWORD).status_code == 200
    return web


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200, response.text[:300]
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_platform_staff_see_both_receipts_and_each_association_only_its_own(platform):  # noqa: F811
    event, (amal, _, home_a, served_a), (annour, _, home_b, served_b) = two_served(platform)
    hq = platform.hq

    web = _signed_in(hq, "admin", "platform")
    page = web.get("/double-serving").text
    for seen in ("Association Al Amal", "Association Annour", served_a.receipt, served_b.receipt, "même CIN"):
        assert seen in page, seen
    rows = _csv(web.get(f"/double-serving?event={event}&format=csv"))
    assert len(rows) == 2 and {served_a.receipt, served_b.receipt} <= set(rows[1])
    assert _csv(web.get("/double-serving?event=01a00000-0000-7000-8000-000000000000&format=csv"))[1:] == []
    campaigns = _csv(web.get("/double-serving?table=campaigns&format=csv"))
    assert campaigns[1] == ["Ramadan 1448", "1", "2"]

    mine = _signed_in(hq, "amal", "association", "--association", amal)
    for path in ("/double-serving", f"/double-serving?association={annour}", "/double-serving?format=csv",
                 "/double-serving?table=campaigns&format=csv"):  # fmt: skip
        answer = mine.get(path)
        assert answer.status_code == 200
        body = answer.content.decode("utf-8-sig")
        for secret in ("Annour", served_b.receipt, home_b, "ANR1"):  # (Annour's id is in the URL typed, echoed)
            assert secret not in body, (path, secret)
    assert served_a.receipt in mine.get("/double-serving").text
    own = _csv(mine.get("/double-serving?format=csv"))
    assert [row[1] for row in own[1:]] == [served_a.receipt]
    sheet = openpyxl.load_workbook(io.BytesIO(mine.get("/double-serving?format=xlsx").content)).active
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == [served_a.receipt]
