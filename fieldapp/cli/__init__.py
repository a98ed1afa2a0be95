"""The `fieldapp` command: the composition root (it alone may reach ui/, sync/ and hq/, inside commands)."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
import traceback

from fieldapp import __version__, i18n, paths
from fieldapp.errors import FieldappError

# The command modules (and through them SQLAlchemy and the services) are imported only when a command needs them:
# opening the desktop app goes straight to its start screen, which matters on an old laptop.

EXIT_OK, EXIT_USAGE, EXIT_FAILED = 0, 2, 1  # a refusal's code is its error's (fieldapp/errors.py)


class OneLineParser(argparse.ArgumentParser):
    """Usage mistakes are one line on stderr (and exit 2), like every other error of the command."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see --help)\n")


def _global_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--data-dir", default=default, help="where the database lives (env FIELDAPP_DATA_DIR)")
    parser.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS if suppress else False, help="machine-readable output"
    )
    parser.add_argument("--lang", choices=i18n.LANGUAGES, default=default, help="language of messages")
    parser.add_argument("--operator", dest="actor", default=default, help="who stood at the desk (kept in the audit)")
    if "--user" not in parser._option_string_actions:  # `init --user` names the first coordinator instead
        parser.add_argument(
            "--user",
            dest="login_user",
            default=default,
            help="log in as this user (env FIELDAPP_USER; password from FIELDAPP_PASSWORD or asked)",
        )


def _leaf_parsers(parser: argparse.ArgumentParser):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                yield child
                yield from _leaf_parsers(child)


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="fieldapp", description="Offline-first record of aid distributions. No command: open the desktop app."
    )
    parser.add_argument("--version", action="version", version=f"fieldapp {__version__}")
    _global_options(parser, suppress=False)
    from fieldapp.cli import audit, desk, importing, paper, people, privacy, reports, safety, syncing, users

    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    people.register(commands)
    desk.register(commands)
    paper.register(commands)
    syncing.register(commands)
    safety.register(commands)
    users.register(commands)
    audit.register(commands)
    privacy.register(commands)
    importing.register(commands)
    reports.register(commands)
    app = commands.add_parser("app", help="open the desktop app (the default)")
    app.add_argument("--demo", action="store_true", help="on a new database, start with demo data (no set-up)")
    app.set_defaults(handler=_open_app_command)
    # Global options are accepted after the command too: `fieldapp household list --json`.
    for child in _leaf_parsers(parser):
        _global_options(child, suppress=True)
    return parser


def open_app(data_dir: str | None, language: str | None, demo: bool) -> int:
    from ui.shell.app import run_app

    return run_app(data_dir, language=language, demo=demo)


def _open_app_command(ctx, args: argparse.Namespace) -> int:
    return open_app(ctx.data_dir, args.lang, getattr(args, "demo", False))


def _app_request(argv: list[str]) -> argparse.Namespace | None:
    """The options when `argv` asks for the desktop app (no command, or `app`), else None."""
    quick = argparse.ArgumentParser(add_help=False)
    quick.add_argument("--data-dir")
    quick.add_argument("--lang", choices=i18n.LANGUAGES)
    quick.add_argument("--operator")
    quick.add_argument("--demo", action="store_true")
    quick.add_argument("command", nargs="?")
    try:
        known, rest = quick.parse_known_args(argv)
    except SystemExit:
        return None
    if rest or known.command not in (None, "app") or (known.demo and known.command != "app"):
        return None
    return known


def _log_crash(data_dir: str | None) -> str:
    try:
        log_dir = paths.data_dir(data_dir) / "logs"
        log_dir.mkdir(exist_ok=True)
        log = log_dir / "fieldapp.log"
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"--- {dt.datetime.now(dt.UTC).isoformat()} fieldapp {__version__}\n{traceback.format_exc()}\n")
        return str(log)
    except OSError:
        return "?"


def _report(printer, key: str, message: str, code: int) -> int:
    shown = f"error: {message} (see --help)" if code == EXIT_USAGE else message  # a usage mistake reads as argparse's
    sys.stderr.write(f"fieldapp: {shown}\n")
    if printer.as_json:
        printer.json({"error": {"code": key, "message": message, "exit_code": code}})
    return code


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--version"]:  # answered before the parser, which imports every command module (~0.8 s)
        print(f"fieldapp {__version__}")
        return EXIT_OK
    app = _app_request(argv)
    if app is not None:
        return open_app(app.data_dir, app.lang, app.demo)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    from sqlalchemy.exc import OperationalError

    from fieldapp import encryption
    from fieldapp.cli.context import Context
    from fieldapp.cli.output import Printer

    language = args.lang or os.environ.get("FIELDAPP_LANG")
    i18n.set_language(language)
    printer = Printer(as_json=args.json)
    ctx = Context(data_dir=args.data_dir, printer=printer, actor=args.actor, user=getattr(args, "login_user", None))
    handler = getattr(args, "handler", _open_app_command)
    try:
        if not language:
            i18n.set_language(_language_read(ctx))
        return handler(ctx, args)
    except FieldappError as error:
        return _report(printer, error.key, error.message(), error.exit_code)
    except (OperationalError, encryption.OperationalError) as error:
        text = str(error).lower()
        key = "error.database_locked" if "locked" in text or "busy" in text else "error.database_io"
        if "disk" in text or "full" in text:
            key = "error.disk_full"
        log = _log_crash(args.data_dir)
        return _report(printer, key, i18n.t(key, log=log), EXIT_FAILED)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`): nothing more to say, and nothing went wrong with the data.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return EXIT_OK
    except Exception:  # noqa: BLE001 — the last guard: a bug is logged, never shown as a traceback
        log = _log_crash(args.data_dir)
        return _report(printer, "error.unexpected", i18n.t("error.unexpected", log=log), EXIT_FAILED)
    finally:
        ctx.close()


def _language_read(ctx) -> str | None:
    """The stored language, read without opening the database (before login it cannot be: it is encrypted; and a
    restore replaces it): from the preferences kept beside it, else (a data folder from before them, whose database
    is still plain) from the database's settings."""
    from fieldapp import encryption, preferences
    from fieldapp.first_screen import desk_settings

    data_dir = paths.data_dir(ctx.data_dir)
    stored = preferences.language(data_dir)
    if stored:
        return stored
    path = data_dir / paths.DATABASE_FILE
    try:
        if not path.is_file() or not encryption.is_plain(path):
            return None  # no database yet, or an encrypted one that kept no preferences
        with contextlib.closing(encryption.connect(path, None, readonly=True)) as conn:
            return desk_settings(conn).get("language")
    except (encryption.Error, OSError, ValueError):
        return None  # a damaged database (which the command will say)
