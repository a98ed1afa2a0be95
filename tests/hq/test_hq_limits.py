"""What one request may cost HQ: bad input is a 4xx with nothing stored, bodies are read with limits and only after
the token, guessing is slowed down (429 with Retry-After), and stalled connections are closed (docs/hq.md, "Limits")."""

from __future__ import annotations

import contextlib
import gzip
import json
import select
import socket
import sqlite3
import time

import pytest
import requests
from hq_http import HEADERS, Device, household
from hq_server import HQServer

from sync import protocol


def _hq(tmp_path, **env):
    server = HQServer(f"sqlite:///{tmp_path / 'hq.sqlite3'}", "sqlite", tmp_path)
    server._env.update({key: str(value) for key, value in env.items()})
    server.start()
    return server


@pytest.fixture
def tight_hq(tmp_path):
    """HQ with small limits, so that a test reaches them in a few requests and seconds."""
    server = _hq(
        tmp_path,
        FIELDAPP_HQ_ENROLL_FAILS_PER_ADDRESS="3/600",
        FIELDAPP_HQ_TOKEN_FAILS_PER_ADDRESS="4/2",
        FIELDAPP_HQ_HEAD_TIMEOUT_S=1,
        FIELDAPP_HQ_BODY_STALL_S=1,
    )
    yield server
    server.stop()


def _post(url: str, data: bytes, token: str | None = None, **headers) -> requests.Response:
    headers = {**HEADERS, "Content-Type": "application/json", **headers}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return requests.post(url, data=data, headers=headers, timeout=30)


def _stored(hq, device: Device) -> tuple[int, list]:
    """What HQ holds from this device: the seq it expects next, and what another laptop pulls."""
    other = Device(hq, device.association_id, f"OBS{time.monotonic_ns() % 1000}")
    return device.hello()["push_expected"], other.pull_all()[0]


def test_bad_json_is_a_4xx_and_nothing_is_stored(hq_sqlite):
    device = Device(hq_sqlite, hq_sqlite.new_association("Association Al Amal"), "KHR1")
    deep = ("[" * 962 + "]" * 962).encode()
    assert _post(hq_sqlite.url + protocol.ENROLL, deep).status_code == 400  # no token needed to try
    answer = _post(hq_sqlite.url + protocol.PUSH, deep, device.token)
    assert (answer.status_code, answer.json()["error"]) == (400, protocol.BAD_REQUEST)
    assert "deeper" in answer.json()["detail"]

    change = device.insert("households", household())
    text = json.dumps({"from": 1, "to": 1, "changes": [change]})
    for bad in (
        text.replace('"Fatima Zahra"', '"\\ud800"'),  # a lone surrogate
        text.replace('"size": 4', '"size": NaN'),
        text.replace('"size": 4', '"size": Infinity'),
        text.replace('"size": 4', '"size": -Infinity'),
        text.replace('"size": 4', '"size": 1e999'),
        text.replace('"size": 4', '"size": ' + "[" * 20 + "]" * 20),
    ):
        assert bad != text
        for data, encoding in ((bad.encode(), {}), (gzip.compress(bad.encode()), {"Content-Encoding": "gzip"})):
            answer = _post(hq_sqlite.url + protocol.PUSH, data, device.token, **encoding)
            assert answer.status_code in (400, 422), (bad[:200], answer.text)
            assert answer.json()["error"] == protocol.BAD_REQUEST and answer.json()["detail"]
    assert _stored(hq_sqlite, device) == (1, [])


def test_numbers_beyond_64_bits_are_422_not_500(hq_sqlite):
    device = Device(hq_sqlite, hq_sqlite.new_association("Association Al Amal"), "KHR1")
    for after in (2**63, 2**64, 10**30):
        answer = device.get(protocol.PULL, after=after)
        assert (answer.status_code, answer.json()["error"]) == (422, protocol.BAD_REQUEST), answer.text
    assert device.get(protocol.PULL, after=protocol.MAX_CURSOR).status_code == 200
    change = device.insert("households", household())
    for first in (2**63, 10**30):
        answer = device.post(protocol.PUSH, {"from": first, "to": first, "changes": [change]})
        assert (answer.status_code, answer.json()["error"]) == (422, protocol.BAD_REQUEST), answer.text
    assert _stored(hq_sqlite, device) == (1, [])


