"""What every spreadsheet fieldapp writes shares (exports, funder reports): formula-looking text kept as text, and
XlsxWriter workbooks written row by row where a string is always text."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xlsxwriter import Workbook

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
QUOTED = {"quote_prefix": True}  # a cell format: text starting like a formula stays text, even once edited in Excel


def formula_like(text: str) -> bool:
    """A text a spreadsheet would take for a formula (=, +, -, @, tab, return first): written so that it stays text."""
    return text.startswith(FORMULA_START)


def open_book(path: str | os.PathLike) -> Workbook:
    """A new XLSX workbook at `path` written row by row (each sheet top to bottom, rows in order) in little memory;
    strings are never turned into numbers, formulas or links (a CIN, a phone, a name stay text). Close it."""
    import xlsxwriter  # here, not at the top: the app starts without it until a workbook is written

    options = {
        "constant_memory": True,  # each row goes to disk once the next one starts: 200,000 rows in little memory
        "strings_to_numbers": False,
        "strings_to_formulas": False,
        "strings_to_urls": False,
    }
    return xlsxwriter.Workbook(os.fspath(path), options)
