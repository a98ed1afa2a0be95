"""Household cards, credit-card size (85.6 × 54 mm), ten to an A4 page with cut marks: both scripts and a signed QR."""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from fieldapp import i18n
from fieldapp.printing import fonts, qr, text

CARD_WIDTH, CARD_HEIGHT = 85.6 * mm, 54 * mm  # ISO/IEC 7810 ID-1, the size of a CIN: it fits a wallet beside it
COLUMNS, ROWS = 2, 5
PER_PAGE = COLUMNS * ROWS
LEFT = (A4[0] - COLUMNS * CARD_WIDTH) / 2  # cards side by side: one straight cut serves two edges
BOTTOM = (A4[1] - ROWS * CARD_HEIGHT) / 2
PAD = 3 * mm  # inside a card: away from an imprecise cut
QR_SIZE = 27 * mm  # a 29-module code with its quiet zone: modules of 0.8 mm, read by any desk scanner
GAP = 2.5 * mm  # between the QR and the text
MARK_LENGTH, MARK_OFFSET = 5 * mm, 1 * mm  # cut marks in the margins, clear of the cards


@dataclass(frozen=True)
class CardFace:
    """What one card shows; every value is already safe to print (the CIN masked)."""

    name: str
    name_ar: str | None
    commune: str
    commune_ar: str | None
    size: int
    masked_cin: str | None
    qr_text: str


@dataclass(frozen=True)
class CardSheet:
    association_name: str
    cards: list[CardFace]


def _both(key: str) -> tuple[str, str]:
    return i18n.t(key, "fr"), i18n.t(key, "ar")


def _fitted(value: str, size: float, width: float, bold: bool = False) -> str:
    return text.wrap(value, size, width, bold, max_lines=1)[0]


def _row(canvas: Canvas, left: float, right: float, y: float, key: str, value: str) -> None:
    """A short value in bold between its French label (left) and its Arabic label (right): in the middle when the
    labels leave room, else in the gap they leave (a long label such as the full Arabic name of the CIN)."""
    french, arabic = _both(key)
    gap = 1.5 * mm
    widths = [text.shaped_width(french, 6), text.shaped_width(value, 9.5, bold=True), text.shaped_width(arabic, 7)]
    spare = right - left - sum(widths) - 2 * gap
    if spare < 0:  # labels cut in proportion to their length, the value never
        scale = max(0.0, 1 + spare / (widths[0] + widths[2]))
        widths[0], widths[2] = widths[0] * scale, widths[2] * scale
    middle = (left + right) / 2
    if middle - widths[1] / 2 - gap < left + widths[0] or middle + widths[1] / 2 + gap > right - widths[2]:
        middle = (left + widths[0] + right - widths[2]) / 2
    canvas.setFillGray(0.35)
    text.draw_line(canvas, left, y, _fitted(french, 6, widths[0] + 0.5), 6)
    text.draw_line(canvas, right, y, _fitted(arabic, 7, widths[2] + 0.5), 7, align="right")
    canvas.setFillGray(0)
    text.draw_line(canvas, middle, y, value, 9.5, bold=True, align="centre")


def draw_card(canvas: Canvas, card: CardFace, association: str, x: float, y: float) -> None:
    """One card with its bottom-left corner at (x, y)."""
    left, right, top = x + PAD, x + CARD_WIDTH - PAD, y + CARD_HEIGHT - PAD
    width = right - left
    text.draw_line(canvas, (left + right) / 2, top - 8, _fitted(association, 8.5, width, True), 8.5, True, "centre")
    french, arabic = _both("print.card_title")
    canvas.setFillGray(0.3)
    text.draw_line(canvas, left, top - 17, french, 7)
    text.draw_line(canvas, right, top - 17, arabic, 8, align="right")
    canvas.setFillGray(0)
    rule = top - 20.5
    canvas.setLineWidth(0.5)
    canvas.line(left, rule, right, rule)

    body_bottom = y + PAD
    qr_bottom = body_bottom + (rule - body_bottom - QR_SIZE) / 2
    # A fixed mask (~1 ms a code, not ~7): 10,000 cards in seconds; every reader decodes it (tests: zbarimg).
    qr.draw(canvas, card.qr_text, left - 1 * mm, qr_bottom, QR_SIZE, best_mask=False)
    text_left = left - 1 * mm + QR_SIZE + GAP
    room = right - text_left
    line_y = rule - 13
    for line in text.wrap(card.name, 10.5, room, bold=True, max_lines=2):
        text.draw_line(canvas, text_left, line_y, line, 10.5, bold=True)
        line_y -= 12.5
    if card.name_ar:
        line_y -= 2
        for line in text.wrap(card.name_ar, 12.5, room, bold=True, max_lines=2):
            text.draw_line(canvas, right, line_y, line, 12.5, bold=True, align="right")
            line_y -= 15
    # The fields keep their place at the bottom; two long names in both scripts may come down to them, never over.
    line_y = body_bottom + 34
    canvas.setFillGray(0.35)
    french, arabic = _both("print.commune")
    text.draw_line(canvas, text_left, line_y, french, 6)
    text.draw_line(canvas, right, line_y, arabic, 7, align="right")
    canvas.setFillGray(0)
    _commune(canvas, text_left, right, line_y - 10.5, card.commune, card.commune_ar)
    _row(canvas, text_left, right, body_bottom + 12, "print.size", str(card.size))
    _row(canvas, text_left, right, body_bottom + 1.5, "print.cin", card.masked_cin or "—")


