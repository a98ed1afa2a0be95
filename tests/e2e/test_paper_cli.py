"""`fieldapp receipt` and `fieldapp verify-receipt` as a person or a script uses them: real PDFs, real QR decoding.

Exit codes as everywhere: 0 done, 2 usage, 3 refused (a code that is not genuine), 4 not found. The QR text given to
`verify-receipt` is what `zbarimg` reads from a 200 dpi render of the printed PDF.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from cli_checks import assert_one_line_error, assert_usage_error

KHOURIBGA = "05.311.01.07"
NAME, NAME_AR = "Fatima Zahra Benali", "فاطمة الزهراء بن علي"
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(autouse=True)
def _poppler_and_zbar():
    missing = [tool for tool in ("pdftotext", "pdftoppm", "zbarimg") if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} not found: run scripts/setup.sh (poppler-utils, zbar-tools)")


def run(*args) -> str:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, check=True, timeout=60).stdout


def pdf_text(path: Path) -> str:
    return BIDI_CONTROLS.sub("", unicodedata.normalize("NFKC", run("pdftotext", "-layout", path, "-")))


def qr_codes(path: Path) -> list[str]:
    prefix = path.with_suffix("")
    run("pdftoppm", "-r", "200", "-png", path, prefix)
    images = sorted(path.parent.glob(f"{prefix.name}-*.png"))
    codes = run("zbarimg", "--raw", "-q", *images).splitlines()
    for image in images:
        image.unlink()
    return codes


def ok(result):
    assert result.code == 0, result
    return result


@pytest.fixture
def served(cli) -> dict:
    """`init`, one household with an Arabic name and a CIN, an event, and its distribution (as JSON)."""
    ok(cli("init", "--association", "Association Al Amal", "--device", "KHR1"))
    household = ok(
        cli(
            "household", "add", "--consent", "--name", NAME, "--name-ar", NAME_AR, "--cin", "AB123456",
            "--commune", KHOURIBGA, "--json",
        )
    ).json()  # fmt: skip
    event = ok(
        cli(
            "event", "create", "--name", "Panier Ramadan", "--date", "2026-02-14",
            "--item", "KIT:Panier alimentaire:1:ar=قفة", "--item", "RIZ:Riz 1 kg:2:per-member", "--json",
        )
    ).json()  # fmt: skip
    return ok(cli("distribute", "--event", event["id"], "--household", household["id"], "--json")).json()


@pytest.fixture
def scanned(cli, served, tmp_path) -> str:
    """The QR text of the printed A6 receipt, as a scanner reads it."""
    path = tmp_path / "scan" / "receipt.pdf"
    ok(cli("receipt", served["receipt"], "-o", str(path), "--format", "a6"))
    (code,) = qr_codes(path)
    return code


def one_changed(code: str, position: int) -> str:
    old = code[position]
    new = str((int(old) + 1) % 10) if old.isdigit() else ("A" if old != "A" else "B")
    return code[:position] + new + code[position + 1 :]


# --- fieldapp receipt ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["a6", "80mm", "a4"])
def test_receipt_writes_the_pdf(cli, served, tmp_path, fmt):
    path = tmp_path / "out" / f"receipt-{fmt}.pdf"

    result = ok(cli("receipt", served["receipt"], "-o", str(path), "--format", fmt))

    assert str(path) in result.out and result.err == ""
    text = pdf_text(path)
    assert served["receipt"] in text and NAME in text and "AB****56" in text and "AB123456" not in text
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_receipt_json_gives_the_path(cli, served, tmp_path):
    path = tmp_path / "receipt.pdf"

    result = ok(cli("receipt", served["receipt"].lower(), "-o", str(path), "--format", "80mm", "--json"))

    assert result.json() == {"receipt": served["receipt"], "path": str(path), "format": "80mm"}
    assert path.is_file() and served["receipt"] in pdf_text(path)


def test_receipt_uses_the_format_setting_by_default(cli, served, tmp_path):
    path = tmp_path / "receipt.pdf"

    ok(cli("receipt", served["receipt"], "-o", str(path)))

    assert run("pdfinfo", path).count("297.638 x 419.528") == 1  # A6, the default setting


def test_receipt_copy_is_marked_duplicata_with_the_same_number_and_a_qr_that_verifies(cli, served, tmp_path):
    path = tmp_path / "copies" / "copy.pdf"

    result = ok(cli("receipt", served["receipt"], "-o", str(path), "--format", "a6", "--copy", "--json"))

    assert result.json() == {"receipt": served["receipt"], "path": str(path), "format": "a6", "copy": True}
    text = pdf_text(path)
    assert "DUPLICATA" in text and "نسخة مكررة" in text and served["receipt"] in text
    (code,) = qr_codes(path)
    assert ok(cli("verify-receipt", code, "--json")).json()["distribution"]["receipt"] == served["receipt"]
    trail = ok(cli("audit", "show", "--json")).json()["entries"]
    assert [e["detail"] for e in trail if e["action"] == "receipt.reprint"] == [
        {"receipt": served["receipt"], "format": "a6"}
    ]


def test_unknown_receipt_exits_4_and_writes_nothing(cli, served, tmp_path):
    path = tmp_path / "out" / "missing.pdf"

    line = assert_one_line_error(cli("receipt", "KHR1-2026-99999", "-o", str(path)), 4)

    assert "KHR1-2026-99999" in line
    assert not path.exists() and (not path.parent.exists() or list(path.parent.iterdir()) == [])


@pytest.mark.parametrize("args", [("--format", "a5"), ("--format", "A6"), ()], ids=["a5", "upper case", "no -o"])
def test_bad_receipt_arguments_are_usage_errors(cli, served, tmp_path, args):
    path = tmp_path / "out.pdf"
    output = ("-o", str(path)) if args else ()

    assert_usage_error(cli("receipt", served["receipt"], *output, *args))
    assert not path.exists()


# --- fieldapp verify-receipt ---------------------------------------------------------------------------------------


def test_verify_receipt_accepts_the_scanned_code(cli, served, scanned):
    result = ok(cli("verify-receipt", scanned))

    assert result.out.splitlines()[0] == "Reçu authentique."
    assert served["receipt"] in result.out
    assert NAME in result.out and NAME_AR in result.out
    assert "Panier Ramadan" in result.out
    assert result.err == ""


def test_verify_receipt_json_says_valid_true_with_the_distribution(cli, served, scanned):
    document = ok(cli("verify-receipt", scanned, "--json")).json()

    assert document["valid"] is True and document["reason"] == "print.receipt_genuine"
    assert document["distribution"]["receipt"] == served["receipt"]
    assert document["distribution"]["household_id"] == served["household_id"]


@pytest.mark.parametrize("position", [0, 5, 11, 19, 21, -1], ids=["prefix", "device", "year", "number", "sig", "end"])
def test_one_changed_character_exits_3_with_one_line(cli, served, scanned, position):
    forged = one_changed(scanned, position % len(scanned))

    line = assert_one_line_error(cli("verify-receipt", forged), 3)

    assert "authentique" in line.lower() or "code" in line.lower()
    assert "Reçu authentique." not in line
    assert NAME not in cli("verify-receipt", forged).out


@pytest.mark.parametrize("text", ["bonjour", "FAR1:KHR1-2026-00001", "::", "FAR1:x:y:z", "https://example.org/?r=1"])
def test_garbage_exits_3(cli, served, text):
    assert_one_line_error(cli("verify-receipt", text), 3)


def test_verify_receipt_json_says_valid_false_and_exits_3(cli, served, scanned):
    result = cli("verify-receipt", one_changed(scanned, len(scanned) - 1), "--json")

    assert_one_line_error(result, 3)
    first, _ = json.JSONDecoder().raw_decode(result.out)
    assert first["valid"] is False and first["reason"] == "error.receipt_code_forged"
    assert first["distribution"] is None


def test_verify_receipt_json_output_is_one_document_when_invalid(cli, served, scanned):
    result = cli("verify-receipt", "bonjour", "--json")

    assert result.code == 3
    assert json.loads(result.out)["valid"] is False


# --- as a real process ---------------------------------------------------------------------------------------------


def test_receipt_and_verify_as_real_processes(cli_process, served, tmp_path):
    path = tmp_path / "process" / "receipt.pdf"

    written = cli_process("receipt", served["receipt"], "-o", str(path), "--format", "a4", "--json")
    assert written.code == 0, written
    assert json.loads(written.out)["path"] == str(path)
    codes = qr_codes(path)
    assert len(codes) == 2 and codes[0] == codes[1]

    genuine = cli_process("verify-receipt", codes[0])
    assert genuine.code == 0, genuine
    assert "Reçu authentique." in genuine.out and NAME in genuine.out

    forged = cli_process("verify-receipt", one_changed(codes[0], len(codes[0]) - 3))
    assert_one_line_error(forged, 3)
    assert forged.out == ""
