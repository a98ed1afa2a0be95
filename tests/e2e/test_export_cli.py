"""`fieldapp export` with its filters and XLSX: the households the Households page would show, one event's
distributions, the format taken from the file's name, mistakes refused in one line with no file left behind."""

from __future__ import annotations

import csv
import json

import openpyxl
import pytest
from cli_checks import assert_one_line_error, assert_usage_error

KHOURIBGA = "05.311.01.07"


@pytest.fixture
def town(cli):
    """Fatima (widow, served at Ramadan), Ahmed (not served); a volunteer checked in at Ramadan."""
    assert cli("init", "--association", "Association Al Amal", "--device", "KHR1").code == 0
    common = ("--commune", KHOURIBGA, "--consent", "--json")
    fatima = cli(
        "household", "add", "--name", "Fatima Benali", "--name-ar", "فاطمة بن علي", "--cin", "00123456",
        "--phone", "0612345678", "--flag", "widow", *common,
    ).json()  # fmt: skip
    ahmed = cli("household", "add", "--name", "Ahmed Alaoui", "--cin", "CD654321", *common).json()
    event = cli("event", "create", "--name", "Ramadan", "--date", "2026-03-01", "--item", "KIT:Panier:1", "--json")
    assert cli("distribute", "--event", "Ramadan", "--household", fatima["id"]).code == 0
    assert cli("volunteer", "add", "--name", "Samira Alaoui").code == 0
    assert cli("checkin", "Samira Alaoui", "--event", "Ramadan").code == 0
    return {"fatima": fatima["id"], "ahmed": ahmed["id"], "event": event.json()["id"]}


def test_widows_to_excel_in_arabic_the_format_taken_from_the_file_name(cli, town, tmp_path):
    target = tmp_path / "out" / "veuves.xlsx"
    result = cli("--lang", "ar", "export", "households", "--flag", "widow", "-o", str(target), "--json")

    assert result.code == 0, result
    assert result.json() == {"kind": "households", "format": "xlsx", "path": str(target), "count": 1}
    sheet = openpyxl.load_workbook(target).active
    header, row = (list(values) for values in sheet.iter_rows(values_only=True))
    assert sheet.sheet_view.rightToLeft and header[:4] == [
        "المعرف",
        "رب الأسرة",
        "رب الأسرة بالعربية",
        "البطاقة الوطنية",
    ]
    assert row[:4] == [town["fatima"], "Fatima Benali", "فاطمة بن علي", "00123456"]


def test_a_search_and_the_served_filters_choose_the_households(cli, town, tmp_path):
    found = cli("export", "households", "--search", "Ahmed", "--format", "csv", "-o", str(tmp_path / "s.csv"))
    assert found.code == 0, found
    with (tmp_path / "s.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert [row["id"] for row in csv.DictReader(handle)] == [town["ahmed"]]

    for option, expected in (("--served", town["fatima"]), ("--not-served", town["ahmed"])):
        target = tmp_path / f"{option}.json"
        assert cli("export", "households", option, "Ramadan", "-o", str(target)).code == 0
        assert [row["id"] for row in json.loads(target.read_text(encoding="utf-8"))] == [expected]


def test_one_events_distributions_and_attendance(cli, town, tmp_path):
    for kind in ("distributions", "attendance"):
        target = tmp_path / f"{kind}.json"
        result = cli("export", kind, "--event", town["event"], "-o", str(target), "--json")
        assert result.code == 0 and result.json()["format"] == "json" and result.json()["count"] == 1, result
    missing = cli("export", "distributions", "--event", "Aïd", "-o", str(tmp_path / "aid.csv"))
    assert_one_line_error(missing, 4)
    assert not (tmp_path / "aid.csv").exists()


def test_filters_for_another_kind_or_both_served_filters_are_refused(cli, town, tmp_path):
    target = tmp_path / "x.xlsx"
    assert "distributions, attendance" in assert_one_line_error(
        cli("export", "households", "--event", "Ramadan", "-o", str(target)), 5
    )
    assert_one_line_error(cli("export", "attendance", "--flag", "widow", "-o", str(target)), 5)
    assert_usage_error(cli("export", "households", "--served", "Ramadan", "--not-served", "Ramadan", "-o", "x.csv"))
    assert_usage_error(cli("export", "households", "--format", "ods", "-o", "x.ods"))
    assert not target.exists()
