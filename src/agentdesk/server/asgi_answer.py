"""What the two answers given before routing share (`case_list_fast`, `preview_fast`).

Each is an ASGI middleware in front of the app that answers one busy request itself when
it is plain, and passes everything else to the app unchanged.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def asks_for(scope: Scope, method: str, path: str) -> bool:
    """Whether the request is `method path` at the app's root (nothing mounted above)."""
    return (
        scope["type"] == "http"
        and scope["path"] == path
        and scope["method"] == method
        and not scope.get("root_path")
    )


async def send_json(send: Send, body: bytes) -> None:
    """Answer 200 with `body`, JSON, as the route's `Response` would."""
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [
                (b"content-length", str(len(body)).encode()),
                (b"content-type", b"application/json"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
