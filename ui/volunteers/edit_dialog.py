"""Correcting a volunteer's name, Arabic name or phone: a small form that saves on the database worker."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from fieldapp.normalize import phone_text
from fieldapp.services import volunteers
from fieldapp.views import VolunteerView
from ui.shared.busy_dialog import BusyDialog
from ui.shared.labels import fill
from ui.shared.styles import ERROR_STYLE
from ui.shell.context import AppContext, error_text
from ui.shell.operations import run_operation


class VolunteerEditDialog(BusyDialog):
    """The fields of the page's "New volunteer" form, filled in; checked by the service as at registration.

    `saved(Outcome)` once the change is committed (the roster reloads: it watches volunteers); a refusal is shown in
    the dialog and what was typed stays.
    """

    saved = Signal(object)

    def __init__(self, ctx: AppContext, volunteer: VolunteerView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.volunteer = ctx, volunteer
        self._busy = False
        self.setObjectName("volunteerEditDialog")
        self.setModal(True)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = self._line("volunteerEditName", volunteer.name)
        self.name_ar = self._line("volunteerEditNameAr", volunteer.name_ar)
        self.phone = self._line("volunteerEditPhone", phone_text(volunteer.phone))
        self.labels = [QLabel(self) for _ in range(3)]
        for label, field in zip(self.labels, (self.name, self.name_ar, self.phone), strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
            field.returnPressed.connect(self.save)
        self.message = QLabel(self)
        self.message.setObjectName("volunteerEditMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("volunteerEditSave")
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("volunteerEditCancel")
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self.retranslate_ui()

    @classmethod
    def ask(cls, ctx: AppContext, volunteer: VolunteerView, parent: QWidget) -> VolunteerEditDialog:
        """Open over `parent` without waiting (the window keeps drawing); it deletes itself once closed."""
        dialog = cls(ctx, volunteer, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        dialog.name.setFocus()
        return dialog

    def _line(self, name: str, value: str | None) -> QLineEdit:
        line = QLineEdit(value or "", self)
        line.setObjectName(name)
        return line

    def retranslate_ui(self) -> None:
        self.setWindowTitle(fill(self.tr("Edit volunteer %1"), self.volunteer.name))
        for label, text, field in zip(
            self.labels,
            (self.tr("&Name"), self.tr("Name in &Arabic"), self.tr("&Phone")),
            (self.name, self.name_ar, self.phone),
            strict=True,
        ):
            label.setText(text)
            field.setAccessibleName(text.replace("&", ""))
        self.phone.setPlaceholderText("06 12 34 56 78")
        self.save_button.setText(self.tr("&Save"))
        self.save_button.setAccessibleName(self.tr("Save"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel"))

    def save(self) -> None:
        if self._busy:
            return
        db, volunteer_id = self.ctx.db, self.volunteer.id
        name, name_ar, phone = self.name.text(), self.name_ar.text(), self.phone.text()

        self._set_busy(True)
        run_operation(
            self.ctx,
            lambda: volunteers.update_volunteer(db, volunteer_id, name=name, name_ar=name_ar, phone=phone),
            on_done=self._on_saved,
            on_error=self._on_refused,
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.save_button, self.cancel_button):
            widget.setEnabled(not busy)
        for field in (self.name, self.name_ar, self.phone):
            field.setReadOnly(busy)

    def _on_saved(self, outcome) -> None:
        self._set_busy(False)
        self.saved.emit(outcome)
        self.accept()

    def _on_refused(self, error: BaseException) -> None:
        self._set_busy(False)
        text = error_text(error, self.ctx.data_dir)
        self.message.setText(text)
        self.message.setAccessibleName(text)
        self.message.show()
