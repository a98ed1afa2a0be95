"""The dashboard: the overview of a period, a campaign or an event (totals, by place with drill-down, by association,
vulnerability, size, items), and the receipts behind any figure; every table exports with the filters on screen."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from urllib.parse import urlencode

import sqlalchemy as sa
from fastapi import FastAPI, Request
from sqlalchemy.engine import Connection

from fieldapp import geo, i18n
from fieldapp.figure_rules import NO_FLAG, shown
from hq import figures, freshness
from hq import schema as s
from hq.db import Database
from hq.errors import HQError
from hq.web.accounts import WebUser
from hq.web.admin_lists import campaigns
from hq.web.pages import PageRefused, signed_in
from hq.web.render import page_language, render
from hq.web.tables import FORMATS, Column, Table, export

STATEMENT_TIMEOUT_MS = 15_000  # a figure that takes longer is an error on the page, never an empty table
EXPORT_PAGE = 500
_FILTER_KEYS = ("from", "to", "event", "association", "region", "province", "commune")


def filters_of(request: Request, user: WebUser) -> figures.Filters:
    """The page's filters from its query (the same names in every link and export); bad values are a 400 page."""
    query = request.query_params
    try:
        filters = figures.Filters(
            date_from=_date(query.get("from")),
            date_to=_date(query.get("to")),
            event_ids=tuple(e for e in query.getlist("event") if e),
            region_code=query.get("region") or None,
            province_code=query.get("province") or None,
            commune_code=query.get("commune") or None,
            association_id=(query.get("association") or None) if user.is_platform else None,
        ).check()
    except (ValueError, HQError):
        raise PageRefused(400, "hq.web.error_filters") from None
    return filters


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def scope_of(user: WebUser) -> figures.Scope:
    return figures.Scope(None if user.is_platform else user.association_id)


