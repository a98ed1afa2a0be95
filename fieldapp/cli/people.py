"""Commands about people: households, search, volunteers, check-in and check-out."""

from __future__ import annotations

import argparse

from fieldapp.cli import paper, privacy
from fieldapp.cli.context import Context
from fieldapp.cli.output import notices_json
from fieldapp.errors import UsageMistake
from fieldapp.services import households as hh
from fieldapp.services import volunteers as vo
from fieldapp.timefmt import local_text
from fieldapp.views import HouseholdView


def add_household_options(parser: argparse.ArgumentParser, new: bool) -> None:
    """The household's fields; for a new one (`new`), --name is required, and --commune and a consent choice are
    checked by household_add (the default commune may stand in for --commune)."""
    parser.add_argument("--name", required=new, help="head of household, Latin script")
    parser.add_argument("--name-ar", help="head of household, Arabic script")
    parser.add_argument("--cin", help="national ID card number (CIN)")
    parser.add_argument("--phone", help="phone number, e.g. 0612345678")
    default = " (default: the one set by `fieldapp init --commune`)" if new else ""
    parser.add_argument("--commune", help=f"HCP code or name of the commune{default}")
    parser.add_argument("--douar", help="douar or quartier")
    parser.add_argument("--size", type=int, help="number of people in the household (default: 1 + members)")
    parser.add_argument("--flag", action="append", help="vulnerability flag (repeatable): widow, infant, ...")
    parser.add_argument("--member", action="append", help='"NAME;SEX;BIRTH_YEAR;RELATION" (repeatable)')
    parser.add_argument(
        "--consent", action="store_true", default=None, help="the head of household agreed to be registered"
    )
    parser.add_argument(
        "--no-consent",
        dest="consent",
        action="store_false",
        default=None,
        help="not yet agreed: registered without consent (`household list --without-consent`)"
        if new
        else "the household withdrew its consent",
    )
    parser.add_argument("--consent-by", help="who collected the consent")
    parser.add_argument("--notes")


def _household_input(args: argparse.Namespace) -> hh.HouseholdInput:
    members = [hh.MemberInput.parse(spec) for spec in args.member] if args.member else None
    return hh.HouseholdInput(
        head_name=args.name,
        head_name_ar=args.name_ar,
        cin=args.cin,
        phone=args.phone,
        commune=args.commune,
        douar=args.douar,
        size=args.size,
        flags=args.flag,
        consent=args.consent,
        consent_by=args.consent_by,
        notes=args.notes,
        members=members,
    )


def _show_household(ctx: Context, view: HouseholdView) -> None:
    p = ctx.printer
    p.fields(
        [
            ("id", view.id),
            ("name", view.shown_name),
            ("name_ar", view.head_name_ar),
            ("cin", view.cin),
            ("phone", view.phone),
            ("commune", f"{view.commune} / {view.commune_ar} ({view.province})"),
            ("douar", view.douar),
            ("size", view.size),
            ("flags", ", ".join(view.flags)),
            ("consent", _consent_text(view)),
            ("anonymised", local_text(view.anonymised_at) or None),
            ("notes", view.notes),
        ]
    )
    if view.members:
        p.line()
        p.table(
            ["member", "sex", "birth_year", "relation"],
            [[m.name, m.sex, m.birth_year, m.relation] for m in view.members],
        )


def _consent_text(view: HouseholdView) -> str | None:
    if not view.consent_at:
        return None
    by = ", ".join(filter(None, (view.consent_by, view.consent_version and f"v{view.consent_version}")))
    return f"{view.consent_at:%Y-%m-%d} ({by or '—'})"


def _print_households(ctx: Context, rows: list[HouseholdView]) -> None:
    if ctx.printer.as_json:
        ctx.printer.json(rows)
        return
    ctx.printer.table(
        ["id", "name", "name_ar", "cin", "phone", "commune", "size"],
        [[h.id, h.shown_name, h.head_name_ar, h.cin, h.phone, h.commune, h.size] for h in rows],
    )


