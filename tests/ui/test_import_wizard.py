"""The import wizard on the Households page: a real list read, its columns mapped, every row checked, the good ones
imported, the refused ones saved to fix; files that are not lists said so in the dialog; no import for a volunteer."""

import csv
import threading
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fieldapp.services import accounts, households
from fieldapp.services.importing import saved_mapping
from ui.importing.wizard import FILE, IMPORT, MAPPING, REPORT, ImportWizard
from ui.shell import translations
from ui.shell.app import build_window

DATA = Path(__file__).resolve().parent.parent / "data"
HEADERS = ["Nom", "الاسم", "N° CIN", "Téléphone", "Commune", "Taille", "Consentement", "Colonne à ignorer"]
GOOD = [
    ["Fatima Benali", "فاطمة بن علي", "ZX 100 001", "0612345678", "Khouribga", 4, "oui", "a"],
    ["Ahmed Alaoui", "أحمد العلوي", "ZX100002", "0661234567", "Oued Zem", 3, "oui", "b"],
    ["Omar Tazi", "", "ZX100003", "+33 6 12 34 56 78", "Khouribga", 2, "oui", "c"],  # a foreign phone: a warning
]
BAD = [
    ["Khadija Amrani", "", "ZX100004", "0612121212", "Khouribga", "beaucoup", "oui", "d"],  # size: an error
    ["Said Idrissi", "", "ZX100005", "0613131313", "Ville-Inconnue-Qui-N-Existe-Pas", 5, "oui", "e"],  # commune
]


@pytest.fixture
def page(qtbot, window):
    window.show_page("households")
    shown = window.page("households")
    qtbot.waitUntil(lambda: not shown.model.loading and shown.model.rowCount() > 0)
    return shown


def csv_list(path):
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADERS)
        writer.writerows(GOOD + BAD)
    return path


def workbook_list(path):
    """Two sheets: a note first, the list on the second (the person picks it in the sheet combo)."""
    book = openpyxl.Workbook()
    book.active.title = "Lisez-moi"
    book.active["A1"] = "Liste envoyée par la commune"
    sheet = book.create_sheet("Familles")
    sheet.append(HEADERS)
    for row in GOOD + BAD:
        sheet.append(row)
    book.save(path)
    return path


def open_wizard(qtbot, page) -> ImportWizard:
    qtbot.mouseClick(page.importing.button, Qt.MouseButton.LeftButton)
    wizard = page.importing.wizard
    assert wizard is not None and wizard.isVisible() and wizard.step == FILE
    return wizard


def read(qtbot, wizard, path, sheet=None):
    if sheet is None:
        wizard.open_file(str(path))
    else:
        wizard.file_step.sheet.setCurrentText(sheet)
    qtbot.waitUntil(lambda: not wizard.reading)


def check(qtbot, wizard):
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.step == REPORT)


