"""bench/link_proxy.py: bytes pass unchanged, the link is shaped (bandwidth, latency, loss), counters are right."""

from __future__ import annotations

import importlib.util
import os
import socket
import socketserver
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load_link_proxy():
    spec = importlib.util.spec_from_file_location("link_proxy", ROOT / "bench" / "link_proxy.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["link_proxy"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


link_proxy = _load_link_proxy()


class _Echo(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        while data := self.request.recv(65536):
            self.request.sendall(data)
        self.request.shutdown(socket.SHUT_WR)


@pytest.fixture
def echo_server() -> Iterator[tuple[str, int]]:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Echo)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address
    server.shutdown()
    server.server_close()


def _echo_through(port: int, payload: bytes) -> tuple[bytes, float]:
    """Send payload through the proxy to the echo server; returns what came back and the seconds it took."""
    start = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sender = threading.Thread(target=lambda: (sock.sendall(payload), sock.shutdown(socket.SHUT_WR)))
        sender.start()
        received = bytearray()
        while chunk := sock.recv(65536):
            received += chunk
        sender.join()
    return bytes(received), time.perf_counter() - start


def test_64_kb_at_256_kbit_passes_unchanged_shaped_and_counted(echo_server):
    payload = os.urandom(64 * 1024)
    with link_proxy.LinkProxy(echo_server, kbit=256, rtt_ms=0) as proxy:
        back, seconds = _echo_through(proxy.port, payload)
        stats = proxy.stats()
    assert back == payload
    segments = -(-len(payload) // 1460)  # 45
    wire_seconds = (len(payload) + 40 * segments) * 8 / 256_000  # 2.10 s up; the echo comes back alongside
    assert seconds >= 0.9 * wire_seconds, f"{seconds:.2f} s: the link was not shaped"
    assert stats.connections == 1
    assert stats.bytes_up == stats.bytes_down == len(payload)
    assert stats.wire_bytes_up >= len(payload) + 40 * segments
    assert stats.lost_up == stats.lost_down == 0


def _recv_exactly(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        assert chunk, "connection closed early"
        data += chunk
    return data


def test_round_trip_latency_handshake_and_loss(echo_server):
    with link_proxy.LinkProxy(echo_server, kbit=None, rtt_ms=200) as proxy:
        start = time.perf_counter()
        with socket.create_connection(("127.0.0.1", proxy.port), timeout=30) as sock:
            sock.sendall(b"ping")
            assert _recv_exactly(sock, 4) == b"ping"
            # handshake (1 RTT), then the message there and back (1 RTT)
            first = time.perf_counter() - start
            assert first >= 0.38, f"{first:.3f} s"

            proxy.set_link(loss=1.0)  # every segment is lost once: it waits an RTO of max(200 ms, 1.5 RTT) = 300 ms
            start = time.perf_counter()
            sock.sendall(b"pong")
            assert _recv_exactly(sock, 4) == b"pong"
            lossy = time.perf_counter() - start
            assert lossy >= 0.2 + 2 * 0.3 - 0.02, f"{lossy:.3f} s"
        stats = proxy.stats()
    assert (stats.connections, stats.bytes_up, stats.bytes_down) == (1, 8, 8)
    assert (stats.lost_up, stats.lost_down) == (1, 1)
    assert stats.wire_bytes_up == (4 + 40) + 2 * (4 + 40)  # the lost segment crossed the link twice


def test_closes_the_client_when_the_target_refuses():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    with link_proxy.LinkProxy(("127.0.0.1", closed_port), kbit=None, rtt_ms=0) as proxy:
        with socket.create_connection(("127.0.0.1", proxy.port), timeout=10) as sock:
            assert sock.recv(10) == b""
        assert proxy.stats().connections == 1


def test_command_line_help():
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "link_proxy.py"), "--help"], capture_output=True, text=True, timeout=30
    )
    assert proc.returncode == 0
    for option in ("--listen", "--target", "--kbit", "--rtt-ms", "--loss"):
        assert option in proc.stdout
