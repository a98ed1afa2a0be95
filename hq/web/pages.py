"""HQ's web pages: sign-in and sign-out, the language, the overview and freshness; sessions and CSRF checked here."""

from __future__ import annotations

import asyncio
import hmac
import math
import secrets
from urllib.parse import urlencode, urlsplit

from fastapi import FastAPI, Form, Request
from starlette.concurrency import run_in_threadpool
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import RedirectResponse, Response
from starlette.staticfiles import StaticFiles

from fieldapp import i18n
from hq import freshness, limits
from hq.db import Database
from hq.errors import HQError
from hq.web import accounts
from hq.web.accounts import WebUser
from hq.web.render import LANGUAGE_COOKIE, STATIC, page_language, render
from hq.web.tables import FORMATS, Column, Table, export

SESSION_COOKIE = "fieldapp_session"
LOGIN_COOKIE = "fieldapp_login"  # the sign-in form's CSRF token (double submit: cookie and field must match)
FAILED_SIGN_IN_PAUSE_S = 1.0  # every failed sign-in answers this much later (a script guesses slowly)
ENV_SIGNIN_PER_ADDRESS, SIGNIN_PER_ADDRESS = "FIELDAPP_HQ_SIGNIN_FAILS_PER_ADDRESS", "10/600"
ENV_SIGNIN_OVERALL, SIGNIN_OVERALL = "FIELDAPP_HQ_SIGNIN_FAILS_OVERALL", "100/60"
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


class SignInNeeded(Exception):
    """The page needs a signed-in user: answered by a redirect to the sign-in page (then back)."""


class PageRefused(Exception):
    """A page refused with a message key: 403 (not yours), 404 (no such thing), 400 (a bad form)."""

    def __init__(self, status: int, key: str, **params: object) -> None:
        super().__init__(key)
        self.status, self.key, self.params = status, key, params


def secure_cookies(request: Request) -> bool:
    """Secure cookies over HTTPS; plain HTTP only on this machine (tests, a laptop trying HQ locally)."""
    return request.url.scheme == "https" or request.url.hostname not in ("127.0.0.1", "localhost", "::1")


def signed_in(request: Request) -> WebUser:
    """The user of this request's session cookie (a disabled account or an expired session is signed out)."""
    user = accounts.session_user(request.app.state.db, request.cookies.get(SESSION_COOKIE))
    if user is None:
        raise SignInNeeded()
    return user


def check_form(request: Request, user: WebUser, csrf: str) -> None:
    """A form post must carry the session's CSRF token and come from this site."""
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.url.netloc:
        raise PageRefused(403, "hq.web.error_csrf")
    if not csrf or not hmac.compare_digest(csrf, user.csrf_token):
        raise PageRefused(403, "hq.web.error_csrf")


def confirmed(confirm: str) -> None:
    """What cannot be undone from a page (revoke a laptop, disable an account) needs its "I confirm" box ticked."""
    if confirm != "yes":
        raise PageRefused(400, "hq.web.error_confirm")


def platform_only(user: WebUser) -> None:
    if not user.is_platform:
        raise PageRefused(403, "hq.web.error_forbidden")


