"""Sheets on A4 landscape: the page frame (header, column titles, rows of one known height, page X / Y) and sign-off."""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, partial
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from fieldapp import i18n
from fieldapp.printing import fonts, qr, text
from fieldapp.printing.pen import Pen

PAGE = landscape(A4)
MARGIN = 10 * mm  # left and right
MARGIN_Y = 8 * mm  # top and bottom
PAD = 1.4 * mm  # inside a cell, left and right
HEADER_HEIGHT = 22 * mm
TITLES_HEIGHT = 10 * mm  # the row of column titles (French over Arabic)
FOOTER_HEIGHT = 7 * mm
LEADING = 1.22
TOTAL_LINE = 5 * mm
FIELD_GAP = 4 * mm
SERVED_SHADE = 0.9
PAGE_NUMBER_ROOM = 28 * mm  # each side of the footer: "Page 12 / 100" in French, then in Arabic


def label(key: str, language: str, **params: object) -> str:
    return i18n.t(key, language, **params)


@dataclass(frozen=True)
class Column:
    key: str  # print.col_* message key: its French title is shown above its Arabic one
    width: float  # points


@dataclass(frozen=True)
class SheetHeader:
    """What every page repeats: the title, bilingual fields (association, event, site, date) and a footer text."""

    title_key: str
    fields: tuple[tuple[str, str], ...]
    footer: str
    # Why the data is held and whom to ask (law 09-08), French and Arabic: in the footer, instead of `footer`.
    purpose: tuple[str, str] | None = None


@dataclass(frozen=True)
class Line:
    """One line of a cell, in logical order; drawn shaped (Arabic joined, right to left)."""

    value: str
    size: float
    bold: bool = False
    align: str = "left"


def wrapped(
    value: str | None, size: float, width: float, max_lines: int, bold: bool = False, align: str = "left"
) -> list[Line]:
    """A cell's lines: the text wrapped to the cell (less its padding), cut with … after `max_lines`."""
    if not value:
        return []
    if text.shaped_width(value, size, bold) <= width - 2 * PAD:  # most cells: one measure instead of one per word
        return [Line(value, size, bold, align)]
    return [Line(v, size, bold, align) for v in text.wrap(value, size, width - 2 * PAD, bold, max_lines)]


