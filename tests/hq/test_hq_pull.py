"""Pull: pages in cursor order, own changes left out, one association never sees another's, reference data for all."""

from __future__ import annotations

import json

from hq_http import Device, household

from fieldapp.ids import uuid7
from sync import protocol


def test_pages_follow_the_cursor_and_leave_out_the_devices_own_changes(hq):
    association = hq.new_association("Al Amal")
    author, reader = Device(hq, association, "KHR1"), Device(hq, association, "KHR2")
    inserts = [author.insert("households", household(f"Family {n}")) for n in range(25)]
    assert author.push(inserts).status_code == 200

    first = reader.get(protocol.PULL, after=0, limit=10).json()
    assert [c["i"] for c in first["changes"]] == [c["i"] for c in inserts[:10]]
    assert first["more"] is True and first["next"] == 10
    change = first["changes"][0]
    assert change == {
        "t": "households",
        "i": inserts[0]["i"],
        "h": inserts[0]["h"],
        "o": "i",
        "f": inserts[0]["f"],
        "d": "KHR1",
    }
    second = reader.get(protocol.PULL, after=first["next"], limit=10).json()
    third = reader.get(protocol.PULL, after=second["next"], limit=10).json()
    assert len(second["changes"]) == 10 and len(third["changes"]) == 5
    assert third["more"] is False and third["next"] == 25
    empty = reader.get(protocol.PULL, after=25).json()
    assert empty == {"changes": [], "next": 25, "more": False}

    own = author.get(protocol.PULL, after=0).json()
    assert own["changes"] == [] and own["next"] == 25 and own["more"] is False
    assert reader.hello()["pull_head"] == 25


def test_updates_travel_with_the_stamps_their_author_saw(hq_sqlite):
    association = hq_sqlite.new_association("Al Amal")
    author, reader = Device(hq_sqlite, association, "KHR1"), Device(hq_sqlite, association, "KHR2")
    insert = author.insert("households", household())
    edit = author.update("households", insert["i"], {"phone": "+212612345678"}, {"phone": insert["h"]})
    author.push([insert, edit])
    changes, cursor = reader.pull_all()
    assert changes[1] == {**edit, "d": "KHR1"}
    assert cursor == 2


def test_an_association_never_reads_anothers_records_and_reference_data_reaches_both(hq):
    amal, annour = hq.new_association("Al Amal"), hq.new_association("Annour")
    a, b = Device(hq, amal, "KHR1"), Device(hq, annour, "KHR1")
    a.push([a.insert("households", household("Secret of A"))])
    b.push([b.insert("households", household("Secret of B"))])

    published = hq.cli(
        "campaign",
        "publish",
        "--name",
        "Ramadan 2027",
        "--starts",
        "2027-02-18",
        "--ends",
        "2027-03-19",
        "--item",
        "KIT:Panier Ramadan:1",
        "--item",
        "MILK:Lait infantile:2",
        "--json",
    )
    assert published.returncode == 0, published.stderr
    event_id = json.loads(published.stdout)["event_id"]

    for device, own, foreign in ((a, "Secret of A", "Secret of B"), (b, "Secret of B", "Secret of A")):
        changes, _ = device.pull_all()
        text = json.dumps(changes, ensure_ascii=False)
        assert own not in text and foreign not in text
        reference = [c for c in changes if c.get("a") == protocol.EVERY_ASSOCIATION]
        assert [c["t"] for c in reference] == ["events", "event_items", "event_items"]
        assert reference[0]["i"] == event_id and reference[0]["d"] == protocol.HQ_DEVICE
        assert reference[0]["f"] == {"name": "Ramadan 2027", "starts_on": "2027-02-18", "ends_on": "2027-03-19"}
        assert reference[1]["f"]["event_id"] == event_id and reference[1]["f"]["quantity"] == 1
        assert reference[0]["h"].endswith("-HQ") and reference[0]["h"] < reference[1]["h"]


def test_a_device_cannot_change_another_associations_record_nor_hqs_reference_data(hq_sqlite):
    hq = hq_sqlite
    a, b = Device(hq, hq.new_association("Al Amal"), "KHR1"), Device(hq, hq.new_association("Annour"), "KHR2")
    secret = a.insert("households", household("Secret of A"))
    a.push([secret])
    hq.cli(
        "campaign",
        "publish",
        "--name",
        "Hiver",
        "--starts",
        "2027-01-01",
        "--ends",
        "2027-01-31",
        "--item",
        "KIT:Couverture:1",
    )
    reference, _ = b.pull_all()
    event = reference[0]

    attack = b.update("households", secret["i"], {"head_name": "Changed by B"}, {"head_name": secret["h"]})
    rename = b.update("events", event["i"], {"name": "Mine"}, {"name": event["h"]})
    guess = b.update("households", uuid7(), {"head_name": "Changed by B"}, {"head_name": secret["h"]})
    answer = b.push([attack, rename, guess]).json()
    assert answer["applied"] == 0
    reasons = [(r["t"], r["i"], r["reason"]) for r in answer["refused"]]
    # A's household and an id nobody uses get the same answer: B learns nothing of A's records.
    assert reasons == [
        ("households", secret["i"], protocol.REFUSED_UNKNOWN_RECORD),
        ("events", event["i"], protocol.REFUSED_REFERENCE_DATA),
        ("households", guess["i"], protocol.REFUSED_UNKNOWN_RECORD),
    ]
    assert answer["refused"][0]["detail"] == answer["refused"][2]["detail"]
    assert b.hello()["push_expected"] == 4  # refused changes are still acknowledged: resending cannot help
    seen_by_a, _ = a.pull_all()
    assert "Changed by B" not in json.dumps(seen_by_a) and "Mine" not in json.dumps(seen_by_a)


def test_the_cursor_survives_a_restart_of_hq(hq):
    association = hq.new_association("Al Amal")
    author, reader = Device(hq, association, "KHR1"), Device(hq, association, "KHR2")
    author.push([author.insert("households", household("Before"))])
    _, cursor = reader.pull_all()
    hq.restart()
    author.push([author.insert("households", household("After"))])
    changes, cursor_after = reader.pull_all(after=cursor)
    assert [c["f"]["head_name"] for c in changes] == ["After"]
    assert cursor_after == cursor + 1
