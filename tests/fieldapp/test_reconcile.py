"""A signed sheet comes back and becomes data: household references or row codes scanned (with zbarimg) from a real
printed sheet; codes of another event or altered are rejected; a household already served is reported, never served
twice; one bad entry never stops the others; the `reconcile` command exits 0 or 3.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import func, select

from fieldapp import settings, signing
from fieldapp.models import Distribution
from fieldapp.rules import parse_item
from fieldapp.services.distributions import record_distribution
from fieldapp.services.events import create_event
from fieldapp.services.households import HouseholdInput, register_household
from fieldapp.services.reconcile import reconcile
from fieldapp.services.sheets import write_signoff_sheet

KHOURIBGA = "05.311.01.07"
ITEMS = ("KIT:Panier alimentaire:1", "LAIT:Lait infantile:2:only=infant")


@pytest.fixture(autouse=True)
def _poppler_and_zbar():
    missing = [tool for tool in ("pdftoppm", "zbarimg") if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} not found: run scripts/setup.sh (poppler-utils, zbar-tools)")


def scanned(pdf: Path) -> list[str]:
    """The row codes of the sheet's first page as a scanner reads them: rendered at 200 dpi, decoded by zbarimg."""
    prefix = pdf.parent / f"{pdf.stem}-scan"
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", pdf, prefix], check=True, timeout=60)
    images = sorted(pdf.parent.glob(f"{prefix.name}-*.png"))
    result = subprocess.run(["zbarimg", "--raw", "-q", *map(str, images)], capture_output=True, text=True, timeout=60)
    return result.stdout.splitlines()


def event(db, name="Ramadan 1446", day="2025-03-01"):
    return create_event(db, name, day, [parse_item(i) for i in ITEMS], commune=KHOURIBGA).value


def household(db, name, cin=None, flags=None):
    data = HouseholdInput(consent=True, head_name=name, cin=cin, commune=KHOURIBGA, flags=flags)
    return register_household(db, data).value


def distributions(db, event_id: str) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).where(Distribution.event_id == event_id))


@pytest.fixture
def families(db):
    """Three households of Khouribga; Amina has an infant."""
    return [
        household(db, "Amina Alaoui", cin="AB123456", flags=["infant"]),
        household(db, "Brahim Tazi", cin="Q765432"),
        household(db, "Chaimae Amrani", cin="EE112233"),
    ]


# --- by household reference ---------------------------------------------------------------------------------------


def test_household_references_by_id_prefix_and_cin_are_each_served_once(db, families):
    ramadan = event(db)
    amina, brahim, chaimae = families

    result = reconcile(db, ramadan.id, [amina.id, brahim.id[:13], "ee 112233"], actor="Samira")

    assert result.complete and (result.already_served, result.rejected) == ([], [])
    assert [d.household_name for d in result.served] == ["Amina Alaoui", "Brahim Tazi", "Chaimae Amrani"]
    assert {i["code"]: i["quantity"] for i in result.served[0].items} == {"KIT": 1, "LAIT": 2}
    assert all(d.handed_out_by == "Samira" for d in result.served)
    assert distributions(db, ramadan.id) == 3


def test_a_household_already_served_is_reported_with_its_receipt_and_not_doubled(db, families):
    ramadan = event(db)
    amina, brahim, _ = families
    first = record_distribution(db, ramadan.id, amina.id).value

    result = reconcile(db, ramadan.id, [amina.id, brahim.id])

    assert [d.household_name for d in result.served] == ["Brahim Tazi"] and not result.complete
    assert [(a.name, a.receipt, a.entry) for a in result.already_served] == [("Amina Alaoui", first.receipt, amina.id)]
    assert distributions(db, ramadan.id) == 2


def test_one_bad_entry_does_not_stop_the_others(db, families):
    ramadan = event(db)
    amina, brahim, _ = families

    result = reconcile(db, ramadan.id, [amina.id, "ZZ999999", "", "   ", brahim.id])

    assert [d.household_name for d in result.served] == ["Amina Alaoui", "Brahim Tazi"]
    assert [(r.text, r.key) for r in result.rejected] == [("ZZ999999", "error.household_not_found")]
    assert "ZZ999999" in result.rejected[0].message and "introuvable" in result.rejected[0].message


def test_the_same_household_named_twice_in_the_list_counts_once(db, families, tmp_path):
    ramadan = event(db)
    amina = families[0]
    codes = scanned(write_signoff_sheet(db, ramadan.id, tmp_path / "s.pdf").path)
    code = next(c for c in codes if amina.id.replace("-", "").upper() in c)

    result = reconcile(db, ramadan.id, [code, amina.id, code, "AB123456", f"  {code}  "])

    assert len(result.served) == 1 and result.complete
    assert distributions(db, ramadan.id) == 1


# --- by codes scanned from a printed sheet -------------------------------------------------------------------------


def test_codes_scanned_from_the_printed_sheet_are_served_and_a_second_pass_doubles_nothing(db, families, tmp_path):
    ramadan = event(db)
    sheet = write_signoff_sheet(db, ramadan.id, tmp_path / "sheet.pdf")
    codes = scanned(sheet.path)
    assert len(codes) == 3 and all(c.startswith("FAS1:") for c in codes)

    first = reconcile(db, ramadan.id, codes)
    again = reconcile(db, ramadan.id, codes)

    assert first.complete and {d.household_id for d in first.served} == {f.id for f in families}
    assert again.served == [] and len(again.already_served) == 3 and not again.complete
    assert {a.receipt for a in again.already_served} == {d.receipt for d in first.served}
    assert distributions(db, ramadan.id) == 3


