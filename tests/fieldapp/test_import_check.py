"""The import's dry run and import: every row reported by column, nothing half written, a re-import updates."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from sqlalchemy import func, select

from fieldapp import encryption
from fieldapp.importing.table import SourceRow, Table
from fieldapp.models import Household, Member
from fieldapp.services.households import HouseholdInput, get_household, register_household
from fieldapp.services.importing import check_import, run_import, save_mapping, saved_mapping, write_rejected

KHOURIBGA = "05.311.01.07"
HEADERS = ("Nom", "الاسم", "CIN", "Téléphone", "Commune", "Taille", "Vulnérabilités", "Consentement", "Membres")
FIELDS = ("head_name", "head_name_ar", "cin", "phone", "commune", "size", "flags", "consent", "members")
MAPPING = dict(enumerate(FIELDS))


def table(*rows: tuple, headers: tuple = HEADERS) -> Table:
    letters = tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ"[: len(headers)])
    numbered = tuple(SourceRow(n, tuple(r)) for n, r in enumerate(rows, start=3))  # a title row, then the headers
    return Table("familles.xlsx", "Feuil1", ("Feuil1",), 2, headers, letters, numbered)


def fatima(**change) -> tuple:
    row = dict(zip(FIELDS, ("Fatima Benali", "فاطمة بن علي", "AB 123 456", 612345678.0, "Khouribga", 4, "veuve",
                            "oui", "Youssef Benali;M;2012;fils | Salma Benali;F;2015;fille"), strict=True))  # fmt: skip
    row.update(change)
    return tuple(row.values())


def problems_of(check, number: int) -> list:
    return [p for p in check.problems if p.row == number]


def test_a_clean_row_is_created_with_every_field_read_as_people_write_them(db):
    check = check_import(db, table(fatima()), MAPPING)
    assert (check.created, check.updated, check.rejected) == (1, 0, 0)
    result = run_import(db, check)
    assert (result.created, result.rejected, result.cancelled) == (1, 0, False)
    view = get_household(db, result.household_ids[0])
    assert (view.cin, view.phone, view.commune_code, view.size) == ("AB123456", "+212612345678", KHOURIBGA, 4)
    assert view.flags == ["widow"] and view.consent_at is not None
    assert [(m.name, m.sex, m.birth_year) for m in view.members] == [
        ("Youssef Benali", "M", 2012),
        ("Salma Benali", "F", 2015),
    ]


def test_each_error_names_the_row_the_column_the_value_and_what_was_expected(db):
    rows = table(
        fatima(phone="06 12", commune="Khouribgaa"),
        fatima(cin="ZZ 999 001", size="beaucoup", consent="peut-être"),
        fatima(cin="ZZ 999 002", size=77, members="Ali;M;1850"),
    )
    check = check_import(db, rows, MAPPING)
    assert (check.created, check.rejected) == (0, 3)
    first = {p.column: p for p in problems_of(check, 3)}
    assert first["Téléphone"].letter == "D" and first["Téléphone"].value == "06 12"
    assert "« 06 12 »" in first["Téléphone"].message and "06…" in first["Téléphone"].message
    assert "colonne D « Téléphone »" in first["Téléphone"].message
    assert "Khouribga" in first["Commune"].message  # the nearest names offered
    second = {p.column for p in problems_of(check, 4)}
    assert {"Taille", "Consentement"} <= second
    third = {p.column: p.message for p in problems_of(check, 5)}
    assert "77" in third["Taille"] and "1850" in third["Membres"]
    assert all(p.level == "error" for p in check.problems if p.column in ("Téléphone", "Taille"))
    assert run_import(db, check).created == 0


def test_warnings_keep_the_row_and_say_why(db):
    check = check_import(db, table(fatima(phone="+33 6 12 34 56 78", flags="veuve, chômeur", consent=None)), MAPPING)
    assert (check.created, check.rejected) == (1, 0)
    keys = {p.key for p in check.problems}
    assert {"import.phone_foreign", "import.flag_unknown", "import.consent_missing"} <= keys
    view = get_household(db, run_import(db, check).household_ids[0])
    assert view.flags == ["widow"] and "chômeur" in view.notes  # the unknown word is kept, in the notes
    assert view.consent_at is None  # on the list of families whose consent is still to be collected


def test_duplicates_inside_the_file_and_against_the_register_in_either_script(db):
    register_household(
        db,
        HouseholdInput(
            head_name="Mohammed El Idrissi",
            head_name_ar="محمد الإدريسي",
            commune=KHOURIBGA,
            phone="0661000000",
            consent=True,
        ),  # fmt: skip
    )
    rows = table(
        fatima(),
        fatima(head_name="Fatima Benaly"),  # same CIN as the first row
        fatima(head_name="Mohamed Idrissi", head_name_ar=None, cin="BE1", phone=None, members=None, size=1),
        fatima(head_name="Karim", head_name_ar="مُحَمَّد الادريسي", cin="BE2", phone=None, members=None, size=1),
    )
    check = check_import(db, rows, MAPPING)
    assert [p.action for p in check.rows] == ["create", "reject", "create", "create"]
    assert "ligne 3" in problems_of(check, 4)[0].message
    latin = [p for p in problems_of(check, 5) if p.key == "import.looks_like"]
    arabic = [p for p in problems_of(check, 6) if p.key == "import.looks_like"]
    assert latin and "Mohammed El Idrissi" in latin[0].message  # the household is named
    assert arabic and "Mohammed El Idrissi" in arabic[0].message


def test_a_reimport_of_the_corrected_file_updates_by_cin_instead_of_duplicating(db):
    first = run_import(db, check_import(db, table(fatima(), fatima(cin="CD 1", phone="06 12")), MAPPING))
    assert (first.created, first.rejected) == (1, 1)
    again = check_import(db, table(fatima(size=6), fatima(cin="CD 1", phone="0698765432")), MAPPING)
    assert [p.action for p in again.rows] == ["update", "create"]
    result = run_import(db, again)
    assert (result.created, result.updated, result.rejected) == (1, 1, 0)
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Household)) == 2
    assert get_household(db, first.household_ids[0]).size == 6
    unchanged = check_import(db, table(fatima(size=6)), MAPPING)
    assert [p.action for p in unchanged.rows] == ["unchanged"]


def test_a_row_with_an_unknown_id_is_refused_and_a_known_id_updates_even_without_a_name(db):
    created = run_import(db, check_import(db, table(fatima()), MAPPING)).household_ids[0]
    headers, mapping = ("Identifiant", "Taille"), {0: "id", 1: "size"}
    rows = table((created, 7), ("0190-not-a-household", 3), headers=headers)
    check = check_import(db, rows, mapping)
    assert [p.action for p in check.rows] == ["update", "reject"]
    run_import(db, check)
    assert get_household(db, created).size == 7


def test_an_update_the_rules_would_refuse_is_rejected_at_the_dry_run_not_at_the_write(db):
    created = run_import(db, check_import(db, table(fatima()), MAPPING)).household_ids[0]  # two members listed
    headers, mapping = ("Identifiant", "Taille"), {0: "id", 1: "size"}
    check = check_import(db, table((created, 1), headers=headers), mapping)
    assert [p.action for p in check.rows] == ["reject"]
    (problem,) = check.problems
    assert problem.column == "Taille" and problem.level == "error"
    result = run_import(db, check)
    assert (result.updated, result.rejected) == (0, 1)
    assert get_household(db, created).size == 4


def test_a_household_deleted_after_the_dry_run_is_reported_and_the_others_updated(db):
    from fieldapp.services.households import delete_household

    ids = run_import(
        db, check_import(db, table(fatima(), fatima(cin="CD 2", phone="0698765432")), MAPPING)
    ).household_ids
    headers, mapping = ("Identifiant", "Taille"), {0: "id", 1: "size"}
    check = check_import(db, table((ids[0], 6), (ids[1], 7), headers=headers), mapping)
    delete_household(db, ids[0], reason="doublon")
    result = run_import(db, check)
    assert (result.updated, result.rejected) == (1, 1)
    assert get_household(db, ids[1]).size == 7
    assert any(p.row == 3 and p.level == "error" for p in result.problems)


def test_an_update_whose_cin_was_taken_since_the_dry_run_is_refused_whole_and_the_others_written(db):
    ids = run_import(
        db, check_import(db, table(fatima(), fatima(cin="CD 2", phone="0698765432")), MAPPING)
    ).household_ids
    headers, mapping = ("Identifiant", "CIN", "Taille"), {0: "id", 1: "cin", 2: "size"}
    check = check_import(db, table((ids[0], "ZZ 999", 5), (ids[1], None, 7), headers=headers), mapping)
    assert [p.action for p in check.rows] == ["update", "update"]
    register_household(db, HouseholdInput(head_name="Rachid Tazi", cin="ZZ999", commune=KHOURIBGA, consent=True))
    result = run_import(db, check)
    assert (result.updated, result.rejected) == (1, 1)
    assert [p.row for p in result.problems] == [3] and "ZZ999" in result.problems[0].message
    first, second = get_household(db, ids[0]), get_household(db, ids[1])
    assert (first.cin, first.size) == ("AB123456", 4)  # left whole: neither its CIN nor its size changed
    assert second.size == 7


def test_cancel_keeps_whole_batches_and_says_so(db, monkeypatch):
    from fieldapp.services import importing

    monkeypatch.setattr(importing, "BATCH", 2)
    rows = table(*(fatima(cin=f"AA{i}", phone=None, members=None, size=1, head_name=f"Nom {i}") for i in range(5)))
    check = check_import(db, rows, MAPPING)
    calls = []
    result = run_import(db, check, progress=lambda done, total: calls.append(done), cancelled=lambda: len(calls) >= 1)
    assert result.cancelled and result.created == 2
    with db.read() as session:
        counts = (
            session.scalar(select(func.count()).select_from(Household)),
            session.scalar(select(func.count()).select_from(Member)),
        )
    assert counts == (2, 0)


def test_the_rejected_rows_come_back_highlighted_with_their_reason_ready_to_reimport(db, tmp_path):
    check = check_import(db, table(fatima(), fatima(cin="EF 9", phone="06 12", head_name="=HYPERLINK(1)")), MAPPING)
    path = tmp_path / "a-corriger.xlsx"
    assert write_rejected(check, path) == 1
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]][: len(HEADERS)] == list(HEADERS)
    row = [c for c in sheet[2]]
    assert row[0].value == "=HYPERLINK(1)" and row[0].data_type == "s"  # never turned into a formula
    assert row[3].fill.start_color.rgb.endswith("FFC7CE") and row[0].fill.fill_type is None
    assert "Téléphone" in row[len(HEADERS)].value and row[len(HEADERS) + 1].value == 4
    report = book.worksheets[1]
    assert any("06 12" in str(c.value) for line in report.iter_rows() for c in line)
    csv_path = tmp_path / "a-corriger.csv"
    write_rejected(check, csv_path)
    assert "06 12" in csv_path.read_text(encoding="utf-8-sig")


def test_the_mapping_is_remembered_for_the_association(db):
    assert saved_mapping(db) == {}
    save_mapping(db, table(headers=HEADERS), MAPPING)
    assert saved_mapping(db)["telephone"] == "phone"


def test_a_whole_import_never_leaves_half_a_household(db):
    """Raw SQL count: every imported household has exactly the members its row listed."""
    rows = table(*(fatima(cin=f"GH{i}", phone=None, head_name=f"Famille {i}") for i in range(30)))
    run_import(db, check_import(db, rows, MAPPING))
    with encryption.connect(db.path, db.key) as conn:
        counts = conn.execute(
            "SELECT count(*) FROM households h WHERE (SELECT count(*) FROM members m WHERE m.household_id = h.id) != 2"
        ).fetchone()
    assert counts[0] == 0


@pytest.mark.parametrize("value", [612345678, 612345678.0, "6.12345678E8", "6,12345678E+08", "+212 6 12 34 56 78"])
def test_phones_as_excel_keeps_them(db, value):
    check = check_import(db, table(fatima(phone=value)), MAPPING)
    assert check.rows[0].values["phone"] == "+212612345678", check.problems


def test_a_date_in_a_text_column_does_not_stop_the_import(db):
    check = check_import(db, table(fatima(head_name=dt.date(2024, 3, 1))), MAPPING)
    assert check.created == 1


def test_a_ten_megabyte_cell_is_refused_by_name_without_copying_it_into_the_report(db):
    check = check_import(db, table(fatima(head_name="A" * 10_000_000)), MAPPING)
    (problem,) = problems_of(check, 3)
    assert problem.column == "Nom" and problem.level == "error" and "10000000" in problem.message
    assert len(problem.message) < 300 and check.created == 0
