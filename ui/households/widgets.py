"""Widgets of the households page and form: the commune chooser, vulnerability names, the look-alikes panel."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp import geo, i18n
from fieldapp.duplicates import Candidate
from fieldapp.errors import FieldappError
from fieldapp.i18n import left_to_right
from fieldapp.models import VULNERABILITY_FLAGS
from fieldapp.normalize import fold_name, phone_text
from ui.shared.labels import flag_labels
from ui.shared.table_view import select_row


def chosen(combo: QComboBox) -> str | None:
    """The data of a combo's current entry, None for none or for an "all" entry (stored as "").

    Entries never hold None and no empty combo is asked: with PySide6 6.12 on Python 3.11 every invalid QVariant
    handed back to Python drops a reference to None, and the process aborts after a few thousand.
    """
    if combo.currentIndex() < 0:
        return None
    return combo.currentData() or None


def with_clear_button(edit: QLineEdit, name: str) -> None:
    """Qt's little ✕ that empties a field, named like every other button (tests and screen readers find it)."""
    edit.setClearButtonEnabled(True)
    for button in edit.findChildren(QToolButton):
        button.setObjectName(name)
        button.setAccessibleName(QCoreApplication.translate("HouseholdsPage", "Clear"))


def commune_label(commune: geo.Commune, language: str | None = None) -> str:
    """'Name (Province) · other-script name' in the window's language, so either script can be typed."""
    if i18n.is_right_to_left(language):
        first, province, other = commune.name_ar or commune.name_fr, commune.province_ar, commune.name_fr
    else:
        first, province, other = commune.name_fr, commune.province_fr, commune.name_ar
    label = f"{first} ({province or commune.province_fr})"
    return f"{label} · {other}" if other and other != first else label


