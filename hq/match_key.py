"""HQ's match key: the secret of the keyed hashes (HMAC-SHA256) cross-association matching compares, kept in a file
outside the database, so that a stolen dump does not let anyone test a CIN or a phone number against it.

The file (64 hex digits) is FIELDAPP_HQ_MATCH_KEY_FILE, else `match.key` in the platform's configuration directory
for fieldapp-hq. It is made (mode 0600) the first time HQ needs it while the database holds no hash; when the database
holds hashes, a missing file or another key is a clear error, never hashes that silently match nothing.
"""

from __future__ import annotations

import hmac
import os
import secrets
import threading
from pathlib import Path

import platformdirs
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from hq import schema as s
from hq.errors import HQError
from hq.findings import dialect_insert

ENV_KEY_FILE = "FIELDAPP_HQ_MATCH_KEY_FILE"
CHECK = "check"  # the kind of match_keys' fingerprint row
MATCH_KEY_MISSING = "match_key_missing"
MATCH_KEY_WRONG = "match_key_wrong"

_loaded: dict[tuple[str, str], bytes] = {}  # (key file, database URL) -> the key, checked against its fingerprint
_lock = threading.Lock()


def key_file() -> Path:
    if os.environ.get(ENV_KEY_FILE):
        return Path(os.environ[ENV_KEY_FILE]).expanduser()
    return platformdirs.user_config_path("fieldapp-hq", appauthor=False) / "match.key"


def fingerprint(key: bytes) -> str:
    """What the database keeps of the key: an HMAC of a constant, which tells keys apart and reveals nothing."""
    return keyed_hash(key, CHECK, "fieldapp-hq match key")


def keyed_hash(key: bytes, kind: str, value: str) -> str:
    return hmac.digest(key, f"{kind}:{value}".encode(), "sha256").hex()


def _read(path: Path) -> bytes | None:
    try:
        text = path.read_text().strip()
    except FileNotFoundError:
        return None
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) != 32:
        raise HQError(MATCH_KEY_WRONG, f"the match key file {path} does not hold a key (64 hex digits)", status=503)
    return key


def _create(path: Path) -> bytes:
    """A new key written whole (a temporary file linked into place), so that another HQ process making it at the
    same moment never reads half a file: the first one linked wins, the other reads it."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_bytes(32)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(key.hex() + "\n")
    try:
        os.link(temporary, path)
    except FileExistsError:
        key = _read(path) or key
    finally:
        temporary.unlink()
    return key


def _held_fingerprint(conn: Connection) -> str | None:
    m = s.match_keys
    return conn.execute(sa.select(m.c.key_hash).where(m.c.kind == CHECK).limit(1)).scalar()


def _hashes_held(conn: Connection) -> bool:
    return conn.execute(sa.select(s.match_keys.c.kind).limit(1)).first() is not None


def load(conn: Connection, create: bool = True) -> bytes | None:
    """The match key, checked against the fingerprint the database holds (stored with the first hash). Without the file:
    made when the database holds no hash (and `create`), else HQError `match_key_missing`. None when not made."""
    path = key_file()
    cache_key = (str(path), conn.engine.url.render_as_string(hide_password=True))
    key = _loaded.get(cache_key)
    if key is not None:
        return key
    with _lock:
        held = _held_fingerprint(conn)
        key = _read(path)
        if key is None:
            if held is not None or _hashes_held(conn):
                raise HQError(
                    MATCH_KEY_MISSING,
                    f"the match key file {path} is missing but the database holds hashes made with it: restore the "
                    f"file from HQ's backup (or point {ENV_KEY_FILE} to it); with a new key, "
                    "`fieldapp-hq cross-serving --rebuild` hashes everything again",
                    status=503,
                )
            if not create:
                return None
            key = _create(path)
        if held is None:
            replace_fingerprint(conn, key)
        elif held != fingerprint(key):
            raise HQError(
                MATCH_KEY_WRONG,
                f"the match key file {path} is not the key the database's hashes were made with: restore the right "
                "file, or `fieldapp-hq cross-serving --rebuild` to hash everything again with this one",
                status=503,
            )
        _loaded[cache_key] = key
        return key


def replace_fingerprint(conn: Connection, key: bytes) -> None:
    """The database's fingerprint becomes this key's (its first hash, or a rebuild with it)."""
    m = s.match_keys
    conn.execute(m.delete().where(m.c.kind == CHECK))
    row = {"association_id": "", "household_id": "", "kind": CHECK, "key_hash": fingerprint(key)}
    conn.execute(dialect_insert(conn, m).on_conflict_do_nothing(), [row])  # two HQ processes at their first hash


def forget() -> None:
    """Drop the keys loaded by this process (tests, and a rebuild that changed the key)."""
    _loaded.clear()
