"""The `fieldapp` command's contract: commands, --json keys, exit codes, one-line errors, nothing written on refusal.

Exit codes: 0 done, 2 usage, 3 refused by a rule, 4 not found, 5 bad data. Errors are one line on stderr, never a
traceback. Most tests run the command in this process (`cli`); a few run `python -m fieldapp` for real (`cli_process`).
"""

from __future__ import annotations

import contextlib
import csv
import json
import re
from pathlib import Path

import pytest
import raw_db
from cli_checks import assert_one_line_error, assert_usage_error

from fieldapp import __version__
from fieldapp.paths import DATABASE_FILE

KHOURIBGA = "05.311.01.07"
RECEIPT = re.compile(r"^[A-Z0-9]{2,12}-\d{4}-\d{5}$")
ARABIC = re.compile("[\u0600-\u06ff]")


# --- helpers -------------------------------------------------------------------------------------------------------


def count_rows(data_dir: Path, table: str) -> int:
    with contextlib.closing(raw_db.connect(data_dir)) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def written_rows(data_dir: Path) -> dict[str, int]:
    """What a change leaves behind: rows in the main tables, the journal and the audit trail."""
    tables = ("households", "members", "volunteers", "events", "event_items", "distributions", "distribution_voids")
    return {t: count_rows(data_dir, t) for t in (*tables, "attendance", "journal", "audit")}


def household_count(cli) -> int:
    result = cli("household", "list", "--limit", "1000", "--json")
    assert result.code == 0, result
    return len(result.json())


def add_household(cli, name: str, *extra: str) -> dict:
    result = cli("household", "add", "--consent", "--name", name, "--commune", KHOURIBGA, *extra, "--json")
    assert result.code == 0, result
    return result.json()


@pytest.fixture
def ready(cli):
    """`fieldapp init` done: the laptop belongs to an association and has a device code."""
    result = cli("init", "--association", "Association Al Amal", "--device", "KHR1")
    assert result.code == 0, result
    return cli


@pytest.fixture
def fatima(ready) -> dict:
    return add_household(
        ready,
        "Fatima Zahra Benali",
        "--name-ar",
        "فاطمة الزهراء بن علي",
        "--cin",
        "AB123456",
        "--phone",
        "0612345678",
        "--douar",
        "Douar Ouled Said",
        "--flag",
        "widow",
        "--member",
        "Youssef Benali;M;2015;child",
        "--member",
        "Salma Benali;F;2019;child",
    )


@pytest.fixture
def ramadan(ready) -> dict:
    result = ready(
        "event",
        "create",
        "--name",
        "Panier Ramadan",
        "--date",
        "2026-02-14",
        "--item",
        "KIT:Panier alimentaire:1",
        "--item",
        "RIZ:Riz 1 kg:2:per-member",
        "--json",
    )
    assert result.code == 0, result
    return result.json()


@pytest.fixture
def served(ready, fatima, ramadan) -> dict:
    result = ready("distribute", "--event", ramadan["id"], "--household", fatima["id"], "--json")
    assert result.code == 0, result
    return result.json()


# --- each command works --------------------------------------------------------------------------------------------


def test_version_as_a_real_process(cli_process):
    result = cli_process("--version")
    assert result.code == 0, result
    assert result.out.strip() == f"fieldapp {__version__}"
    assert result.err == ""


def test_init_prints_the_identity(cli, data_dir):
    result = cli("--json", "init", "--association", "Association Al Amal", "--device", "khr-1")
    assert result.code == 0, result
    identity = result.json()
    assert identity["id"] and identity["id"] == identity["association_id"]
    assert identity["association_name"] == "Association Al Amal"
    assert identity["device_code"] == "KHR1"
    assert (data_dir / DATABASE_FILE).is_file()

    human = cli("init", "--association", "Association Al Amal (Khouribga)", "--device", "KHR1")
    assert human.code == 0, human
    assert "KHR1" in human.out and identity["id"] in human.out


def test_init_again_with_another_device_is_refused(ready):
    assert_one_line_error(ready("init", "--association", "Autre", "--device", "OTHER"), 3)


