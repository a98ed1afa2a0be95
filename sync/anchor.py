"""What the hello carries besides asking: the audit chain's head for HQ to anchor, and the data key's secret sealed
to HQ's recovery key; and what the laptop keeps of the answer (the head HQ acknowledged, HQ's recovery key).

An HQ that does not anchor answers without `audit_head`: nothing is stored, and the hello is as before. The wrap is
made with the data key (`db.key`) through the keystore beside the database; a plain database has neither.
"""

from __future__ import annotations

import base64
import binascii

from fieldapp.audit_chain import Head
from fieldapp.db import Database
from fieldapp.keystore import Keystore
from fieldapp.services import audit


def _keystore(db: Database) -> Keystore | None:
    if db.key is None:
        return None
    path = Keystore.path_in(db.path.parent)
    return Keystore.load(path) if path.exists() else None


def hello_params(db: Database) -> dict:
    """The query of this sync's hello: the chain's head, and the sealed secret not yet sent, if any."""
    head = audit.current_head(db)
    params: dict = {"audit_count": head.count}
    if head.count:
        params["audit_hash"] = head.hash
    store = _keystore(db)
    wrap = store.hq_wrap_to_send() if store else None
    if wrap:
        params["hq_wrap"] = wrap
    return params


def _public_key(text: object) -> bytes | None:
    if not isinstance(text, str):
        return None
    try:
        key = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return key if len(key) == 32 else None


def take_hello(db: Database, hello: dict, sent: dict) -> None:
    """Keep what HQ acknowledged; wrap the data key for HQ's recovery key when it is new here (sent next sync)."""
    acked = hello.get("audit_head")
    if isinstance(acked, dict) and "audit_count" in sent:
        head = Head(sent["audit_count"], sent.get("audit_hash", ""))
        if (acked.get("count"), acked.get("hash")) == (head.count, head.hash):
            audit.record_acknowledged_head(db, head)
    store = _keystore(db)
    if store is None:
        return
    if sent.get("hq_wrap") and hello.get("hq_wrap_stored") is True:
        store.mark_hq_wrap_sent(sent["hq_wrap"])
    public_key = _public_key(hello.get("recovery_key"))
    if public_key is not None and public_key != store.hq_public_key():
        # sealed for the device code HQ knows this laptop by, which `fieldapp-hq recovery-code` opens it with
        device_code = (hello.get("device") or {}).get("code") or db.identity().get("device_code") or ""
        store.wrap_for_hq(public_key, db.key, device_code)
