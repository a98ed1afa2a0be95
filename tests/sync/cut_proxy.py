"""A tiny HTTP-aware TCP proxy for sync tests: relays requests to HQ one at a time, counts the bytes on the wire, and
can cut the link at the worst moment — after HQ has answered (so HQ committed) but before the answer reaches the
laptop — or refuse every connection (HQ unreachable).

    with CutProxy(hq.url) as proxy:
        proxy.cut_answer("POST /v1/push")      # the next push reaches HQ; its answer is dropped, the link closed
        proxy.delay_answer("POST /v1/push", 2)  # the next push answer arrives 2 s late (the laptop times out)
        proxy.go_dark()                        # every later connection is closed at once
        proxy.heal()
        proxy.url, proxy.bytes_up, proxy.bytes_down, proxy.requests
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from urllib.parse import urlsplit


def _read_message(sock: socket.socket, buffer: bytearray) -> bytes | None:
    """One HTTP message (head and body by Content-Length or chunked) from sock; None when the peer closed first."""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        buffer += chunk
    head_end = buffer.index(b"\r\n\r\n") + 4
    head = bytes(buffer[:head_end]).decode("latin-1").lower()
    length = 0
    chunked = "transfer-encoding: chunked" in head
    for line in head.split("\r\n"):
        if line.startswith("content-length:"):
            length = int(line.split(":", 1)[1])
    if chunked:
        while not bytes(buffer[head_end:]).endswith(b"0\r\n\r\n"):
            chunk = sock.recv(65536)
            if not chunk:
                return None
            buffer += chunk
        end = len(buffer)
    else:
        while len(buffer) < head_end + length:
            chunk = sock.recv(65536)
            if not chunk:
                return None
            buffer += chunk
        end = head_end + length
    message = bytes(buffer[:end])
    del buffer[:end]
    return message


class CutProxy:
    def __init__(self, target_url: str) -> None:
        parts = urlsplit(target_url)
        self.target = (parts.hostname, parts.port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.bytes_up = 0
        self.bytes_down = 0
        self.requests: list[str] = []  # "METHOD /path" of every request relayed to HQ
        self.cuts = 0
        self._cuts: list[dict] = []  # {"prefix", "skip", "times", "then_dark"}
        self._delay: dict[str, tuple[float, int]] = {}  # request prefix → (seconds, how many answers to hold)
        self._dark = False
        self._lock = threading.Lock()
        self._closing = False
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> CutProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._closing = True
        self.listener.close()

    def cut_answer(self, request_prefix: str, times: int = 1, skip: int = 0, then_dark: bool = False) -> None:
        """After `skip` such requests, the next `times` requests starting with e.g. "POST /v1/push" reach HQ but
        their answers are dropped and the link closed; with then_dark, HQ stays unreachable after the cut."""
        with self._lock:
            self._cuts.append({"prefix": request_prefix, "skip": skip, "times": times, "then_dark": then_dark})

    def delay_answer(self, request_prefix: str, seconds: float, times: int = 1) -> None:
        """Hold the next `times` answers to such requests for `seconds` (HQ has answered: the laptop times out)."""
        with self._lock:
            self._delay[request_prefix] = (seconds, times)

    def go_dark(self) -> None:
        self._dark = True

    def heal(self) -> None:
        self._dark = False
        with self._lock:
            self._cuts.clear()
            self._delay.clear()

    def reset_counters(self) -> None:
        self.bytes_up = self.bytes_down = 0
        self.requests.clear()

    def _accept(self) -> None:
        while not self._closing:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _should_cut(self, request_line: str) -> bool:
        with self._lock:
            for rule in self._cuts:
                if not rule["times"] or not request_line.startswith(rule["prefix"]):
                    continue
                if rule["skip"]:
                    rule["skip"] -= 1
                    return False
                rule["times"] -= 1
                self.cuts += 1
                if rule["then_dark"]:
                    self._dark = True
                return True
        return False

    def _hold(self, request_line: str) -> float:
        with self._lock:
            for prefix, (seconds, left) in self._delay.items():
                if left and request_line.startswith(prefix):
                    self._delay[prefix] = (seconds, left - 1)
                    return seconds
        return 0.0

    def _serve(self, client: socket.socket) -> None:
        upstream = None
        try:
            if self._dark:
                return
            upstream = socket.create_connection(self.target, timeout=120)
            from_client, from_hq = bytearray(), bytearray()
            while True:
                request = _read_message(client, from_client)
                if request is None or self._dark:
                    return
                line = request.split(b"\r\n", 1)[0].decode("latin-1")
                self.requests.append(" ".join(line.split(" ")[:2]).split("?")[0])
                self.bytes_up += len(request)
                upstream.sendall(request)
                answer = _read_message(upstream, from_hq)
                if answer is None or self._should_cut(line):
                    return  # HQ answered (and committed); the laptop never hears it
                held = self._hold(line)
                if held:
                    time.sleep(held)
                self.bytes_down += len(answer)
                client.sendall(answer)
        except OSError:
            return
        finally:
            for sock in (client, upstream):
                if sock is not None:
                    with contextlib.suppress(OSError):
                        sock.close()
