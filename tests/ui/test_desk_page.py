"""The distribution desk driven like a volunteer does: keyboard and scanner only, real database, real receipt PDFs."""

from __future__ import annotations

import datetime as dt
import subprocess
import uuid

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QApplication, QComboBox, QLabel, QLineEdit, QSpinBox

from fieldapp import settings, signing
from fieldapp.rules import parse_item
from fieldapp.services import setup
from fieldapp.services.distributions import list_distributions, record_distribution
from fieldapp.services.events import create_event, list_events
from fieldapp.services.households import HouseholdInput, list_households, register_household
from fieldapp.services.receipts import receipt_document
from ui.desk.page import DeskPage, default_event
from ui.shell import translations
from ui.shell.change_bus import ChangeBus
from ui.shell.context import AppContext
from ui.shell.tasks import TaskRunner

TODAY = dt.date.today()
NAME, NAME_AR, CIN = "Zoubida Tanouti", "زبيدة التنوتي", "QK777123"


@pytest.fixture
def today_event(demo_db):
    items = [parse_item("KIT:Panier alimentaire:1:stock=40:ar=قفة"), parse_item("LAIT:Lait infantile:2:only=infant")]
    return create_event(demo_db, "Distribution du jour", TODAY, items, site="Maison des jeunes").value


@pytest.fixture
def family(demo_db):
    data = HouseholdInput(
        consent=True,
        head_name=NAME,
        head_name_ar=NAME_AR,
        cin=CIN,
        commune="05.311.01.07",
        size=5,
        flags=["widow", "infant"],
    )
    return register_household(demo_db, data).value


def open_desk(qtbot, db) -> DeskPage:
    page = DeskPage(AppContext(db=db, tasks=TaskRunner(), changes=ChangeBus()))
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.activateWindow()
    qtbot.waitExposed(page)
    page.refresh()
    qtbot.waitUntil(lambda: page.counters.stats is not None)
    return page


@pytest.fixture
def desk(qtbot, french, demo_db, today_event, family, viewer):
    page = open_desk(qtbot, demo_db)
    yield page
    page.ctx.tasks.close()


def find(qtbot, desk: DeskPage, text: str) -> None:
    """Type (or scan) `text` into the desk's input and press Enter, as a volunteer or a USB scanner does."""
    desk.input.setFocus()
    qtbot.keyClicks(desk.input, text)
    qtbot.keyClick(desk.input, Qt.Key.Key_Return)


def card_shows(qtbot, desk: DeskPage, household_id: str) -> None:
    qtbot.waitUntil(lambda: desk.card.preview is not None and desk.card.preview.household.id == household_id)


def press_confirm(qtbot, desk: DeskPage) -> None:
    qtbot.keyClick(desk.focusWidget() or desk.input, Qt.Key.Key_F9)


def served(db, event_id: str, household_id: str):
    return [d for d in list_distributions(db, event_id) if d.household_id == household_id and d.voided_at is None]


def pdf_text(path: str) -> str:
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True).stdout


def test_todays_event_is_chosen_and_the_input_has_the_focus(desk, today_event):
    assert desk.event_combo.currentData() == today_event.id
    assert desk.focusWidget() is desk.input
    assert desk.card.findChild(QLineEdit, "deskCollector").isHidden()


def test_a_family_is_served_with_the_keyboard_only_and_its_receipt_is_written_and_opened(
    qtbot, desk, demo_db, today_event, family, viewer
):
    find(qtbot, desk, "zoubida tan")
    card_shows(qtbot, desk, family.id)
    assert desk.card.name_label.text() == NAME and desk.card.name_ar_label.text() == NAME_AR
    assert "QK****23" in desk.card.details_label.text() and CIN not in desk.card.details_label.text()
    assert desk.card.findChild(QSpinBox, "deskQuantity_LAIT").value() == 2  # infant flag: entitled to milk

    with qtbot.waitSignal(desk.receipt_ready, timeout=20_000) as written:
        press_confirm(qtbot, desk)

    receipt = served(demo_db, today_event.id, family.id)[0].receipt
    assert receipt in desk.findChild(QObject, "deskLastReceipt").text()
    assert receipt in pdf_text(written.args[0])
    qtbot.waitUntil(lambda: viewer.opened == [written.args[0]])
    assert desk.input.text() == "" and desk.card.preview is None and desk.focusWidget() is desk.input


