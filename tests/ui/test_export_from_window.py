"""Exporting the households from the Households page: in the background, with a status, and Cancel leaves no file."""

import csv
import json

import pytest
from PySide6.QtCore import Qt

from fieldapp.services import households


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
