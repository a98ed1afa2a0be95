"""Backups: `fieldapp backup` makes a consistent copy (rotated in the data folder, or to -o FILE); `fieldapp restore`
checks the file before touching anything, keeps the record as it was, and never silently loses changes HQ never got."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from fieldapp import paths
from fieldapp.db import Database
from fieldapp.services import backups, setup
from fieldapp.services.households import HouseholdInput, list_households, register_household

KHOURIBGA = "05.311.01.07"


def _family(db: Database, name: str) -> None:
    register_household(db, HouseholdInput(head_name=name, commune=KHOURIBGA, consent=True))


def _names(data_dir) -> list[str]:
    db = Database.open(data_dir)
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
    assert _names(data_dir) == ["Fatima Alaoui"]


def test_automatic_copies_go_to_the_data_folder_and_the_oldest_are_rotated(db, data_dir, monkeypatch):
    monkeypatch.setattr(backups, "KEEP", 3)
    made = [backups.backup(data_dir).path for _ in range(5)]
    kept = sorted(str(p) for p in paths.backups_dir(data_dir).glob(f"{backups.PREFIX}*.sqlite3"))
    assert kept == sorted(made[-3:])


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
    assert _names(data_dir) == ["Fatima Alaoui"]
    assert not list(paths.backups_dir(data_dir).glob(f"{backups.PREFIX}*"))  # refused before anything was done


def test_changes_never_sent_to_hq_are_not_lost_without_a_yes(cli, db, data_dir, tmp_path):
    _family(db, "Fatima Alaoui")
    old = backups.backup(data_dir, tmp_path / "old.sqlite3")
    _family(db, "Khadija Benali")  # made after the backup, never sent to HQ
    db.dispose()

    refused = cli("--lang", "ar", "restore", old.path)
    assert refused.code == 3 and "لم تتم أي استعادة" in refused.err
    assert _names(data_dir) == ["Fatima Alaoui", "Khadija Benali"]

    forced = cli("restore", old.path, "--yes", "--json")
    assert forced.code == 0 and forced.json()["unsent_lost"] == 1
    assert _names(data_dir) == ["Fatima Alaoui"]
    assert "Khadija Benali" in _names_in(forced.json()["previous"])  # and still in the copy made before


def _names_in(path: str) -> list[str]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return [row[0] for row in conn.execute("SELECT head_name FROM households")]


def test_a_damaged_record_is_replaced_and_kept_byte_for_byte(cli, db, data_dir, tmp_path):
    _family(db, "Fatima Alaoui")
    copy = backups.backup(data_dir, tmp_path / "copie.sqlite3")
    db.dispose()
    record = data_dir / paths.DATABASE_FILE
    damaged = b"power cut" * 1000
    record.write_bytes(damaged)
    for leftover in (data_dir / "fieldapp.sqlite3-wal", data_dir / "fieldapp.sqlite3-shm"):
        leftover.unlink(missing_ok=True)

    restored = cli("restore", copy.path, "--json")

    assert restored.code == 0, restored.err
    assert _names(data_dir) == ["Fatima Alaoui"]
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
    target = tmp_path / "usb" / "copie.sqlite3"
    first = backups.backup(data_dir, target)
    script = (
        "import sys; from fieldapp.services import backups\n"
        "for _ in range(10_000): backups.backup(sys.argv[1], sys.argv[2])\n"
    )
    for delay in (0.05, 0.15, 0.3):
        writer = subprocess.Popen([sys.executable, "-c", script, str(data_dir), str(target)])
        time.sleep(delay)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        assert backups.inspect(target).households == first.households == 300  # old or new, never half
    # beside it, at most the temporary files of the killed writers (hidden, never taken for a backup)
    assert not [p for p in target.parent.iterdir() if p != target and not p.name.startswith(".copie.sqlite3.")]


def test_there_is_nothing_to_back_up_before_the_first_start(cli):
    refused = cli("backup")
    assert refused.code == 4 and "pas encore de base de données" in refused.err
