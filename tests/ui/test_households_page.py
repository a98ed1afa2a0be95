"""The Households page: search as you type, list filters, and the household form (register, refuse, look-alikes)."""

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
)

from fieldapp.services import distributions, events, households
from fieldapp.services.households import HouseholdInput
from ui.households.model import FIRST_PAGE, HouseholdQuery, HouseholdTableModel
from ui.shell.tasks import TaskRunner

KHOURIBGA = "05.311.01.07"


@pytest.fixture
def page(qtbot, window):
    window.show_page("households")
    shown = window.page("households")
    qtbot.waitUntil(lambda: not shown.model.loading and shown.model.rowCount() > 0)
    return shown


def open_new_form(qtbot, page):
    page.search.setFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.form is not None and page.form.isVisible())
    return page.form


def type_text(qtbot, widget, text):
    """qtbot.keyClicks for Latin letters; Arabic letters as key events carrying the text (QTest maps ASCII only)."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


def fill_form(qtbot, form, name, name_ar, cin, phone, commune="Oued Zem", consent=True):
    """Typed as a volunteer would; `consent` True or False picks that button, None leaves the choice unmade."""
    qtbot.keyClicks(form.head_name, name)
    type_text(qtbot, form.head_name_ar, name_ar)
    qtbot.keyClicks(form.cin, cin)
    qtbot.keyClicks(form.phone, phone)
    qtbot.keyClicks(form.commune.lineEdit(), commune)
    qtbot.keyClicks(form.douar, "Douar Lahlalma")
    if consent is not None:
        qtbot.keyClick(form.consent.given if consent else form.consent.pending, Qt.Key.Key_Space)


def add_member(qtbot, form, name, year, sex_steps=1, relation_steps=2):
    qtbot.mouseClick(form.members.add_button, Qt.MouseButton.LeftButton)
    row = form.members.rows[-1]
    qtbot.keyClicks(row.name, name)
    for _ in range(sex_steps):
        qtbot.keyClick(row.sex, Qt.Key.Key_Down)
    qtbot.keyClicks(row.birth_year, year)
    for _ in range(relation_steps):
        qtbot.keyClick(row.relation, Qt.Key.Key_Down)
    return row


def with_cin_and_arabic_name(db):
    return next(h for h in households.list_households(db, limit=100) if h.cin and h.head_name_ar)


def test_a_family_typed_into_the_form_is_registered_and_selected_in_the_list(qtbot, page, demo_db):
    form = open_new_form(qtbot, page)
    fill_form(qtbot, form, "Zahra Ouchen", "زهرة أوشن", "bk 778899", "0661234567")
    add_member(qtbot, form, "Yassine Ouchen", "2015")
    qtbot.keyClick(form.flag_boxes["widow"], Qt.Key.Key_Space)
    type_text(qtbot, form.notes, "Vue au marché")
    assert form.size.value() == 2  # the head plus the member listed

    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(lambda: page.form is None)
    stored = households.search_households(demo_db, "Ouchen")
    assert [h.cin for h in stored] == ["BK778899"]
    household = households.get_household(demo_db, stored[0].id)
    assert (household.head_name_ar, household.phone, household.commune_code) == (
        "زهرة أوشن",
        "+212661234567",
        "05.311.01.09",
    )
    assert household.flags == ["widow"] and household.consent_at is not None and household.notes == "Vue au marché"
    assert [(m.name, m.sex, m.birth_year, m.relation) for m in household.members] == [
        ("Yassine Ouchen", "F", 2015, "child")
    ]
    qtbot.waitUntil(lambda: page.table.currentIndex().row() == page.model.row_of(household.id) is not None)
    shown_phone = page.model.index(page.model.row_of(household.id), page.model.COLUMNS.index("phone")).data()
    assert shown_phone == "\u202a06 61 23 45 67\u202c"  # as people write it, kept left to right
    assert page.summary.objectName() == "householdCount"
    qtbot.waitUntil(lambda: "31" in page.summary.text())


def test_a_cin_already_registered_is_refused_in_the_form_with_everything_typed_kept(qtbot, page, demo_db):
    existing = with_cin_and_arabic_name(demo_db)
    before = households.count_households(demo_db)
    form = open_new_form(qtbot, page)
    fill_form(qtbot, form, "Rqia Tazrout", "رقية تازروت", existing.cin.lower(), "0662345678")
    add_member(qtbot, form, "Imane Tazrout", "2012")
    qtbot.keyClick(form.flag_boxes["no_income"], Qt.Key.Key_Space)
    qtbot.keyClicks(form.notes, "Voisine de Fatima")
    typed = form.input_data()

    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: form.message.isVisible())
    assert form.isVisible() and form.message.tone() == "error"
    assert existing.cin in form.message.text()
    assert form.is_marked(form.cin) and form.focusWidget() is form.cin
    assert form.input_data() == typed
    assert (form.head_name.text(), form.head_name_ar.text(), form.phone.text()) == (
        "Rqia Tazrout",
        "رقية تازروت",
        "0662345678",
    )
    assert form.members.rows[0].name.text() == "Imane Tazrout" and form.notes.toPlainText() == "Voisine de Fatima"
    assert households.count_households(demo_db) == before
    assert households.search_households(demo_db, "Tazrout") == []

    qtbot.mouseClick(form.message.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.household is not None)
    assert form.household.id == existing.id and form.cin.text() == existing.cin


def test_warnings_are_shown_after_saving_and_the_form_stays_on_the_saved_household(qtbot, page, demo_db):
    form = open_new_form(qtbot, page)
    fill_form(qtbot, form, "Lalla Yettou", "", "12345", "")

    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: form.household is not None)
    assert form.isVisible() and form.message.tone() == "warning"
    assert "12345" in form.message.text()  # the CIN does not look like one; it is kept, with a warning
    assert households.get_household(demo_db, form.household.id).cin == "12345"
    qtbot.mouseClick(form.cancel_button, Qt.MouseButton.LeftButton)  # nothing left unsaved: closes at once
    qtbot.waitUntil(lambda: page.form is None)


def test_a_bad_phone_is_shown_on_the_phone_field_and_typing_clears_the_mark(qtbot, page, demo_db):
    form = open_new_form(qtbot, page)
    fill_form(qtbot, form, "Hafsa Belkadi", "حفصة بلقاضي", "", "12ab")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.message.isVisible())
    assert form.is_marked(form.phone) and not form.is_marked(form.cin)
    qtbot.keyClick(form.phone, Qt.Key.Key_Backspace)
    assert not form.is_marked(form.phone)


def test_look_alikes_are_offered_before_registering_and_open_this_one_loads_the_existing(qtbot, page, demo_db):
    existing = households.get_household(demo_db, with_cin_and_arabic_name(demo_db).id)
    form = open_new_form(qtbot, page)
    fill_form(qtbot, form, existing.head_name, "", "", "", commune=existing.commune_code)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: form.duplicates.isVisible())
    offered = [c.id for c in form.duplicates.candidates]
    assert existing.id in offered
    assert form.duplicates.table.rowCount() == len(offered)
    form.duplicates.table.selectRow(offered.index(existing.id))
    qtbot.mouseClick(form.duplicates.open_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: form.household is not None)
    assert form.household.id == existing.id and not form.duplicates.isVisible()
    assert (form.head_name.text(), form.cin.text()) == (existing.head_name, existing.cin)
    assert len(form.members.rows) == len(existing.members)
    assert households.count_households(demo_db) == 30


def test_register_anyway_stores_the_look_alike(qtbot, page, demo_db):
    existing = with_cin_and_arabic_name(demo_db)
    form = open_new_form(qtbot, page)
    fill_form(qtbot, form, existing.head_name, "", "", "", commune=existing.commune_code)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.duplicates.isVisible())

    qtbot.mouseClick(form.duplicates.register_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: page.form is None)
    assert households.count_households(demo_db) == 31


def test_enter_on_a_row_opens_it_and_saving_a_new_phone_keeps_the_members(qtbot, page, demo_db):
    page.table.setFocus()
    page.table.selectRow(2)
    chosen = page.model.household_at(2)
    members_before = [m.id for m in households.get_household(demo_db, chosen.id).members]
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.form is not None and page.form.isVisible())
    form = page.form
    assert form.household.id == chosen.id

    form.phone.selectAll()
    qtbot.keyClicks(form.phone, "0522 40 11 22")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: page.form is None)
    after = households.get_household(demo_db, chosen.id)
    assert after.phone == "+212522401122"
    assert [m.id for m in after.members] == members_before  # members not re-sent, so not replaced


def test_double_click_on_a_row_opens_that_household(qtbot, page):
    chosen = page.model.household_at(4)
    rect = page.table.visualRect(page.model.index(4, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.form is not None and page.form.household is not None)
    assert page.form.household.id == chosen.id


def test_every_widget_of_the_page_is_named_while_it_is_shown(page):
    missing = [
        f"{type(widget).__name__} {widget.objectName()!r}"
        for kind in (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView)
        for widget in page.findChildren(kind)
        if widget.isVisibleTo(page) and not widget.objectName().startswith("qt_")
        if not widget.objectName() or not widget.accessibleName()
    ]
    assert missing == []


def test_searching_by_arabic_name_then_by_cin_updates_the_table(qtbot, page, demo_db):
    wanted = with_cin_and_arabic_name(demo_db)
    type_text(qtbot, page.search, wanted.head_name_ar)
    qtbot.waitUntil(lambda: not page.model.loading and page.model.query.text == wanted.head_name_ar)
    assert page.model.row_of(wanted.id) is not None
    assert page.model.rowCount() < 30

    page.search.clear()
    qtbot.keyClicks(page.search, wanted.cin.lower())
    qtbot.waitUntil(lambda: not page.model.loading and page.model.query.text == wanted.cin.lower())
    assert page.model.household_at(0).id == wanted.id


def test_enter_after_a_scanned_cin_opens_the_one_household_found(qtbot, page, demo_db):
    wanted = with_cin_and_arabic_name(demo_db)
    qtbot.keyClicks(page.search, wanted.cin)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.form is not None and page.form.household is not None)
    assert page.form.household.id == wanted.id


def test_the_list_narrows_to_households_not_yet_served_at_an_event(qtbot, page, demo_db):
    event = events.list_events(demo_db)[0]
    assert not page.served_filter.isEnabled()
    page.event_filter.setCurrentIndex(page.event_filter.findData(event.id))
    assert page.served_filter.isEnabled() and page.served_filter.currentData() == "not_served"

    def shown_ids():
        return {page.model.household_at(row).id for row in range(page.model.rowCount())}

    not_served = {h.id for h in households.list_households(demo_db, limit=100, not_served_at_event=event.id)}
    qtbot.waitUntil(lambda: not page.model.loading and shown_ids() == not_served)
    served = {d.household_id for d in distributions.list_distributions(demo_db, event.id) if d.voided_at is None}
    assert served and not (not_served & served)

    page.served_filter.setCurrentIndex(page.served_filter.findData("served"))
    qtbot.waitUntil(lambda: not page.model.loading and shown_ids() == served)

    qtbot.mouseClick(page.clear_filters, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.model.loading and page.model.rowCount() == 30)


def test_commune_and_vulnerability_filters_combine(qtbot, page, demo_db):
    sample = next(h for h in households.list_households(demo_db, limit=100) if h.flags)
    flag = sample.flags[0]
    page.flag_filter.setCurrentIndex(page.flag_filter.findData(flag))
    qtbot.keyClicks(page.commune_filter.lineEdit(), sample.commune_code)
    expected = households.list_households(demo_db, limit=100, commune=sample.commune_code, flag=flag)
    qtbot.waitUntil(lambda: page.model.query.commune == sample.commune_code and not page.model.loading)
    assert [page.model.household_at(row).id for row in range(page.model.rowCount())] == [h.id for h in expected]


def test_every_widget_of_the_form_is_named_for_screen_readers_and_tab_follows_the_fields(qtbot, page, demo_db):
    existing = with_cin_and_arabic_name(demo_db)
    form = open_new_form(qtbot, page)
    fill_form(qtbot, form, existing.head_name, "", "", "", commune=existing.commune_code)
    add_member(qtbot, form, "Nora", "2001")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.duplicates.isVisible())
    missing = []
    for kind in (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QSpinBox, QPlainTextEdit):
        for widget in form.findChildren(kind):
            if widget.objectName().startswith("qt_") or not widget.isVisibleTo(form) and not widget.objectName():
                continue
            if not widget.objectName() or not widget.accessibleName():
                missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    assert missing == []
    order = [form.head_name]  # Tab from the Latin name walks down the first column
    for _ in range(5):
        order.append(order[-1].nextInFocusChain())
    assert order[1:4] == [form.head_name_ar, form.cin, form.phone]
    assert form.commune in (order[4], order[4].parent())


def test_escape_on_a_typed_form_asks_again_before_losing_it(qtbot, page):
    form = open_new_form(qtbot, page)
    qtbot.keyClicks(form.head_name, "Brouillon")
    qtbot.keyClick(form.head_name, Qt.Key.Key_Escape)
    assert form.isVisible() and form.message.isVisible()
    qtbot.keyClick(form.head_name, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.form is None)


# -- the table model, without a view -------------------------------------------------------------------------------


@pytest.fixture
def many(db):
    for number in range(450):
        households.register_household(
            db, HouseholdInput(consent=True, head_name=f"Foyer {number:03d}", commune=KHOURIBGA)
        )
    households.register_household(
        db, HouseholdInput(consent=True, head_name="Zineb Amrani", head_name_ar="زينب العمراني", commune=KHOURIBGA)
    )
    return db


def test_the_model_fetches_pages_in_the_background_until_the_last(qtbot, many):
    model = HouseholdTableModel(many, TaskRunner())
    with qtbot.waitSignal(model.loaded):
        model.set_query(HouseholdQuery())
    assert model.rowCount() == FIRST_PAGE and model.canFetchMore()
    while model.canFetchMore():
        with qtbot.waitSignal(model.loaded):
            model.fetchMore()
    assert model.rowCount() == 451 and not model.loading
    assert model.household_at(450).head_name == "Zineb Amrani"


def test_an_answer_to_an_older_query_never_replaces_the_newest(qtbot, many):
    tasks = TaskRunner()
    model = HouseholdTableModel(many, tasks)
    resets = []
    model.modelReset.connect(lambda: resets.append(model.query.text))

    model.set_query("Foyer")
    model.set_query("Foyer 12")
    model.set_query("زينب")
    qtbot.waitUntil(lambda: not model.loading)
    tasks.wait()

    assert resets == ["زينب"] and model.dropped >= 1
    assert [model.household_at(row).head_name for row in range(model.rowCount())] == ["Zineb Amrani"]


def test_a_page_still_on_its_way_is_dropped_when_the_query_changes(qtbot, many):
    tasks = TaskRunner()
    model = HouseholdTableModel(many, tasks)
    with qtbot.waitSignal(model.loaded):
        model.set_query("")
    model.fetchMore()  # the next page of the list, requested but not arrived
    model.set_query("Foyer 44")
    qtbot.waitUntil(lambda: not model.loading)
    tasks.wait()
    assert model.dropped == 1
    assert {model.household_at(row).head_name for row in range(model.rowCount())} <= {
        f"Foyer {n}" for n in range(440, 450)
    } | {"Foyer 044"}
    assert model.rowCount() > 0


def test_the_model_without_a_runner_answers_at_once(many):
    model = HouseholdTableModel(many)
    model.set_query(HouseholdQuery(commune=KHOURIBGA))
    assert model.rowCount() == FIRST_PAGE and not model.loading
    model.set_query("zineb")
    assert model.rowCount() == 1 and model.data(model.index(0, 1)) == "زينب العمراني"


def test_the_form_fits_a_short_screen_with_save_and_cancel_in_view(qtbot, page):
    form = open_new_form(qtbot, page)
    form.fit_to_screen(700)

    qtbot.waitUntil(lambda: form.height() <= 700 - 40)
    for button in (form.save_button, form.cancel_button):
        assert button.isVisible()
        top_left = button.mapTo(form, button.rect().topLeft())
        assert form.rect().contains(top_left) and form.rect().contains(top_left + button.rect().bottomRight())
    assert form.scroll.isAncestorOf(form.members_box) and not form.scroll.isAncestorOf(form.save_button)


def test_a_coordinator_reads_a_familys_history_from_its_form(qtbot, page, demo_db):
    from PySide6.QtWidgets import QApplication

    from ui.households.history import HistoryDialog

    family = with_cin_and_arabic_name(demo_db)
    households.update_household(demo_db, family.id, HouseholdInput(phone="0661234567"))
    page.open_household(family.id)
    qtbot.waitUntil(lambda: page.form is not None and page.form.household is not None)
    form = page.form
    assert form.history_button.isVisible()

    qtbot.mouseClick(form.history_button, Qt.MouseButton.LeftButton)

    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, HistoryDialog))
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
    texts = [dialog.model.cells(row) for row in dialog.model.rows]
    assert [t[3] for t in texts] == ["Modifié", "Enregistré"]  # newest first, in the window's language
    assert texts[0][1] == "Samira" and "phone" in texts[0][4]


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_phones_show_as_people_write_them_in_the_list_and_the_form_and_an_untouched_form_changes_nothing(
    qtbot, page, demo_db, french, language
):
    from fieldapp.services import outbox
    from ui.shell import translations

    translations.install(french, language)
    family = households.register_household(
        demo_db, HouseholdInput(head_name="Zahra Ouchen", phone="0661234567", commune=KHOURIBGA, consent=True)
    ).value
    assert family.phone == "+212661234567"  # stored in E.164, as the CLI's JSON gives it
    page.search.setText("Ouchen")
    qtbot.waitUntil(lambda: page.model.row_of(family.id) is not None)
    column = page.model.COLUMNS.index("phone")
    assert page.model.index(page.model.row_of(family.id), column).data() == "\u202a06 61 23 45 67\u202c"

    pending = outbox.pending_count(demo_db)
    form = page.open_form(households.get_household(demo_db, family.id))
    qtbot.waitUntil(lambda: form.isVisible())
    assert form.phone.text() == "06 61 23 45 67"
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.form is None)
    assert outbox.pending_count(demo_db) == pending  # nothing was re-sent: the phone was not "changed"
    assert households.get_household(demo_db, family.id).phone == "+212661234567"
