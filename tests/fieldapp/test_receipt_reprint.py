"""Reprinting a receipt: the same receipt number and QR code, marked DUPLICATA in both scripts with the date of the
reprint so that it cannot pass for a second hand-out, recorded in the audit trail; a voided one stays voided."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from test_receipts import pdf_text, qr_codes, render, served  # noqa: F401 — `served` is a fixture

from fieldapp.errors import NotFound
from fieldapp.models import AuditEntry, Distribution
from fieldapp.printing import RECEIPT_FORMATS
from fieldapp.services import accounts, distributions, receipts
from fieldapp.services.receipts import reprint_receipt, verify_receipt


def reprint(db, receipt: str, folder, fmt: str):
    folder.mkdir(parents=True, exist_ok=True)
    return reprint_receipt(db, receipt, folder / f"copy-{fmt}.pdf", fmt).value


@pytest.mark.parametrize("fmt", RECEIPT_FORMATS)
def test_a_reprint_says_duplicata_in_both_scripts_with_the_same_number(db, served, tmp_path, fmt):  # noqa: F811
    first = pdf_text(render(db, served.receipt, tmp_path / "first", fmt))
    assert "DUPLICATA" not in first

    text = pdf_text(reprint(db, served.receipt, tmp_path / "again", fmt))

    assert "DUPLICATA" in text and "نسخة مكررة" in text
    assert "ne vaut pas une seconde remise" in " ".join(text.split())  # wrapped on the narrow roll
    assert served.receipt in text
    assert text.count(served.receipt) == first.count(served.receipt)  # one receipt number, the same one


@pytest.mark.parametrize("fmt", RECEIPT_FORMATS)
def test_the_reprinted_qr_code_still_verifies_as_the_same_distribution(db, served, tmp_path, fmt):  # noqa: F811
    codes = qr_codes(reprint(db, served.receipt, tmp_path, fmt))

    assert codes and len(set(codes)) == 1
    checked = verify_receipt(db, codes[0])
    assert checked.valid and checked.distribution.receipt == served.receipt


def test_a_reprint_is_in_the_audit_trail_and_records_no_new_hand_out(db, served, tmp_path):  # noqa: F811
    reprint(db, served.receipt, tmp_path, "a6")

    with db.read() as session:
        [entry] = session.scalars(select(AuditEntry).where(AuditEntry.action == "receipt.reprint")).all()
        hand_outs = session.scalars(select(Distribution)).all()
    assert (entry.entity, entry.entity_id, entry.detail) == (
        "distributions",
        served.id,
        {"receipt": served.receipt, "format": "a6"},
    )
    assert [d.receipt for d in hand_outs] == [served.receipt]


def test_a_voided_receipt_reprints_marked_voided_as_well(db, served, tmp_path):  # noqa: F811
    distributions.void_distribution(db, served.receipt, "Erreur de foyer")

    text = pdf_text(reprint(db, served.receipt, tmp_path, "a6"))

    assert "ANNULÉ" in text and "ملغى" in text and "Erreur de foyer" in text
    assert "DUPLICATA" in text


def test_an_unknown_receipt_is_not_found_and_nothing_is_written(db, served, tmp_path):  # noqa: F811
    folder = tmp_path / "copies"
    folder.mkdir()
    with pytest.raises(NotFound):
        reprint_receipt(db, "KHR1-2026-99999", folder / "none.pdf")

    assert list(folder.iterdir()) == []


def test_a_volunteer_may_reprint_and_the_trail_names_them(db, served, data_dir, tmp_path):  # noqa: F811
    accounts.add_user(db, "Karim", "volunteer", "karim-secret")
    volunteer_db = accounts.login(data_dir, "Karim", "karim-secret")
    try:
        path = receipts.reprint_receipt(volunteer_db, served.receipt, tmp_path / "copy.pdf").value
    finally:
        volunteer_db.dispose()

    assert "DUPLICATA" in pdf_text(path)
    with db.read() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "receipt.reprint")).one()
    assert entry.user_name == "Karim"
