"""Purpose on paper (law 09-08): every receipt format and every page of the sheets carries one short line saying why
the data is held and whom to ask (the association), in French and Arabic; read back with pdftotext."""

from __future__ import annotations

import pytest
from test_receipts import pdf_text
from test_sheets import page_texts, seed

from fieldapp import i18n
from fieldapp.printing import RECEIPT_FORMATS
from fieldapp.rules import parse_item
from fieldapp.services.distributions import record_distribution
from fieldapp.services.events import create_event
from fieldapp.services.households import HouseholdInput, register_household
from fieldapp.services.receipts import write_receipt
from fieldapp.services.sheets import write_attendance_sheet, write_signoff_sheet

KHOURIBGA = "05.311.01.07"
FRENCH = "Association Al Amal garde ces données pour organiser l'aide (loi 09-08)"
ARABIC_WORDS = ("تحتفظ", "المعطيات", "تصحيحها")  # pdftotext gives Arabic in visual order: words, not sentences


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def ramadan(db):
    return create_event(db, "Ramadan 1446", "2025-03-01", [parse_item("KIT:Panier:1")], commune=KHOURIBGA).value


@pytest.mark.parametrize("fmt", RECEIPT_FORMATS)
def test_every_receipt_format_says_why_the_data_is_held_and_whom_to_ask(db, ramadan, tmp_path, fmt):
    fatima = register_household(db, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)).value
    served = record_distribution(db, ramadan.id, fatima.id).value

    text = flat(pdf_text(write_receipt(db, served.receipt, tmp_path / f"{fmt}.pdf", fmt)))

    assert FRENCH in text and "pour les voir ou les corriger, adressez-vous à elle" in text
    assert all(word in text for word in ARABIC_WORDS)
    # the A4 page holds two copies, each with its line
    assert text.count(FRENCH) == (2 if fmt == "a4" else 1)


def test_every_page_of_the_sign_off_sheet_and_the_attendance_sheet_carries_the_line(db, ramadan, tmp_path):
    seed(db, 25)
    write_signoff_sheet(db, ramadan.id, tmp_path / "signoff.pdf")
    write_attendance_sheet(db, ramadan.id, tmp_path / "attendance.pdf")

    pages = page_texts(tmp_path / "signoff.pdf") + page_texts(tmp_path / "attendance.pdf")
    assert len(pages) >= 4
    for page in pages:
        assert FRENCH in flat(page) and all(word in page for word in ARABIC_WORDS)


def test_the_line_is_translated_in_the_three_languages():
    lines = {language: i18n.t("print.purpose", language, association="X") for language in i18n.LANGUAGES}
    assert len(set(lines.values())) == 3 and all("09" in line for line in lines.values())


def test_the_printing_commands_carry_the_line(db, ramadan, cli, tmp_path):
    fatima = register_household(db, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)).value
    served = record_distribution(db, ramadan.id, fatima.id).value

    assert cli("receipt", served.receipt, "-o", str(tmp_path / "r.pdf")).code == 0
    assert cli("sheet", "Ramadan 1446", "-o", str(tmp_path / "s.pdf")).code == 0
    assert FRENCH in flat(pdf_text(tmp_path / "r.pdf")) and FRENCH in flat(pdf_text(tmp_path / "s.pdf"))
