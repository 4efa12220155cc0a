"""A small fault-injecting HTTP proxy on loopback, for sync fault tests.

It sits between a client and a real server and forwards HTTP/1.1 requests one at a
time (bodies framed by Content-Length, which is all the sync protocol uses). Faults are
armed per path prefix and fire a given number of times, or at random for soak tests:

- `drop_request`: close the client's connection without forwarding (the server never
  saw the request);
- `drop_response`: forward the request, let the server answer in full, then close the
  client's connection without passing the answer on (the server applied it, the client
  never heard) — the case idempotent push exists for;
- `truncate_response`: pass on only part of the answer, then close.

Every request and fault is counted, so a test can assert the fault really happened.
"""

from __future__ import annotations

import contextlib
import random
import socket
import threading
from collections import Counter
from dataclasses import dataclass

FAULTS = ("drop_request", "drop_response", "truncate_response")


@dataclass
class _Armed:
    fault: str
    prefix: str
    times: int


def _read_message(sock: socket.socket, buffer: bytearray) -> bytes | None:
    """One HTTP message (head + Content-Length body) from `sock`, or None at EOF."""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        buffer.extend(chunk)
    head_end = buffer.index(b"\r\n\r\n") + 4
    length = 0
    for line in bytes(buffer[:head_end]).split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
        if name.strip().lower() == b"transfer-encoding":
            raise ValueError("chunked bodies are not supported by this proxy")
    while len(buffer) < head_end + length:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        buffer.extend(chunk)
    message = bytes(buffer[: head_end + length])
    del buffer[: head_end + length]
    return message


class FaultProxy:
    """Forwards 127.0.0.1:`port` to `upstream_port`, injecting the faults it is told to."""

    def __init__(self, upstream_port: int, *, seed: int = 0) -> None:
        self.upstream_port = upstream_port
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self._armed: list[_Armed] = []
        self._random_rate = 0.0
        self._random_prefix = "/"
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self.counts: Counter[str] = Counter()
        self._closing = False
        self._clients: set[socket.socket] = set()
        self._handlers: list[threading.Thread] = []
        self._thread = threading.Thread(target=self._serve, name="fault-proxy", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # ------------------------------------------------------------ control

    def arm(self, fault: str, prefix: str, times: int = 1) -> None:
        """Make the next `times` requests whose path starts with `prefix` suffer `fault`."""
        assert fault in FAULTS, fault
        with self._lock:
            self._armed.append(_Armed(fault, prefix, times))

    def randomly(self, rate: float, prefix: str = "/") -> None:
        """From now on, a fault of a random kind on about `rate` of matching requests."""
        with self._lock:
            self._random_rate = rate
            self._random_prefix = prefix

    def calm(self) -> None:
        """No more faults."""
        with self._lock:
            self._armed.clear()
            self._random_rate = 0.0

    def close(self) -> None:
        """Stop listening, cut every open connection, and wait for every thread to end."""
        self._closing = True
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
        self._listener.close()
        self._thread.join(timeout=5)
        with self._lock:
            clients = list(self._clients)
        for client in clients:
            with contextlib.suppress(OSError):
                client.shutdown(socket.SHUT_RDWR)
        for handler in self._handlers:
            handler.join(timeout=5)

    # ------------------------------------------------------------ serving

    def _fault_for(self, path: str) -> str | None:
        with self._lock:
            for armed in self._armed:
                if path.startswith(armed.prefix) and armed.times > 0:
                    armed.times -= 1
                    return armed.fault
            hit = self._random_rate and path.startswith(self._random_prefix)
            if hit and self._rng.random() < self._random_rate:
                return self._rng.choice(FAULTS)
        return None

    def _serve(self) -> None:
        while not self._closing:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if self._closing:
                client.close()
                return
            with self._lock:
                self._clients.add(client)
            handler = threading.Thread(target=self._handle, args=(client,), daemon=True)
            self._handlers.append(handler)
            handler.start()

    def _handle(self, client: socket.socket) -> None:
        buffer = bytearray()
        try:
            while True:
                request = _read_message(client, buffer)
                if request is None:
                    return
                path = request.split(b" ", 2)[1].decode("latin-1")
                fault = self._fault_for(path)
                self.counts["requests"] += 1
                if fault:
                    self.counts[fault] += 1
                if fault == "drop_request":
                    return
                response = self._forward(request)
                if response is None or fault == "drop_response":
                    return
                if fault == "truncate_response":
                    client.sendall(response[: max(1, len(response) // 2)])
                    return
                client.sendall(response)
        except OSError:
            return
        finally:
            with contextlib.suppress(OSError):
                client.shutdown(socket.SHUT_RDWR)
            client.close()
            with self._lock:
                self._clients.discard(client)

    def _forward(self, request: bytes) -> bytes | None:
        try:
            with socket.create_connection(("127.0.0.1", self.upstream_port), timeout=60) as up:
                up.sendall(request)
                return _read_message(up, bytearray())
        except OSError:
            return None
