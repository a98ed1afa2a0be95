"""Enrollment: one-time codes that expire and are kept only as hashes; revoked laptops refused on their next request."""

from __future__ import annotations

import hashlib

import requests
import sqlalchemy as sa
from hq_http import HEADERS, Device

from sync import protocol


def _enroll(hq, code: str, device_code: str = "KHR1") -> requests.Response:
    body = {"code": code, "device_code": device_code, "device_name": "Laptop 1"}
    return requests.post(hq.url + protocol.ENROLL, json=body, headers=HEADERS, timeout=30)


def test_a_code_enrolls_one_laptop_once_and_hq_keeps_only_hashes(hq):
    association = hq.new_association("Association Al Amal")
    code = hq.enroll_code(association)

    first = _enroll(hq, code)
    assert first.status_code == 200, first.text
    answer = first.json()
    assert answer["association_id"] == association
    assert answer["association_name"] == "Association Al Amal"
    assert len(answer["token"]) >= 40

    again = _enroll(hq, code, device_code="KHR2")
    assert again.status_code == 403
    assert again.json()["error"] == protocol.ENROLL_CODE_INVALID

    engine = sa.create_engine(hq.db_url)
    try:
        with engine.connect() as conn:
            everything = " ".join(
                str(value)
                for table in ("enroll_codes", "devices")
                for row in conn.execute(sa.text(f"SELECT * FROM {table}"))
                for value in row
            )
    finally:
        engine.dispose()
    normalised = code.replace("-", "")
    assert code not in everything and normalised not in everything and answer["token"] not in everything
    assert hashlib.sha256(answer["token"].encode()).hexdigest() in everything
    assert hashlib.sha256(normalised.encode()).hexdigest() in everything


def test_unknown_and_expired_codes_are_refused(hq):
    association = hq.new_association("Association Al Amal")
    assert _enroll(hq, "AAAA-BBBB-CCCC-DDDD").json()["error"] == protocol.ENROLL_CODE_INVALID
    expired = hq.enroll_code(association, hours=0.0001)  # about a third of a second
    import time

    time.sleep(1)
    response = _enroll(hq, expired)
    assert response.status_code == 403
    assert response.json()["error"] == protocol.ENROLL_CODE_EXPIRED


def test_a_device_code_in_use_by_an_active_laptop_is_taken_until_that_laptop_is_revoked(hq):
    association = hq.new_association("Association Al Amal")
    first = Device(hq, association, "KHR1")
    response = _enroll(hq, hq.enroll_code(association), device_code="KHR1")
    assert response.status_code == 409
    assert response.json()["error"] == protocol.DEVICE_CODE_TAKEN
    other = hq.new_association("Association Annour")
    assert _enroll(hq, hq.enroll_code(other), device_code="KHR1").status_code == 200  # another association: fine

    assert hq.cli("device", "revoke", first.id).returncode == 0
    assert _enroll(hq, hq.enroll_code(association), device_code="KHR1").status_code == 200


def test_a_revoked_laptop_is_refused_on_its_very_next_request(hq):
    association = hq.new_association("Association Al Amal")
    device = Device(hq, association, "KHR1")
    assert device.hello()["device"]["code"] == "KHR1"

    assert hq.cli("device", "revoke", device.id).returncode == 0

    for response in (device.get(protocol.HELLO), device.push([]), device.get(protocol.PULL, after=0)):
        assert response.status_code == 401
        assert response.json()["error"] == protocol.DEVICE_REVOKED


def test_no_token_or_an_unknown_one_is_unauthorized(hq):
    assert requests.get(hq.url + protocol.HELLO, headers=HEADERS, timeout=30).status_code == 401
    bad = requests.get(hq.url + protocol.HELLO, headers={**HEADERS, "Authorization": "Bearer nope"}, timeout=30)
    assert bad.status_code == 401
    assert bad.json()["error"] == protocol.UNAUTHORIZED


def test_hello_tells_the_device_what_to_push_and_pull(hq):
    association = hq.new_association("Association Al Amal")
    device = Device(hq, association, "KHR1")
    hello = device.hello()
    assert hello["protocol"] == {"min": protocol.MIN_PROTOCOL_VERSION, "max": protocol.PROTOCOL_VERSION}
    assert hello["limits"] == {"max_batch": 2000, "max_body_bytes": 8388608, "pull_page": 1000}
    card_key = hello["device"].pop("card_key")
    assert hello["device"] == {
        "id": device.id,
        "code": "KHR1",
        "association_id": association,
        "association_name": "Association Al Amal",
    }
    # the association's household-card key: 32 random bytes, the same for its laptops, another for another's
    assert (
        len(card_key) == 64
        and int(card_key, 16)
        and Device(hq, association, "KHR2").hello()["device"]["card_key"] == card_key
    )
    other = hq.new_association("Association Annour")
    assert Device(hq, other, "ANR1").hello()["device"]["card_key"] not in (card_key, None)
    assert hello["push_expected"] == 1
    assert hello["pull_head"] == 0
    assert abs(hello["server_ms"] - __import__("time").time() * 1000) < 5000


def test_a_client_too_old_or_without_the_header_gets_426(hq_sqlite):
    for headers in ({}, {protocol.PROTOCOL_HEADER: "0"}):
        response = requests.get(hq_sqlite.url + protocol.HELLO, headers=headers, timeout=30)
        assert response.status_code == 426
        assert response.json() == {
            "error": protocol.PROTOCOL_TOO_OLD,
            "detail": response.json()["detail"],
            "min": protocol.MIN_PROTOCOL_VERSION,
            "max": protocol.PROTOCOL_VERSION,
        }
    enroll = requests.post(hq_sqlite.url + protocol.ENROLL, json={"code": "x", "device_code": "A"}, timeout=30)
    assert enroll.status_code == 426
