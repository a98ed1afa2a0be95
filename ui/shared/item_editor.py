"""An event's items and their entitlement rules: a table of the items and, under it, the editor of the chosen one."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldappError
from fieldapp.i18n import left_to_right
from fieldapp.models import RULES, VULNERABILITY_FLAGS
from fieldapp.rules import ItemSpec, parse_bands
from fieldapp.views import ItemView
from ui.shared.labels import fill, flag_label
from ui.shared.styles import ERROR_STYLE

COLUMNS = 7  # code, label, Arabic label, quantity, rule, only for, stock
TEXT_KEYS = ("code", "label", "label_ar", "bands", "stock")
BLANK = {"code": "", "label": "", "label_ar": "", "quantity": 1, "rule": RULES[0], "bands": "", "only_flag": None}


def bands_text(bands) -> str:
    """((1, 3, 1), (4, None, 2)) → '1-3/1,4+/2', the way bands are typed."""
    return ",".join(f"{low}+/{qty}" if high is None else f"{low}-{high}/{qty}" for low, high, qty in bands or ())


def item_dict(item: ItemView | None = None) -> dict:
    """An item as the editor holds it (text as typed); a blank one without `item`."""
    if item is None:
        return {**BLANK, "stock": ""}
    return {
        "code": item.code,
        "label": item.label,
        "label_ar": item.label_ar or "",
        "quantity": item.quantity,
        "rule": item.rule,
        "bands": bands_text(item.bands),
        "only_flag": item.only_flag,
        "stock": "" if item.stock is None else str(item.stock),
    }


class ItemsEditor(QGroupBox):
    """Rows change as the fields under the table are typed into; specs() reads them back as ItemSpec."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventItems")
        self._items: list[dict] = []
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, COLUMNS, self)
        self.table.setObjectName("eventItemTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(90)
        self.table.setMaximumHeight(170)  # the editor under it stays in view on a 768-pixel screen
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("eventItemAdd")
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("eventItemRemove")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        self.code, self.label, self.label_ar = (
            self._line("itemCode"),
            self._line("itemLabel"),
            self._line("itemLabelAr"),
        )
        self.code.setMaxLength(40)
        self.quantity = QSpinBox(self)
        self.quantity.setObjectName("itemQuantity")
        self.quantity.setRange(0, 999)
        self.rule = QComboBox(self)
        self.rule.setObjectName("itemRule")
        for rule in RULES:
            self.rule.addItem(rule, rule)
        self.bands = self._line("itemBands")
        self.bands.setPlaceholderText("1-3/1,4-6/2,7+/3")
        self.bands_note = QLabel(self)
        self.bands_note.setObjectName("itemBandsNote")
        self.bands_note.setWordWrap(True)
        self.only_flag = QComboBox(self)
        self.only_flag.setObjectName("itemOnlyFlag")
        self.only_flag.addItem("", None)
        for flag in VULNERABILITY_FLAGS:
            self.only_flag.addItem(flag, flag)
        self.stock = self._line("itemStock")
        self.stock.setValidator(QIntValidator(0, 9_999_999, self.stock))
        for editor in (self.code, self.bands, self.stock, self.quantity):  # codes and numbers read left to right
            editor.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.editors = (self.code, self.quantity, self.label, self.label_ar)
        self.editors += (self.rule, self.bands, self.only_flag, self.stock)
        self.labels = [QLabel(self) for _ in self.editors]
        grid = QGridLayout()
        for position, (label, editor) in enumerate(zip(self.labels, self.editors, strict=True)):
            label.setBuddy(editor)
            grid.addWidget(label, position // 2, (position % 2) * 2)
            grid.addWidget(editor, position // 2, (position % 2) * 2 + 1)
        grid.addWidget(self.bands_note, 4, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(grid)
        self.add_button.clicked.connect(self.add_item)
        self.remove_button.clicked.connect(self.remove_item)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_item(row))
        for editor in (self.code, self.label, self.label_ar, self.bands, self.stock):
            editor.textEdited.connect(self._edited)
        self.quantity.valueChanged.connect(self._edited)
        self.rule.currentIndexChanged.connect(self._edited)
        self.only_flag.currentIndexChanged.connect(self._edited)
        self.retranslate_ui()

    def _line(self, name: str) -> QLineEdit:
        line = QLineEdit(self)
        line.setObjectName(name)
        return line

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Items and entitlement rules"))
        self.table.setAccessibleName(self.tr("Items"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Code"), self.tr("Label"), self.tr("Arabic label"), self.tr("Quantity"), self.tr("Rule")]
            + [self.tr("Only for"), self.tr("Stock")]
        )
        texts = (self.tr("&Code"), self.tr("&Quantity"), self.tr("&Label"), self.tr("&Arabic label"))
        texts += (self.tr("&Rule"), self.tr("Size &bands"), self.tr("&Only for"), self.tr("Stoc&k"))
        for label, text, editor in zip(self.labels, texts, self.editors, strict=True):
            label.setText(text)
            editor.setAccessibleName(text.replace("&", ""))
        for index, rule in enumerate(RULES):
            self.rule.setItemText(index, self.rule_name(rule))
        self.only_flag.setItemText(0, self.tr("every household"))
        for index, flag in enumerate(VULNERABILITY_FLAGS, start=1):
            self.only_flag.setItemText(index, flag_label(flag))
        self.stock.setPlaceholderText(self.tr("not counted"))
        for button, text in ((self.add_button, self.tr("A&dd item")), (self.remove_button, self.tr("Remove ite&m"))):
            button.setText(text)
            button.setAccessibleName(text.replace("&", ""))
        self._show_bands_note()
        for row in range(len(self._items)):
            self._show_row(row)

    def rule_name(self, rule: str) -> str:
        return {
            "per_household": self.tr("per household"),
            "per_member": self.tr("per member"),
            "size_bands": self.tr("by household size"),
        }.get(rule, rule)

    def set_items(self, items: list[dict]) -> None:
        self._items = items
        self.table.setRowCount(len(items))
        for row in range(len(items)):
            self._show_row(row)
        self.table.setCurrentCell(0 if items else -1, 0)
        self._show_item(self.table.currentRow())

    def specs(self) -> list[ItemSpec]:
        """The items as typed, checked as far as the form can (the services check the rest); raises ValueError."""
        specs = []
        for number, item in enumerate(self._items, start=1):
            code, label, stock = item["code"].strip().upper(), item["label"].strip(), item["stock"].strip()
            if not code or not label:
                raise ValueError(fill(self.tr("Item %1 needs a code and a label."), str(number)))
            if stock and not stock.isdigit():
                raise ValueError(fill(self.tr("Item %1: the stock is a whole number."), code))
            bands = None
            if item["rule"] == "size_bands":
                if not item["bands"].strip():
                    raise ValueError(fill(self.tr("Item %1: give the size bands (1-3/1,4-6/2,7+/3)."), code))
                bands = parse_bands(item["bands"])  # BadData with the rule's message
            specs.append(
                ItemSpec(
                    code=code,
                    label=label,
                    quantity=item["quantity"],
                    rule=item["rule"],
                    bands=bands,
                    only_flag=item["only_flag"],
                    label_ar=item["label_ar"].strip() or None,
                    stock=int(stock) if stock else None,
                )
            )
        return specs

    def add_item(self) -> None:
        self._items.append(item_dict())
        row = len(self._items) - 1
        self.table.insertRow(row)
        self._show_row(row)
        self.table.setCurrentCell(row, 0)
        self.code.setFocus()

    def remove_item(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._items):
            del self._items[row]
            self.table.removeRow(row)
            self._show_item(self.table.currentRow())

    def _show_item(self, row: int) -> None:
        """Fill the editor from the chosen row (or empty and disable it when there is none)."""
        item = self._items[row] if 0 <= row < len(self._items) else None
        shown = item or item_dict()
        for editor in self.editors:
            editor.blockSignals(True)
            editor.setEnabled(item is not None)
        for editor, key in self._texts():
            editor.setText(shown[key])
        self.quantity.setValue(shown["quantity"])
        self.rule.setCurrentIndex(max(self.rule.findData(shown["rule"]), 0))
        self.only_flag.setCurrentIndex(max(self.only_flag.findData(shown["only_flag"]), 0))
        for editor in self.editors:
            editor.blockSignals(False)
        self.remove_button.setEnabled(item is not None)
        self._show_bands_note()

    def _texts(self) -> tuple[tuple[QLineEdit, str], ...]:
        pairs = zip((self.code, self.label, self.label_ar, self.bands, self.stock), TEXT_KEYS, strict=True)
        return tuple(pairs)

    def _edited(self, *_args) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self._items):
            return
        self._items[row].update({key: editor.text() for editor, key in self._texts()})
        self._items[row].update(
            quantity=self.quantity.value(), rule=self.rule.currentData(), only_flag=self.only_flag.currentData()
        )
        self._show_row(row)
        self._show_bands_note()

    def _show_row(self, row: int) -> None:
        item = self._items[row]
        quantity = left_to_right(item["bands"]) if item["rule"] == "size_bands" else str(item["quantity"])
        only = flag_label(item["only_flag"]) if item["only_flag"] else ""
        cells = (item["code"].upper(), item["label"], item["label_ar"], quantity, self.rule_name(item["rule"]))
        for column, text in enumerate((*cells, only, item["stock"])):
            self.table.setItem(row, column, QTableWidgetItem(text))

    def _show_bands_note(self) -> None:
        """Bands count only for the size rule: say what the typed bands mean, or why they cannot be read."""
        by_size = self.rule.currentData() == "size_bands" and self.rule.isEnabled()
        self.bands.setEnabled(by_size)
        self.quantity.setEnabled(not by_size and self.rule.isEnabled())
        self.bands_note.setStyleSheet("")
        if not by_size or not self.bands.text().strip():
            self.bands_note.setText(self.tr("household size/quantity, e.g. 1-3/1,4-6/2,7+/3") if by_size else "")
            return
        try:
            bands = parse_bands(self.bands.text())
        except FieldappError as error:
            self.bands_note.setStyleSheet(ERROR_STYLE)
            self.bands_note.setText(error.message())
            return
        parts = []
        for low, high, qty in bands:
            people = f"{low}+" if high is None else (f"{low}" if low == high else f"{low}–{high}")
            parts.append(fill(self.tr("%1 people: %2"), people, str(qty)))
        self.bands_note.setText(" · ".join(parts))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 — Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
