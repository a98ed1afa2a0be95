"""The rows an import refused, written back as they came (faulty cells highlighted, the reason beside) to fix and
re-import; with the workbook, a second sheet listing every error and warning."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from fieldapp import i18n
from fieldapp.errors import BadData
from fieldapp.files import atomic_path
from fieldapp.importing.rows import ERROR, Problem

if TYPE_CHECKING:
    from fieldapp.services.importing import ImportCheck

FAULTY = PatternFill("solid", start_color="FFC7CE")  # Excel's own "bad" red, readable printed in grey too
WARNED = PatternFill("solid", start_color="FFEB9C")
BOLD = Font(bold=True)


def write_rejected(check: ImportCheck, path: str | os.PathLike, late: Iterable[Problem] = ()) -> int:
    """The refused rows (at the check, and `late` ones refused while writing) to .xlsx or .csv; rows written."""
    problems: dict[int, list[Problem]] = {}
    for problem in [*check.problems, *late]:
        problems.setdefault(problem.row, []).append(problem)
    refused = [p.row for p in check.rows if p.action == "reject"]
    late_rows = {p.row for p in late}
    refused += [p.row for p in check.rows if p.row.number in late_rows and p.action != "reject"]
    refused.sort(key=lambda r: r.number)
    suffix = Path(path).suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise BadData("error.import_report_format", path=str(path))
    with atomic_path(path) as temp:
        if suffix == ".csv":
            _write_csv(temp, check, refused, problems)
        else:
            _write_xlsx(temp, check, refused, problems)
    return len(refused)


def _reason(row_problems: list[Problem]) -> str:
    return "\n".join(p.message for p in row_problems if p.level == ERROR)


def _headers(check: ImportCheck) -> list[str]:
    return [*check.table.headers, i18n.t("import.reason_header"), i18n.t("import.source_row_header")]


def _write_csv(temp, check: ImportCheck, refused, problems) -> None:
    delimiter = check.table.delimiter or ";"  # Excel with French settings splits on ";"
    with open(temp, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(_headers(check))
        for row in refused:
            cells = ["" if c is None else c for c in row.cells]
            cells += [""] * (len(check.table.headers) - len(cells))
            writer.writerow([*cells, _reason(problems.get(row.number, [])), row.number])


def _text_cell(sheet, value: object, fill: PatternFill | None = None, note: str | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # a name starting with "=" stays a name, never a formula
    if fill is not None:
        cell.fill = fill
    if note:
        cell.comment = Comment(note, "fieldapp")
    return cell


def _write_xlsx(temp, check: ImportCheck, refused, problems) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(i18n.t("import.sheet_rejected")[:31])
    sheet.freeze_panes = "A2"
    sheet.append([_text_cell(sheet, h) for h in _headers(check)])
    width = len(check.table.headers)
    for row in refused:
        row_problems = problems.get(row.number, [])
        by_column = {}
        for problem in row_problems:
            if problem.column is not None and problem.level == ERROR:
                by_column.setdefault(problem.letter, []).append(problem.message)
        cells = list(row.cells) + [None] * (width - len(row.cells))
        line = []
        for index, value in enumerate(cells[:width]):
            notes = by_column.get(check.table.columns[index])
            line.append(_text_cell(sheet, value, FAULTY if notes else None, "\n".join(notes) if notes else None))
        line.append(_text_cell(sheet, _reason(row_problems)))
        line.append(row.number)
        sheet.append(line)
    report = book.create_sheet(i18n.t("import.sheet_report")[:31])
    report.freeze_panes = "A2"
    titles = ("import.report_row", "import.report_column", "import.report_value", "import.report_level",
              "import.report_message")  # fmt: skip
    report.append([_text_cell(report, i18n.t(k)) for k in titles])
    for problem in sorted([p for ps in problems.values() for p in ps], key=lambda p: p.row):
        level = i18n.t(f"import.level_{problem.level}")
        fill = FAULTY if problem.level == ERROR else WARNED
        column = f"{problem.letter} · {problem.column}" if problem.column else ""
        report.append([
            problem.row, _text_cell(report, column), _text_cell(report, problem.value),
            _text_cell(report, level, fill), _text_cell(report, problem.message),
        ])  # fmt: skip
    book.save(temp)
