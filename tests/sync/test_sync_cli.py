"""`fieldapp enroll` and `fieldapp sync` as a person or a script runs them: subprocesses, --json keys, exit codes,
progress on stderr, one translated line for an error."""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "e2e"))
from cli_checks import assert_one_line_error  # noqa: E402

SUMMARY_KEYS = {"pushed", "pulled", "conflicts", "reviews", "open_conflicts", "round_trips", "bytes_sent"}


def _closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


@pytest.fixture
def association(hq_sqlite):
    return hq_sqlite.new_association("Association Al Amal")


def test_enroll_then_sync_with_json_summaries(hq_sqlite, association, cli_process):
    enrolled = cli_process("enroll", hq_sqlite.url, hq_sqlite.enroll_code(association), "--device", "KHR1", "--json")
    assert enrolled.code == 0, enrolled.err
    answer = enrolled.json()
    assert answer["association_id"] == association and answer["device_code"] == "KHR1"
    assert answer["hq_url"] == hq_sqlite.url and answer["device_id"]

    added = cli_process(
        "household", "add", "--consent", "--name", "Fatima Benali", "--commune", "05.311.01.07", "--json"
    )
    assert added.code == 0, added.err
    synced = cli_process("sync", "--json")

    assert synced.code == 0, synced.err
    summary = synced.json()
    assert summary.keys() >= SUMMARY_KEYS
    assert (summary["pushed"], summary["pulled"], summary["conflicts"]) == (1, 0, 0)
    assert synced.err == ""  # --json: no progress line


def test_sync_in_text_mode_shows_progress_on_stderr_and_a_summary(hq_sqlite, association, cli_process):
    assert cli_process("enroll", hq_sqlite.url, hq_sqlite.enroll_code(association), "--device", "KHR1").code == 0
    cli_process("household", "add", "--consent", "--name", "Fatima Benali", "--commune", "05.311.01.07")

    synced = cli_process("sync", "--lang", "en")

    assert synced.code == 0, synced.err
    assert "Connecting to HQ" in synced.err and "Sending changes: 1/1" in synced.err
    assert synced.out.strip().startswith("Synced: 1 changes sent, 0 received")


def test_a_bad_code_exits_3_with_one_translated_line(hq_sqlite, association, cli_process):
    result = cli_process("enroll", hq_sqlite.url, "ABCD-EFGH-JKMN-PQRS", "--device", "KHR1")
    line = assert_one_line_error(result, 3)
    assert "Code d'inscription inconnu" in line


def test_a_revoked_laptop_exits_3(hq_sqlite, association, cli_process):
    enrolled = cli_process("enroll", hq_sqlite.url, hq_sqlite.enroll_code(association), "--device", "KHR1", "--json")
    assert hq_sqlite.cli("device", "revoke", enrolled.json()["device_id"]).returncode == 0

    result = cli_process("sync", "--json", "--lang", "ar")

    assert result.code == 3
    error = json.loads(result.out)["error"]
    assert error["code"] == "error.sync_revoked" and error["exit_code"] == 3 and "المقر" in error["message"]


def test_hq_unreachable_exits_6(cli_process):
    result = cli_process("enroll", _closed_port_url(), "ABCD-EFGH-JKMN-PQRS", "--device", "KHR1")
    line = assert_one_line_error(result, 6)
    assert "Siège injoignable" in line


@pytest.mark.slow
def test_sync_with_hq_stopped_exits_6_after_its_retries(hq_sqlite, association, cli_process):
    assert cli_process("enroll", hq_sqlite.url, hq_sqlite.enroll_code(association), "--device", "KHR1").code == 0
    hq_sqlite.stop()

    result = cli_process("sync", "--json")

    assert result.code == 6 and json.loads(result.out)["error"]["code"] == "error.sync_offline"


def test_sync_before_enrolling_exits_3(cli_process):
    assert cli_process("init", "--association", "Al Amal", "--device", "KHR1").code == 0
    assert_one_line_error(cli_process("sync"), 3)


def test_the_help_documents_the_exit_codes(cli_process):
    for command in ("sync", "enroll"):
        result = cli_process(command, "--help")
        assert result.code == 0
        assert "6  HQ unreachable" in result.out and "3  refused" in result.out


def test_changes_hq_refuses_are_never_a_silent_success_and_wait_in_the_review_list(
    hq_sqlite, association, cli_process, tmp_path
):
    """A note too large for HQ (over MAX_CHANGE_BYTES): HQ takes the rest, the laptop says what it did not take and
    why (exit 3, a warning, `refused` in --json), keeps it listed to look at, and the other laptop syncs on."""
    from replicas import enrolled_laptop

    from sync import engine, protocol

    assert cli_process("enroll", hq_sqlite.url, hq_sqlite.enroll_code(association), "--device", "KHR1").code == 0
    kept = cli_process("household", "add", "--consent", "--name", "Rachid Tazi", "--commune", "05.311.01.07", "--json")
    long_note = "Visite du " + "x" * protocol.MAX_CHANGE_BYTES
    refused = cli_process("household", "add", "--consent", "--name", "Fatima Benali", "--commune", "05.311.01.07",
                          "--notes", long_note, "--json")  # fmt: skip
    assert kept.code == 0 and refused.code == 0, refused.err

    synced = cli_process("sync", "--json", "--lang", "fr")

    assert synced.code == 3, synced.err
    summary = synced.json()
    assert summary["pushed"] == 2 and summary["refused"] == 1
    [change] = summary["refused_changes"]
    assert (change["i"], change["reason"]) == (refused.json()["id"], protocol.REFUSED_TOO_LARGE)
    assert "refusé" in synced.err and "fieldapp conflicts" in synced.err
    listed = cli_process("conflicts", "--json").json()
    [review] = listed["reviews"]
    assert review["kind"] == "refused_change" and review["household_name"] == "Fatima Benali"
    assert review["records"][0]["reason"] == protocol.REFUSED_TOO_LARGE
    again = cli_process("sync", "--json")
    assert again.code == 0 and again.json()["refused"] == 0  # told once; it stays listed until settled

    other = enrolled_laptop(tmp_path, hq_sqlite, association, "KHR2")
    try:
        got = engine.sync_now(other)
        assert (got.pulled, got.skipped) == (1, 0)
    finally:
        other.dispose()
