"""The journal (future sync outbox): one row per change, in the same transaction, stamped in causal order."""

from __future__ import annotations

import datetime as dt
import time
import uuid

import pytest
from sqlalchemy import func, select

from fieldapp import encryption, search
from fieldapp.clock import HybridLogicalClock, Stamp
from fieldapp.db import Database
from fieldapp.errors import BadData, Refused
from fieldapp.models import Household, JournalEntry, Member
from fieldapp.rules import parse_item
from fieldapp.services.distributions import record_distribution, void_distribution
from fieldapp.services.events import create_event
from fieldapp.services.households import (
    HouseholdInput,
    MemberInput,
    delete_household,
    register_household,
    update_household,
)
from fieldapp.services.volunteers import check_in, check_out, register_volunteer

KHOURIBGA = "05.311.01.07"


def register(db, name="Fatima Benali", **fields):
    fields.setdefault("consent", True)  # registration asks for the choice
    return register_household(db, HouseholdInput(head_name=name, commune=KHOURIBGA, **fields)).value


def journal(db) -> list[JournalEntry]:
    with db.read() as session:
        return list(session.scalars(select(JournalEntry).order_by(JournalEntry.seq)))


def journal_since(db, seq: int) -> list[tuple[str, str]]:
    return [(j.entity, j.op) for j in journal(db) if j.seq > seq]


def last_seq(db) -> int:
    with db.read() as session:
        return session.scalar(select(func.coalesce(func.max(JournalEntry.seq), 0)))


# --- every change is journaled -------------------------------------------------------------------------------------


def test_registering_a_household_journals_the_household_and_each_member(db):
    start = last_seq(db)

    household = register(db, members=[MemberInput("Amina"), MemberInput("Youssef")])

    rows = [j for j in journal(db) if j.seq > start]
    assert sorted((j.entity, j.op) for j in rows) == [
        ("households", "insert"),
        ("members", "insert"),
        ("members", "insert"),
    ]
    head = next(j for j in rows if j.entity == "households")
    assert head.entity_id == household.id
    assert head.payload["head_name"] == "Fatima Benali"
    assert head.payload["commune_code"] == KHOURIBGA
    assert {j.payload["name"] for j in rows if j.entity == "members"} == {"Amina", "Youssef"}
    assert all(j.payload["household_id"] == household.id for j in rows if j.entity == "members")


def test_journal_payload_is_the_stored_row(db):
    household = register(db, cin="AB123456", phone="0612345678")

    [entry] = [j for j in journal(db) if j.entity_id == household.id]

    assert entry.payload["id"] == household.id
    assert entry.payload["cin"] == "AB123456"
    assert entry.payload["phone"] == "+212612345678"
    assert entry.payload["device_id"] == "KHR1"
    assert entry.payload["hlc"] == entry.hlc
    assert entry.payload["deleted_at"] is None


def test_a_change_that_fails_half_way_leaves_neither_rows_nor_journal_rows(db, monkeypatch):
    """The household, its members and their journal rows are flushed, then a later step of the same change fails."""
    start = last_seq(db)

    def power_cut(*_args, **_kwargs):
        raise OSError("disk I/O error")

    monkeypatch.setattr(search, "index_household", power_cut)
    with pytest.raises(OSError):
        register(db, members=[MemberInput("Amina")])

    assert last_seq(db) == start
    with encryption.connect(db.path, db.key) as raw:
        assert raw.execute("SELECT count(*) FROM households").fetchone() == (0,)
        assert raw.execute("SELECT count(*) FROM members").fetchone() == (0,)
        assert raw.execute("SELECT count(*) FROM journal WHERE entity IN ('households', 'members')").fetchone() == (0,)


def test_update_journals_the_household_and_replaced_members(db):
    household = register(db, members=[MemberInput("Amina")])
    start = last_seq(db)

    update_household(db, household.id, HouseholdInput(douar="Douar Lahmar", members=[MemberInput("Sara")]))

    assert sorted(journal_since(db, start)) == [
        ("households", "update"),
        ("members", "delete"),
        ("members", "insert"),
    ]
    [update] = [j for j in journal(db) if j.seq > start and j.entity == "households"]
    assert update.payload["douar"] == "Douar Lahmar"


def test_distribution_void_and_attendance_are_journaled(db):
    ramadan = create_event(db, "Ramadan 1446", "2025-03-01", [parse_item("FOOD:Panier:1")]).value
    household = register(db)
    hassan = register_volunteer(db, "Hassan Idrissi").value
    start = last_seq(db)

    served = record_distribution(db, ramadan.id, household.id).value
    void_distribution(db, served.receipt, "Erreur")
    at = dt.datetime(2025, 3, 1, 8, tzinfo=dt.UTC)
    check_in(db, hassan.id, ramadan.id, at=at)
    check_out(db, hassan.id, ramadan.id, at=at + dt.timedelta(hours=1))

    assert journal_since(db, start) == [
        ("distributions", "insert"),
        ("distribution_voids", "insert"),
        ("attendance", "insert"),
        ("attendance", "update"),
    ]