class Frame:
    """The geometry of a sheet: rows have one known height, so the number of pages is known before drawing."""

    def __init__(self, header: SheetHeader | None, columns: Sequence[Column], row_height: float) -> None:
        """`header` may be None to measure only (pages, rows a page)."""
        fonts.register()
        self.header, self.columns, self.row_height = header, list(columns), row_height
        self.left, self.right = MARGIN, PAGE[0] - MARGIN
        scale = (self.right - self.left) / sum(c.width for c in columns)  # columns fill the width exactly
        self.edges = [self.left]
        for column in columns:
            self.edges.append(self.edges[-1] + column.width * scale)
        self.rows_top = PAGE[1] - MARGIN_Y - HEADER_HEIGHT - TITLES_HEIGHT
        self.bottom = MARGIN_Y + FOOTER_HEIGHT
        self.per_page = int((self.rows_top - self.bottom) / row_height + 1e-6)

    def span(self, first: int, last: int | None = None) -> tuple[float, float]:
        """Left and right x of a column, or of columns first..last drawn as one cell."""
        return self.edges[first], self.edges[(first if last is None else last) + 1]

    def width(self, first: int, last: int | None = None) -> float:
        left, right = self.span(first, last)
        return right - left

    def put(self, canvas: Canvas, slot: int, lines: Sequence[Line], first: int, last: int | None = None) -> None:
        """Lines in the cell of row `slot` and column `first` (to column `last` when cells are joined)."""
        left, right = self.span(first, last)
        cell(canvas, left, right, self.slot_top(slot), self.row_height, lines)

    def pages(self, rows: int, tail_height: float) -> int:
        """Pages for `rows` rows then a block `tail_height` high (the totals), which is never split across pages."""
        pages = max(1, math.ceil(rows / self.per_page))
        on_last = rows - (pages - 1) * self.per_page
        room = self.rows_top - on_last * self.row_height - self.bottom - 3 * mm
        return pages + (1 if room < tail_height else 0)

    def slot_top(self, slot: int) -> float:
        return self.rows_top - slot * self.row_height

    def draw_page(self, canvas: Canvas, page: int, pages: int, with_titles: bool = True) -> None:
        """The header band, the column titles and the footer (Page X / Y in French and Arabic)."""
        top = PAGE[1] - MARGIN_Y
        title = self.header.title_key
        text.draw_line(canvas, self.left, top - 13, label(title, "fr"), 13, bold=True)
        text.draw_line(canvas, self.right, top - 13, label(title, "ar"), 14, bold=True, align="right")
        left = self.left
        for (key, value), width in zip(self.header.fields, self._field_widths, strict=True):
            pen = Pen(canvas, left, left + width, top - 8 * mm)
            pen.labels(key, 7.5)
            pen.paragraph(value or "—", 10, bold=True, max_lines=1)
            left += width + FIELD_GAP
        canvas.setLineWidth(0.8)
        canvas.line(self.left, top - HEADER_HEIGHT + 2 * mm, self.right, top - HEADER_HEIGHT + 2 * mm)
        if with_titles:
            self._draw_titles(canvas)
        self._draw_footer(canvas, page, pages)

    @cached_property
    def _field_widths(self) -> list[float]:
        """Header fields share the width by what their values need (a long association name, a short date)."""
        room = self.right - self.left - FIELD_GAP * (len(self.header.fields) - 1)
        needs = [max(text.shaped_width(v or "—", 10, True) + 2 * mm, 32 * mm) for _, v in self.header.fields]
        spare = room - sum(needs)
        if spare >= 0:
            return [need + spare / len(needs) for need in needs]
        return [need * room / sum(needs) for need in needs]

    def _draw_titles(self, canvas: Canvas) -> None:
        top = self.rows_top + TITLES_HEIGHT
        canvas.saveState()
        canvas.setFillGray(0.88)
        canvas.rect(self.left, self.rows_top, self.right - self.left, TITLES_HEIGHT, stroke=0, fill=1)
        canvas.restoreState()
        for index, lines in enumerate(self._title_lines):
            left, right = self.span(index)
            cell(canvas, left, right, top, TITLES_HEIGHT, lines)

    @cached_property
    def _title_lines(self) -> list[list[Line]]:
        """Each column's French then Arabic title, fitted once for every page."""
        result = []
        for index, column in enumerate(self.columns):
            left, right = self.span(index)
            lines = wrapped(label(column.key, "fr"), 7.5, right - left, 1, bold=True, align="centre")
            result.append(lines + wrapped(label(column.key, "ar"), 8.5, right - left, 1, bold=True, align="centre"))
        return result

    def _draw_footer(self, canvas: Canvas, page: int, pages: int) -> None:
        y = MARGIN_Y + 1.5 * mm
        text.draw_line(canvas, self.left, y, label("print.page", "fr", page=page, pages=pages), 8.5)
        centre = (self.left + self.right) / 2
        canvas.setFillGray(0.35)
        if self.header.purpose:
            room = self.right - self.left - 2 * PAGE_NUMBER_ROOM
            french, arabic = (text.wrap(line, 6.5, room, max_lines=1)[0] for line in self.header.purpose)
            text.draw_line(canvas, centre, y + 2.6 * mm, french, 6.5, align="centre")
            text.draw_line(canvas, centre, y - 0.2 * mm, arabic, 7, align="centre")
        else:
            footer = text.wrap(self.header.footer, 8, (self.right - self.left) / 2, max_lines=1)[0]
            text.draw_line(canvas, centre, y, footer, 8, align="centre")
        canvas.setFillGray(0)
        text.draw_line(canvas, self.right, y, label("print.page", "ar", page=page, pages=pages), 9.5, align="right")

    def draw_grid(self, canvas: Canvas, rows: int, merged: Sequence[bool] = (), merge_at: int | None = None) -> None:
        """Cell borders of `rows` rows from the top slot; where `merged[slot]`, no border at edge `merge_at`."""
        if rows <= 0:
            return
        top, bottom = self.rows_top + TITLES_HEIGHT, self.slot_top(rows)
        path = canvas.beginPath()
        for slot in range(rows + 1):
            path.moveTo(self.left, self.slot_top(slot))
            path.lineTo(self.right, self.slot_top(slot))
        path.moveTo(self.left, top)
        path.lineTo(self.right, top)
        for index, x in enumerate(self.edges):
            if index != merge_at:
                path.moveTo(x, top)
                path.lineTo(x, bottom)
                continue
            path.moveTo(x, top)
            path.lineTo(x, self.rows_top)
            for slot in range(rows):
                if not (slot < len(merged) and merged[slot]):
                    path.moveTo(x, self.slot_top(slot))
                    path.lineTo(x, self.slot_top(slot + 1))
        canvas.saveState()
        canvas.setLineWidth(0.5)
        canvas.drawPath(path, stroke=1, fill=0)
        canvas.restoreState()

    def shade(self, canvas: Canvas, slot: int, gray: float = SERVED_SHADE) -> None:
        canvas.saveState()
        canvas.setFillGray(gray)
        top = self.slot_top(slot)
        canvas.rect(self.left, top - self.row_height, self.right - self.left, self.row_height, stroke=0, fill=1)
        canvas.restoreState()

    def totals(self, canvas: Canvas, top: float, title_key: str, lines: Sequence[tuple[str, str]]) -> None:
        """The totals block: a bilingual title, then each line in French on the left and in Arabic on the right."""
        y = top - 5 * mm
        text.draw_line(canvas, self.left, y, label(title_key, "fr"), 10.5, bold=True)
        text.draw_line(canvas, self.right, y, label(title_key, "ar"), 11.5, bold=True, align="right")
        half = (self.right - self.left) / 2 - 4 * mm
        for french, arabic in lines:
            y -= TOTAL_LINE
            text.draw_line(canvas, self.left, y, text.wrap(french, 9.5, half, max_lines=1)[0], 9.5)
            text.draw_line(canvas, self.right, y, text.wrap(arabic, 10.5, half, max_lines=1)[0], 10.5, align="right")


