"""First run: the association, this laptop's code, the language, HQ's address and the first coordinator (name,
password twice) — or try the app with demo data. On an old record kept without encryption: only the coordinator,
whose creation encrypts it."""

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
from fieldapp.errors import BadData, FieldappError
from fieldapp.services import setup
from ui.households.widgets import CommuneBox
from ui.shared.styles import ERROR_STYLE
from ui.shell import translations
from ui.shell.tasks import TaskRunner
from ui.shell.translations import LANGUAGE_NAMES

DEMO_HOUSEHOLDS = 200
ACCOUNT_FIELDS = 6  # the fields before this are the laptop's set-up; from it on, the first coordinator's


class SetupDialog(QDialog):
    """On `db` (a folder with accounts, logged in), or, with `db` None, on `data_dir` without accounts: the first
    coordinator is created too (`convert`: the folder's old plain record is already set up, only the coordinator is
    asked). Once accepted, `db` is the logged-in database and `recovery_key` the key to show once (None for demo)."""

    def __init__(
        self, db: Database | None, parent: QWidget | None = None, *, data_dir: str | None = None, convert: bool = False
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.data_dir = data_dir
        self.convert = convert
        self.recovery_key: str | None = None
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
        self.commune = CommuneBox(self, "setupCommune")
        self.commune.setMinimumContentsLength(26)  # "Name (Province) · other-script name" read whole
        self.operator = QLineEdit(self)
        self.operator.setObjectName("setupOperator")
        self.language = QComboBox(self)
        self.language.setObjectName("setupLanguage")
        for code in i18n.LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.hq_url = QLineEdit(self)
        self.hq_url.setObjectName("setupHqUrl")
        self.user = QLineEdit(self)
        self.user.setObjectName("setupUser")
        self.password = QLineEdit(self)
        self.password.setObjectName("setupPassword")
        self.password_again = QLineEdit(self)
        self.password_again.setObjectName("setupPasswordAgain")
        for field in (self.password, self.password_again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.fields = (
            self.association,
            self.device,
            self.commune,
            self.operator,
            self.language,
            self.hq_url,
            self.user,
            self.password,
            self.password_again,
        )
        self.labels = [QLabel(self) for _ in self.fields]
        for label, field in zip(self.labels, self.fields, strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        for field in self.fields[:ACCOUNT_FIELDS]:
            form.setRowVisible(field, not convert)
        for field in self.fields[ACCOUNT_FIELDS:]:
            form.setRowVisible(field, db is None)
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
        self.demo.setVisible(not convert)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Welcome to fieldapp"))
        if self.convert:
            self.intro.setText(
                self.tr(
                    "This laptop's data is not protected yet. Create its first coordinator: the data will be "
                    "encrypted, and only a password (or the recovery key shown next) will open it."
                )
            )
        else:
            self.intro.setText(self.tr("Set this laptop up once. Everything works without a network; HQ is optional."))
        texts = (
            self.tr("&Association name"),
            self.tr("&Device code (starts every receipt number)"),
            self.tr("Default co&mmune of new households (optional)"),
            self.tr("&Your name"),
            self.tr("&Language"),
            self.tr("&HQ address (optional)"),
            self.tr("&Coordinator's user name"),
            self.tr("&Password (8 characters or more)"),
            self.tr("Password a&gain"),
        )
        for label, text, field in zip(self.labels, texts, self.fields, strict=True):
            label.setText(text)
            field.setAccessibleName(text.replace("&", ""))
        self.device.setPlaceholderText("KHR1")
        self.commune.fill()
        self.commune.lineEdit().setPlaceholderText(self.tr("Type a few letters of the name"))
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
        commune = self.commune.value() or None
        if self.db is None and self.password.text() != self.password_again.text():
            self._refused(BadData("error.passwords_differ"))
            return
        user, password, convert = self.user.text(), self.password.text(), self.convert

        def work() -> None:
            setup.default_commune_code(commune)  # an unknown commune is said before anything is created
            self._create_coordinator(user, password)
            if not convert:
                setup.initialise(
                    self.db, *values, operator=operator or self.db.account.name, hq_url=hq_url, default_commune=commune
                )

        self._work(work)

    def _create_coordinator(self, user: str, password: str, demo: bool = False) -> None:
        """On the worker: the folder's first coordinator (once: a refused set-up keeps them for the next try)."""
        if self.db is not None:
            return
        from fieldapp.services import accounts

        created = accounts.create_first_coordinator(self.data_dir, user, password)
        self.db = created.db
        self.recovery_key = None if demo else created.recovery_key

    def _demo(self) -> None:
        from fieldapp.services import accounts

        language = self.language.currentData()
        self.used_demo = True
        self.error.setText(self.tr("Preparing the demo data…"))

        def work() -> None:
            self._create_coordinator(accounts.DEMO_USER, accounts.DEMO_PASSWORD, demo=True)
            start_demo(self.db, language)

        self._work(work)

    def _work(self, fn) -> None:
        """Database work on the worker: the dialog stays responsive (demo data takes a few seconds)."""
        self.buttons.setEnabled(False)
        self.tasks.run(fn, on_done=lambda _result: self.accept(), on_error=self._refused)

    def _refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.used_demo = False
        for field in self.fields[ACCOUNT_FIELDS:]:  # a coordinator created before the refusal stays: not asked again
            field.setEnabled(self.db is None)
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
