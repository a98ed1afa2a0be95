"""HQ's administration pages: laptops (enroll with a code and its QR, revoke), items to review (settle with a note),
campaigns (publish), associations and users; each table exports as CSV or XLSX with the page's filters."""

from __future__ import annotations

import datetime as dt

import segno
import sqlalchemy as sa
from fastapi import FastAPI, Form, Request
from starlette.responses import RedirectResponse, Response

from fieldapp.i18n import t
from hq import admin, auth, service
from hq import schema as s
from hq.db import Database
from hq.errors import HQError
from hq.web.accounts import WebUser
from hq.web.pages import PageRefused, check_form, confirmed, signed_in
from hq.web.render import page_language, render
from hq.web.tables import FORMATS, Column, Table, export
from sync import protocol

_ID = 40  # the longest id a form or a URL may carry (UUIDv7 is 36)


def _scope(user: WebUser, association: str | None) -> str | None:
    """The association a page lists: association staff always their own; platform staff the one asked, or all."""
    return user.association_id if not user.is_platform else (association or None)


def _answer(request: Request, user: WebUser, table: Table, fmt: str | None, template: str, **context) -> Response:
    if fmt in FORMATS:
        return export(table, table.rows, fmt, page_language(request, user))
    return render(request, template, user, table=table, **context)


def _associations(conn) -> list[sa.Row]:
    return conn.execute(sa.select(s.associations.c.id, s.associations.c.name).order_by(s.associations.c.name)).all()


def _refused(error: HQError) -> PageRefused:
    """An HQ refusal (bad or unknown input) as a page error in the user's language."""
    if error.code == protocol.NOT_FOUND:
        return PageRefused(404, "hq.web.error_not_found")
    return PageRefused(400, "hq.web.error_refused", detail=error.detail)


DEVICE_COLUMNS = [
    Column("association", "hq.web.col_association"),
    Column("code", "hq.web.col_device_code", "code"),
    Column("name", "hq.web.col_laptop"),
    Column("enrolled_at", "hq.web.col_enrolled", "time"),
    Column("last_sync", "hq.web.col_last_sync", "time"),
    Column("changes", "hq.web.col_changes", "number"),
    Column("app_version", "hq.web.col_version", "code"),
    Column("status", "hq.web.col_status"),
]


