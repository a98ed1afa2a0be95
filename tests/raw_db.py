"""The test database's file opened as plain SQL (with the test coordinator's key), to check what a command left."""

from __future__ import annotations

from pathlib import Path

from fieldapp import encryption, paths
from fieldapp.keystore import Keystore

TEST_USER, TEST_PASSWORD = "Samira", "mot-de-passe-test"


def data_key(data_dir: Path, user: str = TEST_USER, password: str = TEST_PASSWORD) -> bytes | None:
    """The data key of the folder's database, None when it has no accounts (a plain file)."""
    if not Keystore.exists(data_dir):
        return None
    return Keystore.load(Keystore.path_in(data_dir)).unlock(user, password)


def connect(data_dir: Path, readonly: bool = True):
    """A DB-API connection to the folder's database file, keyed as it is."""
    return encryption.connect(Path(data_dir) / paths.DATABASE_FILE, data_key(Path(data_dir)), readonly=readonly)
