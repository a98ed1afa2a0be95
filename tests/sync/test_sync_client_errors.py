"""HQ's answers the laptop must take in its stride: one cut off after its headers is "HQ unreachable" (retried, exit 6,
never exit 1), and a 429 is waited out for at least its Retry-After before the next try."""

from __future__ import annotations

import contextlib
import socket
import threading
from urllib.parse import urlsplit

import pytest
from cut_proxy import _read_message
from replicas import KHOURIBGA, enrolled_laptop

from fieldapp.services.households import HouseholdInput, register_household
from sync import engine, protocol
from sync.client import Unreachable


class StandIn:
    """Relays to a real HQ, except the next `times` requests starting with a prefix (e.g. "POST /v1/push"), which get
    HQ's answer cut right after its headers ("cut"), or a 429 with Retry-After ("limit") without reaching HQ."""

    def __init__(self, target_url: str) -> None:
        parts = urlsplit(target_url)
        self.target = (parts.hostname, parts.port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.rules: list[dict] = []
        self.seen: list[str] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self.listener.close()

    def cut(self, prefix: str, times: int = 1) -> None:
        self.rules.append({"prefix": prefix, "times": times, "do": "cut"})

    def limit(self, prefix: str, retry_after: int, times: int = 1) -> None:
        self.rules.append({"prefix": prefix, "times": times, "do": "limit", "retry_after": retry_after})

    def _rule(self, line: str) -> dict | None:
        with self._lock:
            self.seen.append(" ".join(line.split(" ")[:2]).split("?")[0])
            for rule in self.rules:
                if rule["times"] and line.startswith(rule["prefix"]):
                    rule["times"] -= 1
                    return rule
        return None

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        upstream = None
        try:
            upstream = socket.create_connection(self.target, timeout=60)
            from_client, from_hq = bytearray(), bytearray()
            while (request := _read_message(client, from_client)) is not None:
                line = request.split(b"\r\n", 1)[0].decode("latin-1")
                rule = self._rule(line)
                if rule and rule["do"] == "limit":
                    body = b'{"error":"rate_limited","detail":"too many failed device tokens: try again in 2 s"}'
                    head = (
                        f"HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\n"
                        f"Retry-After: {rule['retry_after']}\r\nContent-Length: {len(body)}\r\n\r\n"
                    )
                    client.sendall(head.encode() + body)
                    continue
                upstream.sendall(request)
                answer = _read_message(upstream, from_hq)
                if answer is None:
                    return
                if rule and rule["do"] == "cut":
                    client.sendall(answer[: answer.index(b"\r\n\r\n") + 4])  # headers, then nothing
                    return
                client.sendall(answer)
        except OSError:
            return
        finally:
            for sock in (client, upstream):
                if sock is not None:
                    with contextlib.suppress(OSError):
                        sock.close()


@pytest.fixture
def association(hq_sqlite):
    return hq_sqlite.new_association("Association Al Amal")


@pytest.fixture
def stand_in(hq_sqlite):
    server = StandIn(hq_sqlite.url)
    yield server
    server.close()


def _household(db, name: str = "Fatima Benali") -> None:
    register_household(db, HouseholdInput(consent=True, head_name=name, commune=KHOURIBGA))


def test_an_answer_cut_after_its_headers_is_retried_and_then_unreachable(hq_sqlite, association, stand_in, tmp_path):
    laptop = enrolled_laptop(tmp_path, hq_sqlite, association, "KHR1", url=stand_in.url)
    try:
        _household(laptop)
        stand_in.cut("POST /v1/push")  # once: the retry goes through
        waits: list[float] = []
        summary = engine.sync_now(laptop, sleep=waits.append, rand=lambda: 0.5)
        assert summary.pushed == 1 and summary.pending == 0
        assert stand_in.seen.count("POST /v1/push") == 2 and len(waits) == 1

        _household(laptop, "Khadija Alaoui")
        stand_in.cut("POST /v1/push", times=100)  # every time: HQ unreachable, nothing lost
        with pytest.raises(Unreachable) as caught:
            engine.sync_now(laptop, sleep=lambda s: None)
        assert caught.value.exit_code == 6 and caught.value.retryable
        stand_in.rules.clear()  # the link heals: the next sync sends it
        assert engine.sync_now(laptop, sleep=lambda s: None).pending == 0
    finally:
        laptop.dispose()


def test_sync_exits_6_when_every_answer_is_cut_after_its_headers(hq_sqlite, association, stand_in, cli_process):
    enrolled = cli_process("enroll", stand_in.url, hq_sqlite.enroll_code(association), "--device", "KHR1", "--json")
    assert enrolled.code == 0, enrolled.err
    stand_in.cut("GET /v1/hello", times=100)
    result = cli_process("sync", "--json")
    assert result.code == 6, (result.code, result.err)
    assert stand_in.seen.count("GET /v1/hello") == engine.HELLO_ATTEMPTS


def test_a_429_is_waited_out_for_at_least_its_retry_after(hq_sqlite, association, stand_in, tmp_path):
    laptop = enrolled_laptop(tmp_path, hq_sqlite, association, "KHR1", url=stand_in.url)
    try:
        _household(laptop)
        stand_in.limit("GET /v1/hello", retry_after=2)
        stand_in.limit("POST /v1/push", retry_after=3)
        waits: list[float] = []
        summary = engine.sync_now(laptop, sleep=waits.append, rand=lambda: 0.0)  # jitter alone would not wait
        assert summary.pushed == 1 and summary.pending == 0
        assert waits == [2, 3]
        assert stand_in.seen[1:5] == [
            f"GET {protocol.HELLO}",
            f"GET {protocol.HELLO}",
            "POST /v1/push",
            "POST /v1/push",
        ]
    finally:
        laptop.dispose()
