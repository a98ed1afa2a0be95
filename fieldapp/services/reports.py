"""Funder reports (use case): the figures of one event or a period, the receipts behind them, the report as a file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from fieldapp import i18n
from fieldapp.db import Database
from fieldapp.errors import BadData
from fieldapp.files import atomic_path
from fieldapp.permissions import Action
from fieldapp.reports.model import FunderReport, ReceiptLine, ReportScope
from fieldapp.services import report_queries

__all__ = ["FORMATS", "FunderReport", "ReceiptLine", "ReportFile", "ReportScope", "build_report", "receipts_behind"]

FORMATS = ("pdf", "xlsx")


def build_report(db: Database, scope: ReportScope) -> FunderReport:
    """The funder report of `scope`, in one read transaction (NotFound for an unknown event, BadData for a bad scope).

    Requires Action.EXPORT: the report leaves the association."""
    db.require(Action.EXPORT)
    scope.check()
    with db.read() as session:
        return report_queries.build(session, scope)[0]


def receipts_behind(db: Database, scope: ReportScope) -> Iterator[ReceiptLine]:
    """Every receipt in scope (voided ones too, marked), oldest first, read page by page in one read transaction."""
    db.require(Action.EXPORT)
    scope.check()
    with db.read() as session:
        event_ids, _, _ = report_queries.resolve(session, scope)
        sql = report_queries.Scope(event_ids, scope.date_from, scope.date_to)
        yield from report_queries.receipt_lines(session, sql)


@dataclass(frozen=True)
class ReportFile:
    """A report written: where, as what, its pages (PDF) or receipts listed (XLSX), and the report itself."""

    path: Path
    format: str
    pages: int | None
    receipts: int | None
    report: FunderReport

    def as_dict(self) -> dict:
        return {"path": str(self.path), "format": self.format, "pages": self.pages, "receipts_listed": self.receipts}


def report_format(path: str | os.PathLike) -> str:
    """ "pdf" or "xlsx" from the file's suffix (BadData otherwise)."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise BadData("error.report_suffix", path=str(path))
    return suffix


def write_report(
    db: Database, scope: ReportScope, path: str | os.PathLike, language: str | None = None, fmt: str | None = None
) -> ReportFile:
    """The report of `scope` as a PDF or an XLSX file (`fmt`, else from the suffix) in `language` (default: the
    current one). The figures and the receipts are read in one transaction; `path` is replaced only once complete."""
    if fmt is not None and fmt not in FORMATS:
        raise BadData("error.report_suffix", path=str(path))
    fmt = fmt or report_format(path)
    language = language if language in i18n.LANGUAGES else i18n.current_language()
    db.require(Action.EXPORT)
    scope.check()
    pages = receipts = None
    with db.read() as session:
        report, sql = report_queries.build(session, scope)
        with atomic_path(path) as temp:
            if fmt == "pdf":
                from fieldapp.reports.pdf import write_pdf

                pages = write_pdf(report, temp, language)
            else:
                from fieldapp.reports.xlsx import write_xlsx

                receipts = write_xlsx(report, report_queries.receipt_lines(session, sql), temp, language)
    return ReportFile(Path(path), fmt, pages, receipts, report)
