"""Bulk import of households: what lands, what is refused, and that imported households are found by search."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from fieldapp import search
from fieldapp.db import Database
from fieldapp.errors import Refused
from fieldapp.models import Household, JournalEntry, Member
from fieldapp.services.bulk import import_households
from fieldapp.services.households import (
    HouseholdInput,
    MemberInput,
    get_household,
    register_household,
    search_households,
)
from fieldapp.services.setup import initialise

KHOURIBGA = "05.311.01.07"


@pytest.fixture
def db(tmp_path):
    database = Database(tmp_path / "data" / "fieldapp.sqlite3", tmp_path / "backups")
    initialise(database, "Association Al Amal", "KHB1", operator="Samira")
    yield database
    database.dispose()


def household(name: str, cin: str | None, phone: str | None = None, **extra) -> HouseholdInput:
    return HouseholdInput(head_name=name, cin=cin, phone=phone, commune=KHOURIBGA, **extra)


def test_imported_households_are_searchable_by_name_arabic_name_cin_and_phone(db):
    records = [
        household(
            "Fatima Zahra Benali",
            "AB123456",
            "0612345678",
            head_name_ar="فاطمة الزهراء بن علي",
            members=[MemberInput("Youssef Benali", sex="M", birth_year=2012)],
        ),
        household("Mohamed El Idrissi", "BE654321", "0698765432", head_name_ar="محمد الإدريسي"),
    ]
    result = import_households(db, records)

    assert result.imported == 2 and result.errors == []
    fatima = get_household(db, result.household_ids[0])
    assert fatima.head_name == "Fatima Zahra Benali"
    assert fatima.phone == "+212612345678"
    assert fatima.size == 2
    assert [h.head_name for h in search_households(db, "fatima zah")] == ["Fatima Zahra Benali"]
    assert [h.head_name for h in search_households(db, "youssef")] == ["Fatima Zahra Benali"]
    assert [h.head_name for h in search_households(db, "محمد")] == ["Mohamed El Idrissi"]
    assert [h.head_name for h in search_households(db, "ab1234")] == ["Fatima Zahra Benali"]
    assert [h.head_name for h in search_households(db, "0698 76")] == ["Mohamed El Idrissi"]


def test_bad_phone_row_is_reported_and_skipped_while_the_others_land(db):
    records = [
        household("Ahmed Alaoui", "CD111111", "0611111111"),
        household("Khadija Tazi", "CD222222", "12345"),
        household("Rachid Ouali", "CD333333", "0633333333"),
    ]
    result = import_households(db, records, batch_size=2)

    assert result.imported == 2
    assert [(e.index, e.key) for e in result.errors] == [(1, "error.phone_invalid")]
    assert result.errors[0].message
    assert search_households(db, "khadija") == []
    assert [h.head_name for h in search_households(db, "rachid")] == ["Rachid Ouali"]


def test_duplicate_cin_inside_the_import_is_reported_and_the_first_one_kept(db):
    records = [
        household("Said Bennani", "EE710886"),
        household("Hassan Chraibi", "FF000001"),
        household("Saida Bennani", "ee 710886"),
    ]
    result = import_households(db, records)

    assert result.imported == 2
    assert [(e.index, e.key) for e in result.errors] == [(2, "error.cin_taken")]
    assert [h.head_name for h in search_households(db, "EE710886")] == ["Said Bennani"]


def test_cin_already_registered_is_refused_across_imports_and_for_the_desk(db):
    register_household(db, household("Naima Boukhris", "GH123123", consent=True))
    result = import_households(db, [household("Naima B.", "GH123123"), household("Omar Fassi", "GH999999")])

    assert [(e.index, e.key) for e in result.errors] == [(0, "error.cin_taken")]
    with pytest.raises(Refused):
        register_household(db, household("Omar F.", "GH999999", consent=True))


def test_every_written_row_is_journaled_and_nothing_of_a_refused_row(db):
    records = [
        household("Laila Amrani", "JK100001", members=[MemberInput("Sara Amrani"), MemberInput("Adam Amrani")]),
        household("", "JK100002"),
    ]
    result = import_households(db, records)

    assert [(e.index, e.key) for e in result.errors] == [(1, "error.name_required")]
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Household)) == 1
        assert session.scalar(select(func.count()).select_from(Member)) == 2
        journaled = session.execute(select(JournalEntry.entity, JournalEntry.op)).all()
    assert sorted(journaled) == [("households", "insert"), ("members", "insert"), ("members", "insert")]


def test_import_before_setup_is_refused(tmp_path):
    database = Database(tmp_path / "fieldapp.sqlite3", tmp_path / "backups")
    with pytest.raises(Refused):
        import_households(database, [household("Ahmed Alaoui", "CD111111")])
    database.dispose()


@pytest.mark.parametrize("cin", ["BB123456", "HH654321"])
def test_a_cin_with_a_doubled_letter_is_found_by_its_start(db, cin):
    import_households(db, [household("Hamid Lahlou", cin)])

    assert [h.head_name for h in search_households(db, cin)] == ["Hamid Lahlou"]
    assert [h.head_name for h in search_households(db, cin[:4].lower())] == ["Hamid Lahlou"]


def test_a_prefix_matching_more_households_than_are_ranked_still_puts_the_cin_hit_first(db):
    records = [household("Ahmed Tazi", "MO123456")]
    records += [household(f"Mohamed Benali {i}", f"XY{i:06d}") for i in range(search.RANKED_AT_MOST + 200)]
    result = import_households(db, records, batch_size=500)
    assert result.imported == len(records)

    first_page = [h.head_name for h in search_households(db, "mo", limit=20)]
    second_page = [h.head_name for h in search_households(db, "mo", limit=20, offset=20)]

    assert first_page[0] == "Ahmed Tazi"
    assert len(first_page) == len(second_page) == 20
    assert not set(first_page) & set(second_page)
    assert all(name.startswith("Mohamed Benali") for name in first_page[1:] + second_page)


def test_each_imported_row_is_journaled_whole_with_the_stamp_it_carries(db):
    """The import writes rows without ORM objects: each journal entry must still hold the row exactly as stored (what
    sync sends HQ), with the row's own stamp, one entry per row, in stamp order."""
    import_households(
        db,
        [
            household(
                "Fatima Zahra Benali",
                "AB123456",
                "0612345678",
                consent=True,
                flags=["widow"],
                members=[MemberInput("Youssef Benali", sex="M", birth_year=2012)],
            ),
            household("Mohamed El Idrissi", "BE654321"),
        ],  # fmt: skip
    )
    with db.read() as session:
        entries = session.scalars(select(JournalEntry).order_by(JournalEntry.seq)).all()
        rows = {r.id: r for model in (Household, Member) for r in session.scalars(select(model))}
        assert [e.entity for e in entries] == ["households", "households", "members"]
        for entry in entries:
            row = rows[entry.entity_id]
            assert entry.op == "insert" and entry.hlc == row.hlc and row.field_hlc == {"*": row.hlc}
            assert entry.payload == row.to_record()
        assert [e.hlc for e in entries] == sorted(e.hlc for e in entries)
        fatima = next(r for r in rows.values() if getattr(r, "cin", None) == "AB123456")
        assert fatima.flags == ["widow"] and fatima.consent_at is not None and fatima.association_id
        assert rows[entries[1].entity_id].flags == []  # the column's default, as the ORM gives it