def _safe_next(target: str | None) -> str:
    """Only a path on this site (never //host or a scheme): the sign-in page cannot send anyone elsewhere."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _signin_guard() -> limits.Guard:
    per_address = limits._rate(ENV_SIGNIN_PER_ADDRESS, SIGNIN_PER_ADDRESS)
    return limits.Guard("sign-ins", per_address, limits._rate(ENV_SIGNIN_OVERALL, SIGNIN_OVERALL))


class PagesCompressed:
    """gzip for the pages and their static files (a 2G link); the sync API under /v1/ compresses its own bodies."""

    def __init__(self, app) -> None:
        self.app = app
        self.gzip = GZipMiddleware(app, minimum_size=800)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and not scope["path"].startswith("/v1/"):
            await self.gzip(scope, receive, send)
        else:
            await self.app(scope, receive, send)


def mount(app: FastAPI, db: Database) -> None:
    """Add the pages, their static files and their error answers to HQ's application."""
    guard = _signin_guard()
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(PagesCompressed)

    @app.middleware("http")
    async def _page_headers(request: Request, call_next):
        response = await call_next(request)
        if not request.url.path.startswith(("/v1/", "/docs")):  # /docs: FastAPI's API browser, for developers
            for name, value in SECURITY_HEADERS.items():
                response.headers.setdefault(name, value)
        return response

    @app.exception_handler(SignInNeeded)
    async def _sign_in(request: Request, _error: SignInNeeded):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        response = RedirectResponse("/login?" + _query(next=target), status_code=303)
        response.delete_cookie(SESSION_COOKIE)
        return response

    @app.exception_handler(PageRefused)
    async def _refused(request: Request, error: PageRefused):
        user = await run_in_threadpool(accounts.session_user, db, request.cookies.get(SESSION_COOKIE))
        return page_error(request, user, error.status, error.key, **error.params)

    @app.get("/login", include_in_schema=False)
    def login_page(request: Request, next: str = "/", lang: str | None = None):
        token = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(24)
        response = render(request, "login.html", None, next=_safe_next(next), login_csrf=token)
        if lang in i18n.LANGUAGES:
            response = render(
                _with_language(request, lang), "login.html", None, next=_safe_next(next), login_csrf=token
            )
            response.set_cookie(LANGUAGE_COOKIE, lang, max_age=365 * 86400, samesite="lax", httponly=True)
        response.set_cookie(
            LOGIN_COOKIE, token, httponly=True, samesite="strict", secure=secure_cookies(request), path="/login"
        )
        return response

    @app.post("/login", include_in_schema=False)
    async def login(
        request: Request,
        name: str = Form("", max_length=200),
        password: str = Form("", max_length=1000),
        csrf: str = Form("", max_length=200),
        next: str = Form("/", max_length=2000),
    ):
        address = request.client.host if request.client else "unknown"
        cookie = request.cookies.get(LOGIN_COOKIE, "")
        if not cookie or not hmac.compare_digest(cookie, csrf):
            return _login_again(request, next, "hq.web.error_login_expired", 400)
        try:
            guard.check(address)
        except HQError as error:
            minutes = math.ceil(int(error.headers.get("Retry-After", "60")) / 60)
            response = _login_again(request, next, "hq.web.error_login_throttled", 429, minutes=minutes)
            response.headers.update(error.headers)
            return response
        try:
            token, language = await run_in_threadpool(accounts.sign_in, db, name, password)
        except accounts.SignInRefused as refused:
            guard.failed(address)
            await asyncio.sleep(FAILED_SIGN_IN_PAUSE_S)
            if refused.reason == "locked":
                minutes = math.ceil((refused.until - accounts.s.utcnow()).total_seconds() / 60)
                return _login_again(request, next, "hq.web.error_login_locked", 401, minutes=max(1, minutes))
            key = "hq.web.error_login_disabled" if refused.reason == "disabled" else "hq.web.error_login_wrong"
            return _login_again(request, next, key, 401)
        response = RedirectResponse(_safe_next(next), status_code=303)
        response.set_cookie(
            SESSION_COOKIE,
            token,
            max_age=accounts.SESSION_HOURS * 3600,
            httponly=True,
            samesite="lax",
            secure=secure_cookies(request),
        )
        response.set_cookie(LANGUAGE_COOKIE, language, max_age=365 * 86400, samesite="lax", httponly=True)
        response.delete_cookie(LOGIN_COOKIE, path="/login")
        return response

    def _login_again(request: Request, next: str, key: str, status: int, **params: object) -> Response:
        token = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(24)
        response = render(
            request, "login.html", None, status=status, next=_safe_next(next), login_csrf=token,
            error=i18n.t(key, _language_of(request), **params),
        )  # fmt: skip
        response.set_cookie(
            LOGIN_COOKIE, token, httponly=True, samesite="strict", secure=secure_cookies(request), path="/login"
        )
        return response

    @app.post("/logout", include_in_schema=False)
    def logout(request: Request, csrf: str = Form("", max_length=200)):
        user = signed_in(request)
        check_form(request, user, csrf)
        accounts.sign_out(db, request.cookies.get(SESSION_COOKIE))
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(SESSION_COOKIE)
        return response

    @app.post("/language", include_in_schema=False)
    def language(
        request: Request,
        language: str = Form("fr", max_length=5),
        csrf: str = Form("", max_length=200),
        next: str = Form("/", max_length=2000),
    ):
        user = signed_in(request)
        check_form(request, user, csrf)
        chosen = accounts.set_language(db, user.id, language)
        response = RedirectResponse(_safe_next(next), status_code=303)
        response.set_cookie(LANGUAGE_COOKIE, chosen, max_age=365 * 86400, samesite="lax", httponly=True)
        return response

    @app.get("/freshness", include_in_schema=False)
    def freshness_page(request: Request, format: str | None = None):
        user = signed_in(request)
        with db.read() as conn:
            associations = freshness.freshness(conn, None if user.is_platform else user.association_id)
        if format in FORMATS:
            table = freshness_table(associations, page_language(request, user))
            return export(table, table.rows, format, page_language(request, user))
        threshold_days = freshness.silent_after().total_seconds() / 86400
        return render(
            request, "freshness.html", user, associations=associations, threshold_days=threshold_days,
            exports=Table("freshness", []).export_links(request),
        )  # fmt: skip

    @app.get("/", include_in_schema=False)
    def home(request: Request):
        signed_in(request)
        return RedirectResponse("/overview", status_code=303)

    from hq.web import admin_pages, dashboard, double_serving  # they use this module's checks

    dashboard.mount(app, db)
    double_serving.mount(app, db)
    admin_pages.mount(app, db)


