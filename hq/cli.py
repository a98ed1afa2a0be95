"""The `fieldapp-hq` command: serve HQ, and administer it (associations, enrollment codes, devices, campaigns, audit
heads, the recovery key, web accounts)."""

from __future__ import annotations

import argparse
import json
import sys

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_REFUSED = 0, 1, 2, 3


class OneLineParser(argparse.ArgumentParser):
    """Usage mistakes are one line on stderr and exit 2, like the app's command."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see --help)\n")


def _globals(parser: argparse.ArgumentParser, nested: bool) -> None:
    default = argparse.SUPPRESS if nested else None
    parser.add_argument("--db", default=default, help="database URL or SQLite file (env FIELDAPP_HQ_DB)")
    parser.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS if nested else False, help="print one JSON object"
    )


def build_parser() -> argparse.ArgumentParser:
    from fieldapp import __version__

    parser = OneLineParser(prog="fieldapp-hq", description="The fieldapp HQ server and its administration.")
    parser.add_argument("--version", action="version", version=f"fieldapp-hq {__version__}")
    _globals(parser, nested=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    serve = commands.add_parser("serve", help="run HQ (migrates the database first)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8750)
    serve.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (PostgreSQL)")
    serve.add_argument("--access-log", action="store_true", help="log every request (the reverse proxy usually does)")
    serve.set_defaults(handler=_serve)

    commands.add_parser("migrate", help="bring the database schema up to date").set_defaults(handler=_migrate)
    restored = commands.add_parser("after-restore", help="after restoring a backup: move the pull cursor on")
    restored.set_defaults(handler=_after_restore)

    association = commands.add_parser("association", help="associations").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    add = association.add_parser("add", help="add an association")
    add.add_argument("name")
    add.set_defaults(handler=_association_add)
    association.add_parser("list", help="list associations").set_defaults(handler=_association_list)

    code = commands.add_parser("enroll-code", help="a one-time enrollment code for a laptop (shown once)")
    code.add_argument("--association", required=True, metavar="ID")
    code.add_argument("--hours", type=float, default=72.0, help="how long the code stays valid (default 72)")
    code.set_defaults(handler=_enroll_code)

    device = commands.add_parser("device", help="enrolled laptops").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    listing = device.add_parser("list", help="list devices")
    listing.add_argument("--association", metavar="ID")
    listing.set_defaults(handler=_device_list)
    revoke = device.add_parser("revoke", help="revoke a device (refused from its next request)")
    revoke.add_argument("id")
    revoke.set_defaults(handler=_device_revoke)

    campaign = commands.add_parser("campaign", help="reference data for every association").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    publish = campaign.add_parser("publish", help="publish a campaign (an event and its items) to every association")
    publish.add_argument("--name", required=True)
    publish.add_argument("--starts", required=True, metavar="YYYY-MM-DD")
    publish.add_argument("--ends", required=True, metavar="YYYY-MM-DD")
    publish.add_argument("--item", action="append", default=[], metavar="CODE:LABEL:QTY", required=True)
    publish.set_defaults(handler=_campaign_publish)

    conflicts = commands.add_parser("conflicts", help="conflicts and review items found by sync")
    conflicts.add_argument("--association", metavar="ID")
    conflicts.add_argument("--all", action="store_true", help="include settled ones")
    conflicts.add_argument("--settle", metavar="KEY", help="mark one settled")
    conflicts.add_argument("--by", help="who settles (with --settle)")
    conflicts.set_defaults(handler=_conflicts)

    heads = commands.add_parser("audit-heads", help="each laptop's audit chain head, and chains that went backwards")
    heads.add_argument("--backwards", action="store_true", help="only devices whose chain went backwards")
    heads.add_argument("--association", metavar="ID")
    heads.set_defaults(handler=_audit_heads)

    recovery = commands.add_parser("recovery-key", help="HQ's recovery key (laptops wrap their data key for it)")
    recovery_actions = recovery.add_subparsers(dest="action", metavar="ACTION", required=True)
    init = recovery_actions.add_parser("init", help="make the key pair: the private key into FILE (keep it offline)")
    init.add_argument("--key-file", required=True, metavar="FILE", help="where to write the private key (a new file)")
    init.add_argument("--replace", action="store_true", help="replace HQ's current recovery key")
    init.set_defaults(handler=_recovery_key_init)

    recover = commands.add_parser("recovery-code", help="a one-time code that unlocks a laptop's data key")
    recover.add_argument("--device", required=True, metavar="CODE", help="the laptop's device code (or its id)")
    recover.add_argument("--key-file", required=True, metavar="FILE", help="HQ's recovery private key file")
    recover.add_argument("--association", metavar="ID", help="when two associations' laptops share the code")
    recover.set_defaults(handler=_recovery_code)

    cross = commands.add_parser(
        "cross-serving", help="families served in one campaign by two associations (platform staff)"
    )
    cross.add_argument("--event", metavar="ID", help="one campaign (its event id)")
    cross.add_argument("--association", metavar="ID", help="only the pairs this association is in")
    cross.add_argument("--offset", type=int, default=0)
    cross.add_argument("--limit", type=int, default=100, help="pairs listed (default 100, at most 500)")
    cross.add_argument("--rebuild", action="store_true", help="hash every household again and find every pair")
    cross.set_defaults(handler=_cross_serving)

    from hq import user_cli

    user_cli.add_commands(commands, _globals)
    for sub in (serve, add, code, listing, revoke, publish, conflicts, heads, init, recover, cross):
        _globals(sub, nested=True)
    for group in (commands.choices["migrate"], restored, association.choices["list"]):
        _globals(group, nested=True)
    return parser


def _open(args):
    from hq.db import Database, default_url

    return Database.open(args.db or default_url(), pool_size=2)


def _print(args, document: dict, text: str) -> int:
    if args.json:
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(text.rstrip("\n") + "\n")
    return EXIT_OK


def _serve(args) -> int:
    from hq.db import default_url, normalise_url
    from hq.server import run

    url = normalise_url(args.db) if args.db else default_url()
    db = _open(argparse.Namespace(db=url))  # migrate once, before any worker starts
    from hq import cross_serving

    try:
        cross_serving.check_key(db)  # the match key file is there when hashes made with it are
    finally:
        db.dispose()
    sys.stderr.write(f"fieldapp-hq: serving {db.backend} on http://{args.host}:{args.port}\n")
    try:
        run(url, args.host, args.port, args.workers, args.access_log)
    except OSError as error:
        return _fail(args, "cannot_listen", f"cannot listen on {args.host}:{args.port}: {error.strerror}", EXIT_FAILED)
    return EXIT_OK


def _migrate(args) -> int:
    db = _open(args)
    db.dispose()
    return _print(args, {"migrated": True, "backend": db.backend}, "database schema is up to date")


def _after_restore(args) -> int:
    from hq import admin

    item = admin.after_restore(_open(args))
    return _print(args, item, f"pull cursor moved from {item['old_head']} to {item['new_head']}")


def _association_add(args) -> int:
    from hq import admin

    item = admin.add_association(_open(args), args.name)
    return _print(args, item, f"{item['id']}  {item['name']}")


def _association_list(args) -> int:
    from hq import admin

    items = admin.list_associations(_open(args))
    text = "\n".join(f"{a['id']}  {a['name']}  ({a['devices']} devices)" for a in items) or "no associations"
    return _print(args, {"associations": items}, text)


def _enroll_code(args) -> int:
    from hq import auth

    if args.hours <= 0:
        from hq.errors import HQError
        from sync import protocol

        raise HQError(protocol.BAD_REQUEST, "--hours must be more than 0")
    item = auth.new_enroll_code(_open(args), args.association, args.hours)
    return _print(args, item, f"{item['code']}\n(one use, valid until {item['expires_at']}; it is not shown again)")


def _device_list(args) -> int:
    from hq import admin

    items = admin.list_devices(_open(args), args.association)
    lines = [
        f"{d['id']}  {d['code']:<8} {d['name']:<20} {'REVOKED' if d['revoked_at'] else 'active'}  "
        f"last seen {d['last_seen_at'] or 'never'}  association {d['association_id']}"
        for d in items
    ]
    return _print(args, {"devices": items}, "\n".join(lines) or "no devices")


def _device_revoke(args) -> int:
    from hq import admin

    item = admin.revoke_device(_open(args), args.id)
    return _print(args, item, f"device {item['id']} ({item['code']}) revoked at {item['revoked_at']}")


def _campaign_publish(args) -> int:
    from hq import admin

    item = admin.publish_campaign(_open(args), args.name, args.starts, args.ends, args.item)
    lines = [f"campaign {item['event_id']}  {item['name']}  {item['starts_on']} → {item['ends_on']}"]
    lines += [f"  {i['code']:<8} {i['label']}  × {i['quantity']}" for i in item["items"]]
    return _print(args, item, "\n".join(lines))


def _conflicts(args) -> int:
    from hq import service

    db = _open(args)
    if args.settle:
        item = service.settle(db, args.association, args.settle, args.by or "HQ", None)
        return _print(args, item, f"{item['kind']} {item['key']} settled at {item['settled_at']}")
    found = service.findings(db, args.association, settled=args.all)
    lines = [
        f"conflict {c['key']}  {c['t']}/{c['i']}.{c['field']}: kept {c['winner_value']!r} over {c['loser_value']!r}"
        for c in found["conflicts"]
    ]
    lines += [
        f"review {r['key']}  {r['kind']}: household {r['household_id']} event {r['event_id']} "
        f"served {len(r['record_ids'])} times"
        for r in found["reviews"]
    ]
    return _print(args, found, "\n".join(lines) or "no open conflicts or review items")


def _cross_serving(args) -> int:
    import dataclasses

    from hq import cross_serving

    db = _open(args)
    if args.rebuild:
        item = cross_serving.rebuild(db)
        text = f"{item['households']} households hashed ({item['keys']} keys), {item['pairs']} pairs found"
        return _print(args, item, text)
    page = cross_serving.platform_pairs(db, args.event, args.offset, args.limit, args.association)
    lines = []
    for pair in page.pairs:
        lines.append(f"{pair.event_name or pair.event_id}  ({pair.reason})")
        lines += [
            f"  {side.association_name}  household {side.household_id}  receipt {side.receipt}  "
            f"laptop {side.device_code}  {side.served_at}"
            for side in (pair.first, pair.second)
        ]
    shown = f"pairs {page.offset + 1}-{page.offset + len(page.pairs)} of {page.total}" if page.pairs else ""
    return _print(args, dataclasses.asdict(page), "\n".join([*lines, shown]) if lines else "no family served twice")


def _audit_heads(args) -> int:
    from hq import anchors

    items = anchors.list_heads(_open(args), backwards_only=args.backwards, association_id=args.association)
    lines = []
    for item in items:
        head = f"{item['count']} entries, {item['hash'][:12]}… at {item['at']}" if item["at"] else "no head yet"
        lines.append(f"{item['code']}  {item['device_id']}  {head}")
        lines += [
            f"  went backwards at {b['at']}: HQ held {b['held_count']} ({b['held_hash'][:12]}…), "
            f"the laptop sent {b['sent_count']} ({b['sent_hash'][:12]}…)"
            for b in item["backwards"]
        ]
    empty = "no chain went backwards" if args.backwards else "no devices"
    return _print(args, {"devices": items}, "\n".join(lines) or empty)


def _recovery_key_init(args) -> int:
    from hq import anchors

    item = anchors.init_recovery_key(_open(args), args.key_file, replace=args.replace)
    text = (
        f"recovery key made; private key written to {item['key_file']} (keep it offline, never on this server)\n"
        "laptops wrap their data key for it at their next sync"
    )
    return _print(args, item, text)


def _recovery_code(args) -> int:
    from hq import anchors

    item = anchors.recovery_code(_open(args), args.device, args.key_file, args.association)
    text = f"{item['code']}\n(device {item['device_code']}: one use; `fieldapp recover --hq-code CODE` on the laptop)"
    if item["previous_code_given_at"]:
        given = item["previous_code_given_at"]
        text += f"\n(a code was already given on {given}: the same, until the laptop uses it)"
    return _print(args, item, text)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    from sqlalchemy.exc import SQLAlchemyError

    from hq.db import HQDatabaseUnusable
    from hq.errors import HQError

    try:
        return args.handler(args)
    except HQError as error:
        return _fail(args, error.code, error.detail, error.exit_code)
    except HQDatabaseUnusable as error:
        return _fail(args, "database_refused", str(error), EXIT_REFUSED)
    except SQLAlchemyError as error:
        detail = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        return _fail(args, "database_error", detail, EXIT_FAILED)
    except KeyboardInterrupt:
        return 130


def _fail(args, code: str, message: str, exit_code: int) -> int:
    sys.stderr.write(f"fieldapp-hq: {message}\n")
    if getattr(args, "json", False):
        json.dump({"error": {"code": code, "message": message, "exit_code": exit_code}}, sys.stdout)
        sys.stdout.write("\n")
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
