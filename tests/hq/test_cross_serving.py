"""Double-serving across associations: real laptops of two associations register and serve families in a campaign HQ
published, sync with a real HQ (SQLite and PostgreSQL), and HQ pairs the receipts that served one person twice."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "sync"))  # tests/sync/replicas.py
from replicas import KHOURIBGA, enrolled_laptop  # noqa: E402

from fieldapp.services import distributions  # noqa: E402
from fieldapp.services.households import (  # noqa: E402
    HouseholdInput,
    delete_household,
    register_household,
    update_household,
)
from hq import cross_catchup, cross_serving  # noqa: E402
from hq import schema as s  # noqa: E402
from hq.db import Database  # noqa: E402
from sync import engine  # noqa: E402

CIN = "BK123456"


def publish(hq, name: str) -> str:
    """HQ publishes a campaign to every association, running this month; its event id."""
    today = dt.date.today()
    proc = hq.cli(
        "campaign", "publish", "--name", name, "--starts", str(today - dt.timedelta(days=5)),
        "--ends", str(today + dt.timedelta(days=30)), "--item", "KIT:Panier:1", "--json",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)["event_id"]


class Platform:
    """HQ, its associations and their laptops (real encrypted SQLite files enrolled with HQ)."""

    def __init__(self, hq, tmp_path: Path) -> None:
        self.hq, self.tmp_path = hq, tmp_path
        self.laptops = []
        self.db = Database(hq.db_url, pool_size=2)

    def association(self, name: str, device: str):
        association_id = self.hq.new_association(name)
        laptop = enrolled_laptop(self.tmp_path, self.hq, association_id, device)
        self.laptops.append(laptop)
        return association_id, laptop

    def campaign(self, name: str) -> str:
        return publish(self.hq, name)

    def sync(self) -> None:
        for laptop in self.laptops:
            engine.sync_now(laptop)

    def close(self) -> None:
        for laptop in self.laptops:
            laptop.dispose()
        self.db.dispose()


@pytest.fixture
def platform(hq, tmp_path):
    made = Platform(hq, tmp_path)
    yield made
    made.close()


def register(laptop, name: str, name_ar: str | None = None, cin: str | None = None, phone: str | None = None) -> str:
    data = HouseholdInput(consent=True, head_name=name, head_name_ar=name_ar, cin=cin, phone=phone, commune=KHOURIBGA)
    return register_household(laptop, data).value.id


def serve(laptop, event_id: str, household_id: str):
    return distributions.record_distribution(laptop, event_id, household_id).value


def two_served(platform: Platform, cin_b: str = CIN):
    """Al Amal and Annour each register the same woman (the same CIN) and serve her in one campaign."""
    amal, laptop_a = platform.association("Association Al Amal", "KHR1")
    annour, laptop_b = platform.association("Association Annour", "ANR1")
    event = platform.campaign("Ramadan 1448")
    platform.sync()
    home_a = register(laptop_a, "Fatima Benali", cin=CIN)
    home_b = register(laptop_b, "Fatema Ben Ali", cin=cin_b)
    served_a, served_b = serve(laptop_a, event, home_a), serve(laptop_b, event, home_b)
    platform.sync()
    return event, (amal, laptop_a, home_a, served_a), (annour, laptop_b, home_b, served_b)


def _sides(pair) -> dict:
    return {side.association_id: side for side in (pair.first, pair.second)}


def test_the_same_cin_served_by_two_associations_in_one_campaign_is_one_pair_with_both_receipts(platform):
    event, (amal, _, home_a, served_a), (annour, _, home_b, served_b) = two_served(platform)

    page = cross_serving.platform_pairs(platform.db, event)

    assert page.total == 1 and len(page.pairs) == 1
    pair = page.pairs[0]
    assert (pair.event_id, pair.event_name, pair.reason) == (event, "Ramadan 1448", "cin")
    sides = _sides(pair)
    assert sides[amal] == cross_serving.Served(
        amal, "Association Al Amal", home_a, served_a.id, served_a.receipt, "KHR1", sides[amal].served_at
    )
    assert sides[annour] == cross_serving.Served(
        annour, "Association Annour", home_b, served_b.id, served_b.receipt, "ANR1", sides[annour].served_at
    )
    assert served_a.receipt.startswith("KHR1") and sides[amal].served_at[:10] == dt.date.today().isoformat()
    assert cross_serving.counts(platform.db) == [cross_serving.CampaignCount(event, "Ramadan 1448", 1, 2)]
    assert cross_serving.platform_pairs(platform.db, "no-such-event").total == 0
    assert cross_serving.platform_pairs(platform.db, association_id=annour).pairs == page.pairs
    assert cross_serving.platform_pairs(platform.db, association_id=platform.hq.new_association("Nour")).total == 0


def test_the_cin_in_clear_is_nowhere_in_the_matching_tables(platform):
    two_served(platform)
    cross_catchup.catch_up(platform.db)
    with platform.db.read() as conn:
        keys = conn.execute(sa.select(s.match_keys)).all()
        pairs = conn.execute(sa.select(s.cross_servings)).all()
    assert len(keys) >= 5 and len(pairs) == 1  # a CIN and a name per household, and the key's fingerprint
    dumped = repr(keys) + repr(pairs)
    for clear in (CIN, CIN.lower(), "123456", "fatima", "benali"):
        assert clear not in dumped.lower()


def test_the_same_phone_and_name_in_arabic_on_one_side_and_latin_and_arabic_on_the_other_match(platform):
    amal, laptop_a = platform.association("Association Al Amal", "KHR1")
    annour, laptop_b = platform.association("Association Annour", "ANR1")
    event = platform.campaign("Rentrée scolaire")
    platform.sync()
    home_a = register(laptop_a, "فاطمة الزهراء بناني", phone="06 12 34 56 78")
    home_b = register(laptop_b, "Fatima Zahra Bennani", name_ar="فاطِمة الزَّهراء بنّاني", phone="+212612345678")
    neighbour_a = register(laptop_a, "خديجة العلوي", phone="0698765432")  # same phone as a stranger, other name
    neighbour_b = register(laptop_b, "Rachid Tazi", phone="0698765432")
    for laptop, home in ((laptop_a, home_a), (laptop_b, home_b), (laptop_a, neighbour_a), (laptop_b, neighbour_b)):
        serve(laptop, event, home)
    platform.sync()

    pairs = cross_serving.platform_pairs(platform.db, event).pairs

    assert [(p.reason, {p.first.household_id, p.second.household_id}) for p in pairs] == [
        ("phone_name", {home_a, home_b})
    ]


def test_a_voided_receipt_is_in_no_pair_and_a_void_undone_brings_it_back(platform):
    event, (_, laptop_a, _, served_a), _ = two_served(platform)
    assert cross_serving.platform_pairs(platform.db, event).total == 1

    distributions.void_distribution(laptop_a, served_a.receipt, "erreur de saisie")
    platform.sync()

    assert cross_serving.platform_pairs(platform.db, event).total == 0
    assert cross_serving.counts(platform.db) == []


def test_different_campaigns_make_no_pair_and_one_association_serving_twice_is_not_this_finding(platform):
    amal, laptop_a = platform.association("Association Al Amal", "KHR1")
    annour, laptop_b = platform.association("Association Annour", "ANR1")
    ramadan, school = platform.campaign("Ramadan 1448"), platform.campaign("Rentrée scolaire")
    platform.sync()
    serve(laptop_a, ramadan, register(laptop_a, "Fatima Benali", cin=CIN))
    serve(laptop_b, school, register(laptop_b, "Fatima Benali", cin=CIN))
    twice = register(laptop_a, "Khadija Alaoui", phone="0611223344")
    serve(laptop_a, ramadan, twice)
    serve(laptop_a, ramadan, register(laptop_a, "Khadija Alaoui", phone="0611223344"))
    platform.sync()

    assert cross_serving.platform_pairs(platform.db).total == 0
    assert cross_serving.served_elsewhere(platform.db, amal).total == 0


def test_a_cin_changed_after_the_fact_makes_and_unmakes_the_pair_and_a_deleted_household_leaves_it(platform):
    event, (amal, laptop_a, home_a, _), (annour, laptop_b, home_b, _) = two_served(platform, cin_b="BK999999")
    assert cross_serving.platform_pairs(platform.db, event).total == 0

    update_household(laptop_b, home_b, HouseholdInput(cin=CIN))  # the typo on Annour's laptop corrected
    platform.sync()
    assert [p.reason for p in cross_serving.platform_pairs(platform.db, event).pairs] == ["cin"]

    update_household(laptop_a, home_a, HouseholdInput(cin="BK123457"))  # Al Amal had it wrong after all
    platform.sync()
    assert cross_serving.platform_pairs(platform.db, event).total == 0

    update_household(laptop_a, home_a, HouseholdInput(cin=CIN))
    platform.sync()
    assert cross_serving.platform_pairs(platform.db, event).total == 1
    delete_household(laptop_b, home_b, "doublon")
    platform.sync()
    assert cross_serving.platform_pairs(platform.db, event).total == 0


def test_an_association_learns_only_that_its_family_was_served_elsewhere(platform):
    event, (amal, _, home_a, served_a), (annour, _, home_b, served_b) = two_served(platform)

    page = cross_serving.served_elsewhere(platform.db, amal, event)

    assert page.total == 1
    item = page.items[0]
    assert dataclasses.asdict(item) == {
        "event_id": event,
        "event_name": "Ramadan 1448",
        "household_id": home_a,
        "distribution_id": served_a.id,
        "receipt": served_a.receipt,
        "device_code": "KHR1",
        "served_at": item.served_at,
    }
    assert item.served_at[:10] == dt.date.today().isoformat()
    told = repr(page) + repr(cross_serving.counts(platform.db, amal))
    for theirs in (annour, "Annour", home_b, served_b.id, served_b.receipt, "ANR1", "cin"):
        assert theirs not in told
    assert cross_serving.counts(platform.db, amal) == [cross_serving.CampaignCount(event, "Ramadan 1448", 1, 1)]
    other = cross_serving.served_elsewhere(platform.db, annour).items
    assert [i.distribution_id for i in other] == [served_b.id] and served_a.id not in repr(other)
    stranger = platform.hq.new_association("Association Nour")
    assert cross_serving.served_elsewhere(platform.db, stranger).total == 0
    assert cross_serving.counts(platform.db, stranger) == []


def test_the_cross_serving_command_lists_the_pairs_for_platform_staff(platform):
    event, (amal, _, _, served_a), (annour, _, _, served_b) = two_served(platform)

    text = platform.hq.cli("cross-serving", "--event", event)
    listed = platform.hq.cli("cross-serving", "--json")
    bad = platform.hq.cli("cross-serving", "--limit", "0")

    assert text.returncode == 0, text.stderr
    for shown in ("Ramadan 1448", "(cin)", "Association Al Amal", "Association Annour", served_a.receipt, "KHR1"):
        assert shown in text.stdout
    assert listed.returncode == 0
    document = json.loads(listed.stdout)
    assert document["total"] == 1
    assert {document["pairs"][0][k]["receipt"] for k in ("first", "second")} == {served_a.receipt, served_b.receipt}
    assert bad.returncode == 5 and "limit" in bad.stderr
    assert platform.hq.cli("cross-serving", "--event", "nope").stdout.strip() == "no family served twice"
    only = json.loads(platform.hq.cli("cross-serving", "--association", annour, "--json").stdout)
    assert only["total"] == 1 and amal in json.dumps(only)


def test_hq_refuses_to_start_without_its_match_key_while_hashes_exist_and_a_rebuild_starts_again(platform, tmp_path):
    event, *_ = two_served(platform)
    assert cross_serving.platform_pairs(platform.db, event).total == 1  # matched, with a key made on first need
    key_file = tmp_path / "hq-config" / "match.key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    platform.hq.stop()
    key_file.rename(tmp_path / "elsewhere.key")

    with pytest.raises(RuntimeError, match="match key file .* is missing but the database holds hashes"):
        platform.hq.start()
    key_file.write_text("ab" * 32 + "\n")  # another key: its hashes would match nothing
    with pytest.raises(RuntimeError, match="not the key the database's hashes were made with"):
        platform.hq.start()

    rebuilt = platform.hq.cli("cross-serving", "--rebuild", "--json")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert json.loads(rebuilt.stdout)["pairs"] == 1
    platform.hq.start()
    assert cross_serving.platform_pairs(platform.db, event).total == 1


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "postgresql":
        return request.getfixturevalue("pg_url")
    return f"sqlite:///{tmp_path / 'hq.sqlite3'}"


def test_a_database_at_0007_is_upgraded_with_the_pairs_of_what_it_holds(db_url, tmp_path):
    from alembic import command

    from hq.db import _alembic_config

    command.upgrade(_alembic_config(db_url), "0007")
    engine = sa.create_engine(db_url)
    rows = [
        ("e1", "events", "*", {"name": "Ramadan 1448"}, None, None),
        ("h1", "households", "amal", {"head_name": "Fatima Benali", "cin": CIN}, None, None),
        ("h2", "households", "annour", {"head_name": "Fatema Benali", "cin": CIN}, None, None),
        ("d1", "distributions", "amal", {"receipt": "KHR1-1", "event_id": "e1", "household_id": "h1"}, "e1", "h1"),
        ("d2", "distributions", "annour", {"receipt": "ANR1-1", "event_id": "e1", "household_id": "h2"}, "e1", "h2"),
    ]
    with engine.begin() as conn:
        for record_id, table, association, data, event_id, household_id in rows:
            conn.execute(
                sa.text(
                    "INSERT INTO records (id, tbl, association_id, device_code, data, field_hlc, hlc, event_id,"
                    " household_id, deleted, updated_at) VALUES (:i, :t, :a, 'B1', :data, '{}', 'x', :e, :h, false,"
                    " :now)"
                ),
                {"i": record_id, "t": table, "a": association, "data": json.dumps(data), "e": event_id,
                 "h": household_id, "now": dt.datetime(2027, 1, 1)},
            )  # fmt: skip
    engine.dispose()

    db = Database.open(db_url)
    try:
        page = cross_serving.platform_pairs(db)
        with db.read() as conn:
            keys = repr(conn.execute(sa.select(s.match_keys)).all())
    finally:
        db.dispose()
    assert [(p.reason, p.first.receipt, p.second.receipt) for p in page.pairs] == [("cin", "KHR1-1", "ANR1-1")]
    assert CIN not in keys
    assert (tmp_path / "hq-config" / "match.key").stat().st_mode & 0o777 == 0o600


def test_two_associations_serving_the_same_people_at_the_same_moment_make_every_pair(hq):
    """Matching runs one at a time in commit order (the server's background matcher and this reading catch up at
    once): no pair is lost to a race."""
    import threading

    from hq_http import Device, household

    event = publish(hq, "Ramadan 1448")
    devices = [Device(hq, hq.new_association(name), code) for name, code in (("Amal", "KHR1"), ("Annour", "ANR1"))]
    rounds = 12
    batches = []
    for device in devices:
        batch = []
        for n in range(rounds):
            home = device.insert("households", household(cin=f"BK{n:06d}"))
            batch.append([home, device.insert("distributions", {"event_id": event, "household_id": home["i"]})])
        batches.append(batch)
    start = threading.Barrier(2)
    answers = []

    def push(device, batch):
        for changes in batch:
            start.wait()
            answers.append(device.push(changes).status_code)

    threads = [threading.Thread(target=push, args=pair) for pair in zip(devices, batches, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert answers == [200] * (2 * rounds)
    db = Database(hq.db_url, pool_size=1)
    try:
        assert cross_serving.platform_pairs(db, event).total == rounds
    finally:
        db.dispose()


def test_the_matching_rules_on_keyed_hashes():
    """Anonymised and deleted households have no keys; two different CINs are two people whatever the phone and
    name; the hash depends on the key (another HQ's hashes match nothing)."""
    from hq.cross_keys import household_keys, reason

    key, other_key = bytes(32), bytes([1]) * 32
    fatima = {"head_name": "Fatima Benali", "head_name_ar": "فاطمة بنعلي", "phone": "+212612345678"}
    assert {kind for kind, _ in household_keys(key, {**fatima, "cin": "bk 123-456"})} == {"cin", "phone", "name"}
    assert household_keys(key, {**fatima, "cin": "BK123456"}) == household_keys(key, {**fatima, "cin": "bk 123-456"})
    assert household_keys(key, {**fatima, "anonymised_at": "2026-12-01T00:00:00+00:00"}) == set()
    assert household_keys(key, {**fatima, "deleted_at": "2026-12-01T00:00:00+00:00"}) == set()
    assert household_keys(key, fatima).isdisjoint(household_keys(other_key, fatima))

    mine = household_keys(key, fatima)
    assert reason(mine, household_keys(key, {**fatima, "head_name": "FATIMA  BEN-ALI", "head_name_ar": None})) is None
    assert reason(mine, household_keys(key, {**fatima, "head_name": "Bénali Fatima"})) == "phone_name"
    assert reason(mine, household_keys(key, {"head_name": "Rachid", "phone": "+212612345678"})) is None
    with_cins = household_keys(key, {**fatima, "cin": "BK1"}), household_keys(key, {**fatima, "cin": "BK2"})
    assert reason(*with_cins) is None
    assert reason(with_cins[0], household_keys(key, fatima)) == "phone_name"
    assert reason(with_cins[0], household_keys(key, {"head_name": "Autre", "cin": "BK1"})) == "cin"
