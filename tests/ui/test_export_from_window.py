"""Exporting the households from the Households page: what the list shows (its search or filters), to CSV, JSON or
Excel by the file's name, in the background, with a status, and Cancel leaves no file."""

import csv
import json

import openpyxl
import pytest
from PySide6.QtCore import Qt

from fieldapp.services import households
from ui.shell import translations


@pytest.fixture
def page(qtbot, window):
    window.show_page("households")
    shown = window.page("households")
    qtbot.waitUntil(lambda: not shown.model.loading and shown.model.rowCount() > 0)
    return shown


def test_the_households_are_exported_to_csv_from_the_page(qtbot, page, demo_db, tmp_path):
    target = tmp_path / "out" / "menages.csv"

    task = page.export_households(str(target))

    qtbot.waitUntil(lambda: target.exists() and not task.isVisible(), timeout=60_000)
    with open(target, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    expected = households.count_households(demo_db)
    assert len(rows) == expected
    assert {row["id"] for row in rows} == {h.id for h in households.list_households(demo_db, limit=10_000)}
    assert [p.name for p in target.parent.iterdir()] == ["menages.csv"]
    assert "menages.csv" in page.export_status.text() and str(expected) in page.export_status.text()
    assert page.export_button.objectName() == "householdExport" and page.export_button.accessibleName()


def test_a_json_file_name_gives_json(qtbot, page, demo_db, tmp_path):
    target = tmp_path / "menages.json"

    task = page.export_households(str(target))

    qtbot.waitUntil(lambda: target.exists() and not task.isVisible(), timeout=60_000)
    assert len(json.loads(target.read_text(encoding="utf-8"))) == households.count_households(demo_db)


def test_a_cancelled_export_leaves_no_file(qtbot, page, tmp_path):
    target = tmp_path / "out" / "menages.csv"

    task = page.export_households(str(target))
    qtbot.mouseClick(task.cancel_button, Qt.MouseButton.LeftButton)

    assert not task.isVisible()
    qtbot.waitUntil(lambda: not task.running, timeout=60_000)
    assert list(target.parent.iterdir()) == []
    assert page.export_status.text() == ""


def test_an_xlsx_file_name_gives_excel_with_only_the_households_the_filters_show(qtbot, page, demo_db, tmp_path):
    flag = next(h for h in households.list_households(demo_db, limit=100) if h.flags).flags[0]
    page.flag_filter.setCurrentIndex(page.flag_filter.findData(flag))
    qtbot.waitUntil(lambda: page.model.query.flag == flag and not page.model.loading)
    target = tmp_path / "menages.xlsx"

    task = page.export_households(str(target))

    qtbot.waitUntil(lambda: target.exists() and not task.isVisible(), timeout=60_000)
    sheet = openpyxl.load_workbook(target).active
    header, *rows = sheet.iter_rows(values_only=True)
    assert sheet.title == "Foyers" and header[:2] == ("Identifiant", "Chef de foyer") and sheet.freeze_panes == "A2"
    shown = {page.model.household_at(row).id for row in range(page.model.rowCount())}
    assert {row[0] for row in rows} == shown == {h.id for h in households.list_households(demo_db, flag=flag)}
    assert len(shown) < households.count_households(demo_db)
    assert str(len(shown)) in page.export_status.text()


def test_a_search_exports_its_matches(qtbot, page, demo_db, tmp_path):
    wanted = next(h for h in households.list_households(demo_db, limit=100) if h.cin)
    qtbot.keyClicks(page.search, wanted.cin)
    qtbot.waitUntil(lambda: page.model.query.text == wanted.cin and not page.model.loading)
    target = tmp_path / "recherche.csv"

    task = page.export_households(str(target))

    qtbot.waitUntil(lambda: target.exists() and not task.isVisible(), timeout=60_000)
    with open(target, encoding="utf-8-sig", newline="") as handle:
        assert [row["id"] for row in csv.DictReader(handle)] == [wanted.id]


def test_in_arabic_the_workbook_reads_right_to_left_with_arabic_headers(qtbot, page, french, tmp_path):
    translations.install(french, "ar")
    target = tmp_path / "الأسر.xlsx"

    task = page.export_households(str(target))

    qtbot.waitUntil(lambda: target.exists() and not task.isVisible(), timeout=60_000)
    sheet = openpyxl.load_workbook(target).active
    header = next(sheet.iter_rows(max_row=1, values_only=True))
    assert sheet.title == "الأسر" and sheet.sheet_view.rightToLeft and "البطاقة الوطنية" in header