def test_creating_an_event_journals_the_event_and_its_items(db):
    start = last_seq(db)

    create_event(db, "Ramadan 1446", "2025-03-01", [parse_item("FOOD:Panier:1"), parse_item("OIL:Huile:1")])

    assert sorted(journal_since(db, start)) == [
        ("event_items", "insert"),
        ("event_items", "insert"),
        ("events", "insert"),
    ]


def test_a_refused_change_writes_no_journal_row(db):
    register(db, cin="AB123456")
    ramadan = create_event(db, "Ramadan 1446", "2025-03-01", [parse_item("FOOD:Panier:1")]).value
    household = register(db, "Rachid Tazi", members=[MemberInput("Salma")])
    record_distribution(db, ramadan.id, household.id)
    start = last_seq(db)

    with pytest.raises(Refused):
        register(db, "Khadija Amrani", cin="AB123456", members=[MemberInput("Omar")])
    with pytest.raises(Refused):
        record_distribution(db, ramadan.id, household.id)
    with pytest.raises(Refused):
        update_household(db, household.id, HouseholdInput(cin="AB123456", members=[MemberInput("Omar")]))
    with pytest.raises(BadData):
        update_household(db, household.id, HouseholdInput(douar="Douar", phone="123"))

    assert last_seq(db) == start
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Member).where(Member.name == "Omar")) == 0


# --- stamps, ids, times ------------------------------------------------------------------------------------------


def test_hlc_stamps_strictly_increase_in_journal_order(db):
    household = register(db, members=[MemberInput("Amina"), MemberInput("Youssef")])
    for douar in ("Douar A", "Douar B", "Douar C"):
        update_household(db, household.id, HouseholdInput(douar=douar))
    register(db, "Rachid Tazi")

    stamps = [j.hlc for j in journal(db)]

    assert len(stamps) >= 7
    assert all(a < b for a, b in zip(stamps, stamps[1:], strict=False)), stamps
    assert [Stamp.parse(s) for s in stamps] == sorted(Stamp.parse(s) for s in stamps)
    assert {Stamp.parse(s).node for s in stamps} == {"KHR1"}


def test_hlc_stamps_keep_increasing_after_the_database_is_reopened(db):
    register(db)
    last = journal(db)[-1].hlc

    reopened = Database(db.path, key=db.key)
    try:
        register(reopened, "Rachid Tazi")
        newest = journal(reopened)[-1].hlc
    finally:
        reopened.dispose()

    assert newest > last


