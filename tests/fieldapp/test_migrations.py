"""Opening databases from older versions upgrades them (after a copy); newer or foreign files are refused untouched."""

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from fieldapp import migrate
from fieldapp.db import Database
from fieldapp.errors import DatabaseRefused
from fieldapp.services import distributions, households

OLD_FILE = Path(__file__).resolve().parent.parent / "data" / "fieldapp-schema-0001.sqlite3"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _revision(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]


@pytest.fixture
def old_copy(tmp_path) -> Path:
    target = tmp_path / "fieldapp.sqlite3"
    shutil.copy(OLD_FILE, target)
    return target


def test_the_kept_file_is_from_the_first_schema():
    assert _revision(OLD_FILE) == "0001"


def test_opening_an_old_file_upgrades_it_and_keeps_a_copy_of_it_first(old_copy, tmp_path):
    before = _digest(old_copy)

    db = Database(old_copy, tmp_path / "backups")

    assert _revision(old_copy) == migrate.head_revision()
    assert db.backup_made is not None and db.backup_made.exists()
    assert _revision(db.backup_made) == "0001"
    assert _digest(db.backup_made) != "" and before  # the copy is a real database at the old revision
    db.dispose()


def test_records_from_the_old_file_survive_and_become_searchable(old_copy, tmp_path):
    db = Database(old_copy, tmp_path / "backups")

    household = households.get_household(db, "BK654321")
    assert household.head_name == "Hassan Ait Ouali"
    assert [m.name for m in household.members] == ["Amina Ait Ouali"]
    # The search index did not exist in schema 0001: the upgrade builds it from the old rows.
    assert [h.cin for h in households.search_households(db, "حسن")] == ["BK654321"]
    assert [h.cin for h in households.search_households(db, "OLD1-2026-00001")] == ["BK654321"]
    db.dispose()


def test_an_upgraded_file_keeps_working_with_the_old_rules(old_copy, tmp_path):
    db = Database(old_copy, tmp_path / "backups")

    with pytest.raises(Exception) as refused:
        distributions.record_distribution(db, "Panier hiver 2026", "BK654321")
    assert refused.value.key == "error.already_served"
    assert refused.value.params["receipt"] == "OLD1-2026-00001"
    db.dispose()


def test_opening_an_up_to_date_file_makes_no_copy(db, data_dir):
    again = Database.open(data_dir, key=db.key)
    assert again.backup_made is None
    again.dispose()


def test_a_file_from_a_newer_version_is_refused_and_left_untouched(old_copy, tmp_path):
    with sqlite3.connect(old_copy) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = _digest(old_copy)

    with pytest.raises(DatabaseRefused) as refused:
        Database(old_copy, tmp_path / "backups")

    assert refused.value.key == "error.database_too_new"
    assert "9999" in refused.value.message() and "plus récente" in refused.value.message()
    assert _digest(old_copy) == before


def test_a_sqlite_file_of_another_program_is_refused_untouched(tmp_path):
    foreign = tmp_path / "other.sqlite3"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    before = _digest(foreign)

    with pytest.raises(DatabaseRefused) as refused:
        Database(foreign, tmp_path / "backups")

    assert refused.value.key == "error.database_foreign"
    assert _digest(foreign) == before


def test_a_damaged_file_is_refused_with_a_clear_message(tmp_path):
    damaged = tmp_path / "fieldapp.sqlite3"
    damaged.write_bytes(b"this is not a database, the laptop lost power while copying" * 100)

    with pytest.raises(DatabaseRefused) as refused:
        Database(damaged, tmp_path / "backups")

    assert refused.value.key == "error.database_unreadable"


def test_the_cli_refuses_a_newer_database_with_exit_5_and_one_line(old_copy, cli_process, tmp_path):
    with sqlite3.connect(old_copy) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")

    result = cli_process("household", "list", env={"FIELDAPP_DATA_DIR": str(old_copy.parent)})

    assert result.code == 5
    assert "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert "9999" in result.err


def test_the_database_runs_in_wal_mode_with_full_sync_and_foreign_keys(db):
    with db.read() as session:
        conn = session.connection()
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


# The search index is an FTS5 table the migrations create by hand; it has no model.
_NOT_MODELLED = ("household_search", "search_keys")


