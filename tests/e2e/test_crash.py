"""kill -9 during a distribution loop: the file stays sound and every reported receipt survives with its journal row.

A child process (distribution_loop.py) hands out to ~300 households one transaction at a time and prints each receipt
number only after the service returned. The parent kills it with SIGKILL mid-loop, then opens the file and checks that
what was reported done is there, that at most one more distribution committed without being printed, and that the
distribution, its receipt counter, its journal row and its audit row were written together or not at all.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

from fieldapp.db import Database
from fieldapp.paths import DATABASE_FILE
from fieldapp.rules import parse_item
from fieldapp.services import setup
from fieldapp.services.distributions import record_distribution
from fieldapp.services.events import create_event
from fieldapp.services.households import HouseholdInput, list_households, register_household

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]

ROOT = Path(__file__).resolve().parents[2]
LOOP = Path(__file__).with_name("distribution_loop.py")
DEVICE = "KHR1"
HOUSEHOLDS = 300
KHOURIBGA = "05.311.01.07"
FIRST = ("Fatima", "Mohamed", "Khadija", "Ahmed", "Zineb", "Youssef", "Naima", "Hassan", "Meryem", "Rachid")
FAMILY = ("Alaoui", "Bennani", "Tazi", "Berrada", "Amrani", "Chraibi", "Lahlou", "Naciri", "Saidi", "Jabri")
LINE_TIMEOUT = 30.0


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> tuple[Path, str]:
    """A data directory set up once: the association, 300 households, one event. Each test works on a copy."""
    data_dir = tmp_path_factory.mktemp("crash-template") / "data"
    db = Database.open(data_dir)
    try:
        setup.initialise(db, "Association Al Amal", DEVICE, operator="Samira")
        for i in range(HOUSEHOLDS):
            name = f"{FIRST[i % 10]} {FAMILY[i // 10 % 10]} {i:03d}"
            size = 1 + i % 7
            register_household(
                db, HouseholdInput(consent=True, head_name=name, cin=f"Q{100000 + i}", commune=KHOURIBGA, size=size)
            )
        items = [parse_item("KIT:Panier alimentaire:1"), parse_item("RIZ:Riz 1 kg:2:per-member")]
        event = create_event(db, "Panier Ramadan", "2026-02-14", items).value
    finally:
        db.dispose()
    return data_dir, event.id


@pytest.fixture
def crash_dir(template, tmp_path) -> tuple[Path, str]:
    source, event_id = template
    target = tmp_path / "data"
    shutil.copytree(source, target)
    return target, event_id


def run_and_kill(data_dir: Path, event_id: str, kill_after: int, delay: float) -> list[str]:
    """Start the loop, SIGKILL it once `kill_after` receipts were read (plus `delay`); every receipt it printed."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.Popen(
        [sys.executable, str(LOOP), str(data_dir), event_id],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    raw: list[str] = []
    try:
        while len(raw) < kill_after + 1:  # the "ready" line, then receipts
            try:
                line = lines.get(timeout=LINE_TIMEOUT)
            except queue.Empty:
                pytest.fail(f"the loop printed nothing for {LINE_TIMEOUT} s")
            if line is None:
                proc.wait(timeout=10)
                pytest.fail(f"the loop ended early (exit {proc.returncode}): {proc.stderr.read()}")
            raw.append(line)
        if delay:
            time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
    reader.join(timeout=10)
    while (line := lines.get(timeout=5)) is not None:
        raw.append(line)
    stderr = proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()

    assert proc.returncode == -signal.SIGKILL, stderr
    assert raw[0] == f"ready {HOUSEHOLDS}\n", raw[0]
    # Only whole lines count: a receipt is reported once its line (and its newline) reached the pipe.
    reported = [line.strip() for line in raw[1:] if line.endswith("\n")]
    assert "done" not in reported, "the loop finished before it was killed: kill earlier"
    assert "Traceback" not in stderr, stderr
    return reported


def receipt_number(receipt: str) -> int:
    return int(receipt.rsplit("-", 1)[1])


