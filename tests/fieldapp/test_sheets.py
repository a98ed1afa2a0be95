"""Sign-off and attendance sheets as real PDFs, read back with poppler and zbar: who is listed, once each, in which
order, what each row shows (masked CIN, entitlement, receipt of those already served), page X / Y, and row QR codes
that decode and are genuine for their event.

Arabic comes back from `pdftotext -layout` in presentation forms wrapped in bidi controls: it is folded with NFKC and
the controls removed before comparing.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from fieldapp import settings, signing
from fieldapp.errors import BadData, NotFound
from fieldapp.rules import parse_item
from fieldapp.services.bulk import import_households
from fieldapp.services.distributions import record_distribution, void_distribution
from fieldapp.services.events import create_event
from fieldapp.services.households import HouseholdInput, delete_household, register_household
from fieldapp.services.sheets import write_attendance_sheet, write_signoff_sheet
from fieldapp.services.volunteers import check_in, check_out, register_volunteer

KHOURIBGA, OUED_ZEM = "05.311.01.07", "05.311.01.09"
ITEMS = ("KIT:Panier alimentaire:1:ar=قفة غذائية", "LAIT:Lait infantile:2:only=infant:ar=حليب الرضع")
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
ROW_NUMBER = re.compile(r"^\s*(\d{1,4})\s+\S", re.MULTILINE)
MASKED_CIN = re.compile(r"\b[A-Z]{1,2}\*+\d{2}\b")
TOOLS = ("pdftotext", "pdfinfo", "pdftoppm", "zbarimg")
T0 = dt.datetime(2025, 3, 1, 8, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _poppler_and_zbar():
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} not found: run scripts/setup.sh (poppler-utils, zbar-tools)")


# --- reading a PDF back --------------------------------------------------------------------------------------------


def run(*args) -> str:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, check=True, timeout=120).stdout


def pdf_text(path: Path) -> str:
    """pdftotext -layout, Arabic presentation forms folded (NFKC), bidi controls removed; pages end with \\f."""
    return BIDI_CONTROLS.sub("", unicodedata.normalize("NFKC", run("pdftotext", "-layout", path, "-")))


def pdf_pages(path: Path) -> int:
    info = dict(line.partition(":")[::2] for line in run("pdfinfo", path).splitlines())
    return int(info["Pages"])


def page_texts(path: Path) -> list[str]:
    return pdf_text(path).split("\f")[:-1]


def qr_codes(path: Path, page: int = 1) -> list[str]:
    """The QR codes of one page, rendered at 200 dpi and decoded by zbarimg."""
    prefix = path.parent / f"{path.stem}-p{page}"
    run("pdftoppm", "-r", "200", "-png", "-f", page, "-l", page, path, prefix)
    images = sorted(path.parent.glob(f"{prefix.name}-*.png"))
    assert images, f"pdftoppm rendered nothing from {path}"
    result = subprocess.run(["zbarimg", "--raw", "-q", *map(str, images)], capture_output=True, text=True, timeout=60)
    for image in images:
        image.unlink()
    return result.stdout.splitlines()


# --- data ----------------------------------------------------------------------------------------------------------


def household(db, name, name_ar=None, cin=None, commune=KHOURIBGA, douar=None, size=None, flags=None):
    data = HouseholdInput(
        consent=True,
        head_name=name,
        head_name_ar=name_ar,
        cin=cin,
        commune=commune,
        douar=douar,
        size=size,
        flags=flags,
    )
    return register_household(db, data).value


def event(db, name="Ramadan 1446", commune=KHOURIBGA, items=ITEMS, day="2025-03-01"):
    specs = [parse_item(i) for i in items]
    return create_event(db, name, day, specs, site="Salle communale", commune=commune).value


def seed(db, count: int, douars=("Ouled Said", "Ait Hmad", "Bir Jdid")) -> list[str]:
    """`count` households in Khouribga, fast (bulk import); CIN n° i masks to a pair of letters + the last 2 digits
    that no other household shares, so each row can be found by its masked CIN."""
    letters = [a + b for a in "ABCDEFGHJK" for b in "LMNPRSTUVW"]
    records = [
        HouseholdInput(
            consent=True,
            head_name=f"Household {i:04d}",
            head_name_ar=f"أسرة رقم {i}",
            cin=f"{letters[i // 100]}{100000 + i}",
            commune=KHOURIBGA,
            douar=douars[i % len(douars)],
            size=1 + i % 9,
            flags=["infant"] if i % 4 == 0 else [],
        )
        for i in range(count)
    ]
    result = import_households(db, records)
    assert result.imported == count, result.errors[:3]
    return [f"{letters[i // 100]}****{(100000 + i) % 100:02d}" for i in range(count)]


def signing_identity(db) -> tuple[str, str]:
    with db.read() as session:
        return settings.get(session, "receipt_key"), settings.get(session, "association_id")


# --- what the sign-off sheet shows ---------------------------------------------------------------------------------


def test_the_header_labels_masked_cins_and_arabic_names_are_printed(db, tmp_path):
    ramadan = event(db)
    household(db, "Fatima Zahra Benali", "فاطمة الزهراء بن علي", cin="AB123456", size=3, flags=["infant"])
    household(db, "Rachid Tazi", "رشيد التازي", cin="Q765432", size=5, douar="Ouled Said")

    summary = write_signoff_sheet(db, ramadan.id, tmp_path / "sheet.pdf")
    text = pdf_text(summary.path)

    assert (summary.pages, summary.rows) == (1, 2) and pdf_pages(summary.path) == 1
    for french in ("Feuille d'émargement des bénéficiaires", "Association Al Amal", "Ramadan 1446", "2025-03-01"):
        assert french in text
    for label in ("Événement", "Lieu", "Salle communale", "Nom et prénom", "Signature", "Empreinte", "Droits"):
        assert label in text
    assert "AB****56" in text and "Q*****2" in text
    assert "AB123456" not in text and "765432" not in text and "123456" not in text
    assert "فاطمة الزهراء بن علي" in text and "رشيد التازي" in text
    assert "ورقة توقيع المستفيدين" in text and "الجمعية" in text
    assert "KIT×1 LAIT×2" in text and "Ouled Said" in text
    assert "Page 1 / 1" in text and "Totaux" in text and "Foyers listés : 2" in text
    assert "KIT — Panier alimentaire : 2 au total" in text and "LAIT — Lait infantile : 2 au total" in text


def test_long_names_wrap_on_two_lines_and_longer_ones_are_cut_with_an_ellipsis(db, tmp_path):
    ramadan = event(db)
    two_lines, too_long = "Fatima Zahra Mohamed Amine Abdelkader", "Abderrahim " * 12
    household(db, two_lines, "فاطمة الزهراء محمد أمين عبد القادر الإدريسي")
    household(db, too_long, size=2)

    text = pdf_text(write_signoff_sheet(db, ramadan.id, tmp_path / "sheet.pdf").path)

    words = text.split()
    assert all(word in words for word in two_lines.split())
    assert all(word in words for word in ("الإدريسي", "القادر", "فاطمة"))
    assert "Abderrahim..." in words and words.count("Abderrahim") < 11  # NFKC turned … into ...


def test_the_expected_households_are_those_of_the_commune_plus_any_served_elsewhere(db, tmp_path):
    ramadan = event(db)
    household(db, "Amina Local", cin="AA111111")
    outside = household(db, "Brahim Ailleurs", cin="BB222222", commune=OUED_ZEM)
    deleted = household(db, "Chaimae Partie", cin="CC333333")
    served = household(db, "Driss Servi", cin="DD444444")
    delete_household(db, deleted.id, "a déménagé")
    receipt = record_distribution(db, ramadan.id, served.id).value.receipt
    voided = record_distribution(db, ramadan.id, outside.id).value
    void_distribution(db, voided.receipt, "erreur de saisie")
    served_outside = household(db, "Ezzahra Venue", cin="EE555555", commune=OUED_ZEM)
    record_distribution(db, ramadan.id, served_outside.id)

    summary = write_signoff_sheet(db, ramadan.id, tmp_path / "sheet.pdf")
    text = pdf_text(summary.path)

    assert summary.rows == 3
    assert "Amina Local" in text and "Driss Servi" in text and "Ezzahra Venue" in text
    assert "Brahim Ailleurs" not in text and "Chaimae Partie" not in text
    assert re.search(rf"Déjà servi — reçu {receipt}\s+2\s+Driss Servi", text)  # in its row, instead of boxes
    assert "Déjà servis avant impression : 2" in text
    assert len(qr_codes(summary.path)) == 1  # a row already served has its receipt number, nothing to sign


def test_an_event_without_commune_lists_every_active_household(db, tmp_path):
    everywhere = event(db, commune=None)
    household(db, "Amina Khouribga")
    household(db, "Brahim Oued Zem", commune=OUED_ZEM)

    summary = write_signoff_sheet(db, everywhere.id, tmp_path / "sheet.pdf")

    assert summary.rows == 2 and "Brahim Oued Zem" in pdf_text(summary.path)


def test_rows_are_sorted_by_name_or_grouped_by_douar(db, tmp_path):
    ramadan = event(db)
    for name, douar in [("Zineb", "Bir Jdid"), ("Ahmed", "Ouled Said"), ("Malika", "Bir Jdid"), ("Brahim", None)]:
        household(db, f"{name} Alaoui", douar=douar)
    household(db, "Omar Tazi", douar="Ait Hmad")

    def order(sort: str) -> list[str]:
        text = pdf_text(write_signoff_sheet(db, ramadan.id, tmp_path / f"{sort}.pdf", sort=sort).path)
        return [m.group(1) for m in re.finditer(r"^\s*\d+\s+(\w+ \w+)", text, re.MULTILINE)]

    assert order("name") == ["Ahmed Alaoui", "Brahim Alaoui", "Malika Alaoui", "Omar Tazi", "Zineb Alaoui"]
    assert order("douar") == ["Omar Tazi", "Malika Alaoui", "Zineb Alaoui", "Ahmed Alaoui", "Brahim Alaoui"]


def test_sort_by_douar_groups_each_douar_in_one_run_over_pages(db, tmp_path):
    ramadan = event(db)
    seed(db, 45, douars=("Ouled Said", "Ait Hmad", "Bir Jdid", "Lamrabih"))

    text = pdf_text(write_signoff_sheet(db, ramadan.id, tmp_path / "douar.pdf", sort="douar").path)

    douars = re.findall(r"(Ouled Said|Ait Hmad|Bir Jdid|Lamrabih)", text)
    runs = [d for i, d in enumerate(douars) if i == 0 or d != douars[i - 1]]
    assert runs == ["Ait Hmad", "Bir Jdid", "Lamrabih", "Ouled Said"] and len(douars) == 45


def test_an_unknown_sort_or_event_writes_nothing(db, tmp_path):
    ramadan = event(db)

    out = tmp_path / "out"
    with pytest.raises(BadData) as error:
        write_signoff_sheet(db, ramadan.id, out / "sheet.pdf", sort="size")
    with pytest.raises(NotFound):
        write_signoff_sheet(db, "no such event", out / "sheet.pdf")
    assert error.value.key == "error.sort_unknown" and "douar" in error.value.message()
    assert not out.exists() or list(out.iterdir()) == []


def test_row_codes_decode_and_are_genuine_for_this_event_only(db, tmp_path):
    ramadan, winter = event(db), event(db, name="Hiver 2025", day="2025-12-01")
    ids = {household(db, f"Famille {n}", cin=f"AB{n}00000").id for n in range(1, 5)}

    codes = qr_codes(write_signoff_sheet(db, ramadan.id, tmp_path / "sheet.pdf").path)

    key, association_id = signing_identity(db)
    decoded = [signing.decode(code) for code in codes]
    assert len(codes) == 4 and {d.value for d in decoded} == ids
    assert all(signing.row_is_genuine(key, association_id, ramadan.id, d) for d in decoded)
    assert not any(signing.row_is_genuine(key, association_id, winter.id, d) for d in decoded)


@pytest.mark.slow
def test_a_thousand_households_each_listed_once_with_page_x_of_y(db, tmp_path):
    ramadan = event(db)
    masked = seed(db, 1000)

    # Its speed (target 3 s) is measured by bench/printing.py, not asserted here.
    summary = write_signoff_sheet(db, ramadan.id, tmp_path / "sheet.pdf")

    pages = page_texts(summary.path)
    # 10 rows of 15 mm a page: 100 full pages, then the totals, which never share a full page.
    assert summary.rows == 1000 and summary.pages == 101 == pdf_pages(summary.path) == len(pages)
    for number, page in enumerate(pages, 1):
        assert f"Page {number} / 101" in page and "الصفحة" in page
    text = "".join(pages)
    assert sorted(int(n) for n in ROW_NUMBER.findall(text)) == list(range(1, 1001))
    found = MASKED_CIN.findall(text)
    assert sorted(found) == sorted(masked) and len(set(found)) == 1000
    assert "Foyers listés : 1000" in pages[-1] and "KIT — Panier alimentaire : 1000 au total" in pages[-1]
    assert "LAIT — Lait infantile : 500 au total" in pages[-1]  # 2 each for the 250 households with an infant
    assert len(qr_codes(summary.path, page=57)) == 10


# --- the attendance sheet ------------------------------------------------------------------------------------------


def test_attendance_lists_who_checked_in_with_hours_and_the_rest_of_the_roster_blank(db, tmp_path):
    ramadan = event(db)
    samira = register_volunteer(db, "Samira Alaoui", "سميرة العلوي", "0612345678").value
    youssef = register_volunteer(db, "Youssef Bennani", "يوسف بناني").value
    khadija = register_volunteer(db, "Khadija Amrani").value
    register_volunteer(db, "Omar Tazi", "عمر التازي", "0700112233")
    check_in(db, samira.id, ramadan.id, at=T0)
    check_out(db, samira.id, ramadan.id, at=T0 + dt.timedelta(hours=4, minutes=30))
    check_in(db, youssef.id, ramadan.id, at=T0 + dt.timedelta(hours=1))
    check_out(db, youssef.id, ramadan.id, at=T0 + dt.timedelta(hours=3, minutes=15))
    check_in(db, khadija.id, ramadan.id, at=T0 + dt.timedelta(hours=2))

    summary = write_attendance_sheet(db, ramadan.id, tmp_path / "attendance.pdf")
    text = pdf_text(summary.path)
    lines = {name: next(line for line in text.splitlines() if name in line) for name in ("Samira", "Youssef", "Omar")}

    assert summary.pages == 1 and summary.rows == 4 + 6  # 4 volunteers, then 6 blank rows for walk-ins
    assert "Feuille de présence des bénévoles" in text and "ورقة حضور المتطوعين" in text
    assert "06 12 34 56 78" in lines["Samira"] and "4:30" in lines["Samira"]
    assert T0.astimezone().strftime("%Y-%m-%d %H:%M") in lines["Samira"]
    assert "2:15" in lines["Youssef"] and "يوسف بناني" in text
    assert "07 00 11 22 33" in lines["Omar"] and not re.search(r"\d{2}:\d{2}", lines["Omar"])
    assert "Bénévoles pointés : 3" in text and "Total des heures : 6:45" in text
    assert "Sans heure de départ : 1" in text
    assert [int(n) for n in re.findall(r"^\s*(\d{1,2})\b", text, re.MULTILINE)] == list(range(1, 11))


def test_attendance_of_an_event_nobody_came_to_is_the_roster_and_blank_rows(db, tmp_path):
    ramadan = event(db)
    register_volunteer(db, "Samira Alaoui")

    summary = write_attendance_sheet(db, ramadan.id, tmp_path / "attendance.pdf")

    assert summary.rows == 7 and "Total des heures : 0:00" in pdf_text(summary.path)


def test_fewer_blank_rows_when_that_keeps_the_totals_on_the_page(db, tmp_path):
    ramadan = event(db)
    for n in range(8):
        register_volunteer(db, f"Volunteer {n}")

    summary = write_attendance_sheet(db, ramadan.id, tmp_path / "attendance.pdf")

    assert summary.pages == 1 == pdf_pages(summary.path) and 8 + 3 <= summary.rows < 8 + 6
    assert "Totaux" in pdf_text(summary.path)


# --- the commands --------------------------------------------------------------------------------------------------


def test_the_sheet_commands_write_the_pdfs_and_say_so(db, cli, tmp_path):
    ramadan = event(db)
    household(db, "Amina Alaoui", douar="Bir Jdid")

    sheet = cli("sheet", ramadan.id[:13], "-o", str(tmp_path / "s.pdf"), "--sort", "douar", "--json")
    attendance = cli("attendance-sheet", "Ramadan 1446", "-o", str(tmp_path / "a.pdf"))
    wrong_sort = cli("sheet", ramadan.id, "-o", str(tmp_path / "x.pdf"), "--sort", "size")
    unknown = cli("sheet", "Hiver", "-o", str(tmp_path / "x.pdf"))

    assert sheet.code == 0 and sheet.json() == {
        "event": ramadan.id[:13],
        "path": str(tmp_path / "s.pdf"),
        "pages": 1,
        "rows": 1,
    }
    assert attendance.code == 0 and "Feuille écrite" in attendance.out and "(6 lignes, 1 pages)" in attendance.out
    assert wrong_sort.code == 2 and unknown.code == 4 and not (tmp_path / "x.pdf").exists()
    assert "Amina Alaoui" in pdf_text(tmp_path / "s.pdf")
