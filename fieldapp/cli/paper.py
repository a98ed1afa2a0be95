"""Commands that make paper: receipts (and checking one), sign-off and attendance sheets, reconciling a sheet."""

from __future__ import annotations

import argparse

from fieldapp.cli.context import Context
from fieldapp.errors import Refused
from fieldapp.i18n import t
from fieldapp.services import receipts


def receipt(ctx: Context, args: argparse.Namespace) -> int:
    path = receipts.write_receipt(ctx.db, args.receipt, args.output, args.format)
    if ctx.printer.as_json:
        ctx.printer.json({"receipt": args.receipt.strip().upper(), "path": str(path), "format": args.format})
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
        ctx.printer.fields(
            [
                ("receipt", d.receipt),
                ("event", d.event_name),
                ("name", d.household_name),
                ("name_ar", d.household_name_ar),
                ("items", ", ".join(f"{i['code']}×{i['quantity']}" for i in d.items)),
                ("void_reason", d.void_reason),
            ]
        )
    if not result.valid:
        raise Refused(result.reason)
    return 0


def register(commands) -> None:
    cmd = commands.add_parser("receipt", help="write a distribution receipt as PDF")
    cmd.add_argument("receipt", help="receipt number, e.g. KHR1-2026-00042")
    cmd.add_argument("-o", "--output", required=True, help="PDF file to write")
    cmd.add_argument("--format", choices=list(receipts.RECEIPT_FORMATS), help="a6, 80mm roll or a4 (default: setting)")
    cmd.set_defaults(handler=receipt)

    cmd = commands.add_parser("verify-receipt", help="check a scanned receipt QR code (exit 3 when not genuine)")
    cmd.add_argument("text", help="the text decoded from the QR code")
    cmd.set_defaults(handler=verify_receipt)
