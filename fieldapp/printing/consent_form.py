"""The consent form for a family: the text of the current version and lines to fill and sign, A5 for one language,
A4 (two A5 halves, French then Arabic) for both."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from fieldapp import i18n
from fieldapp.consent import consent_paragraphs
from fieldapp.printing.pen import Pen

MARGIN = 12 * mm


@dataclass(frozen=True)
class ConsentDocument:
    association_name: str
    version: str
    languages: Sequence[str]  # one section per language, top to bottom


def _blank(pen: Pen, key: str, language: str, height: float = 0.0) -> None:
    """A caption then a line (or a box `height` high) to fill by hand."""
    align = "right" if i18n.is_right_to_left(language) else "left"
    pen.line_of(i18n.t(key, language), 8, align=align)
    pen.gap(height or 6 * mm)
    if pen.canvas is not None:
        pen.canvas.saveState()
        pen.canvas.setLineWidth(0.5)
        if height:
            pen.canvas.rect(pen.left, pen.y, pen.width, height)
        else:
            pen.canvas.line(pen.left, pen.y, pen.right, pen.y)
        pen.canvas.restoreState()
    pen.gap(2 * mm)


def _section(canvas: Canvas, doc: ConsentDocument, language: str, top: float, width: float) -> None:
    pen = Pen(canvas, MARGIN, width - MARGIN, top - MARGIN)
    align = "right" if i18n.is_right_to_left(language) else "left"
    pen.paragraph(doc.association_name, 11, bold=True, align="centre", max_lines=2)
    pen.line_of(i18n.t("consent.title", language), 12, bold=True, align="centre")
    pen.line_of(i18n.t("consent.version", language, version=i18n.left_to_right(doc.version)), 7.5, align="centre")
    pen.rule()
    for paragraph in consent_paragraphs(doc.association_name, language):
        pen.paragraph(paragraph, 9, align=align)
        pen.gap(1.5 * mm)
    pen.line_of(i18n.t("consent.agree", language), 9.5, bold=True, align=align)
    pen.gap(2 * mm)
    _blank(pen, "print.household", language)
    _blank(pen, "print.date", language)
    _blank(pen, "consent.collected_by", language)
    _blank(pen, "print.signature", language, 16 * mm)


def render_consent(doc: ConsentDocument, path: str | os.PathLike) -> None:
    """Write the form at `path` (the caller's atomic temporary path): one page."""
    size = A5 if len(doc.languages) == 1 else A4
    canvas = Canvas(str(path), pagesize=size, pageCompression=1)
    canvas.setTitle(f"{i18n.t('consent.title', doc.languages[0])} — {doc.version}")
    width, height = size
    part = height / len(doc.languages)
    for index, language in enumerate(doc.languages):
        _section(canvas, doc, language, height - index * part, width)
        if index:
            canvas.saveState()
            canvas.setDash(3, 3)
            canvas.setLineWidth(0.5)
            canvas.line(8 * mm, height - index * part, width - 8 * mm, height - index * part)
            canvas.restoreState()
    canvas.showPage()
    canvas.save()
