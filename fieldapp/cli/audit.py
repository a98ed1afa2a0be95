"""The audit trail on the command line: `audit verify` (the chain, and the head HQ acknowledged) and `audit show`."""

from __future__ import annotations

import argparse
import json

from fieldapp.cli.context import Context
from fieldapp.i18n import t
from fieldapp.timefmt import local_text

EXIT_BROKEN = 3  # a refusal's code: the trail does not hold
BROKEN_MESSAGES = {
    "edited": "error.audit_edited",
    "missing_before": "error.audit_missing_before",
    "outside_chain": "error.audit_outside_chain",
    "truncated": "error.audit_truncated",
}

VERIFY_EXIT_CODES = """exit codes:
  0  the chain holds, and it reaches the last head HQ acknowledged
  3  an entry was edited, inserted or deleted, or the newest entries are gone: the first broken entry is named
  7  not allowed (only a coordinator reads the audit trail)"""


def verify(ctx: Context, args: argparse.Namespace) -> int:
    from fieldapp.services import audit

    check = audit.verify(ctx.db)
    if ctx.printer.as_json:
        ctx.printer.json(check)
        return 0 if check.ok else EXIT_BROKEN
    if check.ok:
        ctx.printer.line(t("cli.audit_ok", entries=check.entries))
        if check.acknowledged_count is not None:
            ctx.printer.line(t("cli.audit_anchored", count=check.acknowledged_count, at=_when(check.acknowledged_at)))
        if check.unchained:
            ctx.printer.line(t("cli.audit_unchained", count=check.unchained))
        return 0
    ctx.printer.line(
        t(
            BROKEN_MESSAGES[check.broken_reason],
            seq=check.broken_seq if check.broken_seq is not None else "—",
            at=local_text(check.broken_at) or "—",
            action=check.broken_action or "—",
            expected=check.expected if check.expected is not None else "—",
            acked_at=_when(check.acknowledged_at),
        )
    )
    return EXIT_BROKEN


def _when(iso: str | None) -> str:
    import datetime as dt

    return local_text(dt.datetime.fromisoformat(iso)) if iso else "—"


def show(ctx: Context, args: argparse.Namespace) -> int:
    from fieldapp.services import audit

    entries = audit.show(ctx.db, household=args.household, user=args.audit_user, limit=args.limit)
    if ctx.printer.as_json:
        ctx.printer.json({"entries": entries})
        return 0
    if not entries:
        ctx.printer.line(t("cli.audit_none"))
        return 0
    rows = [
        [
            e.seq if e.seq is not None else "—",
            local_text(e.at),
            e.user_name or "—",
            e.actor or "",
            e.action,
            e.entity_id or "",
            json.dumps(e.detail, ensure_ascii=False) if e.detail else "",
        ]
        for e in entries
    ]
    ctx.printer.table(["seq", "when", "user", "operator", "action", "id", "detail"], rows)
    return 0


def register(commands) -> None:
    audit = commands.add_parser("audit", help="the audit trail: verify its chain, show its entries (coordinator)")
    sub = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    check = sub.add_parser(
        "verify",
        help="check that no entry was edited, inserted or deleted (and the head HQ acknowledged is still there)",
        epilog=VERIFY_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.set_defaults(handler=verify)
    listing = sub.add_parser("show", help="the newest entries first: all, one household's history, or one user's")
    listing.add_argument("--household", help="id, id prefix or CIN")
    # dest is not "user": the login's --user (who runs the command) is another option
    listing.add_argument("--user", dest="audit_user", metavar="NAME", help="what this user did")
    listing.add_argument("--limit", type=int, default=200)
    listing.set_defaults(handler=show)
