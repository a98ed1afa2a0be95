"""What a volunteer may and may not do, checked in the services themselves (the CLI and the window use the same)."""

from __future__ import annotations

import pytest
from raw_db import TEST_USER
from sqlalchemy import func, select

from fieldapp.errors import NotAllowed
from fieldapp.models import AuditEntry, JournalEntry, Setting, User
from fieldapp.permissions import ALLOWED, Action, Role
from fieldapp.rules import parse_item
from fieldapp.services import (
    accounts,
    bulk,
    cards,
    conflicts,
    demo,
    distributions,
    enrollment,
    events,
    export,
    households,
    receipts,
    reconcile,
    setup,
    sheets,
    volunteers,
)
from fieldapp.services.households import HouseholdInput

KHOURIBGA = "05.311.01.07"


@pytest.fixture
def desk(db, data_dir):
    """The coordinator's record with an event, a family and a volunteer; and the same record opened by a volunteer."""
    event = events.create_event(db, "Ramadan", "2026-03-01", [parse_item("KIT:Panier:1")]).value
    family = households.register_household(
        db, HouseholdInput(head_name="Fatima Alaoui", cin="AB123456", commune=KHOURIBGA, size=3, consent=True)
    ).value
    helper = volunteers.register_volunteer(db, "Youssef").value
    served = distributions.record_distribution(db, event.id, family.id).value
    accounts.add_user(db, "Karim", "volunteer", "karim-secret")
    volunteer_db = accounts.login(data_dir, "Karim", "karim-secret")
    yield volunteer_db, event, family, helper, served
    volunteer_db.dispose()


def _written(db) -> dict:
    with db.read() as session:
        return {
            m.__tablename__: session.scalar(select(func.count()).select_from(m))
            for m in (JournalEntry, AuditEntry, Setting, User)
        }


def test_a_volunteer_is_refused_everything_but_the_desk_work_and_nothing_is_written(desk, tmp_path):
    vdb, event, family, helper, served = desk
    before = _written(vdb)
    refused_calls = {
        "export": lambda: export.export_records(vdb, "households", "csv", tmp_path / "all.csv"),
        "import": lambda: bulk.import_households(
            vdb, [HouseholdInput(consent=True, head_name="X", commune=KHOURIBGA, size=1)]
        ),
        "demo": lambda: demo.generate_demo(vdb, households=2),
        "void": lambda: distributions.void_distribution(vdb, served.receipt, "erreur"),
        "override": lambda: distributions.record_distribution(vdb, event.id, family.id, override_reason="oubli"),
        "delete": lambda: households.delete_household(vdb, family.id, "doublon"),
        "register": lambda: households.register_household(
            vdb, HouseholdInput(head_name="Khadija", commune=KHOURIBGA, size=2, consent=True)
        ),
        "identity": lambda: households.update_household(vdb, family.id, HouseholdInput(head_name="Fatima B.")),
        "cin": lambda: households.update_household(vdb, family.id, HouseholdInput(cin="CD654321")),
        "create event": lambda: events.create_event(vdb, "Aïd", "2026-04-01", [parse_item("KIT:Panier:1")]),
        "edit event": lambda: events.update_event(vdb, event.id, site="École"),
        "volunteer": lambda: volunteers.register_volunteer(vdb, "Nadia"),
        "settings": lambda: setup.update_settings(vdb, {"receipt_format": "a4"}),
        "sync settings": lambda: setup.update_settings(vdb, {"hq_url": "https://hq.example.org"}),
        "enrol": lambda: enrollment.complete_enrollment(
            vdb, enrollment.EnrollmentRequest("https://hq.example.org", "KHR1", "pc"), "t", "d", "a", "A"
        ),
        "settle conflict": lambda: conflicts.settle_conflict(vdb, "k" * 32, conflicts.KEEP_CURRENT),
        "settle review": lambda: conflicts.settle_review(vdb, "k" * 32, "vu"),
        "add user": lambda: accounts.add_user(vdb, "Nadia", "coordinator", "nadia-secret"),
        "list users": lambda: accounts.list_users(vdb),
        "role": lambda: accounts.set_role(vdb, "Karim", "coordinator"),
        "disable": lambda: accounts.disable_user(vdb, TEST_USER),
        "others' password": lambda: accounts.change_password(vdb, TEST_USER, "pirate-secret"),
        "setup": lambda: setup.initialise(vdb, "Autre", "KHR1"),
    }
    for name, call in refused_calls.items():
        with pytest.raises(NotAllowed) as refused:
            call()
        assert refused.value.exit_code == 7, name
        assert refused.value.message().startswith("Non autorisé : le rôle bénévole ne permet pas"), name
    assert _written(vdb) == before
    assert not (tmp_path / "all.csv").exists()


def test_a_volunteer_serves_prints_checks_in_and_keeps_notes_at_the_desk(desk, tmp_path):
    vdb, event, family, helper, served = desk
    other = households.search_households(vdb, "Fatima")  # searching needs no right beyond the login
    assert [h.id for h in other] == [family.id]
    second = events.list_events(vdb)[0]
    assert second.id == event.id
    receipts.write_receipt(vdb, served.receipt, tmp_path / "recu.pdf")
    sheets.write_signoff_sheet(vdb, event.id, tmp_path / "feuille.pdf")
    sheets.write_attendance_sheet(vdb, event.id, tmp_path / "presence.pdf")
    assert cards.write_cards(vdb, tmp_path / "cartes.pdf", [family.id]).value.count == 1
    assert volunteers.check_in(vdb, helper.id, event.id).value.volunteer_id == helper.id
    volunteers.check_out(vdb, helper.id, event.id)
    households.update_household(vdb, family.id, HouseholdInput(notes="Préfère le samedi"))
    setup.update_settings(vdb, {"language": "ar"})  # their own working language
    accounts.change_password(vdb, "Karim", "karim-nouveau", current_password="karim-secret")
    with vdb.read() as session:
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "household.update")).all()
    assert audit[-1].user_name == "Karim"  # the trail records the real user


def test_a_volunteer_serves_a_family_not_yet_served(desk, db):
    vdb, event, family, helper, served = desk
    other = households.register_household(
        db, HouseholdInput(head_name="Khadija Idrissi", commune=KHOURIBGA, size=2, consent=True)
    ).value
    done = distributions.record_distribution(vdb, event.id, other.id)
    assert done.value.receipt.startswith("KHR1-")
    assert reconcile.reconcile(vdb, event.id, [other.id]).already_served


def test_roles_are_exactly_what_the_issue_lists():
    assert ALLOWED[Role.COORDINATOR] == frozenset(Action)
    assert ALLOWED[Role.VOLUNTEER] == {
        Action.SERVE,
        Action.PRINT,
        Action.ATTENDANCE,
        Action.SYNC,
        Action.EDIT_HOUSEHOLD,
    }