def test_household_add_json_has_the_id_and_the_normalised_record(fatima):
    assert fatima["id"]
    assert fatima["head_name"] == "Fatima Zahra Benali"
    assert fatima["head_name_ar"] == "فاطمة الزهراء بن علي"
    assert fatima["cin"] == "AB123456"
    assert fatima["phone"] == "+212612345678"
    assert fatima["commune_code"] == KHOURIBGA
    assert fatima["flags"] == ["widow"]
    assert fatima["size"] == 3
    assert [(m["name"], m["sex"], m["birth_year"], m["relation"]) for m in fatima["members"]] == [
        ("Youssef Benali", "M", 2015, "child"),
        ("Salma Benali", "F", 2019, "child"),
    ]
    assert fatima["warnings"] == []


def test_household_add_human_output(ready):
    result = ready(
        "household", "add", "--consent", "--name", "Ahmed Tazi", "--commune", "Khouribga", "--phone", "0661234567"
    )
    assert result.code == 0, result
    assert "Ahmed Tazi" in result.out and "06 61 23 45 67" in result.out  # as people write it; JSON keeps E.164
    assert "+212661234567" not in result.out and "Traceback" not in result.err


def test_household_show_by_id_and_by_cin(ready, fatima):
    by_id = ready("household", "show", fatima["id"], "--json")
    assert by_id.code == 0, by_id
    assert by_id.json()["id"] == fatima["id"]
    assert len(by_id.json()["members"]) == 2

    by_cin = ready("household", "show", "ab 123456", "--json")
    assert by_cin.code == 0, by_cin
    assert by_cin.json()["id"] == fatima["id"]

    human = ready("household", "show", fatima["id"])
    assert human.code == 0, human
    assert "Fatima Zahra Benali" in human.out and "Youssef Benali" in human.out


def test_household_list_prints_the_records(ready, fatima):
    add_household(ready, "Ahmed Tazi", "--cin", "Q123456")
    result = ready("household", "list", "--json")
    assert result.code == 0, result
    rows = result.json()
    assert [r["head_name"] for r in rows] == ["Ahmed Tazi", "Fatima Zahra Benali"]
    assert all({"id", "head_name", "cin", "phone", "commune_code", "size"} <= r.keys() for r in rows)

    human = ready("household", "list")
    assert human.code == 0, human
    assert "Ahmed Tazi" in human.out and "Fatima Zahra Benali" in human.out


def test_household_update_changes_only_the_given_fields(ready, fatima):
    result = ready(
        "household",
        "update",
        fatima["id"],
        "--phone",
        "0698765432",
        "--member",
        "Youssef Benali;M;2015;child",
        "--json",
    )
    assert result.code == 0, result
    updated = result.json()
    assert updated["id"] == fatima["id"]
    assert updated["phone"] == "+212698765432"
    assert updated["cin"] == "AB123456" and updated["head_name"] == fatima["head_name"]
    assert [m["name"] for m in updated["members"]] == ["Youssef Benali"]
    assert ready("household", "show", fatima["id"], "--json").json()["phone"] == "+212698765432"


@pytest.mark.parametrize("text", ["fatima zah", "فاطمة", "AB123456", "0612 34", "benali"])
def test_search_finds_by_name_arabic_name_cin_and_phone(ready, fatima, text):
    add_household(ready, "Ahmed Tazi", "--cin", "Q123456")
    result = ready("search", text, "--json")
    assert result.code == 0, result
    assert [r["id"] for r in result.json()] == [fatima["id"]]


def test_search_with_no_match_is_an_empty_list(ready, fatima):
    result = ready("search", "zzzzzz", "--json")
    assert result.code == 0, result
    assert result.json() == []


def test_search_finds_by_receipt(ready, served, fatima):
    result = ready("search", served["receipt"].lower(), "--json")
    assert result.code == 0, result
    assert [r["id"] for r in result.json()] == [fatima["id"]]


@pytest.mark.parametrize("text", ['"', "a*", "AND", "(", "-", "NOT x", "o'brien", "col:x", "^", 'فاطمة"', "", "   "])
def test_search_text_is_never_a_query_language(ready, fatima, text):
    result = ready("search", text, "--json")
    assert result.code == 0, result
    assert isinstance(result.json(), list)
    assert result.err == ""