def render(
    path: str | os.PathLike,
    frame: Frame,
    rows: Sequence,
    totals: Sequence[tuple[str, str]],
    draw_row: Callable[[Canvas, Frame, int, int, Any], None],
    merged: Sequence[bool] = (),
    merge_at: int | None = None,
) -> int:
    """Every page: the frame, `draw_row(canvas, frame, slot, number, row)` for its rows, their grid, and the totals
    after the last row (on a page of their own when they do not fit under it). Returns the number of pages."""
    pages = frame.pages(len(rows), totals_height(len(totals)))
    canvas = Canvas(str(path), pagesize=PAGE, pageCompression=1)
    canvas.setTitle(f"{label(frame.header.title_key, 'fr')} — {frame.header.footer}")
    for page in range(1, pages + 1):
        start = (page - 1) * frame.per_page
        chunk = rows[start : start + frame.per_page]
        frame.draw_page(canvas, page, pages, with_titles=bool(chunk) or page == 1)
        for slot, row in enumerate(chunk):
            draw_row(canvas, frame, slot, start + slot + 1, row)
        frame.draw_grid(canvas, len(chunk), merged[start : start + frame.per_page], merge_at)
        if page == pages:
            rows_end = frame.slot_top(len(chunk)) if chunk or page == 1 else frame.rows_top + TITLES_HEIGHT
            frame.totals(canvas, rows_end - 1 * mm, "print.totals", totals)
        canvas.showPage()
    canvas.save()
    return pages


def totals_height(lines: int) -> float:
    return (lines + 1) * TOTAL_LINE + 4 * mm


