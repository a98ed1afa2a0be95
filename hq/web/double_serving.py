"""The double-serving page: families served in one campaign by two associations. Platform staff see the pairs with
both receipts; association staff see only which of their own receipts' families were served elsewhere too."""

from __future__ import annotations

import datetime as dt

from fastapi import FastAPI, Request

from fieldapp import i18n
from hq import cross_serving, match_key
from hq.db import Database
from hq.errors import HQError
from hq.web.accounts import WebUser
from hq.web.admin_lists import campaigns
from hq.web.pages import PageRefused, signed_in
from hq.web.render import page_language, render
from hq.web.tables import FORMATS, Column, Table, export

PAGE = 50
PAIR_COLUMNS = [
    Column("campaign", "hq.web.col_campaign"),
    Column("reason", "hq.web.col_why"),
    Column("a_association", "hq.web.col_first_association"),
    Column("a_receipt", "hq.web.col_receipt", "code"),
    Column("a_device", "hq.web.col_laptop", "code"),
    Column("a_served_at", "hq.web.col_served_at", "time"),
    Column("b_association", "hq.web.col_second_association"),
    Column("b_receipt", "hq.web.col_receipt", "code"),
    Column("b_device", "hq.web.col_laptop", "code"),
    Column("b_served_at", "hq.web.col_served_at", "time"),
]
OWN_COLUMNS = [
    Column("campaign", "hq.web.col_campaign"),
    Column("receipt", "hq.web.col_receipt", "code"),
    Column("device", "hq.web.col_laptop", "code"),
    Column("served_at", "hq.web.col_served_at", "time"),
    Column("household", "hq.web.col_household", "code"),
]
COUNT_COLUMNS = [
    Column("campaign", "hq.web.col_campaign"),
    Column("pairs", "hq.web.col_pairs", "number"),
    Column("households", "hq.web.col_households_involved", "number"),
]


def _when(text: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def _pairs(db: Database, event: str | None, association: str | None, offset: int, limit: int, language: str):
    page = cross_serving.platform_pairs(db, event, offset, limit, association)
    rows = []
    for pair in page.pairs:
        row = {"campaign": pair.event_name or pair.event_id, "reason": i18n.t(f"hq.web.why_{pair.reason}", language)}
        for side, served in (("a", pair.first), ("b", pair.second)):
            row |= {f"{side}_association": served.association_name, f"{side}_receipt": served.receipt,
                    f"{side}_device": served.device_code, f"{side}_served_at": _when(served.served_at)}  # fmt: skip
        rows.append(row)
    return rows, page.total


def _own(db: Database, association: str, event: str | None, offset: int, limit: int):
    page = cross_serving.served_elsewhere(db, association, event, offset, limit)
    rows = [
        {"campaign": item.event_name or item.event_id, "receipt": item.receipt, "device": item.device_code,
         "served_at": _when(item.served_at), "household": item.household_id}
        for item in page.items
    ]  # fmt: skip
    return rows, page.total


def _all(read) -> list[dict]:
    """Every row of a listing, page after page (an export holds them all)."""
    rows, offset = [], 0
    while True:
        page, total = read(offset, cross_serving.MAX_PAGE)
        rows += page
        offset += cross_serving.MAX_PAGE
        if offset >= total:
            return rows


def mount(app: FastAPI, db: Database) -> None:
    @app.get("/double-serving", include_in_schema=False)
    def double_serving(
        request: Request, event: str | None = None, association: str | None = None, page: int = 1,
        format: str | None = None, table: str | None = None,
    ):  # fmt: skip
        user: WebUser = signed_in(request)
        language = page_language(request, user)
        event, association = event or None, (association or None) if user.is_platform else user.association_id
        if page < 1 or page > 100_000 or len(event or "") > 40 or len(association or "") > 40:
            raise PageRefused(400, "hq.web.error_filters")
        if user.is_platform:
            listing = Table("double-serving", PAIR_COLUMNS)

            def read(offset: int, limit: int):
                return _pairs(db, event, association, offset, limit, language)
        else:
            listing = Table("served-elsewhere", OWN_COLUMNS)

            def read(offset: int, limit: int):
                return _own(db, user.association_id, event, offset, limit)

        try:
            counted = cross_serving.counts(db, None if user.is_platform else user.association_id)
            summary = Table("double-serving-campaigns", COUNT_COLUMNS, part="campaigns")
            summary.rows = [{"campaign": c.event_name or c.event_id, "pairs": c.pairs, "households": c.households}
                            for c in counted]  # fmt: skip
            if format in FORMATS:
                if table == "campaigns":
                    return export(summary, summary.rows, format, language)
                return export(listing, _all(read), format, language)
            offset = (page - 1) * PAGE
            listing.rows, total = read(offset, PAGE)
        except HQError as error:
            if error.code in (match_key.MATCH_KEY_MISSING, match_key.MATCH_KEY_WRONG):
                raise PageRefused(503, "hq.web.error_match_key") from None
            raise PageRefused(400, "hq.web.error_filters") from None
        with db.read() as conn:
            choices = [(c["id"], f"{c['name']} ({c['starts_on']})") for c in campaigns(conn)]
        return render(
            request, "double_serving.html", user, listing=listing, summary=summary, total=total, page=page,
            more=offset + PAGE < total, choices=choices, chosen_event=event,
        )  # fmt: skip
