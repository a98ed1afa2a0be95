"""Launching the desktop app: `fieldapp app --demo` on a fresh data folder (what `make app` runs); a folder with
accounts opening on its login screen (before SQLAlchemy loads), then on the desk; and the quick path's machinery (the
desk read with plain sqlite3 before SQLAlchemy loads), shown here on a plain record as it was before accounts."""

import datetime
import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from raw_db import TEST_USER

from fieldapp import encryption, quick_read
from fieldapp.db import Database
from fieldapp.rules import parse_item
from fieldapp.services import outbox, setup
from fieldapp.services.desk_stats import desk_stats
from fieldapp.services.distributions import record_distribution
from fieldapp.services.events import create_event, list_events
from fieldapp.services.households import list_households
from ui.accounts.prefs import LoginPrefs
from ui.desk.page import EmptyCard, default_event
from ui.shell import translations
from ui.shell.app import ensure_ready, open_window, quick_start
from ui.shell.reads import Reads


def test_the_app_opens_on_demo_data_as_make_app_starts_it(cli_process):
    opened = cli_process(
        "app", "--demo", env={"QT_QPA_PLATFORM": "offscreen", "FIELDAPP_EXIT_AFTER_MS": "300"}, timeout=120
    )

    assert opened.code == 0, opened.err
    assert "Traceback" not in opened.err
    listed = cli_process("household", "list", "--limit", "500", "--json")
    assert len(json.loads(listed.out)) == 200
    events = json.loads(cli_process("event", "list", "--json").out)
    assert len(events) == 2


# --- opening the window: the quick path (plain sqlite3 first) and the normal one --------------------------------------

TODAY = datetime.date.today()


@pytest.fixture
def plain_db(data_dir):
    """The demo association in a plain record without accounts, as every set-up folder was before issue 13."""
    db = Database.open(data_dir)
    ensure_ready(db, demo_households=30)
    yield db
    db.dispose()


@pytest.fixture
def served_today(plain_db):
    """Today's event with a stock, one family already served: the desk has counters to show."""
    event = create_event(plain_db, "Distribution du jour", TODAY, [parse_item("KIT:Panier:1:stock=40")]).value
    family = list_households(plain_db, limit=1)[0]
    record_distribution(plain_db, event.id, family.id)
    return event


@pytest.fixture
def opened(qtbot, french, data_dir):
    windows = []

    def open_it(**options):
        options.setdefault("quick", quick_start(str(data_dir)))  # a plain record opens only through it now
        window = open_window(french, str(data_dir), **options)
        assert not isinstance(window, int)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield open_it
    for window in windows:
        window.close()
        window.ctx.db.dispose()


@pytest.fixture
def services_asked(monkeypatch):
    """The first-screen reads the services answered (none while plain sqlite3 answers them)."""
    from fieldapp.services import desk_stats as desk_service

    asked = []
    for module, name in ((desk_service, "desk_events"), (desk_service, "desk_stats"), (outbox, "pending_count")):

        def spy(*args, _read=getattr(module, name), _name=name, **kwargs):
            asked.append(_name)
            return _read(*args, **kwargs)

        monkeypatch.setattr(module, name, spy)
    return asked


def wait_for_the_desk(qtbot, window):
    desk = window.page("desk")
    qtbot.waitUntil(lambda: desk.counters.stats is not None and window.ctx.tasks.idle)
    return desk


def test_a_set_up_database_opens_on_the_desk_with_its_real_data_before_the_orm_loads(
    qtbot, opened, plain_db, served_today, services_asked
):
    window = opened()

    assert window.isVisible() and window.ctx.reads.quick is not None
    assert not window.ctx.reads.loaded  # the Database opens on first use, on the database worker
    desk = wait_for_the_desk(qtbot, window)
    assert services_asked == []  # answered by plain sqlite3
    events = list_events(plain_db)
    assert [desk.event_combo.itemData(row) for row in range(desk.event_combo.count())] == [e.id for e in events]
    assert desk.event_combo.currentData() == default_event(events, TODAY) == served_today.id
    expected = desk_stats(plain_db, served_today.id)
    assert desk.counters.stats.served_today == expected.served_today == 1
    assert [(i.code, i.left) for i in desk.counters.stats.items] == [("KIT", 39)]
    assert desk.counters.served_label.text() == "Aujourd'hui : 1 famille servie (1 pour cet événement)"
    # (the keyboard focus in the desk's input is checked on the real app, alone in its process: see below)
    assert "Association Al Amal" in window.identity_label.text() and "DEMO" in window.identity_label.text()
    pending = outbox.pending_count(plain_db)
    assert str(pending) in window.pending_label.text().replace("\u202f", "").replace(" ", "")
    qtbot.waitUntil(lambda: window.ctx.reads.loaded)  # then the ORM loads on the database worker


