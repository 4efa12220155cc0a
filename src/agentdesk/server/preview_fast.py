"""`POST /plans/preview` answered before the framework, when its question is plain.

After the engine and the answer were made fast, a profile of many previews showed
FastAPI's own part (matching the path among ~70 routes, some twice through the included
routers, solving the token dependency, reading and validating the body through the
generic path) as about a third of the app's work per preview. This ASGI middleware
answers a preview directly when the request is plain: `Content-Type: application/json`
exactly, a bearer token, and a body `PreviewRequest` accepts. The body is read as the
route reads it (`json.loads`, then the same model validated in Python mode) and the
answer is made by the very function the route calls (`routes.plans.preview_answer`), so
the bytes are the route's bytes.

Anything else goes on to the route with the body replayed unchanged: other content
types, a missing token, a body that is not JSON or not valid (the route's 400/422), a
large body. So does a preview the server refuses (bad token, unknown case, database
busy, an option the engine rejects): the route asks again and answers as always, so
every refusal keeps its one writing. The route stays what OpenAPI documents.
"""

from __future__ import annotations

import json

from agentdesk.protocol.plans import PreviewRequest
from agentdesk.server.asgi_answer import (
    ASGIApp,
    Message,
    Receive,
    Scope,
    Send,
    asks_for,
    send_json,
)
from agentdesk.server.deps import bearer_of
from agentdesk.server.routes.plans import preview_answer

# A case preview's body is well under 1 KiB; an inline loan a few KiB. Larger bodies go
# to the route (and whatever limits the framework puts on bodies) as they arrive.
BODY_MAX = 64 * 1024


def _headers(scope: Scope) -> tuple[bytes | None, str]:
    content_type, authorization = None, ""
    for name, value in scope["headers"]:
        if name == b"content-type":
            if content_type is not None:
                return None, ""  # given twice: the route judges
            content_type = value
        elif name == b"authorization":
            authorization = value.decode("latin-1")
    return content_type, authorization


def plain_preview(body: bytes) -> PreviewRequest | None:
    """The preview's question if the body is valid as the route reads it; None: the route."""
    try:
        return PreviewRequest.model_validate(json.loads(body))
    except Exception:  # not JSON, not UTF-8, or not valid: the route writes the 400/422
        return None


class _Replay:
    """`receive` for the route: the messages already read, then the rest as they come."""

    def __init__(self, read: list[Message], receive: Receive, error: Exception | None) -> None:
        self.read = read
        self.receive = receive
        self.error = error

    async def __call__(self) -> Message:
        if self.read:
            return self.read.pop(0)
        if self.error is not None:
            error, self.error = self.error, None
            raise error
        return await self.receive()


class PreviewFastPath:
    """ASGI middleware answering plain `POST {path}` previews (see module)."""

    def __init__(self, app: ASGIApp, path: str) -> None:
        self.app = app
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not asks_for(scope, "POST", self.path):
            await self.app(scope, receive, send)
            return
        content_type, authorization = _headers(scope)
        token = bearer_of(authorization)
        if content_type != b"application/json" or token is None:
            await self.app(scope, receive, send)
            return
        read: list[Message] = []
        try:
            body = await self._body(receive, read)
        except Exception as exc:  # e.g. a body too large: the route meets it as before
            await self.app(scope, _Replay(read, receive, exc), send)
            return
        answer = None if body is None else await self._answer(scope, token, body)
        if answer is None:
            await self.app(scope, _Replay(read, receive, None), send)
            return
        await send_json(send, answer)

    @staticmethod
    async def _body(receive: Receive, read: list[Message]) -> bytes | None:
        # Every message read is kept in `read` for the replay.
        size = 0
        while True:
            message = await receive()
            read.append(message)
            if message["type"] != "http.request":
                return None  # a disconnect: the route sees it as before
            size += len(message.get("body", b""))
            if size > BODY_MAX:
                return None
            if not message.get("more_body", False):
                break
        return b"".join(m.get("body", b"") for m in read)

    @staticmethod
    async def _answer(scope: Scope, token: str, body: bytes) -> bytes | None:
        question = plain_preview(body)
        if question is None:
            return None
        try:
            return await preview_answer(scope["app"], token, question)
        except Exception:  # a refusal (ApiError, DomainError) or a failure: the route
            return None  # answers it as it always has (its handlers write every error)
