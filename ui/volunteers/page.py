"""Volunteers: the roster and each one's status at the chosen event, one-click check-in and out, attendance sheet;
a coordinator corrects, deactivates and reactivates a volunteer."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from fieldapp.errors import FieldappError
from fieldapp.permissions import Action
from fieldapp.services import events, volunteers
from fieldapp.services.sheets import write_attendance_sheet
from fieldapp.timefmt import CLOCK, local_text
from ui.events.form import EventChooser
from ui.shared.labels import fill
from ui.shared.long_task import LongTask, suggested_pdf
from ui.shared.styles import ERROR_STYLE
from ui.shared.table_view import rows_table, select_row
from ui.shell.operations import run_operation
from ui.shell.page import Page
from ui.volunteers.edit_dialog import VolunteerEditDialog
from ui.volunteers.roster_model import RosterModel


class VolunteersPage(Page):
    watches = frozenset({"volunteers", "attendance", "events", "settings"})

    def setup_ui(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.event_label = QLabel(self)
        self.event = EventChooser(self, "volunteerEvent")
        self.event_label.setBuddy(self.event)
        self.print_button = self._button("volunteerPrintAttendance")
        top.addWidget(self.event_label)
        top.addWidget(self.event, 1)
        top.addWidget(self.print_button)
        self.model = RosterModel(self)
        self.table = rows_table(self, "volunteerTable", self.model, stretch=RosterModel.STATUS)
        actions = QHBoxLayout()
        self.check_in_button = self._button("volunteerCheckIn")
        self.check_out_button = self._button("volunteerCheckOut")
        self.edit_button = self._button("volunteerEdit")
        self.active_button = self._button("volunteerDeactivate")  # "Reactivate" on a deactivated volunteer
        self.show_inactive = QCheckBox(self)
        self.show_inactive.setObjectName("volunteerShowInactive")
        self.summary = QLabel(self)
        self.summary.setObjectName("volunteerSummary")
        actions.addWidget(self.check_in_button)
        actions.addWidget(self.check_out_button)
        actions.addSpacing(16)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.active_button)
        actions.addStretch(1)
        actions.addWidget(self.show_inactive)
        actions.addSpacing(16)
        actions.addWidget(self.summary)
        self.status = QLabel(self)
        self.status.setObjectName("volunteerStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.status.setOpenExternalLinks(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)  # the link to the written sheet; other texts are escaped
        self.add_box = QGroupBox(self)
        form = QHBoxLayout(self.add_box)
        self.name = self._line("volunteerName")
        self.name_ar = self._line("volunteerNameAr")
        self.phone = self._line("volunteerPhone")
        self.add_button = self._button("volunteerAdd")
        self.form_labels = [QLabel(self.add_box) for _ in range(3)]
        for label, field in zip(self.form_labels, (self.name, self.name_ar, self.phone), strict=True):
            label.setBuddy(field)
            form.addWidget(label)
            form.addWidget(field, 1)
        form.addWidget(self.add_button)
        self.form_message = QLabel(self)
        self.form_message.setObjectName("volunteerFormMessage")
        self.form_message.setWordWrap(True)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        for widget in (self.status, self.add_box, self.form_message):
            layout.addWidget(widget)
        self.event.currentIndexChanged.connect(lambda _index: self.load_roster())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.check_in_button.clicked.connect(self.check_in)
        self.check_out_button.clicked.connect(self.check_out)
        self.edit_button.clicked.connect(self.edit_volunteer)
        self.active_button.clicked.connect(self.deactivate_or_reactivate)
        self.show_inactive.toggled.connect(lambda _on: self.load_roster())
        self.table.activated.connect(lambda _index: self.toggle())  # Enter or a double click on a row
        self.add_button.clicked.connect(self.add_volunteer)
        for field in (self.name, self.name_ar, self.phone):
            field.returnPressed.connect(self.add_volunteer)
        self.print_button.clicked.connect(self.choose_attendance_file)
        self.busy = False
        self.print_task: LongTask | None = None
        self.edit_dialog: VolunteerEditDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self._request = 0
        self._select_after_reload: str | None = None
        self._update_buttons()
        self.refresh()

    def apply_role(self) -> None:
        manages = self.ctx.may(Action.EDIT_VOLUNTEERS)  # checking in and out stays for everyone
        for widget in (self.add_box, self.edit_button, self.active_button, self.show_inactive):
            widget.setVisible(manages)
        if not manages and self.show_inactive.isChecked():
            self.show_inactive.setChecked(False)

    def _button(self, name: str) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        return button

    def _line(self, name: str) -> QLineEdit:
        line = QLineEdit(self)
        line.setObjectName(name)
        return line

    def retranslate_ui(self) -> None:
        self.event_label.setText(self.tr("&Event"))
        self.event.setAccessibleName(self.tr("Event"))
        self.table.setAccessibleName(self.tr("Volunteers"))
        self.model.retranslate()  # the status column is worded in the new language
        self.add_box.setTitle(self.tr("New volunteer"))
        for label, text, field in zip(
            self.form_labels,
            (self.tr("&Name"), self.tr("Name in &Arabic"), self.tr("&Phone")),
            (self.name, self.name_ar, self.phone),
            strict=True,
        ):
            label.setText(text)
            field.setAccessibleName(text.replace("&", ""))
        for button, text in (
            (self.check_in_button, self.tr("Check &in")),
            (self.check_out_button, self.tr("Check &out")),
            (self.add_button, self.tr("A&dd volunteer")),
            (self.print_button, self.tr("Print the attendance &sheet…")),
            (self.edit_button, self.tr("Edi&t…")),
            (self.show_inactive, self.tr("Show deactivated volunteers")),
        ):
            button.setText(text)
            button.setAccessibleName(text.replace("&", ""))
        self._update_buttons()
        self._show_summary()

    # --- loading ----------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.ctx.tasks.run(lambda: events.list_events(self.ctx.db), on_done=self._show_events, on_error=self.show_error)

    def _show_events(self, rows) -> None:
        self.event.set_events(rows)
        self.load_roster()

    def load_roster(self) -> None:
        """Reload the roster for the chosen event; an answer to an older request is dropped."""
        self._request += 1
        request, event_id, everyone = self._request, self.event.event_id(), self.show_inactive.isChecked()
        self.ctx.tasks.run(
            lambda: volunteers.roster(self.ctx.db, event_id, include_inactive=everyone),
            on_done=lambda rows: self._show_roster(request, rows),
            on_error=self.show_error,
        )

    def _show_roster(self, request: int, rows: list[volunteers.RosterRow]) -> None:
        if request != self._request:
            return
        chosen = self.selected()
        self.model.set_rows(rows)
        row = self.model.row_of(self._select_after_reload or (chosen.volunteer.id if chosen else None))
        self._select_after_reload = None
        if row >= 0:
            select_row(self.table, row)
        self._update_buttons()
        self._show_summary()

    def _show_summary(self) -> None:
        on_site = sum(1 for r in self.model.rows if r.on_site)
        self.summary.setText(self.tr("%n volunteer(s) on site", "", on_site))

    def selected(self) -> volunteers.RosterRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], RosterModel.RowRole) if rows else None

    def select_volunteer(self, volunteer_id: str) -> None:
        row = self.model.row_of(volunteer_id)
        if row >= 0:
            select_row(self.table, row)

    def _update_buttons(self, *_args) -> None:
        row, has_event = self.selected(), self.event.event_id() is not None
        active = bool(row and row.volunteer.active)
        self.check_in_button.setEnabled(bool(row and has_event and active and not row.on_site and not self.busy))
        self.check_out_button.setEnabled(bool(row and has_event and row.on_site and not self.busy))
        self.print_button.setEnabled(has_event)
        self.edit_button.setEnabled(bool(row) and not self.busy)
        self.active_button.setEnabled(bool(row) and not self.busy)
        text = self.tr("Deacti&vate…") if row is None or active else self.tr("Reacti&vate")
        self.active_button.setText(text)
        self.active_button.setAccessibleName(text.replace("&", ""))

    # --- check in and out -----------------------------------------------------------------------------------------

    def toggle(self) -> None:
        """Check the chosen volunteer out if on site, in otherwise (a deactivated one is not checked in)."""
        row = self.selected()
        if row is not None and row.on_site:
            self.check_out()
        elif row is not None and row.volunteer.active:
            self.check_in()

    def check_in(self) -> None:
        self._attendance(volunteers.check_in, self.tr("%1 checked in at %2."))

    def check_out(self) -> None:
        self._attendance(volunteers.check_out, self.tr("%1 checked out at %2."))

    def _attendance(self, service, done_text: str) -> None:
        row, event_id = self.selected(), self.event.event_id()
        if row is None or event_id is None or self.busy:
            return
        self.busy = True
        self._update_buttons()

        def done(outcome) -> None:
            self.busy = False
            shift = outcome.value
            moment = shift.check_out or shift.check_in
            text = fill(done_text, shift.volunteer_name, local_text(moment, today=CLOCK))
            self.status.setText(html.escape(text))  # the roster reloads: it watches attendance

        def failed(error: BaseException) -> None:
            self.busy = False
            self._update_buttons()
            self.show_error(error)

        volunteer_id = row.volunteer.id
        run_operation(self.ctx, lambda: service(self.ctx.db, volunteer_id, event_id), on_done=done, on_error=failed)

    # --- a new volunteer ------------------------------------------------------------------------------------------

    def add_volunteer(self) -> None:
        name, name_ar, phone = self.name.text(), self.name_ar.text(), self.phone.text()
        self.add_button.setEnabled(False)

        def done(outcome) -> None:
            self.add_button.setEnabled(True)
            for field in (self.name, self.name_ar, self.phone):
                field.clear()
            notes = " ".join(n.message() for n in outcome.notices)
            self.form_message.setStyleSheet("")
            self.form_message.setText(fill(self.tr("%1 added."), outcome.value.name) + (f" {notes}" if notes else ""))
            self._select_after_reload = outcome.value.id
            self.name.setFocus()

        def failed(error: BaseException) -> None:
            self.add_button.setEnabled(True)
            if not isinstance(error, FieldappError):
                self.show_error(error)
                return
            self.form_message.setStyleSheet(ERROR_STYLE)
            self.form_message.setText(error.message())  # what was typed stays in the fields

        run_operation(
            self.ctx,
            lambda: volunteers.register_volunteer(self.ctx.db, name, name_ar or None, phone or None),
            on_done=done,
            on_error=failed,
        )

    # --- correcting, deactivating, reactivating (a coordinator) -------------------------------------------------------

    def edit_volunteer(self) -> VolunteerEditDialog | None:
        row = self.selected()
        if row is None:
            return None
        self.edit_dialog = VolunteerEditDialog.ask(self.ctx, row.volunteer, self)
        self.edit_dialog.saved.connect(self._edited)
        return self.edit_dialog

    def _edited(self, outcome) -> None:
        notes = " ".join(n.message() for n in outcome.notices)
        text = fill(self.tr("%1 saved."), outcome.value.name) + (f" {notes}" if notes else "")
        self.status.setText(html.escape(text))
        self._select_after_reload = outcome.value.id

    def deactivate_or_reactivate(self) -> None:
        """Reactivate at once; deactivate after a confirmation that says what it does and does not do."""
        row = self.selected()
        if row is None or self.busy:
            return
        volunteer = row.volunteer
        if not volunteer.active:
            self._set_active(volunteer.id, volunteers.reactivate_volunteer, self.tr("%1 is back on the roster."))
            return
        question = self.tr(
            "%1 will no longer be on the roster nor offered for check-in. Their past attendance is kept, and"
            " they can be reactivated later (Show deactivated volunteers)."
        )
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Deactivate a volunteer"), fill(question, volunteer.name))
        box.setParent(self, box.windowFlags())
        box.setObjectName("volunteerDeactivateConfirm")
        yes = box.addButton(self.tr("Deactivate"), QMessageBox.ButtonRole.AcceptRole)
        yes.setObjectName("volunteerDeactivateYes")
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        done = self.tr("%1 is deactivated: off the roster, past attendance kept.")
        box.buttonClicked.connect(
            lambda button: (
                self._set_active(volunteer.id, volunteers.deactivate_volunteer, done) if button is yes else None
            )
        )
        self.confirm_box = box
        box.open()

    def _set_active(self, volunteer_id: str, service, done_text: str) -> None:
        self.busy = True
        self._update_buttons()

        def done(outcome) -> None:
            self.busy = False
            self.status.setText(html.escape(fill(done_text, outcome.value.name)))
            self._select_after_reload = (
                outcome.value.id if outcome.value.active or self.show_inactive.isChecked() else None
            )
            self._update_buttons()

        def failed(error: BaseException) -> None:
            self.busy = False
            self._update_buttons()
            self.show_error(error)

        run_operation(self.ctx, lambda: service(self.ctx.db, volunteer_id), on_done=done, on_error=failed)

    # --- attendance sheet -----------------------------------------------------------------------------------------

    def choose_attendance_file(self) -> None:
        event_id = self.event.event_id()
        if event_id is None:
            return
        suggested = suggested_pdf(self.tr("attendance"), self.event.event_name())
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Attendance sheet"), suggested, self.tr("PDF (*.pdf)"))
        if path:
            self.print_attendance(path)

    def print_attendance(self, path: str) -> LongTask | None:
        """Write the event's attendance sheet to `path` in the background, with a progress window and Cancel."""
        event_id = self.event.event_id()
        if event_id is None:
            return None
        if self.print_task is not None and not self.print_task.running:
            self.print_task.deleteLater()  # the window of the previous sheet
        self.print_task = LongTask(
            self, self.ctx.tasks, self.tr("Attendance sheet"), self.tr("Writing the attendance sheet…")
        )
        db = self.ctx.db
        self.print_task.write_file(
            path,
            lambda temp, _progress: write_attendance_sheet(db, event_id, temp),
            on_done=lambda summary: self._printed(path, summary),
            on_error=self.show_error,
        )
        return self.print_task

    def _printed(self, path: str, summary) -> None:
        url = Path(path).resolve().as_uri()
        text = fill(self.tr("Attendance sheet written: %1 (%n page(s)).", "", summary.pages), path)
        open_text = self.tr("Open")  # on its own line: lupdate does not look inside f-strings
        self.status.setText(f'{html.escape(text)} <a href="{html.escape(url)}">{html.escape(open_text)}</a>')
