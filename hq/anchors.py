"""What HQ holds for each laptop beyond its records: its audit chain's head (and when it went backwards), and its
data-key secret sealed to HQ's recovery key; HQ's recovery key itself and the one-time codes made from it.

A laptop sends both with its hello (docs/sync-protocol.md, "Audit head and recovery wrap"); each is stored under the
device the token names, in its association, so no laptop can write another's. HQ's administrator makes the recovery
key pair once (`fieldapp-hq recovery-key init`), keeps the private half offline, and turns a laptop's sealed secret
into a one-time code (`fieldapp-hq recovery-code`) when its users have all forgotten their passwords.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fieldapp import keystore
from hq import schema as s
from hq.auth import Device
from hq.db import Database
from hq.errors import HQError
from sync import protocol

HASH = re.compile(r"^[0-9a-f]{64}$")
KEY_FILE_HEADER = "fieldapp-hq recovery key (X25519 private key, base64): keep it offline; it opens every laptop's data"
# A sealed secret: ephemeral public key (32) + nonce (12) + 20-byte secret + tag (16), base64.
SEALED_BYTES = 32 + 12 + keystore.SECRET_BYTES + 16


@dataclass(frozen=True)
class Sent:
    """What a hello carried: the chain's head (entries, hash) and a sealed secret, each optional."""

    entries: int | None = None
    head_hash: str | None = None
    wrap: str | None = None

    def check(self) -> None:
        if self.entries is not None:
            if self.entries > 0 and not HASH.match(self.head_hash or ""):
                raise HQError(protocol.BAD_REQUEST, "audit_hash: 64 lowercase hex digits with audit_count above 0")
            if self.entries == 0 and self.head_hash:
                raise HQError(protocol.BAD_REQUEST, "audit_hash: none for an empty chain")
        elif self.head_hash is not None:
            raise HQError(protocol.BAD_REQUEST, "audit_hash without audit_count")
        if self.wrap is not None:
            try:
                raw = base64.b64decode(self.wrap, validate=True)
            except (binascii.Error, ValueError):
                raw = b""
            if len(raw) != SEALED_BYTES:
                raise HQError(protocol.BAD_REQUEST, "hq_wrap: not a sealed secret")


