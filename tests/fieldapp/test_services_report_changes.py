"""Every use case that writes says what it changed: the window reloads exactly the pages that show those records, so a
use case that forgot would leave a page showing yesterday's list (ui/shell/operations.py publishes `changed`)."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from fieldapp.errors import Refused
from fieldapp.importing.table import Table
from fieldapp.models import JournalEntry, Member, SyncConflict, SyncReview
from fieldapp.rules import parse_item
from fieldapp.services import (
    accounts,
    cards,
    conflicts,
    demo,
    distributions,
    enrollment,
    events,
    households,
    importing,
    receipts,
    reconcile,
    setup,
    volunteers,
)
from fieldapp.services.export import export_records
from fieldapp.services.households import HouseholdInput, MemberInput
from fieldapp.services.retention import apply_retention
from fieldapp.services.subject_access import export_subject_record

SERVICES = Path(__file__).resolve().parents[2] / "fieldapp" / "services"
KHOURIBGA = "05.311.01.07"

# Sync's own bookkeeping (cursors, the push in flight, the last error): called by the sync run alone, which reports
# what the whole run changed in its summary (sync/run.py, SyncSummary.changed) for the window to publish.
SYNC_BOOKKEEPING = {
    "settlements_reported",
    "record_clock_offset",
    "record_sync_success",
    "record_sync_failure",
    "note_push_in_flight",
    "mark_pushed",
    "record_acknowledged_head",
    "record_card_key",
}
# The automatic backups' own mark (fieldapp.services.automatic_backups): no page shows it.
BACKUP_BOOKKEEPING = {"backup_if_due"}
# They open the record before any page exists (the set-up, a password recovery): the window starts after them.
OPEN_THE_RECORD = {"create_first_coordinator", "recover"}
# It closes the record for good (the demo's, set aside): the window that showed it closes, the set-up comes next.
CLOSE_THE_RECORD = {"leave_demo"}
# Checked below, one by one, on a real database.
CHECKED = {
    "add_user",
    "change_password",
    "disable_user",
    "enable_user",
    "set_role",
    "unlock_user",
    "settle_conflict",
    "settle_review",
    "record_distribution",
    "void_distribution",
    "complete_enrollment",
    "create_event",
    "update_event",
    "register_household",
    "update_household",
    "delete_household",
    "initialise",
    "update_settings",
    "remember_desk_event",
    "register_volunteer",
    "update_volunteer",
    "reprint_receipt",
    "check_in",
    "check_out",
    "apply_retention",
    "export_subject_record",
    "export_records",
    "record_cards",
    "save_mapping",
}


def _writers() -> set[str]:
    """Public use cases that open a write transaction themselves."""
    found = set()
    for path in SERVICES.glob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_") and ".write(" in ast.unparse(node):
                found.add(node.name)
    return found


def test_every_use_case_that_writes_is_checked_here_or_is_sync_bookkeeping():
    assert _writers() - SYNC_BOOKKEEPING - BACKUP_BOOKKEEPING - OPEN_THE_RECORD - CLOSE_THE_RECORD == CHECKED, (
        "a new use case that writes must say what it changed (and be here)"
    )


@pytest.fixture
def event(db):
    return events.create_event(db, "Ramadan", "2026-03-01", [parse_item("KIT:Panier:1")], commune=KHOURIBGA).value


def _family(db, name="Fatima Alaoui", cin="AB123456"):
    return households.register_household(
        db,
        HouseholdInput(
            head_name=name, cin=cin, size=3, commune=KHOURIBGA, consent=True, members=[MemberInput("Youssef")]
        ),
    ).value


def test_each_write_names_the_records_it_touched(db, event, tmp_path):
    assert events.create_event(db, "Aïd", "2026-04-01", [parse_item("KIT:Panier:1")]).changed == {"events"}
    assert events.update_event(db, event.id, site="École").changed == {"events"}
    family = _family(db)
    assert households.register_household(
        db, HouseholdInput(head_name="Khadija", size=2, commune=KHOURIBGA, consent=True)
    ).changed == {"households"}
    assert households.update_household(db, family.id, HouseholdInput(phone="0661234567")).changed == {"households"}
    sheet = Table("f.csv", None, (), 1, ("Nom",), ("A",), ())
    assert importing.save_mapping(db, sheet, {0: "head_name"}).changed == {"settings"}
    served = distributions.record_distribution(db, event.id, family.id)
    assert served.changed == {"distributions"}
    assert distributions.void_distribution(db, served.value.receipt, "erreur de saisie").changed == {"distributions"}
    other = _family(db, "Ahmed Benali", "CD654321")
    assert households.delete_household(db, other.id, "doublon").changed == {"households"}
    volunteer = volunteers.register_volunteer(db, "Youssef", None, None)
    assert volunteer.changed == {"volunteers"}
    assert volunteers.check_in(db, volunteer.value.id, event.id).changed == {"attendance"}
    assert volunteers.check_out(db, volunteer.value.id, event.id).changed == {"attendance"}
    assert volunteers.update_volunteer(db, volunteer.value.id, name="Youssef A.").changed == {"volunteers"}
    assert volunteers.deactivate_volunteer(db, volunteer.value.id).changed == {"volunteers"}
    assert volunteers.reactivate_volunteer(db, volunteer.value.id).changed == {"volunteers"}
    # a reprint writes only its audit entry: no page shows it
    assert receipts.reprint_receipt(db, served.value.receipt, tmp_path / "copy.pdf", "a6").changed == frozenset()
    assert setup.update_settings(db, {"operator_name": "Samira"}).changed == {"settings"}
    # the desk's own memory of today's event: shown on no page, so no page reloads when a volunteer picks an event
    assert setup.remember_desk_event(db, event.id, dt.date(2026, 3, 1)).changed == frozenset()


def test_a_reconciled_sheet_says_distributions_changed_only_when_someone_was_served(db, event):
    family = _family(db)
    assert reconcile.reconcile(db, event.id, [family.id]).changed == {"distributions"}
    again = reconcile.reconcile(db, event.id, [family.id])
    assert again.already_served and not again.changed


def test_a_refusal_that_found_the_record_changed_elsewhere_says_it_is_stale(db, event):
    served = distributions.record_distribution(db, event.id, _family(db).id).value
    distributions.void_distribution(db, served.receipt, "erreur")
    with pytest.raises(Refused) as refused:
        distributions.void_distribution(db, served.receipt, "erreur")  # another window had cancelled it
    assert refused.value.key == "error.already_voided"
    assert refused.value.stale == {"distributions"}


def test_the_demo_names_everything_it_writes(db):
    summary = demo.generate_demo(db, households=5)
    assert {"households", "events", "distributions", "volunteers", "attendance"} <= summary.changed


def test_initialising_enrolling_and_settling_name_what_they_changed(blank_db):
    assert setup.initialise(blank_db, "Association Al Amal", "KHR1").changed == {"settings"}
    request = enrollment.enrollment_request(blank_db, "https://hq.example.org")
    joined = enrollment.complete_enrollment(blank_db, request, "token", "device-1", "assoc-hq", "Al Amal")
    assert {"settings", "households", "distributions"} <= joined.changed  # local records took HQ's association
    family = _family(blank_db)
    with blank_db.write(journal=False) as uow:  # what a sync leaves for a person to look at
        uow.session.add(
            SyncConflict(
                key="c1",
                entity="households",
                entity_id=family.id,
                field="phone",
                winner_value="+212661234567",
                winner_hlc="1",
                loser_value="+212662222222",
                loser_hlc="0",
            )
        )
        uow.session.add(SyncReview(key="r1", kind="double_serving", household_id=family.id, record_ids=[]))
    assert conflicts.settle_conflict(blank_db, "c1", conflicts.TAKE_OTHER).changed == {"households", "sync"}
    with blank_db.write(journal=False) as uow:  # a member's field: the page that shows members is the household's
        member_id = uow.session.scalars(select(Member.id)).first()
        uow.session.add(
            SyncConflict(
                key="c2",
                entity="members",
                entity_id=member_id,
                field="name",
                winner_value="Youssef",
                winner_hlc="1",
                loser_value="Yousef",
                loser_hlc="0",
            )
        )
    assert conflicts.settle_conflict(blank_db, "c2", conflicts.KEEP_CURRENT).changed == {
        "members",
        "households",
        "sync",
    }
    assert conflicts.settle_review(blank_db, "r1", "vu avec la famille").changed == {"sync"}


def test_managing_users_names_the_users_it_changed(db):
    assert accounts.add_user(db, "Karim", "volunteer", "karim-secret").changed == {"users"}
    assert accounts.set_role(db, "Karim", "coordinator").changed == {"users"}
    assert accounts.change_password(db, "Karim", "karim-secret-2").changed == {"users"}
    assert accounts.unlock_user(db, "Karim").changed == {"users"}
    assert accounts.disable_user(db, "Karim").changed == {"users"}
    assert accounts.enable_user(db, "Karim", "karim-secret-3").changed == {"users"}


def test_retention_names_households_only_when_it_anonymised_some_and_an_access_export_changes_nothing_shown(
    db, tmp_path
):
    from ageing import age

    family = households.register_household(
        db, HouseholdInput(consent=True, head_name="Fatima", commune=KHOURIBGA)
    ).value
    assert apply_retention(db, 12).changed == frozenset()
    age(db, family.id, 13)
    assert apply_retention(db, 12).changed == {"households"}
    assert export_subject_record(db, family.id, tmp_path / "f.pdf").changed == frozenset()
    assert export_records(db, "households", "xlsx", tmp_path / "f.xlsx").changed == frozenset()  # its audit entry


def test_printing_cards_names_only_the_cards_no_page_lists_them_and_sync_ignores_them(db, tmp_path):
    family = _family(db)
    with db.read() as session:
        journal = session.scalar(select(func.count()).select_from(JournalEntry))
    assert cards.record_cards(db, [family.id]).changed == {"household_cards"}
    assert cards.write_cards(db, tmp_path / "cartes.pdf", [family.id]).changed == {"household_cards"}
    with db.read() as session:  # laptop-local: nothing for sync to send
        assert session.scalar(select(func.count()).select_from(JournalEntry)) == journal
