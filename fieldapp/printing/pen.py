"""A cursor that writes bilingual blocks down a page; with no canvas it only measures (for 80 mm rolls)."""

from __future__ import annotations

from reportlab.lib.units import mm

from fieldapp import i18n
from fieldapp.printing import fonts, text

LINE = 1.25  # line height as a multiple of the font size


class Pen:
    def __init__(self, canvas, left: float, right: float, top: float, scale: float = 1.0) -> None:
        """`scale` shrinks every size and gap alike, to fit a long receipt on a small page."""
        fonts.register()
        self.canvas, self.left, self.right, self.y, self.scale = canvas, left, right, top, scale

    @property
    def width(self) -> float:
        return self.right - self.left

    def gap(self, height: float) -> None:
        self.y -= height * self.scale

    def line_of(self, value: str, size: float, bold: bool = False, align: str = "auto") -> None:
        """One line (no wrap); `auto` puts Arabic-first text on the right, the rest on the left."""
        size *= self.scale
        self.y -= size
        if self.canvas is not None:
            if align == "auto":
                align = "right" if text.first_strong_is_rtl(value) else "left"
            x = {"left": self.left, "right": self.right, "centre": (self.left + self.right) / 2}[align]
            text.draw_line(self.canvas, x, self.y, value, size, bold, align)
        self.y -= size * (LINE - 1)

    def paragraph(self, value: str, size: float, bold: bool = False, align: str = "auto", max_lines=None) -> None:
        for line in text.wrap(value, size * self.scale, self.width, bold, max_lines):
            self.line_of(line, size, bold, align)

    def labels(self, key: str, size: float = 7.0) -> None:
        """The French label on the left and the Arabic one on the right, on one line (each shortened if needed)."""
        french, arabic = i18n.t(key, "fr"), i18n.t(key, "ar")
        half = self.width / 2 - 2
        size *= self.scale
        self.y -= size
        if self.canvas is not None:
            self.canvas.setFillGray(0.35)
            text.draw_line(self.canvas, self.left, self.y, text.wrap(french, size, half, max_lines=1)[0], size)
            line = text.wrap(arabic, size, half, max_lines=1)[0]
            text.draw_line(self.canvas, self.right, self.y, line, size, align="right")
            self.canvas.setFillGray(0)
        self.y -= size * (LINE - 1) + 0.5

    def field(self, key: str, value: str | None, size: float = 9.5, bold: bool = False) -> None:
        if value:
            self.labels(key)
            self.paragraph(value, size, bold)
            self.gap(1.2 * mm)

    def rule(self, dashed: bool = False) -> None:
        self.gap(1 * mm)
        if self.canvas is not None:
            self.canvas.saveState()
            self.canvas.setLineWidth(0.4)
            if dashed:
                self.canvas.setDash(2, 2)
            self.canvas.line(self.left, self.y, self.right, self.y)
            self.canvas.restoreState()
        self.gap(2 * mm)

    def box(self, key: str, height: float, width: float | None = None) -> None:
        """A framed empty box (signature, thumbprint) with its bilingual caption above it."""
        self.labels(key)
        width = width or self.width
        self.y -= height * self.scale
        if self.canvas is not None:
            self.canvas.saveState()
            self.canvas.setLineWidth(0.6)
            self.canvas.rect(self.left, self.y, width, height)
            self.canvas.restoreState()
        self.gap(1.5 * mm)
