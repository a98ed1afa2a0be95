"""Talking to HQ over HTTP: one `requests` session, gzip both ways, the protocol header, the device token, timeouts,
and HQ's answers turned into the errors the user sees (translated, with the CLI's exit codes).

Bytes and round trips are counted on the way (the sync summary reports them).
"""

from __future__ import annotations

import http.client
import json
import math
from collections.abc import Callable

import requests
import urllib3

from fieldapp import __version__
from fieldapp.errors import BadData, FieldappError, Refused
from sync import protocol

CONNECT_TIMEOUT_S = 10
READ_TIMEOUT_S = 60
EXIT_UNREACHABLE = 6  # `fieldapp sync` / `enroll`: HQ could not be reached (offline, timed out, HQ failing)


class Unreachable(FieldappError):
    """HQ could not be reached or could not answer now; the same sync later should work."""

    exit_code = EXIT_UNREACHABLE
    retryable = True
    retry_after: float | None = None  # seconds HQ asked to wait (Retry-After of a 429 or 503): the backoff honours it


class TimedOut(Unreachable):
    """No answer within the read timeout (the push halves its batch before trying again)."""


class BadAnswer(Unreachable):
    """Something answered that is not HQ speaking the protocol (a captive portal, a proxy's error page)."""

    retryable = False


class SequenceGap(FieldappError):
    """HQ expects the push to start elsewhere: the client restarts from `expected`."""

    exit_code = 5

    def __init__(self, expected: int) -> None:
        super().__init__("error.sync_bad_answer")
        self.expected = expected


class NotKnown(FieldappError):
    """HQ does not know the thing named (a review item only this laptop found)."""

    exit_code = 4


class TooLarge(BadData):
    """HQ refused a batch as too large (the push halves it)."""


# HQ's error codes → (the error raised, its message key).
_REFUSALS: dict[str, tuple[type[FieldappError], str]] = {
    protocol.PROTOCOL_TOO_OLD: (Refused, "error.sync_too_old"),
    protocol.UNAUTHORIZED: (Refused, "error.sync_unauthorized"),
    protocol.DEVICE_REVOKED: (Refused, "error.sync_revoked"),
    protocol.ENROLL_CODE_INVALID: (Refused, "error.enroll_code_invalid"),
    protocol.ENROLL_CODE_EXPIRED: (Refused, "error.enroll_code_expired"),
    protocol.DEVICE_CODE_TAKEN: (Refused, "error.device_code_taken"),
    protocol.BATCH_TOO_LARGE: (TooLarge, "error.sync_batch_too_large"),
    protocol.BAD_REQUEST: (BadData, "error.sync_bad_request"),
}


