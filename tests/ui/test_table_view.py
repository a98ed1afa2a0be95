"""Selecting a table row in Arabic: Qt's own QTableView.selectRow() selects nothing right to left, select_row does."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView

from ui.shared.table_view import select_row
from ui.shell import translations


@pytest.fixture
def table(qtbot):
    model = QStandardItemModel(5, 3)
    for row in range(5):
        for column in range(3):
            model.setItem(row, column, QStandardItem(f"{row}:{column}"))
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.horizontalHeader().setStretchLastSection(True)
    view.resize(600, 300)
    qtbot.addWidget(view)
    return view


def selected_rows(view: QTableView) -> list[int]:
    return [index.row() for index in view.selectionModel().selectedRows()]


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_select_row_selects_the_whole_row_and_makes_it_current_in_both_directions(qtbot, french, table, language):
    translations.install(french, language)
    table.show()
    qtbot.waitExposed(table)

    select_row(table, 2)

    assert selected_rows(table) == [2] and table.currentIndex().row() == 2


def test_in_arabic_qt_select_row_selects_nothing_which_is_why_the_helper_exists(qtbot, french, table):
    """If a Qt release fixes selectRow() right to left, this fails: ui.shared.table_view can then go."""
    translations.install(french, "ar")
    table.show()
    qtbot.waitExposed(table)
    assert table.isRightToLeft()

    table.selectRow(2)
    assert selected_rows(table) == [] and not table.currentIndex().isValid()

    translations.install(french, "fr")
    table.selectRow(2)
    assert selected_rows(table) == [2]  # left to right it works


def test_in_arabic_down_from_the_households_search_selects_the_first_household(qtbot, window, french):
    translations.install(french, "ar")
    window.show_page("households")
    page = window.page("households")
    qtbot.waitUntil(lambda: not page.model.loading and page.model.rowCount() > 0 and page.isRightToLeft())
    page.search.setFocus()

    qtbot.keyClick(page.search, Qt.Key.Key_Down)

    assert selected_rows(page.table) == [0] and page.table.currentIndex().row() == 0