def household_add(ctx: Context, args: argparse.Namespace) -> int:
    """Exit 2 (a usage mistake, as argparse's) without the consent choice, or without --commune when no default
    commune is set; nothing is written then."""
    if args.consent is None:
        raise UsageMistake("error.consent_option_required")
    if not args.commune:
        from fieldapp.services import setup

        args.commune = setup.current_settings(ctx.db)["default_commune"]
        if not args.commune:
            raise UsageMistake("error.commune_option_required")
    outcome = hh.register_household(ctx.db, _household_input(args), actor=ctx.actor)
    return _after_household_change(ctx, outcome)


def household_update(ctx: Context, args: argparse.Namespace) -> int:
    outcome = hh.update_household(ctx.db, args.household, _household_input(args), actor=ctx.actor)
    return _after_household_change(ctx, outcome)


def _after_household_change(ctx: Context, outcome) -> int:
    if ctx.printer.as_json:
        ctx.printer.json({**outcome.value.as_dict(), "warnings": notices_json(outcome.notices)})
    else:
        ctx.printer.notices(outcome.notices)
        _show_household(ctx, outcome.value)
    return 0


def household_delete(ctx: Context, args: argparse.Namespace) -> int:
    outcome = hh.delete_household(ctx.db, args.household, args.reason, actor=ctx.actor)
    ctx.printer.json(outcome.value) if ctx.printer.as_json else ctx.printer.line(outcome.value.id)
    return 0


def household_show(ctx: Context, args: argparse.Namespace) -> int:
    view = hh.get_household(ctx.db, args.household)
    ctx.printer.json(view) if ctx.printer.as_json else _show_household(ctx, view)
    return 0


def household_list(ctx: Context, args: argparse.Namespace) -> int:
    rows = hh.list_households(
        ctx.db,
        limit=args.limit,
        offset=args.offset,
        commune=args.commune,
        flag=args.flag,
        served_at_event=args.served,
        not_served_at_event=args.not_served,
        consent=False if args.without_consent else None,
    )
    _print_households(ctx, rows)
    return 0


def search(ctx: Context, args: argparse.Namespace) -> int:
    _print_households(ctx, hh.search_households(ctx.db, args.text, limit=args.limit, offset=args.offset))
    return 0


def _after_volunteer_change(ctx: Context, outcome) -> int:
    if ctx.printer.as_json:
        ctx.printer.json({**outcome.value.as_dict(), "warnings": notices_json(outcome.notices)})
    else:
        ctx.printer.notices(outcome.notices)
        v = outcome.value
        ctx.printer.fields([("id", v.id), ("name", v.name), ("phone", v.phone), ("active", v.active)])
    return 0


def volunteer_add(ctx: Context, args: argparse.Namespace) -> int:
    outcome = vo.register_volunteer(ctx.db, args.name, args.name_ar, args.phone, args.cin, actor=ctx.actor)
    return _after_volunteer_change(ctx, outcome)


def volunteer_edit(ctx: Context, args: argparse.Namespace) -> int:
    outcome = vo.update_volunteer(
        ctx.db, args.volunteer, args.name, args.name_ar, args.phone, args.cin, actor=ctx.actor
    )
    return _after_volunteer_change(ctx, outcome)


def volunteer_deactivate(ctx: Context, args: argparse.Namespace) -> int:
    return _after_volunteer_change(ctx, vo.deactivate_volunteer(ctx.db, args.volunteer, actor=ctx.actor))


def volunteer_reactivate(ctx: Context, args: argparse.Namespace) -> int:
    return _after_volunteer_change(ctx, vo.reactivate_volunteer(ctx.db, args.volunteer, actor=ctx.actor))


def volunteer_list(ctx: Context, args: argparse.Namespace) -> int:
    rows = vo.list_volunteers(ctx.db, include_inactive=args.all)
    if ctx.printer.as_json:
        ctx.printer.json(rows)
    else:
        ctx.printer.table(
            ["id", "name", "name_ar", "phone", "active"], [[v.id, v.name, v.name_ar, v.phone, v.active] for v in rows]
        )
    return 0


def _attendance(ctx: Context, outcome) -> int:
    a = outcome.value
    if ctx.printer.as_json:
        ctx.printer.json(a)
    else:
        ctx.printer.fields(
            [
                ("name", a.volunteer_name),
                ("check_in", local_text(a.check_in)),
                ("check_out", local_text(a.check_out) or None),
                ("hours", a.hours),
            ]
        )
    return 0


