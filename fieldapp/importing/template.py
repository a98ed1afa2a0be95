"""The households list template (XLSX): one column per field with French / Arabic headers, an example family, and an
instructions sheet in both languages."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from fieldapp import i18n
from fieldapp.files import atomic_path
from fieldapp.importing.mapping import FIELDS, template_header

TEMPLATE_FIELDS = tuple(field for field in FIELDS if field != "id")  # an id only comes from an earlier export
EXAMPLE = {
    "head_name": "Ahmed El Idrissi",
    "head_name_ar": "أحمد الإدريسي",
    "cin": "JB123456",
    "phone": "0612345678",
    "commune": "Tiznit",
    "douar": "Douar Ait Ali",
    "size": 4,
    "flags": "Veuve, Handicap",
    "consent": "oui",
    "notes": "",
    "members": "Fatima El Idrissi;F;1985;épouse\nYoussef El Idrissi;M;2012;fils\nAmina El Idrissi;F;2016;fille",
}
TEXT_ROWS = 2000  # rows whose CIN and phone cells are preformatted as text
WIDTHS = {"members": 45, "notes": 30, "head_name": 28, "head_name_ar": 28, "flags": 24}
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _households_sheet(book: Workbook) -> None:
    """Headers only: an example row here would be imported with the families typed under it."""
    sheet = book.active
    sheet.title = i18n.t("import.template.sheet", "fr")
    sheet.sheet_view.rightToLeft = False
    sheet.append([template_header(field) for field in TEMPLATE_FIELDS])
    for column, field in enumerate(TEMPLATE_FIELDS, start=1):
        header = sheet.cell(row=1, column=column)
        header.font = Font(bold=True)
        header.fill = _HEADER_FILL
        header.alignment = _WRAP
        sheet.column_dimensions[header.column_letter].width = WIDTHS.get(field, 20)
        # CINs and phones are text: a phone typed as a number loses its leading 0
        if field in ("cin", "phone"):
            for row in range(2, TEXT_ROWS + 2):
                sheet.cell(row=row, column=column).number_format = "@"
    sheet.row_dimensions[1].height = 32
    sheet.freeze_panes = "A2"


def _instructions_sheet(book: Workbook) -> None:
    title = " - ".join(i18n.t("import.template.instructions_sheet", lang) for lang in ("fr", "ar"))
    sheet = book.create_sheet(title)
    sheet.append([i18n.t("import.template.column", "fr"), "Exemple / مثال", "Explication", "الشرح"])
    for field in TEMPLATE_FIELDS:
        help_fr, help_ar = (i18n.t(f"import.help.{field}", language) for language in ("fr", "ar"))
        sheet.append([template_header(field), EXAMPLE[field], help_fr, help_ar])
    sheet.append([])
    for key in ("import.help.rows", "import.help.reimport", "import.help.dates"):
        sheet.append(["", "", i18n.t(key, "fr"), i18n.t(key, "ar")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = _WRAP
    for row in sheet.iter_rows(min_row=1, min_col=4, max_col=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="right", readingOrder=2)
    sheet.column_dimensions["A"].width = 32
    sheet.column_dimensions["B"].width = 36
    sheet.column_dimensions["C"].width = 60
    sheet.column_dimensions["D"].width = 60
    sheet.freeze_panes = "A2"


def write_template_file(path: Path) -> None:
    book = Workbook()
    _households_sheet(book)
    _instructions_sheet(book)
    with atomic_path(path) as temp:
        book.save(temp)
