"""The command line with accounts: every command logs in, exit 7 for not allowed, users managed, passwords recovered."""

from __future__ import annotations

import contextlib
import re

import raw_db
from cli_checks import assert_one_line_error
from raw_db import TEST_PASSWORD, TEST_USER

KHOURIBGA = "05.311.01.07"
KEY = re.compile(r"([A-Z2-7]{4}-){7}[A-Z2-7]{4}")


def _rows(data_dir, table):
    with contextlib.closing(raw_db.connect(data_dir)) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_init_creates_the_first_coordinator_and_shows_the_recovery_key_once(cli, data_dir):
    done = cli("init", "--association", "Al Amal", "--device", "KHR1", "--user", "Samira", "--password", TEST_PASSWORD)
    assert done.code == 0, done
    assert KEY.search(done.out), done.out
    assert "une seule fois" in done.out
    again = cli("init", "--association", "Al Amal Khouribga", "--device", "KHR1", "--json")
    assert again.code == 0 and again.json()["recovery_key"] is None  # renaming later shows no key


def test_a_wrong_password_exits_7_in_one_line_and_writes_nothing(cli_process, cli, data_dir):
    assert cli("init", "--association", "Al Amal", "--device", "KHR1").code == 0
    before = {t: _rows(data_dir, t) for t in ("households", "journal", "audit")}
    refused = cli_process(
        "household",
        "add",
        "--consent",
        "--name",
        "Fatima",
        "--commune",
        KHOURIBGA,
        env={"FIELDAPP_PASSWORD": "pas-le-bon"},
    )
    assert_one_line_error(refused, 7)
    assert refused.err.strip() == "fieldapp: Nom d'utilisateur ou mot de passe incorrect."
    assert {t: _rows(data_dir, t) for t in ("households", "journal", "audit")} == before


def test_without_credentials_a_command_says_how_to_log_in(cli_process, cli, data_dir):
    assert cli("init", "--association", "Al Amal", "--device", "KHR1").code == 0
    refused = cli_process("household", "list", env={"FIELDAPP_USER": ""})
    assert refused.code == 7
    assert "--user" in refused.err and "FIELDAPP_PASSWORD" in refused.err


def test_a_coordinator_manages_users_and_a_volunteer_is_refused_with_exit_7(cli, data_dir, monkeypatch):
    assert cli("init", "--association", "Al Amal", "--device", "KHR1").code == 0
    added = cli("user", "add", "Karim", "--role", "volunteer", "--password", "karim-secret", "--json")
    assert added.code == 0 and added.json() == {
        "name": "Karim",
        "role": "volunteer",
        "disabled": False,
        "locked": False,
        "created_at": added.json()["created_at"],
    }
    listed = cli("user", "list", "--json").json()
    assert [(u["name"], u["role"]) for u in listed] == [("Karim", "volunteer"), (TEST_USER, "coordinator")]
    assert "Karim" in cli("user", "list").out and "bénévole" in cli("user", "list").out

    monkeypatch.setenv("FIELDAPP_USER", "Karim")
    monkeypatch.setenv("FIELDAPP_PASSWORD", "karim-secret")
    exported = cli("export", "households", "-o", str(data_dir / "x.csv"))
    assert exported.code == 7 and "Non autorisé" in exported.err and not (data_dir / "x.csv").exists()
    assert cli("user", "add", "Nadia", "--role", "coordinator", "--password", "nadia-secret").code == 7
    assert cli("household", "add", "--name", "Fatima", "--commune", KHOURIBGA, "--consent").code == 7
    assert cli("household", "list", "--json").code == 0  # reading is the desk's work

    monkeypatch.setenv("FIELDAPP_USER", TEST_USER)
    monkeypatch.setenv("FIELDAPP_PASSWORD", TEST_PASSWORD)
    assert cli("user", "role", "Karim", "coordinator").code == 0
    assert cli("user", "disable", "Karim").code == 0
    monkeypatch.setenv("FIELDAPP_USER", "Karim")
    monkeypatch.setenv("FIELDAPP_PASSWORD", "karim-secret")
    assert cli("household", "list").code == 7
    monkeypatch.setenv("FIELDAPP_USER", TEST_USER)
    monkeypatch.setenv("FIELDAPP_PASSWORD", TEST_PASSWORD)
    assert cli("user", "enable", "Karim", "--password", "karim-retour").code == 0
    assert cli("user", "passwd", "Karim", "--password", "karim-encore").code == 0
    assert cli("--user", "Karim", "household", "list").code == 7  # FIELDAPP_PASSWORD is Samira's: refused


def test_repeated_failures_lock_the_account_and_a_coordinator_unlocks_it(cli, data_dir, monkeypatch):
    assert cli("init", "--association", "Al Amal", "--device", "KHR1").code == 0
    assert cli("user", "add", "Karim", "--role", "volunteer", "--password", "karim-secret").code == 0
    monkeypatch.setenv("FIELDAPP_PASSWORD", "karim-mauvais")
    codes = [cli("--user", "Karim", "household", "list").code for _ in range(3)]
    assert codes == [7, 7, 7]
    waiting = cli("--user", "Karim", "household", "list")
    assert waiting.code == 7 and "attendez" in waiting.err
    monkeypatch.setenv("FIELDAPP_PASSWORD", TEST_PASSWORD)
    assert "bloqué" not in cli("user", "list").out
    assert cli("user", "unlock", "Karim").code == 0
    monkeypatch.setenv("FIELDAPP_PASSWORD", "karim-secret")
    assert cli("--user", "Karim", "household", "list").code == 0


def test_recover_with_the_recovery_key_sets_a_new_password_and_keeps_the_data(cli, data_dir, monkeypatch):
    done = cli("init", "--association", "Al Amal", "--device", "KHR1", "--json")
    key = done.json()["recovery_key"]
    assert cli("household", "add", "--name", "Fatima Alaoui", "--commune", KHOURIBGA, "--consent").code == 0
    monkeypatch.delenv("FIELDAPP_PASSWORD")
    recovered = cli("recover", "--recovery-key", key, "--user", TEST_USER, "--password", "nouveau-secret")
    assert recovered.code == 0, recovered
    assert "intactes" in recovered.out
    monkeypatch.setenv("FIELDAPP_PASSWORD", "nouveau-secret")
    assert [h["head_name"] for h in cli("household", "list", "--json").json()] == ["Fatima Alaoui"]
    wrong = cli("recover", "--recovery-key", "AAAA-BBBB", "--user", TEST_USER, "--password", "autre-secret")
    assert wrong.code == 5 and "32 lettres" in wrong.err
