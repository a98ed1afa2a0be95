"""A funder report as a PDF in one language: key figures, charts (reportlab.graphics.charts), breakdowns with
"< 5" cells, items against stock, the checks, the paper behind the figures and every definition."""

from __future__ import annotations

import os
from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm

from fieldapp.i18n import isolated, t
from fieldapp.printing import fonts
from fieldapp.reports import labels
from fieldapp.reports.layout import Col, Pages
from fieldapp.reports.model import FunderReport, PlaceRow

CHECKS = (
    "report.voided",
    "report.served_twice_families",
    "report.served_twice_receipts",
    "report.served_twice_authorised",
)
CHART_BARS = 12  # at most this many bars a chart (the largest)
BAR_ROOM = 5.2 * mm
LABEL_ROOM = 58 * mm
BLUE = colors.HexColor("#2b6a9a")
GREEN = colors.HexColor("#3f8f5a")


def _bar_chart(values: Sequence[int], width: float, rtl: bool, colour) -> tuple[Drawing, list[float]]:
    """A horizontal bar chart with no category labels, and the y of each bar's middle (for labels drawn beside)."""
    count = len(values)
    height = count * BAR_ROOM + 16
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 4, 12, width - 30, count * BAR_ROOM
    chart.data = [list(values)]
    chart.bars[0].fillColor = colour
    chart.bars[0].strokeColor = None
    chart.barSpacing, chart.groupSpacing = 0, 3
    chart.categoryAxis.reverseDirection = 1  # the first category at the top
    chart.categoryAxis.visibleTicks = 0
    chart.categoryAxis.categoryNames = [""] * count  # names are drawn beside, by printing.text (Arabic shaped)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(max(values, default=1), 1) * 1.12
    chart.valueAxis.labels.fontName = fonts.LATIN
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = "%d"
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.Color(0.85, 0.85, 0.85)
    chart.valueAxis.reverseDirection = 1 if rtl else 0  # bars grow from the right in Arabic
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = fonts.LATIN
    chart.barLabels.fontSize = 7.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    middles = [chart.y + chart.height - (i + 0.5) * chart.height / count for i in range(count)]
    return drawing, middles


def _chart(pages: Pages, title: str, bars: list[tuple[str, int]], colour) -> None:
    if not bars:
        return
    pages.paragraph(title, 10, bold=True)
    drawing, middles = _bar_chart([v for _, v in bars], pages.width - LABEL_ROOM, pages.rtl, colour)
    pages.drawing(drawing, list(zip(middles, [name for name, _ in bars], strict=True)), LABEL_ROOM)


def _largest(rows: list[tuple[str, int]]) -> list[tuple[str, int]]:
    if len(rows) <= CHART_BARS:
        return rows
    keep = sorted(range(len(rows)), key=lambda i: -rows[i][1])[:CHART_BARS]
    return [rows[i] for i in sorted(keep)]


def _figures(pages: Pages, report: FunderReport, lang: str) -> None:
    pages.heading(t("report.section_totals", lang))
    checks = {t(key, lang) for key in CHECKS}  # in their own section
    rows = [[label, value] for label, value, _ in labels.figures(report, lang) if label not in checks]
    bold = [i < 2 for i in range(len(rows))]
    pages.table(
        [Col(70), Col(30, numeric=True)], [t("report.col_figure", lang), t("report.col_value", lang)], rows, bold
    )


def _events(pages: Pages, report: FunderReport, lang: str) -> None:
    pages.heading(t("report.section_events", lang))
    bars = [(e.name, e.families) for e in report.served_by_event if e.families]
    _chart(pages, t("report.chart_events", lang), _largest(bars), BLUE)
    titles = [
        t(key, lang)
        for key in (
            "report.col_event",
            "report.col_dates",
            "report.col_families",
            "report.col_receipts",
            "report.col_volunteers",
            "report.col_hours",
        )
    ]
    rows = [
        [
            e.name,
            labels.dates(e.starts_on, e.ends_on, lang),
            labels.number(e.families, lang),
            labels.number(e.receipts, lang),
            labels.number(e.volunteers, lang),
            labels.number(e.hours, lang),
        ]
        for e in report.served_by_event
    ]
    columns = [Col(38), Col(30), Col(12, True), Col(10, True), Col(14, True), Col(10, True)]
    pages.table(columns, titles, rows)


