"""HQ's reference pages: campaigns (listed for all, published by platform staff), associations and users (platform)."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from fastapi import FastAPI, Form, Request
from starlette.responses import RedirectResponse

from fieldapp.i18n import t
from hq import admin
from hq import schema as s
from hq.db import Database
from hq.errors import HQError
from hq.web import accounts
from hq.web.admin_pages import _answer, _refused
from hq.web.pages import PageRefused, check_form, confirmed, platform_only, signed_in
from hq.web.render import page_language
from hq.web.tables import Column, Table
from sync import protocol

CAMPAIGN_COLUMNS = [
    Column("name", "hq.web.col_campaign"),
    Column("starts_on", "hq.web.col_starts"),
    Column("ends_on", "hq.web.col_ends"),
    Column("items", "hq.web.col_items"),
    Column("id", "hq.web.col_id", "code"),
]
ASSOCIATION_COLUMNS = [
    Column("name", "hq.web.col_association"),
    Column("devices", "hq.web.col_devices", "number"),
    Column("created_at", "hq.web.col_created", "time"),
    Column("id", "hq.web.col_id", "code"),
]
USER_COLUMNS = [
    Column("name", "hq.web.col_user"),
    Column("role", "hq.web.col_role"),
    Column("association", "hq.web.col_association"),
    Column("language", "hq.web.col_language"),
    Column("state", "hq.web.col_status"),
    Column("created_at", "hq.web.col_created", "time"),
]


def campaigns(conn) -> list[dict]:
    """The campaigns HQ published (events of every association), newest first, with their items."""
    r = s.records
    published = sa.and_(r.c.association_id == protocol.EVERY_ASSOCIATION, r.c.deleted.is_(False))
    events = conn.execute(sa.select(r.c.id, r.c.data).where(published, r.c.tbl == "events")).all()
    items: dict[str, list[str]] = {}
    for row in conn.execute(sa.select(r.c.data).where(published, r.c.tbl == "event_items")):
        data = row.data or {}
        items.setdefault(data.get("event_id"), []).append(f"{data.get('label')} × {data.get('quantity')}")
    found = [
        {"id": row.id, "name": (row.data or {}).get("name"), "starts_on": (row.data or {}).get("starts_on"),
         "ends_on": (row.data or {}).get("ends_on"), "items": ", ".join(items.get(row.id, []))}
        for row in events
    ]  # fmt: skip
    return sorted(found, key=lambda c: c["starts_on"] or "", reverse=True)


def _check_campaign(starts: str, ends: str, lines: list[str]) -> None:
    """The campaign form's mistakes in the user's language (admin.publish_campaign checks them again)."""
    try:
        starts_on, ends_on = dt.date.fromisoformat(starts), dt.date.fromisoformat(ends)
    except ValueError:
        raise PageRefused(400, "hq.web.error_campaign_dates") from None
    if ends_on < starts_on:
        raise PageRefused(400, "hq.web.error_campaign_order")
    if not lines:
        raise PageRefused(400, "hq.web.error_campaign_item", line="")
    for line in lines:
        try:
            admin.parse_item(line)
        except HQError:
            raise PageRefused(400, "hq.web.error_campaign_item", line=line) from None


def mount(app: FastAPI, db: Database) -> None:
    @app.get("/campaigns", include_in_schema=False)
    def campaign_list(request: Request, format: str | None = None):
        user = signed_in(request)
        with db.read() as conn:
            table = Table("campaigns", CAMPAIGN_COLUMNS, campaigns(conn))
        return _answer(request, user, table, format, "campaigns.html", today=dt.date.today().isoformat())

    @app.post("/campaigns", include_in_schema=False)
    def publish(
        request: Request,
        csrf: str = Form("", max_length=200),
        name: str = Form("", max_length=200),
        starts: str = Form("", max_length=20),
        ends: str = Form("", max_length=20),
        items: str = Form("", max_length=5000),
    ):
        user = signed_in(request)
        check_form(request, user, csrf)
        platform_only(user)
        lines = [line.strip() for line in items.splitlines() if line.strip()]
        _check_campaign(starts, ends, lines)
        try:
            admin.publish_campaign(db, name, starts, ends, lines)
        except HQError as error:
            raise _refused(error) from None
        return RedirectResponse("/campaigns", status_code=303)

    @app.get("/associations", include_in_schema=False)
    def association_list(request: Request, format: str | None = None):
        user = signed_in(request)
        platform_only(user)
        rows = [{**a, "created_at": dt.datetime.fromisoformat(a["created_at"])} for a in admin.list_associations(db)]
        return _answer(request, user, Table("associations", ASSOCIATION_COLUMNS, rows), format, "associations.html")

    @app.post("/associations", include_in_schema=False)
    def association_add(request: Request, csrf: str = Form("", max_length=200), name: str = Form("", max_length=200)):
        user = signed_in(request)
        check_form(request, user, csrf)
        platform_only(user)
        try:
            admin.add_association(db, name)
        except HQError as error:
            raise _refused(error) from None
        return RedirectResponse("/associations", status_code=303)

    @app.get("/users", include_in_schema=False)
    def user_list(request: Request, format: str | None = None):
        user = signed_in(request)
        platform_only(user)
        language = page_language(request, user)
        with db.read() as conn:
            names = {row.id: row.name for row in conn.execute(sa.select(s.associations.c.id, s.associations.c.name))}
        rows = []
        for item in accounts.list_users(db):
            state = "disabled" if item["disabled_at"] else ("locked" if item["locked_until"] else "active")
            rows.append({
                **item, "association": names.get(item["association_id"], "—"),
                "role": t(f"hq.web.role_{item['role']}", language), "state": t(f"hq.web.state_{state}", language),
                "created_at": dt.datetime.fromisoformat(item["created_at"]), "active": state != "disabled",
            })  # fmt: skip
        table = Table("users", USER_COLUMNS, rows)
        return _answer(request, user, table, format, "users.html", choices=sorted(names.items(), key=lambda i: i[1]))

    @app.post("/users", include_in_schema=False)
    def user_add(
        request: Request,
        csrf: str = Form("", max_length=200),
        name: str = Form("", max_length=80),
        role: str = Form("association", max_length=20),
        association: str = Form("", max_length=40),
        password: str = Form("", max_length=1000),
        language: str = Form("fr", max_length=5),
    ):
        user = signed_in(request)
        check_form(request, user, csrf)
        platform_only(user)
        try:
            accounts.add_user(db, name, role, password, association or None, language)
        except HQError as error:
            raise _refused(error) from None
        return RedirectResponse("/users", status_code=303)

    @app.post("/users/{name}/disable", include_in_schema=False)
    def user_disable(
        request: Request, name: str, csrf: str = Form("", max_length=200), confirm: str = Form("", max_length=5)
    ):
        user = signed_in(request)
        check_form(request, user, csrf)
        confirmed(confirm)
        platform_only(user)
        try:
            accounts.disable_user(db, name)
        except HQError as error:
            raise _refused(error) from None
        return RedirectResponse("/users", status_code=303)
