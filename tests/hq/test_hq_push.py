"""Push: a batch is applied once (resends, overlaps, 20 concurrent copies), gaps get 409, future stamps are capped."""

from __future__ import annotations

import gzip
import json
from concurrent.futures import ThreadPoolExecutor

import requests
import sqlalchemy as sa
from hq_http import Device, household, ms

from sync import protocol


def _count(hq, sql: str) -> int:
    engine = sa.create_engine(hq.db_url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text(sql)).scalar()
    finally:
        engine.dispose()


def test_a_resent_batch_gets_the_same_answer_and_nothing_twice(hq):
    device = Device(hq, hq.new_association("Al Amal"), "KHR1")
    batch = device.batch([device.insert("households", household(f"Family {n}")) for n in range(5)])

    first = device.post(protocol.PUSH, batch)
    assert first.status_code == 200, first.text
    assert first.json() == {"acked": 5, "applied": 5, "conflicts": 0, "reviews": 0, "capped": []}
    again = device.post(protocol.PUSH, batch)
    assert again.status_code == 200
    assert again.json() == first.json()

    assert _count(hq, "SELECT count(*) FROM records") == 5
    assert _count(hq, "SELECT count(*) FROM changes") == 5
    assert device.hello()["push_expected"] == 6


def test_the_same_batch_sent_twenty_times_at_once_is_applied_once(hq):
    device = Device(hq, hq.new_association("Al Amal"), "KHR1")
    batch = device.batch([device.insert("households", household(f"Family {n}")) for n in range(50)])
    body = protocol.encode(batch)

    def send(_):
        with requests.Session() as session:
            headers = device.headers(**{"Content-Encoding": "gzip", "Content-Type": "application/json"})
            return session.post(hq.url + protocol.PUSH, data=body, headers=headers, timeout=60)

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(send, range(20)))

    assert {a.status_code for a in answers} == {200}
    assert {json.dumps(a.json(), sort_keys=True) for a in answers} == {
        json.dumps({"acked": 50, "applied": 50, "conflicts": 0, "reviews": 0, "capped": []}, sort_keys=True)
    }
    assert _count(hq, "SELECT count(*) FROM records") == 50
    assert _count(hq, "SELECT count(*) FROM changes") == 50
    assert _count(hq, "SELECT count(*) FROM push_batches") == 1


def test_a_gap_gets_409_with_the_sequence_hq_expects(hq):
    device = Device(hq, hq.new_association("Al Amal"), "KHR1")
    assert device.push([device.insert("households", household())]).status_code == 200
    skipped = {"from": 5, "to": 5, "changes": [device.insert("households", household("Later"))]}
    response = device.post(protocol.PUSH, skipped)
    assert response.status_code == 409
    assert response.json()["error"] == protocol.SEQUENCE_GAP
    assert response.json()["expected"] == 2


def test_an_overlapping_batch_applies_only_its_new_part(hq):
    device = Device(hq, hq.new_association("Al Amal"), "KHR1")
    changes = [device.insert("households", household(f"Family {n}")) for n in range(10)]
    assert device.post(protocol.PUSH, {"from": 1, "to": 4, "changes": changes[:4]}).json()["acked"] == 4

    # The client cut its batches differently after a timeout and sends 1..10 again.
    response = device.post(protocol.PUSH, {"from": 1, "to": 10, "changes": changes})
    assert response.status_code == 200
    assert response.json() == {"acked": 10, "applied": 6, "conflicts": 0, "reviews": 0, "capped": []}
    assert _count(hq, "SELECT count(*) FROM changes") == 10

    # An old batch HQ never stored as such (2..3 is inside 1..4): acknowledged as a duplicate, nothing applied.
    old = device.post(protocol.PUSH, {"from": 2, "to": 3, "changes": changes[1:3]})
    assert old.json() == {"acked": 10, "duplicate": True, "capped": []}


def test_stamps_far_ahead_of_hq_are_capped_and_listed(hq):
    device = Device(hq, hq.new_association("Al Amal"), "KHR1")
    year_ahead = f"{ms() + 365 * 86_400_000:015d}-00007-KHR1"
    near = f"{ms() + 10_000:015d}-00000-KHR1"  # 10 s ahead: inside the allowance, kept
    capped_insert = device.insert("households", household("Ahead"), stamp=year_ahead)
    kept_insert = device.insert("households", household("Near"), stamp=near)
    before = ms()
    answer = device.push([capped_insert, kept_insert]).json()
    after = ms()

    assert len(answer["capped"]) == 1
    cap = answer["capped"][0]
    assert (cap["t"], cap["i"], cap["from"]) == ("households", capped_insert["i"], year_ahead)
    wall, counter, node = cap["to"].split("-", 2)
    assert before <= int(wall) <= after and (counter, node) == ("00007", "KHR1")

    # Another laptop sees the capped stamp; a later edit by the first laptop that saw the original stamp still
    # follows it (its "p" is rewritten) rather than counting as a concurrent edit.
    other = Device(hq, device.association_id, "KHR2")
    pulled, _ = other.pull_all()
    assert {c["i"]: c["h"] for c in pulled}[capped_insert["i"]] == cap["to"]
    edit = device.update("households", capped_insert["i"], {"size": 6}, {"size": year_ahead})
    assert device.push([edit]).json()["conflicts"] == 0