def test_bodies_are_refused_past_the_limit_while_they_are_read(hq_sqlite):
    device = Device(hq_sqlite, hq_sqlite.new_association("Association Al Amal"), "KHR1")
    url = hq_sqlite.url + protocol.PUSH
    big = b" " * (protocol.MAX_BODY_BYTES + 1)

    def chunks(data: bytes):
        for start in range(0, len(data), 1 << 20):
            yield data[start : start + (1 << 20)]

    # Plain, with its length declared, then chunked; a gzip bomb (8 kB that inflate past 8 MiB), then chunked.
    bomb = gzip.compress(b" " * (protocol.MAX_BODY_BYTES * 4))
    gz = {"Content-Encoding": "gzip"}
    for data, encoding in ((big, {}), (chunks(big), {}), (bomb, gz), (chunks(bomb), gz)):
        answer = _post(url, data, device.token, **encoding)
        assert (answer.status_code, answer.json()["error"]) == (413, protocol.BATCH_TOO_LARGE), answer.text
    # Chunked, without a length: 413 once 8 MiB arrived, long before the 500 MB end (never held whole).
    host, port = hq_sqlite.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=20) as sock:
        head = f"POST {protocol.PUSH} HTTP/1.1\r\nHost: hq\r\n{protocol.PROTOCOL_HEADER}: 1\r\n"
        sock.sendall(f"{head}Authorization: Bearer {device.token}\r\nTransfer-Encoding: chunked\r\n\r\n".encode())
        sent, piece = 0, b"10000\r\n" + b" " * 65536 + b"\r\n"
        with contextlib.suppress(OSError):
            while sent < 500 << 20 and not select.select([sock], [], [], 0)[0]:
                sock.sendall(piece)
                sent += len(piece)
        assert sock.recv(65536).startswith(b"HTTP/1.1 413") and sent < 4 * protocol.MAX_BODY_BYTES, sent
    assert _stored(hq_sqlite, device) == (1, [])
    # A batch inside the limits, several gzip members or a zlib stream, is taken.
    body = json.dumps(device.batch([device.insert("households", household())])).encode()
    two_members = gzip.compress(body[:10]) + gzip.compress(body[10:])
    answer = _post(url, two_members, device.token, **{"Content-Encoding": "gzip"})
    assert answer.status_code == 200, answer.text


def test_the_token_is_checked_before_the_body_is_read(hq_sqlite):
    """A 500 MB body without a valid token is answered 401 at once, after a few kB; a revoked laptop learns it is
    revoked whatever it sends."""
    device = Device(hq_sqlite, hq_sqlite.new_association("Association Al Amal"), "KHR1")
    for token, code in ((None, protocol.UNAUTHORIZED), ("not-a-token", protocol.UNAUTHORIZED)):
        answer, sent = _early_answer(hq_sqlite.url, token)
        assert answer.startswith(b"HTTP/1.1 401"), answer[:200]
        assert code.encode() in answer
        assert sent < 50 * 1024 * 1024, sent  # far from the 500 MB announced
    hq_sqlite.cli("device", "revoke", device.id)
    answer, _ = _early_answer(hq_sqlite.url, device.token)
    assert answer.startswith(b"HTTP/1.1 401") and protocol.DEVICE_REVOKED.encode() in answer
    garbage = _post(hq_sqlite.url + protocol.PUSH, b"\x00not json", device.token, **{"Content-Encoding": "gzip"})
    assert garbage.json()["error"] == protocol.DEVICE_REVOKED