def test_volunteer_add_and_list(ready):
    added = ready(
        "volunteer", "add", "--name", "Samira Alaoui", "--name-ar", "سميرة العلوي", "--phone", "0661234567", "--json"
    )
    assert added.code == 0, added
    volunteer = added.json()
    assert volunteer["id"] and volunteer["phone"] == "+212661234567"

    listed = ready("volunteer", "list", "--json")
    assert listed.code == 0, listed
    assert [(v["id"], v["name"]) for v in listed.json()] == [(volunteer["id"], "Samira Alaoui")]
    assert "Samira Alaoui" in ready("volunteer", "list").out


def test_volunteer_with_a_bad_phone_exits_5(ready, data_dir):
    before = written_rows(data_dir)
    assert_one_line_error(ready("volunteer", "add", "--name", "Samira", "--phone", "0612"), 5)
    assert written_rows(data_dir) == before


def test_checkin_then_checkout(ready, ramadan):
    ready("volunteer", "add", "--name", "Samira Alaoui", "--phone", "0661234567")
    checked_in = ready("checkin", "Samira Alaoui", "--event", ramadan["id"], "--json")
    assert checked_in.code == 0, checked_in
    attendance = checked_in.json()
    assert attendance["id"] and attendance["check_in"] and attendance["check_out"] is None

    assert_one_line_error(ready("checkin", "Samira Alaoui", "--event", ramadan["id"]), 3)

    checked_out = ready("checkout", "0661234567", "--event", "Panier Ramadan", "--json")
    assert checked_out.code == 0, checked_out
    assert checked_out.json()["id"] == attendance["id"]
    assert checked_out.json()["check_out"] is not None

    assert_one_line_error(ready("checkout", "Samira Alaoui", "--event", ramadan["id"]), 3)


def test_event_create_and_list(ready, ramadan):
    assert ramadan["id"] and ramadan["name"] == "Panier Ramadan"
    assert ramadan["starts_on"] == ramadan["ends_on"] == "2026-02-14"
    assert [(i["code"], i["label"], i["quantity"], i["rule"]) for i in ramadan["items"]] == [
        ("KIT", "Panier alimentaire", 1, "per_household"),
        ("RIZ", "Riz 1 kg", 2, "per_member"),
    ]
    listed = ready("event", "list", "--json")
    assert listed.code == 0, listed
    assert [e["id"] for e in listed.json()] == [ramadan["id"]]
    assert "Panier Ramadan" in ready("event", "list").out


def test_distribute_json_has_the_id_and_the_receipt(served, fatima, ramadan):
    assert served["id"]
    assert RECEIPT.match(served["receipt"]) and served["receipt"].startswith("KHR1-")
    assert served["household_id"] == fatima["id"] and served["event_id"] == ramadan["id"]
    assert {i["code"]: i["quantity"] for i in served["items"]} == {"KIT": 1, "RIZ": 6}


def test_distribute_prints_the_receipt_number(ready, fatima, ramadan):
    result = ready("distribute", "--event", "Panier Ramadan", "--household", "AB123456", "--collector", "Youssef")
    assert result.code == 0, result
    assert RECEIPT.match(result.out.strip()), result.out
    assert result.out.count("\n") == 1


def test_void_then_the_household_can_be_served_again(ready, served, ramadan, fatima):
    voided = ready("void", served["receipt"], "--reason", "Erreur de foyer", "--json")
    assert voided.code == 0, voided
    assert voided.json()["receipt"] == served["receipt"] and voided.json()["void_reason"] == "Erreur de foyer"

    assert_one_line_error(ready("void", served["receipt"], "--reason", "encore"), 3)
    assert_one_line_error(ready("void", served["receipt"], "--reason", "   "), 3)

    again = ready("distribute", "--event", ramadan["id"], "--household", fatima["id"], "--json")
    assert again.code == 0, again
    assert again.json()["receipt"] != served["receipt"]


