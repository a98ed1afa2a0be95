"""Household cards as real PDFs: both scripts, the CIN masked, a QR that zbarimg reads and the desk accepts; a card of
another association, an altered one, or one of a family removed or anonymised is refused in words; "not yet carded"
leaves out who got a card."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace

import pytest
from ageing import age
from PIL import Image
from raw_db import TEST_PASSWORD, TEST_USER
from sqlalchemy import select
from test_sheets import page_texts, run

from fieldapp import settings, signing
from fieldapp.errors import BadData, NotFound, Refused
from fieldapp.models import AuditEntry, HouseholdCard
from fieldapp.printing.card import CARD_HEIGHT, CARD_WIDTH, PER_PAGE, slot_origin
from fieldapp.rules import parse_item
from fieldapp.services import accounts, cards, events, households, setup
from fieldapp.services.desk_lookup import find_by_code
from fieldapp.services.households import HouseholdInput
from fieldapp.services.retention import apply_retention

KHOURIBGA = "05.311.01.07"
FAMILIES = (
    ("Fatima Zahra Benali", "فاطمة الزهراء بن علي", "AB123456", 4),
    ("Hassan Ait Ouali", "حسن أيت والي", "BK654321", 2),
    ("Omar Idrissi", None, "CD778899", 1),
)


@pytest.fixture(autouse=True)
def _poppler_and_zbar():
    missing = [tool for tool in ("pdftotext", "pdftoppm", "zbarimg") if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} not found: run scripts/setup.sh (poppler-utils, zbar-tools)")


def card_codes(path, page: int = 1) -> list[str]:
    """The QR of each card of one page, as a desk scanner reads it: the page rendered at 200 dpi, each card cut out
    and decoded by zbarimg on its own (zbar scanning a whole page of ten codes now and then misses one)."""
    prefix = path.parent / f"{path.stem}-p{page}"
    run("pdftoppm", "-r", "200", "-png", "-f", page, "-l", page, path, prefix)
    [image_path] = sorted(path.parent.glob(f"{prefix.name}-*.png"))
    image, scale, codes = Image.open(image_path), 200 / 72, []
    for slot in range(PER_PAGE):
        x, y = slot_origin(slot)
        box = (x * scale, image.height - (y + CARD_HEIGHT) * scale, (x + CARD_WIDTH) * scale, image.height - y * scale)
        one = path.parent / f"{prefix.name}-card{slot}.png"
        image.crop(tuple(round(v) for v in box)).save(one)
        found = subprocess.run(["zbarimg", "--raw", "-q", str(one)], capture_output=True, text=True, timeout=60)
        codes += found.stdout.splitlines()  # an empty slot (the last page) has none: zbarimg exits 4
        one.unlink()
    image_path.unlink()
    return codes


@pytest.fixture
def families(db):
    """Three families and today's event."""
    found = []
    for name, name_ar, cin, size in FAMILIES:
        family = HouseholdInput(head_name=name, head_name_ar=name_ar, cin=cin, size=size, commune=KHOURIBGA)
        family = replace(family, consent=True)
        found.append(households.register_household(db, family).value)
    event = events.create_event(db, "Ramadan", "2026-03-01", [parse_item("KIT:Panier:1")]).value
    return found, event


def test_the_cards_show_both_scripts_and_the_masked_cin_never_the_full_one(db, families, tmp_path):
    found, _ = families
    path = tmp_path / "cartes.pdf"

    summary = cards.write_cards(db, path, [f.id for f in found[:2]]).value

    assert (summary.count, summary.pages) == (2, 1)
    [page] = page_texts(path)
    for expected in ("Association Al Amal", "Carte de foyer", "Fatima Zahra Benali", "Khouribga", "AB****56"):
        assert expected in page
    for arabic_word in ("الأسرة", "فاطمة", "خريبكة"):  # visual order from pdftotext: words, not sentences
        assert arabic_word in page or arabic_word[::-1] in page
    assert "AB123456" not in page and "BK654321" not in page
    assert "Omar Idrissi" not in page


def test_the_scanned_card_opens_its_family_at_the_desk(db, families, tmp_path):
    found, event = families
    path = tmp_path / "cartes.pdf"
    cards.write_cards(db, path, not_carded=True)

    codes = card_codes(path)

    assert sorted(codes) == sorted(cards.card_code(db, f.id) for f in found)
    for code in codes:
        assert code.startswith("FAC1:") and code == code.upper()  # alphanumeric QR mode
        preview = find_by_code(db, event.id, code)
        assert preview.household.id in {f.id for f in found} and preview.already_served is None


