"""Commands for law 09-08: the consent form, a family's data (right of access), and retention."""

from __future__ import annotations

import argparse

from fieldapp.cli.context import Context
from fieldapp.i18n import t


def consent_print(ctx: Context, args: argparse.Namespace) -> int:
    from fieldapp.consent import CONSENT_VERSION
    from fieldapp.services.consent_form import write_consent_form

    path = write_consent_form(ctx.db, args.output, args.lang)
    if ctx.printer.as_json:
        ctx.printer.json(
            {"path": str(path), "version": CONSENT_VERSION, "languages": [args.lang] if args.lang else ["fr", "ar"]}
        )
    else:
        ctx.printer.line(t("cli.consent_written", version=CONSENT_VERSION, path=str(path)))
    return 0


def household_export_data(ctx: Context, args: argparse.Namespace) -> int:
    """PDF (or JSON with --format json) at -o; JSON without -o goes to stdout, as the document itself."""
    from fieldapp.services.subject_access import export_subject_record

    exported = export_subject_record(ctx.db, args.household, args.output, args.format, actor=ctx.actor).value
    record, path = exported.record, exported.path
    if path is None:
        ctx.printer.json(record)
    elif ctx.printer.as_json:
        ctx.printer.json({"household": record["household"]["id"], "path": str(path), "format": args.format})
    else:
        ctx.printer.line(t("cli.subject_written", path=str(path)))
    return 0


def retention(ctx: Context, args: argparse.Namespace) -> int:
    from fieldapp.services.retention import apply_retention

    result = apply_retention(ctx.db, args.inactive_months, dry_run=args.dry_run, actor=ctx.actor).value
    if ctx.printer.as_json:
        ctx.printer.json(result.as_dict())
    else:
        key = "cli.retention_dry_run" if result.dry_run else "cli.retention_done"
        ctx.printer.line(t(key, count=result.anonymised, months=result.inactive_months))
    return 0


def add_export_data(household_commands) -> None:
    """`household export-data`, under the household command."""
    cmd = household_commands.add_parser("export-data", help="everything held on one family (law 09-08, access)")
    cmd.add_argument("household", help="id, id prefix or CIN")
    cmd.add_argument("-o", "--output", help="file to write (PDF, or JSON with --format json; JSON without -o: stdout)")
    cmd.add_argument("--format", choices=["pdf", "json"], default="pdf")
    cmd.set_defaults(handler=household_export_data)


def register(commands) -> None:
    consent = commands.add_parser("consent", help="the consent text families agree to (law 09-08)")
    sub = consent.add_subparsers(dest="action", required=True, metavar="print")
    cmd = sub.add_parser("print", help="write the consent form as PDF (French and Arabic, or --lang's language)")
    cmd.add_argument("-o", "--output", required=True, help="PDF file to write")
    cmd.set_defaults(handler=consent_print)

    cmd = commands.add_parser(
        "retention", help="anonymise households neither served nor edited for N months (law 09-08)"
    )
    cmd.add_argument("--inactive-months", type=int, required=True, metavar="N")
    cmd.add_argument("--dry-run", action="store_true", help="only count them; change nothing")
    cmd.set_defaults(handler=retention)
