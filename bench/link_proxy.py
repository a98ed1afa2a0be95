"""Link-shaping TCP proxy for the sync benchmarks: bandwidth, round-trip latency and packet loss between client and HQ.

    python bench/link_proxy.py --listen 127.0.0.1:8751 --target 127.0.0.1:8750 --kbit 256 --rtt-ms 600 --loss 0.02

or from a benchmark script:

    from link_proxy import LinkProxy          # with bench/ on sys.path (running a script in bench/ puts it there)
    with LinkProxy("127.0.0.1:8750", kbit=256, rtt_ms=600, loss=0.02, seed=1) as proxy:
        sync_with(f"http://127.0.0.1:{proxy.port}")
        print(proxy.stats())                   # LinkStats(connections=…, bytes_up=…, bytes_down=…, …)

"up" is client → target (the sync client's requests), "down" is target → client (HQ's answers).

The model (a TCP connection over a slow, lossy link such as a rural 3G modem):

* Segments. Whatever the proxy reads is cut into segments of at most `mss` (1460) payload bytes; each costs
  `header` (40: IPv4 + TCP) more bytes on the wire. Small writes make small segments, as with TCP_NODELAY.
* Bandwidth. Each direction is one link of `kbit` kbit/s (1 kbit = 1000 bits) shared by every connection through
  the proxy, first come first served like a router's queue: a segment of n payload bytes occupies it
  (n + header) * 8 / (kbit * 1000) seconds after the segments before it. `kbit=None` means no limit.
* Latency. Each segment arrives `rtt_ms / 2` after its last bit left (one-way delay, the same both ways).
* Loss. Each segment is lost with probability `loss` (independently, from a seeded random generator). A lost
  segment is delivered one retransmission timeout later, RTO = `rto_ms` or max(200 ms, 1.5 * RTT), and its
  retransmission occupies the link a second time. The stream stays in order: the segments behind a lost one wait
  for it (head-of-line blocking), as a TCP receiver holds them until the hole is filled.
* Connection set-up. A new connection costs one round trip (SYN, SYN-ACK) before any data leaves; each of those two
  packets is lost with probability `loss`, which costs Linux's initial 1 s timeout. If the target refuses, the
  client's connection is closed after that round trip (the client sees it accepted and then closed, not refused).
* Closing. End of stream (FIN) is delivered in order after the data, one one-way delay later; half-closed
  connections stay half-open as with TCP.
* Back-pressure. The proxy stops reading from a sender while `window` bytes of its connection and direction are
  not yet delivered (default: max(64 KiB, 2 × bandwidth × RTT)), so a fast sender blocks as it would on the real
  link instead of seeing its writes complete at once.

Not modelled: slow start and congestion control (at 256 kbit/s and 600 ms RTT the bandwidth-delay product is
~13 segments, about Linux's initial window of 10, so slow start would cost at most about one more round trip per new
connection), fast retransmit (every loss waits a full RTO: a pessimistic model), the reverse-direction ACKs (~3 %
of the opposite link), the bytes of the handshake and jitter.

Cross-check with the kernel (root, iproute2): in a network namespace `tc qdisc add dev lo root netem delay 300ms
rate 256kbit loss 2%` shapes loopback (each packet crosses lo once per direction, so that is a 600 ms RTT). On the
machine this was written on, that command failed with "Specified qdisc kind is unknown" (no sch_netem in the kernel),
so the proxy is the tool.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import random
import signal
import sys
import threading
from collections import deque
from dataclasses import dataclass

SYN_TIMEOUT_S = 1.0  # Linux TCP_TIMEOUT_INIT: a lost SYN or SYN-ACK is retried after 1 s
READ_CHUNK = 65536


@dataclass(frozen=True)
class LinkProfile:
    """The shape of the link; see the module docstring for what each field means."""

    kbit: float | None = 256.0
    rtt_ms: float = 600.0
    loss: float = 0.0
    mss: int = 1460
    header: int = 40
    rto_ms: float | None = None
    window: int | None = None

    def __post_init__(self) -> None:
        if self.kbit is not None and self.kbit <= 0:
            raise ValueError("kbit must be positive (or None for no limit)")
        if self.rtt_ms < 0 or not 0 <= self.loss <= 1 or self.mss <= 0 or self.header < 0:
            raise ValueError(f"bad link profile: {self}")

    @property
    def one_way_s(self) -> float:
        return self.rtt_ms / 2000

    @property
    def rto_s(self) -> float:
        return (self.rto_ms if self.rto_ms is not None else max(200.0, 1.5 * self.rtt_ms)) / 1000

    @property
    def window_bytes(self) -> int:
        if self.window is not None:
            return max(1, self.window)
        if self.kbit is None:
            return 1 << 20
        return max(65536, int(2 * self.kbit * 1000 / 8 * self.rtt_ms / 1000))

    def transmit_s(self, payload: int) -> float:
        """Seconds a segment with `payload` bytes occupies the link."""
        return 0.0 if self.kbit is None else (payload + self.header) * 8 / (self.kbit * 1000)


@dataclass(frozen=True)
class LinkStats:
    """Counters since the proxy started (or reset_stats). Bytes count when the proxy reads them (at most `window`
    ahead of delivery), so after a finished exchange bytes_up/bytes_down are exactly what each end sent; wire bytes
    add 40 per segment and count a lost segment twice; lost_* count segments that waited an RTO."""

    connections: int = 0
    bytes_up: int = 0
    bytes_down: int = 0
    wire_bytes_up: int = 0
    wire_bytes_down: int = 0
    segments_up: int = 0
    segments_down: int = 0
    lost_up: int = 0
    lost_down: int = 0


class _Link:
    """One direction of the link: a FIFO of given bandwidth shared by all connections."""

    def __init__(self, proxy: LinkProxy, direction: str) -> None:
        self.proxy = proxy
        self.direction = direction
        self.busy_until = 0.0

    def send(self, payload: int, earliest: float) -> float:
        """Put one segment on the link no sooner than `earliest`; returns when it reaches the other end."""
        proxy = self.proxy
        profile = proxy.profile
        transmit = profile.transmit_s(payload)
        end = max(earliest, self.busy_until) + transmit
        self.busy_until = end
        arrival = end + profile.one_way_s
        lost = profile.loss > 0 and proxy.rng.random() < profile.loss
        if lost:
            arrival += profile.rto_s + transmit
            self.busy_until += transmit
        proxy._count(self.direction, payload, (payload + profile.header) * (2 if lost else 1), lost)
        return arrival


class _Pipe:
    """One direction of one connection: reads the source, schedules segments, writes them out when they arrive."""

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        link: _Link,
        source: asyncio.StreamReader,
        sink: asyncio.StreamWriter,
        open_at: float,
    ) -> None:
        self.loop = loop
        self.link = link
        self.source = source
        self.sink = sink
        self.open_at = open_at
        self.queue: deque[tuple[float, bytes | None]] = deque()
        self.last_arrival = 0.0
        self.in_flight = 0
        self.has_data = asyncio.Event()
        self.drained = asyncio.Event()

    def _schedule(self, arrival: float, chunk: bytes | None) -> None:
        arrival = max(arrival, self.last_arrival)  # in order: nothing overtakes a lost segment
        self.last_arrival = arrival
        self.queue.append((arrival, chunk))
        self.has_data.set()

    async def read_side(self) -> None:
        while True:
            window = self.link.proxy.profile.window_bytes
            while self.in_flight >= window:
                self.drained.clear()
                await self.drained.wait()
            try:
                data = await self.source.read(min(READ_CHUNK, window - self.in_flight))
            except (ConnectionError, OSError):
                data = b""
            now = self.loop.time()
            profile = self.link.proxy.profile
            if not data:
                self._schedule(max(now, self.open_at) + profile.one_way_s, None)
                return
            for start in range(0, len(data), profile.mss):
                segment = data[start : start + profile.mss]
                self.in_flight += len(segment)
                self._schedule(self.link.send(len(segment), max(now, self.open_at)), segment)

    async def write_side(self) -> None:
        while True:
            while not self.queue:
                self.has_data.clear()
                await self.has_data.wait()
            delay = self.queue[0][0] - self.loop.time()
            if delay > 0.0005:
                await asyncio.sleep(delay)
                continue
            now = self.loop.time() + 0.0005
            parts: list[bytes] = []
            eof = False
            while self.queue and self.queue[0][0] <= now:
                _, chunk = self.queue.popleft()
                if chunk is None:
                    eof = True
                    break
                parts.append(chunk)
            if parts:
                payload = b"".join(parts)
                self.sink.write(payload)
                await self.sink.drain()
                self.in_flight -= len(payload)
                self.drained.set()
            if eof:
                if self.sink.can_write_eof():
                    with contextlib.suppress(OSError, RuntimeError):
                        self.sink.write_eof()
                return


class LinkProxy:
    """A shaped TCP proxy to `target`; start() runs it on a background thread and returns the listening port."""

    def __init__(
        self,
        target: str | tuple[str, int],
        *,
        kbit: float | None = 256.0,
        rtt_ms: float = 600.0,
        loss: float = 0.0,
        listen: str | tuple[str, int] = ("127.0.0.1", 0),
        seed: int | None = None,
        mss: int = 1460,
        header: int = 40,
        rto_ms: float | None = None,
        window: int | None = None,
    ) -> None:
        self.target = parse_address(target)
        self.listen = parse_address(listen)
        self.profile = LinkProfile(kbit, rtt_ms, loss, mss, header, rto_ms, window)
        self.rng = random.Random(seed)
        self.port = 0
        self._stats = LinkStats()
        self._lock = threading.Lock()
        self._links = {"up": _Link(self, "up"), "down": _Link(self, "down")}
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    # --- public API --------------------------------------------------------------------------------------------------

    def start(self) -> int:
        """Start on a background thread (its own asyncio loop); returns the port it listens on."""
        if self._thread is not None:
            return self.port
        started = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            try:
                loop.run_until_complete(self.open())
            except BaseException as exc:  # reported to the caller of start()
                failure.append(exc)
                started.set()
                loop.close()
                return
            started.set()
            try:
                loop.run_forever()
            finally:
                loop.run_until_complete(self.close())
                loop.close()

        self._thread = threading.Thread(target=run, name=f"link-proxy-{self.target[1]}", daemon=True)
        self._thread.start()
        started.wait()
        if failure:
            self._thread.join()
            self._thread = None
            raise failure[0]
        return self.port

    def stop(self) -> None:
        """Stop the background thread started by start(), closing every connection."""
        if self._thread is None or self._loop is None:
            return
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._thread = None

    def __enter__(self) -> LinkProxy:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def address(self) -> tuple[str, int]:
        return self.listen[0], self.port

    def set_link(self, **changes: float | int | None) -> None:
        """Change the shape for what is sent from now on, e.g. set_link(kbit=64, loss=0.05)."""
        self.profile = dataclasses.replace(self.profile, **changes)

    def stats(self) -> LinkStats:
        """A snapshot of the counters (safe from any thread)."""
        with self._lock:
            return self._stats

    def reset_stats(self) -> None:
        with self._lock:
            self._stats = LinkStats()

    async def open(self) -> int:
        """Start listening on the running asyncio loop (for asyncio programs); returns the port."""
        self._server = await asyncio.start_server(self._handle, self.listen[0], self.listen[1])
        self.port = self._server.sockets[0].getsockname()[1]
        return self.port

    async def close(self) -> None:
        """Stop listening and end every connection (asyncio counterpart of stop())."""
        if self._server is not None:
            self._server.close()
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()
            self._server = None

    # --- internals ---------------------------------------------------------------------------------------------------

    def _count(self, direction: str, payload: int, wire: int, lost: bool) -> None:
        with self._lock:
            s = self._stats
            if direction == "up":
                self._stats = dataclasses.replace(
                    s,
                    bytes_up=s.bytes_up + payload,
                    wire_bytes_up=s.wire_bytes_up + wire,
                    segments_up=s.segments_up + 1,
                    lost_up=s.lost_up + lost,
                )
            else:
                self._stats = dataclasses.replace(
                    s,
                    bytes_down=s.bytes_down + payload,
                    wire_bytes_down=s.wire_bytes_down + wire,
                    segments_down=s.segments_down + 1,
                    lost_down=s.lost_down + lost,
                )

    async def _handle(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        loop = asyncio.get_running_loop()
        with self._lock:
            self._stats = dataclasses.replace(self._stats, connections=self._stats.connections + 1)
        profile = self.profile
        handshake = profile.rtt_ms / 1000
        for _ in range(2):  # SYN, SYN-ACK
            if profile.loss > 0 and self.rng.random() < profile.loss:
                handshake += SYN_TIMEOUT_S
        open_at = loop.time() + handshake
        target_writer: asyncio.StreamWriter | None = None
        try:
            try:
                target_reader, target_writer = await asyncio.open_connection(*self.target)
            except OSError:
                await asyncio.sleep(max(0.0, open_at - loop.time()))
                return
            up = _Pipe(loop, self._links["up"], client_reader, target_writer, open_at)
            down = _Pipe(loop, self._links["down"], target_reader, client_writer, open_at)
            workers = [
                asyncio.ensure_future(c) for c in (up.read_side(), up.write_side(), down.read_side(), down.write_side())
            ]
            try:
                await asyncio.gather(*workers)
            finally:
                for worker in workers:
                    worker.cancel()
                await asyncio.gather(*workers, return_exceptions=True)
        except (ConnectionError, OSError):
            pass  # one end went away: close both, as a reset would
        except asyncio.CancelledError:
            pass  # close(): end quietly (Python 3.11's stream callback chokes on a cancelled handler task)
        finally:
            for writer in (client_writer, target_writer):
                if writer is not None:
                    writer.close()
                    with contextlib.suppress(Exception):
                        await writer.wait_closed()
            self._tasks.discard(task)


def parse_address(value: str | tuple[str, int]) -> tuple[str, int]:
    """'host:port' (or a (host, port) tuple) to (host, port)."""
    if isinstance(value, tuple):
        return value[0], int(value[1])
    host, sep, port = value.rpartition(":")
    if not sep or not port.isdigit():
        raise ValueError(f"expected HOST:PORT, got {value!r}")
    return host.strip("[]") or "127.0.0.1", int(port)


def _describe(proxy: LinkProxy) -> str:
    p = proxy.profile
    speed = "unlimited" if p.kbit is None else f"{p.kbit:g} kbit/s each way"
    return f"{speed}, RTT {p.rtt_ms:g} ms, loss {p.loss * 100:g} %, RTO {p.rto_s * 1000:g} ms, MSS {p.mss}"


async def _serve(proxy: LinkProxy, stats_every: float) -> None:
    port = await proxy.open()
    route = f"{proxy.listen[0]}:{port} -> {proxy.target[0]}:{proxy.target[1]}"
    print(f"link_proxy: {route} ({_describe(proxy)})", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=stats_every if stats_every > 0 else None)
            if stats_every > 0 or stop.is_set():
                print(f"link_proxy: {proxy.stats()}", flush=True)
    finally:
        await proxy.close()


def main(argv: list[str] | None = None) -> int:
    """Command line: run the proxy until Ctrl-C or SIGTERM, then print the counters."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", default="127.0.0.1:8751", help="HOST:PORT to listen on (default %(default)s)")
    parser.add_argument("--target", required=True, help="HOST:PORT to forward to, e.g. the HQ server")
    parser.add_argument("--kbit", type=float, default=256.0, help="kbit/s each direction; 0 = unlimited (default 256)")
    parser.add_argument("--rtt-ms", type=float, default=600.0, help="round-trip time added (default 600)")
    parser.add_argument("--loss", type=float, default=0.0, help="probability a segment is lost, 0..1 (default 0)")
    parser.add_argument("--rto-ms", type=float, default=None, help="retransmission timeout (default max(200, 1.5 RTT))")
    parser.add_argument("--mss", type=int, default=1460, help="payload bytes per segment (default 1460)")
    parser.add_argument("--seed", type=int, default=None, help="seed of the loss draws, for repeatable runs")
    parser.add_argument("--stats-every", type=float, default=0, help="print the counters every N seconds")
    args = parser.parse_args(argv)
    try:
        proxy = LinkProxy(
            args.target,
            kbit=args.kbit or None,
            rtt_ms=args.rtt_ms,
            loss=args.loss,
            listen=args.listen,
            seed=args.seed,
            mss=args.mss,
            rto_ms=args.rto_ms,
        )
    except ValueError as exc:
        parser.error(str(exc))
    try:
        asyncio.run(_serve(proxy, args.stats_every))
    except OSError as exc:
        print(f"link_proxy: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
