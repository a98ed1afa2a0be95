"""`fieldapp import`: real ugly files in, the contract out (counts in --json, exit 0 or 5), the rejected rows back in
a workbook that, once fixed, imports; a dry run writes nothing; the template maps back to itself."""

from __future__ import annotations

import contextlib
import json

import openpyxl
import pytest
import raw_db

KHOURIBGA = "05.311.01.07"
HEADERS = ["N°", "Nom et prénom", "الاسم الكامل", "C.I.N", "GSM", "Commune", "Nb personnes", "Situation",
           "Consentement"]  # fmt: skip
COUNTED = ("created", "updated", "rejected")


def count(data_dir, sql: str) -> int:
    with contextlib.closing(raw_db.connect(data_dir)) as conn:
        return conn.execute(sql).fetchone()[0]


@pytest.fixture
def ready(cli):
    assert cli("init", "--association", "Association Al Amal", "--device", "KHR1").code == 0
    return cli


def messy_workbook(path) -> None:
    """What an association's list looks like: a title row, a merged title, Arabic and French, numbers as Excel keeps
    them, an empty row, and two rows that cannot be imported as they are."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Bénéficiaires"
    sheet.append(["Liste des bénéficiaires — Ramadan 2026"])
    sheet.merge_cells("A1:E1")
    sheet.append(HEADERS)
    sheet.append([1, "Fatima Zahra Benali", "فاطمة الزهراء بن علي", "AB 123 456", 612345678, "Khouribga", 4, "veuve",
                  "oui"])  # fmt: skip
    sheet.append([2, "Mohamed Tazi", "محمد التازي", "BE654321", "+212 6 98 76 54 32", "Khouribga", "3", "", "oui"])
    sheet.append([])
    sheet.append([3, "Khadija Alaoui", "خديجة العلوي", "C 998877", "06 12", "Khouribga", 2, "", "oui"])
    sheet.append([4, "Said Ait Ouali", "سعيد آيت والي", "D 112233", "0661000000", "Khouribgaa", 5, "handicap", "non"])
    book.save(path)


def test_import_reports_each_refused_row_exits_5_and_the_fixed_report_imports(ready, data_dir, tmp_path):
    source, report = tmp_path / "familles.xlsx", tmp_path / "a-corriger.xlsx"
    messy_workbook(source)

    dry = ready("import", str(source), "--dry-run", "--json")
    assert dry.code == 5, dry
    counts = dry.json()
    assert {k: counts[k] for k in ("created", "updated", "rejected", "warnings")} == {
        "created": 2, "updated": 0, "rejected": 2, "warnings": counts["warnings"],
    }  # fmt: skip
    assert count(data_dir, "SELECT count(*) FROM households") == 0  # a dry run writes nothing
    rejected = {p["row"]: p for p in counts["problems"] if p["level"] == "error"}
    assert set(rejected) == {6, 7}  # Excel's own row numbers: title, headers, two rows, an empty row
    assert rejected[6]["column"] == "GSM" and rejected[6]["letter"] == "E" and rejected[6]["value"] == "06 12"
    assert "Khouribga" in rejected[7]["message"]  # the nearest commune offered

    done = ready("import", str(source), "--report", str(report), "--json")
    assert done.code == 5, done
    assert {k: done.json()[k] for k in COUNTED} == {"created": 2, "updated": 0, "rejected": 2}
    assert count(data_dir, "SELECT count(*) FROM households") == 2
    assert count(data_dir, "SELECT count(*) FROM households WHERE phone = '+212612345678' AND cin = 'AB123456'") == 1

    book = openpyxl.load_workbook(report)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    phone, commune = header.index("GSM"), header.index("Commune")
    assert sheet.cell(2, phone + 1).fill.fill_type == "solid"  # the faulty cell, highlighted
    sheet.cell(2, phone + 1).value = "0612000000"
    sheet.cell(3, commune + 1).value = "Khouribga"
    book.save(report)

    fixed = ready("import", str(report), "--json")
    assert fixed.code == 0, fixed
    assert {k: fixed.json()[k] for k in COUNTED} == {"created": 2, "updated": 0, "rejected": 0}
    again = ready("import", str(source), "--json")  # the first file again: matched by CIN, nothing doubled
    assert again.json()["created"] == 0 and again.json()["rejected"] == 2
    assert count(data_dir, "SELECT count(*) FROM households") == 4


def test_a_file_that_is_not_a_spreadsheet_gets_one_clear_line_and_nothing_is_written(ready, data_dir, tmp_path):
    fake = tmp_path / "familles.csv"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    result = ready("import", str(fake))
    assert result.code == 5 and "Traceback" not in result.err and "familles.csv" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert count(data_dir, "SELECT count(*) FROM households") == 0


def test_a_windows_arabic_csv_with_semicolons_imports(ready, data_dir, tmp_path):
    path = tmp_path / "liste.csv"
    lines = ["Nom;الاسم;CIN;Téléphone;Commune;Taille;Consentement",
             "Ahmed Naciri;أحمد الناصري;EE 11 22 33;0612345678;Khouribga;3;نعم"]  # fmt: skip
    path.write_bytes("\r\n".join(lines).encode("cp1256", errors="replace"))
    result = ready("import", str(path), "--json")
    assert result.code == 0, result
    assert result.json()["created"] == 1
    assert count(data_dir, "SELECT count(*) FROM households WHERE head_name_ar = 'أحمد الناصري'") == 1


def test_a_mapping_file_names_the_columns_the_guess_cannot(ready, data_dir, tmp_path):
    path, mapping = tmp_path / "x.csv", tmp_path / "mapping.json"
    path.write_text("Colonne 1,Colonne 2,Colonne 3\nAmina Sbai,Khouribga,oui\n", encoding="utf-8")
    refused = ready("import", str(path))
    assert refused.code == 5 and "Colonne 1" in refused.err  # the headers found, in the message
    mapping.write_text(json.dumps({"Colonne 1": "head_name", "Colonne 2": "commune", "Colonne 3": "consent"}))
    result = ready("import", str(path), "--mapping", str(mapping), "--json")
    assert result.code == 0 and result.json()["created"] == 1


def test_the_template_is_written_and_read_back_as_itself(ready, tmp_path):
    path = tmp_path / "modele.xlsx"
    result = ready("import", "--template", "-o", str(path), "--json")
    assert result.code == 0 and path.exists()
    dry = ready("import", str(path), "--dry-run", "--json")
    fields = {m["field"] for m in dry.json()["mapping"].values()}
    assert {"head_name", "head_name_ar", "cin", "phone", "commune", "size", "flags", "consent", "members"} <= fields