def _early_answer(url: str, token: str | None, path: str = protocol.PUSH, seconds: float = 10) -> tuple[bytes, int]:
    """Send up to 500 MB of zeros, chunked and declared gzip, until HQ answers: (its answer, bytes sent by then)."""
    host, port = url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)))
    auth = f"Authorization: Bearer {token}\r\n" if token else ""
    head = f"POST {path} HTTP/1.1\r\nHost: hq\r\n{protocol.PROTOCOL_HEADER}: 1\r\n{auth}"
    sock.sendall(f"{head}Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n".encode())
    sock.setblocking(False)
    zeros, sent, answer = b"10000\r\n" + b"\0" * 65536 + b"\r\n", 0, b""
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline and not _whole(answer):
            readable, writable, _ = select.select([sock], [sock], [], 0.5)
            if readable:
                answer += sock.recv(65536)
            elif writable and sent < 500 * 1024 * 1024:
                sent += sock.send(zeros)
    finally:
        sock.close()
    return answer, sent


def _whole(answer: bytes) -> bool:
    head, found, body = answer.partition(b"\r\n\r\n")
    length = [line for line in head.lower().split(b"\r\n") if line.startswith(b"content-length:")]
    return bool(found and length) and len(body) >= int(length[0].split(b":")[1])


def test_failed_enrollments_are_slowed_down_per_address(tight_hq, tmp_path):
    association = tight_hq.new_association("Association Al Amal")
    body = {"code": "AAAA-BBBB-CCCC-DDDD", "device_code": "KHR1", "device_name": "Laptop"}
    url = tight_hq.url + protocol.ENROLL
    for _ in range(3):  # a person retyping a code a few times
        assert requests.post(url, json=body, headers=HEADERS, timeout=30).status_code == 403
    started = time.monotonic()
    limited = requests.post(url, json={**body, "code": tight_hq.enroll_code(association)}, headers=HEADERS, timeout=30)
    assert (limited.status_code, limited.json()["error"]) == (429, protocol.RATE_LIMITED), limited.text
    assert 1 <= int(limited.headers["Retry-After"]) <= 600
    assert time.monotonic() - started < 2
    # Refused before its body was read: a huge body gets the 429 at once too.
    answer, _ = _early_answer(tight_hq.url, None, path=protocol.ENROLL)
    assert answer.startswith(b"HTTP/1.1 429"), answer[:200]


def test_a_person_retyping_a_code_is_never_held_up_with_the_default_limits(hq_sqlite):
    association = hq_sqlite.new_association("Association Al Amal")
    code = hq_sqlite.enroll_code(association)
    url = hq_sqlite.url + protocol.ENROLL
    for typo in ("K7QF-9XMP", "", code + "X", code[:-2], code[1:], "0000-0000-0000-0000", "IIII-LLLL-OOOO-1111"):
        body = {"code": typo, "device_code": "KHR1", "device_name": "Laptop"}
        assert requests.post(url, json=body, headers=HEADERS, timeout=30).status_code in (403, 422)
    body = {"code": code.lower().replace("-", " "), "device_code": "KHR1", "device_name": "Laptop"}
    assert requests.post(url, json=body, headers=HEADERS, timeout=30).status_code == 200


def test_a_wrong_code_is_refused_without_waiting_for_the_write_lock(hq_sqlite):
    """A failed guess reads only: while another writer holds SQLite's lock it is answered at once."""
    hq_sqlite.new_association("Association Al Amal")
    holder = sqlite3.connect(hq_sqlite.db_url.removeprefix("sqlite:///"), timeout=1)
    holder.execute("BEGIN IMMEDIATE")
    try:
        body = {"code": "AAAA-BBBB-CCCC-DDDD", "device_code": "KHR1", "device_name": "Laptop"}
        answer = requests.post(hq_sqlite.url + protocol.ENROLL, json=body, headers=HEADERS, timeout=5)
        assert answer.json()["error"] == protocol.ENROLL_CODE_INVALID
    finally:
        holder.rollback()
        holder.close()