def test_a_family_typed_at_once_is_found_through_the_database_opened_in_the_background(
    qtbot, opened, plain_db, served_today
):
    window = opened()
    desk = window.page("desk")
    family = list_households(plain_db, limit=3)[2]
    qtbot.waitUntil(lambda: desk.counters.stats is not None)  # the window is usable; the ORM may still be loading

    qtbot.keyClicks(desk.input, family.head_name)
    qtbot.keyClick(desk.input, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: desk.card.preview is not None, timeout=20_000)
    assert desk.card.preview.household.id == family.id
    assert window.ctx.reads.loaded
    window.show_page("households")  # the other pages, built on first visit, read through the same database
    households = window.page("households")
    qtbot.waitUntil(lambda: households.model.rowCount() > 0, timeout=20_000)


def test_the_window_opens_in_the_language_of_the_settings_right_to_left_in_arabic(qtbot, opened, plain_db):
    setup.update_setting(plain_db, "language", "ar")

    window = opened()

    assert window.ctx.reads.quick is not None
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.navigation.item(1).text() == "الأسر"
    wait_for_the_desk(qtbot, window)
    translations.install(QApplication.instance(), "fr")


def test_without_reading_ahead_the_desk_reads_with_plain_sqlite3_on_the_database_worker(
    qtbot, opened, data_dir, served_today, services_asked
):
    window = opened(quick=quick_read.check(data_dir))  # no prefetch(): nothing is ready when the window is built

    desk = wait_for_the_desk(qtbot, window)
    assert services_asked == []  # answered by plain sqlite3
    assert desk.event_combo.currentData() == served_today.id and desk.counters.stats.served_today == 1
    assert str(outbox.pending_count(window.ctx.db)) in window.pending_label.text().replace(" ", "")


def test_when_plain_sqlite3_cannot_read_the_first_screen_the_services_do(
    qtbot, opened, plain_db, served_today, monkeypatch, services_asked
):
    def unreadable(*_args, **_kwargs):
        raise encryption.OperationalError("unable to open database file")  # what the raw connection raises

    monkeypatch.setattr(quick_read.QuickStart, "connection", unreadable)

    window = opened()

    assert window.ctx.reads.quick is not None
    desk = wait_for_the_desk(qtbot, window)
    assert window.ctx.reads.loaded  # the services opened the database to answer
    assert {"desk_events", "desk_stats", "pending_count"} <= set(services_asked)
    assert desk.event_combo.currentData() == served_today.id and desk.counters.stats.served_today == 1


def test_on_the_quick_path_the_database_opens_on_first_use_only(plain_db, data_dir):
    reads = Reads(None, quick_read.check(data_dir), str(data_dir))

    assert reads.database.path == plain_db.path and not reads.loaded
    reads.dispose()  # nothing to close yet
    assert setup.current_identity(reads.database).association_name == setup.DEMO_ASSOCIATION
    assert reads.loaded and reads.open_database() is reads.open_database()
    reads.dispose()


def test_on_the_normal_path_the_services_answer_the_first_screen(plain_db, served_today, services_asked):
    reads = Reads(plain_db)

    expected = desk_stats(plain_db, served_today.id), outbox.pending_count(plain_db)
    services_asked.clear()

    assert reads.loaded and reads.database is plain_db and reads.open_database() is plain_db
    assert reads.desk_stats(served_today.id, ready_only=True) is None  # nothing is read ahead
    assert (reads.desk_stats(served_today.id), reads.pending_count()) == expected
    assert services_asked == ["desk_stats", "pending_count"]


def test_the_real_app_shows_its_login_screen_before_sqlalchemy_is_imported(demo_db, data_dir):
    LoginPrefs(last_user=TEST_USER, language="fr").save(data_dir)
    script = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import ui.shell.app as app
report = app._report_timing

def focus():
    widget = QApplication.focusWidget()
    print("focus", widget.objectName() if widget else None, flush=True)

def marks(label):
    print(label, "sqlalchemy" in sys.modules, flush=True)
    if label == "usable":
        QTimer.singleShot(100, focus)  # once the window manager (offscreen here) has activated the window
    report(label)

app._report_timing = marks
sys.exit(app.run_app(sys.argv[1]))
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FIELDAPP_EXIT_AFTER_MS": "300"}
    done = subprocess.run(
        [sys.executable, "-c", script, str(data_dir)], capture_output=True, text=True, env=env, timeout=120
    )

    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    marks = dict(line.split() for line in done.stdout.splitlines())
    assert marks["built"] == marks["shown"] == marks["usable"] == "False"  # the services load after, while typing
    assert marks["focus"] == "loginPassword"  # the last user's name is filled in: the password is typed at once


def test_the_desk_starts_with_an_empty_card_that_reads_as_the_real_one_until_a_family_is_shown(qtbot, french, window):
    desk = window.page("desk")
    empty = desk.card_scroll.widget()
    assert isinstance(empty, EmptyCard) and desk.shown_preview is None
    hint = empty.hint.text()

    card = desk.card  # built when first needed, in place of the empty one (deleted)

    assert desk.card_scroll.widget() is card and card.empty_label.text() == hint
    translations.install(french, "ar")
    assert EmptyCard().hint.text() == card.empty_label.text()