def test_export_each_kind_in_each_format(ready, fatima, ramadan, served, tmp_path):
    ready("volunteer", "add", "--name", "Samira Alaoui")
    ready("checkin", "Samira Alaoui", "--event", ramadan["id"])
    for kind, expected in (("households", 1), ("distributions", 1), ("attendance", 1)):
        for fmt in ("csv", "json"):
            target = tmp_path / "exports" / f"{kind}.{fmt}"
            result = ready("export", kind, "--format", fmt, "-o", str(target), "--json")
            assert result.code == 0, result
            assert result.json()["count"] == expected
            assert target.is_file()
            if fmt == "json":
                rows = json.loads(target.read_text(encoding="utf-8"))
            else:
                assert target.read_bytes().startswith(b"\xef\xbb\xbf"), "CSV for Excel starts with a BOM"
                rows = list(csv.DictReader(target.open(encoding="utf-8-sig", newline="")))
            assert len(rows) == expected
    rows = json.loads((tmp_path / "exports" / "distributions.json").read_text(encoding="utf-8"))
    assert rows[0]["receipt"] == served["receipt"]
    households = list(csv.DictReader((tmp_path / "exports" / "households.csv").open(encoding="utf-8-sig")))
    assert households[0]["head_name_ar"] == "فاطمة الزهراء بن علي"

    human = ready("export", "households", "-o", str(tmp_path / "h.csv"))
    assert human.code == 0, human
    assert str(tmp_path / "h.csv") in human.out


def test_demo_fills_the_database_and_exports(cli, tmp_path):
    result = cli("demo", "--households", "12", "--seed", "3", "--json")
    assert result.code == 0, result
    summary = result.json()
    assert summary["households"] == 12 and summary["distributions"] > 0
    assert household_count(cli) == 12
    assert len(cli("event", "list", "--json").json()) == 2

    target = tmp_path / "distributions.json"
    exported = cli("export", "distributions", "--format", "json", "-o", str(target), "--json")
    assert exported.code == 0, exported
    assert exported.json()["count"] == summary["distributions"]
    assert len(json.loads(target.read_text(encoding="utf-8"))) == summary["distributions"]


