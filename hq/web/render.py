"""Rendering HQ's pages: the Jinja2 environment, the page's language and direction, translated messages, numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from fieldapp import __version__, i18n
from hq.web.accounts import WebUser

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
LANGUAGE_COOKIE = "fieldapp_lang"
_NAMES = {"fr": "Français", "ar": "العربية", "en": "English"}

environment = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def page_language(request: Request, user: WebUser | None) -> str:
    """The signed-in user's language; before sign-in, the one picked on the sign-in page (cookie), else French."""
    if user is not None:
        return user.language if user.language in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE
    chosen = request.cookies.get(LANGUAGE_COOKIE, "")
    return chosen if chosen in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


def number(value: object, language: str) -> str:
    """12 345 in French, 12,345 in English and Arabic (Western digits, as on the laptop's paper)."""
    if value is None:
        return "—"
    if isinstance(value, str):  # already shown as it must be ("< 5" in a masked cell)
        return value
    fraction = isinstance(value, float) and not value.is_integer()
    text = f"{value:,.1f}" if fraction else f"{int(value):,}"
    return text.replace(",", "\u202f") if language == "fr" else text


def when(value: dt.datetime | None, language: str) -> str:
    """A UTC time as people read it: 2026-12-05 14:03 UTC (the same on every HQ page and export)."""
    if value is None:
        return i18n.t("hq.web.never", language)
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M") + " UTC"


def duration(seconds: float | None, language: str) -> str:
    """How long, in the largest whole unit: 9 days, 5 h, 12 min."""
    if seconds is None:
        return "—"
    if seconds >= 86400:
        return i18n.t("hq.web.days", language, n=int(seconds // 86400))
    if seconds >= 3600:
        return i18n.t("hq.web.hours", language, n=int(seconds // 3600))
    return i18n.t("hq.web.minutes", language, n=max(0, int(seconds // 60)))


def render(request: Request, template: str, user: WebUser | None, status: int = 200, **context: object) -> HTMLResponse:
    """The page in the user's language, right to left in Arabic; every form gets the session's CSRF token."""
    language = page_language(request, user)

    def t(key: str, **params: object) -> str:
        return i18n.t(key, language, **params)

    html = environment.get_template(template).render(
        request=request,
        user=user,
        language=language,
        direction="rtl" if i18n.is_right_to_left(language) else "ltr",
        languages=_NAMES,
        t=t,
        number=lambda value: number(value, language),
        when=lambda value: when(value, language),
        duration=lambda seconds: duration(seconds, language),
        csrf=user.csrf_token if user else context.pop("login_csrf", ""),
        version=__version__,
        path=request.url.path,
        **context,
    )
    response = HTMLResponse(html, status_code=status)
    response.headers["Cache-Control"] = "no-store"  # figures and names are never kept by a shared cache
    return response