def test_a_csv_list_is_mapped_checked_and_imported_and_its_rejected_rows_saved(qtbot, page, demo_db, tmp_path):
    before = households.count_households(demo_db)
    wizard = open_wizard(qtbot, page)
    read(qtbot, wizard, csv_list(tmp_path / "familles.csv"))
    assert wizard.file_step.message.isHidden() and "5" in wizard.file_step.read_info.text()
    assert not wizard.file_step.sheet.isVisibleTo(wizard)  # a CSV has no sheets
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.step == MAPPING

    mapping = wizard.mapping_step.mapping()  # the headers recognised, the unknown column left out
    assert mapping == {0: "head_name", 1: "head_name_ar", 2: "cin", 3: "phone", 4: "commune", 5: "size", 6: "consent"}
    preview = wizard.mapping_step.preview
    assert preview.rowCount() == 5 and preview.data(preview.index(0, 0)) == "Fatima Benali"
    assert preview.headerData(0, Qt.Orientation.Horizontal).startswith("Nom du chef de famille")
    assert preview.headerData(7, Qt.Orientation.Horizontal).startswith("(ignorée)")
    wizard.mapping_step.choose(4, "cin")  # a field goes to one column: CIN leaves column C
    assert wizard.mapping_step.mapping()[4] == "cin" and 2 not in wizard.mapping_step.mapping()
    wizard.mapping_step.choose(2, "cin")
    wizard.mapping_step.choose(4, "commune")

    check(qtbot, wizard)
    counts = wizard.report_step.counts
    assert (counts["created"], counts["updated"], counts["rejected"]) == (3, 0, 2)
    assert counts["warnings"] >= 1
    assert "Rejetées (non importées) : 2" in wizard.report_step.count_labels["rejected"].text()
    problems = wizard.report_step.problems
    rows = {problems.data(problems.index(r, 0)) for r in range(problems.rowCount())}
    assert {"5", "6"} <= rows  # the two refused rows, by the line number of the file
    colours = {problems.data(problems.index(r, 0), Qt.ItemDataRole.BackgroundRole).color().name()
               for r in range(problems.rowCount())}  # fmt: skip
    assert colours == {"#ffc7ce", "#ffeb9c"}  # errors and warnings each in their colour
    assert households.count_households(demo_db) == before  # the check wrote nothing
    assert wizard.save_rejected_button.isVisible() and wizard.next_button.text() == "Importer 3 foyers"

    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.step == IMPORT
    qtbot.waitUntil(lambda: wizard.result is not None)
    assert (wizard.result.created, wizard.result.rejected, wizard.result.cancelled) == (3, 2, False)
    summary = wizard.import_step.status.text() + " " + wizard.import_step.rejected_text.text()
    assert "3 foyers créés" in summary and "2 lignes n'ont PAS été importées" in summary
    assert "succès" not in summary.lower() and "Import terminé." in summary
    assert wizard.import_step.problems.rowCount() == problems.rowCount()  # still listed once imported
    assert households.count_households(demo_db) == before + 3
    found = households.search_households(demo_db, "ZX100002")
    assert [h.head_name for h in found] == ["Ahmed Alaoui"]
    assert saved_mapping(demo_db)  # the columns as chosen are remembered for the next list
    assert wizard.close_button.text() == "Fermer"

    rejected = tmp_path / "rejets.xlsx"
    wizard.save_rejected(str(rejected))
    qtbot.waitUntil(lambda: "rejets.xlsx" in wizard.status.text())
    sheet = openpyxl.load_workbook(rejected).worksheets[0]
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["Khadija Amrani", "Said Idrissi"]
    qtbot.mouseClick(wizard.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.importing.wizard is None)
    qtbot.waitUntil(lambda: page._count == before + 3)  # the page behind counted the new households


def test_a_workbook_list_is_read_from_the_sheet_chosen(qtbot, page, demo_db, tmp_path):
    wizard = open_wizard(qtbot, page)
    path = workbook_list(tmp_path / "familles.xlsx")
    read(qtbot, wizard, path)
    assert wizard.file_step.sheet.isVisibleTo(wizard)
    assert [wizard.file_step.sheet.itemText(i) for i in range(2)] == ["Lisez-moi", "Familles"]
    read(qtbot, wizard, path, sheet="Familles")
    assert wizard.table.sheet == "Familles" and wizard.table.headers[0] == "Nom"
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    check(qtbot, wizard)
    assert (wizard.report_step.counts["created"], wizard.report_step.counts["rejected"]) == (3, 2)


def test_files_that_are_not_lists_are_said_so_in_the_dialog(qtbot, page, tmp_path):
    wizard = open_wizard(qtbot, page)
    photo = tmp_path / "photo.csv"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    truncated = tmp_path / "coupé.xlsx"
    truncated.write_bytes(workbook_list(tmp_path / "entier.xlsx").read_bytes()[:300])
    for path, words in (
        (photo, "n'est pas un fichier CSV"),
        (truncated, "endommagé"),
        (DATA / "import_protected.xlsx", "mot de passe"),
    ):
        read(qtbot, wizard, path)
        message = wizard.file_step.message
        assert message.isVisibleTo(wizard) and path.name in message.text() and words in message.text()
        assert "Traceback" not in message.text() and not wizard.next_button.isEnabled()


def test_a_list_without_a_name_column_is_refused_at_the_check(qtbot, page, tmp_path):
    wizard = open_wizard(qtbot, page)
    read(qtbot, wizard, csv_list(tmp_path / "familles.csv"))
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    for column in (0, 1, 2):
        wizard.mapping_step.choose(column, None)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.mapping_step.message.isVisibleTo(wizard))
    assert wizard.step == MAPPING and "nom du chef de famille" in wizard.mapping_step.message.text()


def test_the_template_is_saved_from_the_first_step(qtbot, page, tmp_path):
    wizard = open_wizard(qtbot, page)
    target = tmp_path / "modele.xlsx"
    wizard.save_template(str(target))
    qtbot.waitUntil(lambda: "modele.xlsx" in wizard.status.text())
    headers = [cell.value for cell in openpyxl.load_workbook(target).worksheets[0][1]]
    assert headers[0].startswith("Nom du chef de famille")


