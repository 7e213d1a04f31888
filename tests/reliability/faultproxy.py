"""A small fault-injecting TCP proxy on 127.0.0.1, between a client and a real server.

Each accepted connection takes the next fault from a queue (then plain forwarding):

- ``Fault.drop_request(after)``: forward the first ``after`` bytes the client sends, then close
  both sides (a connection dropped mid-body; the server never sees the whole request).
- ``Fault.cut_response(after)``: forward the request, then only the first ``after`` bytes of the
  answer, then close (the server did the work; the client never gets the whole answer).
- ``Fault.stall(seconds)``: forward the request, hold the answer back for ``seconds`` (past the
  client's read timeout), then close.

Threads only; every socket has a timeout and every thread ends when the proxy stops, so nothing
outlives a test.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections import deque
from dataclasses import dataclass

BUFFER = 65536
IDLE_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class Fault:
    kind: str  # "pass", "drop_request", "cut_response", "stall"
    after: int = 0
    seconds: float = 0.0

    @classmethod
    def drop_request(cls, after: int) -> Fault:
        return cls("drop_request", after=after)

    @classmethod
    def cut_response(cls, after: int) -> Fault:
        return cls("cut_response", after=after)

    @classmethod
    def stall(cls, seconds: float) -> Fault:
        return cls("stall", seconds=seconds)


PASS = Fault("pass")


class FaultProxy:
    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self._faults: deque[Fault] = deque()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._sockets: set[socket.socket] = set()
        self.applied: list[Fault] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._spawn(self._accept_loop)

    # --- control ------------------------------------------------------------------------

    def queue(self, *faults: Fault) -> None:
        with self._lock:
            self._faults.extend(faults)

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._faults)

    def close(self) -> None:
        self._stop.set()
        with self._lock:
            sockets = list(self._sockets)
        for sock in [self._listener, *sockets]:
            with contextlib.suppress(OSError):
                sock.close()
        for thread in self._threads:
            thread.join(timeout=5)

    def __enter__(self) -> FaultProxy:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- plumbing -----------------------------------------------------------------------

    def _spawn(self, target: object, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)  # type: ignore[arg-type]
        self._threads.append(thread)
        thread.start()

    def _track(self, sock: socket.socket) -> socket.socket:
        sock.settimeout(IDLE_TIMEOUT_S)
        with self._lock:
            self._sockets.add(sock)
        return sock

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                client, _addr = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                fault = self._faults.popleft() if self._faults else PASS
                if fault is not PASS:
                    self.applied.append(fault)
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            self._track(client)
            self._track(upstream)
            closed = threading.Event()
            self._spawn(self._pump, client, upstream, fault, "request", closed)
            self._spawn(self._pump, upstream, client, fault, "response", closed)

    def _pump(
        self,
        source: socket.socket,
        sink: socket.socket,
        fault: Fault,
        direction: str,
        closed: threading.Event,
    ) -> None:
        sent = 0
        limit = _byte_limit(fault, direction)
        try:
            while not self._stop.is_set() and not closed.is_set():
                try:
                    data = source.recv(BUFFER)
                except TimeoutError:
                    break
                if not data:
                    break
                if fault.kind == "stall" and direction == "response":
                    self._stop.wait(fault.seconds)
                    break  # the held answer is never delivered
                if limit is not None and sent + len(data) >= limit:
                    sink.sendall(data[: max(0, limit - sent)])
                    break
                sink.sendall(data)
                sent += len(data)
        except OSError:
            pass
        finally:
            closed.set()
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    sock.close()


def _byte_limit(fault: Fault, direction: str) -> int | None:
    """How many bytes of this direction get through before the fault cuts the connection."""
    if (fault.kind, direction) in (("drop_request", "request"), ("cut_response", "response")):
        return fault.after
    return None
