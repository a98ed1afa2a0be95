"""The distribution receipt as PDF: A6, 80 mm roll, or A4 with one copy for the family and one for the association."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4, A6
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from fieldapp import i18n
from fieldapp.printing import qr, text
from fieldapp.printing.pen import Pen
from fieldapp.timefmt import local_text

ROLL_WIDTH = 80 * mm


def _item_lines(doc) -> list[tuple[str, str | None, int]]:
    return [(item["label"], item.get("label_ar"), item["quantity"]) for item in doc.distribution.items]


def _header(pen: Pen, doc) -> None:
    if doc.logo_path and pen.canvas is not None and Path(doc.logo_path).is_file():
        pen.gap(12 * mm)
        # A damaged logo file must not stop receipts: they print without it.
        with contextlib.suppress(Exception):
            pen.canvas.drawImage(
                doc.logo_path,
                pen.left,
                pen.y,
                height=11 * mm,
                width=pen.width,
                preserveAspectRatio=True,
                anchor="c",
                mask="auto",
            )
    elif doc.logo_path:
        pen.gap(12 * mm)
    pen.paragraph(doc.association_name, 10, bold=True, align="centre", max_lines=2)
    pen.line_of(i18n.t("print.receipt_title", "fr"), 8.5, align="centre")
    pen.line_of(i18n.t("print.receipt_title", "ar"), 9, align="centre")
    pen.gap(1 * mm)
    pen.line_of(doc.distribution.receipt, 13, bold=True, align="centre")
    pen.line_of(local_text(doc.distribution.served_at), 8.5, align="centre")
    if doc.reprinted_at:
        _copy_mark(pen, doc.reprinted_at)
    if doc.distribution.voided_at:
        pen.gap(1 * mm)
        pen.line_of(f"{i18n.t('print.voided', 'fr')} — {i18n.t('print.voided', 'ar')}", 11, bold=True, align="centre")
        pen.paragraph(doc.distribution.void_reason or "", 8, align="centre", max_lines=2)
    pen.rule()


def _copy_mark(pen: Pen, reprinted_at) -> None:
    """A reprint says so in both scripts, framed, with its date: it cannot pass for a second hand-out."""
    pen.gap(1 * mm)
    top = pen.y
    pen.gap(0.8 * mm)
    pen.line_of(f"{i18n.t('print.duplicate', 'fr')} — {i18n.t('print.duplicate', 'ar')}", 11, bold=True, align="centre")
    when = local_text(reprinted_at)
    pen.paragraph(i18n.t("print.reprinted", "fr", date=when), 7, align="centre", max_lines=2)
    pen.paragraph(i18n.t("print.reprinted", "ar", date=when), 7.5, align="centre", max_lines=2)
    pen.gap(0.5 * mm)
    if pen.canvas is not None:
        pen.canvas.saveState()
        pen.canvas.setLineWidth(1.2)
        pen.canvas.rect(pen.left, pen.y, pen.width, top - pen.y)
        pen.canvas.restoreState()
    pen.gap(1 * mm)


def watermark(canvas, doc, left: float, bottom: float, width: float, height: float) -> None:
    """A reprint's DUPLICATA written large and light across its page (or half page), under everything else."""
    if not doc.reprinted_at:
        return
    word = i18n.t("print.duplicate", "fr")
    size = min(width, height) / 6
    canvas.saveState()
    canvas.setFillGray(0.88)
    canvas.translate(left + width / 2, bottom + height / 2)
    canvas.rotate(35)
    text.draw_line(canvas, 0, -size / 3, word, size, bold=True, align="centre")
    canvas.restoreState()


def _fields(pen: Pen, doc, name_lines: int | None = 2) -> None:
    """`name_lines`: how many lines a name may take (None on a roll, whose height follows the content)."""
    d = doc.distribution
    pen.field("print.event", " — ".join(filter(None, (d.event_name, doc.event_site))))
    pen.labels("print.household")
    pen.paragraph(d.household_name, 10, bold=True, align="left", max_lines=name_lines)
    if d.household_name_ar:
        pen.paragraph(d.household_name_ar, 11, bold=True, align="right", max_lines=name_lines)
    pen.gap(1.2 * mm)
    pen.field("print.cin", doc.masked_cin)
    pen.labels("print.items")
    for label, label_ar, quantity in _item_lines(doc):
        qty_text = f"× {quantity}"
        qty_width = text.shaped_width(qty_text, 10, bold=True) + 3 * mm
        top = pen.y
        saved_right, pen.right = pen.right, pen.right - qty_width
        pen.paragraph(label, 9.5, align="left", max_lines=2)
        if label_ar:
            pen.paragraph(label_ar, 10, align="right", max_lines=2)
        pen.right = saved_right
        if pen.canvas is not None:
            text.draw_line(
                pen.canvas, pen.right, top - 9.5 * pen.scale, qty_text, 10 * pen.scale, bold=True, align="right"
            )
        pen.gap(0.8 * mm)
    pen.gap(1 * mm)
    pen.field("print.collector", d.collector_name)
    pen.field("print.handed_out_by", d.handed_out_by)


