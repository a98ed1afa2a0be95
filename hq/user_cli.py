"""`fieldapp-hq user …`: accounts of HQ's web pages (add, list, passwd, disable), passwords never echoed or logged."""

from __future__ import annotations

import argparse
import getpass
import sys

from hq.errors import HQError
from sync import protocol


def add_commands(commands, with_globals) -> None:
    """The `user` command and its actions, on the main parser's subcommands."""
    user = commands.add_parser("user", help="accounts of HQ's web pages").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    add = user.add_parser("add", help="add an account (platform staff see every association, association staff one)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=("platform", "association"))
    add.add_argument("--association", metavar="ID", help="the association of association staff")
    add.add_argument("--language", default="fr", choices=("fr", "ar", "en"))
    _password_options(add)
    add.set_defaults(handler=_add)
    listing = user.add_parser("list", help="list accounts")
    listing.add_argument("--association", metavar="ID")
    listing.set_defaults(handler=_list)
    passwd = user.add_parser("passwd", help="set a new password (ends the account's sessions, lifts a lock)")
    passwd.add_argument("name")
    _password_options(passwd)
    passwd.set_defaults(handler=_passwd)
    disable = user.add_parser("disable", help="disable an account (ends its sessions)")
    disable.add_argument("name")
    disable.set_defaults(handler=_disable)
    for sub in (add, listing, passwd, disable):
        with_globals(sub, nested=True)


def _password_options(parser: argparse.ArgumentParser) -> None:
    given = parser.add_mutually_exclusive_group()
    given.add_argument("--password", metavar="PASS", help="the password (visible to other users of this machine)")
    given.add_argument("--password-stdin", action="store_true", help="read the password from standard input")


def _password(args) -> str:
    """From --password, --password-stdin, else asked twice on the terminal."""
    if args.password is not None:
        return args.password
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise HQError(protocol.BAD_REQUEST, "give the password with --password or --password-stdin")
    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise HQError(protocol.BAD_REQUEST, "the two passwords differ")
    return first


def _line(user: dict) -> str:
    state = "disabled" if user["disabled_at"] else ("locked" if user["locked_until"] else "active")
    where = user["association_id"] or "every association"
    return f"{user['name']}  {user['role']}  {where}  {user['language']}  {state}"


def _add(args) -> int:
    from hq.cli import _open, _print
    from hq.web import accounts

    password = _password(args)
    user = accounts.add_user(_open(args), args.name, args.role, password, args.association, args.language)
    return _print(args, user, f"added {_line(user)}")


def _list(args) -> int:
    from hq.cli import _open, _print
    from hq.web import accounts

    users = accounts.list_users(_open(args), args.association)
    return _print(args, {"users": users}, "\n".join(_line(user) for user in users) or "no users")


def _passwd(args) -> int:
    from hq.cli import _open, _print
    from hq.web import accounts

    password = _password(args)
    user = accounts.set_password(_open(args), args.name, password)
    return _print(args, user, f"new password for {user['name']}; its sessions ended")


def _disable(args) -> int:
    from hq.cli import _open, _print
    from hq.web import accounts

    user = accounts.disable_user(_open(args), args.name)
    return _print(args, user, f"{user['name']} disabled; its sessions ended")
