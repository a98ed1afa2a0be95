"""A real HQ for the tests: `python -m hq.cli serve` in a subprocess on 127.0.0.1, on SQLite and on PostgreSQL.

Fixtures (loaded by tests/conftest.py):
    hq          parametrized over ["sqlite", "postgresql"] (PostgreSQL: a fresh database from the `pg_url` fixture)
    hq_sqlite   SQLite only, for tests that need one backend

Both yield an `HQServer`:
    hq.url                  "http://127.0.0.1:<port>" (the same after restart())
    hq.db_url               the database URL the server uses
    hq.backend              "sqlite" or "postgresql"
    hq.cli(*args, input="") subprocess.CompletedProcess of `fieldapp-hq --db URL *args` (text, stdout/stderr captured)
    hq.new_association(name) -> association id
    hq.enroll_code(association_id, hours=None) -> a one-time enrollment code
    hq.enroll(association_id, device_code, device_name=None) -> {"token", "device_id", "association_id", ...}
    hq.restart()            stop, then start again on the same database and port
    hq.stop()               stop the server (the fixture also stops it at teardown)
    hq.log()                what the server wrote on stdout/stderr
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 30.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class HQServer:
    """One HQ process on one database; start/stop/restart keep the database and the port."""

    def __init__(self, db_url: str, backend: str, workdir: Path) -> None:
        self.db_url = db_url
        self.backend = backend
        self.workdir = workdir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._process: subprocess.Popen | None = None
        self._log_path = workdir / "hq-server.log"
        self._env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self._env.pop("FIELDAPP_HQ_DB", None)

    # --- the process ------------------------------------------------------------------------------------------------
    def start(self) -> None:
        if self._process is not None:
            return
        log = open(self._log_path, "ab")  # noqa: SIM115  (kept open for the child's lifetime)
        command = [sys.executable, "-m", "hq.cli", "serve", "--db", self.db_url, "--port", str(self.port)]
        self._process = subprocess.Popen(command, cwd=ROOT, env=self._env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                self._process = None
                raise RuntimeError(f"HQ exited at start:\n{self.log()}")
            if self._answers():
                return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"HQ did not answer hello within {START_TIMEOUT} s:\n{self.log()}")

    def _answers(self) -> bool:
        request = urllib.request.Request(self.url + "/v1/hello", headers={"Fieldapp-Protocol": "1"})
        try:
            with urllib.request.urlopen(request, timeout=1):
                return True
        except urllib.error.HTTPError:
            return True  # 401 without a token: HQ is up
        except (urllib.error.URLError, OSError):
            return False

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)

    def restart(self) -> None:
        self.stop()
        self.start()

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def log(self) -> str:
        return self._log_path.read_text(errors="replace") if self._log_path.exists() else ""

    # --- administration --------------------------------------------------------------------------------------------
    def cli(self, *args: str, timeout: float = 60, input: str = "") -> subprocess.CompletedProcess:
        """`fieldapp-hq --db URL ARGS` as a subprocess (the same code as the installed entry point), `input` on its
        standard input."""
        command = [sys.executable, "-m", "hq.cli", "--db", self.db_url, *args]
        return subprocess.run(
            command, cwd=ROOT, env=self._env, capture_output=True, text=True, timeout=timeout, input=input
        )

    def _cli_json(self, *args: str) -> dict:
        proc = self.cli(*args, "--json")
        if proc.returncode != 0:
            raise RuntimeError(f"fieldapp-hq {' '.join(args)} failed ({proc.returncode}): {proc.stderr.strip()}")
        return json.loads(proc.stdout)

    def new_association(self, name: str) -> str:
        return self._cli_json("association", "add", name)["id"]

    def enroll_code(self, association_id: str, hours: float | None = None) -> str:
        extra = ("--hours", str(hours)) if hours is not None else ()
        return self._cli_json("enroll-code", "--association", association_id, *extra)["code"]

    def enroll(self, association_id: str, device_code: str, device_name: str | None = None) -> dict:
        """Enroll a device over HTTP as the app does; the answer of POST /v1/enroll."""
        body = {"code": self.enroll_code(association_id), "device_code": device_code, "device_name": device_name}
        body["device_name"] = device_name or device_code
        request = urllib.request.Request(
            self.url + "/v1/enroll",
            data=gzip.compress(json.dumps(body).encode()),
            headers={
                "Fieldapp-Protocol": "1",
                "Content-Type": "application/json",
                "Content-Encoding": "gzip",
                "Accept-Encoding": "gzip",
            },
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            data = answer.read()
            if answer.headers.get("Content-Encoding") == "gzip":
                data = gzip.decompress(data)
        return json.loads(data)


def _serve(db_url: str, backend: str, workdir: Path):
    server = HQServer(db_url, backend, workdir)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def hq(request, tmp_path):
    """A real HQ on each backend in turn (PostgreSQL through the `pg_url` fixture: CI never skips it)."""
    if request.param == "postgresql":
        db_url = request.getfixturevalue("pg_url")
    else:
        db_url = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    yield from _serve(db_url, request.param, tmp_path)


@pytest.fixture
def hq_sqlite(tmp_path):
    """A real HQ on an SQLite file."""
    yield from _serve(f"sqlite:///{tmp_path / 'hq.sqlite3'}", "sqlite", tmp_path)
