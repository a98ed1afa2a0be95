"""The audit trail's keyed hash chain: `fieldapp audit verify` finds an edited, an inserted and a deleted entry, and
`audit show` lists a household's or a user's history. Tampering is done as an intruder would, in the file itself."""

from __future__ import annotations

import contextlib
import os
import sqlite3

import pytest

from fieldapp import encryption
from fieldapp.audit_chain import chain_key
from fieldapp.audit_chain import verify as verify_chain
from fieldapp.db import Database
from fieldapp.errors import NotAllowed
from fieldapp.permissions import Account, Role
from fieldapp.services import audit, households, setup
from fieldapp.services.households import HouseholdInput

KHOURIBGA = "05.311.01.07"


def _family(db: Database, name: str, cin: str):
    return households.register_household(
        db, HouseholdInput(head_name=name, cin=cin, commune=KHOURIBGA, consent=True)
    ).value


@pytest.fixture
def trail(db):
    """A database whose trail holds 7 entries: its first coordinator, set-up, three registrations, two edits."""
    fatima = _family(db, "Fatima Alaoui", "AB123456")
    ahmed = _family(db, "Ahmed Benali", "CD654321")
    _family(db, "Khadija Idrissi", "EE112233")
    households.update_household(db, fatima.id, HouseholdInput(phone="0661234567"))
    households.update_household(db, ahmed.id, HouseholdInput(phone="0662222222"))
    return db, fatima, ahmed


def _sql(db: Database, statement: str, *params) -> list:
    """Plain SQL on the file, through the SQLite library the database itself uses (two copies of SQLite in one
    process must not share a file: closing one drops the other's locks)."""
    connect = sqlite3.connect if db.key is None else lambda path: encryption.connect(path, db.key)
    with contextlib.closing(connect(db.path)) as conn:
        rows = conn.execute(statement, params).fetchall()
        conn.commit()
    return rows


def _entries(db: Database) -> list[tuple]:
    return _sql(db, "SELECT seq, action, prev_hash, hash FROM audit ORDER BY seq")


def test_every_entry_is_chained_to_the_one_before_and_verify_says_so(trail, cli):
    db, _, _ = trail
    entries = _entries(db)
    assert [e[0] for e in entries] == [1, 2, 3, 4, 5, 6, 7]
    assert entries[0][2] is None and all(e[2] == p[3] for p, e in zip(entries, entries[1:], strict=False))

    done = cli("audit", "verify")

    assert done.code == 0, done.err
    intact = "Journal d'audit intact : 7 entrées chaînées, aucune modifiée, insérée ou supprimée."
    assert done.out.splitlines() == [intact]
    assert cli("audit", "verify", "--json").json()["ok"] is True


def test_an_edited_entry_is_named_with_its_number_time_and_action(trail, cli):
    db, _, _ = trail
    _sql(db, "UPDATE audit SET detail = '{\"fields\": []}' WHERE seq = 6")

    done = cli("audit", "verify")

    assert done.code == 3
    assert "entrée 6" in done.out and "household.update" in done.out and "modifiée" in done.out
    found = cli("audit", "verify", "--json").json()
    assert (found["ok"], found["broken_reason"], found["broken_seq"]) == (False, "edited", 6)
    assert found["broken_action"] == "household.update" and found["broken_at"]


def test_a_deleted_entry_is_caught_at_the_entry_after_it(trail, cli):
    db, _, _ = trail
    _sql(db, "DELETE FROM audit WHERE seq = 4")

    done = cli("audit", "verify", "--lang", "en")

    assert done.code == 3
    assert "entry 5" in done.out and "entry 4 before it was deleted" in done.out


def test_an_entry_slipped_into_the_middle_is_caught(trail, cli):
    db, _, _ = trail
    [(prev,)] = _sql(db, "SELECT hash FROM audit WHERE seq = 3")
    _sql(db, "UPDATE audit SET seq = seq + 100 WHERE seq >= 4")
    _sql(db, "UPDATE audit SET seq = seq - 99 WHERE seq >= 100")  # 4.. become 5..: room for a forged entry at 4
    _sql(
        db,
        "INSERT INTO audit (id, at, actor, action, entity, detail, seq, prev_hash, hash)"
        " VALUES ('forged', '2026-01-01 10:00:00.000000', 'Samira', 'household.delete', 'households', '{}', 4, ?, ?)",
        prev,
        "0" * 64,
    )

    found = cli("audit", "verify", "--json").json()

    assert (found["broken_reason"], found["broken_seq"], found["broken_action"]) == ("edited", 4, "household.delete")


