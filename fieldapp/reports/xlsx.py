"""A funder report as an XLSX workbook (XlsxWriter, row by row): summary, breakdowns, every receipt, definitions."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence

from xlsxwriter import Workbook
from xlsxwriter.format import Format

from fieldapp.i18n import is_right_to_left, t
from fieldapp.reports import labels
from fieldapp.reports.model import FunderReport, ReceiptLine
from fieldapp.spreadsheet import QUOTED, formula_like, open_book

_ISOLATES = re.compile("[\u2066-\u2069]")  # i18n's isolates are for screens and paper; a cell holds one value
_PIXELS_PER_CHARACTER = 7  # a column `w` characters wide is 7·w pixels (Excel's Calibri 11 digit)
_DATE_FORMAT = "yyyy-mm-dd h:mm:ss"


class _Styles:
    """The workbook's cell formats, made once."""

    def __init__(self, book: Workbook) -> None:
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.bold = book.add_format({"bold": True})
        self.header = book.add_format({"bold": True, "pattern": 1, "bg_color": "#DDDDDD"})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.when = book.add_format({"num_format": _DATE_FORMAT})
        self.quoted = book.add_format(QUOTED)


class _Sheet:
    """One worksheet in the report's language (right to left in Arabic), written row by row from the top."""

    def __init__(self, book: Workbook, styles: _Styles, title_key: str, language: str, widths: Sequence[float]) -> None:
        self.language = language
        self.styles = styles
        self.ws = book.add_worksheet(_plain(t(title_key, language))[:31])
        if is_right_to_left(language):
            self.ws.right_to_left()
        for column, width in enumerate(widths):
            self.ws.set_column_pixels(column, column, round(width * _PIXELS_PER_CHARACTER))
        self.row = 0

    def line(self, *values: object, style: Format | None = None) -> None:
        """The next row: text as text (formula-looking text too), numbers as numbers; None and "" leave a cell empty."""
        for column, value in enumerate(values):
            if isinstance(value, str):
                value = _plain(value)
                if value:
                    quoted = style is None and formula_like(value)
                    self.ws.write_string(self.row, column, value, self.styles.quoted if quoted else style)
            elif isinstance(value, int | float):
                self.ws.write_number(self.row, column, value, style)
            elif value is not None:
                raise TypeError(f"a report cell holds text or a number, not {type(value).__name__}")
        self.row += 1

    def title(self, text: str) -> None:
        self.line(text, style=self.styles.title)

    def section(self, key: str) -> None:
        self.line(t(key, self.language), style=self.styles.bold)

    def header(self, keys: Iterable[str]) -> None:
        self.line(*(t(key, self.language) for key in keys), style=self.styles.header)

    def blank(self) -> None:
        self.row += 1


def _plain(text: str) -> str:
    return _ISOLATES.sub("", text)


def _masked(value: str) -> int | str:
    """A count as a number (so a funder can add and filter), "< 5" as text."""
    digits = value.replace(" ", "").replace(",", "")
    return int(digits) if digits.isdigit() else value


def _summary(book: Workbook, styles: _Styles, report: FunderReport, language: str) -> None:
    sheet = _Sheet(book, styles, "report.sheet_summary", language, (46, 16, 16, 12, 12, 12, 12))
    sheet.title(t("report.title", language))
    sheet.line(labels.made_line(report, language))
    sheet.line(labels.scope_line(report, language))
    sheet.blank()
    sheet.header(("report.col_figure", "report.col_value"))
    for label, _, value in labels.figures(report, language):
        sheet.line(label, value)
    sheet.blank()
    sheet.section("report.section_events")
    sheet.header(
        (
            "report.col_event",
            "report.col_dates",
            "report.col_site",
            "report.col_families",
            "report.col_receipts",
            "report.col_volunteers",
            "report.col_hours",
        )
    )
    for event in report.served_by_event:
        dates = labels.dates(event.starts_on, event.ends_on, language)
        sheet.line(event.name, dates, event.site or "", event.families, event.receipts, event.volunteers, event.hours)
    sheet.blank()
    sheet.section("report.section_sources")
    for source in labels.sources(report, language):
        sheet.line(source)


