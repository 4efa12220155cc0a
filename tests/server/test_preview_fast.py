"""`POST /plans/preview` answered before routing (preview_fast) is the route's answer.

A request with `Content-Type: application/json; charset=utf-8` always goes to the route
(the early path takes only the plain `application/json`), so asking both ways and
comparing status, headers and bytes shows the two answer alike, refusals included.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from agentdesk.server.app import API_PREFIX
from agentdesk.server.preview_fast import BODY_MAX, PreviewFastPath, plain_preview
from tests.server.conftest import Api
from tests.server.test_plans import INLINE

PATH = f"{API_PREFIX}/plans/preview"
PLAIN, ROUTE = "application/json", "application/json; charset=utf-8"


def _ask(api: Api, content_type: str, body: bytes, user: str | None, **headers: str) -> Any:
    sent = {"Content-Type": content_type, **headers, **(api.auth(user) if user else {})}
    return api.client.post(PATH, content=body, headers=sent)


def _both(api: Api, body: bytes, user: str | None = "agent.east1", **headers: str) -> Any:
    early = _ask(api, PLAIN, body, user, **headers)
    route = _ask(api, ROUTE, body, user, **headers)
    assert early.status_code == route.status_code, body
    assert early.content == route.content, body
    assert early.headers.get("content-type") == route.headers.get("content-type")
    assert early.headers.get("content-length") == route.headers.get("content-length")
    return early


def test_every_preview_is_the_routes_answer(api: Api) -> None:
    mine = str(api.case_of("agent.east1"))
    theirs = str(api.case_of("agent.east2"))
    ok = [
        {"case_id": mine},
        {"case_id": mine, "options": {"extra_months": 6}, "as_of": "2025-04-20"},
        {"case_id": mine, "role": "lead", "options": {"grace_months": 2}},
        {"loan": INLINE, "as_of": "2025-04-20", "options": {"extra_months": 6}},
        {"loan": INLINE, "as_of": "2025-04-20", "role": "admin"},
    ]
    for body in ok:
        assert _both(api, json.dumps(body).encode()).status_code == 200
    refused = [
        {"case_id": theirs},  # someone else's case: 404
        {"case_id": "00000000-0000-0000-0000-000000000000"},
        {"loan": {**INLINE, "annual_rate": "0.9"}, "as_of": "2025-04-20"},  # engine's 422
        {"loan": INLINE, "options": {"extra_months": 999}},
        {},
        {"loan": INLINE, "case_id": mine},
        {"loan": INLINE, "bogus": 1},
        {"case_id": "not-a-uuid"},
    ]
    for body in refused:
        assert _both(api, json.dumps(body).encode()).status_code in {404, 422}, body
    for raw in (b"{not json", b"", b"[]", b"null", "\u00e9".encode("latin-1")):
        assert _both(api, raw).status_code >= 400, raw
    # Refusals in Chinese too, and without or with a bad token.
    _both(api, b'{"case_id": "%s"}' % theirs.encode(), **{"Accept-Language": "zh-CN"})
    assert _both(api, json.dumps({"case_id": mine}).encode(), user=None).status_code == 401
    bad = {"Authorization": "Bearer not-a-token"}
    assert _both(api, json.dumps({"case_id": mine}).encode(), None, **bad).status_code == 401


def test_a_large_body_goes_to_the_route_whole(api: Api) -> None:
    # Past the early path's cap the body is replayed to the route, which reads it all.
    body = json.dumps({"loan": INLINE, "as_of": "2025-04-20", "pad": "x" * BODY_MAX}).encode()
    r = _both(api, body)
    assert r.status_code == 422 and "pad" in r.text


def test_a_plain_preview_is_answered_without_the_route(api: Api) -> None:
    async def route(scope: Any, receive: Any, send: Any) -> None:
        raise AssertionError("the route was asked")

    fast = PreviewFastPath(route, PATH)
    body = json.dumps({"case_id": str(api.case_of("agent.east1"))}).encode()
    scope = {
        "type": "http",
        "method": "POST",
        "path": PATH,
        "headers": [
            (b"content-type", b"application/json"),
            (b"authorization", api.auth("agent.east1")["Authorization"].encode()),
        ],
        "app": api.client.app,
    }
    sent: list[Any] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: Any) -> None:
        sent.append(message)

    portal = api.client.portal  # the app's own event loop (where its read pool lives)
    assert portal is not None
    portal.call(fast, scope, receive, send)
    assert sent[0]["status"] == 200
    expected = _ask(api, ROUTE, body, "agent.east1").content
    assert sent[1]["body"] == expected


@pytest.mark.parametrize(
    "raw",
    [b"{}", b"{bad", b'{"loan": 1}', b'{"case_id": "00000000-0000-0000-0000-000000000001"}'],
)
def test_the_body_is_read_as_the_route_reads_it(raw: bytes) -> None:
    question = plain_preview(raw)
    assert (question is not None) == raw.startswith(b'{"case_id"')