def test_an_altered_card_or_another_associations_card_is_refused(db, families, tmp_path):
    found, event = families
    code = cards.card_code(db, found[0].id)
    prefix, household_hex, signature = code.split(":")
    altered = f"{prefix}:{household_hex}:{signature[:-1]}{'A' if signature[-1] != 'A' else 'B'}"
    other_family = f"{prefix}:{found[1].id.replace('-', '').upper()}:{signature}"  # this signature, another family

    other_dir = tmp_path / "other"
    other_dir.mkdir()
    other_db = accounts.create_first_coordinator(other_dir, TEST_USER, TEST_PASSWORD).db
    setup.initialise(other_db, "Association Nour", "NOR1")
    with other_db.read() as session:
        key, association = settings.get(session, "receipt_key"), settings.signing_association_id(session)
    other_association = signing.card_code(key, association, found[0].id)  # even naming a family of ours
    other_db.dispose()

    for scanned in (altered, other_family, other_association):
        with pytest.raises(Refused) as refused:
            find_by_code(db, event.id, scanned)
        assert refused.value.key == "error.card_code_forged"
        assert "cette association" in refused.value.message()
    with pytest.raises(BadData):
        find_by_code(db, event.id, "FAC1:pas-un-foyer:XXXX")


def test_a_card_of_a_family_removed_or_anonymised_says_so(db, families):
    found, event = families
    removed, erased = found[0], found[1]
    removed_code, erased_code = cards.card_code(db, removed.id), cards.card_code(db, erased.id)
    households.delete_household(db, removed.id, "Doublon")
    age(db, erased.id, months=30, served=False)
    age(db, found[2].id, months=1, served=False)
    apply_retention(db, inactive_months=24)

    with pytest.raises(Refused) as deleted:
        find_by_code(db, event.id, removed_code)
    assert deleted.value.key == "error.card_household_deleted" and "supprimé" in deleted.value.message()
    with pytest.raises(Refused) as anonymised:
        find_by_code(db, event.id, erased_code)
    assert anonymised.value.key == "error.card_household_anonymised" and "anonymisé" in anonymised.value.message()
    with pytest.raises(Refused) as no_card:  # and no new card is made for it
        cards.write_cards(db, "/nonexistent/cartes.pdf", [erased.id])
    assert no_card.value.key == "error.card_anonymised"


def test_not_yet_carded_leaves_out_the_households_already_carded(db, families, tmp_path):
    found, _ = families
    cards.write_cards(db, tmp_path / "first.pdf", [found[0].id])
    assert cards.not_carded_count(db) == 2

    summary = cards.write_cards(db, tmp_path / "rest.pdf", not_carded=True).value

    assert set(summary.household_ids) == {found[1].id, found[2].id}
    [page] = page_texts(tmp_path / "rest.pdf")
    assert "Fatima Zahra Benali" not in page and "Hassan Ait Ouali" in page and "Omar Idrissi" in page
    assert cards.not_carded_count(db) == 0
    with pytest.raises(Refused) as nothing_left:
        cards.write_cards(db, tmp_path / "none.pdf", not_carded=True)
    assert nothing_left.value.key == "error.cards_none" and not (tmp_path / "none.pdf").exists()

    cards.write_cards(db, tmp_path / "again.pdf", [found[0].id])  # a lost card, printed again
    with db.read() as session:
        card = session.get(HouseholdCard, found[0].id)
        audited = session.scalars(select(AuditEntry.entity_id).where(AuditEntry.action == "household.card")).all()
    assert card.copies == 2 and card.printed_by == TEST_USER
    assert sorted(audited) == sorted([found[0].id, found[0].id, found[1].id, found[2].id])


def test_ten_cards_a_page(db, families, tmp_path):
    for number in range(9):
        households.register_household(
            db, HouseholdInput(head_name=f"Famille {number}", commune=KHOURIBGA, consent=True)
        )
    summary = cards.write_cards(db, tmp_path / "cartes.pdf", not_carded=True).value
    assert (summary.count, summary.pages) == (12, 2)
    assert len(card_codes(tmp_path / "cartes.pdf", page=1)) == 10
    assert len(card_codes(tmp_path / "cartes.pdf", page=2)) == 2


def test_the_command_writes_the_cards_and_says_how_many(cli, db, families, tmp_path):
    found, _ = families
    path = tmp_path / "cartes.pdf"

    result = cli("--json", "household", "card", "AB123456", found[1].id[:13], "-o", str(path))

    assert result.code == 0, result.err
    assert result.json() == {"path": str(path), "count": 2, "pages": 1}
    assert cli("household", "card", "--not-carded", "-o", str(tmp_path / "rest.pdf")).out.startswith("Cartes écrites")
    refused = cli("household", "card", "--not-carded", "-o", str(tmp_path / "none.pdf"))
    assert refused.code == 3 and "chaque foyer a déjà une carte" in refused.err
    assert cli("household", "card", "-o", str(tmp_path / "x.pdf")).code == BadData.exit_code
    assert cli("household", "card", "ZZ000000", "-o", str(tmp_path / "x.pdf")).code == NotFound.exit_code
