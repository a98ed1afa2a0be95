"""Encryption at rest: the database file and its WAL hold no name, CIN or phone in clear and open for nobody without
the data key; a wrong key is refused in words; a plain database (the kept schema 0001 file, a schema 0005 one) is
converted when first given a key, and a `kill -9` at any moment of that leaves a usable database."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config

from fieldapp import encryption, migrate, paths, preferences, quick_read
from fieldapp.db import Database
from fieldapp.errors import DatabaseRefused, NotAllowed
from fieldapp.paths import package_path
from fieldapp.services import households, setup
from fieldapp.services.bulk import import_households
from fieldapp.services.households import HouseholdInput, register_household

ROOT = Path(__file__).resolve().parents[2]
OLD_FILE = ROOT / "tests" / "data" / "fieldapp-schema-0001.sqlite3"
KHOURIBGA = "05.311.01.07"
KEY = bytes(range(32))
# Never readable in the file: a name (Latin, Arabic), a CIN, a phone, as typed and as the search folds them.
SECRETS = ("Zoubida", "zoubida", "Tahiri", "tahiri", "زبيدة", "ZQ987654", "zq987654", "661234567")


def _laptop(tmp_path: Path, key: bytes | None = KEY) -> Database:
    db = Database.open(tmp_path / "laptop", key=key)
    setup.initialise(db, "Association Al Amal", "KHR1", operator="Samira")
    return db


def _register_the_family(db: Database) -> None:
    register_household(
        db,
        HouseholdInput(
            head_name="Zoubida Tahiri",
            head_name_ar="زبيدة الطاهري",
            cin="ZQ987654",
            phone="+212661234567",
            commune=KHOURIBGA,
            consent=True,
        ),
    )


def _found_in(path: Path) -> list[str]:
    data = path.read_bytes() if path.exists() else b""
    return [secret for secret in SECRETS if secret.encode() in data]


def _revision(path: Path, key: bytes | None = None) -> str:
    with contextlib.closing(encryption.connect(path, key, readonly=True)) as conn:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def test_the_file_and_its_wal_hold_no_name_cin_or_phone_and_plain_sqlite_cannot_open_it(tmp_path):
    db = _laptop(tmp_path)
    _register_the_family(db)
    wal = Path(f"{db.path}-wal")
    assert wal.stat().st_size > 0  # the family is in the WAL too, not yet folded into the file

    assert _found_in(db.path) == [] and _found_in(wal) == []
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(db.path).execute("SELECT count(*) FROM households").fetchone()
    db.dispose()
    assert _found_in(db.path) == []
    again = Database.open(tmp_path / "laptop", key=KEY)
    assert [h.cin for h in households.search_households(again, "zoub")] == ["ZQ987654"]
    again.dispose()


def test_the_same_family_in_a_plain_file_is_readable_so_the_search_above_means_something(tmp_path):
    db = _laptop(tmp_path, key=None)
    _register_the_family(db)
    db.dispose()
    assert set(_found_in(db.path)) == set(SECRETS)


def test_a_wrong_key_is_refused_at_once_in_words_and_the_file_is_left_untouched(tmp_path):
    db = _laptop(tmp_path)
    _register_the_family(db)
    db.dispose()
    before = db.path.read_bytes()

    with pytest.raises(NotAllowed) as wrong:
        Database.open(tmp_path / "laptop", key=bytes(32))
    assert wrong.value.key == "error.database_key_wrong" and wrong.value.exit_code == 7
    assert "ne s'ouvre pas avec la clé" in wrong.value.message() and str(db.path) in wrong.value.message()
    with pytest.raises(DatabaseRefused):  # no key at all: not a database it can read
        Database.open(tmp_path / "laptop")
    assert db.path.read_bytes() == before


def test_the_quick_first_screen_reads_with_the_key_and_steps_aside_without_it(tmp_path):
    db = _laptop(tmp_path)
    db.dispose()
    folder = tmp_path / "laptop"

    quick = quick_read.check(folder, key=KEY)
    assert quick is not None and quick.association_name == "Association Al Amal"
    with quick.connection() as conn:
        assert conn.execute("SELECT count(*) FROM households").fetchone() == (0,)
    assert quick_read.check(folder) is None and quick_read.check(folder, key=bytes(32)) is None


def test_the_language_is_kept_beside_the_database_for_the_screens_before_login(tmp_path, cli):
    db = _laptop(tmp_path)
    folder = tmp_path / "laptop"
    assert preferences.language(folder) == "fr"
    setup.update_setting(db, "language", "ar")
    db.dispose()
    assert preferences.language(folder) == "ar"
    preferences.remember(folder, last_user="Samira")
    assert preferences.read(folder) == {"language": "ar", "last_user": "Samira"}

    # A command that cannot open the database yet speaks the stored language.
    refused = cli("--data-dir", str(folder), "restore", str(tmp_path / "nowhere.sqlite3"))
    assert refused.code == 4 and "لا يوجد" in refused.err, refused.err


# -- conversion of a plain database ---------------------------------------------------------------------------------


def _upgraded_to(path: Path, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(package_path("migrations")))
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def _converted_and_opened(path: Path) -> Database:
    db = Database(path, path.parent / "backups", key=KEY)
    assert not encryption.is_plain(path) and _revision(path, KEY) == migrate.head_revision()
    assert db.converted_from is not None and not db.converted_from.exists()  # the plain copy, gone once it opened
    assert [f.name for f in (path.parent / "backups").glob("*") if encryption.is_plain(f)] == []
    return db


def test_the_kept_schema_0001_database_is_converted_then_upgraded_with_a_plain_copy_kept_first(tmp_path):
    path = tmp_path / "data" / paths.DATABASE_FILE
    path.parent.mkdir()
    shutil.copy(OLD_FILE, path)

    db = _converted_and_opened(path)

    assert db.backup_made is not None and not encryption.is_plain(db.backup_made)  # the pre-upgrade copy: encrypted
    assert households.get_household(db, "BK654321").head_name == "Hassan Ait Ouali"
    assert [h.cin for h in households.search_households(db, "حسن")] == ["BK654321"]
    db.dispose()
    again = Database(path, path.parent / "backups", key=KEY)  # converted once
    assert again.converted_from is None and again.backup_made is None
    again.dispose()


def test_a_schema_0005_database_is_converted_with_what_its_wal_still_held(tmp_path):
    work = tmp_path / "work" / paths.DATABASE_FILE
    work.parent.mkdir()
    shutil.copy(OLD_FILE, work)
    _upgraded_to(work, "0005")
    writer = sqlite3.connect(work)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    with writer:
        writer.execute("UPDATE households SET phone = '+212661234567' WHERE cin = 'BK654321'")
    path = tmp_path / "data" / paths.DATABASE_FILE  # copied while the change is only in the WAL (as after a crash)
    path.parent.mkdir()
    for suffix in ("", "-wal"):
        shutil.copy(f"{work}{suffix}", f"{path}{suffix}")
    writer.close()
    assert _revision(path) == "0005"

    db = _converted_and_opened(path)

    assert households.get_household(db, "BK654321").phone == "+212661234567"
    assert not Path(f"{path}-wal").exists() or _found_in(Path(f"{path}-wal")) == []
    db.dispose()


@pytest.fixture(scope="module")
def plain_record(tmp_path_factory) -> Path:
    """A plain database of 2,000 households (a few MB: converting it takes long enough to be killed half-way)."""
    folder = tmp_path_factory.mktemp("plain") / "data"
    db = Database.open(folder)
    setup.initialise(db, "Association Al Amal", "KHR1")
    records = [
        HouseholdInput(head_name=f"Famille {n:04d} Tahiri", cin=f"ZQ{100000 + n}", commune=KHOURIBGA, consent=True)
        for n in range(2000)
    ]
    assert import_households(db, records).imported == 2000
    db.dispose()
    return folder


CONVERT = """
import sys
from fieldapp import encryption
print("ready", flush=True)
sys.stdin.readline()
encryption.convert(sys.argv[1], bytes.fromhex(sys.argv[2]), sys.argv[3])
print("done", flush=True)
"""


def _convert_in_a_process(folder: Path, kill_after: float | None) -> str:
    """Convert the folder's database in another process, SIGKILLed `kill_after` seconds after it starts converting;
    the seconds it took (None) or "killed"."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    path = folder / paths.DATABASE_FILE
    proc = subprocess.Popen(
        [sys.executable, "-c", CONVERT, str(path), KEY.hex(), str(folder / "backups")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout.readline().strip() == "ready"
    start = time.perf_counter()
    proc.stdin.write("go\n")
    proc.stdin.flush()
    if kill_after is None:
        assert proc.stdout.readline().strip() == "done"
        proc.wait()
        return f"{time.perf_counter() - start}"
    time.sleep(kill_after)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return "killed"


def _usable(folder: Path) -> str:
    """'plain' or 'encrypted' when the database reads whole with its 2,000 households; fails otherwise."""
    path = folder / paths.DATABASE_FILE
    key = encryption.key_for(path, KEY)
    with contextlib.closing(encryption.connect(path, key, readonly=True)) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM households").fetchone() == (2000,)
    return "plain" if key is None else "encrypted"


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_conversion_killed_at_any_moment_leaves_the_plain_file_or_the_encrypted_one(plain_record, tmp_path):
    whole = tmp_path / "whole"
    shutil.copytree(plain_record, whole)
    seconds = float(_convert_in_a_process(whole, None))
    assert _usable(whole) == "encrypted"

    seen = []
    for fraction in (0.0, 0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 1.0, 1.2, 3.0):
        folder = tmp_path / f"killed-{fraction}"
        shutil.copytree(plain_record, folder)
        _convert_in_a_process(folder, seconds * fraction)
        seen.append(_usable(folder))  # never neither
        db = Database.open(folder, key=KEY)  # and the next open finishes the work
        assert _usable(folder) == "encrypted" and len(households.search_households(db, "tahiri", limit=5)) == 5
        db.dispose()
        assert not list(folder.glob(".*.tmp"))  # the half-written copy of the killed run is gone
    assert seen[0] == "plain" and seen[-1] == "encrypted", seen
