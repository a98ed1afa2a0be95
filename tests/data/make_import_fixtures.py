"""The two binary workbooks the import tests read and cannot write themselves (run once, outside the project's venv).

    python -m venv /tmp/fixtures && /tmp/fixtures/bin/pip install xlwt msoffcrypto-tool openpyxl
    /tmp/fixtures/bin/python tests/data/make_import_fixtures.py

import_households.xls: a small Excel 97-2003 list (xlwt, BSD): a title row, then headers and three households.
import_protected.xlsx: an .xlsx saved with the password "secret" (msoffcrypto-tool, MIT), as Excel saves one.
"""

import datetime as dt
import io
from pathlib import Path

import openpyxl
import xlwt
from msoffcrypto.format.ooxml import OOXMLFile

HERE = Path(__file__).resolve().parent


def make_xls(path: Path) -> None:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Ménages")
    sheet.write(0, 0, "Liste des bénéficiaires")
    for column, header in enumerate(["Nom", "الاسم", "CIN", "Téléphone", "Taille", "Date de naissance"]):
        sheet.write(2, column, header)
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    rows = [
        ("Ahmed Alaoui", "أحمد العلوي", "AB 123456", 612345678.0, 5, dt.date(1980, 4, 3)),
        ("Fatima Zahra", "فاطمة الزهراء", "C45678", "0661234567", 3, dt.date(1975, 12, 31)),
        ("Omar Idrissi", "عمر الإدريسي", "JB9876", "+212 6 70 12 34 56", 7, dt.date(1990, 1, 15)),
    ]
    for offset, row in enumerate(rows):
        for column, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write(3 + offset, column, value, date_style)
            else:
                sheet.write(3 + offset, column, value)
    book.save(str(path))


def make_protected_xlsx(path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Nom", "CIN"])
    book.active.append(["Ahmed", "AB123456"])
    plain = io.BytesIO()
    book.save(plain)
    plain.seek(0)
    office = OOXMLFile(plain)
    with path.open("wb") as out:
        office.encrypt("secret", out)


if __name__ == "__main__":
    make_xls(HERE / "import_households.xls")
    make_protected_xlsx(HERE / "import_protected.xlsx")
