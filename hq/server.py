"""Running HQ under uvicorn, one process or several workers sharing one listening socket, with read timeouts."""

from __future__ import annotations

import asyncio
import os
import socket

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from hq.db import ENV_DB
from sync import protocol

# docs/hq.md "Limits". uvicorn waits for a request head forever; HQ closes a connection whose head has not come
# HEAD_TIMEOUT_S after it opened or after the previous answer (slow or stalled clients: slowloris).
HEAD_TIMEOUT_S = float(os.environ.get("FIELDAPP_HQ_HEAD_TIMEOUT_S", protocol.HEAD_TIMEOUT_S))
# After an answer given before its request's body was read (401, 413, 429...), the rest of the body is read and
# dropped (so that the client, still sending, then reads the answer) for at most this long.
DRAIN_S = float(os.environ.get("FIELDAPP_HQ_BODY_DEADLINE_S", protocol.BODY_DEADLINE_S))
# Connections (and requests) one worker serves at once; beyond, a request gets 503 (the laptop tries again later).
MAX_CONNECTIONS = int(os.environ.get("FIELDAPP_HQ_MAX_CONNECTIONS", "500"))


class TimedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request head, armed when the connection opens and after each
    answer, and cancelled by the next request's head. Data alone does not cancel it (uvicorn's keep-alive timer is)."""

    _head_timer: asyncio.TimerHandle | None = None
    _waiting_after: object = None  # the request cycle answered last (None: none yet); a new one means a head came

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm(HEAD_TIMEOUT_S)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.cycle is not self._waiting_after:
            self._disarm()

    def on_response_complete(self) -> None:
        answered = self.cycle
        super().on_response_complete()
        if self.cycle is answered and not self.transport.is_closing():  # no pipelined request started meanwhile
            self._waiting_after = answered
            body_coming = self.conn.their_state is h11.SEND_BODY  # answered before its body was read
            self._arm(DRAIN_S if body_coming else HEAD_TIMEOUT_S)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self, seconds: float) -> None:
        self._disarm()
        self._head_timer = self.loop.call_later(seconds, self._head_timeout)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timeout(self) -> None:
        self._head_timer = None
        if self.cycle is self._waiting_after and not self.transport.is_closing():
            self.transport.close()  # no request head in time (or the rest of an answered body still coming)


def listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket made with IPPROTO_TCP: asyncio only sets TCP_NODELAY on connections of such sockets.

    uvicorn's own socket for several workers is made with protocol 0, so its answers wait for the client's delayed
    ACK (about 40 ms each on Linux); this one answers at once.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


def run(url: str, host: str, port: int, workers: int = 1, access_log: bool = False) -> None:
    """Serve HQ on `url` (already migrated) until stopped by SIGINT/SIGTERM."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    os.environ[ENV_DB] = url  # each worker builds its app from it
    config = uvicorn.Config(
        "hq.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=access_log,
        log_level="warning",
        timeout_graceful_shutdown=10,
        http=TimedH11Protocol,
        limit_concurrency=MAX_CONNECTIONS,
    )
    sock = listening_socket(host, port)
    try:
        if workers > 1:
            Multiprocess(config, sockets=[sock]).run()
        else:
            uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
