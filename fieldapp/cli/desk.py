"""Commands for the distribution day: set-up, demo data, events, handing out, voids and exports."""

from __future__ import annotations

import argparse

from fieldapp.cli.context import Context
from fieldapp.cli.output import distribution_fields
from fieldapp.errors import BadData
from fieldapp.i18n import LANGUAGES, t
from fieldapp.rules import parse_item
from fieldapp.services import distributions as ds
from fieldapp.services import events as ev
from fieldapp.services import setup
from fieldapp.timefmt import local_text
from fieldapp.views import DistributionView, EventView


def init(ctx: Context, args: argparse.Namespace) -> int:
    """Set the laptop up: the first time, `--user` becomes its first coordinator (an old plain record is encrypted
    then) and the recovery key is shown once; later, the same command run by a coordinator renames the association."""
    ctx.user, ctx.password = args.user or ctx.user, args.password
    commune = setup.default_commune_code(args.commune)  # an unknown commune is refused before anything is written
    recovery_key = ctx.secure_new_folder()
    outcome = setup.initialise(
        ctx.db, args.association, args.device, args.language or "fr", operator=ctx.actor, default_commune=commune
    )
    identity = outcome.value
    commune = setup.current_settings(ctx.db)["default_commune"]
    if ctx.printer.as_json:
        shown = {"id": identity.association_id, **identity.__dict__, "default_commune": commune}
        ctx.printer.json({**shown, "recovery_key": recovery_key})
        return 0
    ctx.printer.fields(
        [
            ("association", identity.association_name),
            ("device", identity.device_code),
            ("id", identity.association_id),
            ("default_commune", _commune_text(commune)),
        ]
    )
    if recovery_key:
        ctx.printer.line(t("cli.recovery_key_shown", recovery_key=recovery_key))
    return 0


def _commune_text(code: str | None) -> str | None:
    from fieldapp import geo

    return geo.all_communes()[code].label() if code else None


def demo(ctx: Context, args: argparse.Namespace) -> int:
    from fieldapp.services import accounts
    from fieldapp.services.demo import generate_demo

    # A new folder: the demo's coordinator is whoever --user or the environment names, else the demo account.
    ctx.secure_new_folder(accounts.DEMO_USER, accounts.DEMO_PASSWORD)
    setup.initialise_demo_if_new(ctx.db)
    summary = generate_demo(ctx.db, households=args.households, seed=args.seed, actor=ctx.actor)
    counts = {
        "households": summary.households,
        "volunteers": summary.volunteers,
        "events": len(summary.event_ids),
        "distributions": summary.distributions,
    }
    if ctx.printer.as_json:
        ctx.printer.json({**summary.as_dict(), **counts})
    else:
        ctx.printer.line(t("cli.demo_done", **counts))
    return 0


def leave_demo(ctx: Context, args: argparse.Namespace) -> int:
    """A demo laptop becomes a new one (`fieldapp init` next): its record and keys set aside in the data folder."""
    from fieldapp.errors import Refused
    from fieldapp.services import leave_demo as leaving

    leaving.check_can_leave(ctx.db)
    if not args.yes:
        raise Refused("error.leave_demo_confirm")
    archive = leaving.leave_demo(ctx.db, actor=ctx.actor)  # closes the database (closing it again is harmless)
    if ctx.printer.as_json:
        ctx.printer.json(archive.as_dict())
    else:
        ctx.printer.line(t("cli.demo_left", folder=str(archive.folder)))
    return 0


def _show_event(ctx: Context, event: EventView) -> None:
    ctx.printer.fields(
        [
            ("id", event.id),
            ("event", event.name),
            ("date", f"{event.starts_on} → {event.ends_on}"),
            ("site", event.site),
        ]
    )
    ctx.printer.table(
        ["code", "item", "quantity", "rule"],
        [[i.code, i.label, i.quantity, i.rule + (f" ({i.only_flag})" if i.only_flag else "")] for i in event.items],
    )


def event_create(ctx: Context, args: argparse.Namespace) -> int:
    items = [parse_item(spec) for spec in args.item or []]
    outcome = ev.create_event(
        ctx.db,
        args.name,
        args.date,
        items,
        ends_on=args.end_date,
        site=args.site,
        commune=args.commune,
        actor=ctx.actor,
    )
    ctx.printer.json(outcome.value) if ctx.printer.as_json else _show_event(ctx, outcome.value)
    return 0


