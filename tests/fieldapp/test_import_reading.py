"""Reading households lists as people really keep them: title rows, merged headers, empty rows and columns, formulas,
numbers stored as text or as floats, CSV in three encodings and delimiters, and files that are not lists at all."""

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from fieldapp.errors import BadData
from fieldapp.importing.table import cell_date, cell_text, cell_year, read_table, sheet_names

DATA = Path(__file__).resolve().parent.parent / "data"


def refusal(path, sheet=None) -> BadData:
    with pytest.raises(BadData) as raised:
        read_table(path, sheet)
    error = raised.value
    for language in ("fr", "ar", "en"):
        assert Path(path).name in error.message(language), (language, error.message(language))
    return error


def ugly_workbook(path: Path) -> Path:
    """A list as an association keeps it: a merged title, a blank row, group titles merged over sub-headers, a
    commune merged down over two families, an empty column, numbers as text and as floats, a formula."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Liste 2026"
    sheet["A1"] = "Association Amal - Liste des bénéficiaires"
    sheet.merge_cells("A1:I1")
    sheet["A3"], sheet["B3"], sheet["F3"], sheet["H3"] = "N°", "Chef de ménage", "Commune", "Membres"
    for merged in ("A3:A4", "B3:E3", "F3:F4", "H3:I3"):
        sheet.merge_cells(merged)
    sub_headers = {"B4": "Nom", "C4": "الاسم", "D4": "CIN", "E4": "Téléphone", "H4": "Nom", "I4": "Année"}
    for cell, header in sub_headers.items():
        sheet[cell] = header
    sheet["J4"] = 2026  # a header that is a number
    sheet["K4"] = dt.datetime(2026, 1, 15)  # and one that is a date
    rows = {
        5: {"A": 1, "B": "Ahmed Alaoui", "C": "أحمد العلوي", "D": "AB 123 456", "E": "0612345678", "F": "Tiznit"},
        6: {"A": 2, "B": "Fatima Zahra", "C": "فاطمة الزهراء", "D": " c 45678 ", "E": 612345678, "H": "Said"},
        8: {"A": 3, "B": "Omar", "D": "JB9876", "E": 6.12345678e8, "F": '=UPPER("tiznit")', "L": "à revoir"},
        9: {"A": 4, "B": "Khadija", "E": "+212 6 70 12 34 56", "F": "Sidi Ifni", "I": 1985, "J": dt.date(1990, 3, 12)},
    }
    for number, cells in rows.items():
        for letter, value in cells.items():
            sheet[f"{letter}{number}"] = value
    sheet.merge_cells("F5:F6")
    book.create_sheet("Notes")["A1"] = "rien"
    book.save(path)
    return path


def test_an_ugly_workbook_reads_as_the_person_sees_it(tmp_path):
    table = read_table(ugly_workbook(tmp_path / "bénéficiaires.xlsx"))
    assert (table.source, table.sheet, table.sheets) == ("bénéficiaires.xlsx", "Liste 2026", ("Liste 2026", "Notes"))
    assert table.header_row == 4
    assert table.headers == (
        "N°", "Chef de ménage - Nom", "Chef de ménage - الاسم", "Chef de ménage - CIN", "Chef de ménage - Téléphone",
        "Commune", "Membres - Nom", "Membres - Année", "2026", "15/01/2026", "Colonne L",
    )  # fmt: skip
    # column G (no header, no value) is gone; L has no header but a value
    assert table.columns == ("A", "B", "C", "D", "E", "F", "H", "I", "J", "K", "L")
    assert [row.number for row in table.rows] == [5, 6, 8, 9]  # Excel's numbers; the empty row 7 left out
    by_header = [dict(zip(table.headers, row.cells, strict=True)) for row in table.rows]
    ahmed, fatima, omar, khadija = by_header
    assert ahmed["Chef de ménage - Téléphone"] == "0612345678"  # a number stored as text stays text
    assert ahmed["Chef de ménage - الاسم"] == "أحمد العلوي"
    assert fatima["Commune"] == "Tiznit"  # merged down over two families
    assert cell_text(fatima["Chef de ménage - CIN"]) == "c 45678"
    assert cell_text(fatima["Chef de ménage - Téléphone"]) == "612345678"
    assert cell_text(omar["Chef de ménage - Téléphone"]) == "612345678"  # the float 6.12345678E8
    assert omar["Commune"] is None  # a formula openpyxl wrote has no value saved with it
    assert omar["Colonne L"] == "à revoir"
    assert khadija["Chef de ménage - Téléphone"] == "+212 6 70 12 34 56"
    assert cell_year(khadija["Membres - Année"]) == 1985
    assert cell_date(khadija["2026"]) == dt.date(1990, 3, 12)
    assert sheet_names(tmp_path / "bénéficiaires.xlsx") == ["Liste 2026", "Notes"]


def edit_sheet_xml(path: Path, edit) -> None:
    """Rewrite the first sheet's XML of a workbook openpyxl saved, for what openpyxl cannot write."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["xl/worksheets/sheet1.xml"] = edit(parts["xl/worksheets/sheet1.xml"].decode()).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def with_cached_values(path: Path, values: dict[str, tuple[str, str]]) -> None:
    """Write the values Excel saves beside formulas ({"B2": ("n", "10")}), which openpyxl cannot compute."""

    def edit(xml: str) -> str:
        for reference, (kind, value) in values.items():
            pattern = rf'<c r="{reference}"([^>]*)><f>(.*?)</f><v\s*/>'
            xml, found = re.subn(pattern, rf'<c r="{reference}" t="{kind}"><f>\2</f><v>{value}</v>', xml)
            assert found == 1, reference
        return xml

    edit_sheet_xml(path, edit)