@cache
def commune_list(language: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(labels, codes) of every commune, sorted for the language; computed once per language."""
    labelled = sorted(
        ((commune_label(c, language), c.code) for c in geo.all_communes().values()), key=lambda p: fold_name(p[0])
    )
    return tuple(label for label, _ in labelled), tuple(code for _, code in labelled)


class CommuneBox(QComboBox):
    """`code()` is the chosen commune (None for none); `value()` is the code, or what was typed if nothing matches.

    The 1,500 communes sit in one string-list model, filled in one call: adding them one by one was slow.
    """

    code_changed = Signal()

    def __init__(self, parent: QWidget | None = None, name: str = "communeBox") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._labels = QStringListModel(self)
        self._codes: tuple[str, ...] = ()
        self._row_of_code: dict[str, int] = {}
        self._row_of_label: dict[str, int] = {}
        self.setModel(self._labels)
        self.setEditable(True)
        self.lineEdit().setObjectName(f"{name}Text")
        with_clear_button(self.lineEdit(), f"{name}Clear")
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(12)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        completer = QCompleter(self._labels, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.popup().setObjectName(f"{name}Completions")
        self.setCompleter(completer)
        self._last: str | None = None
        self.currentIndexChanged.connect(self._check)
        self.editTextChanged.connect(self._check)

    def fill(self) -> None:
        """(Re)list every commune in the window's language; an empty text means no commune (placeholder says which)."""
        code = self.code()
        labels, self._codes = commune_list(i18n.current_language())
        self._row_of_code = {c: row for row, c in enumerate(self._codes)}
        self._row_of_label = {label.casefold(): row for row, label in enumerate(labels)}
        self.blockSignals(True)
        self._labels.setStringList(list(labels))
        self.blockSignals(False)
        self.set_code(code)

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 — Qt's name
        super().setAccessibleName(name)
        self.lineEdit().setAccessibleName(name)

    def set_code(self, code: str | None) -> None:
        index = self._row_of_code.get(code, -1) if code else -1
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText("")
        self._check()

    def code(self) -> str | None:
        text = self.currentText().strip()
        if not text:
            return None
        row = self._row_of_label.get(text.casefold())
        if row is not None:
            return self._codes[row]
        try:  # a code or an exact name typed in full is as good as picked
            code = geo.find_commune(text).code
        except FieldappError:
            return None
        return code if code in self._row_of_code else None

    def value(self) -> str:
        """For the core: the chosen code, else the text as typed (a name or code the core resolves or refuses)."""
        return self.code() or self.currentText().strip()

    def snap(self) -> None:
        """Leaving a filter with a half-typed name: take the commune it names, else none."""
        if self.code() is None and self.currentText().strip():
            try:
                self.set_code(geo.find_commune(self.currentText()).code)
            except FieldappError:
                self.set_code(None)

    def _check(self) -> None:
        code = self.code()
        if code != self._last:
            self._last = code
            self.code_changed.emit()


class MessageBar(QWidget):
    """The form's message line: why the core refused (red) or what to check (amber), and when a CIN is already
    registered, a button that opens that household."""

    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setObjectName("householdFormMessage")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("householdOpenExisting")
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(lambda: self.open_requested.emit(self._household_id))
        layout.addWidget(self.label, 1)
        layout.addWidget(self.open_button)
        self._household_id = ""
        self.show_message("", "")

    def retranslate_ui(self) -> None:
        self.open_button.setText(QCoreApplication.translate("HouseholdForm", "Open the registered household"))
        self.open_button.setAccessibleName(self.open_button.text())

    def show_message(self, text: str, tone: str, household_id: str | None = None) -> None:
        """`tone` is "error" or "warning"; an empty text hides the bar."""
        self.label.setText(text)
        self.label.setAccessibleName(text)
        self.label.setProperty("tone", tone)
        self.label.style().unpolish(self.label)
        self.label.style().polish(self.label)
        self._household_id = household_id or ""
        self.open_button.setVisible(bool(household_id))
        self.setVisible(bool(text))

    def text(self) -> str:
        return self.label.text()

    def tone(self) -> str:
        return self.label.property("tone")


class FlagsBox(QGroupBox):
    """The vulnerability flags as check boxes, two columns."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        self.boxes: dict[str, QCheckBox] = {}
        for number, flag in enumerate(VULNERABILITY_FLAGS):
            box = QCheckBox(self)
            box.setObjectName(f"householdFlag_{flag}")
            grid.addWidget(box, number // 2, number % 2)
            self.boxes[flag] = box

    def retranslate_ui(self) -> None:
        self.setTitle(QCoreApplication.translate("HouseholdForm", "Vulnerabilities"))
        for flag, label in flag_labels().items():
            self.boxes[flag].setText(label)
            self.boxes[flag].setAccessibleName(label)

    def flags(self) -> list[str]:
        return [flag for flag, box in self.boxes.items() if box.isChecked()]

    def set_flags(self, flags: list[str]) -> None:
        for flag, box in self.boxes.items():
            box.setChecked(flag in flags)


class DuplicatesPanel(QGroupBox):
    """Households that look like the one being registered, with "Open this one" and "Register anyway"."""

    open_requested = Signal(str)
    register_anyway_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatePanel")
        self.candidates: list[Candidate] = []
        layout = QVBoxLayout(self)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("duplicateCandidates")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setObjectName("duplicateCandidatesHeader")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumHeight(100)
        self.table.doubleClicked.connect(self._open)
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("duplicateOpen")
        self.open_button.clicked.connect(self._open)
        self.register_button = QPushButton(self)
        self.register_button.setObjectName("duplicateRegisterAnyway")
        self.register_button.setAutoDefault(False)
        self.register_button.clicked.connect(self.register_anyway_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.register_button)
        layout.addWidget(self.hint)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.hide()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Possible duplicates"))
        self.hint.setText(self.tr("These households look like the one you are registering. Is it one of them?"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Name in Arabic"), self.tr("CIN"), self.tr("Phone")]
        )
        self.table.setAccessibleName(self.tr("Households that look similar"))
        self.table.horizontalHeader().setAccessibleName(self.tr("Columns of the similar households"))
        self.open_button.setText(self.tr("&Open this one"))
        self.open_button.setAccessibleName(self.tr("Open this one"))
        self.register_button.setText(self.tr("&Register anyway"))
        self.register_button.setAccessibleName(self.tr("Register anyway"))

    def show_candidates(self, candidates: list[Candidate]) -> None:
        """Show the look-alikes (hide the panel when there are none); the first one is selected."""
        self.candidates = list(candidates)
        self.table.setRowCount(len(candidates))
        for row, candidate in enumerate(candidates):
            values = (candidate.head_name, candidate.head_name_ar, left_to_right(candidate.cin))
            for column, value in enumerate((*values, left_to_right(phone_text(candidate.phone)))):
                self.table.setItem(row, column, QTableWidgetItem(value or ""))
        self.setVisible(bool(candidates))
        if candidates:
            select_row(self.table, 0)
            self.table.setFocus()

    def focus_chain(self) -> list[QWidget]:
        return [self.table, self.open_button, self.register_button]

    def _open(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.candidates):
            self.open_requested.emit(self.candidates[row].id)
