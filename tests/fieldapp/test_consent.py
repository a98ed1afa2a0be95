"""Consent (law 09-08): each household keeps when it agreed, to which text version and who took it; the text is
printed for the family in French and Arabic (read back with pdftotext), and the command writes it."""

from __future__ import annotations

import pytest
from test_receipts import page_size, pdf_info, pdf_text

from fieldapp.consent import CONSENT_VERSION, KEPT_AT_MOST_MONTHS
from fieldapp.db import Database
from fieldapp.errors import BadData
from fieldapp.permissions import Account, Role
from fieldapp.services.bulk import import_households
from fieldapp.services.consent_form import write_consent_form
from fieldapp.services.households import HouseholdInput, get_household, register_household, update_household

KHOURIBGA = "05.311.01.07"
A4_POINTS, A5_POINTS = (595.276, 841.89), (419.528, 595.276)


def register(db, **fields):
    return register_household(db, HouseholdInput(head_name="Fatima Benali", commune=KHOURIBGA, **fields)).value


def test_a_household_registered_with_consent_keeps_the_date_the_text_version_and_who_took_it(db):
    made = register(db, consent=True, consent_by="Khadija")

    kept = get_household(db, made.id)
    assert kept.consent_at is not None and kept.consent_version == CONSENT_VERSION == "2026-12"
    assert kept.consent_by == "Khadija"


def test_who_took_the_consent_is_the_operator_when_nobody_is_named(db):
    assert register(db, consent=True).consent_by == "Samira"


def test_no_consent_means_no_date_no_version_and_withdrawing_clears_all_three(db):
    made = register(db, consent=False)
    assert (made.consent_at, made.consent_version, made.consent_by) == (None, None, None)

    given = update_household(db, made.id, HouseholdInput(consent=True, consent_by="Khadija")).value
    assert given.consent_version == CONSENT_VERSION
    withdrawn = update_household(db, made.id, HouseholdInput(consent=False)).value
    assert (withdrawn.consent_at, withdrawn.consent_version, withdrawn.consent_by) == (None, None, None)


def test_an_imported_household_with_consent_keeps_the_text_version(db):
    data = HouseholdInput(head_name="Ahmed Alaoui", commune=KHOURIBGA, consent=True, consent_by="Khadija")
    result = import_households(db, [data])

    assert get_household(db, result.household_ids[0]).consent_version == CONSENT_VERSION


def test_the_printed_form_has_the_whole_text_in_french_and_in_arabic_on_one_a4_page(db, tmp_path):
    path = write_consent_form(db, tmp_path / "consent.pdf")

    assert pdf_info(path)["Pages"] == "1" and page_size(path) == pytest.approx(A4_POINTS, abs=0.01)
    text = " ".join(pdf_text(path).split())
    for french in (
        "Ce que nous gardons",
        "Pourquoi",
        "Qui les voit",
        "Combien de temps",
        "Vos droits",
        "À qui demander",
    ):
        assert french in text
    assert "Association Al Amal et la plateforme du siège de sa fédération" in text
    assert f"Au plus {KEPT_AT_MOST_MONTHS} mois" in text and "CNDP" in text
    assert f"version {CONSENT_VERSION}" in text
    assert "Signature ou empreinte" in text and "Accord recueilli par" in text
    # Arabic comes back from pdftotext in visual order: single words are checked.
    for arabic in ("الموافقة", "الهشاشة", "حقوقكم", "التوقيع"):
        assert arabic in text


def test_one_language_is_one_a5_page_in_that_language_only(db, tmp_path):
    path = write_consent_form(db, tmp_path / "consent-ar.pdf", "ar")

    assert pdf_info(path)["Pages"] == "1" and page_size(path) == pytest.approx(A5_POINTS, abs=0.01)
    text = pdf_text(path)
    assert "حقوقكم" in text and "Ce que nous gardons" not in text


def test_an_unknown_language_writes_nothing(db, tmp_path):
    with pytest.raises(BadData):
        write_consent_form(db, tmp_path / "consent.pdf", "es")
    assert not (tmp_path / "consent.pdf").exists()


def test_a_volunteer_may_print_the_form(db, data_dir, tmp_path):
    volunteer = Database(db.path, key=db.key, account=Account("Youssef", Role.VOLUNTEER))
    try:
        assert write_consent_form(volunteer, tmp_path / "consent.pdf").exists()
    finally:
        volunteer.dispose()


def test_the_commands_record_consent_and_print_the_form(db, cli, tmp_path):
    added = cli("household", "add", "--name", "Fatima Benali", "--commune", KHOURIBGA, "--consent", "--json")
    assert added.code == 0 and added.json()["consent_version"] == CONSENT_VERSION
    shown = cli("household", "show", added.json()["id"])
    assert f"v{CONSENT_VERSION}" in shown.out

    both = cli("consent", "print", "-o", str(tmp_path / "both.pdf"))
    arabic = cli("consent", "print", "-o", str(tmp_path / "ar.pdf"), "--lang", "ar", "--json")

    assert both.code == 0 and CONSENT_VERSION in both.out and (tmp_path / "both.pdf").exists()
    assert arabic.code == 0 and arabic.json()["languages"] == ["ar"]
    assert "Ce que nous gardons" not in pdf_text(tmp_path / "ar.pdf")


def test_the_command_withdraws_consent(db, cli):
    added = cli("household", "add", "--name", "Fatima Benali", "--commune", KHOURIBGA, "--consent", "--json").json()
    untouched = cli("household", "update", added["id"], "--phone", "0612345678", "--json").json()
    withdrawn = cli("household", "update", added["id"], "--no-consent", "--json").json()

    assert untouched["consent_version"] == CONSENT_VERSION
    assert (withdrawn["consent_at"], withdrawn["consent_version"], withdrawn["consent_by"]) == (None, None, None)