def test_an_imported_household_is_stored_as_the_desk_stores_it_column_by_column(db):
    """The import binds values itself (column by column, a batch's shared stamps converted once): every column must hold
    the same text and SQLite type as a household registered at the desk, or sync and search would read them apart."""
    members = [MemberInput("Youssef", sex="M", birth_year=2012), MemberInput("Salma", relation="child")]
    same = dict(phone="0612345678", head_name_ar="فاطمة", douar="Ouled Azzouz", size=3, flags=["widow"], consent=True,
                members=members)  # fmt: skip
    desk = register_household(db, household("Fatima Zahra Benali", "AB123456", **same)).value.id
    imported = import_households(db, [household("Fatima Zahra Benali", "AB654321", **same)]).household_ids[0]
    skip = {"id", "cin", "household_id", "created_at", "updated_at", "hlc", "field_hlc", "consent_at"}

    def stored(table: str, key: str, value: str) -> list[dict]:
        with db.read() as session:
            conn = session.connection()
            columns = [row[1] for row in conn.exec_driver_sql(f"PRAGMA table_info({table})")]
            shown = ", ".join(f"typeof({c}), {c}" for c in columns if c not in skip)
            rows = conn.exec_driver_sql(f"SELECT {shown} FROM {table} WHERE {key} = ? ORDER BY 2", (value,))
            return [tuple(row) for row in rows]

    assert stored("households", "id", imported) == stored("households", "id", desk)
    assert stored("members", "household_id", imported) == stored("members", "household_id", desk)
    for column in ("created_at", "updated_at", "consent_at"):  # same text shape, both UTC
        with db.read() as session:
            conn = session.connection()
            texts = [conn.exec_driver_sql(f"SELECT {column} FROM households WHERE id = ?", (i,)).scalar_one()
                     for i in (desk, imported)]  # fmt: skip
        assert len(texts[0]) == len(texts[1]) and texts[0][:4] == texts[1][:4]