def replace_in_sheet(path: Path, old: str, new: str) -> None:
    edit_sheet_xml(path, lambda xml: xml.replace(old, new))


def test_formulas_give_the_values_excel_saved_with_them(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["Nom", "Taille", "Commune", "Remarques"])
    book.active.append(["Ahmed", "=2+3", '=UPPER("tiznit")', "=1/0"])
    path = tmp_path / "formules.xlsx"
    book.save(path)
    with_cached_values(path, {"B2": ("n", "5"), "C2": ("str", "TIZNIT")})
    (row,) = read_table(path).rows
    assert row.cells[1] == 5 and cell_text(row.cells[1]) == "5"
    assert row.cells[2] == "TIZNIT"
    assert row.cells[3] is None  # no value saved: read as empty, not as the formula's text


def test_a_header_row_alone_is_an_empty_list_not_an_error(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["Liste"])
    book.active.append(["Nom", "CIN", "Téléphone"])
    book.save(tmp_path / "vide.xlsx")
    table = read_table(tmp_path / "vide.xlsx")
    assert (table.header_row, table.headers, table.rows) == (2, ("Nom", "CIN", "Téléphone"), ())
    (tmp_path / "vide.csv").write_text("Nom;CIN\n\n", encoding="utf-8")
    assert read_table(tmp_path / "vide.csv").rows == ()


