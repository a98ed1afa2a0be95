"""Turning the typed values of a cell (text, numbers, dates, Excel serials) into the text, date or year they mean."""

from __future__ import annotations

import datetime as dt
import math
import re

from fieldapp.normalize import western_digits

# Characters Excel and phones leave around values: no-break and zero-width spaces, direction marks, a stray BOM.
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_SCIENTIFIC = re.compile(r"^([0-9])(?:[.,]([0-9]+))?[eE]\+?([0-9]{1,2})$")
_POINT_ZERO = re.compile(r"^([0-9]+)[.,]0+$")
_DAY_FIRST = re.compile(r"^([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4})$")
_ISO = re.compile(r"^([0-9]{4})[/.\-]([0-9]{1,2})[/.\-]([0-9]{1,2})(?:[ T][0-9:.]+)?$")
_YEAR = re.compile(r"^[0-9]{4}$")
EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel counts a 29 February 1900 that never was)
_LAST_SERIAL = 2958465  # 31/12/9999
FIRST_YEAR, LAST_YEAR = 1900, 2100  # a number in this range is a year, not an Excel serial


def clean_text(text: str) -> str:
    """Outer spaces, no-break spaces and invisible marks removed."""
    return text.strip().strip(_INVISIBLE).strip()


def _digits_of_float(value: float) -> str | None:
    """612345678.0 or 6.12345678E8 → '612345678'; None when the number has a fractional part."""
    if math.isfinite(value) and value == int(value) and abs(value) < 1e18:
        return str(int(value))
    return None


def _recovered_number_text(text: str) -> str:
    """Text Excel wrote from a number ('6.12345678E8', '612345678.0') back to its digits when they are exact."""
    point_zero = _POINT_ZERO.match(text)
    if point_zero:
        return point_zero.group(1)
    scientific = _SCIENTIFIC.match(text)
    if scientific:
        first, decimals, exponent = scientific.group(1), scientific.group(2) or "", int(scientific.group(3))
        # 6.12345678E8 holds every digit; 6.12346E+08 (Excel's General format) lost some and is left as written
        if len(decimals) == exponent:
            return first + decimals
    return text


def cell_text(value: object) -> str | None:
    """A cell as the text a person reads: digits for integral floats (no '.0', no exponent), dd/mm/yyyy for dates,
    outer spaces removed; None for an empty cell."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        digits = _digits_of_float(value)
        return digits if digits is not None else repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    text = clean_text(str(value))
    return _recovered_number_text(text) if text else None


def _serial_date(serial: float) -> dt.date | None:
    if 1 <= serial <= _LAST_SERIAL:
        return EXCEL_EPOCH + dt.timedelta(days=int(serial))
    return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def cell_date(value: object) -> dt.date | None:
    """A date from a workbook date, an Excel serial number, or text dd/mm/yyyy (also - and .) or yyyy-mm-dd;
    None when the cell holds no readable date (a bare year is not a date: see cell_year)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float):
        if not math.isfinite(value) or FIRST_YEAR <= value <= LAST_YEAR:
            return None
        return _serial_date(value)
    text = western_digits(clean_text(str(value)))
    day_first = _DAY_FIRST.match(text)
    if day_first:
        day, month, year = (int(part) for part in day_first.groups())
        return _safe_date(year, month, day)
    iso = _ISO.match(text)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
        return _safe_date(year, month, day)
    number = _recovered_number_text(text)
    if number.isdigit() and not _YEAR.match(number):
        return _serial_date(int(number))
    return None


def cell_year(value: object) -> int | None:
    """A year from a bare year (1985, '1985', 1985.0) or from any date cell_date reads; None otherwise."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if math.isfinite(value) and value == int(value) and FIRST_YEAR <= value <= LAST_YEAR:
            return int(value)
    elif isinstance(value, str):
        text = _recovered_number_text(western_digits(clean_text(value)))
        if _YEAR.match(text):
            return int(text)
    found = cell_date(value)
    return found.year if found else None


def column_letter(index: int) -> str:
    """0 → 'A', 25 → 'Z', 26 → 'AA', as Excel names its columns."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters
