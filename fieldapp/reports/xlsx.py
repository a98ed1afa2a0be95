"""A funder report as an XLSX workbook (openpyxl, write-only): summary, breakdowns, every receipt, definitions."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from fieldapp.i18n import t
from fieldapp.reports import labels
from fieldapp.reports.model import FunderReport, ReceiptLine

_ISOLATES = re.compile("[\u2066-\u2069]")  # i18n's isolates are for screens and paper; a cell holds one value
_TITLE = Font(bold=True, size=14)
_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")
_WRAP = Alignment(wrap_text=True, vertical="top")


class _Sheet:
    """One write-only worksheet in the report's language (right to left in Arabic)."""

    def __init__(self, book: Workbook, title_key: str, language: str, widths: Sequence[float]) -> None:
        self.language = language
        self.ws = book.create_sheet(_plain(t(title_key, language))[:31])
        self.ws.sheet_view.rightToLeft = language == "ar"
        for index, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = width

    def cell(self, value, font: Font | None = None, fill: PatternFill | None = None, wrap: bool = False):
        if isinstance(value, str):
            value = _plain(value)
        cell = WriteOnlyCell(self.ws, value=value)
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # a name that looks like a formula stays text
        if font:
            cell.font = font
        if fill:
            cell.fill = fill
        if wrap:
            cell.alignment = _WRAP
        return cell

    def title(self, text: str) -> None:
        self.ws.append([self.cell(text, _TITLE)])

    def line(self, *values) -> None:
        self.ws.append([self.cell(v) for v in values])

    def header(self, keys: Iterable[str]) -> None:
        self.ws.append([self.cell(t(key, self.language), _BOLD, _HEADER_FILL) for key in keys])

    def blank(self) -> None:
        self.ws.append([])


def _plain(text: str) -> str:
    return _ISOLATES.sub("", text)


def _masked(value: str):
    """A count as a number (so a funder can add and filter), "< 5" as text."""
    digits = value.replace(" ", "").replace(",", "")
    return int(digits) if digits.isdigit() else value


def _summary(book: Workbook, report: FunderReport, language: str) -> None:
    sheet = _Sheet(book, "report.sheet_summary", language, (46, 16, 16, 12, 12, 12, 12))
    sheet.title(t("report.title", language))
    sheet.line(labels.made_line(report, language))
    sheet.line(labels.scope_line(report, language))
    sheet.blank()
    sheet.header(("report.col_figure", "report.col_value"))
    for label, _, value in labels.figures(report, language):
        sheet.line(label, value)
    sheet.blank()
    sheet.ws.append([sheet.cell(t("report.section_events", language), _BOLD)])
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
    sheet.ws.append([sheet.cell(t("report.section_sources", language), _BOLD)])
    for source in labels.sources(report, language):
        sheet.line(source)


def _breakdowns(book: Workbook, report: FunderReport, language: str) -> None:
    places = _Sheet(book, "report.sheet_places", language, (14, 24, 16, 28, 12, 12))
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

    sizes = _Sheet(book, "report.sheet_sizes", language, (22, 12, 12))
    sizes.header(("report.col_size", "report.col_families", "report.col_people"))
    for band in report.bands:
        sizes.line(labels.band_label(band.band, language), band.count.families, band.count.people)

    flags = _Sheet(book, "report.sheet_flags", language, (34, 12, 12))
    flags.header(("report.col_flag", "report.col_families", "report.col_people"))
    for row in report.flags:
        families, people = labels.counts(row.count, language)
        flags.line(labels.flag_label(row.flag, language), _masked(families), _masked(people))

    items = _Sheet(book, "report.sheet_items", language, (30, 10, 28, 12, 12, 12, 12))
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


def _receipts(book: Workbook, receipts: Iterable[ReceiptLine], language: str) -> int:
    sheet = _Sheet(book, "report.sheet_receipts", language, (18, 26, 18, 38, 12, 14, 24, 8, 12, 34, 18, 9, 9, 12))
    sheet.ws.freeze_panes = "A2"
    sheet.header(_RECEIPT_COLUMNS)
    yes, no = t("report.yes", language), t("report.no", language)
    flag_names: dict[str, str] = {}
    separator = "، " if language == "ar" else ", "
    count = 0
    for line in receipts:
        flags = separator.join(
            flag_names.setdefault(flag, labels.flag_label(flag, language)) for flag in line.flags
        ) or flag_names.setdefault("", labels.flag_label("none", language))
        sheet.ws.append(
            [
                line.receipt,
                line.event_name if not line.event_name.startswith("=") else sheet.cell(line.event_name),
                line.served_at.replace(tzinfo=None, microsecond=0),
                line.household_id,
                line.province_code,
                line.commune_code,
                labels.commune_name(line.commune_fr, line.commune_ar, language),
                line.size,
                line.size_band,
                flags,
                line.items,
                yes if line.counted else no,
                yes if line.voided else no,
                yes if line.served_twice else no,
            ]
        )
        count += 1
    return count


def _definitions(book: Workbook, report: FunderReport, language: str) -> None:
    sheet = _Sheet(book, "report.sheet_definitions", language, (110,))
    sheet.header(("report.col_definition",))
    for text in labels.definitions(report, language):
        sheet.ws.append([sheet.cell(text, wrap=True)])


def write_xlsx(report: FunderReport, receipts: Iterable[ReceiptLine], path: str | os.PathLike, language: str) -> int:
    """Write the workbook at `path` (the caller's temporary path); returns the number of receipts listed."""
    book = Workbook(write_only=True)
    _summary(book, report, language)
    _breakdowns(book, report, language)
    count = _receipts(book, receipts, language)
    _definitions(book, report, language)
    book.save(str(path))
    return count
