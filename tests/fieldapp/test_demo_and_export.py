"""Demo data and exports, as a trainer or an association secretary would use them."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldapp import geo
from fieldapp.db import Database
from fieldapp.errors import BadData
from fieldapp.normalize import has_arabic
from fieldapp.services.demo import generate_demo
from fieldapp.services.distributions import list_distributions
from fieldapp.services.events import list_events
from fieldapp.services.export import export_records
from fieldapp.services.households import count_households, get_household, list_households
from fieldapp.services.setup import initialise
from fieldapp.services.volunteers import list_attendance, list_volunteers

HOUSEHOLDS = 40


def fresh_db(directory: Path) -> Database:
    db = Database(directory / "fieldapp.db")
    initialise(db, "Association Test", "DEV1")
    return db


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Iterator[Database]:
    db = fresh_db(tmp_path_factory.mktemp("demo"))
    generate_demo(db, households=HOUSEHOLDS, seed=3)
    yield db
    db.dispose()


def all_households(db: Database) -> list:
    return list_households(db, limit=10_000)


def test_demo_registers_the_requested_households_with_names_in_both_scripts(demo_db):
    households = all_households(demo_db)
    assert count_households(demo_db) == len(households) == HOUSEHOLDS
    for h in households:
        assert h.head_name and not has_arabic(h.head_name)
        assert has_arabic(h.head_name_ar)
        assert 1 <= h.size <= 9
    assert 0.9 * len(households) <= sum(h.consent_at is not None for h in households) < len(households)  # nearly all
    cins = [h.cin for h in households if h.cin]
    assert len(cins) == len(set(cins))
    assert all(p.startswith(("+2126", "+2127")) and len(p) == 13 for p in (h.phone for h in households) if p)


def test_demo_households_live_in_real_communes_mostly_khouribga_and_al_haouz(demo_db):
    households = all_households(demo_db)
    assert all(geo.commune(h.commune_code) is not None for h in households)
    provinces = {h.province_code for h in households}
    assert provinces <= {"05.311", "07.041"}
    assert "05.311" in provinces
    assert all(h.douar for h in households)


def test_demo_members_match_the_household_size(demo_db):
    for h in all_households(demo_db)[:15]:
        full = get_household(demo_db, h.id)
        assert len(full.members) == full.size - 1
        assert {m.relation for m in full.members} <= {"spouse", "child", "parent"}
        assert all(m.sex in ("F", "M") and m.name_ar for m in full.members)
        if "widow" in full.flags:
            assert "spouse" not in {m.relation for m in full.members}


def test_demo_creates_two_events_volunteers_attendance_and_distributions(demo_db):
    events = {e.name: e for e in list_events(demo_db)}
    assert set(events) == {"Panier Ramadan 2026", "Recharges internet"}
    assert {i.code for i in events["Panier Ramadan 2026"].items} == {"KIT", "LAIT"}
    assert 6 <= len(list_volunteers(demo_db)) <= 10
    attendance = list_attendance(demo_db)
    assert attendance and any(a.hours for a in attendance)
    ramadan = list_distributions(demo_db, events["Panier Ramadan 2026"].id)
    assert len(ramadan) == round(HOUSEHOLDS * 0.3)
    infant_ids = {h.id for h in all_households(demo_db) if "infant" in h.flags}
    for d in ramadan:
        milk = [i["quantity"] for i in d.items if i["code"] == "LAIT"]
        assert milk == ([2] if d.household_id in infant_ids else [])


def test_the_same_seed_gives_the_same_people(tmp_path):
    def people(directory: Path, seed: int) -> list:
        db = fresh_db(directory)
        generate_demo(db, households=12, seed=seed)
        rows = [(h.head_name, h.head_name_ar, h.cin, h.phone, h.commune_code) for h in all_households(db)]
        db.dispose()
        return rows

    first = people(tmp_path / "a", 11)
    assert people(tmp_path / "b", 11) == first
    assert people(tmp_path / "c", 12) != first


def test_csv_export_has_one_row_per_household_with_arabic_intact(demo_db, tmp_path):
    path = tmp_path / "exports" / "foyers.csv"
    assert export_records(demo_db, "households", "csv", path).value == HOUSEHOLDS
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == HOUSEHOLDS
    by_id = {h.id: h for h in all_households(demo_db)}
    assert set(by_id) == {row["id"] for row in rows}
    for row in rows:
        h = by_id[row["id"]]
        assert row["head_name_ar"] == h.head_name_ar
        assert row["cin"] == (h.cin or "")
        assert row["commune"] == h.commune and row["province"] in ("Khouribga", "Al Haouz")
        assert row["province_ar"] in ("خريبكة", "الحوز")
        assert row["consent"] == ("yes" if h.consent_at else "no")
        assert row["phone"] == "" or row["phone"].startswith(("06 ", "07 "))
    assert not list(tmp_path.joinpath("exports").glob("*.tmp"))


def test_json_export_parses_and_shows_items_and_voids(demo_db, tmp_path):
    path = tmp_path / "distributions.json"
    count = export_records(demo_db, "distributions", "json", path).value
    rows = json.loads(path.read_text(encoding="utf-8"))
    assert len(rows) == count == len(list_distributions(demo_db))
    assert all(row["household_name_ar"] and row["receipt"].startswith("DEV1-") for row in rows)
    assert any("KIT×1" in row["items"] for row in rows)
    voided = [row for row in rows if row["voided"]]
    assert len(voided) == 1 and voided[0]["void_reason"]


def test_attendance_export_gives_hours(demo_db, tmp_path):
    path = tmp_path / "presence.json"
    export_records(demo_db, "attendance", "json", path)
    rows = json.loads(path.read_text(encoding="utf-8"))
    assert len(rows) == len(list_attendance(demo_db))
    closed = [r for r in rows if r["check_out"]]
    assert closed and all(r["hours"] > 0 for r in closed)


def test_export_of_an_empty_database_still_has_a_header(tmp_path):
    db = fresh_db(tmp_path)
    path = tmp_path / "vide.csv"
    assert export_records(db, "distributions", "csv", path).value == 0
    assert path.read_text(encoding="utf-8-sig").splitlines()[0].startswith("receipt,event,household_id,")
    assert export_records(db, "attendance", "json", tmp_path / "vide.json").value == 0
    assert json.loads((tmp_path / "vide.json").read_text(encoding="utf-8")) == []
    db.dispose()


@pytest.mark.parametrize(
    ("kind", "fmt", "key"), [("households", "ods", "error.export_format"), ("foyers", "csv", "error.export_kind")]
)
def test_unknown_kind_or_format_is_refused_and_leaves_no_file(demo_db, tmp_path, kind, fmt, key):
    path = tmp_path / "out.file"
    with pytest.raises(BadData) as refused:
        export_records(demo_db, kind, fmt, path)
    assert refused.value.key == key
    assert not path.exists()


def test_a_refused_export_keeps_the_previous_file_and_a_new_one_replaces_it(demo_db, tmp_path):
    path = tmp_path / "foyers.json"
    path.write_text("previous", encoding="utf-8")
    with pytest.raises(BadData):
        export_records(demo_db, "households", "pdf", path)
    assert path.read_text(encoding="utf-8") == "previous"
    assert export_records(demo_db, "households", "json", path).value == HOUSEHOLDS
    assert len(json.loads(path.read_text(encoding="utf-8"))) == HOUSEHOLDS