@pytest.fixture
def laptop_clock(monkeypatch):
    """The laptop's wall clock, which the operator can set back (stamps and ids read it through time.time_ns)."""
    now_ms = [time.time_ns() // 1_000_000 - 10_000]  # never ahead of the real clock, for the tests that follow
    monkeypatch.setattr(time, "time_ns", lambda: now_ms[0] * 1_000_000)
    return now_ms


def test_hlc_stamps_keep_increasing_when_the_laptop_clock_is_set_back(db, laptop_clock):
    register(db, "Fatima Benali")
    laptop_clock[0] -= 3_600_000  # an hour back: summer time undone by hand
    register(db, "Rachid Tazi")
    register(db, "Khadija Amrani")

    stamps = [j.hlc for j in journal(db)]
    assert len(stamps) == 3
    assert stamps == sorted(set(stamps))


def test_hlc_stamps_keep_increasing_with_two_windows_on_the_same_file(db, laptop_clock):
    other_window = Database(db.path, key=db.key)
    try:
        register(other_window, "Fatima Benali")
        laptop_clock[0] += 1_000
        register(db, "Rachid Tazi")
        laptop_clock[0] -= 60_000  # the clock is set back a minute
        register(db, "Khadija Amrani")
        register(other_window, "Youssef Amrani")
    finally:
        other_window.dispose()

    stamps = [j.hlc for j in journal(db)]
    assert len(stamps) == 4
    assert stamps == sorted(set(stamps)), stamps


def test_hlc_never_goes_back_when_the_wall_clock_does():
    now = [1_700_000_000_000]
    clock = HybridLogicalClock("KHR1", wall_clock=lambda: now[0])

    first = clock.now()
    now[0] -= 60_000  # the laptop clock is set back a minute
    second = clock.now()
    third = clock.now()
    now[0] += 120_000
    fourth = clock.now()

    assert first < second < third < fourth
    assert Stamp.parse(fourth).wall_ms == now[0]


def test_hlc_moves_past_a_stamp_seen_from_another_device():
    clock = HybridLogicalClock("KHR1", wall_clock=lambda: 1_000)

    clock.observe(str(Stamp(5_000, 3, "OUJ2")))

    assert Stamp.parse(clock.now()) > Stamp(5_000, 3, "KHR1")


def test_the_row_stamp_is_the_stamp_of_its_latest_journal_entry(db):
    household = register(db)
    update_household(db, household.id, HouseholdInput(douar="Douar Lahmar"))

    with db.read() as session:
        stored = session.get(Household, household.id)
    entries = [j for j in journal(db) if j.entity_id == household.id]
    assert stored.hlc == entries[-1].hlc
    assert stored.hlc > entries[0].hlc


def test_ids_are_uuid7_and_ordered_by_creation_time(db):
    before_ms = time.time_ns() // 1_000_000
    created = [register(db, f"Foyer {i}").id for i in range(5)]
    after_ms = time.time_ns() // 1_000_000

    parsed = [uuid.UUID(i) for i in created]
    assert all(u.version == 7 for u in parsed)
    assert all(u.variant == uuid.RFC_4122 for u in parsed)
    assert created == sorted(created)
    assert all(before_ms <= u.int >> 80 <= after_ms for u in parsed)


def test_member_ids_made_in_the_same_millisecond_stay_ordered_and_unique(db):
    household = register(db, members=[MemberInput(f"Enfant {i}") for i in range(20)])

    with db.read() as session:
        ids = list(session.scalars(select(Member.id).where(Member.household_id == household.id)))
    assert len(set(ids)) == 20
    assert all(uuid.UUID(i).version == 7 for i in ids)


@pytest.fixture
def far_timezone(monkeypatch):
    """The laptop's local time is far from UTC, so a local-time bug would show."""
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")  # UTC+14
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_times_are_stored_in_utc_and_returned_timezone_aware(db, far_timezone):
    before = dt.datetime.now(dt.UTC)
    household = register(db, consent=True)
    after = dt.datetime.now(dt.UTC)

    for value in (household.created_at, household.updated_at, household.consent_at):
        assert value.utcoffset() == dt.timedelta(0)
        assert before - dt.timedelta(seconds=1) <= value <= after + dt.timedelta(seconds=1)
    with encryption.connect(db.path, db.key) as raw:
        created_raw, consent_raw = raw.execute(
            "SELECT created_at, consent_at FROM households WHERE id = ?", (household.id,)
        ).fetchone()
        [journal_at] = raw.execute("SELECT at FROM journal WHERE entity_id = ?", (household.id,)).fetchone()
    for text in (created_raw, consent_raw, journal_at):
        stored = dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)
        assert before - dt.timedelta(seconds=1) <= stored <= after + dt.timedelta(seconds=1), text


def test_journal_times_are_timezone_aware_utc(db):
    register(db)

    assert all(j.at.utcoffset() == dt.timedelta(0) for j in journal(db))


# --- soft delete -------------------------------------------------------------------------------------------------


def test_soft_delete_journals_a_delete_and_keeps_the_row(db):
    household = register(db, cin="AB123456")
    start = last_seq(db)

    delete_household(db, household.id, reason="Doublon")

    [entry] = [j for j in journal(db) if j.seq > start]
    assert (entry.entity, entry.entity_id, entry.op) == ("households", household.id, "delete")
    assert entry.payload["deleted_at"] is not None
    with db.read() as session:
        kept = session.get(Household, household.id)
    assert kept is not None
    assert kept.deleted_at is not None
    assert kept.head_name == "Fatima Benali" and kept.cin == "AB123456"


def test_a_clock_floor_put_inside_a_transaction_is_observed_by_its_next_stamp(db):
    """The clock is read once per transaction; a pull that puts a newer floor meanwhile must still stamp after it."""
    from fieldapp import settings

    ahead = str(Stamp(time.time_ns() // 1_000_000 + 3_600_000, 0, "OUJ2"))  # a laptop an hour ahead
    with db.write() as uow:
        uow.session.add(Household(head_name="Fatima", province_code="05.311", commune_code=KHOURIBGA, size=1))
        uow.session.flush()
        settings.put(uow.session, "sync_clock_floor", ahead)
        uow.session.flush()
        uow.session.add(Household(head_name="Rachid", province_code="05.311", commune_code=KHOURIBGA, size=1))
    first, second = [j.hlc for j in journal(db)]
    assert first < ahead < second
