"""The shipped fonts, registered once, and the split of a line into runs each drawn with a font that has its glyphs."""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from fieldapp.paths import resource_path

LATIN, LATIN_BOLD, ARABIC, ARABIC_BOLD = "NotoSans", "NotoSans-Bold", "NotoNaskhArabic", "NotoNaskhArabic-Bold"
_FILES = {
    LATIN: "NotoSans-Regular.ttf",
    LATIN_BOLD: "NotoSans-Bold.ttf",
    ARABIC: "NotoNaskhArabic-Regular.ttf",
    ARABIC_BOLD: "NotoNaskhArabic-Bold.ttf",
}
_ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


@cache
def register() -> None:
    """Register the fonts with reportlab (once per process)."""
    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file))))


@cache
def _covered(font_name: str) -> frozenset[int]:
    register()
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def is_arabic_char(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in _ARABIC_RANGES)


def font_for(ch: str, bold: bool = False) -> str:
    """Arabic letters in Naskh; everything else (Latin, digits, dashes) in Noto Sans, else whichever has the glyph."""
    arabic, latin = (ARABIC_BOLD, LATIN_BOLD) if bold else (ARABIC, LATIN)
    if is_arabic_char(ch) and ord(ch) in _covered(arabic):
        return arabic
    if ord(ch) in _covered(latin):
        return latin
    return arabic if ord(ch) in _covered(arabic) else latin


def runs(text: str, bold: bool = False) -> list[tuple[str, str]]:
    """(font, text) runs: spaces stay with the run they sit in, so words are never split across fonts."""
    result: list[tuple[str, str]] = []
    for ch in text:
        font = result[-1][0] if (ch == " " and result) else font_for(ch, bold)
        if result and result[-1][0] == font:
            result[-1] = (font, result[-1][1] + ch)
        else:
            result.append((font, ch))
    return result


def width(text: str, size: float, bold: bool = False) -> float:
    return sum(pdfmetrics.stringWidth(chunk, font, size) for font, chunk in runs(text, bold))