def test_a_list_away_from_the_corner_keeps_excel_letters_and_numbers(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["C3"], sheet["D3"], sheet["E3"] = "Nom", "CIN", "Taille du ménage"
    sheet["C5"], sheet["D5"], sheet["E5"] = "Ahmed", "AB1", "4"
    book.save(tmp_path / "coin.xlsx")
    table = read_table(tmp_path / "coin.xlsx")
    assert (table.header_row, table.columns) == (3, ("C", "D", "E"))
    assert [(row.number, row.cells) for row in table.rows] == [(5, ("Ahmed", "AB1", "4"))]


def test_an_old_xls_file_reads(tmp_path):
    table = read_table(DATA / "import_households.xls")
    assert (table.sheet, table.header_row) == ("Ménages", 3)
    assert table.headers == ("Nom", "الاسم", "CIN", "Téléphone", "Taille", "Date de naissance")
    assert [row.number for row in table.rows] == [4, 5, 6]
    first = table.rows[0].cells
    assert (first[1], cell_text(first[3]), first[4], first[5]) == ("أحمد العلوي", "612345678", 5, dt.date(1980, 4, 3))
    # an .xls saved under an .xlsx name is read for what it is
    renamed = tmp_path / "ancien.xlsx"
    renamed.write_bytes((DATA / "import_households.xls").read_bytes())
    assert read_table(renamed).headers == table.headers


def test_an_opendocument_sheet_reads(tmp_path):
    def cell(text):
        return f"<table:table-cell office:value-type='string'><text:p>{text}</text:p></table:table-cell>"

    rows = [["Nom", "الهاتف"], ["Ahmed", "0612345678"]]
    body = "".join("<table:table-row>" + "".join(cell(text) for text in row) + "</table:table-row>" for row in rows)
    content = (
        "<?xml version='1.0' encoding='UTF-8'?><office:document-content "
        "xmlns:office='urn:oasis:names:tc:opendocument:xmlns:office:1.0' "
        "xmlns:table='urn:oasis:names:tc:opendocument:xmlns:table:1.0' "
        "xmlns:text='urn:oasis:names:tc:opendocument:xmlns:text:1.0' office:version='1.2'><office:body>"
        f"<office:spreadsheet><table:table table:name='Feuille1'>{body}</table:table></office:spreadsheet>"
        "</office:body></office:document-content>"
    )
    manifest = (
        "<?xml version='1.0' encoding='UTF-8'?><manifest:manifest "
        "xmlns:manifest='urn:oasis:names:tc:opendocument:xmlns:manifest:1.0' manifest:version='1.2'>"
        "<manifest:file-entry manifest:full-path='/' "
        "manifest:media-type='application/vnd.oasis.opendocument.spreadsheet'/>"
        "<manifest:file-entry manifest:full-path='content.xml' manifest:media-type='text/xml'/></manifest:manifest>"
    )
    path = tmp_path / "liste.ods"
    with zipfile.ZipFile(path, "w") as ods:
        ods.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        ods.writestr("META-INF/manifest.xml", manifest)
        ods.writestr("content.xml", content)
    table = read_table(path)
    assert (table.sheet, table.headers, table.rows[0].cells) == ("Feuille1", ("Nom", "الهاتف"), ("Ahmed", "0612345678"))


CSV_TEXT = (
    "Liste des bénéficiaires{d}{d}{d}\n"
    "Nom{d}الاسم{d}CIN{d}Téléphone\n"
    "Ahmed Alaoui{d}أحمد العلوي{d}AB 123 456{d}0612345678\n"
    "\n"
    '"Fatima{d} dite ""Zahra"""{d}فاطمة الزهراء{d}"C45678"{d}"06 61\n12 34 56"\n'
    "Omar Idrissi{d}عمر الإدريسي{d}JB9876{d}6.12345678E8\n"
)


@pytest.mark.parametrize(
    ("encoding", "delimiter", "detected"),
    [("utf-8-sig", ";", "utf-8-sig"), ("utf-8", ",", "utf-8"), ("cp1256", "\t", "cp1256"), ("cp1256", ";", "cp1256")],
)
def test_csv_files_in_the_encodings_and_delimiters_excel_saves(tmp_path, encoding, delimiter, detected):
    path = tmp_path / "liste.csv"
    path.write_bytes(CSV_TEXT.format(d=delimiter).encode(encoding))
    table = read_table(path)
    assert (table.encoding, table.delimiter, table.sheet, table.sheets) == (detected, delimiter, None, ())
    assert (table.header_row, table.headers, table.columns) == (2, ("Nom", "الاسم", "CIN", "Téléphone"), tuple("ABCD"))
    assert [row.number for row in table.rows] == [3, 5, 7]  # the line each record starts on; line 4 is empty
    assert table.rows[0].cells == ("Ahmed Alaoui", "أحمد العلوي", "AB 123 456", "0612345678")
    assert table.rows[1].cells == (f'Fatima{delimiter} dite "Zahra"', "فاطمة الزهراء", "C45678", "06 61\n12 34 56")
    assert cell_text(table.rows[2].cells[3]) == "612345678"


def test_a_latin_1_csv_from_a_french_excel(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_bytes("NOM;PRÉNOM;Téléphone;Commune\nBenâli;Zoé;0612345678;Aït Melloul\n".encode("latin-1"))
    table = read_table(path)
    assert table.encoding in ("cp1252", "latin_1")
    assert table.headers == ("NOM", "PRÉNOM", "Téléphone", "Commune")
    assert table.rows[0].cells == ("Benâli", "Zoé", "0612345678", "Aït Melloul")


def test_files_that_are_not_lists_are_refused_clearly(tmp_path):
    png = tmp_path / "photo.csv"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert refusal(png).key == "import.not_text"
    zipped = tmp_path / "archive.csv"
    zipped.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    assert refusal(zipped).key == "import.not_text"
    for name in ("vide.csv", "vide.xlsx"):
        (tmp_path / name).write_bytes(b"")
        assert refusal(tmp_path / name).key == "import.empty_file"
    (tmp_path / "blancs.csv").write_text(" \n\n ;; \n", encoding="utf-8")
    assert refusal(tmp_path / "blancs.csv").key == "import.empty_file"
    image_named_xlsx = tmp_path / "photo.xlsx"
    image_named_xlsx.write_bytes(png.read_bytes())
    assert refusal(image_named_xlsx).key == "import.not_workbook"
    assert refusal(tmp_path / "absent.xlsx").key == "import.file_missing"
    (tmp_path / "liste.pdf").write_bytes(b"%PDF-1.4")
    assert refusal(tmp_path / "liste.pdf").key == "import.unsupported_format"


def test_a_truncated_workbook_is_refused_as_damaged(tmp_path):
    whole = ugly_workbook(tmp_path / "entier.xlsx").read_bytes()
    for cut in (len(whole) // 2, len(whole) - 30, 100):
        truncated = tmp_path / "coupé.xlsx"
        truncated.write_bytes(whole[:cut])
        assert refusal(truncated).key == "import.damaged"


def test_a_password_protected_workbook_says_how_to_remove_the_password():
    error = refusal(DATA / "import_protected.xlsx")
    assert error.key == "import.password_protected"
    assert "mot de passe" in error.message("fr") and "Excel" in error.message("fr")
    assert "كلمة مرور" in error.message("ar")
    with pytest.raises(BadData):
        sheet_names(DATA / "import_protected.xlsx")


def test_a_missing_sheet_lists_the_sheets(tmp_path):
    path = ugly_workbook(tmp_path / "liste.xlsx")
    error = refusal(path, sheet="Feuil1")
    assert error.key == "import.sheet_missing"
    assert "Liste 2026, Notes" in error.message("fr")
    assert read_table(path, sheet="Notes").headers == ("rien",)


def test_an_empty_sheet_chosen_by_name_is_refused_and_the_first_filled_sheet_is_read_by_default(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Vide"
    book.create_sheet("Ménages").append(["Nom", "CIN"])
    book["Ménages"].append(["Ahmed", "AB1"])
    book.save(tmp_path / "deux.xlsx")
    assert read_table(tmp_path / "deux.xlsx").sheet == "Ménages"
    assert refusal(tmp_path / "deux.xlsx", sheet="Vide").key == "import.empty_sheet"


def test_a_ten_megabyte_cell_is_read_whole(tmp_path):
    """Read, not refused: the checker reports the value as too long for its field, naming the row."""
    huge = "x" * (10 * 1024 * 1024)
    csv_path = tmp_path / "énorme.csv"
    csv_path.write_text(f"Nom;Remarques\nAhmed;{huge}\nFatima;ok\n", encoding="utf-8")
    table = read_table(csv_path)
    assert [len(row.cells[1]) for row in table.rows] == [len(huge), 2]
    book = openpyxl.Workbook()
    book.active.append(["Nom", "Remarques"])
    book.active.append(["Ahmed", "PLACE"])
    xlsx_path = tmp_path / "énorme.xlsx"
    book.save(xlsx_path)
    replace_in_sheet(xlsx_path, "PLACE", huge)  # openpyxl itself cuts a cell at Excel's 32,767 characters
    assert len(read_table(xlsx_path).rows[0].cells[1]) == len(huge)


def test_cell_text_gives_digits_dates_and_trimmed_text():
    assert cell_text(612345678.0) == "612345678"
    assert cell_text(6.12345678e8) == "612345678"
    assert cell_text("6.12345678E8") == "612345678"  # a number Excel wrote into a CSV
    assert cell_text("6.12346E+08") == "6.12346E+08"  # digits lost: left as written, for the checker to refuse
    assert cell_text("612345678.0") == "612345678"
    assert cell_text("0612345678") == "0612345678"
    assert cell_text(2.5) == "2.5"
    assert cell_text(4) == "4"
    assert cell_text(True) == "1"
    assert cell_text(dt.date(1985, 3, 4)) == "04/03/1985"
    assert cell_text(dt.datetime(1985, 3, 4)) == "04/03/1985"
    assert cell_text("\u00a0 AB 123 \u200f") == "AB 123"
    assert cell_text("   ") is None
    assert cell_text(None) is None


def test_cell_date_and_year_read_moroccan_iso_and_excel_forms():
    assert cell_date("04/03/1985") == dt.date(1985, 3, 4)  # day first, as written here
    assert cell_date("4-3-1985") == dt.date(1985, 3, 4)
    assert cell_date("1985-03-04") == dt.date(1985, 3, 4)
    assert cell_date("٠٤/٠٣/١٩٨٥") == dt.date(1985, 3, 4)
    assert cell_date(31110) == dt.date(1985, 3, 4)  # an Excel serial
    assert cell_date(31110.5) == dt.date(1985, 3, 4)
    assert cell_date("31110") == dt.date(1985, 3, 4)
    assert cell_date(dt.datetime(1985, 3, 4, 10, 30)) == dt.date(1985, 3, 4)
    assert cell_date("31/02/1985") is None
    assert cell_date("1985") is None and cell_date(1985) is None
    assert cell_date("bientôt") is None
    assert [cell_year(value) for value in (1985, 1985.0, "1985", " ١٩٨٥ ", "04/03/1985", 31110)] == [1985] * 6
    assert cell_year(dt.date(1985, 3, 4)) == 1985
    assert cell_year("vers 1985") is None and cell_year(None) is None and cell_year(True) is None


def test_the_header_row_is_found_under_a_title_and_place_lines(tmp_path):
    path = tmp_path / "douar.csv"
    path.write_text(
        "Association Amal;;;;\nCommune :;Tiznit;Douar :;Ait Ali;\n;;;;\n"
        "N°;Nom et prénom;CIN;Téléphone;Taille du ménage\n1;Ahmed;AB1;0612345678;4\n",
        encoding="utf-8",
    )
    table = read_table(path)
    assert (table.header_row, table.headers[1], [row.number for row in table.rows]) == (4, "Nom et prénom", [5])
