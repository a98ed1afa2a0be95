"""The right of access (law 09-08): everything held on one family, as JSON and as a PDF read back with pdftotext;
coordinators only; the export itself is audited."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from test_receipts import pdf_text

from fieldapp.db import Database
from fieldapp.errors import BadData, NotAllowed
from fieldapp.models import AuditEntry, SyncConflict, SyncReview
from fieldapp.permissions import Account, Role
from fieldapp.rules import parse_item
from fieldapp.services.bulk import import_households
from fieldapp.services.distributions import record_distribution, void_distribution
from fieldapp.services.events import create_event
from fieldapp.services.households import HouseholdInput, MemberInput, register_household, update_household
from fieldapp.services.subject_access import export_subject_record, subject_record

KHOURIBGA = "05.311.01.07"


@pytest.fixture
def family(db):
    """Fatima, one member, consent, served once (voided) and once more, her phone corrected, one conflict, a review."""
    made = register_household(
        db,
        HouseholdInput(
            head_name="Fatima Benali",
            head_name_ar="فاطمة بن علي",
            cin="AB123456",
            phone="0612345678",
            commune=KHOURIBGA,
            douar="Ouled Said",
            flags=["widow"],
            consent=True,
            consent_by="Khadija",
            members=[MemberInput("Youssef Benali", sex="M", birth_year=2012)],
        ),
    ).value
    event = create_event(db, "Panier Ramadan", "2026-02-14", [parse_item("KIT:Panier alimentaire:1")]).value
    first = record_distribution(db, event.id, made.id, collector="Aicha Benali").value
    void_distribution(db, first.receipt, "erreur de saisie")
    second = record_distribution(db, event.id, made.id).value
    update_household(db, made.id, HouseholdInput(phone="0698765432"))
    with db.write(journal=False) as uow:
        uow.session.add(
            SyncConflict(
                key="c1",
                entity="households",
                entity_id=made.id,
                field="douar",
                winner_value="Ouled Said",
                winner_hlc="1",
                loser_value="Ouled Saïd",
                loser_hlc="0",
            )
        )
        uow.session.add(SyncReview(key="r1", kind="served_twice", household_id=made.id, record_ids=[first.id]))
    other = register_household(db, HouseholdInput(consent=True, head_name="Ahmed Alaoui", commune=KHOURIBGA)).value
    return {"id": made.id, "receipts": [first.receipt, second.receipt], "other": other.id}


def test_the_record_holds_identity_members_consent_distributions_voids_findings_and_history(db, family):
    record = subject_record(db, family["id"])

    assert record["household"]["head_name"] == "Fatima Benali" and record["household"]["cin"] == "AB123456"
    assert record["household"]["phone"] == "+212698765432" and record["household"]["flags"] == ["widow"]
    assert [m["name"] for m in record["members"]] == ["Youssef Benali"]
    assert record["consent"]["given"] and record["consent"]["version"] == "2026-12"
    assert record["consent"]["by"] == "Khadija"
    assert [d["receipt"] for d in record["distributions"]] == family["receipts"]
    assert record["distributions"][0]["collector_name"] == "Aicha Benali"
    assert [v["reason"] for v in record["distributions"][0]["voids"]] == ["erreur de saisie"]
    assert record["distributions"][1]["voids"] == []
    assert [c["field"] for c in record["conflicts"]] == ["douar"] and record["reviews"][0]["kind"] == "served_twice"
    actions = [e["action"] for e in record["history"]]
    assert actions == [
        "household.register",
        "distribution.record",
        "distribution.void",
        "distribution.record",
        "household.update",
    ]
    assert all(e["actor"] == "Samira" for e in record["history"])
    assert "Ahmed Alaoui" not in json.dumps(record, ensure_ascii=False)


def test_an_imported_household_finds_its_import_in_its_history(db):
    made = import_households(
        db, [HouseholdInput(consent=True, head_name="Ahmed Alaoui", commune=KHOURIBGA)]
    ).household_ids[0]

    assert [e["action"] for e in subject_record(db, made)["history"]] == ["household.import"]


def test_the_pdf_shows_what_is_held_and_the_export_is_audited(db, family, tmp_path):
    path = export_subject_record(db, family["id"], tmp_path / "fatima.pdf").value.path

    text = " ".join(pdf_text(path).split())
    for shown in ("Fatima Benali", "AB123456", "06 98 76 54 32", "Ouled Said", "Youssef Benali", "Veuve", "2026-12"):
        assert shown in text
    for shown in (*family["receipts"], "ANNULÉ", "erreur de saisie", "Aicha Benali", "household.update"):
        assert shown in text
    assert "Données gardées sur le foyer" in text and "Historique" in text and "Ahmed Alaoui" not in text
    with db.read() as session:
        audited = session.scalars(select(AuditEntry).where(AuditEntry.action == "household.export_data")).all()
    assert [(a.entity_id, a.detail["format"]) for a in audited] == [(family["id"], "pdf")]


def test_json_goes_to_a_file_and_a_pdf_needs_one(db, family, tmp_path):
    export_subject_record(db, family["id"], tmp_path / "fatima.json", "json")
    assert json.loads((tmp_path / "fatima.json").read_text(encoding="utf-8"))["household"]["id"] == family["id"]

    with pytest.raises(BadData):
        export_subject_record(db, family["id"], None, "pdf")


def test_a_deleted_household_can_still_be_exported(db, family):
    from fieldapp.services.households import delete_household

    delete_household(db, family["id"], "parti")

    assert subject_record(db, family["id"])["household"]["deleted_at"] is not None


def test_a_volunteer_may_not_export_a_familys_data_and_nothing_is_written(db, family, tmp_path):
    volunteer = Database(db.path, key=db.key, account=Account("Youssef", Role.VOLUNTEER))
    try:
        with pytest.raises(NotAllowed):
            export_subject_record(volunteer, family["id"], tmp_path / "fatima.pdf")
    finally:
        volunteer.dispose()
    assert not (tmp_path / "fatima.pdf").exists()
    with db.read() as session:
        assert session.scalar(select(AuditEntry).where(AuditEntry.action == "household.export_data")) is None


def test_the_command_writes_the_pdf_or_prints_the_json(db, family, cli, tmp_path):
    pdf = cli("household", "export-data", family["id"], "-o", str(tmp_path / "fatima.pdf"))
    printed = cli("household", "export-data", "AB123456", "--format", "json")
    to_file = cli(
        "household", "export-data", family["id"], "--format", "json", "-o", str(tmp_path / "f.json"), "--json"
    )
    no_file = cli("household", "export-data", family["id"])

    assert pdf.code == 0 and "fatima.pdf" in pdf.out and "Fatima Benali" in pdf_text(tmp_path / "fatima.pdf")
    assert printed.code == 0 and printed.json()["household"]["cin"] == "AB123456"
    assert to_file.code == 0 and to_file.json()["format"] == "json" and (tmp_path / "f.json").exists()
    assert no_file.code == 5 and "-o" in no_file.err


def test_the_export_of_a_household_never_seen_says_so_and_writes_nothing(db, cli, tmp_path):
    result = cli("household", "export-data", "XX999999", "-o", str(tmp_path / "x.pdf"))

    assert result.code == 4 and not (tmp_path / "x.pdf").exists()
