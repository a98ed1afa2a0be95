"""The Sync page against a real HQ: joining HQ from the page, Sync now between two laptops, settling a conflict and a
double distribution, and refusals shown as sentences (real SQLite files, a real HQ process, no mocks)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from fieldapp import settings
from fieldapp.db import Database
from fieldapp.models import Household
from fieldapp.rules import parse_item
from fieldapp.services import conflicts, distributions, enrollment, events, outbox, setup
from fieldapp.services.households import HouseholdInput, register_household, update_household
from sync import engine
from ui.shell.app import build_window
from ui.shell.operations import run_operation
from ui.sync.controller import Intervals, controller_for
from ui.sync.indicator import SyncIndicator

KHOURIBGA = "05.311.01.07"
WAIT = 30_000  # generous: a sync against HQ on a loaded 2-core machine


def new_laptop(tmp_path, device: str) -> Database:
    """A laptop after the first-run dialog: set up, not joined to HQ."""
    db = Database.open(tmp_path / device)
    setup.initialise(db, "Association Al Amal", device, operator=f"staff {device}")
    return db


def joined_laptop(tmp_path, hq, association: str, device: str) -> Database:
    db = new_laptop(tmp_path, device)
    engine.enroll(db, hq.url, hq.enroll_code(association))
    return db


def type_into(widget, text: str) -> None:
    """Type as a person does (QTest.keyClicks refuses letters beyond ASCII)."""
    widget.setFocus()
    widget.selectAll()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


@pytest.fixture
def open_sync_page(qtbot, french):
    """Open a window on a laptop's database, on the Sync page; windows are closed (and their databases) at the end."""
    opened = []

    def open_page(db: Database):
        window = build_window(db)
        controller_for(window.ctx).configure(Intervals(start_ms=3_600_000))  # these tests sync when they click
        qtbot.addWidget(window)
        window.show()
        window.show_page("sync")
        page = window.page("sync")
        qtbot.waitUntil(lambda: page.state is not None, timeout=WAIT)
        opened.append((window, db))
        return window, page

    yield open_page
    for window, db in opened:
        window.close()
        db.dispose()


@pytest.fixture
def association(hq_sqlite):
    return hq_sqlite.new_association("Association Al Amal")


def sync_from_page(qtbot, page) -> None:
    """Click "Sync now" and wait until the page says it is done."""
    with qtbot.waitSignal(page.controller.finished, timeout=WAIT):
        qtbot.mouseClick(page.sync_now, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.progress.isVisible(), timeout=WAIT)


def indicator_of(qtbot, window) -> SyncIndicator:
    """The status bar's sync indicator (the window adds it a moment after it is usable)."""
    qtbot.waitUntil(lambda: window.findChild(SyncIndicator) is not None, timeout=WAIT)
    return window.findChild(SyncIndicator)


def household(db: Database, household_id: str) -> Household | None:
    with db.read() as session:
        return session.get(Household, household_id)


def test_a_laptop_joins_hq_from_the_page_and_syncs_at_once(qtbot, open_sync_page, hq_sqlite, association, tmp_path):
    db = new_laptop(tmp_path, "KHR1")
    register_household(db, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA))
    window, page = open_sync_page(db)
    assert page.enroll_form.isVisible() and not page.sync_now.isVisible()

    # A wrong code first: the sentence is in French, and what was typed stays.
    type_into(page.enroll_form.url, hq_sqlite.url)
    type_into(page.enroll_form.code, "ABCD-EFGH-JKMN-PQRS")
    qtbot.mouseClick(page.enroll_form.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "inconnu" in page.enroll_form.message.text(), timeout=WAIT)
    assert page.enroll_form.url.text() == hq_sqlite.url
    assert page.enroll_form.code.text() == "ABCD-EFGH-JKMN-PQRS"

    type_into(page.enroll_form.code, hq_sqlite.enroll_code(association))
    with qtbot.waitSignal(page.controller.finished, timeout=WAIT):  # joining starts the first sync
        qtbot.keyClick(page.enroll_form.code, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: page.sync_now.isVisible() and not page.enroll_form.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: page.state.pending == 0 and page.state.last_success is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=WAIT)  # the list is read after the state
    assert hq_sqlite.url in page.hq.text() and "KHR1" in page.hq.text()
    assert "à l'instant" in page.last_success.text()
    assert enrollment.sync_state(db).enrolled


