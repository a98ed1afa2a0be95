"""Settings change the language live (Arabic: right to left) and are kept; the Sync page lists what HQ has not got."""

from PySide6.QtCore import Qt

from fieldapp.services import households, outbox, setup
from ui.shell.operations import run_operation


def test_choosing_arabic_in_settings_turns_the_window_right_to_left_and_is_kept(qtbot, window, demo_db):
    page = window.page("settings")
    window.show_page("settings")
    qtbot.waitUntil(lambda: page.association.text() != "")
    page.language.setCurrentIndex(page.language.findData("ar"))
    page.receipt_format.setCurrentIndex(page.receipt_format.findData("80mm"))
    page._mark_edited()

    qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: window.layoutDirection() == Qt.LayoutDirection.RightToLeft)
    kept = setup.current_settings(demo_db)
    assert kept["language"] == "ar" and kept["receipt_format"] == "80mm"


def test_an_empty_association_name_is_refused_and_the_form_keeps_what_was_typed(qtbot, window, demo_db):
    page = window.page("settings")
    window.show_page("settings")
    qtbot.waitUntil(lambda: page.association.text() != "")
    page.association.clear()
    qtbot.keyClicks(page.operator, "Samira")

    qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: "nom" in page.message.text().lower())
    assert page.operator.text() == "Samira"
    assert setup.current_settings(demo_db)["association_name"].startswith("Association Al Amal")


def test_the_sync_page_lists_changes_not_yet_sent_and_grows_with_a_new_one(qtbot, window, demo_db):
    page = window.page("sync")
    window.show_page("sync")
    before = outbox.pending_count(demo_db)
    qtbot.waitUntil(lambda: page.model.rowCount() == min(before, 500))

    new_family = households.HouseholdInput(consent=True, head_name="Nouvelle Famille", commune="05.311.01.07")
    run_operation(window.ctx, lambda: households.register_household(demo_db, new_family))  # as a page saves

    qtbot.waitUntil(lambda: str(before + 1) in page.summary.text().replace("\u202f", "").replace(" ", ""))
    assert page.sync_now.isEnabled() is False


def test_a_second_backup_folder_chosen_in_settings_gets_the_copy_made_when_the_window_closes(
    qtbot, window, demo_db, tmp_path
):
    from fieldapp.services import backups

    stick = tmp_path / "USB"
    stick.mkdir()
    page = window.page("settings")
    window.show_page("settings")
    qtbot.waitUntil(lambda: page.association.text() != "")
    qtbot.keyClicks(page.backup_folder, str(stick))
    qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: setup.current_settings(demo_db).get("backup_folder") == str(stick))

    window.close()  # the end of the day: the record changed since the last backup

    copies = sorted(stick.glob(f"{backups.PREFIX}*.sqlite3"))
    assert len(copies) == 1 and backups.keys_path(copies[0]).exists()
    assert backups.inspect(copies[0], key=demo_db.key).encrypted
