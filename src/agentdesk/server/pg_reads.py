"""Reads on the event loop: an asyncio psycopg pool for the busiest read-only answers.

On PostgreSQL the token check, the case list and the plan preview read through this
pool straight from the event loop: no hop to a worker thread and back per query, and no
ORM between the row and the answer. The SQL is the same that the synchronous path
(SQLite, or a server whose pool is not open) runs through SQLAlchemy.

The pool lives from the application's startup to its shutdown (its lifespan), on the
event loop that serves the requests; outside a lifespan there is none, and the callers
take the synchronous path.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import orjson
from fastapi import FastAPI
from sqlalchemy import Engine
from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg
from sqlalchemy.engine import make_url
from sqlalchemy.sql import ClauseElement

from agentdesk.server.errors import ApiError

log = logging.getLogger(__name__)
_PG = PGDialect_psycopg()  # type: ignore[no-untyped-call]


def pg_sql(statement: ClauseElement) -> str:
    """A SQLAlchemy statement as PostgreSQL SQL text with `%(name)s` parameters."""
    return str(statement.compile(dialect=_PG))


def conninfo(engine: Engine) -> str:
    """A libpq URI for the engine's database (the driver suffix dropped)."""
    url = make_url(engine.url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


async def open_pool(app: FastAPI, engine: Engine, max_size: int) -> None:
    """Open the pool for `app` (PostgreSQL only; a no-op for SQLite)."""
    if engine.dialect.name != "postgresql":
        return
    from psycopg_pool import AsyncConnectionPool

    # Autocommit: each read sees committed data on its own, with no BEGIN/ROLLBACK trips.
    # Timestamps come back in UTC (as the SQLAlchemy columns give them).
    # Generic plans always: these are keyed lookups and keyset pages whose best plan does
    # not depend on the values. Left to choose, PostgreSQL kept planning a page after a
    # cursor anew on every run (the values make a custom plan look cheaper than the
    # generic one), which cost about 0.6 ms of database CPU per page.
    pool: AsyncConnectionPool[Any] = AsyncConnectionPool(
        conninfo(engine),
        min_size=1,
        max_size=max_size,
        kwargs={
            "autocommit": True,
            "options": "-c TimeZone=UTC -c plan_cache_mode=force_generic_plan",
        },
        timeout=10,  # no connection in 10 s (database down or swamped): 503, retry
        configure=_configure,
        open=False,
        name="agentdesk-reads",
    )
    await pool.open()
    app.state.read_pool = pool


async def _configure(conn: Any) -> None:
    from psycopg.types.json import set_json_loads

    set_json_loads(orjson.loads, conn)  # JSON columns (a case's holds) parsed by orjson


async def close_pool(app: FastAPI) -> None:
    """Close the pool opened by `open_pool`, if any."""
    pool = getattr(app.state, "read_pool", None)
    if pool is not None:
        app.state.read_pool = None
        await pool.close()


def read_pool(app: FastAPI) -> Any | None:
    """The open pool, or None (SQLite, or no lifespan): then read synchronously."""
    return getattr(app.state, "read_pool", None)


def _translated(exc: Exception) -> Exception:
    # The same answers the SQLAlchemy path gives (errors.py): a value the database
    # cannot take is 422, a database that cannot be reached (or a pool with no free
    # connection in time) is 503 to retry; anything else stays a server error.
    import psycopg

    if isinstance(exc, psycopg.DataError):
        return ApiError(
            422,
            "unstorable_value",
            "请求中有无法保存的值（例如控制字符或超出范围的数字），未做任何更改。",
            "The request holds a value that cannot be stored (a control character or a "
            "number out of range); nothing was changed.",
        )
    if isinstance(exc, psycopg.OperationalError):
        log.warning("database unavailable: %s", exc)
        return ApiError(
            503,
            "database_busy",
            "数据库暂时不可用，请稍后重试。",
            "The database is busy or unavailable; please retry.",
            headers={"Retry-After": "1"},
        )
    return exc


async def fetch_all(pool: Any, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    """All rows of one statement (pyformat placeholders: `%(name)s`)."""
    try:
        async with pool.connection() as conn, conn.cursor() as cur:
            await cur.execute(sql, params)
            rows: list[tuple[Any, ...]] = await cur.fetchall()
            return rows
    except Exception as exc:
        translated = _translated(exc)
        if translated is exc:
            raise
        raise translated from exc


async def fetch_one(pool: Any, sql: str, params: dict[str, Any]) -> Sequence[Any] | None:
    """The first row of one statement, or None."""
    rows = await fetch_all(pool, sql, params)
    return rows[0] if rows else None