def link(request: Request, path: str, **changes: str | None) -> str:
    """`path` with this page's filters, some changed (None removes one)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k in _FILTER_KEYS and k not in changes]
    params += [(k, v) for k, v in changes.items() if v is not None]
    return f"{path}?{urlencode(params)}" if params else path


@contextlib.contextmanager
def figures_read(db: Database) -> Iterator[Connection]:
    """A read with a time limit on PostgreSQL; a figure that fails or runs out of time is an error page."""
    try:
        with db.read() as conn:
            if db.backend == "postgresql":
                conn.exec_driver_sql(f"SET LOCAL statement_timeout = {STATEMENT_TIMEOUT_MS}")
            yield conn
    except sa.exc.OperationalError:
        raise PageRefused(503, "hq.web.error_timeout") from None


def _place_level(filters: figures.Filters) -> str:
    if filters.province_code or filters.commune_code:
        return "commune"
    return "province" if filters.region_code else "region"


def _shown(count: figures.Count) -> tuple[str, str]:
    return shown(count.families, count.masked), shown(count.people, count.masked)


def _tables(conn: Connection, scope: figures.Scope, filters: figures.Filters, language: str) -> dict[str, Table]:
    """Every breakdown of the overview as a table (what the page shows and what its exports hold)."""
    level = _place_level(filters)
    places = Table(f"places-{level}", [
        Column("name", f"report.col_{level}" if level != "region" else "hq.web.col_region"),
        Column("code", "report.col_code", "code"), Column("families", "report.col_families", "number"),
        Column("people", "report.col_people", "number"), Column("receipts", "report.receipts", "number"),
        Column("voided", "hq.web.col_voided", "number"),
    ])  # fmt: skip
    for row in figures.by_place(conn, scope, filters, level).rows:
        families, people = _shown(row.count)
        name = row.name_ar if language == "ar" and row.name_ar else row.name_fr
        places.rows.append({
            "name": name, "code": row.code, "families": families, "people": people, "receipts": row.receipts,
            "voided": row.voided, "level": level, "bar": 0 if row.count.masked else row.count.families,
        })  # fmt: skip
    tables = {"places": places}
    if scope.platform:
        associations = Table("associations", [
            Column("name", "hq.web.col_association"), Column("families", "report.col_families", "number"),
            Column("people", "report.col_people", "number"), Column("receipts", "report.receipts", "number"),
            Column("voided", "hq.web.col_voided", "number"),
        ])  # fmt: skip
        for row in figures.by_association(conn, scope, filters).rows:
            associations.rows.append({
                "name": row.name, "id": row.association_id, "families": row.count.families,
                "people": row.count.people, "receipts": row.receipts, "voided": row.voided, "bar": row.count.families,
            })  # fmt: skip
        tables["associations"] = associations
    flags = Table("vulnerability", [
        Column("name", "report.col_flag"), Column("families", "report.col_families", "number"),
        Column("people", "report.col_people", "number"),
    ])  # fmt: skip
    for row in figures.by_vulnerability(conn, scope, filters).rows:
        families, people = _shown(row.count)
        label = i18n.t("report.none_flag", language) if row.flag == NO_FLAG else i18n.flag_name(row.flag, language)
        flags.rows.append({"name": label, "flag": row.flag, "families": families, "people": people,
                           "bar": 0 if row.count.masked else row.count.families})  # fmt: skip
    tables["vulnerability"] = flags
    sizes = Table("sizes", [
        Column("name", "report.col_size"), Column("families", "report.col_families", "number"),
        Column("people", "report.col_people", "number"),
    ])  # fmt: skip
    for row in figures.by_size(conn, scope, filters).rows:
        sizes.rows.append(
            {
                "name": i18n.t("report.size_band", language, band=row.band),
                "band": row.band,
                "families": row.count.families,
                "people": row.count.people,
                "bar": row.count.families,
            }
        )
    tables["sizes"] = sizes
    items = Table("items", [
        Column("code", "report.col_item", "code"), Column("quantity", "report.col_given", "number"),
        Column("entitled", "report.col_entitled", "number"),
    ])  # fmt: skip
    items.rows = [{"code": r.code, "quantity": r.quantity, "entitled": r.entitled, "bar": r.quantity}
                  for r in figures.items(conn, scope, filters).rows]  # fmt: skip
    tables["items"] = items
    for part, table in tables.items():
        table.part = part
    return tables


RECEIPT_COLUMNS = [
    Column("receipt", "hq.web.col_receipt", "code"),
    Column("association", "hq.web.col_association"),
    Column("device", "hq.web.col_laptop", "code"),
    Column("served_at", "hq.web.col_served_at", "time"),
    Column("event", "report.col_event"),
    Column("commune", "report.col_commune"),
    Column("state", "hq.web.col_status"),
]


def _receipt_rows(conn, scope, filters, language, names, page, page_size, **narrow) -> tuple[list[dict], bool]:
    found = figures.receipts(conn, scope, filters, page=page, page_size=page_size, **narrow)
    rows = [
        {"receipt": r.receipt, "association": names.get(r.association_id, ""), "device": r.device_code,
         "device_name": r.device_name, "served_at": r.served_at, "event": r.event_name,
         "commune": r.commune_ar if language == "ar" and r.commune_ar else r.commune_fr,
         "state": i18n.t("hq.web.voided" if r.voided else "hq.web.valid", language)}
        for r in found.rows
    ]  # fmt: skip
    return rows, found.more


def _narrowing(request: Request) -> dict:
    query = request.query_params
    voided = {"1": True, "all": None}.get(query.get("voided", ""), False)
    return {"voided": voided, "flag": query.get("flag") or None, "band": query.get("band") or None}


def mount(app: FastAPI, db: Database) -> None:
    """The overview and receipts pages; their figures are read from `app.state.read_db` (a replica, or `db`)."""
    db = app.state.read_db

    @app.get("/overview", include_in_schema=False)
    def overview(request: Request, table: str | None = None, format: str | None = None):
        user = signed_in(request)
        language = page_language(request, user)
        filters, scope = filters_of(request, user), scope_of(user)
        with figures_read(db) as conn:
            totals = figures.overview(conn, scope, filters)
            tables = _tables(conn, scope, filters, language)
            association = filters.association_id or scope.association_id
            partial = freshness.partial_associations(conn, association)
            events = _event_choices(conn, association)
            associations = _association_choices(conn) if user.is_platform else []
        if format in FORMATS and table in tables:
            return export(tables[table], tables[table].rows, format, language)
        return render(
            request, "overview.html", user, totals=totals, breakdowns=tables, filters=filters, partial=partial,
            events=events, associations=associations, level=_place_level(filters),
            link=lambda path, **changes: link(request, path, **changes), breadcrumbs=_breadcrumbs(filters, language),
        )  # fmt: skip

    @app.get("/receipts", include_in_schema=False)
    def receipts(request: Request, page: int = 1, format: str | None = None):
        user = signed_in(request)
        language = page_language(request, user)
        filters, scope, narrow = filters_of(request, user), scope_of(user), _narrowing(request)
        if page < 1 or page > 100_000:
            raise PageRefused(400, "hq.web.error_filters")
        with figures_read(db) as conn:
            names = dict(conn.execute(sa.select(s.associations.c.id, s.associations.c.name)).all())
            if not user.is_platform:
                names = {user.association_id: names.get(user.association_id, "")}
            table = Table("receipts", RECEIPT_COLUMNS)
            try:
                if format in FORMATS:
                    number, more = 1, True
                    while more:
                        rows, more = _receipt_rows(conn, scope, filters, language, names, number, EXPORT_PAGE, **narrow)
                        table.rows += rows
                        number += 1
                    return export(table, table.rows, format, language)
                table.rows, more = _receipt_rows(conn, scope, filters, language, names, page, 50, **narrow)
            except HQError:
                raise PageRefused(400, "hq.web.error_filters") from None
        return render(
            request, "receipts.html", user, table=table, page=page, more=more, narrow=narrow,
            link=lambda path, **changes: link(request, path, **changes),
            page_link=lambda number: _page_link(request, number),
        )  # fmt: skip


def _page_link(request: Request, number: int) -> str:
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "page"] + [("page", str(number))]
    return f"{request.url.path}?{urlencode(params)}"


def _event_choices(conn: Connection, association_id: str | None) -> list[tuple[str, str]]:
    """The campaigns HQ published, then (for one association) its own events; (id, "name (dates)")."""
    choices = [(c["id"], f"{c['name']} ({c['starts_on']})") for c in campaigns(conn)]
    if association_id:
        r = s.records
        own = conn.execute(
            sa.select(r.c.id, r.c.data).where(
                r.c.association_id == association_id, r.c.tbl == "events", r.c.deleted.is_(False)
            )
        ).all()
        dated = sorted(own, key=lambda row: (row.data or {}).get("starts_on") or "", reverse=True)
        choices += [(row.id, f"{(row.data or {}).get('name')} ({(row.data or {}).get('starts_on')})") for row in dated]
    return choices


def _association_choices(conn: Connection) -> list[tuple[str, str]]:
    a = s.associations
    return [(row.id, row.name) for row in conn.execute(sa.select(a.c.id, a.c.name).order_by(a.c.name))]


def _breadcrumbs(filters: figures.Filters, language: str) -> list[tuple[str, dict]]:
    """The drill-down path: (label, the place filters of that level)."""
    crumbs = [(i18n.t("hq.web.all_regions", language), {"region": None, "province": None, "commune": None})]
    if filters.region_code:
        fr, ar = geo.regions().get(filters.region_code, (filters.region_code, ""))
        crumbs.append((ar if language == "ar" and ar else fr, {"region": filters.region_code, "province": None}))
    if filters.province_code:
        fr, ar = geo.province_names(filters.province_code) or (filters.province_code, "")
        crumbs.append((ar if language == "ar" and ar else fr, {"province": filters.province_code, "commune": None}))
    return crumbs