def test_a_code_from_another_events_sheet_is_rejected_with_that_event_named(db, families, tmp_path):
    ramadan, winter = event(db), event(db, name="Hiver 2025", day="2025-12-01")
    winter_codes = scanned(write_signoff_sheet(db, winter.id, tmp_path / "winter.pdf").path)

    result = reconcile(db, ramadan.id, [winter_codes[0], families[1].id])

    assert [r.key for r in result.rejected] == ["error.sheet_code_other_event"]
    assert "Hiver 2025" in result.rejected[0].message and result.rejected[0].text == winter_codes[0]
    assert [d.household_name for d in result.served] == ["Brahim Tazi"]
    assert distributions(db, winter.id) == 0


def test_an_altered_or_foreign_or_unreadable_code_is_rejected(db, families, tmp_path):
    ramadan = event(db)
    code = scanned(write_signoff_sheet(db, ramadan.id, tmp_path / "sheet.pdf").path)[0]
    prefix, household_hex, signature = code.split(":")
    other_household = next(h for h in (f.id.replace("-", "").upper() for f in families) if h != household_hex)
    with db.read() as session:
        association_id = settings.get(session, "association_id")
    foreign = signing.row_code("ab" * 32, association_id, ramadan.id, families[0].id)
    altered_signature = f"{prefix}:{household_hex}:{'A' if signature[0] != 'A' else 'B'}{signature[1:]}"
    moved = f"{prefix}:{other_household}:{signature}"  # a genuine signature on another row's household
    receipt = signing.receipt_code("ab" * 32, association_id, "KHR1-2025-00001")

    result = reconcile(db, ramadan.id, [altered_signature, moved, foreign, "FAS1:not-hex:XYZ", receipt])

    assert result.served == [] and distributions(db, ramadan.id) == 0
    assert [r.key for r in result.rejected] == [
        "error.sheet_code_forged",
        "error.sheet_code_forged",
        "error.sheet_code_forged",
        "error.sheet_code_unreadable",
        "error.sheet_code_receipt",
    ]
    assert all(r.message and not r.message.startswith("error.") for r in result.rejected)


def test_messages_follow_the_current_language(db, families):
    from fieldapp import i18n

    ramadan = event(db)
    i18n.set_language("ar")

    result = reconcile(db, ramadan.id, ["FAS1:zz:zz"])

    assert result.rejected[0].key == "error.sheet_code_unreadable"
    assert any("\u0621" <= ch <= "\u064a" for ch in result.rejected[0].message)


# --- the command ---------------------------------------------------------------------------------------------------


def test_the_command_exits_0_when_all_were_served_and_3_when_some_were_refused(db, families, cli, tmp_path):
    ramadan = event(db)
    amina, brahim, chaimae = families

    served = cli("reconcile", ramadan.id, "--collected", amina.id, "Q765432")
    refused = cli("reconcile", "Ramadan 1446", "--collected", amina.id, "ZZ000000", chaimae.id)

    assert served.code == 0 and served.out.splitlines() == [
        "Feuille rapprochée : 2 servi(s), 0 déjà servi(s), 0 refusé(s)."
    ]
    assert refused.code == 3
    lines = refused.out.splitlines()
    assert lines[0] == "Feuille rapprochée : 1 servi(s), 1 déjà servi(s), 1 refusé(s)."
    assert lines[1].strip().startswith("Déjà servi : Amina Alaoui (reçu KHR1-")
    assert lines[2].strip().startswith("Refusé : « ZZ000000 » — Foyer introuvable")
    assert len(lines) == 3 and distributions(db, ramadan.id) == 3


def test_the_command_reads_a_codes_file_and_prints_json(db, families, cli, tmp_path):
    ramadan = event(db)
    codes = scanned(write_signoff_sheet(db, ramadan.id, tmp_path / "sheet.pdf").path)
    codes_file = tmp_path / "codes.txt"
    codes_file.write_text("\ufeff" + "\n\n".join(codes[:2]) + "\n   \n", encoding="utf-8")

    result = cli("reconcile", ramadan.id, "--codes-file", str(codes_file), "--json")
    again = cli("reconcile", ramadan.id, "--codes-file", str(codes_file), "--json")
    missing = cli("reconcile", ramadan.id, "--codes-file", str(tmp_path / "nope.txt"))
    neither = cli("reconcile", ramadan.id)

    document = result.json()
    assert result.code == 0 and document["complete"] is True and len(document["served"]) == 2
    assert document["served"][0]["receipt"].startswith("KHR1-") and document["rejected"] == []
    assert again.code == 3 and [a["receipt"] for a in again.json()["already_served"]] == [
        d["receipt"] for d in document["served"]
    ]
    assert missing.code == 5 and "nope.txt" in missing.err
    assert neither.code == 2


@pytest.mark.slow
def test_the_real_command_exits_3_as_a_script_sees_it(db, families, cli_process):
    ramadan = event(db)

    result = cli_process("reconcile", ramadan.id, "--collected", families[0].id, "FAS1:bad:code")

    assert result.code == 3 and "Refusé" in result.out and "Amina" not in result.out
