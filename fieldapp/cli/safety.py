"""Commands that keep the record safe: a backup on demand, and a restore that checks the file and protects unsent
changes."""

from __future__ import annotations

import argparse

from fieldapp import paths
from fieldapp.cli.context import Context
from fieldapp.errors import FieldappError
from fieldapp.i18n import t
from fieldapp.permissions import Action


def backup(ctx: Context, args: argparse.Namespace) -> int:
    from fieldapp.services import accounts, backups

    key = None  # a folder without accounts: nothing yet, or an old plain record anyone can read
    if accounts.has_accounts(ctx.data_dir):
        ctx.db.require(Action.BACKUP)
        key = ctx.db.key
    made = backups.backup(ctx.data_dir, args.output, key=key)
    if ctx.printer.as_json:
        ctx.printer.json(made)
    else:
        ctx.printer.line(
            t("cli.backup_done", path=made.path, households=made.households, distributions=made.distributions)
        )
    return 0


def restore(ctx: Context, args: argparse.Namespace) -> int:
    from fieldapp.services import backups

    done = backups.restore(ctx.data_dir, args.file, allow_unsent_loss=args.yes, key=_key_for_restore(ctx))
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


# Refusals about the person, not the record: a restore stops there.
_ABOUT_THE_PERSON = {
    "error.login_failed",
    "error.login_wait",
    "error.account_locked",
    "error.account_disabled",
    "error.role_forbids",
    "error.login_needed",
    "error.keystore_missing",
    "error.keystore_damaged",
}


def _key_for_restore(ctx: Context) -> bytes | None:
    """The data key, from a coordinator's login; when the current record is too damaged to open (which is when a
    restore is needed most), from the password alone. A folder without accounts needs none: the backup's are used."""
    from fieldapp.services import accounts

    if not accounts.has_accounts(ctx.data_dir):
        return None
    try:
        ctx.db.require(Action.BACKUP)
        key = ctx.db.key
    except FieldappError as error:
        if error.key in _ABOUT_THE_PERSON:
            raise
        key = accounts.keystore_of(paths.data_dir(ctx.data_dir)).unlock(*ctx.credentials())
    ctx.close()  # the file is about to be replaced
    return key


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
