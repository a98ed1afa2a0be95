"""A laptop of association A cannot hide, take over or block association B's records at HQ (issue 11, findings 1-4,
7 and 9, replayed as the attacker did them: A's device "ATK" against B's laptops B1 and B2)."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from hq_http import Device, household

from fieldapp.ids import uuid7
from sync import protocol

STAMP = re.compile(r"^\d{15}-\d{5}-[A-Za-z0-9_.]+$")


@pytest.fixture
def world(hq):
    """Association A with its hostile device, association B with two laptops."""
    a, b = hq.new_association("Al Amal"), hq.new_association("Annour")
    return Device(hq, a, "ATK"), Device(hq, b, "B1"), Device(hq, b, "B2")


def _open_reviews(device: Device) -> list[dict]:
    return device.get(protocol.CONFLICTS).json()["reviews"]


def _serving(device: Device, event_id: str, household_id: str) -> dict:
    return device.insert("distributions", {"event_id": event_id, "household_id": household_id})


def test_a_review_key_made_first_by_another_association_does_not_take_bs_double_serving(world):
    attacker, b1, b2 = world
    event, family = b1.insert("events", {"name": "Ramadan"}), b1.insert("households", household())
    # Given A makes the same (event, household) ids first (learned from a printed sheet) and serves them twice
    fake_event = attacker.insert("events", {"name": "Ramadan"}, record_id=event["i"])
    fake_family = attacker.insert("households", household("Fake"), record_id=family["i"])
    fakes = [_serving(attacker, event["i"], family["i"]) for _ in range(2)]
    assert attacker.push([fake_event, fake_family, *fakes]).json().get("refused", []) == []
    [a_review] = _open_reviews(attacker)
    attacker.post(f"{protocol.CONFLICTS}/{a_review['key']}/settle", {"by": "ATK"})

    # When B serves its family twice on two laptops
    first, second = _serving(b1, event["i"], family["i"]), _serving(b2, event["i"], family["i"])
    assert "refused" not in b1.push([event, family, first]).json()
    b2.pull_all()
    assert b2.push([second]).json()["reviews"] == 1

    # Then B sees its own review item with its own two receipts, and A's settlement did not touch it
    [review] = _open_reviews(b1)
    assert review["key"] == a_review["key"] and sorted(review["record_ids"]) == sorted([first["i"], second["i"]])
    assert _open_reviews(attacker) == []
    assert attacker.post(f"{protocol.CONFLICTS}/{review['key']}/settle", {}).json()["settled_by"] == "ATK"
    assert len(_open_reviews(b1)) == 1


def test_a_void_naming_another_associations_distribution_is_refused_and_changes_nothing_for_b(world):
    attacker, b1, b2 = world
    event, family = b1.insert("events", {"name": "Ramadan"}), b1.insert("households", household())
    first = _serving(b1, event["i"], family["i"])
    b1.push([event, family, first])
    void = attacker.insert("distribution_voids", {"distribution_id": first["i"]})
    answer = attacker.push([void]).json()
    assert [(r["i"], r["reason"]) for r in answer["refused"]] == [(void["i"], protocol.REFUSED_MISSING_PARENT)]

    b2.pull_all()
    assert b2.push([_serving(b2, event["i"], family["i"])]).json()["reviews"] == 1
    assert len(_open_reviews(b1)) == 1


def test_a_change_whose_parent_hq_lacks_is_refused_and_the_other_laptops_pull_on(world):
    _attacker, b1, b2 = world
    event = b1.insert("events", {"name": "Ramadan"})
    orphan = _serving(b1, event["i"], uuid7())  # a household HQ never got
    member = b1.insert("members", {"household_id": uuid7(), "name": "Omar"})
    answer = b1.push([event, orphan, member]).json()
    assert answer["applied"] == 1 and answer["acked"] == 3
    assert {(r["i"], r["reason"]) for r in answer["refused"]} == {
        (orphan["i"], protocol.REFUSED_MISSING_PARENT),
        (member["i"], protocol.REFUSED_MISSING_PARENT),
    }
    pulled, _ = b2.pull_all()
    assert [c["i"] for c in pulled] == [event["i"]]


def test_an_id_another_association_used_first_cannot_be_claimed(world, hq):
    attacker, b1, b2 = world
    family = b1.insert("households", household("Fatima of B"))  # made offline on B1, not pushed yet
    claim = attacker.insert("households", household("Claimed by A"), record_id=family["i"])
    assert attacker.push([claim]).json().get("refused", []) == []

    answer = b1.push([family]).json()
    assert answer["applied"] == 1 and "refused" not in answer
    [seen_by_b2], _ = b2.pull_all()
    assert seen_by_b2["f"]["head_name"] == "Fatima of B"
    seen_by_a, _ = attacker.pull_all()
    assert "Fatima of B" not in str(seen_by_a)
    engine = sa.create_engine(hq.db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT association_id FROM records WHERE id = :i"), {"i": family["i"]}).all()
    finally:
        engine.dispose()
    assert sorted(r.association_id for r in rows) == sorted([attacker.association_id, b1.association_id])


def test_a_full_stamp_counter_moves_the_time_on_and_the_later_edit_still_wins(hq_sqlite):
    device = Device(hq_sqlite, hq_sqlite.new_association("Al Amal"), "X")
    made = device.insert("households", household(), stamp="999999999999998-99999-X")
    edit = device.update(
        "households", made["i"], {"phone": "+212611111111"}, {"phone": made["h"]}, stamp="999999999999999-00000-X"
    )
    answer = device.push([made, edit]).json()
    first, second = (cap["to"] for cap in answer["capped"])
    assert STAMP.match(first) and STAMP.match(second) and first < second
    reader = Device(hq_sqlite, device.association_id, "Y")
    [_insert, update], _ = reader.pull_all()
    assert update["h"] == second and update["f"] == {"phone": "+212611111111"}
    # A further edit that follows the capped stamp is understood (no 422), and wins.
    later = device.update("households", made["i"], {"phone": "+212622222222"}, {"phone": edit["h"]})
    assert device.push([later]).json()["applied"] == 1


def test_a_followed_stamp_far_ahead_that_hq_never_gave_does_not_lift_the_cap(hq_sqlite):
    device = Device(hq_sqlite, hq_sqlite.new_association("Al Amal"), "X")
    made = device.insert("households", household())
    device.push([made])
    forged = device.update(
        "households",
        made["i"],
        {"phone": "+212611111111"},
        {"phone": "999999999999999-99999-Z"},
        stamp="9" * 15 + "-99999-X",
    )
    [cap] = device.push([forged]).json()["capped"]
    assert STAMP.match(cap["to"]) and cap["to"][:2] < "99"


def test_pull_pages_stop_at_their_byte_limit_and_a_change_too_large_is_refused(hq_sqlite):
    author = Device(hq_sqlite, hq_sqlite.new_association("Al Amal"), "KHR1")
    big = [author.insert("households", household(notes="x" * 30_000)) for _ in range(80)]
    huge = author.insert("households", household(notes="x" * 5 * 1024 * 1024))
    answers = [author.push(big[:40]).json(), author.push(big[40:]).json(), author.push([huge]).json()]
    assert [a["applied"] for a in answers] == [40, 40, 0]
    assert answers[2]["refused"][0]["reason"] == protocol.REFUSED_TOO_LARGE

    reader = Device(hq_sqlite, author.association_id, "KHR2")
    first = reader.get(protocol.PULL, after=0, limit=1000)
    assert len(first.content) < protocol.MAX_BODY_BYTES
    page = first.json()
    assert page["more"] and 60 <= len(page["changes"]) < 80
    rest, _ = reader.pull_all(after=page["next"])
    assert len(page["changes"]) + len(rest) == 80


def test_a_resend_under_other_boundaries_still_names_what_hq_refused(hq_sqlite):
    """The answer that listed a refusal was lost; the laptop's resend (other batch boundaries) still learns it."""
    device = Device(hq_sqlite, hq_sqlite.new_association("Al Amal"), "KHR1")
    good, orphan = device.insert("households", household()), device.insert("members", {"household_id": uuid7()})
    assert [r["i"] for r in device.push([good, orphan]).json()["refused"]] == [orphan["i"]]

    again = device.post(protocol.PUSH, {"from": 2, "to": 2, "changes": [orphan]}).json()

    assert again["duplicate"] and [(r["i"], r["reason"]) for r in again["refused"]] == [
        (orphan["i"], protocol.REFUSED_MISSING_PARENT)
    ]
