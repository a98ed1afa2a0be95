"""Logging in at the desktop: the login screen of a folder with accounts, the set-up dialog's first coordinator and its
recovery key shown once, an old plain record converted, and `fieldapp app --demo`'s login hint."""

import subprocess

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from raw_db import TEST_PASSWORD, TEST_USER

from fieldapp import encryption, paths
from fieldapp.db import Database
from fieldapp.services import accounts, households, setup
from ui.accounts.login import LoginScreen
from ui.accounts.prefs import LoginPrefs
from ui.accounts.recovery_dialog import RecoveryKeyDialog
from ui.settings.setup_dialog import SetupDialog
from ui.shell import translations
from ui.shell.app import ensure_ready, open_window


def log_in(qtbot, screen: LoginScreen, user: str, password: str) -> None:
    form = screen.form
    form.user.setText(user)
    form.password.setText(password)
    qtbot.mouseClick(form.submit, Qt.MouseButton.LeftButton)


def test_a_wrong_password_is_refused_in_a_sentence_and_the_right_one_opens_the_desk(qtbot, french, demo_db, data_dir):
    demo_db.dispose()
    screen = open_window(french, str(data_dir))
    assert isinstance(screen, LoginScreen)
    qtbot.addWidget(screen)

    log_in(qtbot, screen, TEST_USER, "not-the-password")

    qtbot.waitUntil(lambda: screen.form.submit.isEnabled() and screen.form.message.text() != "Vérification…")
    assert screen.form.message.text() == "Nom d'utilisateur ou mot de passe incorrect."
    assert screen.form.password.text() == "" and screen.window_opened is None

    log_in(qtbot, screen, TEST_USER, TEST_PASSWORD)

    qtbot.waitUntil(lambda: screen.window_opened is not None, timeout=20_000)
    window = screen.window_opened
    qtbot.addWidget(window)
    assert window.ctx.account.name == TEST_USER and window.ctx.db.key is not None
    desk = window.page("desk")
    qtbot.waitUntil(lambda: desk.counters.stats is not None and window.ctx.tasks.idle)
    assert window.account_button.text() == "Samira (coordinateur)"
    assert LoginPrefs.load(data_dir).last_user == TEST_USER  # the next login screen fills the name in
    window.close()
    window.ctx.db.dispose()


def test_the_login_screen_switches_to_arabic_right_to_left(qtbot, french, demo_db, data_dir):
    LoginPrefs(last_user=TEST_USER).save(data_dir)
    screen = LoginScreen(str(data_dir), LoginPrefs.load(data_dir))
    qtbot.addWidget(screen)
    assert screen.form.user.text() == TEST_USER

    screen.form.language.setCurrentIndex(screen.form.language.findData("ar"))
    screen.form.language.activated.emit(screen.form.language.currentIndex())

    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert screen.form.submit.text() == "&دخول"
    log_in(qtbot, screen, TEST_USER, "faux-mot-de-passe")
    qtbot.waitUntil(lambda: screen.form.submit.isEnabled() and "…" not in screen.form.message.text())
    assert screen.form.message.text() == "اسم المستخدم أو كلمة المرور غير صحيحة."
    translations.install(french, "fr")


def test_a_new_folder_is_set_up_with_its_first_coordinator_and_shows_the_recovery_key(qtbot, french, data_dir):
    dialog = SetupDialog(None, data_dir=str(data_dir))
    qtbot.addWidget(dialog)
    for field, text in (
        (dialog.association, "Association Al Amal"),
        (dialog.device, "KHR1"),
        (dialog.user, "Amina"),
        (dialog.password, "un-long-mot-de-passe"),
        (dialog.password_again, "un-autre-mot-de-passe"),
    ):
        qtbot.keyClicks(field, text)

    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Les deux mots de passe tapés sont différents."
    assert not accounts.has_accounts(data_dir)
    dialog.password_again.setText("un-long-mot-de-passe")
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=20_000)
    assert accounts.has_accounts(data_dir) and dialog.db.account.name == "Amina"
    assert setup.current_identity(dialog.db).association_name == "Association Al Amal"
    assert accounts.keystore_of(data_dir).unlock_with_recovery_key(dialog.recovery_key) == dialog.db.key
    dialog.db.dispose()


def test_the_recovery_key_must_be_kept_before_going_on_and_prints_to_a_pdf(qtbot, french, tmp_path):
    dialog = RecoveryKeyDialog("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567", "Association Al Amal")
    qtbot.addWidget(dialog)
    dialog.show()

    assert not dialog.continue_button.isEnabled()
    dialog.reject()  # Escape does not skip it
    assert dialog.isVisible()
    pdf = dialog.write_pdf(str(tmp_path / "cle.pdf"))
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
    assert "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567" in text and "Association Al Amal" in text
    dialog.kept.click()
    assert dialog.continue_button.isEnabled()
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted


def answer_dialogs(qtbot, answers: list) -> None:
    """Each modal dialog, as it opens, handled by the next function of `answers` (the app runs them with exec())."""

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None and answers and getattr(modal, "_answered", False) is False:
            modal._answered = True
            answers.pop(0)(modal)
        if answers:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)


def test_an_old_plain_record_is_converted_by_its_first_coordinator_and_opens(qtbot, french, data_dir):
    plain = Database.open(data_dir)
    ensure_ready(plain, demo_households=10)
    setup.update_setting(plain, "demo", False)
    plain.dispose()
    shown = {}

    def coordinator(dialog: SetupDialog) -> None:
        shown["association_visible"] = dialog.association.isVisible()
        dialog.user.setText("Amina")
        dialog.password.setText("un-long-mot-de-passe")
        dialog.password_again.setText("un-long-mot-de-passe")
        dialog.start.click()

    def recovery(dialog: RecoveryKeyDialog) -> None:
        shown["key"] = dialog.recovery_key
        dialog.kept.setChecked(True)
        dialog.continue_button.click()

    answer_dialogs(qtbot, [coordinator, recovery])
    window = open_window(french, str(data_dir))

    qtbot.addWidget(window)
    assert shown["association_visible"] is False  # already set up: only the coordinator is asked
    assert not encryption.is_plain(paths.database_path(data_dir))
    assert window.ctx.account.name == "Amina" and households.count_households(window.ctx.db) == 10
    assert accounts.keystore_of(data_dir).unlock_with_recovery_key(shown["key"]) == window.ctx.db.key
    window.close()
    window.ctx.db.dispose()


def test_the_login_screen_of_a_demo_folder_shows_the_demo_credentials(qtbot, french, data_dir, monkeypatch):
    monkeypatch.delenv("FIELDAPP_USER")
    monkeypatch.delenv("FIELDAPP_PASSWORD")
    window = open_window(french, str(data_dir), demo=True)  # `fieldapp app --demo` on a new folder: logged straight in
    qtbot.addWidget(window)
    assert window.ctx.account.name == accounts.DEMO_USER
    window.close()
    window.ctx.db.dispose()

    screen = open_window(french, str(data_dir))

    qtbot.addWidget(screen)
    assert screen.form.user.text() == accounts.DEMO_USER
    assert accounts.DEMO_PASSWORD in screen.form.hint.text() and screen.form.hint.isVisibleTo(screen)
