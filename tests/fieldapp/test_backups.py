"""Backups: `fieldapp backup` makes a consistent copy (rotated in the data folder, or to -o FILE); `fieldapp restore`
checks the file before touching anything, keeps the record as it was, and never silently loses changes HQ never got."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fieldapp import encryption, paths
from fieldapp.db import Database
from fieldapp.errors import BadData, Refused
from fieldapp.keystore import Keystore
from fieldapp.services import backups, setup
from fieldapp.services.households import HouseholdInput, list_households, register_household

KHOURIBGA = "05.311.01.07"


def _family(db: Database, name: str) -> None:
    register_household(db, HouseholdInput(head_name=name, commune=KHOURIBGA, consent=True))


def _names(data_dir, key: bytes | None = None) -> list[str]:
    db = Database.open(data_dir, key=key)
    try:
        return sorted(h.head_name for h in list_households(db))
    finally:
        db.dispose()


def test_a_backup_and_a_restore_bring_the_record_back_as_it_was(cli, db, data_dir, tmp_path):
    _family(db, "Fatima Alaoui")
    made = cli("backup", "-o", str(tmp_path / "usb" / "copie.sqlite3"), "--json")
    assert made.code == 0, made.err
    assert made.json()["households"] == 1 and made.json()["association_name"] == "Association Al Amal"
    db.dispose()

    restored = cli("restore", str(tmp_path / "usb" / "copie.sqlite3"))

    assert restored.code == 0, restored.err
    assert "Sauvegarde restaurée" in restored.out and "1 foyers" in restored.out
    assert "gardée dans" in restored.out  # the record as it was, backed up before it was replaced
    assert _names(data_dir, db.key) == ["Fatima Alaoui"]


def test_automatic_copies_go_to_the_data_folder_and_the_oldest_are_rotated(db, data_dir, monkeypatch):
    monkeypatch.setattr(backups, "KEEP", 3)
    made = [backups.backup(data_dir, key=db.key).path for _ in range(5)]
    kept = sorted(str(p) for p in paths.backups_dir(data_dir).glob(f"{backups.PREFIX}*.sqlite3"))
    assert kept == sorted(made[-3:])
    assert all(not backups.keys_path(old).exists() for old in made[:-3])  # the keys go with their backup
    assert all(backups.keys_path(kept).exists() for kept in made[-3:])


def test_a_junk_file_is_refused_in_words_and_nothing_is_touched(cli, db, data_dir, tmp_path):
    _family(db, "Fatima Alaoui")
    db.dispose()
    junk = tmp_path / "photo.sqlite3"
    junk.write_bytes(os.urandom(8192))
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (text)")

    for file, words in ((junk, "abîmée"), (other, "n'est pas une sauvegarde fieldapp"), (tmp_path / "none", "Pas de")):
        refused = cli("restore", str(file))
        assert refused.code in (4, 5) and words in refused.err, refused.err
        assert "Traceback" not in refused.err
    assert _names(data_dir, db.key) == ["Fatima Alaoui"]
    assert not list(paths.backups_dir(data_dir).glob(f"{backups.PREFIX}*"))  # refused before anything was done


def test_changes_never_sent_to_hq_are_not_lost_without_a_yes(cli, db, data_dir, tmp_path):
    _family(db, "Fatima Alaoui")
    old = backups.backup(data_dir, tmp_path / "old.sqlite3", key=db.key)
    _family(db, "Khadija Benali")  # made after the backup, never sent to HQ
    db.dispose()

    refused = cli("--lang", "ar", "restore", old.path)
    assert refused.code == 3 and "لم تتم أي استعادة" in refused.err
    assert _names(data_dir, db.key) == ["Fatima Alaoui", "Khadija Benali"]

    forced = cli("restore", old.path, "--yes", "--json")
    assert forced.code == 0 and forced.json()["unsent_lost"] == 1
    assert _names(data_dir, db.key) == ["Fatima Alaoui"]
    assert "Khadija Benali" in _names_in(forced.json()["previous"], db.key)  # and still in the copy made before


def _names_in(path: str, key: bytes | None) -> list[str]:
    with contextlib.closing(encryption.connect(path, encryption.key_for(path, key), readonly=True)) as conn:
        return sorted(row[0] for row in conn.execute("SELECT head_name FROM households"))


def test_a_damaged_record_is_replaced_and_kept_byte_for_byte(cli, db, data_dir, tmp_path):
    _family(db, "Fatima Alaoui")
    copy = backups.backup(data_dir, tmp_path / "copie.sqlite3", key=db.key)
    db.dispose()
    record = data_dir / paths.DATABASE_FILE
    damaged = b"power cut" * 1000
    record.write_bytes(damaged)
    for leftover in (data_dir / "fieldapp.sqlite3-wal", data_dir / "fieldapp.sqlite3-shm"):
        leftover.unlink(missing_ok=True)

    restored = cli("restore", copy.path, "--json")

    assert restored.code == 0, restored.err
    assert _names(data_dir, db.key) == ["Fatima Alaoui"]
    assert Path(restored.json()["previous"]).read_bytes() == damaged


def test_another_associations_backup_is_refused(cli, db, data_dir, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    other = Database.open(elsewhere)
    setup.initialise(other, "Association Nour", "OUJ1")
    other.dispose()
    theirs = backups.backup(elsewhere, tmp_path / "theirs.sqlite3")
    db.dispose()

    refused = cli("restore", theirs.path)
    assert refused.code == 3 and "Association Nour" in refused.err


def test_a_backup_killed_half_way_leaves_the_previous_one_whole(db, data_dir, tmp_path):
    for number in range(300):
        _family(db, f"Famille {number:03d}")
    _kill_backups_half_way(data_dir, tmp_path / "usb" / "copie.sqlite3", db.key)


KILLED_BACKUPS = """
import sys
from fieldapp.services import backups
key = bytes.fromhex(sys.argv[3]) or None
for _ in range(10_000):
    backups.backup(sys.argv[1], sys.argv[2], key=key)
