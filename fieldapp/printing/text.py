"""Text for print: wrap in logical order first, then reshape Arabic letters and reorder each line for display."""

from __future__ import annotations

import re
from functools import lru_cache

import arabic_reshaper

# The pure-Python algorithm mirrors brackets in right-to-left runs; python-bidi's Rust get_display does not.
from bidi.algorithm import get_display
from reportlab.pdfbase import pdfmetrics

from fieldapp.printing import fonts

_RESHAPER = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False, "support_ligatures": True})


def has_rtl(text: str) -> bool:
    return any(fonts.is_arabic_char(ch) for ch in text)


def first_strong_is_rtl(text: str) -> bool:
    for ch in text:
        if fonts.is_arabic_char(ch):
            return True
        if ch.isalpha():
            return False
    return False


# Isolates (LRI, RLI, FSI, PDI) that i18n puts around values for screens: the pure-Python algorithm, which orders
# each printed line itself, refuses them.
_ISOLATES = dict.fromkeys(range(0x2066, 0x206A))


_ISOLATED_VALUE = re.compile("\u2068([^\u2066-\u2069]*)\u2069")


def _as_embedding(found: re.Match) -> str:
    """A first-strong isolate as the embedding the pure-Python algorithm knows (LRE or RLE … PDF): a Latin value such as
    "Association Al Amal (démo)" keeps its order and its brackets inside an Arabic line."""
    value = found.group(1)
    return ("\u202b" if first_strong_is_rtl(value) else "\u202a") + value + "\u202c"


@lru_cache(maxsize=4096)
def visual(line: str) -> str:
    """One line as it must be drawn left to right: Arabic joined (contextual forms) and runs reordered."""
    line = _ISOLATED_VALUE.sub(_as_embedding, line).translate(_ISOLATES)
    if not has_rtl(line):
        return line
    return get_display(_RESHAPER.reshape(line), base_dir="R" if first_strong_is_rtl(line) else "L")


@lru_cache(maxsize=16384)
def _runs(shown: str, bold: bool) -> tuple[tuple[str, str], ...]:
    return tuple(fonts.runs(shown, bold))


@lru_cache(maxsize=16384)
def shaped_width(line: str, size: float, bold: bool = False) -> float:
    """The drawn width of one logical line; cached, as wrapping and fitting measure the same lines again and again."""
    return sum(pdfmetrics.stringWidth(chunk, font, size) for font, chunk in _runs(visual(line), bold))


def wrap(text: str, size: float, max_width: float, bold: bool = False, max_lines: int | None = None) -> list[str]:
    """Lines in logical order that fit `max_width` once shaped; a word longer than a line is cut by characters."""
    lines: list[str] = []
    for paragraph in (text or "").split("\n"):
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if shaped_width(candidate, size, bold) <= max_width:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = word
            while shaped_width(current, size, bold) > max_width and len(current) > 1:
                cut = len(current) - 1
                while cut > 1 and shaped_width(current[:cut], size, bold) > max_width:
                    cut -= 1
                lines.append(current[:cut])
                current = current[cut:]
        lines.append(current)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and shaped_width(last + "…", size, bold) > max_width:
            last = last[:-1]
        lines[-1] = last + "…"
    return lines


def draw_line(canvas, x: float, y: float, line: str, size: float, bold: bool = False, align: str = "left") -> float:
    """Draw one logical line at baseline y; align left, right or centre on x. Returns the drawn width."""
    shown = visual(line)
    total = shaped_width(line, size, bold)
    start = {"left": x, "right": x - total, "centre": x - total / 2}[align]
    for font, chunk in _runs(shown, bold):
        canvas.setFont(font, size)
        canvas.drawString(start, y, chunk)
        start += pdfmetrics.stringWidth(chunk, font, size)
    return total