async def answer_error(request: Request, status: int, key: str) -> Response:
    """The error page for an error outside a page's own code (not found, a malformed form, a server fault)."""
    user = await run_in_threadpool(accounts.session_user, request.app.state.db, request.cookies.get(SESSION_COOKIE))
    return page_error(request, user, status, key)


FRESHNESS_COLUMNS = [
    Column("association", "hq.web.col_association"),
    Column("code", "hq.web.col_device_code", "code"),
    Column("name", "hq.web.col_laptop"),
    Column("last_sync", "hq.web.col_last_sync", "time"),
    Column("changes", "hq.web.col_changes", "number"),
    Column("silent_days", "hq.web.col_silent_days", "number"),
    Column("state", "hq.web.col_status"),
    Column("app_version", "hq.web.col_version", "code"),
]


def freshness_table(associations: list[freshness.AssociationFreshness], language: str) -> Table:
    """One row per laptop, as the freshness page lists them (for its exports)."""
    table = Table("freshness", FRESHNESS_COLUMNS)
    for association in associations:
        for laptop in association.laptops:
            state = "hq.web.revoked" if laptop.revoked else ("hq.web.silent" if laptop.silent else "hq.web.in_use")
            table.rows.append({
                "association": association.name, "code": laptop.code, "name": laptop.name,
                "last_sync": laptop.last_sync, "changes": laptop.changes,
                "silent_days": round(laptop.silent_s / 86400, 1), "state": i18n.t(state, language),
                "app_version": laptop.app_version,
            })  # fmt: skip
    return table


def page_error(request: Request, user: WebUser | None, status: int, key: str, **params: object) -> Response:
    """An error as a page in the user's language (never a traceback, never an empty table)."""
    return render(
        request, "error.html", user, status=status, message=i18n.t(key, _language_of(request, user), **params)
    )


def _language_of(request: Request, user: WebUser | None = None) -> str:
    return page_language(request, user)


def _with_language(request: Request, language: str) -> Request:
    """The request as if its language cookie said `language` (the sign-in page's ?lang= link)."""
    scope = dict(request.scope)
    headers = [(k, v) for k, v in scope["headers"] if k != b"cookie"]
    cookies = {**request.cookies, LANGUAGE_COOKIE: language}
    headers.append((b"cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()).encode("latin-1")))
    scope["headers"] = headers
    return Request(scope)


def _query(**params: str) -> str:
    return urlencode(params)