def cell(canvas: Canvas, left: float, right: float, top: float, height: float, lines: Sequence[Line]) -> None:
    """Lines centred vertically in a cell; each aligned left, right or centre between the paddings."""
    block = sum(line.size * LEADING for line in lines)
    y = top - (height - block) / 2
    for line in lines:
        y -= line.size * LEADING
        baseline = y + line.size * (LEADING - 1) / 2 + line.size * 0.2
        x = {"left": left + PAD, "right": right - PAD, "centre": (left + right) / 2}[line.align]
        text.draw_line(canvas, x, baseline, line.value, line.size, line.bold, line.align)


# --- the beneficiary sign-off sheet ---------------------------------------------------------------------------------

SIGNOFF_COLUMNS = (
    Column("print.col_number", 9),
    Column("print.col_name", 50),
    Column("print.col_name_ar", 48),
    Column("print.col_douar", 30),
    Column("print.cin", 22),
    Column("print.col_size", 12),
    Column("print.col_entitlement", 30),
    Column("print.col_code", 18),
    Column("print.col_signature", 32),
    Column("print.col_thumbprint", 26),
)
SIGNOFF_ROW_HEIGHT = 15.5 * mm  # 10 rows a page, and room around the QR code (grid lines upset readers)
QR_SIZE = 13.5 * mm
_QR_COLUMN, _SIGNATURE_COLUMN = 7, 8


@dataclass(frozen=True)
class SignoffRow:
    name: str
    name_ar: str | None
    douar: str | None
    masked_cin: str | None
    size: int
    entitlement: str  # "KIT×1 LAIT×2"
    qr_text: str
    receipt: str | None  # set when the household was already served at this event


@dataclass(frozen=True)
class SignoffDocument:
    header: SheetHeader
    rows: list[SignoffRow]
    totals: list[tuple[str, str]]  # (French line, Arabic line)


def _signoff_row(canvas: Canvas, frame: Frame, slot: int, number: int, row: SignoffRow) -> None:
    if row.receipt:
        frame.shade(canvas, slot)
    put, width = partial(frame.put, canvas, slot), frame.width
    put([Line(str(number), 9, align="centre")], 0)
    put(wrapped(row.name, 9.5, width(1), 2, bold=True), 1)
    put(wrapped(row.name_ar, 11, width(2), 2, bold=True, align="right"), 2)
    put(wrapped(row.douar, 8, width(3), 2), 3)
    put([Line(row.masked_cin or "—", 9, align="centre")], 4)
    put([Line(str(row.size), 10, align="centre")], 5)
    put(wrapped(row.entitlement or "—", 8.5, width(6), 3), 6)
    if row.receipt:  # nothing to sign: the receipt number across the signature and thumbprint cells
        both = width(_SIGNATURE_COLUMN, _SIGNATURE_COLUMN + 1)
        french = label("print.already_served", "fr", receipt=row.receipt)
        arabic = label("print.already_served", "ar", receipt=row.receipt)
        lines = wrapped(french, 8.5, both, 2, True, "centre") + wrapped(arabic, 8.5, both, 2, True, "centre")
        put(lines, _SIGNATURE_COLUMN, _SIGNATURE_COLUMN + 1)
    else:
        left, right = frame.span(_QR_COLUMN)
        top = frame.slot_top(slot)
        qr.draw(
            canvas,
            row.qr_text,
            (left + right - QR_SIZE) / 2,
            top - (frame.row_height + QR_SIZE) / 2,
            QR_SIZE,
            best_mask=False,
        )


def render_signoff(doc: SignoffDocument, path: str | os.PathLike) -> int:
    """Write the sign-off sheet at `path` (the caller's atomic temporary path); returns the number of pages."""
    frame = Frame(doc.header, SIGNOFF_COLUMNS, SIGNOFF_ROW_HEIGHT)
    merged = [bool(row.receipt) for row in doc.rows]  # served: one cell across signature and thumbprint
    return render(path, frame, doc.rows, doc.totals, _signoff_row, merged, merge_at=_SIGNATURE_COLUMN + 1)
