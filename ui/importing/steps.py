"""The wizard's first two steps as widgets: the file and its sheet, then each column's field with a preview."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldapp.importing.mapping import FIELDS, field_label
from fieldapp.importing.table import Table
from ui.importing.models import PreviewModel, column_name
from ui.shared.labels import fill, paragraph
from ui.shared.styles import ERROR_STYLE
from ui.shared.table_view import rows_table

MAPPING_COLUMNS = 3  # (column, field) pairs side by side


def label_for(parent: QWidget, name: str, wrap: bool = True) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    return label


def _message(parent: QWidget, name: str) -> QLabel:
    """A red sentence under the step: why the file cannot be read, why the check refused the mapping."""
    label = label_for(parent, name)
    label.setStyleSheet(ERROR_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def say(label: QLabel, text: str) -> None:
    """Show `text` (hide the label when empty); a sentence starting with a Latin name still reads right-to-left."""
    text = paragraph(text)
    label.setText(text)
    label.setAccessibleName(text)
    label.setVisible(bool(text))


class Step(QWidget):
    """A step retranslates itself on a change of language."""

    def retranslate_ui(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 — Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class FileStep(Step):
    """Which file, which of its sheets; the template to start from."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.intro = label_for(self, "importFileIntro")
        row = QHBoxLayout()
        self.path = QLineEdit(self)
        self.path.setObjectName("importFilePath")
        self.path.setReadOnly(True)
        self.browse_button = QPushButton(self)
        self.browse_button.setObjectName("importChooseFile")
        row.addWidget(self.path, 1)
        row.addWidget(self.browse_button)
        sheet_row = QHBoxLayout()
        self.sheet_label = label_for(self, "importSheetLabel", wrap=False)
        self.sheet = QComboBox(self)
        self.sheet.setObjectName("importSheet")
        self.sheet.setMinimumContentsLength(20)
        self.sheet_label.setBuddy(self.sheet)
        sheet_row.addWidget(self.sheet_label)
        sheet_row.addWidget(self.sheet, 1)
        sheet_row.addStretch(1)
        self.read_info = label_for(self, "importReadInfo")
        self.message = _message(self, "importFileMessage")
        self.template_text = label_for(self, "importTemplateText")
        template_row = QHBoxLayout()
        self.template_button = QPushButton(self)
        self.template_button.setObjectName("importTemplate")
        template_row.addWidget(self.template_button)
        template_row.addStretch(1)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addLayout(sheet_row)
        layout.addWidget(self.read_info)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.template_text)
        layout.addLayout(template_row)
        self.table: Table | None = None
        self.show_sheets([])
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.intro.setText(
            self.tr(
                "Choose the households list to import: a CSV file or an Excel workbook (.xlsx, .xls). Nothing is"
                " written before you have seen the report of every row."
            )
        )
        self.path.setPlaceholderText(self.tr("No file chosen"))
        self.path.setAccessibleName(self.tr("File to import"))
        self.browse_button.setText(self.tr("Choose a file…"))
        self.browse_button.setAccessibleName(self.tr("Choose the file to import"))
        self.sheet_label.setText(self.tr("&Sheet:"))
        self.sheet.setAccessibleName(self.tr("Sheet of the workbook holding the list"))
        self.template_text.setText(
            self.tr(
                "No list yet, or a list hard to read? Start from the template: one column per field, headers in"
                " French and Arabic, and an instructions sheet."
            )
        )
        self.template_button.setText(self.tr("Download the template…"))
        self.template_button.setAccessibleName(self.tr("Save the template of a households list"))
        self.show_read(self.table)

    def show_sheets(self, sheets: list[str] | tuple[str, ...], current: str | None = None) -> None:
        """The sheet combo, shown only when the workbook has several sheets."""
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItems(list(sheets))
        if current is not None:
            self.sheet.setCurrentText(current)
        self.sheet.blockSignals(False)
        several = len(sheets) > 1
        self.sheet.setVisible(several)
        self.sheet_label.setVisible(several)

    def show_read(self, table: Table | None) -> None:
        self.table = table
        if table is None:
            self.read_info.clear()
            return
        text = self.tr("Headers found on row %1; %n row(s) of data.", "", len(table.rows))
        self.read_info.setText(fill(text, table.header_row))


