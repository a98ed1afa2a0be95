"""First run: set the laptop up (refusals keep what was typed), or try the app with demo data."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from fieldapp.services import households, setup
from ui.settings.setup_dialog import SetupDialog


def test_setting_the_laptop_up_records_the_association_device_and_hq_address(qtbot, french, blank_db):
    dialog = SetupDialog(blank_db)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.association, "Association Al Amal")
    qtbot.keyClicks(dialog.device, "khr1")
    qtbot.keyClicks(dialog.hq_url, "https://hq.example.org")

    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    identity = setup.current_identity(blank_db)
    assert (identity.association_name, identity.device_code) == ("Association Al Amal", "KHR1")
    assert setup.current_settings(blank_db)["hq_url"] == "https://hq.example.org"


def test_a_bad_device_code_is_refused_and_everything_typed_stays(qtbot, french, blank_db):
    dialog = SetupDialog(blank_db)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.association, "Association Al Amal")
    qtbot.keyClicks(dialog.device, "K")

    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: "K" in dialog.error.text())
    assert dialog.association.text() == "Association Al Amal" and dialog.device.text() == "K"
    assert dialog.buttons.isEnabled() and dialog.result() != QDialog.DialogCode.Accepted
    assert setup.current_identity(blank_db) is None


def test_trying_with_demo_data_fills_the_database_without_freezing_the_dialog(qtbot, french, blank_db):
    dialog = SetupDialog(blank_db)
    qtbot.addWidget(dialog)

    qtbot.mouseClick(dialog.demo, Qt.MouseButton.LeftButton)

    assert not dialog.buttons.isEnabled()  # the work runs on the worker; the dialog answers meanwhile
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=60_000)
    assert dialog.used_demo and households.count_households(blank_db) == 200
