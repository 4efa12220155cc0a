"""`GET /cases` answered before the framework, when its question is plain.

The case list is asked for far more often than anything else. Profiles of a loaded worker
showed FastAPI's part of each answer (matching the route among ~70, solving the
dependencies, validating eight query parameters one by one) costing more CPU than reading
the page itself. This ASGI middleware answers the list directly when every parameter is
one the route takes, given once, in its plain form (a canonical UUID, a limit without
signs or zeros in front, `true`/`false` …) and the read pool is open (PostgreSQL).

Anything else goes on to the route unchanged: other forms the route also accepts, bad
values (the route's 422), a missing token, SQLite. So does a request the list refuses
(bad token, bad cursor, database busy): the route asks again and answers as always, so
every refusal keeps its one writing. The route stays what OpenAPI documents.
"""

from __future__ import annotations

import re
import uuid
from functools import lru_cache
from urllib.parse import parse_qsl

from agentdesk.domain.vocabulary import Bucket, Stage
from agentdesk.server import case_list_pg
from agentdesk.server.asgi_answer import ASGIApp, Receive, Scope, Send, asks_for, send_json
from agentdesk.server.case_list import ListQuery
from agentdesk.server.deps import bearer_of
from agentdesk.server.pg_reads import read_pool

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_LIMIT = re.compile(r"[1-9][0-9]{0,2}")
_BOOLS = {"true": True, "false": False}
# The route's bounds (routes/cases.py: `q` and `cursor` lengths, `limit` range).
_Q_MAX, _CURSOR_MAX, _LIMIT_MAX = 100, 200, 200


@lru_cache(maxsize=4096)
def plain_query(query_string: bytes) -> ListQuery | None:
    """The list's question if every parameter is plainly valid; None: let the route judge.

    Parsed as Starlette parses a query string, so the values are the ones the route sees.
    Kept per query string (most questions are first pages and the same few filters).
    """
    try:
        pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    except ValueError:
        return None
    values = dict(pairs)
    if len(values) != len(pairs):
        return None  # a parameter given twice
    stage = bucket = assignee = q = cursor = None
    limit, include_total = 50, False
    try:
        for key, value in values.items():
            if key == "stage":
                stage = Stage(value)
            elif key == "bucket":
                bucket = Bucket(value)
            elif key == "assignee" and _UUID.fullmatch(value):
                assignee = uuid.UUID(value)
            elif key == "q" and len(value) <= _Q_MAX:
                q = value
            elif key == "limit" and _LIMIT.fullmatch(value) and int(value) <= _LIMIT_MAX:
                limit = int(value)
            elif key == "cursor" and len(value) <= _CURSOR_MAX:
                cursor = value
            elif key == "include_total" and value in _BOOLS:
                include_total = _BOOLS[value]
            else:
                return None
    except ValueError:
        return None  # not a stage or bucket
    return ListQuery(stage, bucket, assignee, q, limit, cursor, include_total)


def _authorization(scope: Scope) -> str:
    for name, value in scope["headers"]:
        if name == b"authorization":
            return str(value.decode("latin-1"))
    return ""


class CaseListFastPath:
    """ASGI middleware answering plain `GET {path}` questions on PostgreSQL (see module)."""

    def __init__(self, app: ASGIApp, path: str) -> None:
        self.app = app
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = await self._page(scope) if asks_for(scope, "GET", self.path) else None
        if body is None:
            await self.app(scope, receive, send)
        else:
            await send_json(send, body)

    async def _page(self, scope: Scope) -> bytes | None:
        pool = read_pool(scope["app"])
        token = bearer_of(_authorization(scope))
        if pool is None or token is None:
            return None
        query = plain_query(scope["query_string"])
        if query is None:
            return None
        try:
            return await case_list_pg.read_page_async(pool, token, query)
        except Exception:  # a refusal (ApiError) or a failure: the route answers it
            return None  # as it always has (its handlers write every error)
