"""The first window: opens on demo data at first run, searches as you type, and turns right-to-left in Arabic."""

from PySide6.QtCore import Qt

from fieldapp import i18n
from fieldapp.services import households
from ui.app import MainWindow, ensure_ready
from ui.household_model import HouseholdTableModel


def test_a_first_run_fills_an_empty_database_with_demo_data(blank_db):
    identity = ensure_ready(blank_db, demo_households=30)

    assert identity.device_code == "DEMO"
    assert households.count_households(blank_db) == 30
    # A second start keeps what is there instead of adding more demo data.
    ensure_ready(blank_db, demo_households=30)
    assert households.count_households(blank_db) == 30


def test_the_window_lists_households_and_filters_as_you_type(qtbot, blank_db):
    identity = ensure_ready(blank_db, demo_households=30)
    window = MainWindow(blank_db, identity)
    qtbot.addWidget(window)
    assert window.model.rowCount() == 30
    assert "30" in window.summary.text()

    wanted = households.list_households(blank_db, limit=1)[0]
    qtbot.keyClicks(window.search, wanted.cin)

    assert window.model.rowCount() == 1
    assert window.model.data(window.model.index(0, 0)) == wanted.head_name


def test_the_table_model_pages_through_many_rows_without_a_view(db):
    for number in range(450):
        households.register_household(
            db, households.HouseholdInput(head_name=f"Foyer {number:03d}", commune="05.311.01.07")
        )
    model = HouseholdTableModel(db)
    model.set_query("")
    assert model.rowCount() == 200 and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 450 and not model.canFetchMore()
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Nom"


def test_arabic_turns_the_layout_right_to_left_with_arabic_labels(qtbot, qapp, blank_db):
    identity = ensure_ready(blank_db, demo_households=5)
    i18n.set_language("ar")
    qapp.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        window = MainWindow(blank_db, identity)
        qtbot.addWidget(window)
        assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert window.model.headerData(0, Qt.Orientation.Horizontal) == "الاسم"
        assert "أسرة" in window.summary.text()
    finally:
        qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
