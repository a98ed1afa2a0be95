"""The window shell: pages reachable by click and keyboard, status bar, language switch with right-to-left Arabic."""

from PySide6.QtCore import Qt

from fieldapp.services import households, outbox
from ui.households.model import FIRST_PAGE, HouseholdTableModel
from ui.shell import translations
from ui.shell.main_window import PAGES


def test_every_page_is_listed_and_reachable_with_ctrl_and_its_number(qtbot, window):
    assert window.navigation.count() == len(PAGES)
    for number, (name, _) in enumerate(PAGES, start=1):
        qtbot.keyClick(window, Qt.Key.Key_0 + number, Qt.KeyboardModifier.ControlModifier)
        assert window.stack.currentWidget() is window.page(name)


def test_the_status_bar_shows_the_association_and_the_changes_not_yet_sent(qtbot, window, demo_db):
    qtbot.waitUntil(lambda: "Al Amal" in window.identity_label.text())
    pending = outbox.pending_count(demo_db)
    qtbot.waitUntil(lambda: str(pending) in window.pending_label.text().replace("\u202f", "").replace(" ", ""))
    # Once the sync indicator is there, it alone says how many changes wait: the count is not shown twice.
    qtbot.waitUntil(lambda: getattr(window, "sync_indicator", None) is not None, timeout=5000)
    indicator = window.sync_indicator
    qtbot.waitUntil(lambda: f"{pending} en attente" in indicator.text().replace("\u202f", " "), timeout=5000)
    assert indicator.text().startswith("Pas relié au siège")
    assert window.pending_label.isHidden()


def test_every_interactive_widget_has_an_object_name_and_an_accessible_name(window):
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QLineEdit

    for name, _ in PAGES:
        window.page(name)
    missing = []
    for kind in (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView):
        for widget in window.findChildren(kind):
            if widget.objectName().startswith("qt_") or not widget.isVisibleTo(window) and not widget.objectName():
                continue
            if not widget.objectName() or not widget.accessibleName():
                missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    assert missing == []


def test_switching_to_arabic_turns_the_whole_layout_right_to_left(qtbot, window, french):
    translations.install(french, "ar")
    qtbot.waitUntil(lambda: window.layoutDirection() == Qt.LayoutDirection.RightToLeft)
    assert window.navigation.item(1).text() == "الأسر"


def test_the_households_table_model_pages_through_many_rows_without_a_view(db):
    for number in range(450):
        households.register_household(
            db, households.HouseholdInput(consent=True, head_name=f"Foyer {number:03d}", commune="05.311.01.07")
        )
    model = HouseholdTableModel(db)
    model.set_query("")
    assert model.rowCount() == FIRST_PAGE and model.canFetchMore()
    model.fetchMore()  # + PAGE_SIZE
    model.fetchMore()
    assert model.rowCount() == 450 and not model.canFetchMore()
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Nom"