class HQClient:
    """One connection's worth of HQ: hello, enroll, push, pull. Not thread-safe (one sync at a time)."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        timeouts: tuple[float, float] = (CONNECT_TIMEOUT_S, READ_TIMEOUT_S),
        session: requests.Session | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeouts = timeouts
        self.session = session or requests.Session()
        # Only the headers HQ needs: every byte counts on a rural 2G link.
        self.session.headers.clear()
        self.session.headers.update(
            {
                protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION),
                "Accept-Encoding": "gzip",
                "User-Agent": f"fieldapp/{__version__}",
            }
        )
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"
        self.round_trips = 0
        self.bytes_sent = 0
        self.bytes_received = 0

    def close(self) -> None:
        self.session.close()

    def hello(self, params: dict | None = None) -> dict:
        """`params`: the audit head and recovery wrap to anchor at HQ (sync.anchor); none for a mere probe."""
        return self._call("GET", protocol.HELLO, params=params or None)

    def enroll(self, code: str, device_code: str, device_name: str) -> dict:
        body = {"code": code.strip(), "device_code": device_code, "device_name": device_name}
        return self._call("POST", protocol.ENROLL, body)

    def push(self, from_seq: int, to_seq: int, changes: list[dict]) -> dict:
        return self._call("POST", protocol.PUSH, {"from": from_seq, "to": to_seq, "changes": changes})

    def pull(self, after: int, limit: int) -> dict:
        return self._call("GET", protocol.PULL, params={"after": after, "limit": limit})

    def settle(self, key: str, by: str, note: str | None) -> dict:
        return self._call("POST", f"{protocol.CONFLICTS}/{key}/settle", {"by": by, "note": note})

    def _call(self, method: str, path: str, body: object = None, params: dict | None = None) -> dict:
        data, headers = None, {}
        if body is not None:
            data = protocol.encode(body)
            headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
        self.round_trips += 1
        try:
            response = self.session.request(
                method,
                self.base_url + path,
                data=data,
                headers=headers,
                params=params,
                timeout=self.timeouts,
                stream=True,
            )
            with response:
                raw = response.raw.read(decode_content=False)
        except (requests.Timeout, urllib3.exceptions.TimeoutError):
            raise TimedOut("error.sync_timeout", url=self.base_url) from None
        except (requests.RequestException, urllib3.exceptions.HTTPError, http.client.HTTPException, OSError):
            # offline, refused, or an answer cut off after its headers (ProtocolError, IncompleteRead): try again
            raise Unreachable("error.sync_offline", url=self.base_url) from None
        self._count(response, data, raw)
        try:
            answer = protocol.decode(raw, response.headers.get("Content-Encoding"))
        except ValueError:
            answer = None
        if response.status_code >= 400:
            retry_after = _seconds(response.headers.get("Retry-After"))
            error = _error_for(response.status_code, answer, self.base_url, retry_after)
            if isinstance(error, Unreachable):
                error.retry_after = retry_after
            raise error
        if not isinstance(answer, dict):
            raise BadAnswer("error.sync_bad_answer", url=self.base_url)
        return answer

    def _count(self, response: requests.Response, sent: bytes | None, received: bytes) -> None:
        request = response.request
        head = f"{request.method} {request.path_url} HTTP/1.1\r\n".encode()
        header_bytes = sum(len(k) + len(str(v)) + 4 for k, v in request.headers.items()) + 2
        self.bytes_sent += len(head) + header_bytes + len(sent or b"")
        answer_head = sum(len(k) + len(v) + 4 for k, v in response.headers.items()) + 2 + len(b"HTTP/1.1 200 OK\r\n")
        self.bytes_received += answer_head + len(received)


def _error_for(status: int, answer: object, url: str, retry_after: float | None = None) -> FieldappError:
    code = answer.get("error") if isinstance(answer, dict) else None
    if code == protocol.RATE_LIMITED:  # too many wrong codes or tokens from here: wait, then check what was typed
        return Unreachable("error.sync_rate_limited", url=url, minutes=max(1, math.ceil((retry_after or 60) / 60)))
    if code == protocol.SEQUENCE_GAP and isinstance(answer.get("expected"), int):
        return SequenceGap(answer["expected"])
    if code == protocol.NOT_FOUND:
        return NotKnown("error.sync_bad_answer", url=url)
    if code in _REFUSALS:
        kind, key = _REFUSALS[code]
        return kind(key, detail=_detail(answer))
    if status in (408, 425, 429) or status >= 500:
        return Unreachable("error.sync_server", url=url, status=status)
    if status == 401:
        return Refused("error.sync_unauthorized")
    if status == 426:
        return Refused("error.sync_too_old")
    return BadAnswer("error.sync_bad_answer", url=url)


def _seconds(retry_after: str | None) -> float | None:
    """Retry-After in seconds (the HTTP-date form is not used by HQ: ignored)."""
    try:
        seconds = float(retry_after or "")
    except ValueError:
        return None
    return seconds if 0 <= seconds < 86400 else None


def _detail(answer: dict) -> str:
    detail = answer.get("detail")
    return detail if isinstance(detail, str) else json.dumps(detail, ensure_ascii=False)[:300] if detail else ""


def is_retryable(error: BaseException) -> bool:
    return isinstance(error, Unreachable) and error.retryable


ProgressCallback = Callable[[str, int, int], None]
