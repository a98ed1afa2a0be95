"""The events page: create an event with items and rules through the form, edit it, and see refusals in the form."""

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from fieldapp.rules import ItemSpec
from fieldapp.services import events
from ui.shell import translations


@pytest.fixture
def page(qtbot, window):
    window.show_page("events")
    page = window.page("events")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    return page


def type_into(qtbot, widget, text: str) -> None:
    """Replace the field's text as a person types it (QTest.keyClicks aborts on letters beyond ASCII, like ï or ق)."""
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


def fill_item(qtbot, form, code, label, label_ar="", quantity=None, rule=None, bands="", flag=None, stock=""):
    items = form.items
    type_into(qtbot, items.code, code)
    type_into(qtbot, items.label, label)
    type_into(qtbot, items.label_ar, label_ar)
    if rule:
        items.rule.setCurrentIndex(items.rule.findData(rule))
    if quantity is not None:
        items.quantity.setValue(quantity)
    if bands:
        type_into(qtbot, items.bands, bands)
    if flag:
        items.only_flag.setCurrentIndex(items.only_flag.findData(flag))
    type_into(qtbot, items.stock, stock)


def saved(qtbot, page, name: str):
    qtbot.waitUntil(lambda: not page.saving and page.form.event_id is not None and page.form.name.text() == name)
    return events.get_event(page.ctx.db, page.form.event_id)


def test_an_event_is_created_with_its_items_and_rules_through_the_form(qtbot, page, demo_db):
    form = page.form
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, form.name, "Aïd al-Adha 2026")
    form.starts.setDate(QDate(2026, 5, 26))
    form.ends.setDate(QDate(2026, 5, 27))
    type_into(qtbot, form.site, "École Al Massira")
    type_into(qtbot, form.commune, "05.311.01.07")
    fill_item(qtbot, form, "kit", "Panier", "قفة", quantity=1, stock="120")
    qtbot.mouseClick(form.items.add_button, Qt.MouseButton.LeftButton)
    fill_item(qtbot, form, "FARINE", "Farine (sac)", rule="size_bands", bands="1-3/1,4-6/2,7+/3")
    assert form.items.bands_note.text()  # the bands read back as people → quantity
    qtbot.mouseClick(form.items.add_button, Qt.MouseButton.LeftButton)
    fill_item(qtbot, form, "LAIT", "Lait infantile", quantity=2, rule="per_member", flag="infant")
    assert form.items.table.rowCount() == 3 and form.items.table.item(1, 0).text() == "FARINE"

    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    event = saved(qtbot, page, "Aïd al-Adha 2026")
    assert (event.starts_on, event.ends_on, event.site, event.commune_code) == (
        dt.date(2026, 5, 26),
        dt.date(2026, 5, 27),
        "École Al Massira",
        "05.311.01.07",
    )
    assert [(i.code, i.label_ar, i.quantity, i.rule, i.bands, i.only_flag, i.stock) for i in event.items] == [
        ("KIT", "قفة", 1, "per_household", None, None, 120),
        ("FARINE", None, 1, "size_bands", [[1, 3, 1], [4, 6, 2], [7, None, 3]], None, None),
        ("LAIT", None, 2, "per_member", None, "infant", None),
    ]
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    assert page.selected_event().id == event.id
    assert page.form.error.text() == ""


def test_an_event_is_edited_through_the_form(qtbot, page, demo_db):
    internet = next(e for e in page.model.rows if e.items[0].code == "NET")
    undistributed = events.create_event(demo_db, "Couvertures", "2026-12-01", [ItemSpec("COUV", "Couverture", 1)]).value
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    page.edit(undistributed.id)
    assert page.form.event_id == undistributed.id and page.form.commune.isEnabled() is False

    type_into(qtbot, page.form.name, "Couvertures d'hiver")
    page.form.items.quantity.setValue(2)
    qtbot.mouseClick(page.form.items.add_button, Qt.MouseButton.LeftButton)
    fill_item(qtbot, page.form, "MATELAS", "Matelas", quantity=1, flag="elderly")
    qtbot.keyClick(page.form.name, Qt.Key.Key_Return)

    event = saved(qtbot, page, "Couvertures d'hiver")
    assert event.id == undistributed.id
    assert [(i.code, i.quantity, i.only_flag) for i in event.items] == [("COUV", 2, None), ("MATELAS", 1, "elderly")]

    page.form.items.table.setCurrentCell(0, 0)
    qtbot.mouseClick(page.form.items.remove_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: [i.code for i in events.get_event(demo_db, undistributed.id).items] == ["MATELAS"])
    assert events.get_event(demo_db, internet.id) == internet  # the other events are untouched


def test_removing_an_item_already_handed_out_is_refused_in_the_form_which_keeps_what_was_typed(qtbot, page, demo_db):
    ramadan = next(e for e in page.model.rows if e.items[0].code == "KIT")
    page.edit(ramadan.id)
    type_into(qtbot, page.form.name, "Panier Ramadan 2026 (modifié)")
    page.form.items.table.setCurrentCell(0, 0)
    qtbot.mouseClick(page.form.items.remove_button, Qt.MouseButton.LeftButton)

    qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: page.form.error.text() != "")
    assert "KIT" in page.form.error.text()
    assert page.form.name.text() == "Panier Ramadan 2026 (modifié)"
    assert page.form.event_id == ramadan.id and page.form.items.table.rowCount() == 1
    assert page.form.save_button.isEnabled()
    assert events.get_event(demo_db, ramadan.id) == ramadan


@pytest.mark.parametrize(
    ("name", "code", "bands"),
    [("", "KIT", ""), ("Aïd", "", ""), ("Aïd", "FAR", "1-3/1,beaucoup"), ("Aïd", "FAR", "")],
)
def test_what_cannot_be_saved_is_explained_in_the_form_and_nothing_is_written(qtbot, page, demo_db, name, code, bands):
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, page.form.name, name)
    fill_item(qtbot, page.form, code, "Article", rule="size_bands" if code == "FAR" else None, bands=bands)

    qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: page.form.error.text() != "")
    assert page.form.name.text() == name and page.form.items.code.text() == code
    assert page.form.event_id is None
    assert len(events.list_events(demo_db)) == 2


def test_in_arabic_dates_keep_their_order(qtbot, window, french):
    window.show_page("events")  # built in French, then the language changes
    translations.install(french, "ar")
    page = window.page("events")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    page.edit(page.model.rows[0].id)

    assert page.form.starts.text() == page.model.rows[0].starts_on.isoformat()  # not 12-09-2026
