"""The command line of issue 14's set-up part: `household add` asks for the consent choice (exit 2, nothing written),
`init --commune` sets the commune `household add` uses without --commune, `household list --without-consent`, and
`leave-demo` (explains without --yes; with it, the demo's record moves to a dated archive and `init` starts anew)."""

from __future__ import annotations

import pytest
from cli_checks import assert_one_line_error, assert_usage_error

from fieldapp import paths
from fieldapp.keystore import KEYSTORE_FILE

KHOURIBGA = "05.311.01.07"


@pytest.fixture
def ready(cli):
    assert cli("init", "--association", "Association Al Amal", "--device", "KHR1").code == 0
    return cli


def household_count(cli) -> int:
    result = cli("household", "list", "--limit", "1000", "--json")
    assert result.code == 0, result
    return len(result.json())


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_household_add_without_a_consent_choice_exits_2_naming_the_options_and_writes_nothing(ready, language):
    result = ready("--lang", language, "household", "add", "--name", "Ahmed Tazi", "--commune", KHOURIBGA)

    assert_usage_error(result)
    line = assert_one_line_error(result, 2)
    assert "--consent" in line and "--no-consent" in line
    assert ("consentement" if language == "fr" else "الموافقة") in line
    assert household_count(ready) == 0


def test_no_consent_registers_the_family_in_the_register_of_families_without_consent(ready):
    assert ready("household", "add", "--name", "Fatima Benali", "--commune", KHOURIBGA, "--consent").code == 0
    waiting = ready("household", "add", "--name", "Ahmed Tazi", "--commune", KHOURIBGA, "--no-consent", "--json")
    assert waiting.code == 0, waiting
    assert waiting.json()["consent_at"] is None

    listed = ready("household", "list", "--without-consent", "--json").json()
    assert [h["head_name"] for h in listed] == ["Ahmed Tazi"]


def test_without_a_default_commune_a_missing_commune_still_exits_2(ready):
    result = ready("household", "add", "--name", "Ahmed Tazi", "--consent")

    assert_usage_error(result)
    assert "--commune" in result.err and "init --commune" in result.err
    assert household_count(ready) == 0


def test_init_commune_then_household_add_without_commune_uses_it(cli):
    done = cli("init", "--association", "Association Al Amal", "--device", "KHR1", "--commune", "Khouribga", "--json")
    assert done.code == 0, done
    assert done.json()["default_commune"] == KHOURIBGA

    added = cli("household", "add", "--name", "Ahmed Tazi", "--consent", "--json")
    assert added.code == 0, added
    assert added.json()["commune_code"] == KHOURIBGA
    other = cli("household", "add", "--name", "Fatima", "--consent", "--commune", "Oued Zem", "--json")
    assert other.json()["commune_code"] != KHOURIBGA  # still changeable


def test_init_again_changes_the_default_commune_and_an_unknown_one_writes_nothing(ready, data_dir):
    result = ready("init", "--association", "Association Al Amal", "--device", "KHR1", "--commune", "Nulle-Part")
    assert_one_line_error(result, 5)

    again = ready("init", "--association", "Association Al Amal", "--device", "KHR1", "--commune", KHOURIBGA)
    assert again.code == 0 and "Khouribga" in again.out


def test_init_with_an_unknown_commune_on_a_new_folder_creates_nothing(cli, data_dir):
    result = cli("init", "--association", "Association Al Amal", "--device", "KHR1", "--commune", "Nulle-Part")

    assert_one_line_error(result, 5)
    assert not (data_dir / KEYSTORE_FILE).exists() and not (data_dir / paths.DATABASE_FILE).exists()


@pytest.fixture
def demo(cli):
    assert cli("demo", "--households", "5").code == 0
    return cli


def test_leave_demo_without_yes_explains_and_changes_nothing(demo, data_dir):
    result = demo("leave-demo")

    line = assert_one_line_error(result, 3)
    assert "--yes" in line and "demo-archive" in line
    assert (data_dir / paths.DATABASE_FILE).exists() and not list(data_dir.glob("demo-archive-*"))
    assert household_count(demo) == 5


def test_leave_demo_yes_archives_the_demo_then_init_sets_the_association_up(demo, data_dir):
    result = demo("leave-demo", "--yes", "--json")

    assert result.code == 0, result
    folder = result.json()["folder"]
    [archive] = data_dir.glob("demo-archive-*")
    assert str(archive) == folder and (archive / paths.DATABASE_FILE).exists() and (archive / KEYSTORE_FILE).exists()
    assert_one_line_error(demo("household", "list"), 3)  # a new laptop: not set up yet
    assert demo("init", "--association", "Association Al Amal", "--device", "KHR1").code == 0
    assert household_count(demo) == 0


def test_leave_demo_is_refused_on_a_real_laptop(ready, data_dir):
    line = assert_one_line_error(ready("leave-demo", "--yes"), 3)

    assert "démo" in line
    assert (data_dir / paths.DATABASE_FILE).exists()
