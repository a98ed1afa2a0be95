"""The window once logged in: the idle lock (sync and printing go on; another user may unlock, and the window then
offers what their role may), what a volunteer is not offered, the Users page, and changing my own password."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from raw_db import TEST_PASSWORD, TEST_USER

from fieldapp.errors import NotAllowed
from fieldapp.services import accounts, households
from ui.accounts.password_dialog import PasswordDialog
from ui.households.form import HouseholdForm
from ui.shell.app import build_window

VOLUNTEER, VOLUNTEER_PASSWORD = "Youssef", "mot-de-passe-benevole"


@pytest.fixture
def volunteer(demo_db):
    accounts.add_user(demo_db, VOLUNTEER, "volunteer", VOLUNTEER_PASSWORD)
    return VOLUNTEER


def visible_pages(window) -> list[str]:
    return [name for row, name in enumerate(window._names) if not window.navigation.item(row).isHidden()]


def assert_offers_only_a_volunteers_work(qtbot, window) -> None:
    assert visible_pages(window) == ["desk", "households", "sheets", "volunteers", "events", "sync"]
    window.show_page("users")  # Ctrl+8 too: nothing happens
    assert window.stack.currentWidget() is not window.pages.get("users")
    desk = window.page("desk")
    assert not desk.void_last.isEnabled() and not desk.card.void_button.isEnabled()
    households = window.page("households")
    assert not households.export_button.isVisibleTo(households) and not households.new_button.isVisibleTo(households)
    assert households.cards.button.isVisibleTo(households)  # a volunteer prints cards, as receipts and sheets
    events = window.page("events")
    assert not events.new_button.isVisibleTo(events) and not events.edit_button.isVisibleTo(events)
    volunteers = window.page("volunteers")
    assert not volunteers.add_box.isVisibleTo(volunteers)


def test_the_window_locks_itself_when_idle_and_another_user_unlocks_it_with_their_role(
    qtbot, window, volunteer, demo_db
):
    qtbot.waitUntil(lambda: window.ctx.tasks.idle)
    assert "users" in visible_pages(window)
    family = households.list_households(demo_db, limit=1)[0]
    form = HouseholdForm(window.ctx, households.get_household(demo_db, family.id), window)
    form.show()  # a household's form left open in its own window
    window.idle_lock.set_minutes(0.002)  # 120 ms without a key or a click

    qtbot.waitUntil(lambda: window.idle_lock.locked, timeout=5_000)

    lock = window.idle_lock.screen
    assert window.screens.currentWidget() is lock and not window.stack.isVisible()  # nothing of the data shows
    assert not form.isVisible()
    answered = []
    window.ctx.tasks.run(lambda: accounts.list_users(demo_db), on_done=answered.append)  # the worker goes on
    qtbot.waitUntil(lambda: bool(answered))
    lock.form.user.setText(VOLUNTEER)
    lock.form.password.setText("faux")
    qtbot.mouseClick(lock.form.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: lock.form.submit.isEnabled() and "…" not in lock.form.message.text())
    assert lock.form.message.text() == "Nom d'utilisateur ou mot de passe incorrect." and window.idle_lock.locked

    lock.form.password.setText(VOLUNTEER_PASSWORD)
    qtbot.mouseClick(lock.form.submit, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: not window.idle_lock.locked, timeout=10_000)
    assert window.ctx.account.name == VOLUNTEER and window.stack.isVisible() and form.isVisible()
    form.close()
    assert window.account_button.text() == "Youssef (bénévole)"
    assert_offers_only_a_volunteers_work(qtbot, window)
    with pytest.raises(NotAllowed):  # and the services act for them
        accounts.list_users(window.ctx.db)


def test_a_volunteer_logged_in_is_offered_only_the_desks_work(qtbot, french, volunteer, data_dir):
    db = accounts.login(data_dir, VOLUNTEER, VOLUNTEER_PASSWORD)
    window = build_window(db, str(data_dir))
    qtbot.addWidget(window)
    window.show()

    assert_offers_only_a_volunteers_work(qtbot, window)
    sync = window.page("sync")
    qtbot.waitUntil(lambda: window.ctx.tasks.idle)
    assert not sync.enroll_form.isVisibleTo(sync)  # joining HQ is a sync setting
    family = households.list_households(db, limit=1)[0]
    form = HouseholdForm(window.ctx, households.get_household(db, family.id), window)
    assert form.head_name.isReadOnly() and form.cin.isReadOnly() and not form.members_box.isEnabled()
    assert not form.notes.isReadOnly()  # notes and needs stay theirs to correct
    form.close()
    window.close()
    db.dispose()


def test_a_coordinator_adds_a_volunteer_changes_their_role_disables_and_enables_them(qtbot, window, data_dir):
    window.show_page("users")
    page = window.page("users")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.name.setText(VOLUNTEER)
    page.password.setText("court")
    page.again.setText("court")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(page.message.text()))
    assert page.message.text() == "Le mot de passe doit compter au moins 8 caractères."
    assert page.name.text() == VOLUNTEER  # what was typed stays

    page.password.setText(VOLUNTEER_PASSWORD)
    page.again.setText(VOLUNTEER_PASSWORD)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    assert [(row.name, row.role) for row in page.model.rows] == [("Samira", "coordinator"), ("Youssef", "volunteer")]
    assert accounts.login(data_dir, VOLUNTEER, VOLUNTEER_PASSWORD).account.role.value == "volunteer"

    from ui.shared.table_view import select_row

    select_row(page.table, 1)
    qtbot.mouseClick(page.role_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rows[1].role == "coordinator")
    qtbot.mouseClick(page.disable_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rows[1].disabled)
    assert page.model.data(page.model.index(1, 2)) == "désactivé"
    with pytest.raises(NotAllowed):
        accounts.login(data_dir, VOLUNTEER, VOLUNTEER_PASSWORD)

    dialog = page.disable_or_enable()  # now "Enable…": a new password, twice
    dialog.new.setText("nouveau-mot-de-passe")
    dialog.again.setText("nouveau-mot-de-passe")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and not page.model.rows[1].disabled)
    assert accounts.login(data_dir, VOLUNTEER, "nouveau-mot-de-passe").account.name == VOLUNTEER


def test_a_coordinator_unlocks_an_account_and_resets_its_password(qtbot, window, volunteer, data_dir):
    store = accounts.keystore_of(data_dir)
    start = dt.datetime.now(dt.UTC)
    for minute in range(5):  # five failures a minute apart: the account is locked for a while
        with pytest.raises(NotAllowed):
            store.unlock(VOLUNTEER, "faux", now=start + dt.timedelta(minutes=minute))
    window.show_page("users")
    page = window.page("users")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    from ui.shared.table_view import select_row

    select_row(page.table, 1)
    assert page.model.rows[1].locked and page.unlock_button.isEnabled()

    qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and not page.model.rows[1].locked)
    dialog = page.reset_password()
    dialog.new.setText("encore-un-mot-de-passe")
    dialog.again.setText("encore-un-mot-de-passe")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    assert accounts.login(data_dir, VOLUNTEER, "encore-un-mot-de-passe").account.name == VOLUNTEER


def test_everyone_changes_their_own_password_with_the_current_one(qtbot, window, data_dir):
    dialog: PasswordDialog = window.account_button.ask_new_password()
    qtbot.addWidget(dialog)
    assert dialog.current.isVisibleTo(dialog)
    dialog.current.setText("pas-le-bon")
    dialog.new.setText("mon-nouveau-secret")
    dialog.again.setText("mon-nouveau-secret")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: bool(dialog.error.text()))
    assert dialog.error.text() == "Nom d'utilisateur ou mot de passe incorrect."

    dialog.current.setText(TEST_PASSWORD)
    dialog.buttons.accepted.emit()

    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    assert accounts.login(data_dir, TEST_USER, "mon-nouveau-secret").account.name == TEST_USER
