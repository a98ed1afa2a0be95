"""The data key's wraps beside the database: one per user (Argon2id), one for the recovery key, one for HQ.

The database is encrypted with a random 32-byte data key that no password derives. This file (`fieldapp.keys` in the
data folder, JSON) holds that key wrapped (AES-256-GCM, `cryptography`) several times over:

- per user, under a key stretched from the password with Argon2id (`argon2-cffi`): unwrapping is the password check,
  and a password change rewraps, never re-encrypts;
- under the recovery key printed once at set-up (20 random bytes, shown as 32 letters and digits in groups of four);
- under an HQ secret, itself sealed to HQ's public key (X25519) and sent at the next sync: HQ's administrator, who
  holds the private key offline, can read it back as a one-time code (`fieldapp-hq recovery-code`).

It also counts failed logins, so repeated failures slow down and then lock the account for a while. Whoever holds
this file can only try passwords offline at Argon2id's cost; the database alone opens for nobody.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from fieldapp import files
from fieldapp.errors import BadData, NotAllowed

KEYSTORE_FILE = "fieldapp.keys"
FORMAT = 1
DATA_KEY_BYTES = 32
SECRET_BYTES = 20  # a recovery key or an HQ code: 160 bits, 32 base32 characters
# Argon2id, chosen with bench/unlock.py: ~0.2 s on this 2-core server, well under the 0.5 s target, and ~0.6-0.8 s on
# a Celeron laptop of 2015; 64 MiB is affordable on a 4 GB laptop. Stored with each wrap, so they can be raised later.
ARGON2 = {"time_cost": 3, "memory_cost": 64 * 1024, "parallelism": 1}
# Failed logins: from the 3rd, the next try must wait; from the 5th, the account is locked for LOCK_MINUTES.
SLOW_AFTER, LOCK_AFTER, LOCK_MINUTES = 3, 5, 15
_WAIT_SECONDS = {3: 5, 4: 30}

_B32_FIXES = str.maketrans({"0": "O", "1": "I", "8": "B"})


def name_key(name: str) -> str:
    """How a user name is compared: NFC, casefolded, spaces collapsed ("Amina " logs in as "amina")."""
    return " ".join(unicodedata.normalize("NFC", name or "").casefold().split())


def format_secret(secret: bytes) -> str:
    text = base64.b32encode(secret).decode().rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_secret(text: str) -> bytes:
    """A recovery key or HQ code as typed: spaces, dashes and case ignored, 0/1/8 read as O/I/B."""
    cleaned = "".join(ch for ch in (text or "").upper() if ch.isalnum()).translate(_B32_FIXES)
    try:
        secret = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except ValueError:
        raise BadData("error.recovery_key_malformed") from None
    if len(secret) != SECRET_BYTES:
        raise BadData("error.recovery_key_malformed")
    return secret


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text)


def derive(data_key: bytes, purpose: str, length: int = 32) -> bytes:
    """A key for one purpose (the audit chain's HMAC, say) derived from the data key with HKDF-SHA256."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=f"fieldapp {purpose}".encode()).derive(
        data_key
    )


def _password_kek(password: str, salt: bytes, params: dict) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(unicodedata.normalize("NFC", password).encode(), salt, hash_len=32, type=Type.ID, **params)


def _seal(kek: bytes, data: bytes, label: str) -> dict:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(12)
    return {"nonce": _b64(nonce), "wrap": _b64(AESGCM(kek).encrypt(nonce, data, label.encode()))}


def _open(kek: bytes, wrap: dict, label: str) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(kek).decrypt(_unb64(wrap["nonce"]), _unb64(wrap["wrap"]), label.encode())
    except (InvalidTag, KeyError, ValueError):
        return None


def seal_to_public_key(public_key: bytes, secret: bytes, label: str) -> str:
    """`secret` readable only with the X25519 private key of `public_key` (an ephemeral key, HKDF, AES-GCM)."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public_key))
    key = derive(shared + ephemeral_public + public_key, "hq seal")
    nonce = os.urandom(12)
    return _b64(ephemeral_public + nonce + AESGCM(key).encrypt(nonce, secret, label.encode()))


def open_sealed(private_key: bytes, sealed: str, label: str) -> bytes | None:
    """What seal_to_public_key sealed, with the private key (HQ's administrator's key file); None if it does not fit."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        blob = _unb64(sealed)
        ephemeral_public, nonce, body = blob[:32], blob[32:44], blob[44:]
        own = X25519PrivateKey.from_private_bytes(private_key)
        shared = own.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
        key = derive(shared + ephemeral_public + own.public_key().public_bytes_raw(), "hq seal")
        return AESGCM(key).decrypt(nonce, body, label.encode())
    except (InvalidTag, ValueError, TypeError):
        return None


