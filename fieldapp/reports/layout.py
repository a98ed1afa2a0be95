"""A4 portrait pages that fill from the top: headings, wrapped paragraphs, tables with repeated titles, drawings;
mirrored for a right-to-left language (columns from the right, text aligned right), Arabic shaped by printing.text."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from fieldapp.printing import fonts, text

PAGE = A4
MARGIN = 16 * mm
TOP = PAGE[1] - 14 * mm
BOTTOM = 16 * mm
LEADING = 1.35
ROW = 6.2 * mm
PAD = 1.6 * mm


@dataclass(frozen=True)
class Col:
    """A table column: its share of the width and whether it holds numbers (aligned to the end)."""

    width: float
    numeric: bool = False


class Pages:
    """The report's canvas and a cursor going down the page; a block that does not fit starts a new page."""

    def __init__(self, path: str | os.PathLike, rtl: bool, footer: str, title: str) -> None:
        fonts.register()
        self.canvas = Canvas(str(path), pagesize=PAGE, pageCompression=1)
        self.canvas.setTitle(title)
        self.rtl, self.footer = rtl, footer
        self.left, self.right = MARGIN, PAGE[0] - MARGIN
        self.page, self.y = 1, TOP

    # --- geometry ----------------------------------------------------------------------------------------------

    @property
    def width(self) -> float:
        return self.right - self.left

    def x(self, offset: float) -> float:
        """The x of a distance from the start of the line (the left margin, or the right one in Arabic)."""
        return self.right - offset if self.rtl else self.left + offset

    @property
    def start_align(self) -> str:
        return "right" if self.rtl else "left"

    @property
    def end_align(self) -> str:
        return "left" if self.rtl else "right"

    def room(self, height: float) -> None:
        if self.y - height < BOTTOM:
            self.new_page()

    def new_page(self) -> None:
        self._footer()
        self.canvas.showPage()
        self.page += 1
        self.y = TOP

    def _footer(self) -> None:
        self.canvas.saveState()
        self.canvas.setFillGray(0.4)
        y = BOTTOM - 8 * mm
        text.draw_line(self.canvas, self.x(0), y, self.footer, 8, align=self.start_align)
        text.draw_line(self.canvas, self.x(self.width), y, str(self.page), 8, align=self.end_align)
        self.canvas.setStrokeGray(0.7)
        self.canvas.line(self.left, y + 4 * mm, self.right, y + 4 * mm)
        self.canvas.restoreState()

    def save(self) -> int:
        self._footer()
        self.canvas.showPage()
        self.canvas.save()
        return self.page

    # --- blocks ------------------------------------------------------------------------------------------------

    def gap(self, height: float) -> None:
        self.y -= height

    def heading(self, value: str, size: float = 13) -> None:
        self.room(size * 3.5 + ROW * 2)  # a heading never ends a page alone
        self.y -= size * 1.6
        text.draw_line(self.canvas, self.x(0), self.y, value, size, bold=True, align=self.start_align)
        self.canvas.saveState()
        self.canvas.setStrokeColorRGB(0.15, 0.35, 0.55)
        self.canvas.setLineWidth(1.2)
        self.canvas.line(self.left, self.y - 2.2 * mm, self.right, self.y - 2.2 * mm)
        self.canvas.restoreState()
        self.y -= 4.5 * mm

    def paragraph(self, value: str, size: float = 9.5, bold: bool = False, gray: float = 0, indent: float = 0) -> None:
        lines = text.wrap(value, size, self.width - indent, bold)
        for line in lines:
            self.room(size * LEADING)
            self.y -= size * LEADING
            self.canvas.setFillGray(gray)
            text.draw_line(self.canvas, self.x(indent), self.y, line, size, bold, align=self.start_align)
            self.canvas.setFillGray(0)
        self.y -= size * 0.4

    def table(
        self,
        columns: Sequence[Col],
        titles: Sequence[str],
        rows: Sequence[Sequence[str]],
        bold_rows: Sequence[bool] = (),
        size: float = 9,
    ) -> None:
        """Rows of one line each (cut with … when too long); the titles repeat at the top of each new page."""
        scale = self.width / sum(c.width for c in columns)
        widths = [c.width * scale for c in columns]
        self.room(ROW * min(len(rows) + 1, 4))
        self._row(columns, widths, titles, size, bold=True, fill=0.88)
        for index, row in enumerate(rows):
            if self.y - ROW < BOTTOM:
                self.new_page()
                self._row(columns, widths, titles, size, bold=True, fill=0.88)
            bold = index < len(bold_rows) and bold_rows[index]
            self._row(columns, widths, row, size, bold=bold, fill=0.95 if bold else None)
        self.y -= 2 * mm

    def _row(self, columns, widths, values, size, bold: bool, fill: float | None) -> None:
        top = self.y
        self.y -= ROW
        if fill is not None:
            self.canvas.saveState()
            self.canvas.setFillGray(fill)
            self.canvas.rect(self.left, self.y, self.width, ROW, stroke=0, fill=1)
            self.canvas.restoreState()
        self.canvas.saveState()
        self.canvas.setStrokeGray(0.75)
        self.canvas.setLineWidth(0.4)
        self.canvas.line(self.left, self.y, self.right, self.y)
        self.canvas.restoreState()
        offset = 0.0
        baseline = top - ROW / 2 - size * 0.35
        for column, width, value in zip(columns, widths, values, strict=True):
            value = text.wrap(value or "", size, width - 2 * PAD, bold, max_lines=1)[0] if value else ""
            if column.numeric:
                x, align = self.x(offset + width - PAD), self.end_align
            else:
                x, align = self.x(offset + PAD), self.start_align
            if value:
                text.draw_line(self.canvas, x, baseline, value, size, bold, align=align)
            offset += width

    def drawing(self, drawing: Drawing, labels: Sequence[tuple[float, str]] = (), label_room: float = 0) -> None:
        """A reportlab drawing placed after `label_room` at the line's start; `labels` are (y in the drawing, text)
        drawn by printing.text at that room's end (category names: Arabic shaped, any script)."""
        self.room(drawing.height + 2 * mm)
        bottom = self.y - drawing.height
        x = self.left if self.rtl else self.left + label_room
        renderPDF.draw(drawing, self.canvas, x, bottom)
        for y, label in labels:
            value = text.wrap(label, 8, label_room - 3 * mm, max_lines=1)[0]
            text.draw_line(self.canvas, self.x(label_room - 2 * mm), bottom + y - 3, value, 8, align=self.end_align)
        self.y = bottom - 2 * mm
