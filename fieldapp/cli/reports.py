"""The `report` command: a funder report of one event or a period, as PDF or XLSX (format from the file's suffix)."""

from __future__ import annotations

import argparse

from fieldapp.cli.context import Context
from fieldapp.errors import UsageMistake
from fieldapp.i18n import LANGUAGES, t


def report(ctx: Context, args: argparse.Namespace) -> int:
    from fieldapp.reports.model import ReportScope
    from fieldapp.services.events import parse_date
    from fieldapp.services.reports import report_format, write_report

    if bool(args.date_from) != bool(args.date_to) or not (args.event or args.date_from):
        raise UsageMistake("error.report_scope")
    report_format(args.output)  # a wrong suffix is refused before the database is opened
    scope = ReportScope(
        event=args.event,
        date_from=parse_date(args.date_from) if args.date_from else None,
        date_to=parse_date(args.date_to) if args.date_to else None,
    )
    written = write_report(ctx.db, scope, args.output, args.language)
    totals = written.report.totals
    if ctx.printer.as_json:
        ctx.printer.json({**written.as_dict(), **written.report.as_dict()})
    else:
        ctx.printer.line(t("cli.report_written", path=args.output, families=totals.families, receipts=totals.receipts))
    return 0


def register(commands) -> None:
    cmd = commands.add_parser(
        "report", help="write a funder report (families, places, sizes, vulnerability, items, volunteers): PDF or XLSX"
    )
    cmd.add_argument("--event", help="one event: id, id prefix or name")
    cmd.add_argument("--from", dest="date_from", metavar="DATE", help="first day of a period, YYYY-MM-DD (UTC)")
    cmd.add_argument("--to", dest="date_to", metavar="DATE", help="last day of the period, YYYY-MM-DD (UTC, included)")
    cmd.add_argument("-o", "--output", required=True, help="FILE.pdf or FILE.xlsx")
    cmd.add_argument("--language", choices=LANGUAGES, help="language of the report (default: that of the messages)")
    cmd.set_defaults(handler=report)
