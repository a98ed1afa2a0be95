"""The wizard's two tables: the first rows of the file under the fields they go to, and the problems the check found."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication

from fieldapp import i18n
from fieldapp.i18n import isolated, left_to_right
from fieldapp.importing.cells import cell_text
from fieldapp.importing.mapping import field_label
from fieldapp.importing.rows import ERROR, Problem
from fieldapp.importing.table import Table
from ui.shared.table_model import DISPLAY, TOOLTIP, RowsModel

PREVIEW_ROWS = 20
SHOWN_CHARS = 60  # a long cell (members, notes) is cut in the preview; its whole text is in the tooltip
ERROR_COLOUR = QColor("#FFC7CE")  # the colours of the rejected rows' file (fieldapp/importing/rejected.py)
WARNING_COLOUR = QColor("#FFEB9C")
IGNORED_COLOUR = QColor("#8a8a8a")


def _arabic(text: str) -> bool:
    return any("\u0600" <= char <= "\u06ff" for char in text)


def directed(text: str) -> str:
    """A value without Arabic letters keeps its order in an Arabic window: 06 72 and +33 6…, not 72 06 and …6 33+."""
    right_to_left = QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    return left_to_right(text) if right_to_left and text and not _arabic(text) else text


def column_name(letter: str | None, header: str | None) -> str:
    """ "C · Téléphone": the column's letter, then its header in its own direction."""
    return f"{letter} · {isolated(header)}" if header else ""


def shown(value: object) -> str:
    """A cell as the preview shows it: on one line, cut when long."""
    text = cell_text(value) or ""
    text = " | ".join(line.strip() for line in text.splitlines() if line.strip())
    return directed(text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…")


class PreviewModel(RowsModel):
    """The first rows of the list as read, each column headed by the field it goes to (greyed when ignored)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.table: Table | None = None
        self.mapping: dict[int, str] = {}
        self.ignored_text = "—"

    def show_table(self, table: Table, mapping: dict[int, str]) -> None:
        self.table, self.mapping = table, dict(mapping)
        self.set_rows(list(table.rows[:PREVIEW_ROWS]))

    def set_mapping(self, mapping: dict[int, str]) -> None:
        self.mapping = dict(mapping)
        self.retranslate()

    def headers(self) -> tuple[str, ...]:
        if self.table is None:
            return ()
        return tuple(
            f"{field_label(self.mapping[i]) if i in self.mapping else self.ignored_text}\n{column_name(letter, header)}"
            for i, (letter, header) in enumerate(zip(self.table.columns, self.table.headers, strict=True))
        )

    def cells(self, row) -> tuple:
        width = len(self.table.headers) if self.table else 0
        values = list(row.cells) + [None] * (width - len(row.cells))
        return tuple(shown(value) for value in values[:width])

    def tooltip(self, row) -> str | None:
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY):
        if index.isValid() and role == Qt.ItemDataRole.ForegroundRole and index.column() not in self.mapping:
            return QBrush(IGNORED_COLOUR)
        if index.isValid() and role == TOOLTIP and index.row() < len(self.rows):
            return cell_text(self.rows[index.row()].cells[index.column()]) or None
        return super().data(index, role)

    def headerData(self, section: int, orientation, role: int = DISPLAY):  # noqa: N802 — Qt's name
        if orientation == Qt.Orientation.Vertical and role == DISPLAY and 0 <= section < len(self.rows):
            return str(self.rows[section].number)  # the row number as Excel shows it
        if role == Qt.ItemDataRole.ForegroundRole and section not in self.mapping:
            return QBrush(IGNORED_COLOUR)
        return super().headerData(section, orientation, role)

    def key(self, row) -> object:
        return row.number


class ProblemsModel(RowsModel):
    """Every error and warning of the check, by row: errors red (the row is not imported), warnings yellow."""

    ROW, COLUMN, VALUE, LEVEL, MESSAGE = range(5)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.titles: tuple[str, ...] = ()

    def headers(self) -> tuple[str, ...]:
        return self.titles

    def cells(self, row: Problem) -> tuple:
        level = i18n.t(f"import.level_{row.level}")
        return (str(row.row), column_name(row.letter, row.column), directed(row.value or ""), level, row.message)

    def tooltip(self, row: Problem) -> str | None:
        return row.message

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY):
        if index.isValid() and role == Qt.ItemDataRole.BackgroundRole and index.row() < len(self.rows):
            return QBrush(ERROR_COLOUR if self.rows[index.row()].level == ERROR else WARNING_COLOUR)
        if index.isValid() and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#000000"))  # dark text on the light colours, in every theme
        return super().data(index, role)

    def key(self, row: Problem) -> object:
        return (row.row, row.key, row.column)
