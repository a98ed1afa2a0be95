"""The HQ web application (FastAPI): the endpoints of docs/sync-protocol.md, gzip both ways, errors as {"error"}."""

from __future__ import annotations

import contextlib
import logging
import os

from fastapi import FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from pydantic import TypeAdapter
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from fieldapp import __version__
from hq import anchors, cross_catchup, figures, limits, service, wire
from hq.background import SoonWorker
from hq.db import ENV_DB, ENV_READ_DB, Database, default_url
from hq.errors import HQError
from hq.web import pages
from sync import protocol

log = logging.getLogger("hq")
_ERRORS = {status: {"model": wire.ErrorBody} for status in (401, 408, 413, 422, 426)}
_RETRY_AFTER = {"Retry-After": {"description": "seconds to wait", "schema": {"type": "integer", "minimum": 1}}}
_LIMITED = {429: {"model": wire.ErrorBody, "description": "too many failed attempts", "headers": _RETRY_AFTER}}
_BAD_BODY = {400: {"model": wire.ErrorBody, "description": "not gzip, not JSON, or JSON HQ does not take"}}
_MAX_VERSION_NUMBER = 999_999_999  # a bigger Fieldapp-Protocol header is not a version (counts as 0)
_GUESSES = (protocol.ENROLL_CODE_INVALID, protocol.ENROLL_CODE_EXPIRED)  # failed enrollments that count


def _check_protocol(request: Request) -> None:
    """426 for a client below HQ's minimum; no header counts as version 0."""
    raw = request.headers.get(protocol.PROTOCOL_HEADER, "0").strip()
    version = int(raw) if raw.isascii() and raw.isdigit() and int(raw) <= _MAX_VERSION_NUMBER else 0
    if version < protocol.MIN_PROTOCOL_VERSION:
        raise HQError(
            protocol.PROTOCOL_TOO_OLD,
            "update the app: this HQ speaks a newer protocol",
            min=protocol.MIN_PROTOCOL_VERSION,
            max=protocol.PROTOCOL_VERSION,
        )


def _address(request: Request) -> str:
    """The client's address (uvicorn takes it from X-Forwarded-For only when the peer is a trusted proxy)."""
    return request.client.host if request.client else "unknown"


def _app_version(request: Request) -> str | None:
    """The version in a laptop's `User-Agent: fieldapp/1.2.3` (None for another client)."""
    product, _, version = request.headers.get("user-agent", "").partition("/")
    version = version.split(" ")[0]
    return version[:40] if product == "fieldapp" and version and version.isprintable() else None


def _presents_token(authorization: str | None) -> bool:
    """A Bearer token was sent (a guess to count if unknown); no token at all costs HQ nothing and is not counted."""
    scheme, _, token = (authorization or "").partition(" ")
    return scheme.lower() == "bearer" and bool(token.strip())


async def _answer(request: Request, work, *args) -> object:
    """Run the database work in the thread pool and encode the answer there too (gzip is CPU work)."""

    def run():
        return wire.encode(request.headers, work(*args))

    content, headers = await run_in_threadpool(run)
    return wire.respond(content, headers)


