"""The audit chain's head anchored at a real HQ, and HQ's side of key recovery, end to end.

A laptop's hello carries its chain's head: HQ keeps it per device and acknowledges it; `fieldapp audit verify` then
catches the newest entries deleted (which the chain alone cannot see), and HQ lists the chain that went backwards.
HQ's recovery key reaches the laptop in a hello, the laptop's sealed secret reaches HQ in the next, and the code
`fieldapp-hq recovery-code` gives unlocks the laptop's keystore.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import sqlite3
import stat

import pytest
from replicas import KHOURIBGA, enrolled_laptop

from fieldapp import encryption
from fieldapp.audit_chain import chain_key
from fieldapp.audit_chain import verify as verify_chain
from fieldapp.cli import main as cli_main
from fieldapp.db import Database
from fieldapp.errors import BadData, NotAllowed
from fieldapp.keystore import Keystore
from fieldapp.services import audit
from fieldapp.services.households import HouseholdInput, register_household
from sync import engine
from sync.client import HQClient


def _register(db: Database, name: str) -> None:
    register_household(db, HouseholdInput(head_name=name, commune=KHOURIBGA, consent=True))


def _sql(db: Database, statement: str) -> None:
    connect = sqlite3.connect if db.key is None else lambda path: encryption.connect(path, db.key)
    with contextlib.closing(connect(db.path)) as conn:
        conn.execute(statement)
        conn.commit()


def _hq_json(hq, *args: str) -> tuple[int, dict]:
    done = hq.cli(*args, "--json")
    return done.returncode, json.loads(done.stdout) if done.stdout.strip() else {}


def _heads(hq, *args: str) -> dict[str, dict]:
    code, answer = _hq_json(hq, "audit-heads", *args)
    assert code == 0
    return {item["code"]: item for item in answer["devices"]}


@pytest.fixture
def association(hq):
    return hq.new_association("Association Al Amal")


def test_each_sync_anchors_the_head_and_a_truncation_is_caught_only_through_it(hq, association, tmp_path, capsys):
    laptop = enrolled_laptop(tmp_path, hq, association, "KHR1")
    try:
        for name in ("Fatima Benali", "Ahmed Alaoui", "Khadija Idrissi"):
            _register(laptop, name)
        engine.sync_now(laptop)
        head = audit.current_head(laptop)
        assert head.count == 5  # its first coordinator, enrolment and three households

        held = _heads(hq)["KHR1"]
        assert (held["count"], held["hash"], held["backwards"]) == (head.count, head.hash, [])
        assert audit.acknowledged_head(laptop)[0] == head

        _sql(laptop, "DELETE FROM audit WHERE seq > 3")  # the newest entries gone: what is left still links up

        with laptop.read() as session:
            assert verify_chain(session, chain_key(laptop.key)).ok  # the chain alone cannot tell
        check = audit.verify(laptop)
        assert (check.ok, check.broken_reason, check.broken_seq, check.expected) == (False, "truncated", 3, 5)
        capsys.readouterr()
        assert cli_main(["--data-dir", str(laptop.path.parent), "audit", "verify", "--lang", "en"]) == 3
        assert "HQ acknowledged 5" in capsys.readouterr().out

        engine.sync_now(laptop)  # HQ now hears of a shorter chain

        listed = _heads(hq, "--backwards")
        assert list(listed) == ["KHR1"]
        [went] = listed["KHR1"]["backwards"]
        assert (went["held_count"], went["held_hash"], went["sent_count"]) == (5, head.hash, 3)
        text = hq.cli("audit-heads", "--backwards")
        assert text.returncode == 0 and "went backwards" in text.stdout and "KHR1" in text.stdout
    finally:
        laptop.dispose()


def test_another_hash_at_the_same_length_is_a_chain_gone_backwards_too(hq, association, tmp_path):
    laptop = enrolled_laptop(tmp_path, hq, association, "KHR1")
    other = enrolled_laptop(tmp_path, hq, association, "OUJ2")
    try:
        _register(laptop, "Fatima Benali")
        engine.sync_now(laptop)
        engine.sync_now(other)
        _sql(laptop, "DELETE FROM audit WHERE seq = 3")
        _register(laptop, "Ahmed Alaoui")  # the same length again, another last entry
        engine.sync_now(laptop)

        heads = _heads(hq)
        assert [b["sent_count"] for b in heads["KHR1"]["backwards"]] == [3]
        assert heads["OUJ2"]["backwards"] == [] and heads["OUJ2"]["count"] == 2  # each device its own head
        assert list(_heads(hq, "--backwards")) == ["KHR1"]
    finally:
        laptop.dispose()
        other.dispose()


def test_a_hello_without_a_head_stores_nothing_and_a_malformed_one_is_refused(hq, association):
    device = hq.enroll(association, "KHR1")
    client = HQClient(hq.url, device["token"])
    try:
        answer = client.hello()  # a laptop of the previous version
        assert answer["audit_head"] is None and answer["push_expected"] == 1
        assert _heads(hq)["KHR1"]["at"] is None
        with pytest.raises(BadData) as refused:
            client.hello({"audit_count": 3, "audit_hash": "not hex"})
        assert refused.value.key == "error.sync_bad_request"
        stored = client.hello({"audit_count": 3, "audit_hash": "ab" * 32})
        assert stored["audit_head"] == {"count": 3, "hash": "ab" * 32}
    finally:
        client.close()


# -- key recovery ------------------------------------------------------------------------------------------------------
@pytest.fixture
def key_file(hq, tmp_path):
    path = tmp_path / "hq-recovery.key"
    done = hq.cli("recovery-key", "init", "--key-file", str(path))
    assert done.returncode == 0, done.stderr
    return path


def _encrypted_laptop(directory, hq, association_id: str, device: str) -> tuple[Database, bytes]:
    folder = directory / device
    folder.mkdir()
    _, created = Keystore.create(Keystore.path_in(folder), "Amina", "sesame ouvre-toi")
    db = Database.open(folder, key=created.data_key)
    engine.enroll(db, hq.url, hq.enroll_code(association_id), device_code=device)
    return db, created.data_key


def test_the_key_file_is_private_and_never_overwritten(hq, key_file, tmp_path):
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    before = key_file.read_bytes()

    again = hq.cli("recovery-key", "init", "--key-file", str(key_file))
    assert again.returncode == 3 and "already has a recovery key" in again.stderr
    replaced = hq.cli("recovery-key", "init", "--key-file", str(key_file), "--replace")
    assert replaced.returncode == 3 and "not overwritten" in replaced.stderr
    assert key_file.read_bytes() == before


def test_the_code_hq_gives_unlocks_the_laptops_keystore(hq, association, key_file, tmp_path):
    laptop, data_key = _encrypted_laptop(tmp_path, hq, association, "KHR1")
    try:
        store_path = Keystore.path_in(laptop.path.parent)
        engine.sync_now(laptop)  # learns HQ's recovery key and wraps for it
        assert Keystore.load(store_path).hq_wrap_to_send() is not None
        refused = hq.cli("recovery-code", "--device", "KHR1", "--key-file", str(key_file))
        assert refused.returncode == 4 and "has not sent its recovery wrap yet" in refused.stderr

        engine.sync_now(laptop)  # sends it
        assert Keystore.load(store_path).hq_wrap_to_send() is None

        code, answer = _hq_json(hq, "recovery-code", "--device", "khr1", "--key-file", str(key_file))
        assert code == 0 and answer["device_code"] == "KHR1"
        assert Keystore.load(store_path).unlock_with_hq_code(answer["code"]) == data_key
        text = hq.cli("recovery-code", "--device", "KHR1", "--key-file", str(key_file))
        assert text.returncode == 0 and text.stdout.splitlines()[0] == answer["code"]
        assert "already given" in text.stdout
    finally:
        laptop.dispose()


def test_a_wrong_key_file_or_an_unknown_device_is_said_plainly(hq, association, key_file, tmp_path):
    laptop, _ = _encrypted_laptop(tmp_path, hq, association, "KHR1")
    try:
        engine.sync_now(laptop)
        engine.sync_now(laptop)
        another = tmp_path / "another.key"
        another.write_text(key_file.read_text().splitlines()[0] + "\n" + base64.b64encode(os.urandom(32)).decode())
        junk = tmp_path / "junk.key"
        junk.write_text("hello\n")

        wrong = hq.cli("recovery-code", "--device", "KHR1", "--key-file", str(another))
        assert wrong.returncode == 3 and "does not open the wrap" in wrong.stderr and not wrong.stdout
        not_a_key = hq.cli("recovery-code", "--device", "KHR1", "--key-file", str(junk))
        assert not_a_key.returncode == 3 and "not a fieldapp-hq recovery key file" in not_a_key.stderr
        unknown = hq.cli("recovery-code", "--device", "NOPE9", "--key-file", str(key_file))
        assert unknown.returncode == 4 and "no device NOPE9" in unknown.stderr
    finally:
        laptop.dispose()


def test_a_device_code_two_associations_use_needs_the_association(hq, association, key_file, tmp_path):
    other_association = hq.new_association("Association Nour")
    mine, data_key = _encrypted_laptop(tmp_path, hq, association, "KHR1")
    (tmp_path / "other").mkdir()
    theirs, _ = _encrypted_laptop(tmp_path / "other", hq, other_association, "KHR1")
    try:
        for db in (mine, theirs, mine, theirs):
            engine.sync_now(db)

        ambiguous = hq.cli("recovery-code", "--device", "KHR1", "--key-file", str(key_file))
        assert ambiguous.returncode == 3 and "--association" in ambiguous.stderr

        code, answer = _hq_json(
            hq, "recovery-code", "--device", "KHR1", "--key-file", str(key_file), "--association", association
        )
        assert code == 0 and answer["association_id"] == association
        assert Keystore.load(Keystore.path_in(mine.path.parent)).unlock_with_hq_code(answer["code"]) == data_key
        with pytest.raises(NotAllowed):  # the other laptop's keystore refuses this laptop's code
            Keystore.load(Keystore.path_in(theirs.path.parent)).unlock_with_hq_code(answer["code"])
    finally:
        mine.dispose()
        theirs.dispose()
