"""Commands that keep the record safe: a backup on demand, and a restore that checks the file and protects unsent
changes."""

from __future__ import annotations

import argparse

from fieldapp.cli.context import Context
from fieldapp.i18n import t


def backup(ctx: Context, args: argparse.Namespace) -> int:
    from fieldapp.services import backups

    made = backups.backup(ctx.data_dir, args.output, key=ctx.key)
    if ctx.printer.as_json:
        ctx.printer.json(made)
    else:
        ctx.printer.line(
            t("cli.backup_done", path=made.path, households=made.households, distributions=made.distributions)
        )
    return 0


def restore(ctx: Context, args: argparse.Namespace) -> int:
    from fieldapp.services import backups

    done = backups.restore(ctx.data_dir, args.file, allow_unsent_loss=args.yes, key=ctx.key)
    if ctx.printer.as_json:
        ctx.printer.json(done)
        return 0
    kept = done.restored
    ctx.printer.line(
        t("cli.restore_done", path=args.file, households=kept.households, distributions=kept.distributions)
    )
    if done.previous:
        ctx.printer.line(t("cli.restore_previous", previous=done.previous))
    return 0


def register(commands) -> None:
    cmd = commands.add_parser("backup", help="copy the database (into the data folder's backups/, or to -o FILE)")
    cmd.add_argument("-o", "--output", help="where to write the copy (a USB stick, ...)")
    cmd.set_defaults(handler=backup, opens_database=False)
    cmd = commands.add_parser(
        "restore", help="put a backup in place of the database (checked first; the current one is backed up)"
    )
    cmd.add_argument("file", help="the backup file")
    cmd.add_argument("--yes", action="store_true", help="restore even if changes never sent to HQ would be lost")
    cmd.set_defaults(handler=restore, opens_database=False)