def _place_rows(places: list[PlaceRow], lang: str) -> tuple[list[list[str]], list[bool]]:
    """Each province (its families and people, masked under five) then its communes."""
    rows, bold = [], []
    by_province: dict[str, list[PlaceRow]] = {}
    for place in places:
        by_province.setdefault(place.province_code, []).append(place)
    for code, communes in by_province.items():
        first = communes[0]
        families = sum(p.count.families for p in communes)
        people = sum(p.count.people for p in communes)
        masked = 0 < families < 5
        name = labels.commune_name(first.province_fr, first.province_ar, lang)
        rows.append([code, name, labels.cell(families, masked, lang), labels.cell(people, masked, lang)])
        bold.append(True)
        for p in communes:
            shown_families, shown_people = labels.counts(p.count, lang)
            name = labels.commune_name(p.commune_fr, p.commune_ar, lang)
            rows.append([p.commune_code, "   " + name, shown_families, shown_people])
            bold.append(False)
    return rows, bold


def _places(pages: Pages, report: FunderReport, lang: str) -> None:
    pages.heading(t("report.section_places", lang))
    bars = [(labels.commune_name(fr, ar, lang), n) for fr, ar, n in report.served_by_commune[:CHART_BARS]]
    _chart(pages, t("report.chart_communes", lang), bars, GREEN)
    rows, bold = _place_rows(report.places, lang)
    titles = [t(k, lang) for k in ("report.col_code", "report.col_commune", "report.col_families", "report.col_people")]
    pages.table([Col(22), Col(48), Col(15, True), Col(15, True)], titles, rows, bold)


def _sizes_and_flags(pages: Pages, report: FunderReport, lang: str) -> None:
    pages.heading(t("report.section_sizes", lang))
    titles = [t(k, lang) for k in ("report.col_size", "report.col_families", "report.col_people")]
    rows = [
        [labels.band_label(b.band, lang), labels.number(b.count.families, lang), labels.number(b.count.people, lang)]
        for b in report.bands
    ]
    pages.table([Col(60), Col(20, True), Col(20, True)], titles, rows)
    pages.heading(t("report.section_flags", lang))
    titles = [t(k, lang) for k in ("report.col_flag", "report.col_families", "report.col_people")]
    rows = [[labels.flag_label(f.flag, lang), *labels.counts(f.count, lang)] for f in report.flags]
    pages.table([Col(60), Col(20, True), Col(20, True)], titles, rows)


def _items(pages: Pages, report: FunderReport, lang: str) -> None:
    pages.heading(t("report.section_items", lang))
    keys = ("report.col_event", "report.col_item", "report.col_entitled", "report.col_given")
    titles = [t(k, lang) for k in (*keys, "report.col_stock", "report.col_left")]
    rows = []
    for item in report.items:
        label = (item.label_ar or item.label) if lang == "ar" else item.label
        rows.append(
            [
                item.event_name,
                f"{item.code} — {label}",
                labels.number(item.entitled, lang),
                labels.number(item.given, lang),
                "—" if item.stock is None else labels.number(item.stock, lang),
                "—" if item.left is None else labels.number(item.left, lang),
            ]
        )
    pages.table([Col(30), Col(30), Col(10, True), Col(10, True), Col(10, True), Col(10, True)], titles, rows)


def _checks(pages: Pages, report: FunderReport, lang: str) -> None:
    pages.heading(t("report.section_checks", lang))
    totals = report.totals
    rows = [
        [t("report.voided", lang), labels.number(totals.voided, lang)],
        [t("report.served_twice_families", lang), labels.number(totals.served_twice_families, lang)],
        [t("report.served_twice_receipts", lang), labels.number(totals.served_twice_receipts, lang)],
        [t("report.served_twice_authorised", lang), labels.number(totals.served_twice_authorised, lang)],
    ]
    pages.table([Col(70), Col(30, True)], [t("report.col_figure", lang), t("report.col_value", lang)], rows)


def write_pdf(report: FunderReport, path: str | os.PathLike, language: str) -> int:
    """Write the report at `path` (the caller's temporary path); returns the number of pages."""
    title = t("report.title", language)
    association = isolated(report.association) if language == "ar" else report.association  # "(démo)" in Arabic
    footer = f"{title} — {association} — {labels.scope_line(report, language)}"
    pages = Pages(path, language == "ar", footer, title)
    pages.paragraph(title, 20, bold=True)
    pages.paragraph(labels.made_line(report, language), 10.5, gray=0.25)
    pages.paragraph(labels.scope_line(report, language), 10.5, bold=True)
    _figures(pages, report, language)
    if not report.totals.families and not report.totals.volunteers:
        pages.paragraph(t("report.nothing", language), 10.5)
    _events(pages, report, language)
    _places(pages, report, language)
    _sizes_and_flags(pages, report, language)
    _items(pages, report, language)
    _checks(pages, report, language)
    pages.heading(t("report.section_sources", language))
    for line in labels.sources(report, language):
        pages.paragraph("• " + line, 9)
    pages.heading(t("report.section_definitions", language))
    for line in labels.definitions(report, language):
        pages.paragraph(line, 8.8)
    return pages.save()
