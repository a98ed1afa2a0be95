"""Sheets: print an event's sign-off sheet, and reconcile a signed one by scanning its row codes or ticking rows."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.i18n import left_to_right
from fieldapp.normalize import fold_name
from fieldapp.services import events
from fieldapp.services.reconcile import ReconcileResult, reconcile
from fieldapp.services.sheets import SORTS, signoff_document, write_signoff_sheet
from ui.events.form import EventChooser
from ui.shared.labels import fill
from ui.shared.long_task import LongTask, suggested_pdf
from ui.shell.operations import run_operation
from ui.shell.page import Page

CodeRole = Qt.ItemDataRole.UserRole + 1
SearchRole = Qt.ItemDataRole.UserRole + 2


class SheetsPage(Page):
    watches = frozenset({"events", "households", "distributions", "settings"})

    def setup_ui(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.event_label = QLabel(self)
        self.event = EventChooser(self, "sheetsEvent")
        self.event_label.setBuddy(self.event)
        top.addWidget(self.event_label)
        top.addWidget(self.event, 1)
        self.print_box = QGroupBox(self)
        printing = QHBoxLayout(self.print_box)
        self.sort_label = QLabel(self.print_box)
        self.sort = QComboBox(self.print_box)
        self.sort.setObjectName("sheetsSort")
        for sort in SORTS:
            self.sort.addItem(sort, sort)
        self.sort_label.setBuddy(self.sort)
        self.print_button = self._button("sheetsPrint", self.print_box)
        printing.addWidget(self.sort_label)
        printing.addWidget(self.sort)
        printing.addWidget(self.print_button)
        printing.addStretch(1)
        self.print_status = QLabel(self)
        self.print_status.setObjectName("sheetsPrintStatus")
        self.print_status.setWordWrap(True)
        self.print_status.setTextFormat(Qt.TextFormat.RichText)
        self.print_status.setOpenExternalLinks(True)
        self.print_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.reconcile_box = QGroupBox(self)
        grid = QGridLayout(self.reconcile_box)
        self.scan_label = QLabel(self.reconcile_box)
        self.scan = QLineEdit(self.reconcile_box)
        self.scan.setObjectName("sheetsScan")
        self.scan_label.setBuddy(self.scan)
        self.scanned = self._list("sheetsScanned", self.reconcile_box)
        self.remove_scan_button = self._button("sheetsScanRemove", self.reconcile_box)
        self.checklist_label = QLabel(self.reconcile_box)
        self.filter = QLineEdit(self.reconcile_box)
        self.filter.setObjectName("sheetsChecklistFilter")
        self.filter.setClearButtonEnabled(True)
        self.checklist_label.setBuddy(self.filter)
        self.checklist = self._list("sheetsChecklist", self.reconcile_box)
        self.count = QLabel(self.reconcile_box)
        self.count.setObjectName("sheetsCount")
        self.reconcile_button = self._button("sheetsReconcile", self.reconcile_box)
        scan_side, tick_side = QVBoxLayout(), QVBoxLayout()
        for widget in (self.scan_label, self.scan, self.scanned, self.remove_scan_button):
            scan_side.addWidget(widget, 1 if widget is self.scanned else 0)
        for widget in (self.checklist_label, self.filter, self.checklist):
            tick_side.addWidget(widget, 1 if widget is self.checklist else 0)
        grid.addLayout(scan_side, 0, 0)
        grid.addLayout(tick_side, 0, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.reconcile_button)
        grid.addLayout(bottom, 1, 0, 1, 2)
        self.result_summary = QLabel(self.reconcile_box)
        self.result_summary.setObjectName("sheetsResultSummary")
        self.result_summary.setWordWrap(True)
        self.result = self._list("sheetsResult", self.reconcile_box)
        self.result.setMaximumHeight(130)
        grid.addWidget(self.result_summary, 2, 0, 1, 2)
        grid.addWidget(self.result, 3, 0, 1, 2)
        layout.addLayout(top)
        layout.addWidget(self.print_box)
        layout.addWidget(self.print_status)
        layout.addWidget(self.reconcile_box, 1)
        self.event.currentIndexChanged.connect(lambda _index: self.load_checklist())
        self.sort.currentIndexChanged.connect(lambda _index: self.load_checklist())  # numbers as on the printed sheet
        self.print_button.clicked.connect(self.choose_signoff_file)
        self.scan.returnPressed.connect(self.add_scanned)
        self.remove_scan_button.clicked.connect(self.remove_scanned)
        self.filter.textChanged.connect(self._filter_checklist)
        self.checklist.itemChanged.connect(lambda _item: self._show_count())
        self.reconcile_button.clicked.connect(self.reconcile)
        self.print_task: LongTask | None = None
        self.reconciling = False
        self.last_result: ReconcileResult | None = None
        self._names: dict[str, str] = {}  # row code → name, to show who a scanned code is
        self._request = 0
        self._update_buttons()
        self.refresh()

    def _button(self, name: str, parent: QWidget) -> QPushButton:
        button = QPushButton(parent)
        button.setObjectName(name)
        return button

    def _list(self, name: str, parent: QWidget) -> QListWidget:
        widget = QListWidget(parent)
        widget.setObjectName(name)
        widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        return widget

    def retranslate_ui(self) -> None:
        self.event_label.setText(self.tr("&Event"))
        self.event.setAccessibleName(self.tr("Event"))
        self.print_box.setTitle(self.tr("Sign-off sheet"))
        self.sort_label.setText(self.tr("&Order"))
        self.sort.setAccessibleName(self.tr("Order of the rows"))
        self.sort.setItemText(0, self.tr("by name"))
        self.sort.setItemText(1, self.tr("by douar, then name"))
        self.reconcile_box.setTitle(self.tr("Reconcile a signed sheet"))
        self.scan_label.setText(self.tr("&Scan the code of each signed row"))
        self.scan.setAccessibleName(self.tr("Scanned code"))
        self.scan.setPlaceholderText("FAS1:…")
        self.scanned.setAccessibleName(self.tr("Scanned codes"))
        self.checklist_label.setText(self.tr("…or &tick the signed rows"))
        self.filter.setAccessibleName(self.tr("Find a row"))
        self.filter.setPlaceholderText(self.tr("Find a name or a douar"))
        self.checklist.setAccessibleName(self.tr("Households expected at the event"))
        self.result.setAccessibleName(self.tr("Reconciliation result"))
        for button, text in (
            (self.print_button, self.tr("&Print the sign-off sheet…")),
            (self.remove_scan_button, self.tr("Remove the chosen &code")),
            (self.reconcile_button, self.tr("&Reconcile")),
        ):
            button.setText(text)
            button.setAccessibleName(text.replace("&", ""))
        self._show_count()

    # --- loading ----------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.ctx.tasks.run(lambda: events.list_events(self.ctx.db), on_done=self._show_events, on_error=self.show_error)

    def _show_events(self, rows) -> None:
        self.event.set_events(rows)
        self.load_checklist()  # also after a distribution anywhere: who is served changed

    def load_checklist(self) -> None:
        """The households expected at the chosen event, numbered as on its sheet; those already served are greyed."""
        self._request += 1
        request, event_id, sort = self._request, self.event.event_id(), self.sort.currentData()
        self._update_buttons()
        if event_id is None:
            self.checklist.clear()
            return
        db = self.ctx.db
        self.ctx.tasks.run(
            lambda: signoff_document(db, event_id, sort).rows,
            on_done=lambda rows: self._show_checklist(request, rows),
            on_error=self.show_error,
        )

    def _show_checklist(self, request: int, rows) -> None:
        if request != self._request:
            return
        ticked = set(self.ticked_codes())
        self.checklist.blockSignals(True)
        self.checklist.clear()
        self._names = {}
        numbered = sorted(enumerate(rows, start=1), key=lambda pair: bool(pair[1].receipt))  # still to tick first
        for number, row in numbered:  # numbered as on the printed sheet
            name = " — ".join(filter(None, (row.name, row.name_ar)))
            self._names[row.qr_text] = name
            text = f"{left_to_right(f'{number}.')} {name}" + (f" · {row.douar}" if row.douar else "")
            item = QListWidgetItem(text, self.checklist)
            item.setData(CodeRole, row.qr_text)
            item.setData(SearchRole, fold_name(f"{row.name} {row.name_ar or ''} {row.douar or ''}"))
            if row.receipt:
                item.setText(text + " · " + fill(self.tr("served: %1"), row.receipt))
                item.setFlags(Qt.ItemFlag.ItemIsSelectable)  # greyed: already served, nothing to tick
            else:
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
                )
                state = Qt.CheckState.Checked if row.qr_text in ticked else Qt.CheckState.Unchecked
                item.setCheckState(state)
        self.checklist.blockSignals(False)
        self._filter_checklist(self.filter.text())
        self._show_count()

    def _filter_checklist(self, text: str) -> None:
        wanted = fold_name(text)
        for index in range(self.checklist.count()):
            item = self.checklist.item(index)
            item.setHidden(bool(wanted) and wanted not in item.data(SearchRole))

    # --- printing ---------------------------------------------------------------------------------------------------

    def choose_signoff_file(self) -> None:
        if self.event.event_id() is None:
            return
        suggested = suggested_pdf(self.tr("sign-off"), self.event.event_name())
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Sign-off sheet"), suggested, self.tr("PDF (*.pdf)"))
        if path:
            self.print_signoff(path)

    def print_signoff(self, path: str, sort: str | None = None) -> LongTask | None:
        """Write the sign-off sheet to `path` in the background; Cancel leaves no file (it is moved in at the end)."""
        event_id, sort = self.event.event_id(), sort or self.sort.currentData()
        if event_id is None:
            return None
        if self.print_task is not None and not self.print_task.running:
            self.print_task.deleteLater()  # the window of the previous sheet
        self.print_task = LongTask(
            self, self.ctx.tasks, self.tr("Sign-off sheet"), self.tr("Writing the sign-off sheet…")
        )
        db = self.ctx.db
        self.print_task.write_file(
            path,
            lambda temp, _progress: write_signoff_sheet(db, event_id, temp, sort=sort),
            on_done=lambda summary: self._printed(path, summary),
            on_error=self.show_error,
        )
        return self.print_task

    def _printed(self, path: str, summary) -> None:
        text = fill(self.tr("Sign-off sheet written: %1 (%2 rows, %n page(s)).", "", summary.pages), path, summary.rows)
        open_text = self.tr("Open")  # on its own line: lupdate does not look inside f-strings
        link = f'<a href="{html.escape(Path(path).resolve().as_uri())}">{html.escape(open_text)}</a>'
        self.print_status.setText(f"{html.escape(text)} {link}")

    # --- reconciling --------------------------------------------------------------------------------------------------

    def add_scanned(self) -> None:
        """A scanner types the code and Enter: the code joins the list (once), the field is ready for the next one."""
        code = self.scan.text().strip()
        self.scan.clear()
        if not code:
            return
        if code in self.scanned_codes():
            self.result_summary.setText(self.tr("This code was already scanned."))
            return
        name = self._names.get(code)
        item = QListWidgetItem(f"{name}  ({code[:13]}…)" if name else code, self.scanned)
        item.setData(CodeRole, code)
        self.scanned.setCurrentItem(item)
        self.result_summary.clear()
        self._show_count()

    def remove_scanned(self) -> None:
        row = self.scanned.currentRow()
        if row >= 0:
            self.scanned.takeItem(row)
            self._show_count()

    def scanned_codes(self) -> list[str]:
        return [self.scanned.item(i).data(CodeRole) for i in range(self.scanned.count())]

    def ticked_codes(self) -> list[str]:
        items = (self.checklist.item(i) for i in range(self.checklist.count()))
        return [item.data(CodeRole) for item in items if item.checkState() == Qt.CheckState.Checked]

    def tick(self, code: str) -> None:
        """Tick the checklist row of this code (what a click on its box does)."""
        for index in range(self.checklist.count()):
            item = self.checklist.item(index)
            if item.data(CodeRole) == code and item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                item.setCheckState(Qt.CheckState.Checked)

    def collected(self) -> list[str]:
        return list(dict.fromkeys(self.scanned_codes() + self.ticked_codes()))

    def _show_count(self) -> None:
        self.count.setText(fill(self.tr("%1 scanned, %2 ticked"), self.scanned.count(), len(self.ticked_codes())))
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_event = self.event.event_id() is not None
        self.print_button.setEnabled(has_event)
        self.reconcile_button.setEnabled(has_event and not self.reconciling and bool(self.collected()))

    def reconcile(self) -> None:
        """Record a distribution for each signed row; the summary says who was served, already served or rejected."""
        event_id, collected = self.event.event_id(), self.collected()
        if event_id is None or not collected or self.reconciling:
            return
        self.reconciling = True
        self._update_buttons()
        self.result_summary.setText(self.tr("Recording…"))
        run_operation(self.ctx, lambda: reconcile(self.ctx.db, event_id, collected), self._reconciled, self._failed)

    def _reconciled(self, result: ReconcileResult) -> None:
        self.reconciling = False
        self.last_result = result
        self.scanned.clear()
        counts = (len(result.served), len(result.already_served), len(result.rejected))
        self.result_summary.setText(fill(self.tr("%1 served, %2 already served, %3 rejected."), *counts))
        self.result.clear()
        for served in result.served:
            self.result.addItem(fill(self.tr("Served: %1 (receipt %2)"), served.household_name, served.receipt))
        for already in result.already_served:
            self.result.addItem(fill(self.tr("Already served: %1 (receipt %2)"), already.name, already.receipt))
        for rejected in result.rejected:
            self.result.addItem(fill(self.tr("Rejected: %1 — %2"), rejected.text, rejected.message))
        if not result.changed:  # else the checklist reloads with the other pages that show distributions
            self.load_checklist()
        self._show_count()

    def _failed(self, error: BaseException) -> None:
        self.reconciling = False
        self.result_summary.clear()
        self._update_buttons()
        self.show_error(error)