def test_a_family_already_served_shows_it_loudly_and_cannot_be_served_again_without_a_reason(
    qtbot, desk, demo_db, today_event, family
):
    first = record_distribution(demo_db, today_event.id, family.id, handed_out_by="Samira").value

    find(qtbot, desk, CIN)
    card_shows(qtbot, desk, family.id)

    banner = desk.findChild(QObject, "deskServedBanner")
    assert banner.isVisible() and first.receipt in desk.findChild(QObject, "deskServedDetails").text()
    assert "Samira" in desk.findChild(QObject, "deskServedDetails").text()
    assert not desk.card.confirm_button.isEnabled()
    press_confirm(qtbot, desk)
    assert desk.card.message.isVisible()
    desk.ctx.tasks.wait()
    assert len(served(demo_db, today_event.id, family.id)) == 1


def test_a_refusal_from_the_rules_is_shown_in_plain_words_and_nothing_typed_is_lost(
    qtbot, desk, demo_db, today_event, family
):
    find(qtbot, desk, NAME)
    card_shows(qtbot, desk, family.id)
    qtbot.keyClicks(desk.card.collector, "Ahmed Tanouti")
    other_laptop = record_distribution(demo_db, today_event.id, family.id, handed_out_by="Karim").value

    press_confirm(qtbot, desk)

    qtbot.waitUntil(lambda: desk.card.message.isVisible())
    assert other_laptop.receipt in desk.card.message.text() and "déjà été servi" in desk.card.message.text()
    assert "Traceback" not in desk.card.message.text()
    qtbot.waitUntil(lambda: desk.card.is_served())  # the card now says so too
    assert desk.card.collector.text() == "Ahmed Tanouti" and desk.input.text() == NAME


def test_a_coordinators_reason_serves_the_family_a_second_time(qtbot, desk, demo_db, today_event, family):
    record_distribution(demo_db, today_event.id, family.id)
    find(qtbot, desk, CIN)
    card_shows(qtbot, desk, family.id)

    reason = desk.card.findChild(QLineEdit, "deskOverrideReason")
    assert reason.isVisible()
    reason.setFocus()
    qtbot.keyClicks(reason, "Recu perdu, verifie par le coordinateur")
    assert desk.card.confirm_button.isEnabled()
    with qtbot.waitSignal(desk.receipt_ready, timeout=20_000):
        press_confirm(qtbot, desk)

    both = served(demo_db, today_event.id, family.id)
    assert len(both) == 2 and both[1].override_reason == "Recu perdu, verifie par le coordinateur"


def test_other_quantities_need_a_reason_the_service_asks_for_it(qtbot, desk, demo_db, today_event, family):
    find(qtbot, desk, NAME)
    card_shows(qtbot, desk, family.id)
    milk = desk.card.findChild(QSpinBox, "deskQuantity_LAIT")
    milk.setFocus()
    qtbot.keyClick(milk, Qt.Key.Key_Down)
    assert milk.value() == 1 and desk.card.deviation_reason.isVisible()

    press_confirm(qtbot, desk)
    qtbot.waitUntil(lambda: desk.card.message.isVisible())
    assert "motif" in desk.card.message.text() and not served(demo_db, today_event.id, family.id)

    desk.card.deviation_reason.setFocus()
    qtbot.keyClicks(desk.card.deviation_reason, "Stock de lait bas")
    with qtbot.waitSignal(desk.receipt_ready, timeout=20_000):
        press_confirm(qtbot, desk)
    given = {i["code"]: i["quantity"] for i in served(demo_db, today_event.id, family.id)[0].items}
    assert given == {"KIT": 1, "LAIT": 1}


