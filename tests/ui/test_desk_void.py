"""Cancelling a receipt at the desk, as staff do after a hand-out recorded by mistake: real database, no mocks."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QPushButton

from fieldapp.rules import parse_item
from fieldapp.services.distributions import get_by_receipt, list_distributions, record_distribution, void_distribution
from fieldapp.services.events import create_event
from fieldapp.services.households import HouseholdInput, register_household
from ui.desk.page import DeskPage
from ui.shell import translations
from ui.shell.change_bus import ChangeBus
from ui.shell.context import AppContext
from ui.shell.tasks import TaskRunner

NAME, NAME_AR, CIN = "Hafida Ouazzani", "حفيظة الوزاني", "JT445566"
REASON = "Mauvaise famille, erreur de saisie"


@pytest.fixture
def today_event(demo_db):
    items = [parse_item("KIT:Panier alimentaire:1:stock=40:ar=قفة")]
    return create_event(demo_db, "Distribution du jour", dt.date.today(), items, site="Maison des jeunes").value


@pytest.fixture
def family(demo_db):
    data = HouseholdInput(consent=True, head_name=NAME, head_name_ar=NAME_AR, cin=CIN, commune="05.311.01.07", size=4)
    return register_household(demo_db, data).value


@pytest.fixture
def desk(qtbot, french, demo_db, today_event, family, viewer):
    page = DeskPage(AppContext(db=demo_db, tasks=TaskRunner(), changes=ChangeBus()))
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.activateWindow()
    qtbot.waitExposed(page)
    page.refresh()
    qtbot.waitUntil(lambda: page.counters.stats is not None and page.counters.stats.event_id == today_event.id)
    yield page
    page.ctx.tasks.close()


def type_text(widget, text: str) -> None:
    """Type any letters (é, Arabic) as a keyboard in that layout does: QTest.keyClicks only knows ASCII."""
    for letter in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, letter))


def find(qtbot, desk: DeskPage, text: str) -> None:
    desk.input.setFocus()
    desk.input.clear()
    qtbot.keyClicks(desk.input, text)
    qtbot.keyClick(desk.input, Qt.Key.Key_Return)


def find_served(qtbot, desk: DeskPage, family) -> None:
    find(qtbot, desk, CIN)
    qtbot.waitUntil(lambda: desk.card.preview is not None and desk.card.preview.household.id == family.id)
    qtbot.waitUntil(desk.card.is_served)


def serve_at_the_desk(qtbot, desk: DeskPage, family) -> str:
    find(qtbot, desk, CIN)
    qtbot.waitUntil(lambda: desk.card.preview is not None and desk.card.preview.household.id == family.id)
    with qtbot.waitSignal(desk.receipt_ready, timeout=20_000):
        qtbot.keyClick(desk.focusWidget() or desk.input, Qt.Key.Key_F9)
    return desk.last_receipt.receipt


def active(db, event_id: str, household_id: str) -> list:
    return [d for d in list_distributions(db, event_id) if d.household_id == household_id and d.voided_at is None]


def open_dialog(qtbot, desk: DeskPage, button_name: str = "deskVoidReceipt") -> QDialog:
    button = desk.findChild(QPushButton, button_name)
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.findChild(QDialog, "voidDialog") is not None and desk.findChild(QDialog).isVisible())
    return desk.findChild(QDialog, "voidDialog")


def dialog_gone(desk: DeskPage) -> bool:
    dialog = desk.findChild(QDialog, "voidDialog")
    return dialog is None or not dialog.isVisible()


def test_a_receipt_served_by_mistake_is_cancelled_from_the_card_and_the_family_can_be_served_again(
    qtbot, desk, demo_db, today_event, family
):
    receipt = serve_at_the_desk(qtbot, desk, family)
    qtbot.waitUntil(lambda: desk.counters.stats.served_total == 1)
    served_today = desk.counters.stats.served_today

    find_served(qtbot, desk, family)
    button = desk.card.findChild(QPushButton, "deskVoidReceipt")
    assert desk.card.served_banner.isVisible() and button.text() == "Annuler ce reçu…"
    assert receipt in button.accessibleName()
    dialog = open_dialog(qtbot, desk)

    assert receipt in dialog.findChild(QLabel, "voidTitle").text()
    assert NAME in dialog.findChild(QLabel, "voidFamily").text()
    assert "Distribution du jour" in dialog.findChild(QLabel, "voidEvent").text()
    confirm = dialog.findChild(QPushButton, "voidConfirm")
    assert confirm.text() == "Annuler le reçu" and not confirm.isEnabled()
    reason = dialog.findChild(QLineEdit, "voidReason")
    qtbot.keyClicks(reason, "   ")
    assert not confirm.isEnabled()  # blanks are no reason
    qtbot.keyClicks(reason, REASON)
    assert confirm.isEnabled()
    qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: dialog_gone(desk))
    qtbot.waitUntil(lambda: not desk.card.is_served())
    qtbot.waitUntil(lambda: desk.counters.stats.served_total == 0)
    assert desk.counters.stats.served_today == served_today - 1
    assert desk.counters.stats.items[0].left == 40
    assert not desk.card.served_banner.isVisible() and not button.isVisible()
    assert desk.card.message.isVisible() and receipt in desk.card.message.text()
    assert "annulé" in desk.card.message.text()
    assert not desk.last_receipt.isVisible()  # the green banner no longer says this receipt was served
    assert get_by_receipt(demo_db, receipt).void_reason == REASON.strip()
    assert desk.card.preview.household.id == family.id  # still on the card, ready to serve correctly

    assert desk.card.confirm_button.isEnabled()
    with qtbot.waitSignal(desk.receipt_ready, timeout=20_000):
        qtbot.mouseClick(desk.card.confirm_button, Qt.MouseButton.LeftButton)
    again = active(demo_db, today_event.id, family.id)
    assert len(again) == 1 and again[0].receipt != receipt and again[0].override_reason is None
    qtbot.waitUntil(lambda: desk.counters.stats.served_total == 1)


def test_the_receipt_just_printed_can_be_cancelled_from_under_the_green_banner(
    qtbot, desk, demo_db, today_event, family
):
    receipt = serve_at_the_desk(qtbot, desk, family)
    qtbot.waitUntil(lambda: desk.counters.stats.served_total == 1)
    assert desk.card.preview is None  # the desk is ready for the next family

    dialog = open_dialog(qtbot, desk, "deskVoidLastReceipt")
    assert receipt in dialog.findChild(QLabel, "voidTitle").text()
    reason = dialog.findChild(QLineEdit, "voidReason")
    qtbot.keyClick(reason, Qt.Key.Key_Return)  # nothing typed: Enter does nothing
    assert dialog.isVisible() and get_by_receipt(demo_db, receipt).voided_at is None
    type_text(reason, "Mauvais événement")
    qtbot.keyClick(reason, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: desk.counters.stats.served_total == 0)
    qtbot.waitUntil(lambda: dialog_gone(desk))
    assert get_by_receipt(demo_db, receipt).void_reason == "Mauvais événement"
    assert not desk.last_receipt.isVisible() and not desk.findChild(QPushButton, "deskVoidLastReceipt").isVisible()
    assert receipt in desk.card.message.text()
    assert active(demo_db, today_event.id, family.id) == []


def test_keep_it_changes_nothing(qtbot, desk, demo_db, today_event, family):
    first = record_distribution(demo_db, today_event.id, family.id, handed_out_by="Samira").value
    find_served(qtbot, desk, family)
    counted = desk.counters.stats

    dialog = open_dialog(qtbot, desk)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "voidReason"), "Finalement non")
    keep = dialog.findChild(QPushButton, "voidKeep")
    assert keep.text() == "Le garder"
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: dialog_gone(desk))
    desk.ctx.tasks.wait()
    assert get_by_receipt(demo_db, first.receipt).voided_at is None
    assert desk.card.is_served() and desk.counters.stats is counted
    assert not desk.card.message.isVisible()
    assert desk.card.findChild(QPushButton, "deskVoidReceipt").isVisible()


def test_a_refusal_is_shown_in_the_dialog_in_plain_words_and_the_reason_typed_stays(
    qtbot, desk, demo_db, today_event, family
):
    first = record_distribution(demo_db, today_event.id, family.id).value
    find_served(qtbot, desk, family)
    dialog = open_dialog(qtbot, desk)
    void_distribution(demo_db, first.receipt, "Annulé depuis la ligne de commande")  # meanwhile, elsewhere
    reason = dialog.findChild(QLineEdit, "voidReason")
    qtbot.keyClicks(reason, REASON)
    qtbot.mouseClick(dialog.findChild(QPushButton, "voidConfirm"), Qt.MouseButton.LeftButton)

    message = dialog.findChild(QLabel, "voidMessage")
    qtbot.waitUntil(lambda: message.isVisible() and "déjà annulé" in message.text())
    assert first.receipt in message.text() and "Traceback" not in message.text()
    assert dialog.isVisible() and reason.text() == REASON
    assert get_by_receipt(demo_db, first.receipt).void_reason == "Annulé depuis la ligne de commande"
    qtbot.waitUntil(lambda: not desk.card.is_served())  # behind the dialog, the card is brought up to date
    qtbot.mouseClick(dialog.findChild(QPushButton, "voidKeep"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog_gone(desk))


def test_in_arabic_the_dialog_reads_right_to_left_in_arabic(qtbot, desk, french, demo_db, today_event, family):
    first = record_distribution(demo_db, today_event.id, family.id).value
    translations.install(french, "ar")
    find_served(qtbot, desk, family)
    assert desk.card.findChild(QPushButton, "deskVoidReceipt").text() == "إلغاء هذا الوصل…"

    dialog = open_dialog(qtbot, desk)

    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert dialog.findChild(QPushButton, "voidConfirm").text() == "إلغاء الوصل"
    assert dialog.findChild(QPushButton, "voidKeep").text() == "الاحتفاظ به"
    title = dialog.findChild(QLabel, "voidTitle").text()
    assert "إلغاء" in title and f"\u202a{first.receipt}\u202c" in title  # the number stays left-to-right
    assert NAME_AR in dialog.findChild(QLabel, "voidFamily").text()
    assert "سبب الإلغاء" in dialog.findChild(QLineEdit, "voidReason").accessibleName()
    type_text(dialog.findChild(QLineEdit, "voidReason"), "أسرة خاطئة")
    qtbot.mouseClick(dialog.findChild(QPushButton, "voidConfirm"), Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: not desk.card.is_served())
    assert "أُلغي الوصل" in desk.card.message.text() and first.receipt in desk.card.message.text()
    assert get_by_receipt(demo_db, first.receipt).void_reason == "أسرة خاطئة"