def mount(app: FastAPI, db: Database) -> None:
    @app.get("/devices", include_in_schema=False)
    def devices(request: Request, association: str | None = None, format: str | None = None):
        user = signed_in(request)
        scope = _scope(user, association)
        d, a = s.devices, s.associations
        query = sa.select(d, a.c.name.label("association")).join(a, a.c.id == d.c.association_id)
        if scope is not None:
            query = query.where(d.c.association_id == scope)
        with db.read() as conn:
            rows = conn.execute(query.order_by(a.c.name, d.c.enrolled_at)).all()
            choices = _associations(conn) if user.is_platform else []
        language = page_language(request, user)
        table = Table("laptops", DEVICE_COLUMNS)
        for row in rows:
            status = t("hq.web.revoked" if row.revoked_at else "hq.web.in_use", language)
            table.rows.append({
                "id": row.id, "association": row.association, "code": row.code, "name": row.name,
                "enrolled_at": row.enrolled_at, "last_sync": row.last_seen_at, "changes": max(0, row.next_seq - 1),
                "app_version": row.app_version, "status": status, "revoked": row.revoked_at is not None,
            })  # fmt: skip
        return _answer(request, user, table, format, "devices.html", choices=choices, chosen=scope)

    @app.post("/devices/enroll", include_in_schema=False)
    def enroll(
        request: Request,
        csrf: str = Form("", max_length=200),
        association: str = Form("", max_length=_ID),
        hours: float = Form(72.0, ge=1, le=24 * 30),
    ):
        user = signed_in(request)
        check_form(request, user, csrf)
        target = _scope(user, association)
        if not target:
            raise PageRefused(400, "hq.web.error_pick_association")
        try:
            code = auth.new_enroll_code(db, target, hours)
        except HQError as error:
            raise _refused(error) from None
        with db.read() as conn:
            name = conn.execute(sa.select(s.associations.c.name).where(s.associations.c.id == target)).scalar()
        qr = segno.make(code["code"], error="m").svg_inline(scale=6, dark="#1d2430", border=2)
        return render(request, "enroll_code.html", user, code=code, association=name, qr=qr, hours=hours)

    @app.post("/devices/{device_id}/revoke", include_in_schema=False)
    def revoke(
        request: Request, device_id: str, csrf: str = Form("", max_length=200), confirm: str = Form("", max_length=5)
    ):
        user = signed_in(request)
        check_form(request, user, csrf)
        confirmed(confirm)
        with db.read() as conn:
            owner = conn.execute(sa.select(s.devices.c.association_id).where(s.devices.c.id == device_id)).scalar()
        if owner is None or (not user.is_platform and owner != user.association_id):
            raise PageRefused(404, "hq.web.error_not_found")  # another association's laptop does not exist for them
        admin.revoke_device(db, device_id)
        return RedirectResponse("/devices", status_code=303)

    @app.get("/findings", include_in_schema=False)
    def findings(request: Request, association: str | None = None, settled: bool = False, format: str | None = None):
        user = signed_in(request)
        scope = _scope(user, association)
        found = service.findings(db, scope, settled)
        with db.read() as conn:
            names = {row.id: row.name for row in _associations(conn)}
        table = Table("to-review", FINDING_COLUMNS)
        for kind, items in (("review", found["reviews"]), ("conflict", found["conflicts"])):
            for item in items:
                owner = item.get("association_id", scope)
                table.rows.append(_finding_row(kind, item, owner, names.get(owner, ""), page_language(request, user)))
        table.rows.sort(key=lambda row: row["detected_at"] or "")
        choices = list(names.items()) if user.is_platform else []
        return _answer(request, user, table, format, "findings.html", choices=choices, chosen=scope, settled=settled)

    @app.post("/findings/{association_id}/{key}/settle", include_in_schema=False)
    def settle(
        request: Request,
        association_id: str,
        key: str,
        csrf: str = Form("", max_length=200),
        note: str = Form("", max_length=1000),
    ):
        user = signed_in(request)
        check_form(request, user, csrf)
        if not user.is_platform and association_id != user.association_id:
            raise PageRefused(404, "hq.web.error_not_found")
        if not note.strip():
            raise PageRefused(400, "hq.web.error_note_needed")
        try:
            service.settle(db, association_id, key[:200], user.name, note.strip())
        except HQError as error:
            raise _refused(error) from None
        return RedirectResponse("/findings", status_code=303)

    from hq.web import admin_lists

    admin_lists.mount(app, db)


FINDING_COLUMNS = [
    Column("association", "hq.web.col_association"),
    Column("kind", "hq.web.col_kind"),
    Column("what", "hq.web.col_what"),
    Column("detected_at", "hq.web.col_detected", "time"),
    Column("settled_at", "hq.web.col_settled", "time"),
    Column("settled_by", "hq.web.col_settled_by"),
    Column("note", "hq.web.col_note"),
]


def _named(key: str, fallback: str, language: str) -> str:
    """A table, field or review kind as people say it (its own name when no message has it)."""
    text = t(key, language)
    return fallback if text == key else text


def _finding_row(kind: str, item: dict, association_id: str, association: str, language: str) -> dict:
    if kind == "conflict":
        table = _named(f"hq.web.table_{item['t']}", item["t"], language)
        field = _named(f"export.column.{item['field']}", item["field"], language)
        what = t("hq.web.conflict_what", language, table=table, field=field)
    else:
        review = _named(f"hq.web.review_{item['kind']}", item["kind"], language)
        what = t("hq.web.review_what", language, kind=review, count=len(item.get("record_ids") or []))
    return {
        "key": item["key"], "association_id": association_id, "association": association,
        "kind": t(f"hq.web.kind_{kind}", language), "what": what,
        "detected_at": dt.datetime.fromisoformat(item["detected_at"]) if item.get("detected_at") else None,
        "settled_at": dt.datetime.fromisoformat(item["settled_at"]) if item.get("settled_at") else None,
        "settled_by": item.get("settled_by"), "note": item.get("note"),
    }  # fmt: skip