def test_the_schema_the_migrations_build_is_the_one_the_models_declare(old_copy, tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from fieldapp.models import Base

    Database(old_copy, tmp_path / "backups").dispose()  # 0001 → head, as a laptop upgrades
    engine = create_engine(f"sqlite:///{old_copy}")
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    unexplained = [d for d in differences if not (d[0] == "remove_table" and d[1].name.startswith(_NOT_MODELLED))]
    assert unexplained == []


def test_upgrading_keeps_voids_and_lets_a_receipt_hold_a_second_one_from_sync(old_copy, tmp_path):
    with sqlite3.connect(old_copy) as conn:
        conn.execute(
            "INSERT INTO distribution_voids (id, distribution_id, reason, voided_by, voided_at, association_id, "
            "device_id, hlc, created_at, updated_at) SELECT '01a1f000-0000-7000-8000-0000000000ff', id, 'Erreur', "
            "'Samira', served_at, association_id, device_id, hlc, served_at, served_at FROM distributions"
        )
        before = conn.execute("SELECT id, distribution_id, reason FROM distribution_voids").fetchall()
        indexes = (
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('distribution_voids', 'households')"
        )
        assert "uq_households_active_cin" in {row[0] for row in conn.execute(indexes)}

    Database(old_copy, tmp_path / "backups").dispose()

    with sqlite3.connect(old_copy) as conn:
        assert conn.execute("SELECT id, distribution_id, reason FROM distribution_voids").fetchall() == before
        names = {row[0] for row in conn.execute(indexes)}
        table = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'distribution_voids'").fetchone()[0]
    assert "UNIQUE" not in table
    assert {"ix_distribution_voids_distribution_id", "ix_households_active_cin"} <= names
    assert "uq_households_active_cin" not in names
    assert len(before) == 1


def test_the_upgrade_to_0008_settles_open_double_servings_of_an_override_and_keeps_real_ones(db, tmp_path):
    """Before 0008 a laptop that pulled a family served again on purpose (with a coordinator's reason) listed it for
    review; the upgrade settles those items and keeps the real double servings open."""
    from fieldapp import encryption
    from fieldapp.merge import DOUBLE_DISTRIBUTION, review_key
    from fieldapp.rules import parse_item
    from fieldapp.services import conflicts, events

    event = events.create_event(db, "Ramadan", "2026-03-01", [parse_item("KIT:Panier:1")]).value
    pairs = {}
    for name, reason in (("Fatima Benali", "Sac perdu"), ("Omar Idrissi", None)):
        family = households.register_household(
            db, households.HouseholdInput(head_name=name, commune="05.311.01.07", consent=True)
        ).value
        distributions.record_distribution(db, event.id, family.id)
        distributions.record_distribution(db, event.id, family.id, override_reason="Deuxième passage")
        pairs[family.id] = reason
    third = households.register_household(
        db, households.HouseholdInput(head_name="Hassan Ait", cin="CD778899", commune="05.311.01.07", consent=True)
    ).value.id
    conn = encryption.connect(db.path, db.key, readonly=False)
    with conn:
        for household_id, reason in pairs.items():
            # Omar's second serving as a laptop of an older version could hold it: made elsewhere, without a reason
            conn.execute(
                "UPDATE distributions SET override_reason = ? WHERE household_id = ? AND override_reason IS NOT NULL",
                (reason, household_id),
            )
            ids = [r[0] for r in conn.execute("SELECT id FROM distributions WHERE household_id = ?", (household_id,))]
            conn.execute(
                "INSERT INTO sync_reviews (key, kind, event_id, household_id, record_ids, detected_at)"
                " VALUES (?, 'double_distribution', ?, ?, ?, '2026-03-01 10:00:00')",
                (
                    review_key(DOUBLE_DISTRIBUTION, event.id, household_id),
                    event.id,
                    household_id,
                    str(ids).replace("'", '"'),
                ),
            )
        # Two duplicate-CIN items from before: one still shared (kept), one whose CIN was corrected since (settled)
        ids = sorted(pairs)
        conn.execute("UPDATE households SET cin = 'AB123456' WHERE id IN (?, ?)", (ids[0], ids[1]))
        for key, members in (("cin-shared", ids), ("cin-corrected", sorted((ids[0], third)))):
            conn.execute(
                "INSERT INTO sync_reviews (key, kind, household_id, record_ids, detected_at)"
                " VALUES (?, 'duplicate_cin', ?, ?, '2026-03-01 10:00:00')",
                (key, members[0], str(members).replace("'", '"')),
            )
        conn.execute("UPDATE alembic_version SET version_num = '0007'")
    conn.close()
    db.dispose()

    reopened = Database(db.path, key=db.key)
    try:

        def name(r):
            return r.key if r.kind == "duplicate_cin" else r.household_name

        still_open = {(r.kind, name(r)) for r in conflicts.list_reviews(reopened)}
        assert still_open == {("double_distribution", "Omar Idrissi"), ("duplicate_cin", "cin-shared")}
        settled = {name(r): r.settled_by for r in conflicts.list_reviews(reopened, True) if r.settled_at}
        assert settled == {"Fatima Benali": "sync:rule", "cin-corrected": "sync:rule"}
    finally:
        reopened.dispose()
