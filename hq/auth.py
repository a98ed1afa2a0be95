"""Enrollment codes and device tokens: one-time codes that expire, tokens made by `secrets`, only SHA-256 kept."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fieldapp.ids import uuid7
from hq import schema as s
from hq.db import Database
from hq.errors import HQError
from sync import protocol

# Codes are typed by a person: no 0/O, 1/I/L; 16 characters of 32 = 80 bits, shown as XXXX-XXXX-XXXX-XXXX.
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
_CODE_LENGTH = 16
_DEVICE_CODE = re.compile(r"^[A-Za-z0-9_.]{1,40}$")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def normalise_code(code: str) -> str:
    """What a person typed, with spaces, dashes and case ignored."""
    return re.sub(r"[\s-]", "", code).upper()


def new_enroll_code(db: Database, association_id: str, hours: float = protocol.ENROLL_CODE_HOURS) -> dict:
    """A one-time code for one association; the code itself is returned once and never stored."""
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))
    code = "-".join(raw[i : i + 4] for i in range(0, _CODE_LENGTH, 4))
    now = s.utcnow()
    with db.write() as conn:
        _association(conn, association_id)
        expires = now + dt.timedelta(hours=hours)
        conn.execute(
            s.enroll_codes.insert().values(
                code_hash=sha256(raw), association_id=association_id, created_at=now, expires_at=expires
            )
        )
    return {"code": code, "association_id": association_id, "expires_at": expires.isoformat()}


def _association(conn: Connection, association_id: str) -> sa.Row:
    row = conn.execute(sa.select(s.associations).where(s.associations.c.id == association_id)).first()
    if row is None:
        raise HQError(protocol.NOT_FOUND, f"no association {association_id}")
    return row


def enroll(db: Database, code: str, device_code: str, device_name: str) -> dict:
    """Trade a valid code for a device and its token (returned once; HQ keeps its hash)."""
    if not _DEVICE_CODE.match(device_code or ""):
        raise HQError(protocol.BAD_REQUEST, "device_code: 1 to 40 letters, digits, '_' or '.'")
    code_hash = sha256(normalise_code(code or ""))
    now = s.utcnow()
    token = secrets.token_urlsafe(32)
    query = sa.select(s.enroll_codes).where(s.enroll_codes.c.code_hash == code_hash)
    with db.read() as conn:  # a wrong code is refused here, without SQLite's write lock
        _usable(conn.execute(query).first(), now)
    with db.write() as conn:
        if db.backend == "postgresql":
            query = query.with_for_update()
        found = conn.execute(query).first()
        _usable(found, now)  # again under the lock: used meanwhile?
        association = _association(conn, found.association_id)
        taken = conn.execute(
            sa.select(s.devices.c.id).where(
                s.devices.c.association_id == association.id,
                sa.func.upper(s.devices.c.code) == device_code.upper(),
                s.devices.c.revoked_at.is_(None),
            )
        ).first()
        if taken is not None or device_code.upper() == protocol.HQ_DEVICE:
            raise HQError(protocol.DEVICE_CODE_TAKEN, f"another active laptop of the association uses {device_code}")
        device_id = uuid7()
        conn.execute(
            s.devices.insert().values(
                id=device_id,
                association_id=association.id,
                code=device_code,
                name=(device_name or device_code)[:200],
                token_hash=sha256(token),
                enrolled_at=now,
                next_seq=1,
            )
        )
        conn.execute(
            s.enroll_codes.update()
            .where(s.enroll_codes.c.code_hash == code_hash)
            .values(used_at=now, device_id=device_id)
        )
    return {
        "token": token,
        "device_id": device_id,
        "association_id": association.id,
        "association_name": association.name,
    }


def _usable(found: sa.Row | None, now: dt.datetime) -> None:
    if found is None or found.used_at is not None:
        raise HQError(protocol.ENROLL_CODE_INVALID, "unknown or already used enrollment code")
    if found.expires_at < now:
        raise HQError(protocol.ENROLL_CODE_EXPIRED, "this enrollment code has expired")


@dataclass(frozen=True)
class Device:
    """The device a request comes from."""

    id: str
    code: str
    name: str
    association_id: str
    association_name: str
    next_seq: int
    last_seen_at: dt.datetime | None = None
    card_key: str | None = None  # the association's household-card key, for its laptops only
    app_version: str | None = None  # the fieldapp version its last hello named


def authenticate(conn: Connection, authorization: str | None) -> Device:
    """The device of a `Bearer` token, read on every request so that a revocation counts at once."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HQError(protocol.UNAUTHORIZED, "no device token: enroll this laptop")
    d, a = s.devices, s.associations
    row = conn.execute(
        sa.select(d.c.id, d.c.code, d.c.name, d.c.association_id, d.c.revoked_at, d.c.next_seq, d.c.last_seen_at)
        .add_columns(a.c.name.label("an"), a.c.card_key, d.c.app_version)
        .join(a, a.c.id == d.c.association_id)
        .where(d.c.token_hash == sha256(token.strip()))
    ).first()
    if row is None:
        raise HQError(protocol.UNAUTHORIZED, "unknown device token: enroll this laptop again")
    if row.revoked_at is not None:
        raise HQError(protocol.DEVICE_REVOKED, "HQ revoked this laptop")
    return Device(
        row.id, row.code, row.name, row.association_id, row.an, row.next_seq, row.last_seen_at, row.card_key,
        row.app_version,
    )  # fmt: skip
