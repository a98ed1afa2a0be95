"""The one error HQ raises for a refused request: a protocol error code, its HTTP status and a sentence."""

from __future__ import annotations

from sync import protocol

STATUS = {
    protocol.PROTOCOL_TOO_OLD: 426,
    protocol.UNAUTHORIZED: 401,
    protocol.DEVICE_REVOKED: 401,
    protocol.ENROLL_CODE_INVALID: 403,
    protocol.ENROLL_CODE_EXPIRED: 403,
    protocol.DEVICE_CODE_TAKEN: 409,
    protocol.SEQUENCE_GAP: 409,
    protocol.BATCH_TOO_LARGE: 413,
    protocol.BAD_REQUEST: 422,
    protocol.NOT_FOUND: 404,
    protocol.RATE_LIMITED: 429,
    protocol.REQUEST_TIMEOUT: 408,
}

# The command line's exit codes for the same errors (the app's CLI contract: 3 refused, 4 not found, 5 bad data).
EXIT = {protocol.NOT_FOUND: 4, protocol.BAD_REQUEST: 5}
EXIT_REFUSED = 3


class HQError(Exception):
    """A request or command HQ refuses; `extra` goes into its body (e.g. "expected"), `headers` into the answer."""

    def __init__(
        self, code: str, detail: str, status: int | None = None, headers: dict | None = None, **extra: object
    ) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.status = status or STATUS.get(code, 400)
        self.headers = headers or {}  # e.g. Retry-After of a 429
        self.extra = extra

    def body(self) -> dict:
        return {"error": self.code, "detail": self.detail, **self.extra}

    @property
    def exit_code(self) -> int:
        return EXIT.get(self.code, EXIT_REFUSED)
