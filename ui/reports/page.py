"""Reports: an event's or a period's totals and charts for funders, saved as the report service's PDF or Excel file."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldapp import i18n
from fieldapp.services import events
from ui.events.form import EventChooser
from ui.reports.chart import BarChart
from ui.reports.data import MASK_BELOW, TOTALS, ReportRequest, ReportShown, load_report, save_report
from ui.shared.labels import fill, paragraph
from ui.shared.long_task import LongTask, suggested_pdf
from ui.shell.page import Page

BIG = "font-size: 16pt; font-weight: bold;"
SETTLE_MS = 300


class ReportsPage(Page):
    watches = frozenset({"distributions", "events", "attendance", "households", "volunteers", "settings"})

    def setup_ui(self) -> None:
        layout = QVBoxLayout(self)
        self.scope_box = QGroupBox(self)
        scope = QGridLayout(self.scope_box)
        self.by_event = QRadioButton(self.scope_box)
        self.by_event.setObjectName("reportByEvent")
        self.by_dates = QRadioButton(self.scope_box)
        self.by_dates.setObjectName("reportByDates")
        self.scope_group = QButtonGroup(self)
        self.scope_group.addButton(self.by_event)
        self.scope_group.addButton(self.by_dates)
        self.event = EventChooser(self.scope_box, "reportEvent")
        self.from_label, self.to_label = QLabel(self.scope_box), QLabel(self.scope_box)
        today = QDate.currentDate()
        self.date_from = self._date_edit("reportFrom", QDate(today.year(), 1, 1))
        self.date_to = self._date_edit("reportTo", today)
        self.from_label.setBuddy(self.date_from)
        self.to_label.setBuddy(self.date_to)
        dates = QHBoxLayout()
        for widget in (self.from_label, self.date_from, self.to_label, self.date_to):
            dates.addWidget(widget)
        dates.addStretch(1)
        scope.addWidget(self.by_event, 0, 0)
        scope.addWidget(self.event, 0, 1)
        scope.addWidget(self.by_dates, 1, 0)
        scope.addLayout(dates, 1, 1)
        self.pdf_button = self._button("reportSavePdf")
        self.xlsx_button = self._button("reportSaveExcel")
        saving = QVBoxLayout()
        saving.addWidget(self.pdf_button)
        saving.addWidget(self.xlsx_button)
        scope.addLayout(saving, 0, 2, 2, 1)
        scope.setColumnStretch(1, 1)
        self.totals_box = QGroupBox(self)
        totals = QGridLayout(self.totals_box)
        self.total_values: dict[str, QLabel] = {}
        self.total_names: dict[str, QLabel] = {}
        for index, key in enumerate(TOTALS):
            value, name = QLabel("—", self.totals_box), QLabel(self.totals_box)
            value.setObjectName(f"reportTotal_{key}")
            value.setStyleSheet(BIG)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            name.setWordWrap(True)
            self.total_values[key], self.total_names[key] = value, name
            row, column = divmod(index, 4)
            totals.addWidget(value, 2 * row, column)
            totals.addWidget(name, 2 * row + 1, column, Qt.AlignmentFlag.AlignTop)
        for column in range(4):
            totals.setColumnStretch(column, 1)
        self.event_box, self.event_chart = self._chart("reportChartEvents", 0)
        self.commune_box, self.commune_chart = self._chart("reportChartCommunes", MASK_BELOW)
        charts = QHBoxLayout()
        charts.addWidget(self.event_box, 1)
        charts.addWidget(self.commune_box, 1)
        self.status = QLabel(self)
        self.status.setObjectName("reportStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setOpenExternalLinks(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        layout.addWidget(self.scope_box)
        layout.addWidget(self.totals_box)
        layout.addLayout(charts, 1)
        layout.addWidget(self.status)
        self.by_event.setChecked(True)
        self.by_event.toggled.connect(lambda _on: self._scope_changed())
        self.event.currentIndexChanged.connect(lambda _index: self._scope_changed())
        self.date_from.dateChanged.connect(lambda _date: self._scope_changed())
        self.date_to.dateChanged.connect(lambda _date: self._scope_changed())
        self.pdf_button.clicked.connect(lambda: self.choose_file("pdf"))
        self.xlsx_button.clicked.connect(lambda: self.choose_file("xlsx"))
        self.shown: ReportShown | None = None
        self.save_task: LongTask | None = None
        self._request = 0
        #: a report is being counted for what is chosen (or will be, once the person stops changing it)
        self.loading = False
        # Typing a date changes it at each digit: the report is counted once the choice stays still a moment.
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.load)
        self._update_scope_widgets()

    def _button(self, name: str) -> QPushButton:
        button = QPushButton(self.scope_box)
        button.setObjectName(name)
        return button

    def _date_edit(self, name: str, date: QDate) -> QDateEdit:
        edit = QDateEdit(date, self.scope_box)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        # Left to right before the format: in a right-to-left window Qt would show 2026-09-12 as 12-09-2026.
        edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _chart(self, name: str, mask_below: int) -> tuple[QGroupBox, BarChart]:
        box = QGroupBox(self)
        inside = QVBoxLayout(box)
        scroll = QScrollArea(box)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        holder = QWidget(scroll)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        chart = BarChart(holder, name, mask_below=mask_below)
        column.addWidget(chart)
        column.addStretch(1)
        scroll.setWidget(holder)
        inside.addWidget(scroll)
        return box, chart

    def retranslate_ui(self) -> None:
        self.scope_box.setTitle(self.tr("What the report covers"))
        for button, text in ((self.by_event, self.tr("An &event")), (self.by_dates, self.tr("A &period"))):
            button.setText(text)
            button.setAccessibleName(text.replace("&", ""))
        self.event.setAccessibleName(self.tr("Event"))
        self.from_label.setText(self.tr("&From"))
        self.to_label.setText(self.tr("&To"))
        self.date_from.setAccessibleName(self.tr("First day"))
        self.date_to.setAccessibleName(self.tr("Last day"))
        pdf, xlsx = self.tr("Save as P&DF…"), self.tr("Save as E&xcel…")
        for button, text in ((self.pdf_button, pdf), (self.xlsx_button, xlsx)):
            button.setText(text)
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
        self.totals_box.setTitle(self.tr("Totals"))
        names = {
            "families": self.tr("families served"),
            "people": self.tr("people in the families served"),
            "items": self.tr("items handed out"),
            "volunteers": self.tr("volunteers present"),
            "hours": self.tr("volunteer hours"),
            "voided": self.tr("receipts cancelled"),
            "served_twice": self.tr("families served twice at the same event"),
        }
        for key, label in self.total_names.items():
            label.setText(names[key])
            self.total_values[key].setAccessibleName(names[key])
        self.event_box.setTitle(self.tr("Families served per event"))
        self.commune_box.setTitle(self.tr("Families served per commune"))
        self.event_chart.setAccessibleName(self.event_box.title())
        self.commune_chart.setAccessibleName(self.commune_box.title())
        for chart in (self.event_chart, self.commune_chart):
            chart.set_empty_text(self.tr("No family served in what the report covers."))
        if self.shown is not None:
            self._render(self.shown)  # commune names follow the language

    # --- the scope ----------------------------------------------------------------------------------------------------

    def request(self) -> ReportRequest | None:
        """What the report covers, as chosen; None when nothing can be shown (no event, or From after To)."""
        if self.by_event.isChecked():
            event_id = self.event.event_id()
            return ReportRequest(event_id=event_id, label=self.event.event_name()) if event_id else None
        first, last = self.date_from.date().toPython(), self.date_to.date().toPython()
        if first > last:
            return None
        return ReportRequest(first_day=first, last_day=last, label=f"{first.isoformat()}_{last.isoformat()}")

    def _update_scope_widgets(self) -> None:
        on_event = self.by_event.isChecked()
        self.event.setEnabled(on_event)
        for widget in (self.date_from, self.date_to):
            widget.setEnabled(not on_event)
        ready = self.request() is not None
        self.pdf_button.setEnabled(ready and (self.save_task is None or not self.save_task.running))
        self.xlsx_button.setEnabled(self.pdf_button.isEnabled())

    def _scope_changed(self) -> None:
        self._update_scope_widgets()
        self._request += 1  # what was asked before is neither counted nor shown
        self.loading = True
        self._settle.start()

    # --- loading ------------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.ctx.tasks.run(lambda: events.list_events(self.ctx.db), on_done=self._show_events, on_error=self.show_error)

    def on_changed(self, kinds: frozenset[str]) -> None:
        if self.isVisible():  # else the page reloads when it is next shown
            self.refresh()

    def _show_events(self, rows) -> None:
        self.event.set_events(rows)  # quietly: the report is counted once, below
        if not rows and self.by_event.isChecked():
            self.by_dates.setChecked(True)  # no event yet: a period is all there is to report on
        self._update_scope_widgets()
        self.load()

    def load(self) -> None:
        """Count the report of the chosen scope on the database worker. A report asked for before another choice is
        not counted (the worker is the desk's too: a year of 150,000 families takes seconds), nor shown if late."""
        self._settle.stop()
        self._request += 1
        request, wanted = self._request, self.request()
        if wanted is None:
            self.loading = False
            self.shown = None
            self._clear()
            if self.by_dates.isChecked():
                self.status.setText(html.escape(self.tr("The first day is after the last day.")))
            return
        self.loading = True
        self.status.setText(html.escape(self.tr("Counting…")))
        db = self.ctx.db

        def work() -> ReportShown | None:
            return load_report(db, wanted) if request == self._request else None

        self.ctx.tasks.run(work, on_done=lambda shown: self._show(request, shown), on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.loading = False
        self.status.clear()
        self.show_error(error)

    def _clear(self) -> None:
        for value in self.total_values.values():
            value.setText("—")
        self.event_chart.set_bars([])
        self.commune_chart.set_bars([])

    def _show(self, request: int, shown: ReportShown | None) -> None:
        if request != self._request or shown is None:
            return
        self.loading = False
        self.shown = shown
        self.status.clear()
        self._render(shown)

    def _render(self, shown: ReportShown) -> None:
        locale = QLocale()
        for key, value in shown.totals.items():
            text = locale.toString(float(value), "f", 1) if isinstance(value, float) else locale.toString(value)
            self.total_values[key].setText(paragraph(text))  # a number alone would sit on the left in Arabic
        self.event_chart.set_bars(shown.per_event)
        self.commune_chart.set_bars(shown.per_commune())

    # --- saving -------------------------------------------------------------------------------------------------------

    def choose_file(self, kind: str) -> None:
        wanted = self.request()
        if wanted is None:
            return
        suggested = suggested_pdf(self.tr("report"), wanted.label)
        if kind == "pdf":
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Report"), suggested, self.tr("PDF (*.pdf)"))
        else:
            suggested = str(Path(suggested).with_suffix(".xlsx"))
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Report"), suggested, self.tr("Excel (*.xlsx)"))
        if path:
            self.save(path, kind)

    def save(self, path: str, kind: str) -> LongTask | None:
        """Write the report to `path` (kind "pdf" or "xlsx") in the background; Cancel leaves no file."""
        wanted = self.request()
        if wanted is None:
            return None
        if self.save_task is not None and not self.save_task.running:
            self.save_task.deleteLater()  # the window of the previous file
        text = self.tr("Writing the report as PDF…") if kind == "pdf" else self.tr("Writing the report as Excel…")
        self.save_task = LongTask(self, self.ctx.tasks, self.tr("Report"), text)
        db, language = self.ctx.db, i18n.current_language()
        self.save_task.write_file(
            path,
            lambda temp, _progress: save_report(db, wanted, kind, temp, language),
            on_done=lambda _result: self._saved(path),
            on_error=self._save_failed,
        )
        self._update_scope_widgets()
        return self.save_task

    def _saved(self, path: str) -> None:
        self._update_scope_widgets()
        text = paragraph(fill(self.tr("Report written: %1"), path))
        open_text = self.tr("Open")
        link = f'<a href="{html.escape(Path(path).resolve().as_uri())}">{html.escape(open_text)}</a>'
        self.status.setText(f"{html.escape(text)} {link}")

    def _save_failed(self, error: BaseException) -> None:
        self._update_scope_widgets()
        self.show_error(error)
