"""PLACEHOLDER (the lead's stand-in until the reader lands): a table read from a file, with its rows' numbers."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SourceRow:
    number: int
    cells: tuple


@dataclass(frozen=True)
class Table:
    source: str
    sheet: str | None
    sheets: tuple[str, ...]
    header_row: int
    headers: tuple[str, ...]
    columns: tuple[str, ...]
    rows: tuple[SourceRow, ...]
    encoding: str | None = None
    delimiter: str | None = None


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        value = value.strftime("%d/%m/%Y")
    text = " ".join(str(value).split())
    return text or None


def sheet_names(path) -> list[str]:
    return []


def read_table(path, sheet: str | None = None) -> Table:
    with open(path, encoding="utf-8-sig", newline="") as f:
        first = f.readline()
        f.seek(0)
        lines = list(csv.reader(f, delimiter=";" if ";" in first else ","))
    headers = tuple(lines[0])
    rows = tuple(SourceRow(n, tuple(c or None for c in r)) for n, r in enumerate(lines[1:], start=2) if any(r))
    return Table(Path(path).name, None, (), 1, headers, tuple(_letter(i) for i in range(len(headers))), rows)