def event_list(ctx: Context, args: argparse.Namespace) -> int:
    events = ev.list_events(ctx.db)
    if ctx.printer.as_json:
        ctx.printer.json(events)
    else:
        ctx.printer.table(
            ["id", "event", "date", "site", "items"],
            [[e.id, e.name, e.starts_on, e.site, ", ".join(i.code for i in e.items)] for e in events],
        )
    return 0


def event_show(ctx: Context, args: argparse.Namespace) -> int:
    event = ev.get_event(ctx.db, args.event)
    ctx.printer.json(event) if ctx.printer.as_json else _show_event(ctx, event)
    return 0


def entitlement(ctx: Context, args: argparse.Namespace) -> int:
    preview = ds.preview(ctx.db, args.event, args.household)
    if ctx.printer.as_json:
        ctx.printer.json(
            {
                "event": preview.event,
                "household": preview.household,
                "lines": preview.lines,
                "already_served": preview.already_served,
            }
        )
        return 0
    ctx.printer.fields(
        [
            ("name", preview.household.head_name),
            ("name_ar", preview.household.head_name_ar),
            ("size", preview.household.size),
            ("flags", ", ".join(preview.household.flags)),
        ]
    )
    ctx.printer.table(["code", "item", "entitled"], [[line.code, line.label, line.entitled] for line in preview.lines])
    if preview.already_served:
        served = preview.already_served
        ctx.printer.line(t("cli.already_served", receipt=served.receipt, when=local_text(served.served_at)))
    return 0


def _quantities(specs: list[str] | None) -> dict[str, int] | None:
    if not specs:
        return None
    result = {}
    for spec in specs:
        code, _, qty = spec.partition("=")
        if not code or not qty.strip().isdigit():
            raise BadData("error.give_invalid", give=spec)
        result[code.strip().upper()] = int(qty)
    return result


def _show_distribution(ctx: Context, d: DistributionView) -> None:
    ctx.printer.fields(distribution_fields(d))


def distribute(ctx: Context, args: argparse.Namespace) -> int:
    outcome = ds.record_distribution(
        ctx.db,
        args.event,
        args.household,
        collector=args.collector,
        override_reason=args.override_reason,
        quantities=_quantities(args.give),
        deviation_reason=args.deviation_reason,
        handed_out_by=args.by,
        actor=ctx.actor,
    )
    d = outcome.value
    if ctx.printer.as_json:
        ctx.printer.json({**d.as_dict(), "id": d.id, "receipt": d.receipt})
    else:
        ctx.printer.line(d.receipt)
    return 0


def void(ctx: Context, args: argparse.Namespace) -> int:
    outcome = ds.void_distribution(ctx.db, args.receipt, args.reason, actor=ctx.actor)
    ctx.printer.json(outcome.value) if ctx.printer.as_json else _show_distribution(ctx, outcome.value)
    return 0


def receipt_show(ctx: Context, args: argparse.Namespace) -> int:
    d = ds.get_by_receipt(ctx.db, args.receipt)
    ctx.printer.json(d) if ctx.printer.as_json else _show_distribution(ctx, d)
    return 0


def export(ctx: Context, args: argparse.Namespace) -> int:
    from pathlib import Path

    from fieldapp.services.export import FORMATS, export_records
    from fieldapp.services.household_query import HouseholdQuery

    suffix = Path(args.output).suffix.lower().lstrip(".")
    fmt = args.format or (suffix if suffix in FORMATS else "csv")  # -o foyers.xlsx writes XLSX
    query = None
    if any((args.search, args.commune, args.flag, args.served, args.not_served, args.without_consent)):
        query = HouseholdQuery(
            text=args.search or "",
            commune=args.commune,
            flag=args.flag,
            event=args.served or args.not_served,
            served=bool(args.served),
            without_consent=args.without_consent,
        )
    outcome = export_records(ctx.db, args.kind, fmt, args.output, households=query, event=args.event, actor=ctx.actor)
    count = outcome.value
    if ctx.printer.as_json:
        ctx.printer.json({"kind": args.kind, "format": fmt, "path": args.output, "count": count})
    else:
        ctx.printer.line(t("cli.exported", count=count, path=args.output))
    return 0


