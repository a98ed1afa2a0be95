"""Request and answer bodies: gzip both ways (sync.protocol), the shapes HQ accepts, and their OpenAPI schemas."""

from __future__ import annotations

import asyncio
import json
import math
import os
import re
import weakref
import zlib
from typing import Annotated, Any, Literal, NotRequired

from fastapi import Request, Response
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect
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
    device_code: str = Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.]{1,40}$")
    device_name: str = Field(default="", max_length=200)


Seq = Annotated[int, Field(ge=1, le=protocol.MAX_CURSOR)]


class PushRequest(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    from_: Seq = Field(alias="from", description="first journal seq of the batch (from <= to)")
    to: Seq = Field(description="last journal seq: to - from + 1 changes")
    changes: list[Change] = Field(min_length=1, max_length=protocol.MAX_BATCH)


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


BODY_DEADLINE_S = float(os.environ.get("FIELDAPP_HQ_BODY_DEADLINE_S", protocol.BODY_DEADLINE_S))
BODY_STALL_S = float(os.environ.get("FIELDAPP_HQ_BODY_STALL_S", protocol.BODY_STALL_S))
# Bodies one worker reads (and parses) at once, each up to MAX_BODY_BYTES: the others wait, unread, in their sockets.
BODY_SLOTS = int(os.environ.get("FIELDAPP_HQ_BODY_SLOTS", "8"))
_BODY_SLOTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # event loop -> its semaphore
_THREAD_ABOVE = 64 * 1024  # bigger bodies are parsed in the thread pool, off the event loop
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


async def read_json(request: Request, limit: int = protocol.MAX_BODY_BYTES) -> object:
    """The request's body, gzip or plain JSON, read with its limits while it arrives.

    413 once the bytes received, or the bytes inflated so far, pass `limit` (nothing is inflated beyond it); 408 when
    the body takes longer than BODY_DEADLINE_S or stays silent BODY_STALL_S; 400 when it is not gzip or not JSON, or
    is JSON HQ does not take (NaN, Infinity, deeper than MAX_JSON_DEPTH, a lone surrogate).
    """
    length = request.headers.get("content-length", "").strip()
    if length.isdigit() and int(length) > limit:
        raise HQError(protocol.BATCH_TOO_LARGE, f"body of {length} bytes: at most {limit}")
    loop = asyncio.get_running_loop()
    deadline = loop.time() + BODY_DEADLINE_S
    slots = _BODY_SLOTS.setdefault(loop, asyncio.Semaphore(BODY_SLOTS))
    try:
        await asyncio.wait_for(slots.acquire(), BODY_DEADLINE_S)
    except TimeoutError:
        raise HQError(protocol.REQUEST_TIMEOUT, "HQ is busy reading other bodies: send it again") from None
    try:
        return await _read(request, limit, deadline)
    finally:
        slots.release()


async def _read(request: Request, limit: int, deadline: float) -> object:
    encoding = (request.headers.get("content-encoding") or "").lower()
    body = _Body(limit, gzipped="gzip" in encoding)
    loop = asyncio.get_running_loop()
    chunks = request.stream().__aiter__()
    while True:
        wait = min(BODY_STALL_S, deadline - loop.time())
        try:
            if wait <= 0:
                raise TimeoutError
            chunk = await asyncio.wait_for(chunks.__anext__(), wait)
        except StopAsyncIteration:
            break
        except TimeoutError:
            raise HQError(protocol.REQUEST_TIMEOUT, "the body did not arrive in time: send it again") from None
        except ClientDisconnect:
            raise HQError(protocol.BAD_REQUEST, "the body was cut off", status=400) from None
        body.feed(chunk)
    raw = body.finish()
    if len(raw) > _THREAD_ABOVE:
        return await run_in_threadpool(parse_json, raw)
    return parse_json(raw)


class _Body:
    """A body arriving in pieces: counted, inflated on the way (gzip or zlib, several members), never past `limit`."""

    def __init__(self, limit: int, gzipped: bool) -> None:
        self.limit, self.received, self.size = limit, 0, 0
        self.parts: list[bytes] = []
        self.inflater = zlib.decompressobj(47) if gzipped else None  # 47: a gzip or zlib header, detected
        self.started = False  # the current gzip member has had bytes

    def _keep(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.limit:
            raise HQError(protocol.BATCH_TOO_LARGE, f"body larger than {self.limit} bytes once inflated")
        self.parts.append(data)

    def feed(self, data: bytes) -> None:
        self.received += len(data)
        if self.received > self.limit:
            raise HQError(protocol.BATCH_TOO_LARGE, f"body larger than {self.limit} bytes")
        if self.inflater is None:
            return self._keep(data)
        try:
            while data:
                self.started = True
                self._keep(self.inflater.decompress(data, self.limit - self.size + 1))
                if self.inflater.eof:  # the end of one gzip member: another may follow
                    data = self.inflater.unused_data.lstrip(b"\0")  # gzip allows zero padding after a member
                    self.inflater, self.started = zlib.decompressobj(47), False
                else:
                    data = self.inflater.unconsumed_tail
        except zlib.error as error:
            raise HQError(protocol.BAD_REQUEST, f"bad gzip body: {error}", status=400) from None

    def finish(self) -> bytes:
        if self.inflater is not None and self.started and not self.inflater.eof:
            raise HQError(protocol.BAD_REQUEST, "bad gzip body: cut off before its end", status=400)
        return b"".join(self.parts)


def parse_json(raw: bytes) -> object:
    """JSON as HQ takes it (else 400): UTF-8, no NaN, Infinity or 1e999, depth <= MAX_JSON_DEPTH, no lone surrogate."""
    try:
        text = raw.decode("utf-8")
        value = json.loads(text or "null", parse_constant=_no_constant, parse_float=_finite)
    except RecursionError:
        raise _bad(f"JSON nested deeper than {protocol.MAX_JSON_DEPTH} levels") from None
    except UnicodeDecodeError as error:
        raise _bad(f"body is not UTF-8: {error.reason} at byte {error.start}") from None
    except ValueError as error:
        raise _bad(f"bad JSON body: {error}") from None
    _walk(value, check_strings=bool(_SURROGATE_ESCAPE.search(text)))
    return value


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


def _finite(text: str) -> float:
    number = float(text)
    if math.isinf(number):  # 1e999: Infinity in disguise
        raise ValueError(f"{text[:40]} is beyond what a number can hold")
    return number


def _bad(detail: str) -> HQError:
    return HQError(protocol.BAD_REQUEST, detail, status=400)


def _walk(value: object, check_strings: bool) -> None:
    """One pass over the parsed value with a stack (no recursion): depth, and strings that cannot be UTF-8."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = [*item.values(), *item.keys()] if check_strings else item.values()
        elif isinstance(item, list):
            children = item
        else:
            if check_strings and isinstance(item, str):
                _utf8(item)
            continue
        if depth > protocol.MAX_JSON_DEPTH:
            raise _bad(f"JSON nested deeper than {protocol.MAX_JSON_DEPTH} levels")
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list) or check_strings)


def _utf8(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise _bad("a string holds a lone surrogate (\\ud800-\\udfff): not valid Unicode") from None


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
    if not (
        type(first) is int and type(last) is int and 1 <= first <= last <= protocol.MAX_CURSOR  # noqa: E721 (no bools)
    ):
        raise HQError(
            protocol.BAD_REQUEST, f"from and to: journal sequence numbers, 1 <= from <= to <= {protocol.MAX_CURSOR}"
        )
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