def test_demo_is_the_same_for_the_same_seed(cli, tmp_path, capsys):
    from fieldapp.cli import main

    assert cli("demo", "--households", "5", "--seed", "7").code == 0
    names = [(h["head_name"], h["cin"]) for h in cli("household", "list", "--json").json()]
    other_dir = str(tmp_path / "other")
    assert main(["--data-dir", other_dir, "demo", "--households", "5", "--seed", "7"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", other_dir, "--json", "household", "list"]) == 0
    assert [(h["head_name"], h["cin"]) for h in json.loads(capsys.readouterr().out)] == names
    assert len(names) == 5


def test_demo_refuses_a_negative_count(cli):
    line = assert_one_line_error(cli("demo", "--households", "-1"), 5)
    assert "error.demo_households" not in line, "the message key has no translation"


# --- refusals and their exit codes ---------------------------------------------------------------------------------


def test_already_served_is_refused_with_the_receipt(ready, served, ramadan, fatima, data_dir):
    before = written_rows(data_dir)
    result = ready("distribute", "--event", ramadan["id"], "--household", fatima["id"])
    line = assert_one_line_error(result, 3)
    assert served["receipt"] in line
    assert result.out == ""
    assert written_rows(data_dir) == before


def test_already_served_can_be_overridden_with_a_reason(ready, served, ramadan, fatima):
    result = ready(
        "distribute", "--event", ramadan["id"], "--household", fatima["id"], "--override-reason", "Sac perdu", "--json"
    )
    assert result.code == 0, result
    assert result.json()["override_reason"] == "Sac perdu"
    assert result.json()["receipt"] != served["receipt"]


def test_duplicate_cin_is_refused_and_nothing_is_written(ready, fatima, data_dir):
    before, households = written_rows(data_dir), household_count(ready)
    result = ready(
        "household", "add", "--consent", "--name", "Autre Personne", "--commune", KHOURIBGA, "--cin", "ab-123 456"
    )
    line = assert_one_line_error(result, 3)
    assert "AB123456" in line
    assert household_count(ready) == households == 1
    assert written_rows(data_dir) == before


def test_duplicate_cin_on_update_is_refused(ready, fatima, data_dir):
    other = add_household(ready, "Ahmed Tazi", "--cin", "Q123456")
    before = written_rows(data_dir)
    assert_one_line_error(ready("household", "update", other["id"], "--cin", "AB123456"), 3)
    assert ready("household", "show", other["id"], "--json").json()["cin"] == "Q123456"
    assert written_rows(data_dir) == before


def test_changes_before_init_are_refused(cli):
    assert_one_line_error(cli("household", "add", "--consent", "--name", "Ahmed Tazi", "--commune", KHOURIBGA), 3)
    assert_one_line_error(cli("event", "create", "--name", "E", "--date", "2026-02-14", "--item", "K:k:1"), 3)


NOT_FOUND = {
    "household show": ("household", "show", "AB999999"),
    "household update": ("household", "update", "AB999999", "--phone", "0612345678"),
    "distribute, household": ("distribute", "--event", "Panier Ramadan", "--household", "AB999999"),
    "distribute, event": ("distribute", "--event", "Nouvel an", "--household", "AB123456"),
    "checkin, event": ("checkin", "Samira", "--event", "Nouvel an"),
    "checkin, volunteer": ("checkin", "Personne", "--event", "Panier Ramadan"),
    "void": ("void", "KHR1-2026-99999", "--reason", "erreur"),
    "receipt-show": ("receipt-show", "KHR1-2026-99999"),
}


@pytest.mark.parametrize("args", NOT_FOUND.values(), ids=NOT_FOUND.keys())
def test_unknown_records_exit_4(ready, fatima, ramadan, data_dir, args):
    ready("volunteer", "add", "--name", "Samira")
    before = written_rows(data_dir)
    line = assert_one_line_error(ready(*args), 4)
    assert any(ref in line for ref in ("AB999999", "Nouvel an", "Personne", "KHR1-2026-99999"))
    assert written_rows(data_dir) == before


BAD_HOUSEHOLD = {
    "phone": ("--phone", "12"),
    "phone too short": ("--phone", "0612"),
    "phone foreign": ("--phone", "+33 1 2"),
    "unknown commune": ("--commune", "Atlantis"),
    "member": ("--member", "Youssef;M;deux mille"),
    "member sex": ("--member", "Youssef;X;2015;child"),
    "member birth year": ("--member", "Youssef;M;1850;child"),
    "flag": ("--flag", "rich"),
    "size": ("--size", "0"),
    "empty name": ("--name", "   "),
}


@pytest.mark.parametrize("args", BAD_HOUSEHOLD.values(), ids=BAD_HOUSEHOLD.keys())
def test_bad_household_data_exits_5_and_writes_nothing(ready, fatima, data_dir, args):
    before, households = written_rows(data_dir), household_count(ready)
    # The later --commune/--name win over the defaults given first.
    result = ready("household", "add", "--consent", "--name", "Ahmed Tazi", "--commune", KHOURIBGA, *args)
    assert_one_line_error(result, 5)
    assert result.out == ""
    assert household_count(ready) == households
    assert written_rows(data_dir) == before


def test_bad_data_on_update_changes_nothing(ready, fatima, data_dir):
    before, shown = written_rows(data_dir), ready("household", "show", fatima["id"], "--json").json()
    assert_one_line_error(ready("household", "update", fatima["id"], "--phone", "12"), 5)
    assert_one_line_error(ready("household", "update", fatima["id"], "--commune", "Atlantis"), 5)
    assert_one_line_error(ready("household", "update", fatima["id"], "--name", "Fatima", "--member", "Ali;X"), 5)
    assert ready("household", "show", fatima["id"], "--json").json() == shown
    assert written_rows(data_dir) == before


BAD_EVENT = {
    "date": ("--date", "2026-02-30"),
    "date words": ("--date", "14 février"),
    "end before start": ("--end-date", "2026-01-01"),
    "item without quantity": ("--item", "LAIT:Lait"),
    "item quantity": ("--item", "LAIT:Lait:beaucoup"),
    "item rule": ("--item", "LAIT:Lait:1:per-day"),
    "item bands": ("--item", "LAIT:Lait:1:bands=lots"),
    "item only flag": ("--item", "LAIT:Lait:1:only=rich"),
    "item code twice": ("--item", "RIZ:Riz:1", "--item", "RIZ:Riz bis:2"),
    "unknown commune": ("--commune", "Atlantis"),
}


@pytest.mark.parametrize("args", BAD_EVENT.values(), ids=BAD_EVENT.keys())
def test_bad_event_data_exits_5_and_writes_nothing(ready, data_dir, args):
    before = written_rows(data_dir)
    result = ready("event", "create", "--name", "Panier", "--date", "2026-02-14", "--item", "KIT:Panier:1", *args)
    assert_one_line_error(result, 5)
    assert written_rows(data_dir) == before
    assert ready("event", "list", "--json").json() == []


def test_bad_give_quantity_exits_5(ready, fatima, ramadan, data_dir):
    before = written_rows(data_dir)
    args = ("distribute", "--event", ramadan["id"], "--household", fatima["id"])
    assert_one_line_error(ready(*args, "--give", "KIT=beaucoup"), 5)
    assert_one_line_error(ready(*args, "--give", "LAIT=1", "--deviation-reason", "x"), 5)
    assert_one_line_error(ready(*args, "--give", "KIT=3"), 3)  # a deviation needs a reason
    assert written_rows(data_dir) == before


def test_a_file_that_is_not_a_fieldapp_database_exits_5_untouched(cli, data_dir):
    database = data_dir / DATABASE_FILE
    database.write_bytes(b"not a database at all, just some bytes" * 200)
    before = database.read_bytes()
    assert_one_line_error(cli("household", "list"), 5)
    assert database.read_bytes() == before


USAGE = {
    "unknown option": ("household", "list", "--bogus"),
    "unknown command": ("bogus",),
    "unknown action": ("household", "remove", "x"),
    "missing action": ("household",),
    "missing required option": ("household", "add", "--consent", "--name", "Ahmed Tazi"),
    "missing event": ("distribute", "--household", "x"),
    "not a number": ("household", "list", "--limit", "ten"),
    "bad choice": ("export", "households", "--format", "xml", "-o", "x.xml"),
    "bad language": ("--lang", "de", "household", "list"),
    "missing value": ("search",),
}


@pytest.mark.parametrize("args", USAGE.values(), ids=USAGE.keys())
def test_bad_options_exit_2(ready, data_dir, args):
    before = written_rows(data_dir)
    assert_usage_error(ready(*args))
    assert written_rows(data_dir) == before


def test_usage_error_is_one_line(ready):
    assert_one_line_error(ready("household", "list", "--bogus"), 2)


# --- errors as a real process --------------------------------------------------------------------------------------


def test_errors_are_one_line_without_traceback_in_a_real_process(cli_process, data_dir):
    assert cli_process("init", "--association", "Association Al Amal", "--device", "KHR1").code == 0
    added = cli_process(
        "household", "add", "--consent", "--name", "Fatima", "--commune", KHOURIBGA, "--cin", "AB123456"
    )
    assert added.code == 0, added
    assert_one_line_error(
        cli_process("household", "add", "--consent", "--name", "Autre", "--commune", KHOURIBGA, "--cin", "AB123456"), 3
    )
    assert_one_line_error(cli_process("household", "show", "ZZ000000"), 4)
    assert_one_line_error(
        cli_process("household", "add", "--consent", "--name", "X", "--commune", KHOURIBGA, "--phone", "1"), 5
    )
    assert_usage_error(cli_process("household", "list", "--bogus"))


def test_json_errors_are_one_line_on_stderr_and_a_document_on_stdout(ready, fatima):
    result = ready("--json", "household", "show", "ZZ000000")
    line = assert_one_line_error(result, 4)
    error = result.json()["error"]
    assert error["exit_code"] == 4 and error["message"] in line


# --- global options: before or after the command, environment ----------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("--json", "household", "list"), ("household", "list", "--json"), ("household", "--json", "list")],
    ids=["before", "after", "between"],
)
def test_json_before_and_after_the_command(ready, fatima, args):
    result = ready(*args)
    assert result.code == 0, result
    assert [r["id"] for r in result.json()] == [fatima["id"]]


def test_data_dir_after_the_command(cli_process, tmp_path):
    elsewhere = tmp_path / "after"
    env = {"FIELDAPP_DATA_DIR": str(tmp_path / "unused")}
    assert (
        cli_process("init", "--association", "A", "--device", "KHR2", "--data-dir", str(elsewhere), env=env).code == 0
    )
    added = cli_process(
        "household",
        "add",
        "--consent",
        "--name",
        "Ahmed",
        "--commune",
        KHOURIBGA,
        "--data-dir",
        str(elsewhere),
        "--json",
        env=env,
    )
    assert added.code == 0, added
    assert (elsewhere / DATABASE_FILE).is_file()
    assert not (tmp_path / "unused" / DATABASE_FILE).exists()
    listed = cli_process("--data-dir", str(elsewhere), "household", "list", "--json", env=env)
    assert [r["id"] for r in listed.json()] == [added.json()["id"]]


def test_fieldapp_data_dir_is_honoured(cli_process, cli, data_dir, tmp_path):
    # cli_process sets FIELDAPP_DATA_DIR to data_dir and passes no --data-dir.
    assert cli_process("init", "--association", "A", "--device", "KHR1").code == 0
    added = cli_process("household", "add", "--consent", "--name", "Ahmed", "--commune", KHOURIBGA, "--json")
    assert added.code == 0, added
    assert (data_dir / DATABASE_FILE).is_file()
    # The in-process run names the same directory with --data-dir: it sees the same household.
    assert [r["id"] for r in cli("household", "list", "--json").json()] == [added.json()["id"]]
    # --data-dir wins over the environment: the other folder is not set up (exit 3), and nothing is made there.
    other = tmp_path / "other"
    elsewhere = cli_process("--data-dir", str(other), "household", "list", "--json")
    assert (elsewhere.code, elsewhere.json()["error"]["code"]) == (3, "error.not_initialised")
    assert not (other / DATABASE_FILE).exists()


def test_fieldapp_data_dir_is_honoured_in_process(monkeypatch, tmp_path):
    from fieldapp.cli import main

    target = tmp_path / "from-env"
    monkeypatch.setenv("FIELDAPP_DATA_DIR", str(target))
    assert main(["init", "--association", "A", "--device", "KHR1"]) == 0
    assert (target / DATABASE_FILE).is_file()


# --- language ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("position", ["before", "after"])
def test_arabic_messages_with_lang_ar(ready, served, ramadan, fatima, position):
    args = ["distribute", "--event", ramadan["id"], "--household", fatima["id"]]
    args = ["--lang", "ar", *args] if position == "before" else [*args, "--lang", "ar"]
    line = assert_one_line_error(ready(*args), 3)
    assert ARABIC.search(line), line
    assert served["receipt"] in line
    # The next command is in French again.
    french = assert_one_line_error(ready("distribute", "--event", ramadan["id"], "--household", fatima["id"]), 3)
    assert not ARABIC.search(french.replace(fatima["head_name_ar"], ""))
    assert "reçu" in french


def test_arabic_in_a_real_process_and_from_the_environment(cli_process):
    assert cli_process("init", "--association", "A", "--device", "KHR1").code == 0
    line = assert_one_line_error(cli_process("--lang", "ar", "household", "show", "ZZ000000"), 4)
    assert ARABIC.search(line) and "ZZ000000" in line
    from_env = assert_one_line_error(cli_process("household", "show", "ZZ000000", env={"FIELDAPP_LANG": "ar"}), 4)
    assert from_env == line


def test_the_language_chosen_at_init_is_used(cli):
    assert cli("init", "--association", "A", "--device", "KHR1", "--language", "ar").code == 0
    line = assert_one_line_error(cli("household", "show", "ZZ000000"), 4)
    assert ARABIC.search(line)
    assert not ARABIC.search(assert_one_line_error(cli("--lang", "fr", "household", "show", "ZZ000000"), 4))
