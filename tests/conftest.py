"""Fixtures shared by every test: a fresh real SQLite database per test, and ways to run the `fieldapp` command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hq_server import hq, hq_sqlite  # noqa: F401  (a real HQ server: tests/hq_server.py)
from pg import pg_server_url, pg_url  # noqa: F401  (PostgreSQL fixtures: tests/pg.py)
from raw_db import TEST_PASSWORD, TEST_USER  # the coordinator every test database has; the CLI logs in as them

from fieldapp import i18n, keystore
from fieldapp.cli import main as cli_main
from fieldapp.db import Database
from fieldapp.services import accounts, setup

ROOT = Path(__file__).resolve().parent.parent


# Argon2id at its cheapest for the wraps tests write in this process (~1 ms instead of ~0.2 s): the parameters are
# stored with each wrap, so a CLI subprocess unlocking them is as quick. Wraps made by a `fieldapp init` subprocess,
# and tests/fieldapp/test_accounts.py's check of the production parameters, use the real cost.
CHEAP_ARGON2 = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}


@pytest.fixture(autouse=True)
def _french_and_isolated(monkeypatch, tmp_path):
    """Every test starts in French with its own data directory, never the user's, and the test coordinator's login."""
    monkeypatch.delenv("FIELDAPP_LANG", raising=False)
    monkeypatch.setenv("FIELDAPP_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.setenv("FIELDAPP_HQ_MATCH_KEY_FILE", str(tmp_path / "hq-config" / "match.key"))  # never the user's
    monkeypatch.setenv("FIELDAPP_USER", TEST_USER)
    monkeypatch.setenv("FIELDAPP_PASSWORD", TEST_PASSWORD)
    monkeypatch.setattr(keystore, "ARGON2", CHEAP_ARGON2)
    i18n.set_language("fr")
    yield
    i18n.set_language("fr")


@pytest.fixture
def data_dir(tmp_path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def blank_db(data_dir) -> Database:
    """A new encrypted database with its first coordinator logged in (TEST_USER), not yet set up."""
    db = accounts.create_first_coordinator(data_dir, TEST_USER, TEST_PASSWORD).db
    yield db
    db.dispose()


@pytest.fixture
def db(blank_db) -> Database:
    """A database set up for an association and a device, as after `fieldapp init`."""
    setup.initialise(blank_db, "Association Al Amal", "KHR1", operator="Samira")
    return blank_db


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def cli(data_dir, capsys):
    """Run `fieldapp ARGS` in this process (fast) against the test's data directory."""

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        code = cli_main(["--data-dir", str(data_dir), *args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture
def cli_process(data_dir):
    """Run `python -m fieldapp ARGS` as a real subprocess, as a script or a person would."""

    def run(*args: str, env: dict | None = None, timeout: float = 60) -> CliResult:
        full_env = {**os.environ, "FIELDAPP_DATA_DIR": str(data_dir), **(env or {})}
        proc = subprocess.run(
            [sys.executable, "-m", "fieldapp", *args],
            stdin=subprocess.DEVNULL,  # nobody at the terminal: a missing password is refused, not asked
            capture_output=True,
            text=True,
            env=full_env,
            cwd=ROOT,
            timeout=timeout,
        )
        return CliResult(proc.returncode, proc.stdout, proc.stderr)

    return run
