"""The `fieldapp-hq` administration commands: text and --json output, one-line errors, the app's exit codes."""

from __future__ import annotations

import json

import sqlalchemy as sa
from hq_http import Device

from hq.db import known_revisions


def _json(proc) -> dict:
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_associations_codes_and_devices_from_the_command_line(hq):
    added = _json(hq.cli("association", "add", "Association Al Amal", "--json"))
    assert added["name"] == "Association Al Amal" and len(added["id"]) == 36
    text = hq.cli("association", "add", "Annour")
    assert text.returncode == 0 and "Annour" in text.stdout
    listed = _json(hq.cli("association", "list", "--json"))["associations"]
    assert [a["name"] for a in listed] == ["Annour", "Association Al Amal"]

    code = _json(hq.cli("enroll-code", "--association", added["id"], "--hours", "1", "--json"))
    assert set(code) == {"code", "association_id", "expires_at"} and len(code["code"]) == 19
    shown = hq.cli("enroll-code", "--association", added["id"])
    assert shown.returncode == 0 and "not shown again" in shown.stdout

    device = Device(hq, added["id"], "KHR1")
    devices = _json(hq.cli("device", "list", "--association", added["id"], "--json"))["devices"]
    assert [(d["id"], d["code"], d["revoked_at"], d["push_expected"]) for d in devices] == [
        (device.id, "KHR1", None, 1)
    ]
    assert "KHR1" in hq.cli("device", "list").stdout
    revoked = _json(hq.cli("device", "revoke", device.id, "--json"))
    assert revoked["id"] == device.id and revoked["revoked_at"]
    assert _json(hq.cli("device", "revoke", device.id, "--json"))["revoked_at"] == revoked["revoked_at"]
    assert "REVOKED" in hq.cli("device", "list").stdout


def test_errors_are_one_line_with_the_apps_exit_codes(hq_sqlite):
    hq = hq_sqlite
    association = hq.new_association("Al Amal")
    cases = [
        (("association", "add", "Al Amal"), 3),  # refused: the name is taken
        (("enroll-code", "--association", "nope"), 4),
        (("device", "revoke", "nope"), 4),
        (("device", "list", "--association", "nope"), 4),
        (
            ("campaign", "publish", "--name", "X", "--starts", "2027-13-01", "--ends", "2027-12-31", "--item", "A:B:1"),
            5,
        ),
        (
            ("campaign", "publish", "--name", "X", "--starts", "2027-01-01", "--ends", "2026-12-31", "--item", "A:B:1"),
            5,
        ),
        (("campaign", "publish", "--name", "X", "--starts", "2027-01-01", "--ends", "2027-01-31", "--item", "A:B"), 5),
        (("conflicts", "--settle", "nope"), 4),
        (("enroll-code",), 2),
        (("device", "frobnicate"), 2),
        (("enroll-code", "--association", association, "--hours", "0"), 5),
    ]
    for args, code in cases:
        proc = hq.cli(*args)
        assert proc.returncode == code, (args, proc.returncode, proc.stderr)
        assert len(proc.stderr.strip().splitlines()) == 1, (args, proc.stderr)
        assert proc.stdout == ""
    as_json = hq.cli("device", "revoke", "nope", "--json")
    assert as_json.returncode == 4
    assert json.loads(as_json.stdout)["error"] == {"code": "not_found", "message": "no device nope", "exit_code": 4}


def test_campaign_publish_prints_what_it_published(hq_sqlite):
    proc = hq_sqlite.cli(
        "campaign", "publish", "--name", "Ramadan 2027", "--starts", "2027-02-18", "--ends", "2027-03-19",
        "--item", "kit:Panier: dattes, farine:1", "--item", "MILK:Lait:2",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "Ramadan 2027" in proc.stdout and "Panier: dattes, farine" in proc.stdout
    empty = _json(hq_sqlite.cli("conflicts", "--json"))
    assert empty == {"conflicts": [], "reviews": []}
    assert "no open conflicts" in hq_sqlite.cli("conflicts").stdout


def test_a_database_newer_than_hq_is_refused(hq_sqlite):
    hq_sqlite.stop()
    engine = sa.create_engine(hq_sqlite.db_url)
    with engine.begin() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM hq_alembic_version")).scalar() == known_revisions()[-1]
        conn.execute(sa.text("UPDATE hq_alembic_version SET version_num = '9999'"))
    engine.dispose()
    proc = hq_sqlite.cli("association", "list")
    assert proc.returncode == 3 and "newer" in proc.stderr


def test_after_a_restore_the_cursor_moves_past_what_laptops_already_read(hq_sqlite):
    hq = hq_sqlite
    association = hq.new_association("Al Amal")
    author, reader = Device(hq, association, "KHR1"), Device(hq, association, "KHR2")
    author.push([author.insert("households", {"head_name": f"Family {n}", "size": 3}) for n in range(3)])
    # The reader had read further than the restored database goes (its cursor is beyond HQ's head).
    ahead_of_backup = 50
    moved = _json(hq.cli("after-restore", "--json"))
    assert moved == {"old_head": 3, "new_head": 1_000_000_003}
    author.push([author.insert("households", {"head_name": "After the restore", "size": 2})])
    changes, cursor = reader.pull_all(after=ahead_of_backup)
    assert [c["f"]["head_name"] for c in changes] == ["After the restore"]
    assert cursor == 1_000_000_004


def test_the_openapi_description_lists_every_endpoint(hq_sqlite):
    import requests

    schema = requests.get(hq_sqlite.url + "/openapi.json", timeout=30).json()
    assert {"/v1/enroll", "/v1/hello", "/v1/push", "/v1/pull", "/v1/conflicts", "/v1/conflicts/{key}/settle"} <= set(
        schema["paths"]
    )
    push = schema["paths"]["/v1/push"]["post"]
    assert push["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/PushRequest")
    assert "Change" in schema["components"]["schemas"]