def test_an_entry_added_outside_the_chain_is_caught(trail, cli):
    db, _, _ = trail
    _sql(
        db,
        "INSERT INTO audit (id, at, actor, action, detail)"
        " VALUES ('extra', '2026-01-01 10:00:00.000000', 'x', 'export', '{}')",
    )

    done = cli("audit", "verify", "--json")

    found = done.json()
    assert done.code == 3 and (found["broken_reason"], found["broken_action"]) == ("outside_chain", "export")


def test_the_chain_is_keyed_a_rehashed_trail_does_not_pass_with_another_key(trail):
    db, _, _ = trail
    with db.read() as session:
        assert verify_chain(session, chain_key(db.key)).ok
        assert verify_chain(session, chain_key(os.urandom(32))).broken.seq == 1


def test_an_encrypted_database_chains_with_a_key_derived_from_its_data_key(data_dir):
    key = os.urandom(32)
    encrypted = Database(data_dir / "encrypted.sqlite3", key=key)
    try:
        setup.initialise(encrypted, "Association Al Amal", "KHR1", operator="Samira")
        _family(encrypted, "Fatima Alaoui", "AB123456")
        assert audit.verify(encrypted).ok and audit.verify(encrypted).entries == 2
        with encrypted.read() as session:
            assert verify_chain(session, chain_key(None)).broken.seq == 1  # the plain databases' key does not fit
    finally:
        encrypted.dispose()


def test_entries_written_before_the_chain_are_chained_in_time_order_at_the_first_write(trail, cli):
    db, fatima, _ = trail
    _sql(db, "UPDATE audit SET seq = NULL, prev_hash = NULL, hash = NULL")  # as migration 0006 leaves them
    before = cli("audit", "verify", "--json").json()
    assert before["ok"] and before["unchained"] == 7 and before["entries"] == 0

    households.update_household(db, fatima.id, HouseholdInput(phone="0663333333"))

    entries = _sql(db, "SELECT seq, action FROM audit ORDER BY seq")
    assert [seq for seq, _ in entries] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert entries[0][1] == "user.first_coordinator" and entries[-1][1] == "household.update"
    assert cli("audit", "verify").code == 0


def test_show_lists_a_households_history_newest_first_with_stable_keys(trail, cli):
    db, fatima, _ = trail

    shown = cli("audit", "show", "--household", "AB123456", "--json").json()["entries"]

    assert [e["action"] for e in shown] == ["household.update", "household.register"]
    assert set(shown[0]) == {"seq", "at", "user_name", "actor", "action", "entity", "entity_id", "detail"}
    assert {e["entity_id"] for e in shown} == {fatima.id}
    text = cli("audit", "show", "--household", fatima.id)
    assert text.code == 0 and "household.register" in text.out and "setup.initialise" not in text.out


def test_show_lists_what_one_user_did(trail, cli):
    db, fatima, _ = trail
    as_amina = Database(db.path, key=db.key, account=Account("Amina", Role.COORDINATOR))
    try:
        households.update_household(as_amina, fatima.id, HouseholdInput(phone="0664444444"))
    finally:
        as_amina.dispose()

    shown = cli("audit", "show", "--user", "amina ", "--json").json()["entries"]

    assert [(e["user_name"], e["action"]) for e in shown] == [("Amina", "household.update")]
    assert cli("audit", "show", "--user", "Nobody").out.strip() == "Aucune entrée dans le journal d'audit."


def test_only_a_coordinator_reads_or_verifies_the_trail(trail):
    db, fatima, _ = trail
    volunteer = Database(db.path, key=db.key, account=Account("Youssef", Role.VOLUNTEER))
    try:
        with pytest.raises(NotAllowed):
            audit.verify(volunteer)
        with pytest.raises(NotAllowed):
            audit.show(volunteer, household=fatima.id)
    finally:
        volunteer.dispose()