def create_app(url: str | None = None) -> FastAPI:
    """The application for one database (URL argument, else FIELDAPP_HQ_DB, else the default SQLite file)."""
    db = Database.open(url or os.environ.get(ENV_DB) or default_url(), pool_size=20)
    # The dashboard's figures may be read from a PostgreSQL read replica (docs/hq.md "Growing past one machine").
    replica = os.environ.get(ENV_READ_DB)
    read_db = Database(replica, pool_size=20) if replica else db
    warmer = SoonWorker("figures-warmer", lambda: _warm(read_db), settle_s=2.0)  # pushes arriving together: one count
    matcher = SoonWorker("cross-catchup", lambda: cross_catchup.catch_up(db), settle_s=0.5)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI):
        warmer.start()
        matcher.start()
        yield
        warmer.stop()
        matcher.stop()

    app = FastAPI(
        lifespan=lifespan,
        title="fieldapp HQ",
        version=__version__,
        description="Sync protocol v1 (docs/sync-protocol.md). Every request carries `Fieldapp-Protocol: 1`; "
        "bodies are gzip-compressed JSON (`Content-Encoding: gzip`), plain JSON is accepted too.",
        openapi_url="/openapi.json",
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.db, app.state.read_db = db, read_db
    enroll_guard, token_guard = limits.enroll_guard(), limits.token_guard()

    @app.exception_handler(HQError)
    async def _hq_error(request: Request, error: HQError):
        response = wire.reply(request, error.body(), error.status)
        response.headers.update(error.headers)
        return response

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, error: RequestValidationError):
        if _is_page(request):
            return await pages.answer_error(request, 400, "hq.web.error_bad_request")
        first = error.errors()[0]
        detail = f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
        return wire.reply(request, {"error": protocol.BAD_REQUEST, "detail": detail}, 422)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, error: Exception):
        log.exception("%s %s failed", request.method, request.url.path)
        if _is_page(request):
            return await pages.answer_error(request, 500, "hq.web.error_server")
        body = {"error": "server_error", "detail": f"{type(error).__name__}: HQ could not answer; try again later"}
        return wire.reply(request, body, 500)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException):
        if _is_page(request):
            key = {404: "hq.web.error_not_found", 405: "hq.web.error_bad_request"}.get(error.status_code)
            return await pages.answer_error(request, error.status_code, key or "hq.web.error_bad_request")
        code = protocol.NOT_FOUND if error.status_code == 404 else protocol.BAD_REQUEST
        response = wire.reply(request, {"error": code, "detail": str(error.detail)}, error.status_code)
        response.headers.update(error.headers or {})  # e.g. Allow of a 405
        return response

    async def as_device(request: Request, work, *args) -> object:
        """`work(db, authorization, *args)` in the thread pool, with failed tokens counted and limited."""
        authorization = request.headers.get("authorization")
        guessed = _presents_token(authorization)
        if guessed:
            token_guard.check(_address(request))
        try:
            return await _answer(request, work, db, authorization, *args)
        except HQError as error:
            if guessed and error.code == protocol.UNAUTHORIZED:
                token_guard.failed(_address(request))
            raise

    async def body_of(request: Request) -> object:
        """The body, read only once the token is known good: a device that may not send learns it first."""
        await as_device(request, lambda db, authorization: service.check_token(db, authorization) and None)
        return await wire.read_json(request)

    @app.post(
        protocol.ENROLL,
        responses={**_ERRORS, 403: _ERRORS[401], 409: _ERRORS[401], **_BAD_BODY, **_LIMITED},
        summary="Trade a one-time code for a device token",
    )
    async def enroll(request: Request):
        _check_protocol(request)
        enroll_guard.check(_address(request))  # before the body is read
        try:
            body = wire.parse_enroll(await wire.read_json(request))
            return await _answer(request, _enroll, db, body)
        except HQError as error:
            if error.code in _GUESSES:
                enroll_guard.failed(_address(request))
            raise

    @app.get(
        protocol.HELLO, responses={**_ERRORS, **_LIMITED}, summary="Versions, limits, the device, what to push and pull"
    )
    async def hello(
        request: Request,
        audit_count: int | None = Query(None, ge=0, le=protocol.MAX_CURSOR, description="the audit chain's length"),
        audit_hash: str | None = Query(None, max_length=64, description="its last entry's hash (hex)"),
        hq_wrap: str | None = Query(None, max_length=200, description="the data-key secret sealed to HQ's key"),
    ):
        _check_protocol(request)
        sent = anchors.Sent(audit_count, audit_hash, hq_wrap)
        return await as_device(request, service.hello, sent, _app_version(request))

    @app.post(
        protocol.PUSH,
        responses={200: {"model": wire.PushAnswer}, 409: _ERRORS[401], **_ERRORS, **_BAD_BODY, **_LIMITED},
        summary="Push a journal batch",
    )
    async def push(request: Request):
        _check_protocol(request)
        first, last, changes = wire.parse_push(await body_of(request))
        answer = await as_device(request, service.push, first, last, changes)
        warmer.soon()  # the platform's figures counted again in the background, before someone opens the overview
        matcher.soon()  # and cross-association matching brought up to this push
        return answer

    @app.get(
        protocol.PULL,
        responses={200: {"model": wire.PullAnswer}, **_ERRORS, **_LIMITED},
        summary="Pull a page of changes",
    )
    async def pull(
        request: Request,
        after: int = Query(0, ge=0, le=protocol.MAX_CURSOR),
        limit: int = Query(protocol.PULL_PAGE, ge=1, le=protocol.PULL_PAGE),
    ):
        _check_protocol(request)
        return await as_device(request, service.pull, after, limit)

    @app.get(
        protocol.CONFLICTS, responses={**_ERRORS, **_LIMITED}, summary="Conflicts and review items of the association"
    )
    async def conflicts(request: Request, settled: bool = Query(False, description="include settled ones")):
        _check_protocol(request)
        return await as_device(request, service.device_findings, settled)

    @app.post(
        protocol.CONFLICTS + "/{key}/settle",
        responses={**_ERRORS, 404: _ERRORS[401], **_BAD_BODY, **_LIMITED},
        summary="Mark a conflict or review settled",
    )
    async def settle(request: Request, key: str = Path(max_length=200)):
        _check_protocol(request)
        body = wire.parse_settle(await body_of(request))
        return await as_device(request, service.device_settle, key, body.by, body.note)

    pages.mount(app, db)
    app.openapi = lambda: _openapi(app)
    return app


