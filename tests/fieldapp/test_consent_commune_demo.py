"""Issue 14, set-up: consent asked for at registration (and the register of families without it), a default commune
chosen at set-up, and leaving the demo data for a real set-up (the demo's record moved aside, never deleted)."""

from __future__ import annotations

import datetime as dt

import pytest
from raw_db import TEST_PASSWORD, TEST_USER

from fieldapp import paths, preferences
from fieldapp.errors import BadData, Refused
from fieldapp.keystore import KEYSTORE_FILE
from fieldapp.services import accounts, leave_demo, setup
from fieldapp.services.demo import generate_demo
from fieldapp.services.households import (
    HouseholdInput,
    count_households,
    list_households,
    register_household,
    update_household,
)

KHOURIBGA = "05.311.01.07"


def family(name: str = "Fatima Benali", **fields) -> HouseholdInput:
    return HouseholdInput(head_name=name, commune=KHOURIBGA, **fields)


@pytest.mark.parametrize(
    ("language", "words"), [("fr", "chef de foyer accepte d'être enregistré"), ("ar", "يوافق رب الأسرة على تسجيله")]
)
def test_a_new_family_without_a_consent_choice_is_refused_and_nothing_is_written(db, language, words):
    with pytest.raises(BadData) as refused:
        register_household(db, family())

    assert refused.value.key == "error.consent_choice_required"
    assert words in refused.value.message(language)
    assert count_households(db) == 0


def test_without_consent_a_family_is_registered_and_listed_in_the_register_of_families_without_consent(db):
    agreed = register_household(db, family("Fatima Benali", consent=True)).value
    waiting = register_household(db, family("Ahmed Tazi", consent=False)).value

    assert waiting.consent_at is None and agreed.consent_at is not None
    assert [h.id for h in list_households(db, consent=False)] == [waiting.id]
    assert [h.id for h in list_households(db, consent=True)] == [agreed.id]
    assert len(list_households(db)) == 2


def test_editing_a_family_keeps_its_consent_unless_it_is_changed(db):
    agreed = register_household(db, family(consent=True, consent_by="Khadija")).value

    edited = update_household(db, agreed.id, HouseholdInput(douar="Douar Lahmar")).value

    assert (edited.consent_at, edited.consent_by) == (agreed.consent_at, "Khadija")
    collected = update_household(db, register_household(db, family("Ahmed Tazi", consent=False)).value.id,
                                 HouseholdInput(consent=True))  # fmt: skip
    assert collected.value.consent_at is not None
    assert list_households(db, consent=False) == []


def test_the_demo_data_has_nearly_every_family_with_consent(blank_db):
    setup.initialise_demo_if_new(blank_db)
    generate_demo(blank_db, households=200)

    without = len(list_households(blank_db, limit=500, consent=False))
    assert 1 <= without <= 20  # a few to collect, as on a real list


def test_the_default_commune_is_set_at_set_up_by_name_and_kept_as_its_hcp_code(blank_db):
    setup.initialise(blank_db, "Association Al Amal", "KHR1", default_commune="Khouribga")

    assert setup.current_settings(blank_db)["default_commune"] == KHOURIBGA


def test_the_default_commune_is_changed_or_cleared_in_the_settings_and_an_unknown_one_refused(db):
    assert setup.current_settings(db)["default_commune"] is None
    setup.update_settings(db, {"default_commune": KHOURIBGA})
    assert setup.current_settings(db)["default_commune"] == KHOURIBGA

    with pytest.raises(BadData) as refused:
        setup.update_settings(db, {"default_commune": "Nulle-Part-Sur-Mer"})
    assert refused.value.key == "error.commune_unknown"
    assert setup.current_settings(db)["default_commune"] == KHOURIBGA

    setup.update_settings(db, {"default_commune": None})
    assert setup.current_settings(db)["default_commune"] is None


def test_an_unknown_default_commune_at_set_up_leaves_the_laptop_not_set_up(blank_db):
    with pytest.raises(BadData):
        setup.initialise(blank_db, "Association Al Amal", "KHR1", default_commune="Nulle-Part-Sur-Mer")

    assert setup.current_identity(blank_db) is None


@pytest.fixture
def demo_laptop(blank_db, data_dir):
    setup.initialise_demo_if_new(blank_db)
    generate_demo(blank_db, households=10)
    preferences.remember(data_dir, last_user="Samira", demo_user="demo")
    return blank_db


def test_leaving_the_demo_moves_its_database_and_keys_to_a_dated_archive(demo_laptop, data_dir):
    moment = dt.datetime(2026, 12, 3, 18, 5, 9)

    archive = leave_demo.leave_demo(demo_laptop, now=moment)

    assert archive.folder == data_dir / "demo-archive-20261203-180509"
    assert {paths.DATABASE_FILE, KEYSTORE_FILE} <= set(archive.files)
    assert (archive.folder / paths.DATABASE_FILE).stat().st_size > 0 and (archive.folder / KEYSTORE_FILE).exists()
    assert leave_demo.data_folder_is_new(str(data_dir))  # the first set-up comes next, as on a new laptop
    assert preferences.read(data_dir).get("demo_user") is None and preferences.last_user(data_dir) is None


def test_the_archived_demo_still_opens_with_its_keys(demo_laptop):
    archive = leave_demo.leave_demo(demo_laptop)

    reopened = accounts.login(archive.folder, TEST_USER, TEST_PASSWORD)  # nothing was lost by a misclick
    try:
        assert count_households(reopened) == 10
    finally:
        reopened.dispose()


def test_leaving_is_refused_on_a_laptop_that_is_not_the_demo(db, data_dir):
    with pytest.raises(Refused) as refused:
        leave_demo.leave_demo(db)

    assert refused.value.key == "error.not_demo"
    assert (data_dir / paths.DATABASE_FILE).exists() and not list(data_dir.glob("demo-archive-*"))


def test_a_demo_laptop_enrolled_with_hq_keeps_its_unsent_changes(demo_laptop, data_dir):
    setup.update_settings(demo_laptop, {"hq_device_id": "device-1"})  # nothing stops a demo laptop from enrolling

    with pytest.raises(Refused) as refused:
        leave_demo.leave_demo(demo_laptop)

    assert refused.value.key == "error.demo_unsent_changes" and refused.value.params["count"] > 0
    assert (data_dir / paths.DATABASE_FILE).exists() and not list(data_dir.glob("demo-archive-*"))
