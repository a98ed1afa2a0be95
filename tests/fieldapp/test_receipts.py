"""Receipts as real PDFs, read back with poppler and zbar: what is printed in each format, the signed QR code, the CIN
never printed in full, and the file written atomically.

Text is read with `pdftotext -layout`; Arabic comes back in presentation forms (ﻓﺎﻃﻤﺔ) wrapped in bidi controls, so
it is folded with NFKC and the controls removed before searching. QR codes are read with `zbarimg` from a 200 dpi
`pdftoppm` render, as a phone camera would see the paper.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from fieldapp import settings, signing
from fieldapp.db import Database
from fieldapp.errors import BadData, NotFound
from fieldapp.files import atomic_path
from fieldapp.printing import RECEIPT_FORMATS
from fieldapp.rules import parse_item
from fieldapp.services import setup
from fieldapp.services.distributions import record_distribution, void_distribution
from fieldapp.services.events import create_event
from fieldapp.services.households import HouseholdInput, MemberInput, register_household
from fieldapp.services.receipts import mask_cin, receipt_document, verify_receipt, write_receipt

KHOURIBGA = "05.311.01.07"
NAME, NAME_AR, CIN = "Fatima Zahra Benali", "فاطمة الزهراء بن علي", "AB123456"
ITEMS = ("KIT:Panier alimentaire:1:ar=قفة", "RIZ:Riz 1 kg:2:per-member", "OIL:Huile de table 1 L:3")
FRENCH_LABELS = ("Reçu de distribution", "Articles remis", "Signature ou empreinte", "Chef de foyer", "Événement")
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
A4_POINTS, A6_POINTS, ROLL_WIDTH_POINTS = (595.276, 841.89), (297.638, 419.528), 226.772
TOOLS = ("pdftotext", "pdfinfo", "pdftoppm", "zbarimg")


@pytest.fixture(autouse=True)
def _poppler_and_zbar():
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} not found: run scripts/setup.sh (poppler-utils, zbar-tools)")


# --- reading a PDF back --------------------------------------------------------------------------------------------


def run(*args) -> str:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, check=True, timeout=60).stdout


def pdf_text(path: Path) -> str:
    """The text as pdftotext lays it out, Arabic presentation forms folded (NFKC) and bidi controls removed."""
    return BIDI_CONTROLS.sub("", unicodedata.normalize("NFKC", run("pdftotext", "-layout", path, "-")))


def pdf_info(path: Path) -> dict[str, str]:
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in run("pdfinfo", path).splitlines())}


def page_size(path: Path) -> tuple[float, float]:
    width, _, height = pdf_info(path)["Page size"].split()[:3]
    return float(width), float(height)


def qr_codes(path: Path) -> list[str]:
    """Every QR code on the page, rendered at 200 dpi and decoded by zbarimg."""
    prefix = path.with_suffix("")
    run("pdftoppm", "-r", "200", "-png", path, prefix)
    images = sorted(path.parent.glob(f"{prefix.name}-*.png"))
    assert images, f"pdftoppm rendered nothing from {path}"
    codes = run("zbarimg", "--raw", "-q", *images).splitlines()
    for image in images:
        image.unlink()
    return codes


def item_line(text: str, label: str) -> str:
    """The line where an item label starts; its quantity is printed on the same line, on the right."""
    lines = [line for line in text.splitlines() if label in line]
    assert lines, f"{label!r} not in the text"
    return lines[0]


# --- data ----------------------------------------------------------------------------------------------------------


def household(db, name=NAME, name_ar=NAME_AR, cin=CIN, members=(MemberInput("Youssef Benali"),)):
    data = HouseholdInput(
        consent=True, head_name=name, head_name_ar=name_ar, cin=cin, commune=KHOURIBGA, members=list(members)
    )
    return register_household(db, data).value


def event(db, items=ITEMS, name="Panier Ramadan"):
    return create_event(db, name, "2026-02-14", [parse_item(i) for i in items], site="Salle municipale").value


def serve(db, collector=None, items=ITEMS, **household_fields):
    return record_distribution(db, event(db, items).id, household(db, **household_fields).id, collector=collector).value


def render(db, receipt: str, folder: Path, fmt: str, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return write_receipt(db, receipt, folder / (name or f"receipt-{fmt}.pdf"), fmt)


@pytest.fixture
def served(db):
    """Fatima and one member (size 2) served 1 kit, 4 kg of rice (2 per member) and 3 bottles of oil."""
    return serve(db)


# --- what each format shows ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", RECEIPT_FORMATS)
def test_each_format_shows_the_receipt_number_the_items_and_the_french_labels(db, served, tmp_path, fmt):
    text = pdf_text(render(db, served.receipt, tmp_path, fmt))

    assert served.receipt in text
    assert [(i["label"], i["quantity"]) for i in served.items] == [
        ("Panier alimentaire", 1),
        ("Riz 1 kg", 4),
        ("Huile de table 1 L", 3),
    ]
    for item in served.items:
        assert re.search(rf"×\s*{item['quantity']}\b", item_line(text, item["label"])), item
    assert "قفة" in text  # the Arabic label of the kit
    for label in FRENCH_LABELS:
        assert label in text
    assert NAME in text and "Panier Ramadan — Salle municipale" in text


@pytest.mark.parametrize("fmt", RECEIPT_FORMATS)
def test_the_cin_is_masked_and_never_printed_in_full(db, served, tmp_path, fmt):
    text = pdf_text(render(db, served.receipt, tmp_path, fmt))

    assert "AB****56" in text
    assert CIN not in text and "123456" not in text and "1234" not in text
    assert CIN not in repr(receipt_document(db, served.receipt))  # the renderer is never even given it


@pytest.mark.parametrize("fmt", RECEIPT_FORMATS)
def test_the_arabic_name_comes_back_as_arabic_letters(db, served, tmp_path, fmt):
    text = pdf_text(render(db, served.receipt, tmp_path, fmt))

    for word in NAME_AR.split():
        assert word in text, word
    assert NAME_AR in text  # and in reading order


@pytest.mark.parametrize("fmt", RECEIPT_FORMATS)
def test_the_collector_is_printed_when_given(db, tmp_path, fmt):
    by_proxy = serve(db, collector="Youssef Benali (fils)")
    text = pdf_text(render(db, by_proxy.receipt, tmp_path, fmt))

    assert "Retiré par (mandataire)" in text and "Youssef Benali (fils)" in text


@pytest.mark.parametrize("fmt", RECEIPT_FORMATS)
def test_no_collector_line_when_the_head_came(db, served, tmp_path, fmt):
    assert "Retiré par" not in pdf_text(render(db, served.receipt, tmp_path, fmt))


@pytest.mark.parametrize("fmt", RECEIPT_FORMATS)
def test_a_voided_receipt_says_annule_with_the_reason(db, served, tmp_path, fmt):
    assert "ANNULÉ" not in pdf_text(render(db, served.receipt, tmp_path / "before", fmt))

    void_distribution(db, served.receipt, "Erreur de foyer")
    text = pdf_text(render(db, served.receipt, tmp_path / "after", fmt))

    assert "ANNULÉ" in text and "ملغى" in text
    assert "Erreur de foyer" in text
    assert served.receipt in text


def test_a4_has_the_family_copy_and_the_association_copy_on_one_page(db, served, tmp_path):
    path = render(db, served.receipt, tmp_path, "a4")
    text = pdf_text(path)

    assert pdf_info(path)["Pages"] == "1"
    assert page_size(path) == pytest.approx(A4_POINTS, abs=0.01)
    assert "Exemplaire famille" in text and "Exemplaire association" in text
    assert "نسخة الأسرة" in text and "نسخة الجمعية" in text
    assert text.count(served.receipt) == 2
    assert text.count("AB****56") == 2 and CIN not in text
    assert qr_codes(path) == [receipt_document(db, served.receipt).qr_text] * 2


def test_a6_is_one_a6_page(db, served, tmp_path):
    path = render(db, served.receipt, tmp_path, "a6")

    assert pdf_info(path)["Pages"] == "1"
    assert page_size(path) == pytest.approx(A6_POINTS, abs=0.01)


def test_an_80mm_receipt_is_80mm_wide_and_grows_with_its_items(db, tmp_path):
    few = serve(db, items=ITEMS[:1])
    many_items = [f"IT{n}:Article numéro {n} en sac:{n}:ar=مادة رقم {n}" for n in range(1, 9)]
    many = serve(db, items=many_items, name="Rachid Tazi", name_ar="رشيد التازي", cin="Q654321")

    short, long = render(db, few.receipt, tmp_path / "few", "80mm"), render(db, many.receipt, tmp_path / "many", "80mm")

    (short_width, short_height), (long_width, long_height) = page_size(short), page_size(long)
    assert short_width == pytest.approx(ROLL_WIDTH_POINTS, abs=0.01)
    assert long_width == pytest.approx(ROLL_WIDTH_POINTS, abs=0.01)
    assert long_height > short_height + 7 * 20  # each added item takes at least a line of 10 pt
    assert pdf_info(long)["Pages"] == "1"
    text = pdf_text(long)
    for n in range(1, 9):
        assert re.search(rf"×\s*{n}\b", item_line(text, f"Article numéro {n} en sac"))
    # pdftotext puts the number of "مادة رقم 3" where it is seen, on the left of the right-to-left words.
    arabic_labels = [line.strip() for line in text.splitlines() if "مادة رقم" in line]
    assert sorted(arabic_labels) == sorted(f"{n} مادة رقم" for n in range(1, 9))


def test_a6_keeps_every_item_of_a_long_list_on_its_one_page(db, tmp_path):
    many_items = [f"IT{n}:Article numéro {n} en sac:{n}:ar=مادة رقم {n}" for n in range(1, 9)]
    many = serve(db, items=many_items)
    path = render(db, many.receipt, tmp_path, "a6")

    assert pdf_info(path)["Pages"] == "1" and page_size(path) == pytest.approx(A6_POINTS, abs=0.01)
    text = pdf_text(path)
    for n in range(1, 9):
        assert re.search(rf"×\s*{n}\b", item_line(text, f"Article numéro {n} en sac"))
    assert qr_codes(path) == [receipt_document(db, many.receipt).qr_text]


LONG_NAME = "Mohamed Amine Ben Abdelkader Ben Abdellah El Idrissi El Alaoui El Hassani Ouazzani Chraibi"
LONG_NAME_AR = "محمد أمين بن عبد القادر بن عبد الله الإدريسي العلوي الحسني الوزاني الشرايبي"


@pytest.mark.parametrize("fmt", RECEIPT_FORMATS)
def test_long_names_wrap_without_being_cut(db, tmp_path, fmt):
    long = serve(db, name=LONG_NAME, name_ar=LONG_NAME_AR)
    text = pdf_text(render(db, long.receipt, tmp_path, fmt))

    missing = [w for w in LONG_NAME.split() if w not in text] + [w for w in LONG_NAME_AR.split() if w not in text]
    assert missing == [], f"words not printed: {missing}"
    assert "…" not in text


def test_the_arabic_name_wraps_on_the_roll_without_losing_a_word(db, tmp_path):
    long = serve(db, name="Mohamed Alaoui", name_ar=LONG_NAME_AR)
    text = pdf_text(render(db, long.receipt, tmp_path, "80mm"))

    for word in LONG_NAME_AR.split():
        assert word in text, word
    arabic_lines = [line for line in text.splitlines() if "الإدريسي" in line or "الشرايبي" in line]
    assert len({*arabic_lines}) == 2  # wrapped over two lines, not squeezed onto one


def test_the_default_format_is_the_setting(db, served, tmp_path):
    setup.update_setting(db, "receipt_format", "80mm")
    path = write_receipt(db, served.receipt, tmp_path / "default.pdf")

    assert page_size(path)[0] == pytest.approx(ROLL_WIDTH_POINTS, abs=0.01)


# --- the signed QR code --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", RECEIPT_FORMATS)
def test_the_qr_code_decodes_and_verifies_as_this_distribution(db, served, tmp_path, fmt):
    codes = qr_codes(render(db, served.receipt, tmp_path, fmt))

    assert len(codes) == (2 if fmt == "a4" else 1)
    for code in codes:
        assert code.startswith(f"FAR1:{served.receipt}:")
        result = verify_receipt(db, code)
        assert result.valid and result.reason == "print.receipt_genuine"
        assert result.distribution.id == served.id
        assert result.distribution.receipt == served.receipt
        assert result.distribution.household_id == served.household_id
        assert result.distribution.household_name == NAME


@pytest.fixture
def scanned(db, served, tmp_path) -> str:
    (code,) = qr_codes(render(db, served.receipt, tmp_path, "a6"))
    assert verify_receipt(db, code).valid
    return code


def changed(code: str, position: int) -> str:
    """The code with the character at `position` replaced by another of the same kind (digit, letter, other)."""
    old = code[position]
    if old.isdigit():
        new = str((int(old) + 1) % 10)
    elif old.isalpha():
        new = "A" if old != "A" else "B"
    else:
        new = "-" if old != "-" else ":"
    return code[:position] + new + code[position + 1 :]


def test_changing_any_one_character_makes_the_code_invalid(db, scanned, served):
    prefix, receipt, signature = scanned.split(":")
    assert receipt == served.receipt and len(signature) == 16

    for position in range(len(scanned)):
        forged = changed(scanned, position)
        assert forged != scanned
        result = verify_receipt(db, forged)
        assert not result.valid and result.distribution is None, (position, forged)
        assert result.reason in ("error.receipt_code_forged", "error.receipt_code_unreadable"), (position, forged)
    receipt_start, signature_start = len(prefix) + 1, len(prefix) + len(receipt) + 2
    for position in (receipt_start, receipt_start + 5, len(prefix) + len(receipt), signature_start, len(scanned) - 1):
        assert verify_receipt(db, changed(scanned, position)).reason == "error.receipt_code_forged", position


def test_the_signature_of_one_receipt_does_not_cover_another_real_receipt(db, scanned, served):
    other = record_distribution(db, event(db, name="Aïd 2026").id, served.household_id).value
    _, _, signature = scanned.split(":")

    result = verify_receipt(db, f"FAR1:{other.receipt}:{signature}")

    assert not result.valid and result.reason == "error.receipt_code_forged"


def test_a_code_signed_with_another_associations_key_is_invalid(db, served, tmp_path):
    other_db = Database.open(tmp_path / "other-association")
    try:
        setup.initialise(other_db, "Association Nour", "KHR1", operator="Karim")  # same device code, same numbers
        theirs = serve(other_db)
        assert theirs.receipt == served.receipt
        (code,) = qr_codes(render(other_db, theirs.receipt, tmp_path / "theirs", "a6"))
        assert verify_receipt(other_db, code).valid

        result = verify_receipt(db, code)

        assert not result.valid and result.reason == "error.receipt_code_forged" and result.distribution is None
    finally:
        other_db.dispose()


def test_a_genuine_code_for_a_receipt_not_on_this_laptop_says_so(db, served):
    with db.read() as session:
        key, association_id = settings.get(session, "receipt_key"), settings.get(session, "association_id")
    not_synced = signing.receipt_code(key, association_id, "KHR2-2026-00007")

    result = verify_receipt(db, not_synced)

    assert not result.valid and result.reason == "error.receipt_code_unknown"


@pytest.mark.parametrize(
    "text",
    ["", "   ", "bonjour", "FAR1", "FAR1::", "FAR1:KHR1-2026-00001", "FAR1:a:b:c", "https://example.org/r?id=1"],
)
def test_text_that_is_not_a_receipt_code_is_unreadable(db, served, text):
    result = verify_receipt(db, text)

    assert not result.valid and result.reason == "error.receipt_code_unreadable" and result.distribution is None


def test_a_sign_off_sheet_row_code_is_not_a_receipt(db, served):
    with db.read() as session:
        key, association_id = settings.get(session, "receipt_key"), settings.get(session, "association_id")
    row = signing.row_code(key, association_id, served.event_id, served.household_id)

    assert verify_receipt(db, row).reason == "error.receipt_code_unreadable"


# --- masking the CIN -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cin", "masked"),
    [
        ("AB123456", "AB****56"),
        ("A123456", "A*****6"),
        ("BK12345", "B*****5"),
        ("AB123", "A***3"),
        ("AB12", "A***"),
        ("A1", "A*"),
        ("A", "A"),
        ("", None),
        (None, None),
    ],
)
def test_mask_cin(cin, masked):
    assert mask_cin(cin) == masked


@pytest.mark.parametrize("cin", ["AB123456", "A123456", "BK12345", "AB12", "EE987654"])
def test_a_masked_cin_keeps_its_length_and_hides_the_middle(cin):
    masked = mask_cin(cin)

    assert len(masked) == len(cin)
    assert masked != cin and "*" in masked
    assert sum(ch != "*" for ch in masked) <= 4


# --- writing the file ----------------------------------------------------------------------------------------------


def test_writing_leaves_only_the_pdf_in_the_folder(db, served, tmp_path):
    folder = tmp_path / "receipts"
    folder.mkdir()

    for fmt in RECEIPT_FORMATS:
        path = write_receipt(db, served.receipt, folder / "receipt.pdf", fmt)
        assert path == folder / "receipt.pdf"
        assert sorted(p.name for p in folder.iterdir()) == ["receipt.pdf"]
        assert path.read_bytes().startswith(b"%PDF-") and path.read_bytes().rstrip().endswith(b"%%EOF")

    assert page_size(folder / "receipt.pdf") == pytest.approx(A4_POINTS, abs=0.01)  # the last one written


def test_a_damaged_logo_file_does_not_stop_receipts_they_print_without_it(db, served, tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"not a picture")
    setup.update_setting(db, "logo_path", str(logo))

    path = write_receipt(db, served.receipt, tmp_path / "receipt.pdf", "a4")

    assert served.receipt in pdf_text(path)


def test_a_write_that_fails_half_way_keeps_the_old_file_and_leaves_no_temporary_file(db, served, tmp_path):
    folder = tmp_path / "receipts"
    path = write_receipt(db, served.receipt, folder / "receipt.pdf", "a6")
    before = path.read_bytes()

    with pytest.raises(RuntimeError), atomic_path(path) as temp:
        temp.write_bytes(b"%PDF-1.4 half a receipt")
        raise RuntimeError("power cut while writing")

    assert path.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["receipt.pdf"]


def test_an_unknown_receipt_or_format_writes_nothing(db, served, tmp_path):
    with pytest.raises(NotFound):
        write_receipt(db, "KHR1-2026-99999", tmp_path / "out" / "missing.pdf", "a6")
    with pytest.raises(BadData):
        write_receipt(db, served.receipt, tmp_path / "out" / "bad.pdf", "a5")

    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
