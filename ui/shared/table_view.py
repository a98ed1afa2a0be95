"""Selecting rows of a table view the same way in both layout directions."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QTableView


def select_row(view: QTableView, row: int) -> None:
    """Select a whole row, make it current and show it. QTableView.selectRow() selects nothing in a right-to-left
    layout: it asks the header for the column at x = the viewport's width, one pixel past the last, and gets none."""
    index = view.model().index(row, 0)
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    view.selectionModel().setCurrentIndex(index, flags)
    view.scrollTo(index)
