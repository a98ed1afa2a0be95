"""The login screen: user name (the last one remembered), password, language; the check runs off the GUI thread.

The same form unlocks a locked window (ui/accounts/lock.py). Nothing here imports SQLAlchemy at start-up: the
screen shows first, then the services load on its worker while the person types (accounts.login needs them).
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp import i18n
from ui.accounts.prefs import LoginPrefs
from ui.shared.labels import fill
from ui.shared.styles import ERROR_STYLE
from ui.shell import translations
from ui.shell.context import error_text
from ui.shell.tasks import TaskRunner

#: after the screen is painted, the services load on the worker (the login waits for them there, never the window)
WARM_UP_AFTER_MS = 50


def _load_services() -> None:
    from fieldapp.services import accounts, setup

    del accounts, setup


def _login(data_dir: str | None, user: str, password: str):
    from fieldapp.services import accounts

    return accounts.login(data_dir, user, password)


class LoginForm(QFrame):
    """User name, password, language, a message, and the button; `logged_in(Database)` once the password opened the
    data (an error is shown in the form, in the screen's language, and the password field is cleared)."""

    logged_in = Signal(object)

    def __init__(self, data_dir: str | None, prefs: LoginPrefs, locking: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.prefs = prefs
        self.locking = locking
        self.tasks = TaskRunner(self)
        self.setObjectName("lockForm" if locking else "loginForm")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(460)  # a fixed width: the wrapped sentences get the height they need
        layout = QVBoxLayout(self)
        self.title = QLabel(self)
        self.title.setObjectName("loginTitle")
        font = QFont(self.title.font())
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        self.title.setFont(font)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setObjectName("loginDemoHint")
        self.hint.setWordWrap(True)
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        self.user = QLineEdit(self)
        self.user.setObjectName("loginUser")
        self.user.setText(prefs.last_user or prefs.demo_user)
        self.password = QLineEdit(self)
        self.password.setObjectName("loginPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.language = QComboBox(self)
        self.language.setObjectName("loginLanguage")
        for code in i18n.LANGUAGES:
            self.language.addItem(translations.LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(max(self.language.findData(i18n.current_language()), 0))
        self.labels = [QLabel(self) for _ in range(3)]
        for label, field in zip(self.labels, (self.user, self.password, self.language), strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        if locking:  # the window's language stays the association's; the lock asks only who unlocks
            form.setRowVisible(self.language, False)
        self.message = QLabel(self)
        self.message.setObjectName("loginMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.submit = QPushButton(self)
        self.submit.setObjectName("loginSubmit")
        self.submit.setDefault(True)
        for widget in (self.title, self.intro, self.hint):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.submit)
        self.submit.clicked.connect(self.log_in)
        self.password.returnPressed.connect(self.log_in)
        self.user.returnPressed.connect(self.password.setFocus)
        self.language.activated.connect(self._language_chosen)
        #: the person chose the language here (the window then keeps it, else the association's setting is used)
        self.language_chosen = False
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        if self.locking:
            self.title.setText(self.tr("Locked"))
            self.intro.setText(
                self.tr(
                    "The window locked itself after a while without use; sync and printing go on. Type your password "
                    "to go on, or log in as another user."
                )
            )
            self.submit.setText(self.tr("&Unlock"))
        else:
            self.title.setText("fieldapp")
            self.intro.setText(self.tr("Log in to open the association's data (it is encrypted on this laptop)."))
            self.submit.setText(self.tr("&Log in"))
        self.submit.setAccessibleName(self.submit.text().replace("&", ""))
        texts = (self.tr("&User name"), self.tr("&Password"), self.tr("Lan&guage"))
        for label, text, field in zip(self.labels, texts, (self.user, self.password, self.language), strict=True):
            label.setText(text)
            field.setAccessibleName(text.replace("&", ""))
        self._show_hint()

    def _show_hint(self) -> None:
        if not self.prefs.demo_user:
            self.hint.hide()
            return
        from fieldapp.services.accounts import DEMO_PASSWORD  # only for a demo folder: the services load now

        self.hint.setText(
            fill(self.tr("Demo data (fake families): user %1, password %2"), self.prefs.demo_user, DEMO_PASSWORD)
        )
        self.hint.show()

    def start(self) -> None:
        """Focus where typing starts, and the services loaded on the worker once the screen is painted."""
        (self.password if self.user.text() else self.user).setFocus()
        QTimer.singleShot(WARM_UP_AFTER_MS, self, lambda: self.tasks.run(_load_services, on_error=lambda _e: None))

    def _language_chosen(self) -> None:
        self.language_chosen = True
        translations.install(QApplication.instance(), self.language.currentData())

    def log_in(self) -> None:
        if not self.submit.isEnabled():
            return
        user, password = self.user.text().strip(), self.password.text()
        if not user:
            self.user.setFocus()
            return
        self.submit.setEnabled(False)
        self.message.setText(self.tr("Checking…"))
        data_dir = self.data_dir
        self.tasks.run(lambda: _login(data_dir, user, password), on_done=self._opened, on_error=self._refused)

    def _opened(self, db) -> None:
        self.submit.setEnabled(True)
        self.message.clear()
        self.password.clear()
        self.prefs.last_user = db.account.name if db.account else self.user.text().strip()
        self.prefs.language = i18n.current_language()
        with contextlib.suppress(OSError):  # a read-only folder: the name is not remembered, nothing else changes
            self.prefs.save(self.data_dir)
        self.logged_in.emit(db)

    def _refused(self, error: BaseException) -> None:
        self.submit.setEnabled(True)
        self.message.setText(error_text(error, self.data_dir))  # NotAllowed's sentence; never a traceback
        self.message.setAccessibleName(self.message.text())
        self.password.clear()
        self.password.setFocus()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 — Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class LoginScreen(QWidget):
    """The first window of a data folder that has accounts: the form in the middle; `window` is the main window once
    someone logged in (ui/shell/app.py opens it)."""

    def __init__(self, data_dir: str | None, prefs: LoginPrefs) -> None:
        super().__init__()
        self.setObjectName("loginScreen")
        self.window_opened = None
        layout = QVBoxLayout(self)
        self.form = LoginForm(data_dir, prefs, parent=self)
        layout.addStretch(1)
        layout.addWidget(self.form, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.resize(1200, 760)
        self.setWindowTitle(self.tr("Log in"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.setWindowTitle(self.tr("Log in"))
        super().changeEvent(event)
