"""The quick path (plain sqlite3) accepts exactly the head schema, reads the first screen as the services read it, and
steps aside when unsure."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import subprocess
import sys

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

from fieldapp import encryption, first_screen, migrate, paths, quick_read, settings
from fieldapp.models import Event, EventItem
from fieldapp.paths import package_path
from fieldapp.rules import parse_item
from fieldapp.services import outbox, setup
from fieldapp.services.desk_stats import desk_events, desk_stats
from fieldapp.services.distributions import record_distribution, void_distribution
from fieldapp.services.events import create_event, list_events
from fieldapp.services.households import HouseholdInput, register_household

KHOURIBGA = "05.311.01.07"
TODAY = dt.date.today()
YESTERDAY = TODAY - dt.timedelta(days=1)


def test_the_revisions_read_from_the_migration_file_names_are_alembics_chain_up_to_its_head():
    # The quick path accepts migrate.head_revision(), read from the file names without importing Alembic: it must be
    # the head Alembic upgrades to, and the names must be the revision ids, in order.
    config = Config()
    config.set_main_option("script_location", str(package_path("migrations")))
    scripts = ScriptDirectory.from_config(config)

    assert scripts.get_current_head() == migrate.head_revision()
    assert [script.revision for script in reversed(list(scripts.walk_revisions()))] == migrate.known_revisions()


def test_it_accepts_exactly_the_head_revision(tmp_path, db):
    # A file at the head revision takes the quick path; any other (to upgrade, or newer than this code) does not.
    copy = tmp_path / "copy"
    copy.mkdir()
    with (
        contextlib.closing(encryption.connect(db.path, db.key)) as source,
        contextlib.closing(encryption.connect(copy / paths.DATABASE_FILE, db.key)) as target,
    ):
        source.backup(target)  # the WAL included
    head = migrate.head_revision()
    newer = f"{int(head) + 1:04d}"
    for revision in [*migrate.known_revisions(), newer, "9999"]:
        with contextlib.closing(encryption.connect(copy / paths.DATABASE_FILE, db.key)) as conn, conn:
            conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        assert (quick_read.check(copy, db.key) is not None) == (revision == head), revision


def test_the_settings_it_reads_have_the_defaults_the_core_declares():
    assert {key: settings.DECLARED[key].default for key in first_screen.SETTINGS} == first_screen.SETTINGS


def household(db, name, size=1, flags=None):
    return register_household(
        db, HouseholdInput(consent=True, head_name=name, commune=KHOURIBGA, size=size, flags=flags)
    ).value


@pytest.fixture
def busy_day(db):
    """Two events (one deleted, one with a deleted item), distributions today and yesterday, a void, a deletion."""
    items = [
        parse_item("KIT:Panier alimentaire:1:stock=10:ar=قفة"),
        parse_item("oil:Huile (litre):1:per-member:stock=40"),
        parse_item("LAIT:Lait infantile:2:only=infant"),
        parse_item("SUCRE:Sucre:1:stock=5"),
    ]
    ramadan = create_event(db, "Ramadan", YESTERDAY, items, TODAY, site="Maison des jeunes").value
    create_event(db, "Aïd", TODAY + dt.timedelta(days=30), [parse_item("KIT:Panier:1")])
    create_event(db, "Annulé", TODAY, [parse_item("KIT:Panier:1")])
    with db.write() as uow:
        uow.session.query(Event).filter(Event.name == "Annulé").one().deleted_at = dt.datetime.now(dt.UTC)
        sugar = uow.session.query(EventItem).filter(EventItem.event_id == ramadan.id, EventItem.code == "SUCRE")
        sugar.one().deleted_at = dt.datetime.now(dt.UTC)
    at = dt.datetime.combine(YESTERDAY, dt.time(11)).astimezone()
    record_distribution(db, ramadan.id, household(db, "Rachid Tazi", size=3).id, served_at=at)
    record_distribution(db, ramadan.id, household(db, "Fatima Benali", size=5, flags=["infant"]).id)
    family = household(db, "Said Amrani", size=2)
    record_distribution(db, ramadan.id, family.id, quantities={"OIL": 1}, deviation_reason="Stock bas")
    record_distribution(db, ramadan.id, family.id, override_reason="Reçu perdu, vérifié")
    voided = record_distribution(db, ramadan.id, household(db, "Khadija Idrissi").id).value.receipt
    void_distribution(db, voided, "Mauvais foyer")
    return ramadan


def test_it_reads_the_events_counters_settings_and_pending_changes_the_services_read(db, busy_day):
    quick = quick_read.check(db.path.parent, db.key)

    assert quick is not None
    assert quick.settings == {key: setup.current_settings(db)[key] for key in first_screen.SETTINGS}
    assert (quick.association_name, quick.device_code, quick.language) == ("Association Al Amal", "KHR1", "fr")
    with quick.connection() as conn:
        fields = ("id", "name", "starts_on", "ends_on", "site", "commune_code")
        events = first_screen.desk_events(conn)
        assert [tuple(getattr(e, f) for f in fields) for e in list_events(db)] == [tuple(e) for e in events]
        assert desk_events(db) == (events, quick.settings)
        for day in (TODAY, YESTERDAY, TODAY - dt.timedelta(days=7)):
            assert first_screen.desk_stats(conn, busy_day.id, day) == desk_stats(db, busy_day.id, day)
        assert first_screen.desk_stats(conn, busy_day.id).served_today == 2  # a sanity check of the fixture itself
        assert first_screen.pending_count(conn) == outbox.pending_count(db) > 0


def test_what_was_read_ahead_is_handed_out_once(db, busy_day):
    quick = quick_read.check(db.path.parent, db.key)
    quick.prefetch()

    events, remembered = quick.take(("desk_events",))
    assert [e.name for e in events] == ["Aïd", "Ramadan"] and remembered == quick.settings
    assert quick.take(("desk_stats", busy_day.id, TODAY)).served_total == 3
    assert quick.take(("pending_count",)) == outbox.pending_count(db)
    assert quick.take(("desk_events",)) is None and quick.take(("pending_count",)) is None  # read again when asked


def test_it_steps_aside_for_a_missing_empty_foreign_or_unreadable_file_and_before_set_up(tmp_path, blank_db):
    missing = tmp_path / "missing"
    assert quick_read.check(missing) is None
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / paths.DATABASE_FILE).touch()
    assert quick_read.check(empty) is None
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    with sqlite3.connect(foreign / paths.DATABASE_FILE) as conn:
        conn.execute("CREATE TABLE notes (text)")
    assert quick_read.check(foreign) is None
    garbage = tmp_path / "garbage"
    garbage.mkdir()
    (garbage / paths.DATABASE_FILE).write_bytes(b"not a database at all" * 100)
    assert quick_read.check(garbage) is None
    assert quick_read.check(blank_db.path.parent, blank_db.key) is None  # not set up yet: the first-run dialog


def test_reading_the_first_screen_imports_neither_sqlalchemy_nor_alembic(db, busy_day):
    script = """
import sys
from fieldapp import first_screen, quick_read
quick = quick_read.check(sys.argv[1], bytes.fromhex(sys.argv[2]))
quick.prefetch()
quick.take(("pending_count",))
with quick.connection() as conn:
    first_screen.desk_stats(conn, first_screen.desk_events(conn)[-1].id)
    first_screen.pending_count(conn)
print(sorted(m for m in ("sqlalchemy", "alembic") if m in sys.modules))
"""
    arguments = [sys.executable, "-c", script, str(db.path.parent), db.key.hex()]
    done = subprocess.run(arguments, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
