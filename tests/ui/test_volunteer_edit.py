"""The volunteers page for a coordinator: correcting a volunteer in a dialog, deactivating one after a confirmation
(off the roster, past shifts kept, not offered for check-in), showing them again and reactivating; in French and in
Arabic; a volunteer's account is offered none of it."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from fieldapp.services import accounts, volunteers
from ui.shell import translations
from ui.shell.app import build_window
from ui.volunteers.roster_model import RosterModel


@pytest.fixture
def page(qtbot, window):
    window.show_page("volunteers")
    page = window.page("volunteers")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and page.event.event_id() is not None)
    return page


def arabic(qtbot, window, french):
    translations.install(french, "ar")
    window.show_page("volunteers")
    page = window.page("volunteers")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and page.layoutDirection() == Qt.LayoutDirection.RightToLeft)
    return page


def worked_volunteer(page, demo_db):
    """A volunteer of the demo who worked at the chosen event and is not on site: hours to keep."""
    return next(r for r in page.model.rows if r.hours is not None and not r.on_site)


def open_edit(qtbot, page, volunteer_id):
    page.select_volunteer(volunteer_id)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.edit_dialog
    assert dialog.isVisible() and dialog.name.text() == page.selected().volunteer.name
    shown = page.selected().volunteer.phone
    assert dialog.phone.text() == (
        (shown[4:5] and f"0{shown[4]} {shown[5:7]} {shown[7:9]} {shown[9:11]} {shown[11:13]}") if shown else ""
    )  # +212612345678 shown as 06 12 34 56 78
    return dialog


def edit(qtbot, page, volunteer_id, **typed):
    dialog = open_edit(qtbot, page, volunteer_id)
    for field, text in typed.items():
        getattr(dialog, field).setText(text)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    return dialog


def deactivate(qtbot, page, volunteer_id):
    page.select_volunteer(volunteer_id)
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    box = page.confirm_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert page.selected().volunteer.name in box.text()
    qtbot.mouseClick(box.findChild(type(page.edit_button), "volunteerDeactivateYes"), Qt.MouseButton.LeftButton)


def test_a_volunteer_is_corrected_in_a_dialog_and_a_bad_phone_keeps_what_was_typed(qtbot, page, demo_db):
    chosen = page.model.rows[0].volunteer

    dialog = edit(qtbot, page, chosen.id, name="Khadija Amrani-Idrissi", phone="12")

    qtbot.waitUntil(lambda: dialog.message.isVisible())
    assert "12" in dialog.message.text() and dialog.isVisible()
    assert dialog.name.text() == "Khadija Amrani-Idrissi"
    dialog.phone.setText("06 12 34 56 78")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(
        lambda: page.model.row_of(chosen.id) >= 0 and row(page, chosen.id).volunteer.phone == "+212612345678"
    )
    assert row(page, chosen.id).volunteer.name == "Khadija Amrani-Idrissi"
    assert "Khadija Amrani-Idrissi" in page.status.text()
    assert page.selected().volunteer.id == chosen.id


def row(page, volunteer_id):
    return page.model.rows[page.model.row_of(volunteer_id)]


def test_a_deactivated_volunteer_leaves_the_roster_and_comes_back_greyed_with_their_hours(qtbot, page, demo_db):
    worked = worked_volunteer(page, demo_db)
    count = page.model.rowCount()

    deactivate(qtbot, page, worked.volunteer.id)

    qtbot.waitUntil(lambda: page.model.rowCount() == count - 1)
    assert page.model.row_of(worked.volunteer.id) == -1
    assert worked.volunteer.name in page.status.text()
    assert not page.show_inactive.isChecked()

    page.show_inactive.setChecked(True)

    qtbot.waitUntil(lambda: page.model.row_of(worked.volunteer.id) >= 0)
    shown = row(page, worked.volunteer.id)
    assert shown.hours == worked.hours  # past attendance kept
    number = page.model.row_of(worked.volunteer.id)
    assert page.model.data(page.model.index(number, RosterModel.STATUS)).startswith("Désactivé")
    assert page.model.data(page.model.index(number, 0), Qt.ItemDataRole.ForegroundRole) is not None
    page.select_volunteer(worked.volunteer.id)
    assert not page.check_in_button.isEnabled() and page.active_button.text().replace("&", "") == "Réactiver"
    page.toggle()  # Enter on the row: nothing for a deactivated volunteer
    assert page.busy is False

    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: row(page, worked.volunteer.id).volunteer.active)
    assert [v.id for v in volunteers.list_volunteers(demo_db) if v.id == worked.volunteer.id] == [worked.volunteer.id]
    page.select_volunteer(worked.volunteer.id)
    assert page.check_in_button.isEnabled()


def test_cancelling_the_confirmation_deactivates_nobody(qtbot, page, demo_db):
    chosen = page.model.rows[0].volunteer
    page.select_volunteer(chosen.id)
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)

    qtbot.mouseClick(page.confirm_box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: page.ctx.tasks.idle)
    assert chosen.id in [v.id for v in volunteers.list_volunteers(demo_db)]


def test_in_arabic_a_volunteer_is_corrected_then_deactivated_right_to_left(qtbot, window, french, demo_db):
    page = arabic(qtbot, window, french)
    chosen = next(r for r in page.model.rows if not r.on_site).volunteer
    assert page.edit_button.text().replace("&", "") == "تعديل…"

    dialog = open_edit(qtbot, page, chosen.id)
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert dialog.save_button.text().replace("&", "") == "حفظ"
    dialog.name_ar.setText("خديجة العمراني")
    qtbot.keyClick(dialog.name_ar, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: row(page, chosen.id).volunteer.name_ar == "خديجة العمراني")
    count = page.model.rowCount()
    deactivate(qtbot, page, chosen.id)
    qtbot.waitUntil(lambda: page.model.rowCount() == count - 1)
    page.show_inactive.setChecked(True)
    qtbot.waitUntil(lambda: page.model.row_of(chosen.id) >= 0)
    number = page.model.row_of(chosen.id)
    assert page.model.data(page.model.index(number, RosterModel.STATUS)).startswith("معطَّل")


def test_a_volunteers_account_is_offered_neither_edit_nor_deactivate(qtbot, french, demo_db, data_dir):
    accounts.add_user(demo_db, "Youssef", "volunteer", "mot-de-passe-benevole")
    db = accounts.login(data_dir, "Youssef", "mot-de-passe-benevole")
    window = build_window(db, str(data_dir))
    qtbot.addWidget(window)
    window.show()
    window.show_page("volunteers")
    page = window.page("volunteers")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)

    for widget in (page.edit_button, page.active_button, page.show_inactive, page.add_box):
        assert not widget.isVisibleTo(page)
    window.close()
    db.dispose()
