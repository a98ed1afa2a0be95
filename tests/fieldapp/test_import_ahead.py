"""A large file's later rows read by a second process: the dry run's report is the same, row for row, as read here."""

from __future__ import annotations

import pytest

from fieldapp import i18n
from fieldapp.importing import ahead
from fieldapp.services.households import HouseholdInput, register_household
from fieldapp.services.importing import check_import, run_import
from tests.fieldapp.test_import_check import MAPPING, fatima, table


def _rows() -> list[tuple]:
    rows = []
    for n in range(60):
        rows.append(fatima(head_name=f"Famille Numéro {n}", head_name_ar=None, cin=f"QA {100000 + n}",
                           phone=f"06612{n:05d}"))  # fmt: skip
    rows[45] = fatima(head_name="Fatima Benali", cin="AB 123 456")  # a registered household: an update, late
    rows[50] = fatima(head_name="Autre", cin="QA 100003")  # the CIN of row 3 of the file: refused, late
    rows[55] = fatima(phone="06 12", commune="Khouribgaa", size=77)  # errors, late
    rows[58] = fatima(head_name="Famille Numero 4", cin="QC 1", phone="0661200004")  # looks like row 4
    return rows


def _report(check) -> list[tuple]:
    return [(p.row.number, p.action, p.household_id, [(q.column, q.value, q.key, q.message, q.level)
            for q in p.problems], p.data, p.values, p.members, p.look_alikes) for p in check.rows]  # fmt: skip


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_rows_read_by_the_second_process_give_the_same_report_in_the_users_language(db, monkeypatch, language):
    register_household(db, HouseholdInput(head_name="Fatima Benali", cin="AB123456", commune="Khouribga",
                                          consent=True))  # fmt: skip
    monkeypatch.setattr(i18n, "_current", i18n._current)  # the language set below is put back after the test
    i18n.set_language(language)
    rows = table(*_rows())
    monkeypatch.setattr(ahead, "READ_AHEAD_FROM", 10**9)
    here = check_import(db, rows, MAPPING)
    monkeypatch.setattr(ahead, "READ_AHEAD_FROM", 10)
    split = check_import(db, rows, MAPPING)
    assert (here.read_ahead, split.read_ahead) == (0, 34)  # rows 24–59, but for the two of a registered CIN (re-read)
    assert _report(split) == _report(here)
    assert (split.created, split.updated, split.rejected) == (57, 1, 2)
    refused = {p.row.number: [q.key for q in p.problems] for p in split.rows if p.action == "reject"}
    assert "import.cin_twice_in_file" in refused[53] and "import.phone_invalid" in refused[58]
    if language == "ar":
        assert any("ال" in q.message for q in split.rows[55].problems)  # the late rows' messages are in Arabic
    result = run_import(db, split)
    assert (result.created, result.updated, result.rejected) == (57, 1, 2)