def new_key_pair() -> tuple[bytes, bytes]:
    """(private, public) raw X25519 keys: HQ's recovery pair (the private half stays with HQ's administrator)."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    private = X25519PrivateKey.generate()
    return private.private_bytes_raw(), private.public_key().public_bytes_raw()


@dataclass(frozen=True)
class Created:
    data_key: bytes
    recovery_key: str  # shown once, as format_secret gives it


class Keystore:
    """The wraps file of one data folder. Every change is written at once (temp file, fsync, rename)."""

    def __init__(self, path: Path, content: dict) -> None:
        self.path = path
        self._content = content

    # -- files --------------------------------------------------------------------------------------------------
    @staticmethod
    def path_in(data_dir: str | os.PathLike) -> Path:
        return Path(data_dir) / KEYSTORE_FILE

    @classmethod
    def exists(cls, data_dir: str | os.PathLike) -> bool:
        return cls.path_in(data_dir).exists()

    @classmethod
    def load(cls, path: str | os.PathLike) -> Keystore:
        path = Path(path)
        try:
            content = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise NotAllowed("error.keystore_missing", path=str(path)) from None
        except (OSError, ValueError):
            raise BadData("error.keystore_damaged", path=str(path)) from None
        if not isinstance(content, dict) or content.get("format") != FORMAT or "users" not in content:
            raise BadData("error.keystore_damaged", path=str(path))
        return cls(path, content)

    @classmethod
    def create(
        cls, path: str | os.PathLike, user: str, password: str, data_key: bytes | None = None
    ) -> tuple[Keystore, Created]:
        """A new wraps file for a new (or newly encrypted) database: the first user's wrap and the recovery key's."""
        data_key = data_key or secrets.token_bytes(DATA_KEY_BYTES)
        store = cls(Path(path), {"format": FORMAT, "users": {}, "failures": {}})
        store._wrap_for_user(user, password, data_key)
        recovery = secrets.token_bytes(SECRET_BYTES)
        store._content["recovery"] = _seal(derive(recovery, "recovery key"), data_key, "recovery")
        store.save()
        return store, Created(data_key=data_key, recovery_key=format_secret(recovery))

    def _reload(self) -> None:
        """The file as it is now: another process (the window and a command) may have changed it since it was read, and
        a change is made on the latest content, so one never writes back another's older copy."""
        if self.path.exists():
            self._content = Keystore.load(self.path)._content

    def save(self) -> None:
        with files.atomic_path(self.path) as temp:
            temp.write_text(json.dumps(self._content, indent=1, sort_keys=True), encoding="utf-8")
            os.chmod(temp, 0o600)

    def copy_to(self, path: str | os.PathLike) -> Path:
        """The same wraps in another file (beside a backup, so it opens on a new laptop)."""
        Keystore(Path(path), json.loads(json.dumps(self._content))).save()
        return Path(path)

    # -- users ----------------------------------------------------------------------------------------------------
    def users(self) -> list[str]:
        return sorted(entry["name"] for entry in self._content["users"].values())

    def has_user(self, user: str) -> bool:
        return name_key(user) in self._content["users"]

    def _wrap_for_user(self, user: str, password: str, data_key: bytes) -> None:
        if not password:
            raise BadData("error.password_required")
        key = name_key(user)
        salt = os.urandom(16)
        entry = {"name": " ".join(user.split()), "salt": _b64(salt), "kdf": dict(ARGON2)}
        entry.update(_seal(_password_kek(password, salt, ARGON2), data_key, f"user:{key}"))
        self._content["users"][key] = entry

    def set_password(self, user: str, password: str, data_key: bytes) -> None:
        """Add a user's wrap, or replace it (a password change or a reset): the database is not touched."""
        self._reload()
        self._wrap_for_user(user, password, data_key)
        self._content["failures"].pop(name_key(user), None)
        self.save()

    def remove_user(self, user: str) -> None:
        self._reload()
        self._content["users"].pop(name_key(user), None)
        self._content["failures"].pop(name_key(user), None)
        self.save()

    def unlock(self, user: str, password: str, now: dt.datetime | None = None) -> bytes:
        """The data key, if `password` is `user`'s; else NotAllowed (exit 7), counting the failure."""
        now = now or dt.datetime.now(dt.UTC)
        key = name_key(user)
        self._check_not_held(key, now)
        entry = self._content["users"].get(key)
        data_key = None
        if entry is not None:
            kek = _password_kek(password or "", _unb64(entry["salt"]), entry["kdf"])
            data_key = _open(kek, entry, f"user:{key}")
        else:
            _password_kek(password or "", b"0" * 16, ARGON2)  # an unknown name costs the same time as a known one
        if data_key is None:
            self._count_failure(key, now)
            raise NotAllowed("error.login_failed")
        if key in self._content["failures"]:
            self._reload()
            self._content["failures"].pop(key, None)
            self.save()
        return data_key

    def _check_not_held(self, key: str, now: dt.datetime) -> None:
        held = self._content["failures"].get(key)
        if not held or not held.get("until"):
            return
        until = dt.datetime.fromisoformat(held["until"])
        if until > now:
            seconds = int((until - now).total_seconds()) + 1
            if held["count"] >= LOCK_AFTER:
                raise NotAllowed("error.account_locked", minutes=(seconds + 59) // 60)
            raise NotAllowed("error.login_wait", seconds=seconds)

    def _count_failure(self, key: str, now: dt.datetime) -> None:
        self._reload()
        held = self._content["failures"].setdefault(key, {"count": 0})
        held["count"] += 1
        held["last"] = now.isoformat()
        if held["count"] >= LOCK_AFTER:
            held["until"] = (now + dt.timedelta(minutes=LOCK_MINUTES)).isoformat()
        elif held["count"] >= SLOW_AFTER:
            held["until"] = (now + dt.timedelta(seconds=_WAIT_SECONDS[held["count"]])).isoformat()
        self.save()

    def failures(self, user: str) -> int:
        return self._content["failures"].get(name_key(user), {}).get("count", 0)

    def locked(self, user: str, now: dt.datetime | None = None) -> bool:
        held = self._content["failures"].get(name_key(user))
        now = now or dt.datetime.now(dt.UTC)
        return bool(held and held["count"] >= LOCK_AFTER and dt.datetime.fromisoformat(held["until"]) > now)

    def clear_failures(self, user: str) -> None:
        """A coordinator unlocks an account locked by failed logins."""
        self._reload()
        if self._content["failures"].pop(name_key(user), None) is not None:
            self.save()

    # -- recovery -------------------------------------------------------------------------------------------------
    def unlock_with_recovery_key(self, text: str) -> bytes:
        data_key = _open(derive(parse_secret(text), "recovery key"), self._content.get("recovery", {}), "recovery")
        if data_key is None:
            raise NotAllowed("error.recovery_key_wrong")
        return data_key

    def hq_public_key(self) -> bytes | None:
        hq = self._content.get("hq") or {}
        return _unb64(hq["public_key"]) if hq.get("public_key") else None

    def wrap_for_hq(self, public_key: bytes, data_key: bytes, device_code: str) -> str:
        """A new HQ secret: the data key wrapped under it, the secret sealed to HQ's key (to send at the next sync).

        Called when the laptop first learns HQ's public key, and again after each use of an HQ code (one-time).
        """
        self._reload()
        secret = secrets.token_bytes(SECRET_BYTES)
        sealed = seal_to_public_key(public_key, secret, f"device:{device_code}")
        self._content["hq"] = {
            "public_key": _b64(public_key),
            "sealed": sealed,
            "sent": False,
            **_seal(derive(secret, "hq code"), data_key, "hq"),
        }
        self.save()
        return sealed

    def hq_wrap_to_send(self) -> str | None:
        hq = self._content.get("hq") or {}
        return None if hq.get("sent", True) else hq.get("sealed")

    def mark_hq_wrap_sent(self, sealed: str) -> None:
        self._reload()
        hq = self._content.get("hq") or {}
        if hq.get("sealed") == sealed and not hq.get("sent"):
            hq["sent"] = True
            self.save()

    def unlock_with_hq_code(self, text: str) -> bytes:
        hq = self._content.get("hq") or {}
        data_key = _open(derive(parse_secret(text), "hq code"), hq, "hq")
        if data_key is None:
            raise NotAllowed("error.hq_code_wrong")
        return data_key


def hq_code_from_sealed(private_key: bytes, sealed: str, device_code: str) -> str | None:
    """HQ's side: the one-time code for a device, from the sealed secret it sent; None if the key does not fit."""
    secret = open_sealed(private_key, sealed, f"device:{device_code}")
    return format_secret(secret) if secret is not None else None
