"""`fieldapp report` on a real database file: the PDF read back with pdftotext (French and Arabic), the XLSX with
openpyxl, the totals against a count by hand, and bad input refused with a sentence and no file left behind."""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
import raw_db
from cli_checks import assert_one_line_error, assert_usage_error
from openpyxl import load_workbook

EVENT = "Panier Ramadan 2026"
PERIOD = ("--from", "2020-01-01", "--to", "2035-12-31")
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pdf_text(path: Path) -> str:
    """pdftotext -layout, Arabic presentation forms folded (NFKC), bidi controls removed."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext not found: run scripts/setup.sh (poppler-utils)")
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return BIDI_CONTROLS.sub("", unicodedata.normalize("NFKC", out))


@pytest.fixture
def demo(cli):
    """A demo association: households, two events, servings (one voided), volunteers checked in and out."""
    result = cli("demo", "--households", "120", "--seed", "4")
    assert result.code == 0, result
    return cli


def served_by_hand(data_dir: Path, event: str | None = None) -> tuple[int, int]:
    """Families and people served, counted with plain SQL on the database file."""
    where = "e.name = ?" if event else "1"
    sql = (
        "SELECT count(*), sum(size) FROM households WHERE id IN (SELECT d.household_id FROM distributions d "
        "JOIN events e ON e.id = d.event_id WHERE d.deleted_at IS NULL AND " + where + " AND NOT EXISTS "
        "(SELECT 1 FROM distribution_voids v WHERE v.distribution_id = d.id AND v.deleted_at IS NULL))"
    )
    with contextlib.closing(raw_db.connect(data_dir)) as conn:
        return conn.execute(sql, (event,) if event else ()).fetchone()


def test_a_french_pdf_of_an_event_names_its_figures_definitions_and_sheets(demo, cli_process, data_dir, tmp_path):
    target = tmp_path / "rapport.pdf"

    result = cli_process("report", "--event", EVENT, "-o", str(target), "--json")

    assert result.code == 0, result.err
    document = result.json()
    families, people = served_by_hand(data_dir, EVENT)
    assert (document["totals"]["families"], document["totals"]["people"]) == (families, people)
    assert document["format"] == "pdf" and document["pages"] >= 2
    text = pdf_text(target)
    assert "Rapport aux bailleurs" in text and f"Événement : {EVENT}" in text
    assert re.search(rf"Familles servies\s+{families}\b", text)
    for heading in ("Familles servies par province et commune", "Familles servies par taille du ménage",
                    "Familles servies par critère de vulnérabilité", "Articles distribués et stock",
                    "Reçus annulés et familles servies deux fois", "Définitions", "Pièces justificatives"):  # fmt: skip
        assert heading in text
    assert f"Feuille d'émargement des bénéficiaires « {EVENT} »" in text
    assert "< 5" in text  # communes with fewer than five families
    assert "Moins de 5 :" in text and "Familles servies : ménages distincts" in text


def test_an_arabic_pdf_of_a_period_reads_right_to_left_with_the_same_totals(demo, cli_process, data_dir, tmp_path):
    target = tmp_path / "taqrir.pdf"

    result = cli_process("report", *PERIOD, "-o", str(target), "--language", "ar", "--json")

    assert result.code == 0, result.err
    families, _ = served_by_hand(data_dir)
    assert result.json()["totals"]["families"] == families
    text = pdf_text(target)
    assert "تقرير للجهات المانحة" in text and "الأسر المستفيدة" in text
    assert "معايير الهشاشة" in text and "التعريفات" in text and "ورقة توقيع المستفيدين" in text
    assert "Rapport aux bailleurs" not in text
    assert re.search(rf"\b{families}\b", text)


def test_the_xlsx_lists_every_receipt_behind_the_totals(demo, cli_process, data_dir, tmp_path):
    target = tmp_path / "rapport.xlsx"

    result = cli_process("report", *PERIOD, "-o", str(target), "--json")

    assert result.code == 0, result.err
    totals = result.json()["totals"]
    book = load_workbook(target, read_only=True)
    assert book.sheetnames == ["Synthèse", "Lieux", "Tailles", "Vulnérabilité", "Articles", "Reçus", "Définitions"]
    rows = list(book["Reçus"].iter_rows(values_only=True))
    header, receipts = rows[0], rows[1:]
    assert header[:3] == ("Reçu", "Événement", "Servi le (UTC)")
    counted = [r for r in receipts if r[header.index("Compté")] == "oui"]
    assert len({r[header.index("Ménage (identifiant)")] for r in counted}) == totals["families"]
    assert sum(r[header.index("Annulé")] == "oui" for r in receipts) == totals["voided"] >= 1
    # a funder filters the receipts by commune and finds the figure of the Places sheet
    places = list(book["Lieux"].iter_rows(values_only=True))[1:]
    code, families = next((p[2], p[4]) for p in places if isinstance(p[4], int))
    assert len({r[3] for r in counted if r[header.index("Code HCP")] == code}) == families
    summary = {r[0]: r[1] for r in book["Synthèse"].iter_rows(values_only=True) if len(r) > 1 and r[0]}
    assert summary["Familles servies"] == totals["families"]
    definitions = [r[0] for r in book["Définitions"].iter_rows(values_only=True)]
    assert any(d and d.startswith("Moins de 5") for d in definitions)


def test_an_arabic_xlsx_has_right_to_left_sheets(demo, cli, tmp_path):
    target = tmp_path / "taqrir.xlsx"

    assert cli("report", "--event", EVENT, "-o", str(target), "--language", "ar").code == 0

    book = load_workbook(target)
    assert all(sheet.sheet_view.rightToLeft for sheet in book.worksheets)
    assert book.sheetnames[5] == "الوصولات"


def test_bad_input_is_refused_with_a_sentence_and_no_file(demo, cli, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "rapport.pdf"

    line = assert_one_line_error(cli("report", "--event", "Inconnu", "-o", str(target)), 4)
    assert "Inconnu" in line
    line = assert_one_line_error(cli("report", "--from", "2026-13-01", "--to", "2026-12-31", "-o", str(target)), 5)
    assert "2026-13-01" in line
    assert_one_line_error(cli("report", "--from", "2026-12-31", "--to", "2026-01-01", "-o", str(target)), 5)
    line = assert_one_line_error(cli("report", *PERIOD, "-o", str(folder / "rapport.docx")), 5)
    assert ".pdf" in line
    assert_usage_error(cli("report", "--from", "2026-01-01", "-o", str(target)))
    assert_usage_error(cli("report", "-o", str(target)))
    assert list(folder.iterdir()) == []


def test_a_bad_date_is_said_in_arabic_for_an_arabic_user(demo, cli, tmp_path):
    result = cli("--lang", "ar", "report", "--from", "demain", "--to", "2026-12-31", "-o", str(tmp_path / "r.pdf"))

    line = assert_one_line_error(result, 5)
    assert "تاريخ غير صالح" in line
