"""Commands to work with HQ: enroll this laptop, sync, and look at what sync found (conflicts, review items).

The sync client lives in `sync/`; it is imported inside the commands that need it (the CLI is the composition root).
"""

from __future__ import annotations

import argparse
import sys

from fieldapp.cli.context import Context
from fieldapp.errors import Refused
from fieldapp.i18n import t
from fieldapp.services import conflicts as found
from fieldapp.timefmt import local_text

EXIT_CODES = """exit codes:
  0  done
  3  refused: not enrolled, laptop revoked, enrollment code unknown/used/expired, device code taken, app too old;
     or (sync) the sync ran but HQ refused some of this laptop's changes: listed by `fieldapp conflicts`
  5  bad data: HQ's answer could not be read, or HQ holds more of this laptop's journal than the laptop
  6  HQ unreachable: offline, timed out or HQ failing; nothing was lost, try again later"""


def enroll(ctx: Context, args: argparse.Namespace) -> int:
    from sync.engine import enroll as enroll_laptop

    recovery_key = ctx.secure_new_folder()  # a new laptop set up by enrolment: its first coordinator
    credentials = enroll_laptop(ctx.db, args.url, args.code, device_code=args.device, actor=ctx.actor)
    with ctx.db.read() as session:
        from fieldapp import settings

        name = settings.get(session, "association_name")
        device_id = settings.get(session, "hq_device_id")
    result = {
        "hq_url": credentials.hq_url,
        "association_id": credentials.association_id,
        "association_name": name,
        "device_code": credentials.device_code,
        "device_id": device_id,
    }
    if ctx.printer.as_json:
        ctx.printer.json({**result, "recovery_key": recovery_key} if recovery_key else result)
    else:
        ctx.printer.line(t("cli.enrolled", association=name, device=credentials.device_code, url=credentials.hq_url))
        if recovery_key:
            ctx.printer.line(t("cli.recovery_key_shown", recovery_key=recovery_key))
    return 0


class _ProgressLine:
    """One line on stderr that says where the sync is (rewritten in place on a terminal)."""

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.in_place = self.stream.isatty()
        self.last: tuple[str, int] | None = None

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase == "done":
            if self.in_place and self.last:
                self.stream.write("\n")
            self.stream.flush()
            return
        if self.last == (phase, done):
            return
        self.last = (phase, done)
        text = t(f"cli.sync_{phase}", done=done, total=total)
        self.stream.write(f"\r{text}\x1b[K" if self.in_place else f"{text}\n")
        self.stream.flush()


def sync_command(ctx: Context, args: argparse.Namespace) -> int:
    from sync.engine import sync_now

    progress = None if ctx.printer.as_json else _ProgressLine()
    summary = sync_now(ctx.db, progress=progress)
    if summary.refused:
        # Not a silent success: HQ kept these changes out; they wait on the Sync page and in `fieldapp conflicts`.
        sys.stderr.write(f"{t('label.warning')} : {t('cli.sync_refused', count=summary.refused)}\n")
    if ctx.printer.as_json:
        ctx.printer.json(summary.as_dict())
    else:
        ctx.printer.line(
            t(
                "cli.sync_summary",
                pushed=summary.pushed,
                pulled=summary.pulled,
                conflicts=summary.open_conflicts,
                reviews=summary.open_reviews,
            )
        )
    return Refused.exit_code if summary.refused else 0


def conflicts_command(ctx: Context, args: argparse.Namespace) -> int:
    conflicts = found.list_conflicts(ctx.db, include_settled=args.all)
    reviews = found.list_reviews(ctx.db, include_settled=args.all)
    if ctx.printer.as_json:
        ctx.printer.json({"conflicts": conflicts, "reviews": reviews})
        return 0
    if conflicts:
        ctx.printer.table(
            ["key", "name", "field", "current", "other", "when"],
            [
                [
                    c.key[:12],
                    c.record,
                    c.field,
                    f"{c.current_value} ({c.current_device})",
                    f"{c.other_value} ({c.other_device})",
                    local_text(c.detected_at),
                ]
                for c in conflicts
            ],
        )
    if reviews:
        if conflicts:
            ctx.printer.line()
        ctx.printer.table(
            ["key", "kind", "name", "event", "receipts"],
            [
                [
                    r.key[:12],
                    r.kind,
                    r.household_name,
                    r.event_name,
                    ", ".join(_review_record_text(x) for x in r.records),
                ]
                for r in reviews
            ],
        )
    if not conflicts and not reviews:
        ctx.printer.line(t("cli.nothing_to_review"))
    return 0


def _review_record_text(record) -> str:
    """A receipt, a CIN, or what HQ refused and why."""
    if isinstance(record, dict) and "reason" in record:
        return f"{record.get('label') or record.get('i')}: {t('sync.refused.' + str(record['reason']))}"
    return getattr(record, "receipt", None) or (record.get("cin") if isinstance(record, dict) else "") or ""


def _full_key(ctx: Context, prefix: str, include_reviews: bool) -> str:
    prefix = (prefix or "").strip()
    keys = [c.key for c in found.list_conflicts(ctx.db)]
    if include_reviews:
        keys += [r.key for r in found.list_reviews(ctx.db)]
    matches = [k for k in keys if k.startswith(prefix)] if len(prefix) >= 6 else []
    return matches[0] if len(matches) == 1 else prefix


def settle(ctx: Context, args: argparse.Namespace) -> int:
    if args.note is not None:
        view = found.settle_review(ctx.db, _full_key(ctx, args.key, True), args.note, actor=ctx.actor).value
    else:
        view = found.settle_conflict(ctx.db, _full_key(ctx, args.key, False), args.keep, actor=ctx.actor).value
    ctx.printer.json(view) if ctx.printer.as_json else ctx.printer.line(t("cli.settled", key=view.key[:12]))
    return 0


def register(commands) -> None:
    formatter = argparse.RawDescriptionHelpFormatter
    cmd = commands.add_parser(
        "enroll",
        help="join HQ with a one-time enrollment code",
        description="Join HQ: HQ gives this laptop a token and its association; local records take that association.",
        epilog=EXIT_CODES,
        formatter_class=formatter,
    )
    cmd.add_argument("url", metavar="URL", help="HQ's address, e.g. https://hq.example.org")
    cmd.add_argument("code", metavar="CODE", help="the one-time code from `fieldapp-hq enroll-code`")
    cmd.add_argument("--device", help="device code, for a laptop not set up yet (starts every receipt number)")
    cmd.set_defaults(handler=enroll)

    cmd = commands.add_parser(
        "sync",
        help="send this laptop's changes to HQ and receive the others'",
        description="Push the changes made here, then pull what other laptops and HQ changed. Progress on stderr.",
        epilog=EXIT_CODES,
        formatter_class=formatter,
    )
    cmd.set_defaults(handler=sync_command)

    cmd = commands.add_parser("conflicts", help="conflicting edits and review items found by sync")
    cmd.add_argument("--all", action="store_true", help="settled ones too")
    cmd.set_defaults(handler=conflicts_command)

    cmd = commands.add_parser("settle", help="settle a conflict (--keep) or a review item (--note)")
    cmd.add_argument("key", help="the key shown by `fieldapp conflicts` (its first characters are enough)")
    choice = cmd.add_mutually_exclusive_group(required=True)
    choice.add_argument("--keep", choices=[found.KEEP_CURRENT, found.TAKE_OTHER], help="which value stays")
    choice.add_argument("--note", help="what was decided about a review item")
    cmd.set_defaults(handler=settle)
