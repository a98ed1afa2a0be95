"""Households: search as you type over every household, filters for the list, and the household form."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from fieldapp.permissions import Action
from fieldapp.services import events, households
from fieldapp.services.export import export_records
from fieldapp.views import EventView, HouseholdView
from ui.households.cards import CardPrinting
from ui.households.form import HouseholdForm
from ui.households.model import HouseholdQuery, HouseholdTableModel
from ui.households.widgets import CommuneBox, chosen, with_clear_button
from ui.importing.entry import ImportEntry
from ui.shared.labels import fill, flag_labels
from ui.shared.long_task import LongTask
from ui.shared.table_view import rows_table, select_row
from ui.shell.page import Page

SEARCH_DELAY_MS = 40  # coalesces a scanner's burst; stale answers are dropped and one search runs at a time
# Fixed widths (in average characters) keep columns still while results change under the person's eyes.
COLUMN_CHARS = {"cin": 11, "phone": 15, "commune": 16, "douar": 16}
EXPORT_FORMATS = {".xlsx": "xlsx", ".csv": "csv", ".json": "json"}


class HouseholdsPage(Page):
    watches = frozenset({"households", "distributions", "events"})

    def setup_ui(self) -> None:
        self.form: HouseholdForm | None = None
        self._count: int | None = None
        self._loaded_once = False
        self._select_id: str | None = None  # select this household when the rows arrive (just saved)
        self._enter_pending = False  # Enter pressed in the search before its results arrived
        self._events: list[EventView] = []

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("householdSearch")
        with_clear_button(self.search, "householdSearchClear")
        self.search.installEventFilter(self)
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("householdNew")
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("householdExport")
        self.export_task: LongTask | None = None
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.export_button)
        self.importing = ImportEntry(self.ctx, self)
        top.addWidget(self.importing.button)
        layout.addLayout(top)

        filters = QHBoxLayout()
        self.commune_filter = CommuneBox(self, "householdCommuneFilter")
        self.flag_filter = QComboBox(self)
        self.flag_filter.setObjectName("householdFlagFilter")
        self.event_filter = QComboBox(self)
        self.event_filter.setObjectName("householdEventFilter")
        self.event_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.event_filter.setMinimumContentsLength(16)
        self.served_filter = QComboBox(self)
        self.served_filter.setObjectName("householdServedFilter")
        # The register of families whose consent is still to be collected (law 09-08).
        self.without_consent_filter = QCheckBox(self)
        self.without_consent_filter.setObjectName("householdWithoutConsentFilter")
        self.clear_filters = QPushButton(self)
        self.clear_filters.setObjectName("householdClearFilters")
        for widget, stretch in ((self.commune_filter, 2), (self.flag_filter, 1), (self.event_filter, 2)):
            filters.addWidget(widget, stretch)
        filters.addWidget(self.served_filter, 1)
        filters.addWidget(self.without_consent_filter)
        filters.addWidget(self.clear_filters)
        layout.addLayout(filters)

        status = QHBoxLayout()
        self.summary = QLabel(self)
        self.summary.setObjectName("householdCount")
        self.results = QLabel(self)
        self.results.setObjectName("householdResults")
        status.addWidget(self.summary)
        status.addStretch(1)
        status.addWidget(self.results)
        layout.addLayout(status)

        self.model = HouseholdTableModel(self.ctx.db, self.ctx.tasks, self)
        self.table = rows_table(self, "householdTable", self.model)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # cards for several families
        self.cards = CardPrinting(self.ctx, self, self.selected_ids, self.show_error)
        top.addWidget(self.cards.button)
        self.table.setAlternatingRowColors(True)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # one height for all: no measuring of new rows
        rows.setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setObjectName("householdTableHeader")
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # widths set here, not measured on 150,000 rows
        header.setStretchLastSection(False)
        for column, name in enumerate(self.model.COLUMNS):
            if name in COLUMN_CHARS:
                header.resizeSection(column, self.fontMetrics().averageCharWidth() * COLUMN_CHARS[name] + 16)
            elif name == "size":  # digits only: as wide as its header
                header.resizeSection(column, header.sectionSizeHint(column))
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.export_status = QLabel(self)
        self.export_status.setObjectName("householdExportStatus")
        self.export_status.setWordWrap(True)
        layout.addWidget(self.export_status)
        layout.addWidget(self.cards.status)

        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(SEARCH_DELAY_MS)
        self.debounce.timeout.connect(self.apply_query)
        self.search.textChanged.connect(self.debounce.start)
        self.search.returnPressed.connect(self._on_search_enter)
        self.commune_filter.code_changed.connect(self.apply_query)
        self.commune_filter.lineEdit().editingFinished.connect(self.commune_filter.snap)
        for combo in (self.flag_filter, self.event_filter, self.served_filter):
            combo.currentIndexChanged.connect(self.apply_query)
        self.without_consent_filter.toggled.connect(self.apply_query)
        self.clear_filters.clicked.connect(self.reset_filters)
        self.new_button.clicked.connect(lambda: self.open_form(None))
        self.export_button.clicked.connect(self.choose_export_file)
        self.table.activated.connect(self._open_index)
        self.model.loaded.connect(self._on_loaded)
        self.model.failed.connect(self._on_failed)
        self.model.modelReset.connect(self._show_results)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=lambda: self.open_form(None))
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, activated=self._focus_search)
        chain = (
            self.search,
            self.new_button,
            self.export_button,
            self.importing.button,
            self.cards.button,
            self.commune_filter,
            self.flag_filter,
        )
        chain += (self.event_filter, self.served_filter, self.without_consent_filter, self.clear_filters, self.table)
        for first, second in zip(chain, chain[1:], strict=False):
            self.setTabOrder(first, second)

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(self.tr("Search a household: name, CIN, phone, receipt…"))
        self.search.setAccessibleName(self.tr("Search households"))
        self.new_button.setText(self.tr("New household"))
        self.new_button.setAccessibleName(self.tr("New household"))
        self.new_button.setToolTip(self.tr("Register a new household (Ctrl+N)"))
        self.export_button.setText(self.tr("Export…"))
        self.export_button.setAccessibleName(self.tr("Export households"))
        self.export_button.setToolTip(
            self.tr("Save the households the list shows (search and filters) to an Excel, CSV or JSON file")
        )
        self.commune_filter.fill()
        self.commune_filter.lineEdit().setPlaceholderText(self.tr("All communes"))
        self.commune_filter.setAccessibleName(self.tr("Only households of this commune"))
        self.commune_filter.setToolTip(self.tr("Type a few letters of the commune"))
        self._fill(self.flag_filter, [("", self.tr("All vulnerabilities")), *flag_labels().items()])
        self.flag_filter.setAccessibleName(self.tr("Only households with this vulnerability"))
        self._fill_events()
        self.event_filter.setAccessibleName(self.tr("Event for the served filter"))
        self._fill(
            self.served_filter, [("not_served", self.tr("Not yet served")), ("served", self.tr("Already served"))]
        )
        self.served_filter.setAccessibleName(self.tr("Served or not yet served at the event"))
        self.without_consent_filter.setText(self.tr("Without consent"))
        self.without_consent_filter.setAccessibleName(self.tr("Only households whose consent is still to be collected"))
        self.without_consent_filter.setToolTip(self.tr("Families registered without consent: to be collected"))
        self.clear_filters.setText(self.tr("Clear filters"))
        self.clear_filters.setAccessibleName(self.tr("Clear filters"))
        self.table.setAccessibleName(self.tr("Households"))
        self.table.horizontalHeader().setAccessibleName(self.tr("Columns of the household list"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.model.COLUMNS) - 1)
        if self.model.rowCount():  # the commune column is in the window's language
            last = self.model.index(self.model.rowCount() - 1, len(self.model.COLUMNS) - 1)
            self.model.dataChanged.emit(self.model.index(0, 0), last)
        self._show_count()
        self._show_results()

    @staticmethod
    def _fill(combo: QComboBox, entries: list[tuple[object, str]]) -> None:
        """Replace a combo's entries, keeping the chosen one (a language change must not change the filter)."""
        current = combo.currentData() if combo.currentIndex() >= 0 else None
        combo.blockSignals(True)
        combo.clear()
        for data, label in entries:
            combo.addItem(label, data)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.blockSignals(False)

    def _fill_events(self) -> None:
        entries: list[tuple[object, str]] = [("", self.tr("No event filter"))]
        entries += [(e.id, f"{e.name} ({e.starts_on.isoformat()})") for e in self._events]
        self._fill(self.event_filter, entries)
        self.served_filter.setEnabled(chosen(self.event_filter) is not None)

    # -- what the table shows ----------------------------------------------------------------------------------------

    def current_query(self) -> HouseholdQuery:
        return HouseholdQuery(
            text=self.search.text().strip(),
            commune=self.commune_filter.code(),
            flag=chosen(self.flag_filter),
            event=chosen(self.event_filter),
            served=chosen(self.served_filter) == "served",
            without_consent=self.without_consent_filter.isChecked(),
        )

    def apply_query(self) -> None:
        """Ask the model for what the search box and filters say now (no-op if it already shows that)."""
        self.debounce.stop()
        self.served_filter.setEnabled(chosen(self.event_filter) is not None)
        query = self.current_query()
        if query != self.model.query or not self._loaded_once:
            self._loaded_once = True
            self.model.set_query(query)
        self._show_results()

    def reset_filters(self) -> None:
        for combo in (self.flag_filter, self.event_filter, self.served_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        for widget in (self.commune_filter, self.without_consent_filter):
            widget.blockSignals(True)
        self.commune_filter.set_code(None)
        self.without_consent_filter.setChecked(False)
        for widget in (self.commune_filter, self.without_consent_filter):
            widget.blockSignals(False)
        self.apply_query()

    def apply_role(self) -> None:
        self.export_button.setVisible(self.ctx.may(Action.EXPORT))
        self.new_button.setVisible(self.ctx.may(Action.REGISTER))
        self.cards.button.setVisible(self.ctx.may(Action.PRINT))
        self.importing.apply_role()

    def refresh(self) -> None:
        """Shown, or what it shows changed: reload the rows, the total and the events (all in the background)."""
        if self._loaded_once:
            self.model.reload()
        else:
            self.apply_query()
        self.ctx.tasks.run(lambda: households.count_households(self.ctx.db), on_done=self._on_count)
        self.cards.refresh_count()
        self.ctx.tasks.run(lambda: events.list_events(self.ctx.db), on_done=self._on_events)

    def on_changed(self, kinds: frozenset[str]) -> None:
        # A hidden page waits: the main window calls refresh() when it is shown again.
        if self.isVisible():
            self.refresh()

    def _on_count(self, count: int) -> None:
        self._count = count
        self._show_count()

    def _on_events(self, found: list[EventView]) -> None:
        chosen_before = chosen(self.event_filter)
        self._events = found
        self._fill_events()
        if chosen(self.event_filter) != chosen_before:  # the chosen event is gone
            self.apply_query()

    def _show_count(self) -> None:
        if self._count is not None:
            self.summary.setText(self.tr("%n household(s) registered", "", self._count))

    def _show_results(self) -> None:
        query, shown = self.model.query, self.model.rowCount()
        if self.model.loading:
            text = self.tr("Searching…")
        elif shown == 0 and query.searching:
            text = self.tr("No household matches this search. Ctrl+N registers a new one.")
        elif shown == 0:
            text = self.tr("No household matches these filters.")
        elif self.model.canFetchMore():
            text = self.tr("%n household(s) shown, scroll for more", "", shown)
        else:
            text = self.tr("%n household(s) shown", "", shown)
        if query.searching and self.current_query().filtered:
            text += " " + self.tr("(filters apply to the list, not to a search)")
        self.results.setText(text)

    def _on_loaded(self) -> None:
        self._show_results()
        if self._select_id is not None:
            row = self.model.row_of(self._select_id)
            if row is not None:
                self._select_id = None
                select_row(self.table, row)
        if self._enter_pending and not self.model.loading:
            self._enter_pending = False
            self._enter_results()

    def _on_failed(self, error: BaseException) -> None:
        self._enter_pending = False
        self._show_results()
        self.show_error(error)

    # -- keyboard ----------------------------------------------------------------------------------------------------

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _on_search_enter(self) -> None:
        """Enter (a scanner ends with it): one result opens, several go to the table."""
        self.apply_query()
        if self.model.loading:
            self._enter_pending = True
        else:
            self._enter_results()

    def _enter_results(self) -> None:
        if self.model.rowCount() == 1 and self.model.query.searching:
            self._open_index(self.model.index(0, 0))
        elif self.model.rowCount():
            self.table.setFocus()
            select_row(self.table, 0)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 — Qt's name
        down = event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down
        if watched is self.search and down and self.model.rowCount():
            self.table.setFocus()
            select_row(self.table, max(self.table.currentIndex().row(), 0))
            return True
        return super().eventFilter(watched, event)

    # -- the form ----------------------------------------------------------------------------------------------------

    def selected_ids(self) -> list[str]:
        """The households of the selected rows, top to bottom."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        found = (self.model.household_at(row) for row in rows)
        return [household.id for household in found if household is not None]

    def _open_index(self, index: QModelIndex) -> None:
        household = self.model.household_at(index.row())
        if household is not None:
            self.open_household(household.id)

    def open_household(self, household_id: str) -> None:
        """Load the household with its members (in the background), then show it in the form."""
        self.ctx.tasks.run(
            lambda: households.get_household(self.ctx.db, household_id),
            on_done=self.open_form,
            on_error=self.show_error,
        )

    def open_form(self, household: HouseholdView | None) -> HouseholdForm:
        """The form for `household`, or for a new one; only one form at a time."""
        if self.form is not None:
            self.form.raise_()
            self.form.activateWindow()
            return self.form
        form = HouseholdForm(self.ctx, household, self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(lambda view: setattr(self, "_select_id", view.id))
        form.finished.connect(self._on_form_closed)
        self.form = form
        form.open()
        return form

    def _on_form_closed(self) -> None:
        self.form = None
        (self.table if self.table.currentIndex().isValid() else self.search).setFocus()

    # -- export ------------------------------------------------------------------------------------------------------

    def choose_export_file(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / (self.tr("households") + ".xlsx"))
        filters = self.tr("Excel (*.xlsx);;CSV for Excel (*.csv);;JSON (*.json)")
        path, chosen_filter = QFileDialog.getSaveFileName(self, self.tr("Export households"), suggested, filters)
        if path and Path(path).suffix.lower() not in EXPORT_FORMATS:
            path += next((suffix for suffix in EXPORT_FORMATS if f"*{suffix}" in chosen_filter), ".xlsx")
        if path:
            self.export_households(path)

    def export_households(self, path: str) -> LongTask:
        """The households the list shows (its search, or its filters) to `path`, as XLSX, JSON or CSV by its
        extension (CSV when it has none of these), in the background; Cancel leaves no file."""
        fmt = EXPORT_FORMATS.get(Path(path).suffix.lower(), "csv")
        query = self.current_query()
        shown = query if query.searching or query.filtered else None
        if self.export_task is not None and not self.export_task.running:
            self.export_task.deleteLater()  # the window of the previous export
        self.export_task = LongTask(
            self, self.ctx.tasks, self.tr("Export households"), self.tr("Exporting households…")
        )
        self.export_status.clear()
        db = self.ctx.db
        self.export_task.write_file(
            path,
            lambda temp, progress: export_records(
                db, "households", fmt, temp, households=shown, progress=progress.report
            ),
            on_done=lambda outcome: self._exported(path, outcome.value),
            on_error=self.show_error,
        )
        return self.export_task

    def _exported(self, path: str, count: int) -> None:
        self.export_status.setText(fill(self.tr("%n household(s) exported to %1.", "", count), path))