def _is_page(request: Request) -> bool:
    """A request for a web page (answered as HTML), not for the sync API or its description (answered as JSON)."""
    path = request.url.path
    return not (path.startswith("/v1/") or path in ("/openapi.json", "/docs"))


def _warm(db: Database) -> None:
    with db.read() as conn:
        figures.warm(conn)


def _enroll(db: Database, body: wire.EnrollRequest) -> dict:
    from hq.auth import enroll

    return enroll(db, body.code, body.device_code, body.device_name)


def _openapi(app: FastAPI) -> dict:
    """FastAPI's description, plus the request bodies (read by hand because they may be gzip)."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    bodies = {
        protocol.ENROLL: wire.EnrollRequest,
        protocol.PUSH: wire.PushRequest,
        protocol.CONFLICTS + "/{key}/settle": wire.SettleRequest,
    }
    for path, model in bodies.items():
        model_schema = TypeAdapter(model).json_schema(ref_template="#/components/schemas/{model}", mode="validation")
        components.update(model_schema.pop("$defs", {}))
        components[model.__name__] = model_schema
        schema["paths"][path]["post"]["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}}},
        }
    header = {
        "name": protocol.PROTOCOL_HEADER,
        "in": "header",
        "required": True,
        # What HQ accepts: any version from its minimum (a newer client refuses HQ itself after hello); 426 otherwise.
        "schema": {"type": "integer", "minimum": protocol.MIN_PROTOCOL_VERSION, "maximum": _MAX_VERSION_NUMBER},
        "description": f"the protocol version the client speaks ({protocol.PROTOCOL_VERSION}); 426 below "
        f"{protocol.MIN_PROTOCOL_VERSION}, when missing or not a number",
    }
    components_root = schema["components"]
    components_root["securitySchemes"] = {"device": {"type": "http", "scheme": "bearer"}}
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            operation.setdefault("parameters", []).append(header)
            if path != protocol.ENROLL:
                operation["security"] = [{"device": []}]
    app.openapi_schema = schema
    return schema
