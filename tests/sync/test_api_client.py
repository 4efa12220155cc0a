"""The HTTP client's retry rules, against a tiny loopback server that answers as told."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from agentdesk.client.api import (
    ApiClient,
    RequestRefused,
    ServerBusy,
    ServerUnreachable,
    SignInRequired,
    Timeouts,
    UpgradeRequired,
)


class Scripted(ThreadingHTTPServer):
    """Answers every request with `status` (and an error body); counts requests."""

    status = 200
    body: bytes = b"{}"
    hits = 0


class Handler(BaseHTTPRequestHandler):
    server: Scripted

    def _answer(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        self.rfile.read(length)
        self.server.hits += 1
        body = self.server.body
        if self.server.status >= 400:
            body = json.dumps(
                {
                    "error": {
                        "code": f"code_{self.server.status}",
                        "message": "msg",
                        "message_zh": "msg",
                        "message_en": "msg",
                    }
                }
            ).encode()
        self.send_response(self.server.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = _answer
    do_POST = _answer

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def scripted() -> Iterator[Scripted]:
    server = Scripted(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def client(server: Scripted) -> ApiClient:
    host, port = server.server_address[:2]
    return ApiClient(
        f"http://{host!s}:{port}",
        token="t",
        retries=3,
        backoff=0.0,
        timeouts=Timeouts(connect=1, read=5),
    )


@pytest.mark.parametrize(
    ("status", "error", "hits"),
    [
        (400, RequestRefused, 1),
        (404, RequestRefused, 1),
        (409, RequestRefused, 1),
        (422, RequestRefused, 1),
        (401, SignInRequired, 1),
        (426, UpgradeRequired, 1),
        (500, ServerBusy, 4),
        (502, ServerBusy, 4),
        (503, ServerBusy, 4),
        (429, ServerBusy, 4),
    ],
)
def test_only_5xx_and_429_are_retried_post_included(
    scripted: Scripted, status: int, error: type[Exception], hits: int
) -> None:
    scripted.status = status
    api = client(scripted)
    with pytest.raises(error):
        api.push(uuid.uuid4(), [])
    assert scripted.hits == hits, "a push (POST) is retried exactly when it may be"
    scripted.hits = 0
    with pytest.raises(error):
        api.pull(None, 10)
    assert scripted.hits == hits
    api.close()


def test_an_unreadable_answer_counts_as_no_answer(scripted: Scripted) -> None:
    scripted.body = b'{"results": ['  # a 200 cut short
    with pytest.raises(ServerUnreachable):
        client(scripted).push(uuid.uuid4(), [])


def test_nobody_listening_is_offline() -> None:
    from tests.sync.harness import dead_address

    api = ApiClient(dead_address(), retries=1, backoff=0.0)
    with pytest.raises(ServerUnreachable):
        api.handshake()
