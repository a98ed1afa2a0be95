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

from fieldapp import i18n
from fieldapp.cli import main as cli_main
from fieldapp.db import Database
from fieldapp.services import setup

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _french_and_isolated(monkeypatch, tmp_path):
    """Every test starts in French with its own data directory, never the user's."""
    monkeypatch.delenv("FIELDAPP_LANG", raising=False)
    monkeypatch.setenv("FIELDAPP_DATA_DIR", str(tmp_path / "default-data"))
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
    db = Database.open(data_dir)
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
            capture_output=True,
            text=True,
            env=full_env,
            cwd=ROOT,
            timeout=timeout,
        )
        return CliResult(proc.returncode, proc.stdout, proc.stderr)

    return run