def receipt_key(db) -> tuple[str, str]:
    with db.read() as session:
        return settings.get(session, "receipt_key"), settings.get(session, "association_id")


def test_scanning_a_receipt_a_sheet_row_or_typing_a_cin_opens_the_right_family(
    qtbot, desk, demo_db, today_event, family
):
    demo_event = next(e for e in list_events(demo_db) if e.name == "Panier Ramadan 2026")
    old = record_distribution(demo_db, demo_event.id, family.id).value
    key, association = receipt_key(demo_db)
    codes = {
        "receipt": receipt_document(demo_db, old.receipt).qr_text,
        "sheet row": signing.row_code(key, association, today_event.id, family.id),
        "CIN": CIN.lower(),
        "receipt number": old.receipt,
    }
    for kind, code in codes.items():
        desk.reset()
        assert desk.card.preview is None, kind
        find(qtbot, desk, code)
        card_shows(qtbot, desk, family.id)
        assert desk.results.count() >= 1, kind


def test_a_forged_or_unknown_code_is_explained_not_opened(qtbot, desk, demo_db):
    _, association = receipt_key(demo_db)
    find(qtbot, desk, signing.receipt_code("00" * 32, association, "DEMO-2026-00001"))
    qtbot.waitUntil(lambda: desk.card.message.isVisible())
    assert "authentique" in desk.card.message.text() and desk.card.preview is None

    desk.reset()
    find(qtbot, desk, "Personne Inconnue Xyz")
    qtbot.waitUntil(lambda: desk.card.message.isVisible())
    assert "introuvable" in desk.card.message.text().lower()


def test_up_and_down_move_in_the_results_enter_picks_and_esc_clears(qtbot, desk, demo_db, today_event):
    desk.input.setFocus()
    qtbot.keyClicks(desk.input, "a")
    qtbot.waitUntil(lambda: desk.results.count() >= 3, timeout=5_000)
    qtbot.keyClick(desk.input, Qt.Key.Key_Down)
    qtbot.keyClick(desk.input, Qt.Key.Key_Down)
    qtbot.keyClick(desk.input, Qt.Key.Key_Up)
    assert desk.results.currentRow() == 1
    chosen = desk.results.item(1).data(Qt.ItemDataRole.UserRole)
    qtbot.keyClick(desk.input, Qt.Key.Key_Return)
    card_shows(qtbot, desk, chosen)

    qtbot.keyClick(desk.input, Qt.Key.Key_Escape)
    assert desk.input.text() == "" and desk.results.count() == 0 and desk.card.preview is None
    assert desk.focusWidget() is desk.input


def test_the_counters_move_when_a_family_is_served(qtbot, desk, family):
    assert (desk.counters.stats.served_today, desk.counters.stats.items[0].left) == (0, 40)
    find(qtbot, desk, CIN)
    card_shows(qtbot, desk, family.id)
    press_confirm(qtbot, desk)
    qtbot.waitUntil(lambda: desk.counters.stats.served_today == 1)
    assert desk.counters.stats.items[0].left == 39
    assert "39" in desk.findChild(QObject, "deskStockLeft").text()


def test_printing_directly_to_a_missing_printer_opens_the_pdf_instead(qtbot, desk, demo_db, family, viewer):
    setup.update_settings(demo_db, {"print_directly": True, "printer": "No Such Printer"})
    find(qtbot, desk, CIN)
    card_shows(qtbot, desk, family.id)
    with qtbot.waitSignal(desk.receipt_ready, timeout=20_000) as written:
        press_confirm(qtbot, desk)
    qtbot.waitUntil(lambda: viewer.opened == [written.args[0]])
    assert "No Such Printer" in desk.last_receipt.text()


