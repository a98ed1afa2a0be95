"""Events: the list of distribution events, and the form to create one or edit it with its items and rules."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldappError
from fieldapp.permissions import Action
from fieldapp.services import events
from fieldapp.views import EventView
from ui.events.form import EventForm
from ui.events.list_model import EventListModel
from ui.shared.labels import fill
from ui.shared.table_view import rows_table, select_row
from ui.shell.operations import run_operation
from ui.shell.page import Page


class EventsPage(Page):
    watches = frozenset({"events", "settings"})

    def setup_ui(self) -> None:
        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("eventsSplitter")
        splitter.setChildrenCollapsible(False)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel(left)
        self.summary.setObjectName("eventCount")
        self.model = EventListModel(self)
        self.table = rows_table(left, "eventTable", self.model, stretch=EventListModel.NAME)
        self.new_button = QPushButton(left)
        self.new_button.setObjectName("eventNew")
        self.edit_button = QPushButton(left)
        self.edit_button.setObjectName("eventEdit")
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(buttons)
        self.form = EventForm(splitter)
        splitter.addWidget(left)
        splitter.addWidget(self.form)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([380, 520])
        self.status = QLabel(self)
        self.status.setObjectName("eventStatus")
        self.status.setWordWrap(True)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        self.new_button.clicked.connect(self.new_event)
        self.edit_button.clicked.connect(self.edit_selected)
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.form.submitted.connect(self.save)
        self.form.cancelled.connect(self._cancel)
        self.saving = False
        self._just_saved: str | None = None
        self._update_buttons()
        self.refresh()

    def retranslate_ui(self) -> None:
        self.table.setAccessibleName(self.tr("Events"))
        self.model.retranslate()
        for button, text in ((self.new_button, self.tr("Ne&w event")), (self.edit_button, self.tr("Ed&it event"))):
            button.setText(text)
            button.setAccessibleName(text.replace("&", ""))
        self._show_count()

    def refresh(self) -> None:
        self.ctx.tasks.run(lambda: events.list_events(self.ctx.db), on_done=self._show, on_error=self.show_error)

    def _show(self, rows: list[EventView]) -> None:
        chosen = self.selected_event()
        self.model.set_rows(rows)
        self._select(self._just_saved or (chosen.id if chosen else self.form.event_id))
        self._just_saved = None
        self._show_count()

    def _show_count(self) -> None:
        self.summary.setText(self.tr("%n event(s)", "", len(self.model.rows)))

    def _select(self, event_id: str | None) -> None:
        row = self.model.row_of(event_id) if event_id else -1
        if row >= 0:
            select_row(self.table, row)
        self._update_buttons()

    def selected_event(self) -> EventView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], EventListModel.RowRole) if rows else None

    def _update_buttons(self, *_args) -> None:
        self.edit_button.setEnabled(self.selected_event() is not None)

    def apply_role(self) -> None:
        allowed = self.ctx.may(Action.EDIT_EVENTS)
        for widget in (self.new_button, self.edit_button, self.form):
            widget.setVisible(allowed)

    def new_event(self) -> None:
        self.form.load(None)
        self.status.clear()
        self.form.name.setFocus()

    def edit_selected(self) -> None:
        event = self.selected_event()
        if event is not None:
            self.form.load(event)
            self.status.clear()
            self.form.name.setFocus()

    def edit(self, event_id: str) -> None:
        """Open an event in the form (the list is selected on it)."""
        self._select(event_id)
        self.edit_selected()

    def _cancel(self) -> None:
        event = self.selected_event() if self.form.event_id else None
        self.form.load(event)
        self.status.clear()

    def save(self, values: dict) -> None:
        """Create or update in the background; a refusal is shown in the form, which keeps what was typed."""
        if self.saving:
            return
        db = self.ctx.db
        event_id = values["event_id"]
        if event_id:
            fields = {k: values[k] for k in ("name", "starts_on", "ends_on", "site", "items")}

            def work():
                return events.update_event(db, event_id, **fields)
        else:
            fields = {k: values[k] for k in ("name", "starts_on", "ends_on", "site", "commune", "items")}

            def work():
                return events.create_event(db, **fields)

        self.saving = True
        self.form.save_button.setEnabled(False)
        run_operation(self.ctx, work, on_done=self._saved, on_error=self._refused)

    def _saved(self, outcome) -> None:
        self.saving = False
        self.form.save_button.setEnabled(True)
        event: EventView = outcome.value
        self.form.load(event)
        self.status.setText(fill(self.tr("“%1” saved."), event.name))
        self._just_saved = event.id  # the list reloads (it watches events) and selects it

    def _refused(self, error: BaseException) -> None:
        self.saving = False
        self.form.save_button.setEnabled(True)
        if isinstance(error, FieldappError):
            self.form.show_error(error)
        else:
            self.show_error(error)
