"""A households list read from a CSV or workbook file: its header row found, its empty rows and columns dropped."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from fieldapp import i18n
from fieldapp.errors import BadData
from fieldapp.importing.cells import cell_date, cell_text, cell_year, clean_text, column_letter
from fieldapp.importing.csv_reading import read_csv_rows
from fieldapp.importing.mapping import recognised_field
from fieldapp.importing.workbook_reading import MergedRange, read_sheet, workbook_sheets

__all__ = ["SourceRow", "Table", "cell_date", "cell_text", "cell_year", "read_table", "sheet_names"]

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
HEADER_SEARCH_ROWS = 30  # the header row is looked for among the first non-empty rows only
LONGEST_HEADER = 200  # characters: a longer cell is a title or a note, not a column's name
Cell = str | int | float | dt.date | dt.datetime | bool | None
Grid = list[tuple[int, list[object]]]


@dataclass(frozen=True)
class SourceRow:
    number: int  # the row number the person sees: Excel's row number, or the CSV line number (1-based)
    cells: tuple  # one value per column of Table.headers: str | int | float | date | datetime | bool | None


@dataclass(frozen=True)
class Table:
    source: str  # the file's name (no folder), for messages
    sheet: str | None  # the sheet read (None for CSV)
    sheets: tuple[str, ...]  # every sheet of a workbook, () for CSV
    header_row: int  # the row number of the header row
    headers: tuple[str, ...]  # one text per column, never empty ("Colonne C" when blank)
    columns: tuple[str, ...]  # each column's letter as Excel shows it ("A", "B", ..., "AA"); CSV too
    rows: tuple[SourceRow, ...]  # the data rows, empty rows left out
    encoding: str | None = None  # CSV: the encoding detected; None for workbooks
    delimiter: str | None = None  # CSV: "," ";" or "\t"


def _kind(path: Path) -> str:
    if not path.is_file():
        raise BadData("import.file_missing", file=path.name)
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in WORKBOOK_SUFFIXES:
        return "workbook"
    raise BadData("import.unsupported_format", file=path.name, formats=", ".join(CSV_SUFFIXES + WORKBOOK_SUFFIXES))


def sheet_names(path: str | os.PathLike) -> list[str]:
    """The sheets of a workbook, in its order; [] for a CSV file."""
    path = Path(path)
    return workbook_sheets(path) if _kind(path) == "workbook" else []


def read_table(path: str | os.PathLike, sheet: str | None = None) -> Table:
    """The households list in `path` (the first sheet that holds something unless `sheet` names one).

    Raises BadData (key import.*, the file named in the message) for a file that cannot be read as a list."""
    path = Path(path)
    if _kind(path) == "csv":
        grid, encoding, delimiter = read_csv_rows(path)
        return _build(path.name, None, (), _normalised(grid), [], encoding=encoding, delimiter=delimiter)
    chosen, names, grid, merged = read_sheet(path, sheet)
    return _build(path.name, chosen, tuple(names), _normalised(grid), merged)


def _normalised(grid: Grid) -> Grid:
    """Blank text made None; rows with nothing in them left out."""
    kept = []
    for number, values in grid:
        cells = [None if isinstance(value, str) and not clean_text(value) else value for value in values]
        if any(value is not None for value in cells):
            kept.append((number, cells))
    return kept


def _header_text(value: object) -> str | None:
    """A header cell as one line of text (a number or a date too); lines of a wrapped header joined with ' / '."""
    text = cell_text(value)
    if text is None:
        return None
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return " / ".join(line for line in lines if line) or None


def _is_text(value: object) -> bool:
    return isinstance(value, str) and cell_text(value) is not None and not cell_text(value).replace(".", "").isdigit()


def _looks_like_headers(values: list[object]) -> tuple[bool, int]:
    """(most filled cells are short text, how many distinct fields the mapping recognises among them)."""
    filled = [value for value in values if value is not None]
    texts = [value for value in filled if _is_text(value) and len(value) <= LONGEST_HEADER]
    fields = {recognised_field(_header_text(value)) for value in texts} - {None}
    return len(texts) * 2 > len(filled), len(fields)


def _sub_headers(values: list[object]) -> bool:
    """Whether a row under merged group titles is their sub-headers ('Nom', 'Sexe'...) rather than a first family."""
    mostly_text, recognised = _looks_like_headers(values)
    return mostly_text and recognised >= 1 and sum(_is_text(value) for value in values) >= 2


def _header_index(grid: Grid) -> int:
    """Index in grid of the header row: the row of mostly text with the most recognised column names (two at least;
    the first of equals), so that "Commune : | Tiznit" above the headers is not taken for them; else the first row
    with several text cells, else the first row."""
    candidates = grid[:HEADER_SEARCH_ROWS]
    scored = []
    for index, (_, values) in enumerate(candidates):
        mostly_text, recognised = _looks_like_headers(values)
        if mostly_text and recognised >= 2:
            scored.append((recognised, -index))
    if scored:
        return -max(scored)[1]
    for index, (_, values) in enumerate(candidates):
        if sum(_is_text(value) for value in values) >= 2:
            return index
    return 0


def _spans_columns(ranges: list[MergedRange], row: int) -> list[MergedRange]:
    """Merged ranges of row `row` (0-based) spanning two columns or more."""
    return [r for r in ranges if r[0][0] <= row <= r[1][0] and r[1][1] > r[0][1]]


def _filled_row(values: list[object], row: int, merged: list[MergedRange], grid_by_row: dict[int, list[object]]):
    """The row's values with each merged range's value (held by its top-left cell) in every cell it covers."""
    filled = list(values)
    for (top, left), (bottom, right) in merged:
        if not top <= row <= bottom:
            continue
        source = grid_by_row.get(top + 1, [])
        value = source[left] if left < len(source) else None
        for column in range(left, right + 1):
            if column >= len(filled):
                filled.extend([None] * (column + 1 - len(filled)))
            if filled[column] is None:
                filled[column] = value
    return filled


def _header_cells(grid: Grid, index: int, merged: list[MergedRange]) -> tuple[int, list[str | None]]:
    """(index of the header row in grid, one header text per column), merged cells spread over the columns they
    cover; a group title merged over sub-headers in the row below gives 'Group - Sub'."""
    by_row = {number: values for number, values in grid}
    number, values = grid[index]
    below = grid[index + 1] if index + 1 < len(grid) else None
    group: list[object] | None = None
    if _spans_columns(merged, number - 1) and below and below[0] == number + 1 and _sub_headers(below[1]):
        group, (number, values), index = values, below, index + 1
    elif index > 0 and grid[index - 1][0] == number - 1 and _spans_columns(merged, number - 2):
        above = grid[index - 1][1]
        if len({_header_text(value) for value in above} - {None}) >= 2:
            group = above
    texts = [_header_text(value) for value in _filled_row(values, number - 1, merged, by_row)]
    if group is not None:
        spans = _spans_columns(merged, number - 2)
        group_texts = [_header_text(value) for value in _filled_row(group, number - 2, merged, by_row)]
        for column, text in enumerate(texts):
            in_span = any(left <= column <= right for (_, left), (_, right) in spans)
            title = group_texts[column] if column < len(group_texts) else None
            if in_span and title and text and title != text:
                texts[column] = f"{title} - {text}"
            elif title and not text:
                texts[column] = title
    return index, texts


def _fill_merged_data(grid: Grid, header_number: int, merged: list[MergedRange]) -> None:
    """A value merged down over several data rows (a commune for a block of families) applies to each of them."""
    by_row = {number: values for number, values in grid}
    for (top, left), (bottom, right) in merged:
        if bottom == top or top + 1 <= header_number:
            continue
        source = by_row.get(top + 1)
        if source is None or left >= len(source):
            continue
        for row in range(top + 2, bottom + 2):
            values = by_row.get(row)
            if values is None:
                continue
            for column in range(left, min(right + 1, len(values))):
                if values[column] is None:
                    values[column] = source[left]


def _build(
    source: str,
    sheet: str | None,
    sheets: tuple[str, ...],
    grid: Grid,
    merged: list[MergedRange],
    encoding: str | None = None,
    delimiter: str | None = None,
) -> Table:
    if not grid:
        raise BadData("import.empty_file" if sheet is None else "import.empty_sheet", file=source, sheet=sheet or "")
    width = max(len(values) for _, values in grid)
    index, header_texts = _header_cells(grid, _header_index(grid), merged)
    header_number = grid[index][0]
    data = grid[index + 1 :]
    _fill_merged_data(data, header_number, merged)
    header_texts += [None] * (width - len(header_texts))
    kept = [
        column
        for column in range(width)
        if header_texts[column] is not None
        or any(column < len(values) and values[column] is not None for _, values in data)
    ]
    letters = tuple(column_letter(column) for column in kept)
    headers = tuple(
        header_texts[column] or i18n.t("import.blank_header", letter=column_letter(column)) for column in kept
    )
    rows = []
    for number, values in data:
        values = values + [None] * (width - len(values))
        rows.append(SourceRow(number=number, cells=tuple(values[column] for column in kept)))
    return Table(
        source=source,
        sheet=sheet,
        sheets=sheets,
        header_row=header_number,
        headers=headers,
        columns=letters,
        rows=tuple(rows),
        encoding=encoding,
        delimiter=delimiter,
    )