class MappingStep(Step):
    """One choice per column of the file (a field, or left out), and the first rows as they will be read."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.intro = label_for(self, "importMappingIntro")
        self.area = QScrollArea(self)
        self.area.setObjectName("importMappingArea")
        self.area.setWidgetResizable(True)
        self.grid_widget = QWidget(self.area)
        self.grid = QGridLayout(self.grid_widget)
        self.area.setWidget(self.grid_widget)
        self.preview_title = label_for(self, "importPreviewTitle")
        self.preview = PreviewModel(self)
        self.preview_table = rows_table(self, "importPreview", self.preview)
        self.preview_table.verticalHeader().setVisible(True)
        header = self.preview_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.message = _message(self, "importMappingMessage")
        layout.addWidget(self.intro)
        layout.addWidget(self.area)
        layout.addWidget(self.preview_title)
        layout.addWidget(self.preview_table, 1)
        layout.addWidget(self.message)
        self.table: Table | None = None
        self.labels: list[QLabel] = []
        self.combos: list[QComboBox] = []
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.intro.setText(
            self.tr(
                "Which field does each column hold? The columns recognised are already chosen; choose “Ignore” to"
                " leave a column out. Your choices are remembered for the next list."
            )
        )
        self.preview_title.setText(self.tr("The first rows, under the field they go to:"))
        self.preview_table.setAccessibleName(self.tr("Preview of the first rows"))
        self.preview.ignored_text = self.tr("(ignored)")
        mapping = self.mapping()
        for index, combo in enumerate(self.combos):
            self._fill(combo, mapping.get(index))
            combo.setAccessibleName(fill(self.tr("Field of column %1"), self.labels[index].text()))
        self.preview.retranslate()

    def _fill(self, combo: QComboBox, field: str | None) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("Ignore"), None)
        for name in FIELDS:
            combo.addItem(field_label(name), name)
        combo.setCurrentIndex(max(combo.findData(field), 0) if field else 0)
        combo.blockSignals(False)

    def show_table(self, table: Table, mapping: dict[int, str]) -> None:
        """One row of choice per column, `mapping` (guessed or remembered) chosen."""
        self.table = table
        for widget in [*self.labels, *self.combos]:
            self.grid.removeWidget(widget)
            widget.deleteLater()
        self.labels, self.combos = [], []
        for index, (letter, header) in enumerate(zip(table.columns, table.headers, strict=True)):
            label = QLabel(column_name(letter, header), self.grid_widget)
            label.setObjectName(f"importColumn{letter}")
            label.setToolTip(header)
            label.setMaximumWidth(260)
            combo = QComboBox(self.grid_widget)
            combo.setObjectName(f"importField{letter}")
            label.setBuddy(combo)
            self._fill(combo, mapping.get(index))
            combo.currentIndexChanged.connect(lambda _, i=index: self._chosen(i))
            row, pair = divmod(index, MAPPING_COLUMNS)
            self.grid.addWidget(label, row, pair * 2)
            self.grid.addWidget(combo, row, pair * 2 + 1)
            self.labels.append(label)
            self.combos.append(combo)
        for pair in range(MAPPING_COLUMNS):
            self.grid.setColumnStretch(pair * 2 + 1, 1)
        self.preview.show_table(table, mapping)
        self.retranslate_ui()
        self._fit()

    def _fit(self) -> None:
        """The choices as tall as they need (at most half the step), the preview's columns as wide as their text."""
        rows = -(-len(self.combos) // MAPPING_COLUMNS)
        if rows:
            margins = self.grid.contentsMargins()
            row_height = max(self.combos[0].sizeHint().height(), self.labels[0].sizeHint().height())
            needed = rows * (row_height + self.grid.verticalSpacing()) + margins.top() + margins.bottom()
            self.area.setFixedHeight(min(needed + 2 * self.area.frameWidth(), max(self.height() // 2, 180)))
        self.preview_table.resizeColumnsToContents()
        header = self.preview_table.horizontalHeader()
        widest = self.fontMetrics().averageCharWidth() * 30
        for column in range(self.preview.columnCount()):
            header.resizeSection(column, min(max(header.sectionSize(column), 60), widest))

    def showEvent(self, event) -> None:  # noqa: N802 — Qt's name
        super().showEvent(event)
        if self.combos:
            self._fit()

    def mapping(self) -> dict[int, str]:
        """Column index → field, as chosen now."""
        return {index: combo.currentData() for index, combo in enumerate(self.combos) if combo.currentData()}

    def choose(self, index: int, field: str | None) -> None:
        """Set column `index` to `field` (None: ignore it), as picking it in the combo does."""
        combo = self.combos[index]
        combo.setCurrentIndex(max(combo.findData(field), 0) if field else 0)

    def _chosen(self, index: int) -> None:
        """A field goes to one column: the column that had it before is left out."""
        field = self.combos[index].currentData()
        if field:
            for other, combo in enumerate(self.combos):
                if other != index and combo.currentData() == field:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
        self.preview.set_mapping(self.mapping())
        say(self.message, "")
        self.changed.emit()
