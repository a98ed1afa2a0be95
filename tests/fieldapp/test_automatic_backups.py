"""Automatic backups: made when the record changed, at the day's end or the next morning, copied to a USB stick."""

from __future__ import annotations

import datetime as dt

from fieldapp.keystore import Keystore
from fieldapp.services import automatic_backups, backups, setup
from fieldapp.services.households import HouseholdInput, register_household

KHOURIBGA = "05.311.01.07"
TODAY = dt.date(2026, 12, 3)


def _family(db, name="Fatima Alaoui"):
    register_household(db, HouseholdInput(head_name=name, commune=KHOURIBGA, size=3, consent=True))


def _kept(folder):
    return sorted(folder.glob(f"{backups.PREFIX}*.sqlite3"))


def test_a_day_with_changes_ends_with_one_encrypted_backup_and_a_day_without_adds_none(db, data_dir):
    _family(db)
    first = automatic_backups.backup_if_due(db, today=TODAY)
    assert first.made is not None and first.made.encrypted and first.made.households == 1
    assert backups.keys_path(first.made.path).exists()  # opens on a new laptop with the same passwords
    assert automatic_backups.backup_if_due(db, today=TODAY).made is None  # nothing changed since
    _family(db, "Ahmed Benali")
    assert automatic_backups.backup_if_due(db, today=TODAY).made.households == 2
    assert len(_kept(data_dir / "backups")) == 2


def test_at_start_a_backup_is_made_only_when_the_day_before_ended_without_one(db):
    today = dt.date.today()
    _family(db)
    automatic_backups.backup_if_due(db, today=today)
    _family(db, "Ahmed Benali")  # then the power went out: no backup at the end of the day
    assert automatic_backups.backup_if_due(db, at_start=True, today=today).made is None  # the same day: at its end
    later = automatic_backups.backup_if_due(db, at_start=True, today=today + dt.timedelta(days=1))
    assert later.made is not None and later.made.households == 2


def test_the_second_folder_gets_each_copy_with_its_keys_and_keeps_the_newest(db, tmp_path, monkeypatch):
    stick = tmp_path / "USB"
    stick.mkdir()
    setup.update_settings(db, {"backup_folder": str(stick)})
    monkeypatch.setattr(backups, "KEEP", 2)
    for name in ("Fatima", "Ahmed", "Khadija"):
        _family(db, name)
        done = automatic_backups.backup_if_due(db, today=TODAY)
        assert done.second_copy is not None and done.second_folder_missing is None
    copies = _kept(stick)
    assert len(copies) == 2 and all(backups.keys_path(c).exists() for c in copies)
    opened = backups.inspect(copies[-1], key=db.key)
    assert opened.households == 3
    assert Keystore.load(backups.keys_path(copies[-1])).has_user("Samira")


def test_a_missing_usb_stick_is_reported_and_the_copy_in_the_data_folder_stands(db, data_dir, tmp_path):
    setup.update_settings(db, {"backup_folder": str(tmp_path / "unplugged")})
    _family(db)
    done = automatic_backups.backup_if_due(db, today=TODAY)
    assert done.made is not None and done.second_copy is None
    assert done.second_folder_missing == str(tmp_path / "unplugged")
    assert [str(p) for p in _kept(data_dir / "backups")] == [done.made.path]
