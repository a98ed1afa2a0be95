"""Running HQ under uvicorn, one process or several workers sharing one listening socket."""

from __future__ import annotations

import os
import socket

from hq.db import ENV_DB


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
    )
    sock = listening_socket(host, port)
    try:
        if workers > 1:
            Multiprocess(config, sockets=[sock]).run()
        else:
            uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
