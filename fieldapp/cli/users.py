"""Commands for the laptop's accounts: users and roles, passwords, and recovery of a forgotten password."""

from __future__ import annotations

import argparse
import os

from fieldapp.cli.context import Context, ask_password
from fieldapp.errors import BadData
from fieldapp.i18n import t
from fieldapp.permissions import Role
from fieldapp.services import accounts

ROLES = [role.value for role in Role]


def new_password(given: str | None) -> str:
    """A new password: --password, else typed twice at the terminal; refused clearly when neither is possible."""
    if given is not None:
        return given
    typed = ask_password("cli.new_password_prompt", twice=True)
    if typed is None:
        raise BadData("error.password_required")
    return typed


def _show(ctx: Context, user: accounts.UserView, key: str) -> int:
    if ctx.printer.as_json:
        ctx.printer.json(user.as_dict())
    else:
        ctx.printer.line(t(key, name=user.name, role=t(f"role.{user.role}")))
    return 0


def user_add(ctx: Context, args: argparse.Namespace) -> int:
    outcome = accounts.add_user(ctx.db, args.name, args.role, new_password(args.password))
    return _show(ctx, outcome.value, "cli.user_added")


def user_list(ctx: Context, args: argparse.Namespace) -> int:
    users = accounts.list_users(ctx.db)
    if ctx.printer.as_json:
        ctx.printer.json([user.as_dict() for user in users])
        return 0

    def state(user: accounts.UserView) -> str:
        return t("cli.user_disabled" if user.disabled else "cli.user_locked" if user.locked else "cli.user_active")

    rows = [[user.name, t(f"role.{user.role}"), state(user)] for user in users]
    ctx.printer.table([t("cli.col_user"), t("cli.col_role"), t("cli.col_state")], rows)
    return 0


def user_passwd(ctx: Context, args: argparse.Namespace) -> int:
    outcome = accounts.change_password(ctx.db, args.name, new_password(args.password))
    return _show(ctx, outcome.value, "cli.user_password_changed")


def user_disable(ctx: Context, args: argparse.Namespace) -> int:
    return _show(ctx, accounts.disable_user(ctx.db, args.name).value, "cli.user_disabled_done")


def user_enable(ctx: Context, args: argparse.Namespace) -> int:
    outcome = accounts.enable_user(ctx.db, args.name, new_password(args.password))
    return _show(ctx, outcome.value, "cli.user_enabled_done")


def user_role(ctx: Context, args: argparse.Namespace) -> int:
    return _show(ctx, accounts.set_role(ctx.db, args.name, args.role).value, "cli.user_role_done")


def user_unlock(ctx: Context, args: argparse.Namespace) -> int:
    return _show(ctx, accounts.unlock_user(ctx.db, args.name).value, "cli.user_unlocked_done")


def recover(ctx: Context, args: argparse.Namespace) -> int:
    user = args.recover_user or os.environ.get("FIELDAPP_USER")
    if not user:
        raise BadData("error.user_name_invalid", max=accounts.MAX_NAME)
    db = accounts.recover(
        ctx.data_dir, user, new_password(args.password), recovery_key=args.recovery_key, hq_code=args.hq_code
    )
    ctx.use(db)
    if ctx.printer.as_json:
        ctx.printer.json({"user": db.account.name, "recovered": True})
    else:
        ctx.printer.line(t("cli.recovered", name=db.account.name))
    return 0


def register(commands) -> None:
    user = commands.add_parser("user", help="who may open this laptop's record, and with which role")
    sub = user.add_subparsers(dest="action", required=True, metavar="add|list|passwd|disable|enable|role|unlock")
    cmd = sub.add_parser("add", help="a new user (coordinator only)")
    cmd.add_argument("name")
    cmd.add_argument("--role", choices=ROLES, required=True)
    cmd.add_argument("--password", help="the new user's password (asked twice when left out)")
    cmd.set_defaults(handler=user_add)
    sub.add_parser("list", help="every user, role and state").set_defaults(handler=user_list)
    cmd = sub.add_parser("passwd", help="change a password (yours, or anyone's for a coordinator)")
    cmd.add_argument("name")
    cmd.add_argument("--password", help="the new password (asked twice when left out)")
    cmd.set_defaults(handler=user_passwd)
    cmd = sub.add_parser("disable", help="the user can no longer log in")
    cmd.add_argument("name")
    cmd.set_defaults(handler=user_disable)
    cmd = sub.add_parser("enable", help="let a disabled user log in again, with a new password")
    cmd.add_argument("name")
    cmd.add_argument("--password", help="their new password (asked twice when left out)")
    cmd.set_defaults(handler=user_enable)
    cmd = sub.add_parser("role", help="change a user's role")
    cmd.add_argument("name")
    cmd.add_argument("role", choices=ROLES)
    cmd.set_defaults(handler=user_role)
    cmd = sub.add_parser("unlock", help="lift the lock that failed logins put on an account")
    cmd.add_argument("name")
    cmd.set_defaults(handler=user_unlock)

    cmd = commands.add_parser("recover", help="set a new password with the recovery key or a code from HQ")
    way = cmd.add_mutually_exclusive_group(required=True)
    way.add_argument("--recovery-key", help="the key printed when the laptop was set up")
    way.add_argument("--hq-code", help="the one-time code HQ's administrator gives")
    cmd.add_argument("--user", dest="recover_user", help="whose password to set (env FIELDAPP_USER)")
    cmd.add_argument("--password", help="the new password (asked twice when left out)")
    cmd.set_defaults(handler=recover)