def _breakdowns(book: Workbook, styles: _Styles, report: FunderReport, language: str) -> None:
    places = _Sheet(book, styles, "report.sheet_places", language, (14, 24, 16, 28, 12, 12))
    places.header(
        (
            "report.col_province_code",
            "report.col_province",
            "report.col_code",
            "report.col_commune",
            "report.col_families",
            "report.col_people",
        )
    )
    for p in report.places:
        families, people = labels.counts(p.count, language)
        province = labels.commune_name(p.province_fr, p.province_ar, language)
        commune = labels.commune_name(p.commune_fr, p.commune_ar, language)
        places.line(p.province_code, province, p.commune_code, commune, _masked(families), _masked(people))

    sizes = _Sheet(book, styles, "report.sheet_sizes", language, (22, 12, 12))
    sizes.header(("report.col_size", "report.col_families", "report.col_people"))
    for band in report.bands:
        sizes.line(labels.band_label(band.band, language), band.count.families, band.count.people)

    flags = _Sheet(book, styles, "report.sheet_flags", language, (34, 12, 12))
    flags.header(("report.col_flag", "report.col_families", "report.col_people"))
    for row in report.flags:
        families, people = labels.counts(row.count, language)
        flags.line(labels.flag_label(row.flag, language), _masked(families), _masked(people))

    items = _Sheet(book, styles, "report.sheet_items", language, (30, 10, 28, 12, 12, 12, 12))
    items.header(
        (
            "report.col_event",
            "report.col_code",
            "report.col_item",
            "report.col_entitled",
            "report.col_given",
            "report.col_stock",
            "report.col_left",
        )
    )
    for item in report.items:
        label = (item.label_ar or item.label) if language == "ar" else item.label
        items.line(item.event_name, item.code, label, item.entitled, item.given, item.stock, item.left)


_RECEIPT_COLUMNS = (
    "report.col_receipt",
    "report.col_event",
    "report.col_served_at",
    "report.col_household",
    "report.col_province_code",
    "report.col_code",
    "report.col_commune",
    "report.col_size",
    "report.col_size_band",
    "report.col_flags",
    "report.col_items",
    "report.col_counted",
    "report.col_voided",
    "report.col_served_twice",
)


def _receipts(book: Workbook, styles: _Styles, receipts: Iterable[ReceiptLine], language: str) -> int:
    """Every receipt, one row each, the header frozen; the hot loop of a yearly report (200,000 rows and more)."""
    widths = (18, 26, 18, 38, 12, 14, 24, 8, 12, 34, 18, 9, 9, 12)
    sheet = _Sheet(book, styles, "report.sheet_receipts", language, widths)
    sheet.ws.freeze_panes(1, 0)
    sheet.header(_RECEIPT_COLUMNS)
    text, number, moment = sheet.ws.write_string, sheet.ws.write_number, sheet.ws.write_datetime
    when, quoted = styles.when, styles.quoted
    yes, no = t("report.yes", language), t("report.no", language)
    flag_names: dict[str, str] = {}
    event_styles: dict[str, Format | None] = {}
    separator = "، " if language == "ar" else ", "
    row = 0
    for row, line in enumerate(receipts, start=1):
        flags = separator.join(
            flag_names.setdefault(flag, labels.flag_label(flag, language)) for flag in line.flags
        ) or flag_names.setdefault("", labels.flag_label("none", language))
        event = line.event_name
        if event not in event_styles:
            event_styles[event] = quoted if formula_like(event) else None
        text(row, 0, line.receipt)
        text(row, 1, event, event_styles[event])
        moment(row, 2, _naive(line.served_at), when)
        text(row, 3, line.household_id)
        text(row, 4, line.province_code)
        text(row, 5, line.commune_code)
        text(row, 6, labels.commune_name(line.commune_fr, line.commune_ar, language))
        number(row, 7, line.size)
        text(row, 8, line.size_band)
        text(row, 9, flags)
        text(row, 10, line.items)
        text(row, 11, yes if line.counted else no)
        text(row, 12, yes if line.voided else no)
        text(row, 13, yes if line.served_twice else no)
    return row


def _naive(moment: dt.datetime) -> dt.datetime:
    """The receipt's time as the sheet shows it: UTC (the column says so), to the second."""
    return moment.replace(tzinfo=None, microsecond=0)


def _definitions(book: Workbook, styles: _Styles, report: FunderReport, language: str) -> None:
    sheet = _Sheet(book, styles, "report.sheet_definitions", language, (110,))
    sheet.header(("report.col_definition",))
    for text in labels.definitions(report, language):
        sheet.line(text, style=styles.wrap)


def write_xlsx(report: FunderReport, receipts: Iterable[ReceiptLine], path: str | os.PathLike, language: str) -> int:
    """Write the workbook at `path` (the caller's temporary path); returns the number of receipts listed."""
    book = open_book(path)
    try:
        styles = _Styles(book)
        _summary(book, styles, report, language)
        _breakdowns(book, styles, report, language)
        count = _receipts(book, styles, receipts, language)
        _definitions(book, styles, report, language)
    finally:
        book.close()
    return count
