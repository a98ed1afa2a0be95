"""Sync by itself: the status-bar indicator, backoff while HQ is away and a sync when it is back, local changes sent
after a quiet moment, one sync at a time; and the Sync page in Arabic (a real HQ, real SQLite files)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fieldapp.db import Database
from fieldapp.services import enrollment, setup
from fieldapp.services.households import HouseholdInput, register_household
from sync import engine
from ui.shell import translations
from ui.shell.app import build_window
from ui.shell.operations import run_operation
from ui.sync.controller import Intervals, controller_for
from ui.sync.indicator import SyncIndicator

KHOURIBGA = "05.311.01.07"
WAIT = 30_000
# Milliseconds instead of minutes; rand=1 makes each wait its full length (the backoff is read, never timed).
QUICK = Intervals(start_ms=0, retry_ms=300, retry_cap_ms=1_200, poll_ms=600_000, debounce_ms=200)


@pytest.fixture
def association(hq_sqlite):
    return hq_sqlite.new_association("Association Al Amal")


@pytest.fixture
def laptop(tmp_path):
    db = Database.open(tmp_path / "KHR1")
    setup.initialise(db, "Association Al Amal", "KHR1", operator="Samira")
    yield db
    db.dispose()


@pytest.fixture
def joined(laptop, hq_sqlite, association):
    engine.enroll(laptop, hq_sqlite.url, hq_sqlite.enroll_code(association))
    return laptop


@pytest.fixture
def window(qtbot, french):
    opened = []

    def open_window(db: Database, intervals: Intervals = QUICK):
        window = build_window(db)
        qtbot.addWidget(window)
        controller_for(window.ctx).configure(intervals, rand=lambda: 1.0)
        window.show()
        opened.append(window)
        qtbot.waitUntil(lambda: indicator_of(window) is not None, timeout=WAIT)  # added once the window is usable
        return window

    yield open_window
    for window in opened:
        window.close()


def indicator_of(window) -> SyncIndicator:
    return window.findChild(SyncIndicator)


def test_hq_away_the_indicator_says_offline_and_waits_longer_then_syncs_by_itself_when_hq_is_back(
    qtbot, window, joined, hq_sqlite
):
    hq_sqlite.stop()
    main = window(joined)
    run_operation(
        main.ctx,
        lambda: register_household(joined, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)),
    )
    controller, indicator = controller_for(main.ctx), indicator_of(main)
    controller.start()

    qtbot.waitUntil(lambda: "Hors ligne" in indicator.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: controller.failures >= 3, timeout=WAIT)  # 300 ms, 600 ms, then the 1.2 s cap
    assert controller.backoff_ms() == QUICK.retry_cap_ms and controller.status.next_try_at is not None
    qtbot.waitUntil(lambda: "1 en attente" in indicator.text(), timeout=WAIT)
    assert "injoignable" in indicator.toolTip()
    assert enrollment.sync_state(joined).pending > 0

    hq_sqlite.start()  # same address, same database

    qtbot.waitUntil(lambda: controller.status.kind == "synced" and controller.status.state.pending == 0, timeout=WAIT)
    qtbot.waitUntil(lambda: indicator.text().startswith("Synchronisé"), timeout=WAIT)
    assert controller.failures == 0 and controller.last_summary.pushed > 0
    assert enrollment.sync_state(joined).pending == 0


def test_a_click_on_the_indicator_opens_the_sync_page(qtbot, window, laptop):
    main = window(laptop)
    indicator = indicator_of(main)
    controller_for(main.ctx).start()
    qtbot.waitUntil(lambda: indicator.text().startswith("Pas relié au siège"), timeout=WAIT)

    qtbot.mouseClick(indicator, Qt.MouseButton.LeftButton)

    assert main.stack.currentWidget() is main.page("sync")


def test_a_local_change_is_sent_by_itself_after_a_quiet_moment(qtbot, window, joined):
    main = window(joined)
    controller = controller_for(main.ctx)
    controller.start()
    qtbot.waitUntil(lambda: controller.status.reachable is True and not controller.status.running, timeout=WAIT)
    synced_before = controller.last_summary

    with qtbot.waitSignal(controller.finished, timeout=WAIT):  # saved as a page saves
        run_operation(
            main.ctx,
            lambda: register_household(
                joined, HouseholdInput(consent=True, head_name="Rachid Tazi", commune=KHOURIBGA)
            ),
        )

    assert controller.last_summary is not synced_before and controller.last_summary.pushed > 0
    qtbot.waitUntil(lambda: "Synchronisé" in indicator_of(main).text(), timeout=WAIT)
    assert enrollment.sync_state(joined).pending == 0


def test_sync_now_while_a_sync_runs_joins_it_instead_of_starting_another(qtbot, window, joined):
    main = window(joined, Intervals(start_ms=600_000))  # no background sync in this test
    main.show_page("sync")
    page = main.page("sync")
    controller = page.controller
    qtbot.waitUntil(lambda: page.sync_now.isEnabled(), timeout=WAIT)
    started = []
    controller.started.connect(lambda: started.append(1))

    with qtbot.waitSignal(controller.finished, timeout=WAIT):
        assert controller.sync_now() is True  # as the background does
        assert page.progress.isVisible() and page.cancel.isVisible() and not page.sync_now.isEnabled()
        assert controller.sync_now() is False  # the person's "Sync now" joins the running one

    assert started == [1]
    qtbot.waitUntil(lambda: not page.progress.isVisible() and page.sync_now.isEnabled(), timeout=WAIT)


def test_the_sync_page_in_arabic_is_right_to_left_with_arabic_words_and_refusals(
    qtbot, french, window, laptop, hq_sqlite
):
    main = window(laptop)
    main.show_page("sync")
    page = main.page("sync")
    qtbot.waitUntil(lambda: page.state is not None, timeout=WAIT)

    translations.install(french, "ar")

    assert page.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert page.enroll_form.title() == "الانضمام إلى المقر الرئيسي"
    assert page.tabs.tabText(0) == "ال&تعارضات (0)"
    assert page.conflicts.keep.text() == "الإ&بقاء على القيمة الحالية"
    assert page.conflicts.model.headerData(2, Qt.Orientation.Horizontal) == "القيمة المحتفظ بها"
    assert "غير مرتبط" in page.hq.text()
    page.enroll_form.url.setText(hq_sqlite.url)
    page.enroll_form.code.setText("ABCD-EFGH-JKMN-PQRS")
    qtbot.mouseClick(page.enroll_form.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "رمز" in page.enroll_form.message.text(), timeout=WAIT)  # HQ's refusal, in Arabic
