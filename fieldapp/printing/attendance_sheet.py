"""The volunteers' attendance sheet: who came, when, for how long, a signature each, blank rows to fill by hand."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import partial

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from fieldapp.printing.sheet import Column, Frame, Line, SheetHeader, render, totals_height, wrapped

ATTENDANCE_COLUMNS = (
    Column("print.col_number", 8),
    Column("print.col_name", 55),
    Column("print.col_name_ar", 50),
    Column("print.col_phone", 30),
    Column("print.col_check_in", 32),
    Column("print.col_check_out", 32),
    Column("print.col_hours", 16),
    Column("print.col_signature", 54),
)
ATTENDANCE_ROW_HEIGHT = 11 * mm


@dataclass(frozen=True)
class AttendanceRow:
    name: str  # empty on the blank rows left for walk-ins
    name_ar: str | None
    phone: str | None
    check_in: str
    check_out: str
    hours: str


@dataclass(frozen=True)
class AttendanceDocument:
    header: SheetHeader
    rows: list[AttendanceRow]
    totals: list[tuple[str, str]]  # (French line, Arabic line)


def walk_in_rows(named: int, total_lines: int, wanted: int = 6, least: int = 3) -> int:
    """Blank rows after the named ones: `wanted`, or fewer (not under `least`) when that saves a page for the totals."""
    frame = Frame(None, ATTENDANCE_COLUMNS, ATTENDANCE_ROW_HEIGHT)
    tail = totals_height(total_lines)
    pages = frame.pages(named + wanted, tail)
    return next((n for n in range(wanted, least - 1, -1) if frame.pages(named + n, tail) < pages), wanted)


def _row(canvas: Canvas, frame: Frame, slot: int, number: int, row: AttendanceRow) -> None:
    put, width = partial(frame.put, canvas, slot), frame.width
    put([Line(str(number), 9, align="centre")], 0)
    put(wrapped(row.name, 9.5, width(1), 2, bold=True), 1)
    put(wrapped(row.name_ar, 11, width(2), 2, bold=True, align="right"), 2)
    put(wrapped(row.phone, 9, width(3), 1, align="centre"), 3)
    put(wrapped(row.check_in, 9, width(4), 1, align="centre"), 4)
    put(wrapped(row.check_out, 9, width(5), 1, align="centre"), 5)
    put(wrapped(row.hours, 9.5, width(6), 1, bold=True, align="centre"), 6)


def render_attendance(doc: AttendanceDocument, path: str | os.PathLike) -> int:
    """Write the attendance sheet at `path` (the caller's atomic temporary path); returns the number of pages."""
    return render(path, Frame(doc.header, ATTENDANCE_COLUMNS, ATTENDANCE_ROW_HEIGHT), doc.rows, doc.totals, _row)
