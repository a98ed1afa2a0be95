"""The wire protocol between a device and HQ: versions, paths, limits, error codes, and the change format.

Shared by the client (`sync/`) and the server (`hq/`); docs/sync-protocol.md explains it for people. Nothing here
does I/O beyond turning bodies into bytes and back.
"""

from __future__ import annotations

import gzip
import io
import json

# The merge rules' shared names live in the domain core (every replica merges with them); re-exported here for HQ.
from fieldapp.merge import (  # noqa: F401 - re-exported: the protocol names them, the merge owns them
    DOUBLE_DISTRIBUTION,
    DUPLICATE_CIN,
    EVERY_ASSOCIATION,
    MAX_CLOCK_AHEAD_MS,
    SYNCED_TABLES,
    review_key,
    served_key,
)

PROTOCOL_VERSION = 1
MIN_PROTOCOL_VERSION = 1  # HQ answers 426 to a client below this
PROTOCOL_HEADER = "Fieldapp-Protocol"
DEFAULT_PORT = 8750

HELLO = "/v1/hello"
ENROLL = "/v1/enroll"
PUSH = "/v1/push"
PULL = "/v1/pull"
CONFLICTS = "/v1/conflicts"  # GET lists conflicts and review items; POST {CONFLICTS}/{key}/settle settles one

MAX_BATCH = 2000  # changes in one push
MAX_BODY_BYTES = 8 * 1024 * 1024  # a request body, once un-gzipped
PULL_PAGE = 1000  # changes in one pull page (a client may ask for fewer)
# What one request may cost HQ (docs/hq.md, "Limits"). A body is refused (413) beyond MAX_BODY_BYTES, compressed or
# once inflated, while it is read; JSON deeper than MAX_JSON_DEPTH, with a lone surrogate, NaN or Infinity is 400/422.
MAX_JSON_DEPTH = 16
# One change's fields as compact JSON: a bigger change is refused at push (reason "too_large"), so that a pull page of
# PULL_PAGE changes cut at PULL_PAGE_BYTES never comes near the MAX_BODY_BYTES a laptop accepts.
MAX_CHANGE_BYTES = 32 * 1024
PULL_PAGE_BYTES = 2 * 1024 * 1024  # a pull page stops once its changes reach this many bytes of JSON
MAX_CURSOR = 2**63 - 1  # cursors and journal seqs are 64-bit signed at HQ
# MAX_CLOCK_AHEAD_MS (from fieldapp.merge): a stamp further ahead of HQ's clock is brought back to HQ's clock on
# arrival, so a laptop whose clock says 2027 cannot win every later edit. The push answer lists them (`capped`).
ENROLL_CODE_HOURS = 72  # an enrollment code's life

# Error codes in {"error": CODE, ...} bodies.
PROTOCOL_TOO_OLD = "protocol_too_old"  # 426, with "min" and "max"
UNAUTHORIZED = "unauthorized"  # 401: no or unknown token
DEVICE_REVOKED = "device_revoked"  # 401
ENROLL_CODE_INVALID = "enroll_code_invalid"  # 403: unknown or already used
ENROLL_CODE_EXPIRED = "enroll_code_expired"  # 403
DEVICE_CODE_TAKEN = "device_code_taken"  # 409: another active device of the association uses this code
SEQUENCE_GAP = "sequence_gap"  # 409, with "expected": the first journal seq HQ does not have yet
BATCH_TOO_LARGE = "batch_too_large"  # 413
BAD_REQUEST = "bad_request"  # 400/422, with "detail"
NOT_FOUND = "not_found"  # 404
RATE_LIMITED = "rate_limited"  # 429, with a Retry-After header (seconds): too many failed tokens or enrollments

# Why HQ acknowledged a change without applying it (push answer "refused": [{"t", "i", "reason"}]).
REFUSED_REFERENCE_DATA = "reference_data"  # a row HQ published to every association: laptops read, never write
REFUSED_MISSING_PARENT = "missing_parent"  # a reference (household, event, ...) HQ does not hold for the association
REFUSED_TOO_LARGE = "too_large"  # fields beyond MAX_CHANGE_BYTES
REFUSED_BAD_VALUE = "bad_value"  # a value a laptop could not store: wrong kind, too long, a required field empty
REFUSED_UNKNOWN_RECORD = "unknown_record"  # an update of a record HQ does not hold for the association
REFUSED_TAKEN = "taken"  # a receipt number (or an event's item code) another record of the association holds

HQ_DEVICE = "HQ"

# Columns the wire never carries in "f": "i" and "h" carry id and stamp, HQ knows association and device from the
# token, updated_at is the receiver's, field_hlc travels as the change stamp.
_NOT_ON_WIRE = frozenset({"id", "association_id", "device_id", "hlc", "updated_at", "field_hlc"})

INSERT = "i"
UPDATE = "u"


def change_from_journal(entity: str, entity_id: str, op: str, hlc: str, payload: dict) -> dict:
    """A journal row as it travels: {"t", "i", "h", "o", "f"[, "p"]}.

    Inserts carry every non-empty field; updates and deletes (a deleted_at edit) carry the changed fields and, in
    "p", the stamps those fields had when the author edited them (fieldapp.merge uses them to spot concurrent edits).
    """
    change = {"t": entity, "i": entity_id, "h": hlc}
    if op == "insert":
        change["o"] = INSERT
        change["f"] = {k: v for k, v in payload.items() if k not in _NOT_ON_WIRE and v is not None}
    else:
        change["o"] = UPDATE
        change["f"] = {k: v for k, v in payload.items() if k not in _NOT_ON_WIRE and k != "_prev"}
        if "_prev" in payload:
            change["p"] = payload["_prev"]
    return change


def prev_of(change: dict) -> dict | None:
    """What the merge should treat as the author's view: nothing for an insert, the stamps for an update (None for
    an update from a journal written before field stamps existed)."""
    return {} if change["o"] == INSERT else change.get("p")


def encode(body: object) -> bytes:
    """Compact JSON, gzip-compressed (every body in both directions is gzip: `Content-Encoding: gzip`)."""
    return gzip.compress(json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode(), compresslevel=6)


def decode(data: bytes, content_encoding: str | None = "gzip", limit: int = MAX_BODY_BYTES) -> object:
    """The body back; raises ValueError when it is not valid (gzip) JSON or grows past `limit` once inflated."""
    if content_encoding and "gzip" in content_encoding.lower():
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
                data = stream.read(limit + 1)
        except (OSError, EOFError) as error:
            raise ValueError(f"bad gzip body: {error}") from None
        if len(data) > limit:
            raise ValueError("body too large")
    try:
        return json.loads(data or b"null")
    except json.JSONDecodeError as error:
        raise ValueError(f"bad JSON body: {error}") from None


# Limits on what one request may cost HQ (docs/hq.md, "Limits"); the error of a body sent too slowly.
REQUEST_TIMEOUT = "request_timeout"  # 408: the body did not arrive in time (BODY_DEADLINE_S, or BODY_STALL_S silent)
BODY_DEADLINE_S = 60.0  # a whole request body
BODY_STALL_S = 20.0  # between two pieces of a body
HEAD_TIMEOUT_S = 20.0  # a request's head (line and headers), from the connection or the previous answer