def purpose_lines(pen: Pen, association: str) -> None:
    """Why the data is held and whom to ask (law 09-08), in French then Arabic, small and grey."""
    if pen.canvas is not None:
        pen.canvas.setFillGray(0.3)
    pen.gap(1 * mm)
    pen.paragraph(i18n.t("print.purpose", "fr", association=association), 6.5, align="left")
    pen.paragraph(i18n.t("print.purpose", "ar", association=association), 7, align="right")
    if pen.canvas is not None:
        pen.canvas.setFillGray(0)
    pen.gap(1 * mm)


def _single_column(canvas, doc, width: float, top: float, margin: float, roll: bool, scale: float = 1.0) -> float:
    """Header, fields, signature box and QR one under the other; returns the y reached."""
    pen = Pen(canvas, margin, width - margin, top - margin, scale)
    _header(pen, doc)
    _fields(pen, doc, name_lines=None if roll else 2)
    purpose_lines(pen, doc.association_name)
    qr_size = 24 * mm
    if roll:
        pen.box("print.signature", 16 * mm)
        pen.gap(qr_size)
        if canvas is not None:
            qr.draw(canvas, doc.qr_text, (width - qr_size) / 2, pen.y, qr_size)
        pen.gap(1 * mm)
        pen.line_of(i18n.t("print.verify_hint", "fr"), 6.5, align="centre")
        pen.line_of(i18n.t("print.verify_hint", "ar"), 7, align="centre")
        return pen.y - margin
    # A6: the QR and the signature box share the bottom band; the fields above were scaled to end above it.
    bottom = margin
    if canvas is not None:
        qr.draw(canvas, doc.qr_text, margin, bottom, qr_size)
        box = Pen(canvas, margin + qr_size + 3 * mm, width - margin, bottom + qr_size + 3 * mm)
        box.box("print.signature", qr_size - 1 * mm)
    return pen.y


def _a4_copy(canvas, doc, top: float, copy_key: str) -> None:
    """One half of an A4 page: fields on the left, copy name, QR and signature box on the right."""
    margin, page_width = 12 * mm, A4[0]
    column = 62 * mm
    pen = Pen(canvas, margin, page_width - margin - column - 6 * mm, top - margin)
    _header(pen, doc)
    _fields(pen, doc)
    purpose_lines(pen, doc.association_name)
    side = Pen(canvas, page_width - margin - column, page_width - margin, top - margin)
    side.line_of(i18n.t(copy_key, "fr"), 9, bold=True, align="centre")
    side.line_of(i18n.t(copy_key, "ar"), 10, bold=True, align="centre")
    side.gap(3 * mm)
    qr_size = 34 * mm
    side.gap(qr_size)
    qr.draw(canvas, doc.qr_text, side.left + (column - qr_size) / 2, side.y, qr_size)
    side.line_of(i18n.t("print.verify_hint", "fr"), 6.5, align="centre")
    side.line_of(i18n.t("print.verify_hint", "ar"), 7, align="centre")
    side.gap(4 * mm)
    side.box("print.signature", 30 * mm)


def _a6_scale(doc) -> float:
    """The largest scale at which the fields end above the QR and signature band (A6 has a fixed height)."""
    band_top = 7 * mm + 24 * mm + 5 * mm
    for scale in (1.0, 0.92, 0.85, 0.78, 0.72, 0.66, 0.6):
        if _single_column(None, doc, A6[0], A6[1], 7 * mm, roll=False, scale=scale) >= band_top:
            return scale
    return 0.6


def render_receipt(doc, path: str | os.PathLike | BinaryIO, fmt: str) -> None:
    """Write the receipt to a path (the service gives an atomic temporary one) or a binary file object."""
    path = str(path) if isinstance(path, str | os.PathLike) else path
    title = f"{i18n.t('print.receipt_title', 'fr')} {doc.distribution.receipt}"
    if doc.reprinted_at:
        title += f" ({i18n.t('print.duplicate', 'fr')})"
    if fmt == "80mm":
        height = 0 - _single_column(None, doc, ROLL_WIDTH, 0, 4 * mm, roll=True) + 4 * mm
        canvas = Canvas(path, pagesize=(ROLL_WIDTH, height), pageCompression=1)
        canvas.setTitle(title)
        watermark(canvas, doc, 0, 0, ROLL_WIDTH, height)
        _single_column(canvas, doc, ROLL_WIDTH, height, 4 * mm, roll=True)
    elif fmt == "a6":
        canvas = Canvas(path, pagesize=A6, pageCompression=1)
        canvas.setTitle(title)
        watermark(canvas, doc, 0, 0, *A6)
        _single_column(canvas, doc, A6[0], A6[1], 7 * mm, roll=False, scale=_a6_scale(doc))
    else:
        canvas = Canvas(path, pagesize=A4, pageCompression=1)
        canvas.setTitle(title)
        half = A4[1] / 2
        watermark(canvas, doc, 0, half, A4[0], half)
        watermark(canvas, doc, 0, 0, A4[0], half)
        _a4_copy(canvas, doc, A4[1], "print.copy_family")
        canvas.saveState()
        canvas.setDash(3, 3)
        canvas.setLineWidth(0.5)
        canvas.line(8 * mm, half, A4[0] - 8 * mm, half)
        canvas.restoreState()
        _a4_copy(canvas, doc, half, "print.copy_association")
    canvas.showPage()
    canvas.save()
