"""First run: the association, this laptop's code, the language and HQ's address — or try the app with demo data."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp import i18n
from fieldapp.db import Database
from fieldapp.errors import FieldappError
from fieldapp.services import setup
from ui.shared.styles import ERROR_STYLE
from ui.shell import translations
from ui.shell.tasks import TaskRunner

LANGUAGE_NAMES = {"fr": "Français", "ar": "العربية", "en": "English"}  # each in its own language
DEMO_HOUSEHOLDS = 200


class SetupDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.used_demo = False
        self.tasks = TaskRunner(self)
        self.setObjectName("setupDialog")
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        form = QFormLayout()
        self.association = QLineEdit(self)
        self.association.setObjectName("setupAssociation")
        self.device = QLineEdit(self)
        self.device.setObjectName("setupDevice")
        self.device.setMaxLength(12)
        self.operator = QLineEdit(self)
        self.operator.setObjectName("setupOperator")
        self.language = QComboBox(self)
        self.language.setObjectName("setupLanguage")
        for code in i18n.LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.hq_url = QLineEdit(self)
        self.hq_url.setObjectName("setupHqUrl")
        self.labels = [QLabel(self) for _ in range(5)]
        for label, field in zip(
            self.labels, (self.association, self.device, self.operator, self.language, self.hq_url), strict=True
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        self.error = QLabel(self)
        self.error.setObjectName("setupError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(self)
        self.start = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.start.setObjectName("setupStart")
        self.demo = QPushButton(self)
        self.demo.setObjectName("setupDemo")
        self.buttons.addButton(self.demo, QDialogButtonBox.ButtonRole.ActionRole)
        for widget in (self.intro,):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.start.clicked.connect(self._start)
        self.demo.clicked.connect(self._demo)
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Welcome to fieldapp"))
        self.intro.setText(self.tr("Set this laptop up once. Everything works without a network; HQ is optional."))
        texts = (
            self.tr("&Association name"),
            self.tr("&Device code (starts every receipt number)"),
            self.tr("&Your name"),
            self.tr("&Language"),
            self.tr("&HQ address (optional)"),
        )
        for label, text, field in zip(
            self.labels, texts, (self.association, self.device, self.operator, self.language, self.hq_url), strict=True
        ):
            label.setText(text)
            field.setAccessibleName(text.replace("&", ""))
        self.device.setPlaceholderText("KHR1")
        self.start.setText(self.tr("&Start"))
        self.start.setAccessibleName(self.tr("Start"))
        self.demo.setText(self.tr("&Try with demo data"))
        self.demo.setAccessibleName(self.tr("Try with demo data"))

    def _language_chosen(self) -> None:
        translations.install(self._app(), self.language.currentData())

    @staticmethod
    def _app():
        from PySide6.QtWidgets import QApplication

        return QApplication.instance()

    def _start(self) -> None:
        values = (self.association.text(), self.device.text(), self.language.currentData())
        operator, hq_url = self.operator.text().strip() or None, self.hq_url.text().strip() or None
        self._work(lambda: setup.initialise(self.db, *values, operator=operator, hq_url=hq_url))

    def _demo(self) -> None:
        language = self.language.currentData()
        self.used_demo = True
        self.error.setText(self.tr("Preparing the demo data…"))
        self._work(lambda: start_demo(self.db, language))

    def _work(self, fn) -> None:
        """Database work on the worker: the dialog stays responsive (demo data takes a few seconds)."""
        self.buttons.setEnabled(False)
        self.tasks.run(fn, on_done=lambda _result: self.accept(), on_error=self._refused)

    def _refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.used_demo = False
        if not isinstance(error, FieldappError):
            raise error
        self.error.setText(error.message())  # what was typed stays in the fields

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def start_demo(db: Database, language: str = "fr", households: int = DEMO_HOUSEHOLDS) -> None:
    from fieldapp.services.demo import generate_demo

    if setup.initialise_demo_if_new(db):
        if language != "fr":
            setup.update_setting(db, "language", language)
        generate_demo(db, households=households)