def test_sync_now_carries_a_household_from_one_laptop_to_another(
    qtbot, open_sync_page, hq_sqlite, association, tmp_path
):
    a = joined_laptop(tmp_path, hq_sqlite, association, "KHR1")
    b = joined_laptop(tmp_path, hq_sqlite, association, "OUJ2")
    window_a, page_a = open_sync_page(a)
    saved = []
    family = HouseholdInput(consent=True, head_name="Rachid Tazi", commune=KHOURIBGA)
    run_operation(window_a.ctx, lambda: register_household(a, family), saved.append)  # as a page saves
    qtbot.waitUntil(lambda: bool(saved), timeout=WAIT)
    made = saved[0]
    qtbot.waitUntil(lambda: page_a.model.rowCount() == outbox.pending_count(a) > 0, timeout=WAIT)

    sync_from_page(qtbot, page_a)

    qtbot.waitUntil(lambda: page_a.state.pending == 0 and page_a.model.rowCount() == 0, timeout=WAIT)
    assert "0" in page_a.summary.text() and "à l'instant" in page_a.last_success.text()
    assert page_a.last_error.isHidden()

    window_b, page_b = open_sync_page(b)
    assert household(b, made.value.id) is None
    sync_from_page(qtbot, page_b)

    assert household(b, made.value.id).head_name == "Rachid Tazi"
    qtbot.waitUntil(lambda: page_b.state.last_success is not None and page_b.state.pending == 0, timeout=WAIT)
    assert "reçu" in page_b.message.text()


@pytest.fixture
def pair(hq_sqlite, association, tmp_path):
    a = joined_laptop(tmp_path, hq_sqlite, association, "KHR1")
    b = joined_laptop(tmp_path, hq_sqlite, association, "OUJ2")
    return a, b


def sync_all(*laptops) -> None:
    for laptop in (*laptops, *laptops):  # twice round: everyone sees everyone's changes
        engine.sync_now(laptop)


def shared_household(a, b) -> str:
    made = register_household(a, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)).value
    sync_all(a, b)
    return made.id


def test_a_conflict_from_two_laptops_is_listed_and_taking_the_other_value_settles_it(qtbot, open_sync_page, pair):
    a, b = pair
    household_id = shared_household(a, b)
    update_household(a, household_id, HouseholdInput(phone="0611111111"))
    update_household(b, household_id, HouseholdInput(phone="0622222222"))  # the later edit wins
    sync_all(a, b)

    window, page = open_sync_page(b)
    panel = page.conflicts
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=WAIT)
    assert page.tabs.currentWidget() is panel and "(1)" in page.tabs.tabText(0)
    cells = [panel.model.index(0, column).data() for column in range(panel.model.columnCount())]
    assert cells[0] == "Fatima Benali" and cells[1] == "Téléphone"
    assert "06 22 22 22 22" in cells[2] and "OUJ2" in cells[3]  # phones as people write them
    assert "06 11 11 11 11" in cells[4] and "KHR1" in cells[5]
    assert "Fatima Benali" in panel.detail.text() and "06 11 11 11 11" in panel.detail.text()
    qtbot.waitUntil(lambda: "1 à examiner" in indicator_of(qtbot, window).text(), timeout=WAIT)

    qtbot.mouseClick(panel.take, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=WAIT)
    qtbot.waitUntil(lambda: "à examiner" not in indicator_of(qtbot, window).text(), timeout=WAIT)
    assert household(b, household_id).phone == "+212611111111"
    assert conflicts.list_conflicts(b) == []
    assert "(0)" in page.tabs.tabText(0) and "réglé" in panel.message.text().lower()


