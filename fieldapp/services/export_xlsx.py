"""Export rows written as an Excel workbook, row by row (XlsxWriter's constant memory mode): headers in the person's
language, right to left in Arabic, CIN and phone as text, real dates, the header row frozen, an autofilter."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator

from xlsxwriter.worksheet import Worksheet

from fieldapp import i18n
from fieldapp.services.export import national
from fieldapp.spreadsheet import QUOTED, formula_like, open_book
from fieldapp.timefmt import local_moment

ROWS_PER_SHEET = 1_048_575  # Excel's 1,048,576 rows less the header; more rows go on a further sheet
DATE_FORMAT = "yyyy-mm-dd hh:mm"
WIDTHS = {
    "id": 28, "household_id": 28, "head_name": 26, "head_name_ar": 26, "household_name": 26,
    "household_name_ar": 26, "volunteer": 24, "volunteer_ar": 24, "cin": 12, "phone": 16, "commune": 20,
    "commune_ar": 20, "province": 16, "province_ar": 16, "douar": 20, "flags": 28, "items": 18, "event": 22,
    "receipt": 18, "collector": 20, "handed_out_by": 18, "override_reason": 24, "deviation_reason": 24,
    "void_reason": 24, "consent_by": 18,
}  # fmt: skip
DATE_WIDTH, NUMBER_WIDTH, OTHER_WIDTH = 17, 9, 14

Cell = Callable[[Worksheet, int, int, object], None]


def write_xlsx(
    path: str | os.PathLike, kind: str, columns: tuple[str, ...], rows: Iterator[dict], language: str | None
) -> int:
    """Write `rows` (dicts keyed by `columns`) to a new workbook at `path`; returns how many rows were written."""
    language = language or i18n.current_language()
    book = open_book(path)  # row by row in little memory; a CIN or a phone stays text
    header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "bottom": 1, "text_wrap": True, "valign": "top"})
    when = book.add_format({"num_format": DATE_FORMAT})
    quoted = book.add_format(QUOTED)
    cells = [_cell(name, language, when, quoted) for name in columns]
    count, sheet, row_number = 0, None, ROWS_PER_SHEET
    try:
        for row in rows:
            if row_number == ROWS_PER_SHEET:
                if sheet is not None:
                    sheet.autofilter(0, 0, row_number, len(columns) - 1)
                sheet, row_number = _new_sheet(book, kind, columns, language, header, count), 0
            row_number += 1
            for column, (cell, key) in enumerate(zip(cells, columns, strict=True)):
                value = row[key]
                if value is not None and value != "" and value != []:
                    cell(sheet, row_number, column, value)
            count += 1
        if sheet is None:
            sheet = _new_sheet(book, kind, columns, language, header, count)
        sheet.autofilter(0, 0, row_number if count else 0, len(columns) - 1)
    finally:
        book.close()
    return count


def _new_sheet(book, kind: str, columns: tuple[str, ...], language: str, header, written: int) -> Worksheet:
    name = i18n.t(f"export.sheet.{kind}", language)
    if written:
        name = f"{name} ({written // ROWS_PER_SHEET + 1})"
    sheet = book.add_worksheet(name[:31])
    if i18n.is_right_to_left(language):
        sheet.right_to_left()
    for column, key in enumerate(columns):
        sheet.set_column(column, column, _width(key))
    sheet.freeze_panes(1, 0)
    for column, key in enumerate(columns):
        sheet.write_string(0, column, i18n.t(f"export.column.{key}", language), header)
    return sheet


def _width(key: str) -> int:
    if key in WIDTHS:
        return WIDTHS[key]
    if key.endswith("_at") or key in ("check_in", "check_out"):
        return DATE_WIDTH
    return NUMBER_WIDTH if key in ("size", "hours", "consent", "voided") else OTHER_WIDTH


def _cell(key: str, language: str, when, quoted) -> Cell:
    """How one column's values are written (chosen once per column, not per cell)."""

    def text(sheet: Worksheet, row: int, column: int, value: object) -> None:
        if isinstance(value, bool):
            sheet.write_boolean(row, column, value)
        elif isinstance(value, int | float):
            sheet.write_number(row, column, value)
        elif isinstance(value, dt.datetime):
            sheet.write_datetime(row, column, local_moment(value).replace(tzinfo=None), when)
        else:
            if isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            value = str(value)
            sheet.write_string(row, column, value, quoted if formula_like(value) else None)

    if key == "phone":

        def phone(sheet: Worksheet, row: int, column: int, value: object) -> None:
            text(sheet, row, column, national(value) if isinstance(value, str) and value.startswith("+") else value)

        return phone
    if key == "flags":
        comma = "، " if i18n.is_right_to_left(language) else ", "

        def flags(sheet: Worksheet, row: int, column: int, value: object) -> None:
            text(sheet, row, column, comma.join(i18n.flag_name(f, language) for f in value))

        return flags
    return text
