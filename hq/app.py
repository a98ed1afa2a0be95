"""The HQ web application (FastAPI): the endpoints of docs/sync-protocol.md, gzip both ways, errors as {"error"}."""

from __future__ import annotations

import logging
import os

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from pydantic import TypeAdapter
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from fieldapp import __version__
from hq import service, wire
from hq.db import ENV_DB, Database, default_url
from hq.errors import HQError
from sync import protocol

log = logging.getLogger("hq")
_ERRORS = {status: {"model": wire.ErrorBody} for status in (401, 403, 409, 413, 422, 426)}


def _check_protocol(request: Request) -> None:
    """426 for a client below HQ's minimum; no header counts as version 0."""
    raw = request.headers.get(protocol.PROTOCOL_HEADER, "0").strip()
    version = int(raw) if raw.isdigit() else 0
    if version < protocol.MIN_PROTOCOL_VERSION:
        raise HQError(
            protocol.PROTOCOL_TOO_OLD,
            "update the app: this HQ speaks a newer protocol",
            min=protocol.MIN_PROTOCOL_VERSION,
            max=protocol.PROTOCOL_VERSION,
        )


async def _answer(request: Request, work, *args) -> object:
    """Run the database work in the thread pool and encode the answer there too (gzip is CPU work)."""

    def run():
        return wire.encode(request.headers, work(*args))

    content, headers = await run_in_threadpool(run)
    return wire.respond(content, headers)


def create_app(url: str | None = None) -> FastAPI:
    """The application for one database (URL argument, else FIELDAPP_HQ_DB, else the default SQLite file)."""
    db = Database.open(url or os.environ.get(ENV_DB) or default_url(), pool_size=20)
    app = FastAPI(
        title="fieldapp HQ",
        version=__version__,
        description="Sync protocol v1 (docs/sync-protocol.md). Every request carries `Fieldapp-Protocol: 1`; "
        "bodies are gzip-compressed JSON (`Content-Encoding: gzip`), plain JSON is accepted too.",
        openapi_url="/openapi.json",
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.db = db

    @app.exception_handler(HQError)
    async def _hq_error(request: Request, error: HQError):
        return wire.reply(request, error.body(), error.status)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, error: RequestValidationError):
        first = error.errors()[0]
        detail = f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
        return wire.reply(request, {"error": protocol.BAD_REQUEST, "detail": detail}, 422)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, error: Exception):
        log.exception("%s %s failed", request.method, request.url.path)
        body = {"error": "server_error", "detail": f"{type(error).__name__}: HQ could not answer; try again later"}
        return wire.reply(request, body, 500)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException):
        code = protocol.NOT_FOUND if error.status_code == 404 else protocol.BAD_REQUEST
        return wire.reply(request, {"error": code, "detail": str(error.detail)}, error.status_code)

    @app.post(protocol.ENROLL, responses=_ERRORS, summary="Trade a one-time code for a device token")
    async def enroll(request: Request):
        _check_protocol(request)
        body = wire.parse_enroll(await wire.read_json(request))
        return await _answer(request, _enroll, db, body)

    @app.get(protocol.HELLO, responses=_ERRORS, summary="Versions, limits, the device, what to push and pull")
    async def hello(request: Request):
        _check_protocol(request)
        return await _answer(request, service.hello, db, request.headers.get("authorization"))

    @app.post(protocol.PUSH, responses={200: {"model": wire.PushAnswer}, **_ERRORS}, summary="Push a journal batch")
    async def push(request: Request):
        _check_protocol(request)
        try:
            first, last, changes = wire.parse_push(await wire.read_json(request))
        except HQError:
            await run_in_threadpool(service.check_token, db, request.headers.get("authorization"))
            raise  # a device that may not push learns that first, not what is wrong with its body
        return await _answer(request, service.push, db, request.headers.get("authorization"), first, last, changes)

    @app.get(protocol.PULL, responses={200: {"model": wire.PullAnswer}, **_ERRORS}, summary="Pull a page of changes")
    async def pull(
        request: Request,
        after: int = Query(0, ge=0),
        limit: int = Query(protocol.PULL_PAGE, ge=1, le=protocol.PULL_PAGE),
    ):
        _check_protocol(request)
        return await _answer(request, service.pull, db, request.headers.get("authorization"), after, limit)

    @app.get(protocol.CONFLICTS, responses=_ERRORS, summary="Conflicts and review items of the association")
    async def conflicts(request: Request, settled: bool = Query(False, description="include settled ones")):
        _check_protocol(request)
        return await _answer(request, service.device_findings, db, request.headers.get("authorization"), settled)

    @app.post(protocol.CONFLICTS + "/{key}/settle", responses=_ERRORS, summary="Mark a conflict or review settled")
    async def settle(request: Request, key: str):
        _check_protocol(request)
        body = wire.parse_settle(await wire.read_json(request))
        auth = request.headers.get("authorization")
        return await _answer(request, service.device_settle, db, auth, key, body.by, body.note)

    app.openapi = lambda: _openapi(app)
    return app


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
    header = {"name": protocol.PROTOCOL_HEADER, "in": "header", "required": True, "schema": {"type": "integer"}}
    for operations in schema["paths"].values():
        for operation in operations.values():
            operation.setdefault("parameters", []).append(header)
    app.openapi_schema = schema
    return schema
