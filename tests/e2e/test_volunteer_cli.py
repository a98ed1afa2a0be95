"""`fieldapp volunteer edit|deactivate|reactivate` as a coordinator types them: JSON out, the usual exit codes."""

from __future__ import annotations

import pytest
from cli_checks import assert_one_line_error


def ok(result):
    assert result.code == 0, result
    return result


@pytest.fixture
def samira(cli) -> dict:
    ok(cli("init", "--association", "Association Al Amal", "--device", "KHR1"))
    ok(cli("event", "create", "--name", "Panier Ramadan", "--date", "2026-02-14", "--item", "KIT:Panier:1"))
    return ok(cli("volunteer", "add", "--name", "Samira Alaoui", "--phone", "0661234567", "--json")).json()


def test_edit_changes_the_fields_given_with_the_phone_in_e164(cli, samira):
    edited = ok(cli("volunteer", "edit", "Samira Alaoui", "--name", "Samira El Alaoui", "--phone", "06 62 00 00 00"))

    assert "Samira El Alaoui" in edited.out
    [listed] = ok(cli("volunteer", "list", "--json")).json()
    assert (listed["id"], listed["name"], listed["phone"], listed["active"]) == (
        samira["id"],
        "Samira El Alaoui",
        "+212662000000",
        True,
    )


def test_a_bad_phone_on_edit_exits_5_and_an_unknown_volunteer_4(cli, samira):
    assert_one_line_error(cli("volunteer", "edit", samira["id"], "--phone", "0612"), 5)
    assert_one_line_error(cli("volunteer", "edit", "Personne", "--name", "X"), 4)


def test_deactivated_off_the_list_and_check_in_refused_then_back_after_reactivate(cli, samira):
    deactivated = ok(cli("volunteer", "deactivate", "0661234567", "--json")).json()

    assert (deactivated["id"], deactivated["active"]) == (samira["id"], False)
    assert ok(cli("volunteer", "list", "--json")).json() == []
    assert [v["active"] for v in ok(cli("volunteer", "list", "--all", "--json")).json()] == [False]
    line = assert_one_line_error(cli("checkin", "Samira Alaoui", "--event", "Panier Ramadan"), 3)
    assert "Samira Alaoui" in line
    assert_one_line_error(cli("volunteer", "deactivate", samira["id"]), 3)

    assert ok(cli("volunteer", "reactivate", "Samira Alaoui", "--json")).json()["active"] is True
    ok(cli("checkin", "Samira Alaoui", "--event", "Panier Ramadan"))


def test_a_volunteer_account_may_not_edit_nor_deactivate(cli, samira, monkeypatch):
    ok(cli("user", "add", "Karim", "--role", "volunteer", "--password", "karim-secret"))
    monkeypatch.setenv("FIELDAPP_USER", "Karim")
    monkeypatch.setenv("FIELDAPP_PASSWORD", "karim-secret")

    assert_one_line_error(cli("volunteer", "deactivate", samira["id"]), 7)
    assert_one_line_error(cli("volunteer", "edit", samira["id"], "--name", "S. Alaoui"), 7)
    assert [v["active"] for v in ok(cli("volunteer", "list", "--json")).json()] == [True]