def _commune(canvas: Canvas, left: float, right: float, y: float, french: str, arabic: str | None) -> None:
    """The commune in French at the left and in Arabic at the right; a name cut only when both cannot fit."""
    room = right - left - 2 * mm
    widths = (text.shaped_width(french, 9), text.shaped_width(arabic, 10) if arabic else 0.0)
    scale = min(1.0, room / sum(widths))
    text.draw_line(canvas, left, y, _fitted(french, 9, widths[0] * scale + 0.5), 9)
    if arabic:
        text.draw_line(canvas, right, y, _fitted(arabic, 10, widths[1] * scale + 0.5), 10, align="right")


def _cut_marks(canvas: Canvas) -> None:
    canvas.saveState()
    canvas.setLineWidth(0.4)
    top, right = BOTTOM + ROWS * CARD_HEIGHT, LEFT + COLUMNS * CARD_WIDTH
    for column in range(COLUMNS + 1):
        x = LEFT + column * CARD_WIDTH
        canvas.line(x, top + MARK_OFFSET, x, top + MARK_OFFSET + MARK_LENGTH)
        canvas.line(x, BOTTOM - MARK_OFFSET, x, BOTTOM - MARK_OFFSET - MARK_LENGTH)
    for row in range(ROWS + 1):
        y = BOTTOM + row * CARD_HEIGHT
        canvas.line(LEFT - MARK_OFFSET, y, LEFT - MARK_OFFSET - MARK_LENGTH, y)
        canvas.line(right + MARK_OFFSET, y, right + MARK_OFFSET + MARK_LENGTH, y)
    canvas.restoreState()


def _outlines(canvas: Canvas, count: int) -> None:
    """A light dotted outline around each card, for whoever cuts with scissors."""
    canvas.saveState()
    canvas.setStrokeGray(0.7)
    canvas.setLineWidth(0.3)
    canvas.setDash(1, 2)
    for slot in range(count):
        x, y = slot_origin(slot)
        canvas.rect(x, y, CARD_WIDTH, CARD_HEIGHT, stroke=1, fill=0)
    canvas.restoreState()


def slot_origin(slot: int) -> tuple[float, float]:
    """The bottom-left corner of the card in `slot` (0 … 9), filled left to right, then top to bottom."""
    row, column = divmod(slot, COLUMNS)
    return LEFT + column * CARD_WIDTH, BOTTOM + (ROWS - 1 - row) * CARD_HEIGHT


def _footer(canvas: Canvas, association: str, page: int, pages: int) -> None:
    y = BOTTOM - MARK_OFFSET - MARK_LENGTH - 4 * mm
    room = COLUMNS * CARD_WIDTH / 2 - 4 * mm
    canvas.setFillGray(0.35)
    french = i18n.t("print.cards_footer", "fr", association=association)
    arabic = i18n.t("print.cards_footer", "ar", association=association)
    text.draw_line(canvas, LEFT, y, _fitted(french, 6.5, room), 6.5)
    text.draw_line(canvas, LEFT + COLUMNS * CARD_WIDTH, y, _fitted(arabic, 7, room), 7, align="right")
    pages_text = i18n.t("print.page", "fr", page=page, pages=pages)
    text.draw_line(canvas, A4[0] / 2, y - 3.5 * mm, pages_text, 6.5, align="centre")
    canvas.setFillGray(0)


def render_cards(sheet: CardSheet, path: str | os.PathLike, report: Callable[[int, int], None] | None = None) -> int:
    """Write the cards at `path`, ten to a page; returns the number of pages. `report(done, pages)` after each page
    (it may raise to stop)."""
    fonts.register()
    cards: Sequence[CardFace] = sheet.cards
    pages = max(1, math.ceil(len(cards) / PER_PAGE))
    canvas = Canvas(str(path), pagesize=A4, pageCompression=1)
    canvas.setTitle(f"{i18n.t('print.card_title', 'fr')} — {sheet.association_name}")
    for page in range(pages):
        chunk = cards[page * PER_PAGE : (page + 1) * PER_PAGE]
        _cut_marks(canvas)
        _outlines(canvas, len(chunk))
        for slot, card in enumerate(chunk):
            draw_card(canvas, card, sheet.association_name, *slot_origin(slot))
        _footer(canvas, sheet.association_name, page + 1, pages)
        canvas.showPage()
        if report is not None:
            report(page + 1, pages)
    canvas.save()
    return pages
