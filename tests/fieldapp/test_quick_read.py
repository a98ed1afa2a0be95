"""The quick first-screen reader (plain sqlite3) answers what the services answer, and steps aside when unsure."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys

import pytest

from fieldapp import migrate, paths, quick_read, settings
from fieldapp.models import Event, EventItem
from fieldapp.rules import parse_item
from fieldapp.services import outbox, setup
from fieldapp.services.desk_stats import desk_stats
from fieldapp.services.distributions import record_distribution, void_distribution
from fieldapp.services.events import create_event, list_events
from fieldapp.services.households import HouseholdInput, register_household

KHOURIBGA = "05.311.01.07"
TODAY = dt.date.today()
YESTERDAY = TODAY - dt.timedelta(days=1)


def test_the_schema_revision_it_was_written_for_is_the_newest_migration():
    # A new migration: check the queries in fieldapp/quick_read.py against it, then move SCHEMA_REVISION on. Until
    # then every launch takes the normal (slower) path, which is safe.
    assert migrate.head_revision() == quick_read.SCHEMA_REVISION


def test_the_settings_it_reads_have_the_defaults_the_core_declares():
    assert {key: settings.DECLARED[key].default for key in quick_read.SETTINGS} == quick_read.SETTINGS


def household(db, name, size=1, flags=None):
    return register_household(db, HouseholdInput(head_name=name, commune=KHOURIBGA, size=size, flags=flags)).value


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
    quick = quick_read.check(db.path.parent)

    assert quick is not None
    assert quick.settings == {key: setup.current_settings(db)[key] for key in quick_read.SETTINGS}
    assert (quick.association_name, quick.device_code, quick.language) == ("Association Al Amal", "KHR1", "fr")
    fields = ("id", "name", "starts_on", "ends_on", "site", "commune_code")
    assert [tuple(getattr(e, f) for f in fields) for e in list_events(db)] == [tuple(e) for e in quick.events()]
    for day in (TODAY, YESTERDAY, TODAY - dt.timedelta(days=7)):
        expected = desk_stats(db, busy_day.id, day)
        found = quick.counters(busy_day.id, day)
        assert found[:4] == (expected.event_id, expected.day, expected.served_today, expected.served_total)
        assert [(*item, item.left) for item in found.items] == [
            (i.code, i.label, i.label_ar, i.stock, i.given, i.left) for i in expected.items
        ]
    assert quick.counters(busy_day.id).served_today == 2  # a sanity check of the fixture itself
    assert quick.pending_count() == outbox.pending_count(db) > 0


def test_what_was_read_ahead_is_what_the_first_calls_answer_then_it_reads_again(db, busy_day):
    quick = quick_read.check(db.path.parent)
    quick.prefetch()

    assert [e.name for e in quick.events()] == ["Aïd", "Ramadan"]
    assert quick.counters(busy_day.id).served_total == 3
    assert quick.pending_count() == outbox.pending_count(db)
    household(db, "Nouvelle famille")  # the next reads see it
    assert quick.pending_count() == outbox.pending_count(db)


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
    assert quick_read.check(blank_db.path.parent) is None  # not set up yet: the first-run dialog


def test_it_steps_aside_for_a_file_at_another_schema_revision(tmp_path, db):
    copy = tmp_path / "copy"
    copy.mkdir()
    with sqlite3.connect(db.path) as source, sqlite3.connect(copy / paths.DATABASE_FILE) as target:
        source.backup(target)  # the WAL included
    assert quick_read.check(copy) is not None
    for revision in ("0001", "9999"):
        with sqlite3.connect(copy / paths.DATABASE_FILE) as conn:
            conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        assert quick_read.check(copy) is None


def test_the_deferred_database_opens_on_first_use_only(db):
    deferred = quick_read.DeferredDatabase(db.path.parent)

    assert deferred.path == db.path and not deferred.loaded
    deferred.dispose()  # nothing to close yet
    assert setup.current_identity(deferred).association_name == "Association Al Amal"
    assert deferred.loaded
    deferred.dispose()


def test_reading_the_first_screen_imports_neither_sqlalchemy_nor_alembic(db, busy_day):
    script = (
        "import sys; from fieldapp import quick_read; quick = quick_read.check(sys.argv[1]); quick.prefetch(); "
        "quick.counters(quick.events()[-1].id); quick.pending_count(); "
        "print(sorted(m for m in ('sqlalchemy', 'alembic') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", script, str(db.path.parent)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
