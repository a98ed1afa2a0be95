"""The tables of HQ's pages and their exports: one description of the columns serves the page, the CSV and the XLSX,
so an export always holds what the page lists under the same filters."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlencode

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import FileResponse, Response, StreamingResponse

from fieldapp import i18n
from fieldapp.spreadsheet import QUOTED, formula_like, open_book

FORMATS = ("csv", "xlsx")
_MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # a message key
    kind: str = "text"  # "text", "number", "time" (UTC), "code" (left to right: receipts, device codes, ids)


@dataclass
class Table:
    name: str  # the export's file name, e.g. "laptops"
    columns: list[Column]
    rows: list[dict] = field(default_factory=list)
    part: str | None = None  # which of the page's tables, for a page with several (the overview's breakdowns)

    def export_links(self, request: Request) -> list[tuple[str, str]]:
        """(format, URL) of this table's exports: the page's path and filters, plus format=… (and table=…)."""
        params = [(k, v) for k, v in request.query_params.multi_items() if k not in ("format", "page", "table")]
        params += [("table", self.part)] if self.part else []
        return [(fmt, f"{request.url.path}?{urlencode([*params, ('format', fmt)])}") for fmt in FORMATS]


def _csv_value(column: Column, value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str) and formula_like(value):
        return "'" + value  # a name like "=HYPERLINK(…)" stays text in Excel
    return value


def _csv_chunks(table: Table, rows: Iterable[dict], language: str) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")  # the BOM: Excel then opens Arabic as Arabic
    writer.writerow([i18n.t(column.label, language) for column in table.columns])
    for count, row in enumerate(rows, 1):
        writer.writerow([_csv_value(column, row.get(column.key)) for column in table.columns])
        if count % 1000 == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def _xlsx_file(table: Table, rows: Iterable[dict], language: str) -> str:
    handle, path = tempfile.mkstemp(suffix=".xlsx", prefix="fieldapp-hq-")
    os.close(handle)
    book = open_book(path)
    try:
        sheet = book.add_worksheet(table.name[:31])
        if i18n.is_right_to_left(language):
            sheet.right_to_left()
        bold, quoted = book.add_format({"bold": True}), book.add_format(QUOTED)
        when = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        for index, column in enumerate(table.columns):
            sheet.write_string(0, index, i18n.t(column.label, language), bold)
            sheet.set_column(index, index, 22 if column.kind in ("time", "code") else 16)
        last = 0
        for last, row in enumerate(rows, 1):
            for index, column in enumerate(table.columns):
                value = row.get(column.key)
                if value is None:
                    continue
                if isinstance(value, dt.datetime):
                    sheet.write_datetime(last, index, value.astimezone(dt.UTC).replace(tzinfo=None), when)
                elif isinstance(value, bool):
                    sheet.write_number(last, index, int(value))
                elif isinstance(value, int | float):
                    sheet.write_number(last, index, value)
                else:
                    text = str(value)
                    sheet.write_string(last, index, text, quoted if formula_like(text) else None)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(last, 1), len(table.columns) - 1)
    finally:
        book.close()
    return path


def export(table: Table, rows: Iterable[dict], fmt: str, language: str) -> Response:
    """The table as a download: CSV streamed (BOM, translated headers), XLSX written to a temporary file first."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M")
    filename = f"{table.name}-{stamp}.{fmt}"
    headers = {"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"}
    if fmt == "xlsx":
        path = _xlsx_file(table, rows, language)
        cleanup = BackgroundTask(os.unlink, path)
        return FileResponse(path, media_type=_MEDIA["xlsx"], headers=headers, background=cleanup)
    return StreamingResponse(_csv_chunks(table, rows, language), media_type=_MEDIA["csv"], headers=headers)
