"""What HQ finds while merging: conflicting edits (kept, listed, settled) and households served twice (reviews)."""

from __future__ import annotations

import json

from hq_http import Device, household

from fieldapp.merge import Conflict, conflict_key
from sync import protocol


def _concurrent_phone_edits(hq):
    association = hq.new_association("Al Amal")
    a, b = Device(hq, association, "KHR1"), Device(hq, association, "KHR2")
    insert = a.insert("households", household())
    a.push([insert])
    b.pull_all()
    b.clock.observe(insert["h"])
    a_edit = a.update("households", insert["i"], {"phone": "+212611111111"}, {"phone": insert["h"]})
    b_edit = b.update("households", insert["i"], {"phone": "+212622222222"}, {"phone": insert["h"]})
    return a, b, insert, a_edit, b_edit


def test_concurrent_edits_keep_the_newest_and_store_the_loser_as_a_conflict(hq):
    a, b, insert, a_edit, b_edit = _concurrent_phone_edits(hq)
    assert a_edit["h"] < b_edit["h"]
    assert b.push([b_edit]).json()["conflicts"] == 0
    answer = a.push([a_edit]).json()
    assert answer["conflicts"] == 1 and answer["applied"] == 0

    listed = a.get(protocol.CONFLICTS).json()
    expected_key = conflict_key(
        "households", insert["i"], Conflict("phone", "+212622222222", b_edit["h"], "+212611111111", a_edit["h"])
    )
    assert [c["key"] for c in listed["conflicts"]] == [expected_key]
    conflict = listed["conflicts"][0]
    assert (conflict["t"], conflict["i"], conflict["field"]) == ("households", insert["i"], "phone")
    assert (conflict["winner_value"], conflict["loser_value"]) == ("+212622222222", "+212611111111")
    assert listed["reviews"] == []

    text = hq.cli("conflicts")
    assert text.returncode == 0 and expected_key in text.stdout

    settled = a.post(f"{protocol.CONFLICTS}/{expected_key}/settle", {"by": "Samira"})
    assert settled.status_code == 200
    assert settled.json()["settled_by"] == "Samira" and settled.json()["settled_at"]
    assert a.get(protocol.CONFLICTS).json()["conflicts"] == []
    assert len(a.get(protocol.CONFLICTS, settled="true").json()["conflicts"]) == 1
    missing = a.post(f"{protocol.CONFLICTS}/nope/settle", {})
    assert missing.status_code == 404 and missing.json()["error"] == protocol.NOT_FOUND


def test_an_edit_made_after_seeing_the_winner_settles_the_conflict(hq_sqlite):
    a, b, insert, a_edit, b_edit = _concurrent_phone_edits(hq_sqlite)
    b.push([b_edit])
    a.push([a_edit])
    assert len(a.get(protocol.CONFLICTS).json()["conflicts"]) == 1
    a.clock.observe(b_edit["h"])
    choice = a.update("households", insert["i"], {"phone": "+212611111111"}, {"phone": b_edit["h"]})
    assert a.push([choice]).json()["applied"] == 1
    found = a.get(protocol.CONFLICTS, settled="true").json()["conflicts"]
    assert found[0]["settled_by"] == "sync:KHR1"


def test_another_associations_conflicts_are_not_listed_nor_settled(hq_sqlite):
    a, b, insert, a_edit, b_edit = _concurrent_phone_edits(hq_sqlite)
    b.push([b_edit])
    a.push([a_edit])
    key = a.get(protocol.CONFLICTS).json()["conflicts"][0]["key"]
    stranger = Device(hq_sqlite, hq_sqlite.new_association("Annour"), "ANR1")
    assert stranger.get(protocol.CONFLICTS).json() == {"conflicts": [], "reviews": []}
    assert stranger.post(f"{protocol.CONFLICTS}/{key}/settle", {}).status_code == 404


def _distribution(device: Device, event_id: str, household_id: str, receipt: str) -> dict:
    fields = {
        "event_id": event_id,
        "household_id": household_id,
        "receipt": receipt,
        "items": [{"code": "KIT", "quantity": 1}],
        "served_at": "2027-02-20T10:00:00+00:00",
    }
    return device.insert("distributions", fields)