def test_a_household_served_twice_is_reviewed_on_the_page_and_settled_with_a_note(qtbot, open_sync_page, pair):
    a, b = pair
    event = events.create_event(a, "Ramadan 2026", "2026-02-20", [parse_item("FLOUR:Farine 10 kg:1")]).value
    household_id = shared_household(a, b)
    first = distributions.record_distribution(a, event.id, household_id).value
    second = distributions.record_distribution(b, event.id, household_id).value
    sync_all(a, b)

    window, page = open_sync_page(a)
    panel = page.reviews
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=WAIT)
    assert page.tabs.currentWidget() is panel
    kind, name, event_name, records, _found = (panel.model.index(0, c).data() for c in range(5))
    assert (kind, name, event_name) == ("Servi deux fois pour un même événement", "Fatima Benali", "Ramadan 2026")
    detail = panel.detail.text().replace("\u202a", "").replace("\u202c", "")  # without the left-to-right marks
    for receipt, device, who in ((first.receipt, "KHR1", "staff KHR1"), (second.receipt, "OUJ2", "staff OUJ2")):
        assert receipt in records and receipt in detail and f"ordinateur {device}" in detail and who in detail

    qtbot.mouseClick(panel.settle_button, Qt.MouseButton.LeftButton)  # no note yet: refused, nothing settled
    assert "décidé" in panel.message.text() and panel.model.rowCount() == 1
    type_into(panel.note, "Deuxième reçu annulé, famille prévenue")
    qtbot.keyClick(panel.note, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=WAIT)
    [settled] = conflicts.list_reviews(a, include_settled=True)
    assert settled.note == "Deuxième reçu annulé, famille prévenue" and settled.settled_at is not None


def test_a_revoked_laptop_is_told_so_in_a_sentence_keeps_its_changes_and_can_join_again(
    qtbot, open_sync_page, hq_sqlite, association, pair
):
    a, _ = pair
    register_household(a, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA))
    with a.read() as session:
        device_id = settings.get(session, "hq_device_id")
    assert hq_sqlite.cli("device", "revoke", device_id).returncode == 0
    window, page = open_sync_page(a)

    with qtbot.waitSignal(page.controller.failed, timeout=WAIT):
        qtbot.mouseClick(page.sync_now, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: "révoqué" in page.last_error.text(), timeout=WAIT)
    assert "révoqué" in page.message.text() and "Traceback" not in page.message.text()
    assert page.last_error.isVisible() and page.sync_now.isEnabled()
    indicator = indicator_of(qtbot, window)
    assert indicator.text().startswith("Synchronisation refusée") and "révoqué" in indicator.toolTip()
    assert outbox.pending_count(a) == page.state.pending == 1

    # HQ's administrator gives a new code: the laptop joins again from the same page and its change arrives.
    assert page.enroll_form.isVisible() and page.enroll_form.url.text() == hq_sqlite.url
    type_into(page.enroll_form.code, hq_sqlite.enroll_code(association))
    with qtbot.waitSignal(page.controller.finished, timeout=WAIT):
        qtbot.mouseClick(page.enroll_form.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.state.pending == 0 and not page.enroll_form.isVisible(), timeout=WAIT)
    assert page.last_error.isHidden() and outbox.pending_count(a) == 0


def test_cancel_stops_a_sync_that_waits_for_hq_and_keeps_every_change(qtbot, open_sync_page, hq_sqlite, pair):
    a, _ = pair
    register_household(a, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA))
    hq_sqlite.stop()  # the sync keeps trying: the person gives up waiting
    window, page = open_sync_page(a)
    qtbot.mouseClick(page.sync_now, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.progress.isVisible() and page.cancel.isVisible(), timeout=WAIT)

    with qtbot.waitSignal(page.controller.finished, timeout=WAIT):
        qtbot.mouseClick(page.cancel, Qt.MouseButton.LeftButton)

    assert "annulée" in page.message.text() and not page.progress.isVisible()
    assert page.sync_now.isEnabled() and outbox.pending_count(a) == 1
