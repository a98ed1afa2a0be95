"""The form that joins this laptop to HQ: HQ's address and the one-time code HQ gave; refusals shown in the form."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from fieldapp.errors import FieldappError
from ui.sync import texts as sync_texts
from ui.sync.controller import SyncController


class EnrollForm(QGroupBox):
    """What was typed stays in the fields when HQ refuses or cannot be reached: the person corrects and retries."""

    enrolled = Signal(object)  # SyncCredentials

    def __init__(self, controller: SyncController, parent: QWidget | None = None, data_dir: str | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.data_dir = data_dir
        self.setObjectName("syncEnrollForm")
        self.explanation = QLabel(self)
        self.explanation.setObjectName("syncEnrollExplanation")
        self.explanation.setWordWrap(True)
        self.url = QLineEdit(self)
        self.url.setObjectName("syncEnrollUrl")
        self.url.setPlaceholderText("https://hq.example.org")
        self.code = QLineEdit(self)
        self.code.setObjectName("syncEnrollCode")
        self.code.setPlaceholderText("ABCD-EFGH-JKMN-PQRS")
        self.url_label, self.code_label = QLabel(self), QLabel(self)
        self.url_label.setBuddy(self.url)
        self.code_label.setBuddy(self.code)
        self.submit = QPushButton(self)
        self.submit.setObjectName("syncEnroll")
        self.message = QLabel(self)
        self.message.setObjectName("syncEnrollMessage")
        self.message.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.explanation)
        form.addRow(self.url_label, self.url)
        form.addRow(self.code_label, self.code)
        row = QHBoxLayout()
        row.addWidget(self.submit)
        row.addWidget(self.message, 1)
        form.addRow(row)
        self.submit.clicked.connect(self.enroll)
        self.code.returnPressed.connect(self.enroll)
        self.url.returnPressed.connect(self.code.setFocus)
        self.busy = False
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Join HQ"))
        self.explanation.setText(
            self.tr(
                "To send your changes to HQ and receive the other laptops' changes, type HQ's address and the "
                "one-time enrollment code HQ gave you. The app works fully without HQ."
            )
        )
        self.url_label.setText(self.tr("HQ &address"))
        self.code_label.setText(self.tr("Enrollment &code"))
        self.url.setAccessibleName(self.tr("HQ address"))
        self.code.setAccessibleName(self.tr("Enrollment code"))
        self.submit.setText(self.tr("&Join HQ"))
        self.submit.setAccessibleName(self.tr("Join HQ"))

    def prefill(self, hq_url: str | None) -> None:
        """HQ's address from the settings, unless the person already typed one."""
        if hq_url and not self.url.text().strip():
            self.url.setText(hq_url)

    def enroll(self) -> None:
        if self.busy:
            return
        url, code = self.url.text().strip(), self.code.text().strip()
        if not url or not code:
            self.message.setText(self.tr("Type HQ's address and the enrollment code."))
            (self.url if not url else self.code).setFocus()
            return
        self.busy = True
        self.submit.setEnabled(False)
        self.message.setText(self.tr("Contacting HQ…"))
        self.controller.enroll(url, code, self._done, self._refused)

    def _done(self, credentials) -> None:
        self.busy = False
        self.submit.setEnabled(True)
        self.code.clear()  # a code works once
        self.message.setText(self.tr("This laptop has joined HQ. First sync…"))
        self.enrolled.emit(credentials)

    def _refused(self, error: BaseException) -> None:
        self.busy = False
        self.submit.setEnabled(True)
        self.message.setText(sync_texts.error_sentence(error, self.url.text().strip(), self.data_dir))
        if isinstance(error, FieldappError) and error.key.startswith("error.enroll_code"):
            self.code.setFocus()
            self.code.selectAll()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 — Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