def test_one_household_served_twice_for_one_event_on_two_laptops_becomes_a_review(hq):
    association = hq.new_association("Al Amal")
    a, b = Device(hq, association, "KHR1"), Device(hq, association, "KHR2")
    home = a.insert("households", household())
    event = a.insert("events", {"name": "Ramadan", "starts_on": "2027-02-18", "ends_on": "2027-03-19"})
    a.push([home, event])
    first = _distribution(a, event["i"], home["i"], "KHR1-2027-00001")
    second = _distribution(b, event["i"], home["i"], "KHR2-2027-00001")
    assert a.push([first]).json()["reviews"] == 0
    answer = b.push([second]).json()
    assert answer["reviews"] == 1 and answer["applied"] == 1  # both distributions are kept

    reviews = b.get(protocol.CONFLICTS).json()["reviews"]
    assert len(reviews) == 1
    review = reviews[0]
    assert review["key"] == protocol.review_key(protocol.DOUBLE_DISTRIBUTION, event["i"], home["i"])
    assert review["kind"] == protocol.DOUBLE_DISTRIBUTION
    assert (review["event_id"], review["household_id"]) == (event["i"], home["i"])
    assert review["record_ids"] == sorted([first["i"], second["i"]])

    listed = hq.cli("conflicts", "--json")
    assert listed.returncode == 0 and review["key"] in listed.stdout
    settled = hq.cli("conflicts", "--settle", review["key"], "--by", "HQ desk", "--json")
    assert settled.returncode == 0 and '"settled_by": "HQ desk"' in settled.stdout
    assert b.get(protocol.CONFLICTS).json()["reviews"] == []


def test_a_voided_distribution_does_not_count_and_a_resend_finds_nothing_new(hq_sqlite):
    hq = hq_sqlite
    device = Device(hq, hq.new_association("Al Amal"), "KHR1")
    home = device.insert("households", household())
    event = device.insert("events", {"name": "Ramadan", "starts_on": "2027-02-18", "ends_on": "2027-03-19"})
    wrong = _distribution(device, event["i"], home["i"], "KHR1-2027-00001")
    void = device.insert(
        "distribution_voids",
        {"distribution_id": wrong["i"], "reason": "wrong family", "voided_at": "2027-02-20T10:05:00+00:00"},
    )
    right = _distribution(device, event["i"], home["i"], "KHR1-2027-00002")
    batch = device.batch([home, event, wrong, void, right])
    answer = device.post(protocol.PUSH, batch).json()
    assert answer["reviews"] == 0 and answer["applied"] == 5
    assert device.post(protocol.PUSH, batch).json() == answer
    assert device.get(protocol.CONFLICTS).json()["reviews"] == []


def test_two_laptops_pushing_the_same_servings_at_the_same_moment_still_open_every_review(hq):
    from concurrent.futures import ThreadPoolExecutor

    association = hq.new_association("Al Amal")
    a, b = Device(hq, association, "KHR1"), Device(hq, association, "KHR2")
    event = a.insert("events", {"name": "Ramadan", "starts_on": "2027-02-18", "ends_on": "2027-03-19"})
    homes = [a.insert("households", household(f"Family {n}")) for n in range(40)]
    a.push([event, *homes])

    def servings(device: Device, group: list[dict], start: int) -> dict:
        return device.batch(
            [
                _distribution(device, event["i"], h["i"], f"{device.code}-2027-{start + n:05d}")
                for n, h in enumerate(group)
            ]
        )

    rounds = [(servings(a, homes[s : s + 10], s), servings(b, homes[s : s + 10], s)) for s in range(0, 40, 10)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        for batch_a, batch_b in rounds:
            answers = list(pool.map(lambda pair: pair[0].post(protocol.PUSH, pair[1]), [(a, batch_a), (b, batch_b)]))
            assert [r.status_code for r in answers] == [200, 200]
    reviews = a.get(protocol.CONFLICTS).json()["reviews"]
    assert len(reviews) == 40
    assert all(len(r["record_ids"]) == 2 for r in reviews)
    seen = {d["code"]: d["last_seen_at"] for d in json.loads(hq.cli("device", "list", "--json").stdout)["devices"]}
    assert seen["KHR1"] and seen["KHR2"]


def test_one_cin_registered_for_two_households_on_two_laptops_becomes_a_review(hq):
    association = hq.new_association("Al Amal")
    a, b = Device(hq, association, "KHR1"), Device(hq, association, "KHR2")
    first = a.insert("households", household("Fatima Zahra", cin="AB123456"))
    second = b.insert("households", household("Fatima Zahra Alaoui", cin="AB123456"))
    assert a.push([first]).json()["reviews"] == 0
    assert b.push([second]).json()["reviews"] == 1
    review = b.get(protocol.CONFLICTS).json()["reviews"][0]
    one, two = sorted((first["i"], second["i"]))
    assert review["key"] == protocol.review_key(protocol.DUPLICATE_CIN, one, two)
    assert (review["kind"], review["household_id"], review["record_ids"]) == ("duplicate_cin", second["i"], [one, two])

    # A deleted household frees its CIN; another association may hold the same CIN without a review.
    gone = a.update("households", first["i"], {"deleted_at": "2027-03-01T10:00:00+00:00"}, {"deleted_at": first["h"]})
    a.push([gone])
    third = b.insert("households", household("Fatima Z.", cin="AB123456"))
    assert b.push([third]).json()["reviews"] == 1  # still held by `second`
    stranger = Device(hq, hq.new_association("Annour"), "ANR1")
    assert stranger.push([stranger.insert("households", household(cin="AB123456"))]).json()["reviews"] == 0
