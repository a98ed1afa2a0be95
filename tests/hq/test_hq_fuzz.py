"""schemathesis (a generic client that knows only /openapi.json) against a real HQ: no 5xx, answers as described.

It gets a device token; the Fieldapp-Protocol header it makes itself from the description, which says exactly what HQ
accepts (pinned, its invalid-header cases would be sent valid and flagged as wrongly accepted).

The run is bounded for CI (FIELDAPP_FUZZ_SECONDS, default 40 s, fixed seed); a longer hunt:
    FIELDAPP_FUZZ_SECONDS=600 FIELDAPP_FUZZ_SEED=7 pytest tests/hq/test_hq_fuzz.py
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hq_server import HQServer

ST = Path(sys.executable).with_name("st")
SECONDS = int(os.environ.get("FIELDAPP_FUZZ_SECONDS", "40"))
SEED = int(os.environ.get("FIELDAPP_FUZZ_SEED", "1"))

# 426 is the protocol's answer to a missing or too old Fieldapp-Protocol header (docs/sync-protocol.md), so it is an
# expected rejection of a request without it, as are the documented 408/413/429.
CONFIG = """
[checks.negative_data_rejection]
expected-statuses = ["400", "401", "403", "404", "405", "406", "408", "409", "413", "415", "422", "426", "429"]

[checks.missing_required_header]
expected-statuses = ["400", "401", "403", "406", "415", "422", "426"]
"""
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
        "negative_data_rejection",
        "missing_required_header",
        "unsupported_method",
        "ignored_auth",
    ]
)


@pytest.fixture
def fuzzed_hq(tmp_path):
    """A real HQ on SQLite with the guessing limits off (every enrollment schemathesis makes up fails)."""
    server = HQServer(f"sqlite:///{tmp_path / 'hq.sqlite3'}", "sqlite", tmp_path)
    server._env.update(
        FIELDAPP_HQ_ENROLL_FAILS_PER_ADDRESS="off",
        FIELDAPP_HQ_ENROLL_FAILS_OVERALL="off",
        FIELDAPP_HQ_TOKEN_FAILS_PER_ADDRESS="off",
        FIELDAPP_HQ_TOKEN_FAILS_OVERALL="off",
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_schemathesis_finds_no_server_error_and_every_answer_is_as_described(fuzzed_hq, tmp_path):
    assert ST.exists() or shutil.which("st"), "schemathesis is in the dev extra: pip install -e '.[dev]'"
    token = fuzzed_hq.enroll(fuzzed_hq.new_association("Association Al Amal"), "KHR1")["token"]
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG)
    report = tmp_path / "report.json"
    command = [
        str(ST if ST.exists() else shutil.which("st")),
        "--config-file",
        str(config),
        "run",
        f"{fuzzed_hq.url}/openapi.json",
        "--header",
        f"Authorization: Bearer {token}",
        "--checks",
        CHECKS,
        "--phases",
        "coverage,fuzzing",
        "--max-time",
        str(SECONDS),
        "--seed",
        str(SEED),
        "--workers",
        "1",
        "--generation-database",
        "none",
        "--request-timeout",
        "30",
        "--no-color",
        "--report",
        "json",
        "--report-json-path",
        str(report),
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=SECONDS + 120)
    output = run.stdout[-6000:] + run.stderr[-2000:]
    assert run.returncode == 0, output
    assert "5xx" not in fuzzed_hq.log() and "Traceback" not in fuzzed_hq.log(), fuzzed_hq.log()[-4000:]
    summary = json.loads(report.read_text()) if report.exists() else {}
    assert "0 unique failures" in output or not summary.get("failures"), output
    # It did reach the endpoints: every operation was tested with the device's token.
    assert "Tested: 6" in output, output