def checkin(ctx: Context, args: argparse.Namespace) -> int:
    return _attendance(ctx, vo.check_in(ctx.db, args.volunteer, args.event, actor=ctx.actor))


def checkout(ctx: Context, args: argparse.Namespace) -> int:
    return _attendance(ctx, vo.check_out(ctx.db, args.volunteer, args.event, actor=ctx.actor))


def register(commands) -> None:
    """Add this module's commands to the top-level sub-parsers."""
    household = commands.add_parser("household", help="register, show, list and update households")
    sub = household.add_subparsers(dest="action", required=True, metavar="add|show|list|update|delete|export-data|card")
    add = sub.add_parser("add", help="register a household")
    add_household_options(add, new=True)
    add.set_defaults(handler=household_add)
    show = sub.add_parser("show", help="one household with its members")
    show.add_argument("household", help="id, id prefix or CIN")
    show.set_defaults(handler=household_show)
    listing = sub.add_parser("list", help="households by name")
    listing.add_argument("--commune")
    listing.add_argument("--flag")
    listing.add_argument("--served", metavar="EVENT", help="only households served at this event")
    listing.add_argument("--not-served", metavar="EVENT", help="only households not yet served at this event")
    listing.add_argument(
        "--without-consent", action="store_true", help="only households whose consent is still to be collected"
    )
    listing.add_argument("--limit", type=int, default=50)
    listing.add_argument("--offset", type=int, default=0)
    listing.set_defaults(handler=household_list)
    update = sub.add_parser("update", help="change the given fields (members are replaced when given)")
    update.add_argument("household", help="id, id prefix or CIN")
    add_household_options(update, new=False)
    update.set_defaults(handler=household_update)
    delete = sub.add_parser("delete", help="remove a household from lists (kept for history)")
    delete.add_argument("household")
    delete.add_argument("--reason", required=True)
    delete.set_defaults(handler=household_delete)
    privacy.add_export_data(sub)
    paper.add_household_card(sub)

    found = commands.add_parser("search", help="find households by name (Latin or Arabic), CIN, phone or receipt")
    found.add_argument("text")
    found.add_argument("--limit", type=int, default=20)
    found.add_argument("--offset", type=int, default=0)
    found.set_defaults(handler=search)

    volunteer = commands.add_parser("volunteer", help="the volunteer roster")
    vsub = volunteer.add_subparsers(dest="action", required=True, metavar="add|list|edit|deactivate|reactivate")
    vadd = vsub.add_parser("add", help="register a volunteer")
    vadd.add_argument("--name", required=True)
    vadd.add_argument("--name-ar")
    vadd.add_argument("--phone")
    vadd.add_argument("--cin")
    vadd.set_defaults(handler=volunteer_add)
    vlist = vsub.add_parser("list", help="the active volunteers")
    vlist.add_argument("--all", action="store_true", help="deactivated volunteers too")
    vlist.set_defaults(handler=volunteer_list)
    vedit = vsub.add_parser("edit", help="change the fields given (an empty text clears an optional one)")
    vedit.add_argument("volunteer", help="id, name or phone")
    vedit.add_argument("--name")
    vedit.add_argument("--name-ar")
    vedit.add_argument("--phone")
    vedit.add_argument("--cin")
    vedit.set_defaults(handler=volunteer_edit)
    for name, handler, text in (
        ("deactivate", volunteer_deactivate, "take off the roster and check-in (kept, with past attendance)"),
        ("reactivate", volunteer_reactivate, "put a deactivated volunteer back on the roster"),
    ):
        cmd = vsub.add_parser(name, help=text)
        cmd.add_argument("volunteer", help="id, name or phone")
        cmd.set_defaults(handler=handler)

    for name, handler, text in (
        ("checkin", checkin, "check a volunteer in"),
        ("checkout", checkout, "check a volunteer out"),
    ):
        cmd = commands.add_parser(name, help=text)
        cmd.add_argument("volunteer", help="id, name or phone")
        cmd.add_argument("--event", required=True)
        cmd.set_defaults(handler=handler)