def test_a_volunteer_is_not_offered_the_import(qtbot, french, demo_db, data_dir):
    accounts.add_user(demo_db, "Youssef", "volunteer", "mot-de-passe-benevole")
    db = accounts.login(data_dir, "Youssef", "mot-de-passe-benevole")
    window = build_window(db, str(data_dir))
    qtbot.addWidget(window)
    window.show()
    window.show_page("households")
    page = window.page("households")
    assert not page.importing.button.isVisibleTo(page) and not page.importing.button.isEnabled()
    assert page.importing.open_wizard() is None
    window.close()
    db.dispose()


def held_worker(page):
    """The database worker kept busy until the returned event is set: what is asked next waits behind it."""
    release = threading.Event()
    page.ctx.tasks.run(lambda: release.wait(30))
    return release


def test_cancel_during_the_check_goes_back_to_the_columns(qtbot, page, tmp_path):
    wizard = open_wizard(qtbot, page)
    read(qtbot, wizard, csv_list(tmp_path / "familles.csv"))
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    release = held_worker(page)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # Check the rows
    assert wizard.job is not None and wizard.close_button.text() == "Annuler"
    qtbot.mouseClick(wizard.close_button, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: wizard.job is None)
    assert wizard.isVisible() and wizard.step == MAPPING and wizard.check is None
    assert wizard.next_button.isEnabled()  # the check can be asked again


def test_cancel_during_the_import_keeps_the_window_and_says_it_stopped(qtbot, page, demo_db, tmp_path):
    before = households.count_households(demo_db)
    wizard = open_wizard(qtbot, page)
    read(qtbot, wizard, csv_list(tmp_path / "familles.csv"))
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    check(qtbot, wizard)
    release = held_worker(page)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # Import 3 households
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)  # Escape, like Cancel, stops the import and leaves the window open
    assert wizard.isVisible() and wizard.job.cancelled
    release.set()
    qtbot.waitUntil(lambda: wizard.result is not None)
    assert wizard.result.cancelled and wizard.result.created == 0
    assert wizard.import_step.status.text().startswith("Import arrêté (Annuler).")
    assert "terminé" not in wizard.import_step.status.text()
    assert households.count_households(demo_db) == before
    assert wizard.close_button.text() == "Fermer" and wizard.close_button.isEnabled()


def test_the_columns_chosen_are_proposed_again_for_the_next_list(qtbot, page, tmp_path):
    wizard = open_wizard(qtbot, page)
    path = csv_list(tmp_path / "familles.csv")
    read(qtbot, wizard, path)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert 7 not in wizard.mapping_step.mapping()
    wizard.mapping_step.choose(7, "notes")  # "Colonne à ignorer" holds the notes, for this association
    check(qtbot, wizard)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.result is not None)
    qtbot.mouseClick(wizard.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.importing.wizard is None)

    again = open_wizard(qtbot, page)
    read(qtbot, again, path)
    assert again.mapping_step.mapping()[7] == "notes"


def test_the_wizard_follows_a_change_to_arabic_right_to_left(qtbot, page, tmp_path):
    wizard = open_wizard(qtbot, page)
    read(qtbot, wizard, csv_list(tmp_path / "familles.csv"))
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    check(qtbot, wizard)
    translations.install(QApplication.instance(), "ar")
    assert wizard.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert wizard.windowTitle() == "استيراد لائحة الأسر"
    assert wizard.report_step.count_labels["rejected"].text() == "مرفوضة (لن تُستورَد): 2"
    assert wizard.next_button.text() == "استيراد 3 أسر"
    preview = wizard.mapping_step.preview
    assert preview.headerData(0, Qt.Orientation.Horizontal).startswith("اسم رب الأسرة")
    assert wizard.mapping_step.combos[0].currentText() == "اسم رب الأسرة بالحروف اللاتينية"
    assert page.importing.button.text() == "استيراد لائحة…"


def test_an_old_excel_xls_list_is_read_and_previewed(qtbot, page):
    wizard = open_wizard(qtbot, page)
    read(qtbot, wizard, DATA / "import_households.xls")
    assert wizard.file_step.message.isHidden() and wizard.next_button.isEnabled()
    assert "ligne 3" in wizard.file_step.read_info.text() and "3 lignes" in wizard.file_step.read_info.text()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    preview = wizard.mapping_step.preview
    assert preview.rowCount() == 3 and preview.data(preview.index(0, 1)) == "أحمد العلوي"
    assert preview.data(preview.index(0, 3)) == "612345678"  # a phone typed as a number, without ".0"
