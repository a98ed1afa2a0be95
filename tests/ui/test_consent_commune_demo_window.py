"""Issue 14 in the window, in French and Arabic: the form's consent choice, the "without consent" filter, the default
commune pre-filled in the form and chosen at set-up or in the settings, and leaving the demo (warning, then set-up)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton
from test_households_page import fill_form, open_new_form

from fieldapp import paths
from fieldapp.keystore import KEYSTORE_FILE
from fieldapp.services import households, setup
from fieldapp.services.households import HouseholdInput
from ui.settings.setup_dialog import SetupDialog
from ui.shell import translations

KHOURIBGA = "05.311.01.07"
TEXTS = {
    "fr": {
        "given": "Le chef de foyer accepte d'être enregistré",
        "pending": "Pas encore : consentement à recueillir",
        "missing": "Indiquez si le chef de foyer accepte d'être enregistré",
        "filter": "Sans consentement",
        "leave": "Quitter la démo",
        "setup_commune": "Commune par défaut des nouveaux foyers (facultatif)",
    },
    "ar": {
        "given": "يوافق رب الأسرة على تسجيله",
        "pending": "ليس بعد: يجب الحصول على الموافقة",
        "missing": "حدد هل يوافق رب الأسرة على تسجيله",
        "filter": "بدون موافقة",
        "leave": "الخروج من العرض التجريبي",
        "setup_commune": "الجماعة الافتراضية للأسر الجديدة (اختياري)",
    },
}


@pytest.fixture(params=["fr", "ar"])
def language(request, french):
    translations.install(french, request.param)
    yield request.param
    translations.install(french, "fr")


@pytest.fixture
def page(qtbot, window, language):
    window.show_page("households")
    shown = window.page("households")
    qtbot.waitUntil(lambda: not shown.model.loading and shown.model.rowCount() > 0)
    return shown


def test_a_new_family_has_no_consent_choice_and_saving_without_one_says_so_beside_it(qtbot, page, demo_db, language):
    before = households.count_households(demo_db)
    form = open_new_form(qtbot, page)
    assert form.consent.given.text() == TEXTS[language]["given"]
    assert form.consent.pending.text() == TEXTS[language]["pending"]
    assert form.consent.value() is None and not form.consent.given.isChecked() and not form.consent.pending.isChecked()
    fill_form(qtbot, form, "Zahra Ouchen", "زهرة أوشن", "BK778899", "0661234567", consent=None)

    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: form.consent.error.isVisible())
    assert TEXTS[language]["missing"] in form.consent.error.text()
    assert form.is_marked(form.consent) and form.focusWidget() is form.consent.given
    assert (form.head_name.text(), form.cin.text(), form.douar.text()) == ("Zahra Ouchen", "BK778899", "Douar Lahlalma")
    assert households.count_households(demo_db) == before

    qtbot.mouseClick(form.consent.pending, Qt.MouseButton.LeftButton)
    assert not form.consent.error.isVisible() and not form.is_marked(form.consent)
    assert not form.consent_by.isEnabled()  # nobody collected a consent not given yet
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: households.count_households(demo_db) == before + 1)
    [saved] = households.search_households(demo_db, "BK778899")
    assert saved.consent_at is None


def test_a_family_on_file_shows_its_consent_and_keeps_it_when_edited(qtbot, page, demo_db, language):
    agreed = next(h for h in households.list_households(demo_db, consent=True))
    page.open_household(agreed.id)
    qtbot.waitUntil(lambda: page.form is not None and page.form.household is not None)
    form = page.form
    assert form.consent.given.isChecked() and form.consent_by.isEnabled()

    qtbot.keyClicks(form.notes, " ok")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: households.get_household(demo_db, agreed.id).notes != agreed.notes)
    kept = households.get_household(demo_db, agreed.id)
    assert (kept.consent_at, kept.consent_by) == (agreed.consent_at, agreed.consent_by)


def test_the_without_consent_filter_lists_the_families_whose_consent_is_to_be_collected(qtbot, page, demo_db, language):
    waiting = households.register_household(
        demo_db, HouseholdInput(head_name="Aaron Attente", commune=KHOURIBGA, consent=False)
    ).value
    expected = {h.id for h in households.list_households(demo_db, limit=500, consent=False)}
    assert page.without_consent_filter.text() == TEXTS[language]["filter"]

    page.without_consent_filter.click()

    qtbot.waitUntil(lambda: not page.model.loading and page.model.rowCount() == len(expected))
    shown = {page.model.index(row, 0).data(page.model.HouseholdRole).id for row in range(page.model.rowCount())}
    assert shown == expected and waiting.id in shown
    qtbot.mouseClick(page.clear_filters, Qt.MouseButton.LeftButton)
    assert not page.without_consent_filter.isChecked()
    qtbot.waitUntil(lambda: not page.model.loading and page.model.rowCount() > len(expected))


def test_a_new_family_starts_in_the_default_commune_which_stays_changeable(qtbot, page, demo_db, language):
    setup.update_settings(demo_db, {"default_commune": KHOURIBGA})

    form = open_new_form(qtbot, page)

    qtbot.waitUntil(lambda: form.commune.code() == KHOURIBGA)
    assert form.cancel_button.isEnabled() and not form._dirty()  # nothing typed yet: Escape closes at once
    form.commune.set_code(None)
    qtbot.keyClicks(form.commune.lineEdit(), "Oued Zem")
    assert form.commune.code() not in (None, KHOURIBGA)


def test_the_set_up_dialog_offers_the_default_commune(qtbot, blank_db, language):
    dialog = SetupDialog(blank_db)
    qtbot.addWidget(dialog)
    label = dialog.labels[dialog.fields.index(dialog.commune)]
    assert label.isVisibleTo(dialog) and label.text().replace("&", "") == TEXTS[language]["setup_commune"]
    qtbot.keyClicks(dialog.association, "Association Al Amal")
    qtbot.keyClicks(dialog.device, "KHR1")
    qtbot.keyClicks(dialog.commune.lineEdit(), KHOURIBGA)

    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    assert setup.current_settings(blank_db)["default_commune"] == KHOURIBGA


def test_the_settings_page_changes_the_default_commune(qtbot, window, demo_db, language):
    window.show_page("settings")
    page = window.page("settings")
    qtbot.waitUntil(lambda: page.association.text() != "")
    page.default_commune.set_code(KHOURIBGA)
    page.default_commune.activated.emit(page.default_commune.currentIndex())

    qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: setup.current_settings(demo_db)["default_commune"] == KHOURIBGA)


def top_level(kind, name: str):
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.objectName() == name]
    return found[-1] if found and found[-1].isVisible() else None


def test_leaving_the_demo_warns_then_sets_the_demo_aside_and_opens_the_set_up(qtbot, window, demo_db, language):
    data_dir = demo_db.path.parent
    window.show_page("settings")
    page = window.page("settings")
    qtbot.waitUntil(lambda: page.leave_demo.isVisible())
    qtbot.waitUntil(lambda: window.leave_demo_button.isVisible())  # the hint in sight from every page

    qtbot.mouseClick(page.leave_demo, Qt.MouseButton.LeftButton)

    box = page.findChild(QMessageBox, "leaveDemoWarning")
    assert box is not None and box.isVisible() and TEXTS[language]["leave"] in box.windowTitle()
    assert "demo-archive" in box.informativeText()
    box.findChild(QPushButton, "leaveDemoCancel").click()  # a misclick: nothing happens
    assert (data_dir / paths.DATABASE_FILE).exists() and window.isVisible()

    page.ask_to_leave_demo().findChild(QPushButton, "leaveDemoConfirm").click()

    qtbot.waitUntil(lambda: top_level(SetupDialog, "setupDialog") is not None, timeout=20_000)
    dialog = top_level(SetupDialog, "setupDialog")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not window.isVisible())
    [archive] = data_dir.glob("demo-archive-*")
    assert (archive / paths.DATABASE_FILE).exists() and (archive / KEYSTORE_FILE).exists()
    assert not (data_dir / paths.DATABASE_FILE).exists() and not (data_dir / KEYSTORE_FILE).exists()
    assert dialog.user.isVisibleTo(dialog) and dialog.db is None  # the first coordinator is asked, as on a new laptop
    dialog.reject()