"""


def _kill_backups_half_way(data_dir: Path, target: Path, key: bytes | None) -> None:
    """Back up to `target` in another process, SIGKILLed at several moments: the backup there is always whole."""
    first = backups.backup(data_dir, target, key=key)
    for delay in (0.05, 0.15, 0.3):
        script = [sys.executable, "-c", KILLED_BACKUPS, str(data_dir), str(target), (key or b"").hex()]
        writer = subprocess.Popen(script)
        time.sleep(delay)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        assert backups.inspect(target, key=key).households == first.households == 300  # old or new, never half
    # beside it, its keys (with a keystore) and at most the temporary files of the killed writers (hidden)
    keys = backups.keys_path(target)
    assert keys.exists() == Keystore.exists(data_dir)
    assert not [p for p in target.parent.iterdir() if p not in (target, keys) and not p.name.startswith(".copie.")]


def test_there_is_nothing_to_back_up_before_the_first_start(cli):
    refused = cli("backup")
    assert refused.code == 4 and "pas encore de base de données" in refused.err


# -- encrypted records ----------------------------------------------------------------------------------------------

PASSWORD = "sel et sucre 2026"


def _encrypted_laptop(folder: Path, association: str = "Association Al Amal") -> Database:
    """A data folder as after set-up with a coordinator: a keystore, and the record encrypted with its data key."""
    _, created = Keystore.create(Keystore.path_in(folder), "Samira", PASSWORD)
    db = Database.open(folder, key=created.data_key)
    setup.initialise(db, association, "KHR1")
    return db


def _unlocked(keystore: Path) -> bytes:
    return Keystore.load(keystore).unlock("Samira", PASSWORD)


def test_an_encrypted_backup_opens_on_a_new_laptop_with_the_same_password(tmp_path):
    laptop = _encrypted_laptop(tmp_path / "laptop")
    _family(laptop, "Zoubida Tahiri")
    usb = tmp_path / "usb" / "copie.sqlite3"

    made = backups.backup(tmp_path / "laptop", usb, key=laptop.key)

    assert made.encrypted and not encryption.is_plain(usb) and b"Zoubida" not in usb.read_bytes()
    _family(laptop, "Khadija Benali")  # after the backup, never sent to HQ: protected there too
    with pytest.raises(Refused) as refused:
        backups.restore(tmp_path / "laptop", usb, key=laptop.key)
    assert refused.value.key == "error.backup_would_lose" and refused.value.params["count"] == 1
    laptop.dispose()

    new = tmp_path / "new-laptop"  # nothing there yet: the backup brings its keys
    done = backups.restore(new, usb, file_key=_unlocked(backups.keys_path(usb)))

    assert done.restored.households == 1 and done.previous is None
    assert not encryption.is_plain(new / paths.DATABASE_FILE)
    assert _names(new, _unlocked(Keystore.path_in(new))) == ["Zoubida Tahiri"]


def test_a_backup_made_before_encryption_is_restored_encrypted(tmp_path):
    folder = tmp_path / "laptop"
    plain = Database.open(folder)
    setup.initialise(plain, "Association Al Amal", "KHR1")
    _family(plain, "Fatima Alaoui")
    before = backups.backup(folder, tmp_path / "avant.sqlite3")
    _family(plain, "Khadija Benali")
    plain.dispose()
    assert not before.encrypted
    _, created = Keystore.create(Keystore.path_in(folder), "Samira", PASSWORD)
    Database.open(folder, key=created.data_key).dispose()  # the first coordinator: the record is converted

    done = backups.restore(folder, before.path, allow_unsent_loss=True, key=created.data_key)

    assert done.unsent_lost == 1 and done.restored.encrypted
    assert not encryption.is_plain(folder / paths.DATABASE_FILE)
    assert _names(folder, created.data_key) == ["Fatima Alaoui"]
    assert not encryption.is_plain(done.previous) and backups.keys_path(done.previous).exists()
    assert _names_in(done.previous, created.data_key) == ["Fatima Alaoui", "Khadija Benali"]


def test_a_backup_of_another_key_or_a_junk_file_is_refused_in_words_and_nothing_is_touched(tmp_path):
    laptop = _encrypted_laptop(tmp_path / "laptop")
    _family(laptop, "Fatima Alaoui")
    laptop.dispose()
    elsewhere = _encrypted_laptop(tmp_path / "elsewhere")
    theirs = backups.backup(tmp_path / "elsewhere", tmp_path / "theirs.sqlite3", key=elsewhere.key)
    elsewhere.dispose()
    junk = tmp_path / "photo.sqlite3"
    junk.write_bytes(os.urandom(8192))

    for file in (theirs.path, junk):
        with pytest.raises(BadData) as refused:
            backups.restore(tmp_path / "laptop", file, key=laptop.key)
        assert refused.value.exit_code == 5 and "abîmée, ou chiffrée avec la clé" in refused.value.message()
    assert _names(tmp_path / "laptop", laptop.key) == ["Fatima Alaoui"]
    assert not list(paths.backups_dir(tmp_path / "laptop").glob(f"{backups.PREFIX}*"))


def test_an_encrypted_backup_killed_half_way_leaves_the_previous_one_whole(tmp_path):
    laptop = _encrypted_laptop(tmp_path / "laptop")
    for number in range(300):
        _family(laptop, f"Famille {number:03d}")
    _kill_backups_half_way(tmp_path / "laptop", tmp_path / "usb" / "copie.sqlite3", laptop.key)
    laptop.dispose()
