"""Signed codes for QR: a receipt, a sign-off sheet row or a household card can be checked offline with the key."""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid
from dataclasses import dataclass

RECEIPT_PREFIX = "FAR1"
ROW_PREFIX = "FAS1"
CARD_PREFIX = "FAC1"
_SIGNATURE_CHARS = 16  # 80 bits of HMAC-SHA256, base32: short enough for a small QR, far too long to guess


def _signature(key_hex: str, *parts: str) -> str:
    mac = hmac.new(bytes.fromhex(key_hex), "|".join(parts).encode("utf-8"), hashlib.sha256).digest()
    return base64.b32encode(mac).decode("ascii")[:_SIGNATURE_CHARS]


def receipt_code(key_hex: str, association_id: str, receipt: str) -> str:
    """FAR1:<receipt>:<signature>, the text of a receipt's QR code."""
    return f"{RECEIPT_PREFIX}:{receipt}:{_signature(key_hex, RECEIPT_PREFIX, association_id, receipt)}"


def row_code(key_hex: str, association_id: str, event_id: str, household_id: str) -> str:
    """FAS1:<household id as 32 hex digits>:<signature>, a sign-off sheet row's QR, tied to its event.

    Upper case throughout, so the QR encoder uses its compact alphanumeric mode (a smaller code in a small cell).
    """
    signature = _signature(key_hex, ROW_PREFIX, association_id, event_id, household_id)
    return f"{ROW_PREFIX}:{uuid.UUID(household_id).hex.upper()}:{signature}"


def card_code(key_hex: str, association_id: str, household_id: str) -> str:
    """FAC1:<household id as 32 hex digits>:<signature>, a household card's QR, valid at every event.

    Upper case throughout (alphanumeric QR mode), like a sheet row's code but signed apart from any event.
    """
    signature = _signature(key_hex, CARD_PREFIX, association_id, household_id)
    return f"{CARD_PREFIX}:{uuid.UUID(household_id).hex.upper()}:{signature}"


@dataclass(frozen=True)
class Decoded:
    kind: str  # "receipt", "row" or "card"
    value: str  # the receipt number or the household id
    signature: str


def decode(text: str) -> Decoded | None:
    """Split a scanned code into its parts; None when it is not one of ours (nothing is trusted yet)."""
    parts = (text or "").strip().split(":")
    if len(parts) != 3 or not all(parts):
        return None
    prefix, value, signature = parts
    if prefix == RECEIPT_PREFIX:
        return Decoded("receipt", value, signature)
    kinds = {ROW_PREFIX: "row", CARD_PREFIX: "card"}
    if prefix in kinds:
        try:
            return Decoded(kinds[prefix], str(uuid.UUID(hex=value)), signature)
        except ValueError:
            return None
    return None


def receipt_is_genuine(key_hex: str, association_id: str, decoded: Decoded) -> bool:
    expected = _signature(key_hex, RECEIPT_PREFIX, association_id, decoded.value)
    return decoded.kind == "receipt" and hmac.compare_digest(expected, decoded.signature)


def row_is_genuine(key_hex: str, association_id: str, event_id: str, decoded: Decoded) -> bool:
    expected = _signature(key_hex, ROW_PREFIX, association_id, event_id, decoded.value)
    return decoded.kind == "row" and hmac.compare_digest(expected, decoded.signature)


def card_is_genuine(key_hex: str, association_id: str, decoded: Decoded) -> bool:
    expected = _signature(key_hex, CARD_PREFIX, association_id, decoded.value)
    return decoded.kind == "card" and hmac.compare_digest(expected, decoded.signature)
