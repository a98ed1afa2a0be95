"""Commands that make paper: receipts (and checking one), sign-off and attendance sheets, reconciling a sheet."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fieldapp.cli.context import Context
from fieldapp.cli.output import distribution_fields
from fieldapp.errors import BadData, Refused
from fieldapp.i18n import t
from fieldapp.printing import RECEIPT_FORMATS
from fieldapp.services import receipts

# What verify-receipt shows of the distribution a valid receipt stands for.
VERIFIED_FIELDS = ("receipt", "event", "name", "name_ar", "items", "void_reason")


def receipt(ctx: Context, args: argparse.Namespace) -> int:
    if args.copy:
        path = receipts.reprint_receipt(ctx.db, args.receipt, args.output, args.format, actor=ctx.actor).value
    else:
        path = receipts.write_receipt(ctx.db, args.receipt, args.output, args.format)
    if ctx.printer.as_json:
        written = {"receipt": args.receipt.strip().upper(), "path": str(path), "format": args.format}
        ctx.printer.json({**written, "copy": True} if args.copy else written)
    else:
        ctx.printer.line(t("cli.written", path=str(path)))
    return 0


def verify_receipt(ctx: Context, args: argparse.Namespace) -> int:
    result = receipts.verify_receipt(ctx.db, args.text)
    d = result.distribution
    if ctx.printer.as_json:
        ctx.printer.json(
            {"valid": result.valid, "reason": result.reason, "message": t(result.reason), "distribution": d}
        )
    elif result.valid:
        ctx.printer.line(t(result.reason))
        ctx.printer.fields(distribution_fields(d, only=VERIFIED_FIELDS))
    if not result.valid:
        if ctx.printer.as_json:  # the document above already says why: one JSON document on stdout
            sys.stderr.write(f"fieldapp: {t(result.reason)}\n")
            return Refused.exit_code
        raise Refused(result.reason)
    return 0


def _sheet_written(ctx: Context, summary, event: str) -> None:
    if ctx.printer.as_json:
        ctx.printer.json({"event": event, **summary.as_dict()})
    else:
        ctx.printer.line(t("cli.sheet_written", path=str(summary.path), rows=summary.rows, pages=summary.pages))


def sheet(ctx: Context, args: argparse.Namespace) -> int:
    from fieldapp.services.sheets import write_signoff_sheet

    _sheet_written(ctx, write_signoff_sheet(ctx.db, args.event, args.output, sort=args.sort), args.event)
    return 0


def attendance_sheet(ctx: Context, args: argparse.Namespace) -> int:
    from fieldapp.services.sheets import write_attendance_sheet

    _sheet_written(ctx, write_attendance_sheet(ctx.db, args.event, args.output), args.event)
    return 0


def household_card(ctx: Context, args: argparse.Namespace) -> int:
    from fieldapp.services.cards import write_cards

    summary = write_cards(ctx.db, args.output, args.household, not_carded=args.not_carded, actor=ctx.actor).value
    if ctx.printer.as_json:
        ctx.printer.json(summary.as_dict())
    else:
        ctx.printer.line(t("cli.cards_written", path=str(summary.path), count=summary.count, pages=summary.pages))
    return 0


def add_household_card(household_commands) -> None:
    """`household card`, under the household command."""
    cmd = household_commands.add_parser(
        "card", help="write household cards as PDF (credit-card size, 10 an A4 page, a QR the desk scans)"
    )
    cmd.add_argument("household", nargs="*", help="id, id prefix or CIN (several allowed)")
    cmd.add_argument("--not-carded", action="store_true", help="every household this laptop has not carded yet")
    cmd.add_argument("-o", "--output", required=True, help="PDF file to write")
    cmd.set_defaults(handler=household_card)


def _codes_file(path: str) -> list[str]:
    """One scanned code or household reference per line; blank lines ignored."""
    try:
        content = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise BadData("error.codes_file_unreadable", path=path) from None
    return [line.strip() for line in content.splitlines() if line.strip()]


def reconcile(ctx: Context, args: argparse.Namespace) -> int:
    """Exit 0 when every entry was served, 3 when some were refused or rejected (the others are recorded)."""
    from fieldapp.services.reconcile import reconcile as reconcile_sheet

    entries = args.collected if args.collected else _codes_file(args.codes_file)
    result = reconcile_sheet(ctx.db, args.event, entries, actor=ctx.actor)
    if ctx.printer.as_json:
        ctx.printer.json({"event": args.event, "complete": result.complete, **result.as_dict()})
    else:
        counts = {"served": len(result.served), "already": len(result.already_served), "rejected": len(result.rejected)}
        ctx.printer.line(t("cli.reconciled", **counts))
        for already in result.already_served:
            ctx.printer.line("  " + t("cli.reconcile_already", name=already.name, receipt=already.receipt))
        for rejected in result.rejected:
            ctx.printer.line("  " + t("cli.reconcile_rejected", text=rejected.text, message=rejected.message))
    return 0 if result.complete else Refused.exit_code


def register(commands) -> None:
    cmd = commands.add_parser("receipt", help="write a distribution receipt as PDF")
    cmd.add_argument("receipt", help="receipt number, e.g. KHR1-2026-00042")
    cmd.add_argument("-o", "--output", required=True, help="PDF file to write")
    cmd.add_argument("--format", choices=list(RECEIPT_FORMATS), help="a6, 80mm roll or a4 (default: setting)")
    cmd.add_argument(
        "--copy",
        action="store_true",
        help="a reprint of a receipt already handed out: marked DUPLICATA with today's date, kept in the audit trail",
    )
    cmd.set_defaults(handler=receipt)

    cmd = commands.add_parser("verify-receipt", help="check a scanned receipt QR code (exit 3 when not genuine)")
    cmd.add_argument("text", help="the text decoded from the QR code")
    cmd.set_defaults(handler=verify_receipt)

    cmd = commands.add_parser("sheet", help="write the beneficiaries' sign-off sheet of an event as PDF")
    cmd.add_argument("event", help="event id, id prefix or name")
    cmd.add_argument("-o", "--output", required=True, help="PDF file to write")
    cmd.add_argument("--sort", choices=["name", "douar"], default="name", help="row order (douar: by douar, then name)")
    cmd.set_defaults(handler=sheet)

    cmd = commands.add_parser("attendance-sheet", help="write the volunteers' attendance sheet of an event as PDF")
    cmd.add_argument("event", help="event id, id prefix or name")
    cmd.add_argument("-o", "--output", required=True, help="PDF file to write")
    cmd.set_defaults(handler=attendance_sheet)

    cmd = commands.add_parser(
        "reconcile", help="record a signed sheet: one distribution per entry (exit 3 when some were refused)"
    )
    cmd.add_argument("event", help="event id, id prefix or name")
    source = cmd.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--collected", nargs="+", metavar="HOUSEHOLD", help="scanned row codes (FAS1:…) or household id, prefix, CIN"
    )
    source.add_argument("--codes-file", metavar="FILE", help="one scanned code or household reference per line")
    cmd.set_defaults(handler=reconcile)
