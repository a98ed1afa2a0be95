"""Request and answer bodies: gzip both ways (sync.protocol), the shapes HQ accepts, and their OpenAPI schemas."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal, NotRequired

from fastapi import Request, Response
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, ValidationError
from typing_extensions import TypedDict

from hq.errors import HQError
from sync import protocol

Stamp = Annotated[str, StringConstraints(pattern=r"^\d{15}-\d{5}-[^\s]{1,40}$")]
RowId = Annotated[str, StringConstraints(min_length=1, max_length=36)]
Table = Literal[protocol.SYNCED_TABLES]  # type: ignore[valid-type]


class Change(TypedDict):
    """One journal row on the wire (docs/sync-protocol.md, "A change on the wire"). Unknown keys are ignored."""

    t: Table
    i: RowId
    h: Stamp
    o: Literal["i", "u"]
    f: dict[str, Any]
    p: NotRequired[dict[str, Stamp] | None]


class EnrollRequest(BaseModel):
    code: str = Field(max_length=100)
    device_code: str = Field(max_length=40)
    device_name: str = Field(default="", max_length=200)


class PushRequest(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    from_: int = Field(alias="from", ge=1)
    to: int = Field(ge=1)
    changes: list[Change]


class SettleRequest(BaseModel):
    by: str | None = Field(default=None, max_length=200)
    note: str | None = Field(default=None, max_length=2000)


class PushAnswer(BaseModel):
    acked: int
    applied: int = 0
    conflicts: int = 0
    reviews: int = 0
    capped: list[dict] = []
    refused: list[dict] = Field(default=[], description="changes to rows of another association or to HQ's data")
    duplicate: bool = Field(default=False, description="only when the batch was applied before and not stored")


class PullAnswer(BaseModel):
    changes: list[dict]
    next: int
    more: bool


class ErrorBody(BaseModel):
    error: str
    detail: str | None = None


_ENROLL = TypeAdapter(EnrollRequest)
_SETTLE = TypeAdapter(SettleRequest)
_CHANGES = TypeAdapter(list[Change])
REQUEST_MODELS = {protocol.ENROLL: EnrollRequest, protocol.PUSH: PushRequest}


async def read_json(request: Request) -> object:
    """The request's body: gzip or plain JSON, at most MAX_BODY_BYTES once inflated (413 beyond)."""
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > protocol.MAX_BODY_BYTES:
        raise HQError(protocol.BATCH_TOO_LARGE, "body larger than 8 MiB")
    raw = await request.body()
    encoding = request.headers.get("content-encoding")
    if not (encoding and "gzip" in encoding.lower()) and len(raw) > protocol.MAX_BODY_BYTES:
        raise HQError(protocol.BATCH_TOO_LARGE, "body larger than 8 MiB")
    try:
        return protocol.decode(raw, encoding)
    except ValueError as error:
        if "too large" in str(error):
            raise HQError(protocol.BATCH_TOO_LARGE, "body larger than 8 MiB once inflated") from None
        raise HQError(protocol.BAD_REQUEST, str(error), status=400) from None


def _invalid(error: ValidationError) -> HQError:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return HQError(protocol.BAD_REQUEST, f"{where}: {first['msg']}" if where else first["msg"])


def parse_enroll(body: object) -> EnrollRequest:
    try:
        return _ENROLL.validate_python(body)
    except ValidationError as error:
        raise _invalid(error) from None


def parse_settle(body: object) -> SettleRequest:
    try:
        return _SETTLE.validate_python(body if body is not None else {})
    except ValidationError as error:
        raise _invalid(error) from None


def parse_push(body: object) -> tuple[int, int, list[dict]]:
    """(from, to, changes) of a push; 413 above MAX_BATCH changes, 422 when the body is not a batch."""
    if not isinstance(body, dict):
        raise HQError(protocol.BAD_REQUEST, "a push body is an object {from, to, changes}")
    changes = body.get("changes")
    if isinstance(changes, list) and len(changes) > protocol.MAX_BATCH:
        raise HQError(protocol.BATCH_TOO_LARGE, f"{len(changes)} changes: at most {protocol.MAX_BATCH} in one batch")
    first, last = body.get("from"), body.get("to")
    if not (isinstance(first, int) and isinstance(last, int) and 1 <= first <= last):
        raise HQError(protocol.BAD_REQUEST, "from and to: journal sequence numbers, 1 <= from <= to")
    try:
        valid = _CHANGES.validate_python(changes)
    except ValidationError as error:
        raise _invalid(error) from None
    if len(valid) != last - first + 1:
        raise HQError(protocol.BAD_REQUEST, f"changes: {len(valid)} given, from..to needs {last - first + 1}")
    return first, last, valid


def encode(request_headers, body: object) -> tuple[bytes, dict]:
    """The answer's bytes and headers: gzip when the client accepts it (every fieldapp client does)."""
    if "gzip" in (request_headers.get("accept-encoding") or "").lower():
        return protocol.encode(body), {"Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode(), {"Vary": "Accept-Encoding"}


def respond(content: bytes, headers: dict, status: int = 200) -> Response:
    return Response(content=content, status_code=status, headers=headers, media_type="application/json")


def reply(request: Request, body: object, status: int = 200) -> Response:
    return respond(*encode(request.headers, body), status=status)