def test_unknown_tokens_are_slowed_down_but_not_revoked_laptops_nor_requests_without_one(tight_hq):
    association = tight_hq.new_association("Association Al Amal")
    revoked = Device(tight_hq, association, "OLD1")
    tight_hq.cli("device", "revoke", revoked.id)
    good = Device(tight_hq, association, "KHR1")
    hello = tight_hq.url + protocol.HELLO
    for _ in range(10):  # a probe without a token, and a revoked laptop, cost nothing and always hear why
        assert requests.get(hello, headers=HEADERS, timeout=30).json()["error"] == protocol.UNAUTHORIZED
        assert revoked.get(protocol.HELLO).json()["error"] == protocol.DEVICE_REVOKED
    guess = {**HEADERS, "Authorization": "Bearer guessed-token"}
    answers = [requests.get(hello, headers=guess, timeout=30) for _ in range(6)]
    assert [a.status_code for a in answers[:4]] == [401] * 4
    limited = answers[5]
    assert (limited.status_code, limited.json()["error"]) == (429, protocol.RATE_LIMITED), limited.text
    assert 1 <= int(limited.headers["Retry-After"]) <= 2
    push = requests.post(tight_hq.url + protocol.PUSH, data=b"{}", headers=guess, timeout=30)
    assert push.status_code == 429
    time.sleep(int(limited.headers["Retry-After"]) + 0.2)
    assert good.hello()["device"]["code"] == "KHR1"  # the wait was enough


def test_stalled_connections_are_closed_after_the_head_timeout(tight_hq):
    """Slowloris: connections that send half a request head (or trickle it) are closed; HQ answers meanwhile."""
    host, port = tight_hq.url.removeprefix("http://").split(":")
    stalled = []
    for _ in range(200):
        sock = socket.create_connection((host, int(port)))
        sock.sendall(b"GET /v1/hello HTTP/1.1\r\nHost: hq\r\n")
        stalled.append(sock)
    trickler = socket.create_connection((host, int(port)))
    trickler.sendall(b"GET /v1/hello HTTP/1.1\r\n")
    assert requests.get(tight_hq.url + protocol.HELLO, headers=HEADERS, timeout=5).status_code == 401
    open_ones, deadline = set(stalled), time.monotonic() + 6
    trickler_closed = False
    while (open_ones or not trickler_closed) and time.monotonic() < deadline:
        try:
            trickler.sendall(b"X-A: b\r\n")
        except OSError:
            trickler_closed = True
        for sock in select.select(list(open_ones), [], [], 0.2)[0]:
            try:
                data = sock.recv(1024)
            except OSError:
                data = b""
            if not data:
                open_ones.discard(sock)
    for sock in [*stalled, trickler]:
        sock.close()
    assert not open_ones and trickler_closed, f"{len(open_ones)} still open"
    assert requests.get(tight_hq.url + protocol.HELLO, headers=HEADERS, timeout=5).status_code == 401


def test_a_body_that_stops_coming_gets_408_and_nothing_is_stored(tight_hq):
    device = Device(tight_hq, tight_hq.new_association("Association Al Amal"), "KHR1")
    host, port = tight_hq.url.removeprefix("http://").split(":")
    body = json.dumps(device.batch([device.insert("households", household())])).encode()
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        head = (
            f"POST {protocol.PUSH} HTTP/1.1\r\nHost: hq\r\n{protocol.PROTOCOL_HEADER}: 1\r\n"
            f"Authorization: Bearer {device.token}\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        sock.sendall(head.encode() + body[:20])
        started, answer = time.monotonic(), b""
        while not _whole(answer) and (data := sock.recv(65536)):
            answer += data
    assert answer.startswith(b"HTTP/1.1 408"), answer
    assert protocol.REQUEST_TIMEOUT.encode() in answer
    assert time.monotonic() - started < 5
    device.seq = 0
    assert _stored(tight_hq, device) == (1, [])


def test_a_laptop_held_back_after_wrong_codes_is_told_to_wait_and_check_the_code(tight_hq, cli_process):
    wrong = ["2345-6789-ABCD-EFGH", "2345-6789-ABCD-EFGJ", "2345-6789-ABCD-EFGK"]
    for code in wrong:
        assert cli_process("enroll", tight_hq.url, code, "--device", "KHR1").code == 3  # unknown code
    held = cli_process("enroll", tight_hq.url, "2345-6789-ABCD-EFGM", "--device", "KHR1", "--lang", "fr")
    assert held.code == 6
    assert "Trop d'essais refusés par le siège" in held.err and "min avant de réessayer" in held.err
    assert "Traceback" not in held.err and len(held.err.strip().splitlines()) == 1
