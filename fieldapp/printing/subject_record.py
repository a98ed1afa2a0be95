"""The right-of-access document as PDF: everything held on one family, section by section, on as many A4 pages as
it takes; labels in French and Arabic, values as stored."""

from __future__ import annotations

import datetime as dt
import os

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from fieldapp import i18n
from fieldapp.normalize import phone_text
from fieldapp.printing.pen import Pen
from fieldapp.timefmt import local_text

MARGIN = 14 * mm
BOTTOM = 16 * mm  # room for the page footer


class _Pages:
    """A Pen that turns the page when the next block would not fit."""

    def __init__(self, canvas: Canvas, footer: str) -> None:
        self.canvas, self.footer, self.page = canvas, footer, 1
        self.pen = self._new_pen()

    def _new_pen(self) -> Pen:
        return Pen(self.canvas, MARGIN, A4[0] - MARGIN, A4[1] - MARGIN)

    def _draw_footer(self) -> None:
        pen = Pen(self.canvas, MARGIN, A4[0] - MARGIN, MARGIN)
        pen.line_of(f"{self.footer} · {self.page}", 7, align="centre")

    def room(self, height: float) -> Pen:
        if self.pen.y - height < BOTTOM:
            self._draw_footer()
            self.canvas.showPage()
            self.page += 1
            self.pen = self._new_pen()
        return self.pen

    def finish(self) -> None:
        self._draw_footer()
        self.canvas.showPage()


def _moment(value: str | None) -> str:
    if not value:
        return ""
    return local_text(dt.datetime.fromisoformat(value))


def _section(pages: _Pages, key: str) -> Pen:
    pen = pages.room(22 * mm)
    pen.gap(3 * mm)
    pen.labels(key, 10.5)
    pen.rule()
    return pen


def _line(pages: _Pages, value: str, size: float = 9) -> None:
    pages.room(size * 2.6).paragraph(value, size)


def _field(pages: _Pages, key: str, value: object) -> None:
    if value not in (None, "", []):
        pages.room(12 * mm).field(key, str(value))


def _identity(pages: _Pages, record: dict) -> None:
    h = record["household"]
    _section(pages, "print.subject_identity")
    _field(pages, "print.household", h["head_name"])
    _field(pages, "print.col_name_ar", h.get("head_name_ar"))
    _field(pages, "print.cin", h.get("cin"))
    _field(pages, "print.col_phone", phone_text(h.get("phone")))
    _field(pages, "print.commune", " / ".join(filter(None, (h.get("commune"), h.get("commune_ar"), h.get("province")))))
    _field(pages, "print.col_douar", h.get("douar"))
    _field(pages, "print.size", h.get("size"))
    _field(pages, "print.flags", ", ".join(i18n.flag_name(f) for f in h.get("flags") or []))
    _field(pages, "print.notes", h.get("notes"))
    _field(pages, "print.registered", _moment(h.get("created_at")))
    _field(pages, "print.deleted", _moment(h.get("deleted_at")))
    _field(pages, "print.anonymised", _moment(h.get("anonymised_at")))
    _field(pages, "print.record_id", h["id"])


def _members(pages: _Pages, record: dict) -> None:
    _section(pages, "print.subject_members")
    for m in record["members"] or [None]:
        if m is None:
            _line(pages, "—")
            continue
        parts = [m["name"], m.get("name_ar"), m.get("sex"), m.get("birth_year"), m.get("relation")]
        removed = f"({i18n.t('print.deleted', 'fr')} {_moment(m['deleted_at'])})" if m.get("deleted_at") else None
        _line(pages, " · ".join(str(p) for p in (*parts, removed) if p))


def _consent(pages: _Pages, record: dict) -> None:
    consent = record["consent"]
    _section(pages, "print.subject_consent")
    if not consent["given"]:
        _line(pages, "—")
        return
    _field(pages, "print.date", _moment(consent["at"]))
    _field(pages, "print.consent_version", consent["version"])
    _field(pages, "consent.collected_by", consent["by"])


def _distributions(pages: _Pages, record: dict) -> None:
    _section(pages, "print.subject_distributions")
    if not record["distributions"]:
        _line(pages, "—")
    for d in record["distributions"]:
        items = ", ".join(f"{i.get('label') or i['code']} × {i['quantity']}" for i in d["items"])
        _line(pages, f"{d['receipt']} · {_moment(d['served_at'])} · {d['event']}", 9.5)
        _line(pages, f"    {items}")
        extras = [d.get("collector_name"), d.get("handed_out_by"), d.get("override_reason"), d.get("deviation_reason")]
        if any(extras):
            _line(pages, "    " + " · ".join(filter(None, extras)))
        for void in d["voids"]:
            _line(pages, f"    {i18n.t('print.voided', 'fr')} {_moment(void['voided_at'])} · {void['reason']}")


def _findings(pages: _Pages, record: dict) -> None:
    _section(pages, "print.subject_findings")
    if not record["conflicts"] and not record["reviews"]:
        _line(pages, "—")
    for c in record["conflicts"]:
        settled = f" · {_moment(c['settled_at'])} {c['settled_by'] or ''}" if c["settled_at"] else ""
        _line(pages, f"{_moment(c['detected_at'])} · {c['entity']}.{c['field']}: {c['kept']} / {c['other']}{settled}")
    for r in record["reviews"]:
        settled = f" · {_moment(r['settled_at'])} {r['settled_by'] or ''} {r['note'] or ''}" if r["settled_at"] else ""
        _line(pages, f"{_moment(r['detected_at'])} · {r['kind']}{settled}")


def _history(pages: _Pages, record: dict) -> None:
    _section(pages, "print.subject_history")
    for e in record["history"] or [None]:
        if e is None:
            _line(pages, "—")
            continue
        who = " / ".join(filter(None, (e.get("user"), e.get("actor"))))
        detail = {k: v for k, v in (e.get("detail") or {}).items() if k != "ids"}
        shown = " ".join(f"{k}={v}" for k, v in detail.items())
        _line(pages, " · ".join(filter(None, (_moment(e["at"]), e["action"], who, shown))), 8.5)


def render_subject_record(record: dict, path: str | os.PathLike) -> int:
    """Write the document at `path` (the caller's atomic temporary path); returns the number of pages."""
    canvas = Canvas(str(path), pagesize=A4, pageCompression=1)
    canvas.setTitle(f"{i18n.t('print.subject_title', 'fr')} — {record['household']['id']}")
    footer = f"{record['association']} · {_moment(record['exported_at'])}"
    pages = _Pages(canvas, footer)
    pen = pages.pen
    pen.paragraph(record["association"], 12, bold=True, align="centre", max_lines=2)
    pen.line_of(i18n.t("print.subject_title", "fr"), 13, bold=True, align="centre")
    pen.line_of(i18n.t("print.subject_title", "ar"), 14, bold=True, align="centre")
    pen.line_of(i18n.t("print.subject_exported", "fr", when=_moment(record["exported_at"])), 8, align="centre")
    pen.line_of(
        i18n.t("print.subject_exported", "ar", when=i18n.left_to_right(_moment(record["exported_at"]))),
        8.5,
        align="centre",
    )
    for section in (_identity, _members, _consent, _distributions, _findings, _history):
        section(pages, record)
    pages.finish()
    canvas.save()
    return pages.page