def test_a_resend_with_other_boundaries_still_tells_the_stamps_hq_capped(hq):
    """A laptop whose answer was lost may resend what HQ has under other batch boundaries (its record of the batch
    in flight was out of date): HQ has no stored answer for those boundaries, yet names every stamp it capped, so
    the laptop rewrites its copies and stays equal to HQ (found by the randomized sync test under load)."""
    device = Device(hq, hq.new_association("Al Amal"), "BEN3")
    year = 365 * 86_400_000
    made = [
        device.insert("households", household(f"Famille {n}"), stamp=f"{ms() + year:015d}-{n:05d}-BEN3")
        for n in range(6)
    ]
    first = device.post(protocol.PUSH, {"from": 1, "to": 4, "changes": made[:4]}).json()
    assert [c["from"] for c in first["capped"]] == [c["h"] for c in made[:4]]
    told = {c["from"]: c["to"] for c in first["capped"]}

    resent = device.post(protocol.PUSH, {"from": 2, "to": 3, "changes": made[1:3]}).json()

    assert resent["duplicate"] is True and resent["acked"] == 4
    assert {c["from"]: c["to"] for c in resent["capped"]} == {c["h"]: told[c["h"]] for c in made[1:3]}
    assert {(c["t"], c["i"]) for c in resent["capped"]} == {("households", c["i"]) for c in made[1:3]}

    overlapping = device.post(protocol.PUSH, {"from": 3, "to": 6, "changes": made[2:6]}).json()

    assert overlapping["acked"] == 6 and overlapping["applied"] == 2
    capped = {c["from"]: c["to"] for c in overlapping["capped"]}
    assert set(capped) == {c["h"] for c in made[2:6]}
    assert all(capped[c["h"]] == told[c["h"]] for c in made[2:4])  # the part HQ had: the same rewrites as before


def test_gzip_both_ways_and_plain_json_accepted(hq_sqlite):
    device = Device(hq_sqlite, hq_sqlite.new_association("Al Amal"), "KHR1")
    batch = device.batch([device.insert("households", household())])
    raw = requests.post(
        hq_sqlite.url + protocol.PUSH,
        data=protocol.encode(batch),
        headers=device.headers(**{"Content-Encoding": "gzip"}),
        timeout=30,
        stream=True,
    )
    assert raw.headers["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(raw.raw.read()))["acked"] == 1

    plain = device.post(protocol.PUSH, device.batch([device.insert("households", household())]), gzip_body=False)
    assert plain.status_code == 200 and plain.json()["acked"] == 2

    no_gzip = requests.get(
        hq_sqlite.url + protocol.HELLO, headers={**device.headers(), "Accept-Encoding": "identity"}, timeout=30
    )
    assert "Content-Encoding" not in no_gzip.headers and no_gzip.json()["push_expected"] == 3


def test_too_large_or_malformed_batches_are_refused_without_applying_anything(hq_sqlite):
    device = Device(hq_sqlite, hq_sqlite.new_association("Al Amal"), "KHR1")
    too_many = {"from": 1, "to": 2001, "changes": [device.insert("households", household())] * 2001}
    response = device.post(protocol.PUSH, too_many)
    assert response.status_code == 413 and response.json()["error"] == protocol.BATCH_TOO_LARGE

    huge = gzip.compress(b'{"from": 1, "to": 1, "changes": [' + b" " * (9 * 1024 * 1024) + b"]}")
    headers = device.headers(**{"Content-Encoding": "gzip"})
    response = requests.post(hq_sqlite.url + protocol.PUSH, data=huge, headers=headers, timeout=30)
    assert response.status_code == 413

    bad_table = device.batch([{**device.insert("households", household()), "t": "users"}])
    response = device.post(protocol.PUSH, bad_table)
    assert response.status_code == 422 and response.json()["error"] == protocol.BAD_REQUEST
    wrong_count = {"from": 1, "to": 3, "changes": [device.insert("households", household())]}
    assert device.post(protocol.PUSH, wrong_count).status_code == 422
    not_gzip = requests.post(hq_sqlite.url + protocol.PUSH, data=b"nope", headers=headers, timeout=30)
    assert not_gzip.status_code == 400 and not_gzip.json()["error"] == protocol.BAD_REQUEST
    assert device.hello()["push_expected"] == 1


def test_values_a_laptop_could_not_store_are_refused_one_by_one_and_the_rest_of_the_batch_is_applied(hq):
    device = Device(hq, hq.new_association("Al Amal"), "KHR1")
    good = device.insert("households", household(cin="C" * 20, notes="NUL \u0000 and Arabic العربية"))
    odd = [
        device.insert("distributions", {"event_id": ["x"], "household_id": {"y": 1}, "receipt": "R"}),
        device.insert("distributions", {"event_id": "e" * 80, "household_id": "h" * 80}),
        device.insert("households", household(cin={"not": "a cin"})),
        good,
        device.insert("households", household(cin="C" * 40)),
        device.insert("distribution_voids", {"distribution_id": 42}),
        device.insert("households", household(size="four")),
        device.insert("events", {"starts_on": "20/02/2026"}),
    ]
    answer = device.push(odd)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["applied"] == 1
    assert [r["i"] for r in body["refused"]] == [c["i"] for c in odd if c is not good]
    assert {r["reason"] for r in body["refused"]} == {protocol.REFUSED_BAD_VALUE}
    assert "size must be a whole number" in [r["detail"] for r in body["refused"]]
    other = Device(hq, device.association_id, "KHR2")
    pulled, _ = other.pull_all()
    assert [c["f"] for c in pulled] == [good["f"]]