def register(commands) -> None:
    cmd = commands.add_parser("init", help="set this laptop up for an association")
    cmd.add_argument("--association", required=True, help="association name")
    cmd.add_argument("--device", required=True, help="short device code, starts every receipt number")
    cmd.add_argument("--language", choices=LANGUAGES)
    cmd.add_argument("--user", help="the first coordinator's name (the first time); later, who logs in")
    cmd.add_argument("--password", help="their password (asked twice at a terminal when left out)")
    cmd.add_argument(
        "--commune", help="default commune of new households (HCP code or name); run init again to change it"
    )
    cmd.set_defaults(handler=init)

    cmd = commands.add_parser("demo", help="fill the database with realistic demo data")
    cmd.add_argument("--households", type=int, default=200)
    cmd.add_argument("--seed", type=int, default=1)
    cmd.set_defaults(handler=demo)

    cmd = commands.add_parser(
        "leave-demo", help="set the demo data aside (moved to demo-archive-*/ in the data folder) for a real set-up"
    )
    cmd.add_argument("--yes", action="store_true", help="do it (without: say what would happen, change nothing)")
    cmd.set_defaults(handler=leave_demo)

    event = commands.add_parser("event", help="distribution events and their items")
    sub = event.add_subparsers(dest="action", required=True, metavar="create|list|show")
    create = sub.add_parser("create", help="create an event")
    create.add_argument("--name", required=True)
    create.add_argument("--date", required=True, help="YYYY-MM-DD")
    create.add_argument("--end-date", help="YYYY-MM-DD (default: same day)")
    create.add_argument("--site")
    create.add_argument("--commune")
    create.add_argument(
        "--item",
        action="append",
        required=True,
        help='"CODE:LABEL:QTY[:per-member|:bands=1-3/1,4-6/2,7+/3][:only=FLAG][:stock=N]"',
    )
    create.set_defaults(handler=event_create)
    sub.add_parser("list", help="all events").set_defaults(handler=event_list)
    show = sub.add_parser("show", help="one event with its items")
    show.add_argument("event")
    show.set_defaults(handler=event_show)

    for name, handler, text in (
        ("distribute", distribute, "hand out to a household; prints the receipt number"),
        ("entitlement", entitlement, "what a household gets at an event, before confirming"),
    ):
        cmd = commands.add_parser(name, help=text)
        cmd.add_argument("--event", required=True)
        cmd.add_argument("--household", required=True, help="id, id prefix or CIN")
        cmd.set_defaults(handler=handler)
        if handler is distribute:
            cmd.add_argument("--collector", help="name of the person collecting for the household (proxy)")
            cmd.add_argument("--override-reason", help="serve again although already served (coordinator)")
            cmd.add_argument("--give", action="append", metavar="CODE=QTY", help="a quantity other than entitled")
            cmd.add_argument("--deviation-reason", help="why quantities differ from the entitlement")
            cmd.add_argument("--by", help="volunteer or staff member handing out")

    cmd = commands.add_parser("void", help="cancel a distribution with a reason")
    cmd.add_argument("receipt")
    cmd.add_argument("--reason", required=True)
    cmd.set_defaults(handler=void)

    cmd = commands.add_parser("receipt-show", help="the distribution behind a receipt number")
    cmd.add_argument("receipt")
    cmd.set_defaults(handler=receipt_show)

    cmd = commands.add_parser("export", help="write households, distributions or attendance to a file")
    cmd.add_argument("kind", choices=["households", "distributions", "attendance"])
    cmd.add_argument(
        "--format", choices=["csv", "xlsx", "json"], help="default: from the file's extension (.xlsx, .json), else csv"
    )
    cmd.add_argument("-o", "--output", required=True)
    cmd.add_argument("--event", help="distributions, attendance: only this event's (id or name)")
    shown = cmd.add_argument_group("households, as the Households page shows them (a search ignores the filters)")
    shown.add_argument("--search", metavar="TEXT", help="households matching a name, CIN, phone or receipt")
    shown.add_argument("--commune", help="HCP code or name of the commune")
    shown.add_argument("--flag", help="vulnerability flag: widow, infant, ...")
    served = shown.add_mutually_exclusive_group()
    served.add_argument("--served", metavar="EVENT", help="only households served at this event")
    served.add_argument("--not-served", metavar="EVENT", help="only households not yet served at this event")
    shown.add_argument(
        "--without-consent", action="store_true", help="only households whose consent is still to be collected"
    )
    cmd.set_defaults(handler=export)