def check_database(data_dir: Path, reported: list[str]) -> list[str]:
    """Everything the crash test promises about the file; returns the receipts found, in order."""
    # A plain SQLite connection, as any tool would open the file after the crash (it replays the WAL).
    with closing(sqlite3.connect(data_dir / DATABASE_FILE)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []

        rows = conn.execute("SELECT id, receipt FROM distributions").fetchall()
        receipts = sorted((r for _, r in rows), key=receipt_number)
        count = len(receipts)

        missing = set(reported) - set(receipts)
        assert not missing, f"receipts reported done but lost: {sorted(missing)}"
        assert count in (len(reported), len(reported) + 1), (count, len(reported))
        assert receipts[: len(reported)] == reported, "reported receipts are the first ones, in order"
        assert [receipt_number(r) for r in receipts] == list(range(1, count + 1)), "numbers without gaps"
        assert len({r.rsplit("-", 1)[0] for r in receipts}) <= 1

        no_journal = conn.execute(
            """SELECT d.receipt FROM distributions d WHERE NOT EXISTS (
                 SELECT 1 FROM journal j
                 WHERE j.entity = 'distributions' AND j.entity_id = d.id AND j.op = 'insert'
                   AND json_extract(j.payload, '$.receipt') = d.receipt)"""
        ).fetchall()
        assert no_journal == [], f"distributions without their journal row: {no_journal}"
        journal_without = conn.execute(
            """SELECT j.entity_id FROM journal j WHERE j.entity = 'distributions'
                 AND NOT EXISTS (SELECT 1 FROM distributions d WHERE d.id = j.entity_id)"""
        ).fetchall()
        assert journal_without == [], f"journal rows without their distribution: {journal_without}"
        journal_rows = conn.execute("SELECT count(*) FROM journal WHERE entity = 'distributions'").fetchone()[0]
        assert journal_rows == count

        no_audit = conn.execute(
            """SELECT d.receipt FROM distributions d WHERE NOT EXISTS (
                 SELECT 1 FROM audit a
                 WHERE a.action = 'distribution.record' AND a.entity = 'distributions' AND a.entity_id = d.id)"""
        ).fetchall()
        assert no_audit == [], f"distributions without their audit row: {no_audit}"
        audit_rows = conn.execute("SELECT count(*) FROM audit WHERE action = 'distribution.record'").fetchone()[0]
        assert audit_rows == count, "audit rows without their distribution"

        counters = dict(conn.execute("SELECT key, value FROM settings WHERE key LIKE 'counter:receipt:%'").fetchall())
        # JSON text, which SQLite's NUMERIC affinity keeps as an integer.
        values = [v if isinstance(v, int) else json.loads(v) for v in counters.values()]
        assert sum(values) == count, counters
        if receipts:
            year = receipts[0].split("-")[1]
            assert set(counters) == {f"counter:receipt:{DEVICE}:{year}"}, counters
    return receipts


@pytest.mark.parametrize(
    ("kill_after", "delay"),
    [(12, 0.0), (40, 0.004), (95, 0.008)],
    ids=["after-12", "after-40", "after-95"],
)
def test_kill_9_mid_loop_loses_no_reported_receipt(crash_dir, kill_after, delay):
    data_dir, event_id = crash_dir
    started = time.monotonic()
    reported = run_and_kill(data_dir, event_id, kill_after, delay)
    assert kill_after <= len(reported) < HOUSEHOLDS

    receipts = check_database(data_dir, reported)
    count = len(receipts)

    # The app opens the file again and carries on: the next receipt follows the last one, no number is reused.
    db = Database.open(data_dir)
    try:
        waiting = list_households(db, limit=1, not_served_at_event=event_id)
        assert len(list_households(db, limit=HOUSEHOLDS, served_at_event=event_id)) == count
        receipt = record_distribution(db, event_id, waiting[0].id).value.receipt
    finally:
        db.dispose()
    assert receipt_number(receipt) == count + 1
    assert check_database(data_dir, [*receipts, receipt]) == [*receipts, receipt]
    assert time.monotonic() - started < 20