def _iso(value: dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def current_public_key(conn: Connection) -> str | None:
    k = s.recovery_keys.c
    return conn.execute(sa.select(k.public_key).order_by(k.created_at.desc()).limit(1)).scalar()


def _held(conn: Connection, device: Device) -> sa.Row | None:
    h = s.audit_heads.c
    return conn.execute(sa.select(s.audit_heads).where(h.device_id == device.id)).first()


def _wrap_held(conn: Connection, device: Device) -> str | None:
    w = s.recovery_wraps.c
    return conn.execute(sa.select(w.sealed).where(w.device_id == device.id)).scalar()


def needs_write(conn: Connection, device: Device, sent: Sent) -> bool:
    """Whether the hello brings something HQ does not hold yet (most hellos bring nothing new: no write lock)."""
    if sent.entries is not None:
        held = _held(conn, device)
        if held is None or (held.entries, held.head_hash) != (sent.entries, sent.head_hash or ""):
            return True
    return sent.wrap is not None and _wrap_held(conn, device) != sent.wrap


def store(conn: Connection, device: Device, sent: Sent, now: dt.datetime) -> None:
    """Keep the head and the wrap under this device, in its association; a head that went backwards is recorded."""
    if sent.entries is not None:
        entries, head_hash = sent.entries, sent.head_hash or ""
        held = _held(conn, device)
        h = s.audit_heads
        if held is None:
            mine = {"device_id": device.id, "association_id": device.association_id}
            conn.execute(h.insert().values(**mine, entries=entries, head_hash=head_hash, at=now))
        else:
            _same_association(held.association_id, device)
            if entries < held.entries or (entries == held.entries and head_hash != held.head_hash):
                conn.execute(
                    s.audit_backwards.insert().values(
                        device_id=device.id,
                        association_id=device.association_id,
                        at=now,
                        held_entries=held.entries,
                        held_hash=held.head_hash,
                        sent_entries=entries,
                        sent_hash=head_hash,
                    )
                )
            conn.execute(
                h.update().where(h.c.device_id == device.id).values(entries=entries, head_hash=head_hash, at=now)
            )
    if sent.wrap is not None:
        w = s.recovery_wraps
        held_association = conn.execute(sa.select(w.c.association_id).where(w.c.device_id == device.id)).scalar()
        values = {"sealed": sent.wrap, "public_key": current_public_key(conn), "at": now, "code_given_at": None}
        if held_association is None:
            conn.execute(w.insert().values(device_id=device.id, association_id=device.association_id, **values))
        else:
            _same_association(held_association, device)
            conn.execute(w.update().where(w.c.device_id == device.id).values(**values))


def _same_association(held: str, device: Device) -> None:
    if held != device.association_id:
        raise HQError(protocol.BAD_REQUEST, "this device's record belongs to another association")


def hello_fields(conn: Connection, device: Device, sent: Sent) -> dict:
    """The hello answer's part: the head HQ holds for the device (what it acknowledged), whether the wrap it sent is
    stored, and HQ's recovery public key when there is one."""
    held = _held(conn, device)
    answer: dict = {"audit_head": {"count": held.entries, "hash": held.head_hash} if held else None}
    if sent.wrap is not None:
        answer["hq_wrap_stored"] = _wrap_held(conn, device) == sent.wrap
    public_key = current_public_key(conn)
    if public_key:
        answer["recovery_key"] = public_key
    return answer


# -- HQ's administrator ------------------------------------------------------------------------------------------------
def init_recovery_key(db: Database, key_file: str | os.PathLike, replace: bool = False) -> dict:
    """A new recovery key pair: the private half written to `key_file` (0600, never over an existing file), the
    public half stored, for laptops to wrap for at their next sync."""
    path = Path(key_file).expanduser()
    private, public = keystore.new_key_pair()
    public_text = base64.b64encode(public).decode()
    now = s.utcnow()
    written = False
    try:
        with db.write() as conn:
            current = conn.execute(sa.select(s.recovery_keys).order_by(s.recovery_keys.c.created_at.desc())).first()
            if current is not None and not replace:
                raise HQError(
                    "recovery_key_exists",
                    f"HQ already has a recovery key (made {current.created_at.isoformat()}): "
                    "--replace makes a new one, for which every laptop wraps again at its next sync",
                )
            conn.execute(s.recovery_keys.insert().values(public_key=public_text, created_at=now))
            _write_key_file(path, private)  # inside the transaction: no file, no key stored
            written = True
    except BaseException:
        if written:  # the key was not stored: a file for it would only mislead
            path.unlink(missing_ok=True)
        raise
    return {"public_key": public_text, "key_file": str(path), "created_at": now.isoformat(), "replaced": bool(current)}


def _write_key_file(path: Path, private: bytes) -> None:
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise HQError("key_file_exists", f"{path} exists: it is not overwritten (choose another file)") from None
    except OSError as error:
        raise HQError("key_file_unwritable", f"cannot write {path}: {error.strerror}") from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(f"{KEY_FILE_HEADER}\n{base64.b64encode(private).decode()}\n")
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def read_key_file(key_file: str | os.PathLike) -> bytes:
    path = Path(key_file).expanduser()
    try:
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except FileNotFoundError:
        raise HQError("key_file_missing", f"no key file {path}") from None
    except (OSError, UnicodeDecodeError):
        raise HQError("key_file_wrong", f"{path} is not a fieldapp-hq recovery key file") from None
    try:
        private = base64.b64decode(lines[-1], validate=True) if lines and lines[0] == KEY_FILE_HEADER else b""
    except (binascii.Error, ValueError):
        private = b""
    if len(private) != 32:
        raise HQError("key_file_wrong", f"{path} is not a fieldapp-hq recovery key file")
    return private


def _device(conn: Connection, device: str, association_id: str | None) -> sa.Row:
    d = s.devices
    query = sa.select(d).where(sa.or_(d.c.id == device, sa.func.upper(d.c.code) == device.strip().upper()))
    if association_id is not None:
        query = query.where(d.c.association_id == association_id)
    rows = conn.execute(query.order_by(d.c.enrolled_at)).all()
    exact = [row for row in rows if row.id == device]
    rows = exact or rows
    if not rows:
        where = f" in association {association_id}" if association_id else ""
        raise HQError(protocol.NOT_FOUND, f"no device {device}{where} (see `fieldapp-hq device list`)")
    if len(rows) > 1:
        choices = "; ".join(
            f"{r.id} ({r.code}, association {r.association_id}{', revoked' if r.revoked_at else ''})" for r in rows
        )
        raise HQError(
            "device_ambiguous", f"{device} names several devices: {choices}; give --association ID or the device id"
        )
    return rows[0]


def recovery_code(db: Database, device: str, key_file: str | os.PathLike, association_id: str | None = None) -> dict:
    """The one-time code that unlocks the laptop's data key (`fieldapp recover --hq-code`), from its sealed secret."""
    private = read_key_file(key_file)
    with db.write() as conn:
        row = _device(conn, device, association_id)
        w = s.recovery_wraps
        wrap = conn.execute(sa.select(w).where(w.c.device_id == row.id)).first()
        if wrap is None:
            raise HQError(
                protocol.NOT_FOUND,
                f"device {row.code} ({row.id}) has not sent its recovery wrap yet: it does at the sync after it "
                "learns HQ's recovery key",
            )
        code = keystore.hq_code_from_sealed(private, wrap.sealed, row.code)
        if code is None:
            raise HQError(
                "key_file_wrong",
                f"this key file does not open the wrap device {row.code} sent on {wrap.at.isoformat()}: "
                "use the key file of HQ's recovery key in use then",
            )
        now = s.utcnow()
        conn.execute(w.update().where(w.c.device_id == row.id).values(code_given_at=now))
    return {
        "device_id": row.id,
        "device_code": row.code,
        "association_id": row.association_id,
        "code": code,
        "wrap_sent_at": wrap.at.isoformat(),
        "previous_code_given_at": _iso(wrap.code_given_at),
    }


def list_heads(db: Database, backwards_only: bool = False, association_id: str | None = None) -> list[dict]:
    """Each device's last head, with every time its chain went backwards (only such devices with `backwards_only`)."""
    d, h, b = s.devices, s.audit_heads, s.audit_backwards
    with db.read() as conn:
        query = sa.select(d, h.c.entries, h.c.head_hash, h.c.at).join(h, h.c.device_id == d.c.id, isouter=True)
        if association_id is not None:
            query = query.where(d.c.association_id == association_id)
        devices = conn.execute(query.order_by(d.c.association_id, d.c.enrolled_at)).all()
        events: dict[str, list[dict]] = {}
        for row in conn.execute(sa.select(b).order_by(b.c.at, b.c.id)):
            events.setdefault(row.device_id, []).append(
                {
                    "at": _iso(row.at),
                    "held_count": row.held_entries,
                    "held_hash": row.held_hash,
                    "sent_count": row.sent_entries,
                    "sent_hash": row.sent_hash,
                }
            )
    items = []
    for row in devices:
        backwards = events.get(row.id, [])
        if backwards_only and not backwards:
            continue
        items.append(
            {
                "device_id": row.id,
                "code": row.code,
                "name": row.name,
                "association_id": row.association_id,
                "count": row.entries,
                "hash": row.head_hash,
                "at": _iso(row.at),
                "backwards": backwards,
            }
        )
    return items