def test_the_chosen_event_is_remembered_for_the_day(qtbot, desk, demo_db):
    other = next(e for e in list_events(demo_db) if e.name == "Recharges internet")
    desk.event_combo.setFocus()
    qtbot.keyClick(desk.event_combo, Qt.Key.Key_Down)  # events newest first: today's, then this one
    assert desk.event_combo.currentData() == other.id
    qtbot.waitUntil(lambda: desk.counters.stats.event_id == other.id)
    assert desk.focusWidget() is desk.input  # back to the input for the next family

    again = open_desk(qtbot, demo_db)
    assert again.event_combo.currentData() == other.id
    again.ctx.tasks.close()


def test_the_default_event_is_the_one_running_today_else_the_latest(demo_db, today_event):
    events = list_events(demo_db)
    assert default_event(events, TODAY) == today_event.id
    later = TODAY + dt.timedelta(days=400)
    assert default_event(events, later) == today_event.id  # nothing runs then: the latest one
    old = next(e for e in events if e.name == "Panier Ramadan 2026")
    assert default_event(events, old.starts_on) == old.id
    assert default_event(events, TODAY, old.id, TODAY.isoformat()) == old.id  # chosen today: kept
    assert default_event(events, TODAY, old.id, "2000-01-01") == today_event.id  # chosen another day
    assert default_event([], TODAY) is None


def test_every_interactive_widget_of_a_full_card_has_an_object_name_and_an_accessible_name(
    qtbot, desk, demo_db, today_event, family
):
    record_distribution(demo_db, today_event.id, family.id)
    find(qtbot, desk, CIN)
    card_shows(qtbot, desk, family.id)
    assert desk.clear_button.isVisibleTo(desk)  # something is typed: Qt's clear button shows
    missing = []
    for kind in (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QSpinBox):
        for widget in desk.findChildren(kind):
            if widget.objectName().startswith("qt_") or not widget.isVisibleTo(desk) and not widget.objectName():
                continue  # Qt's own parts (a combo box's hidden list), as in test_shell
            if not widget.objectName() or not widget.accessibleName():
                missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    assert missing == []


def test_a_forged_row_code_is_refused_without_opening_any_household(qtbot, desk):
    find(qtbot, desk, f"FAS1:{uuid.uuid4().hex.upper()}:AAAAAAAAAAAAAAAA")
    qtbot.waitUntil(lambda: desk.card.message.isVisible())
    assert "authentique" in desk.card.message.text().lower()
    assert desk.card.preview is None


def test_in_the_main_window_the_desk_comes_first_with_the_input_focused_and_serves_with_f9(
    qtbot, window, demo_db, viewer
):
    desk = window.page("desk")
    assert window.stack.currentWidget() is desk
    window.activateWindow()
    qtbot.waitUntil(lambda: desk.counters.stats is not None)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is desk.input)
    event_id = desk.event_combo.currentData()
    waiting = next(h for h in list_households(demo_db, limit=200, not_served_at_event=event_id) if h.cin)

    qtbot.keyClicks(QApplication.focusWidget(), waiting.cin)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    card_shows(qtbot, desk, waiting.id)
    with qtbot.waitSignal(desk.receipt_ready, timeout=20_000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F9)

    assert served(demo_db, event_id, waiting.id)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is desk and QApplication.focusWidget() is desk.input


def test_in_arabic_the_desk_turns_right_to_left_and_items_show_their_arabic_labels(qtbot, desk, french, family):
    find(qtbot, desk, CIN)
    card_shows(qtbot, desk, family.id)
    qtbot.keyClicks(desk.card.collector, "Ahmed")

    translations.install(french, "ar")

    qtbot.waitUntil(lambda: desk.card.findChild(QLabel, "deskItem_KIT").text() == "قفة")
    assert desk.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert "قفة" in desk.findChild(QLabel, "deskStockLeft").text()
    assert desk.card.collector.text() == "Ahmed" and desk.card.preview.household.id == family.id
