"""Request dependencies: the database session and the signed-in principal."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, sessionmaker

from agentdesk.domain.vocabulary import Role
from agentdesk.server.base import utcnow
from agentdesk.server.errors import forbidden, unauthorised
from agentdesk.server.models import DeviceSession, User
from agentdesk.server.pg_reads import fetch_one, pg_sql, read_pool
from agentdesk.server.security import token_digest
from agentdesk.server.settings import Settings


@dataclass(frozen=True)
class Principal:
    """Who is asking: the user, their role and team, and the device session."""

    user_id: uuid.UUID
    username: str
    role: Role
    team_id: uuid.UUID | None
    session_id: uuid.UUID
    device: str

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


_READ_ONLY: set[Callable[..., Any]] = set()
F = TypeVar("F", bound=Callable[..., Any])


def read_only(endpoint: F) -> F:
    """Mark an endpoint that only reads: on PostgreSQL it runs without a transaction.

    Each of its statements then sees committed data on its own, which saves the BEGIN and
    ROLLBACK round trips on the busiest endpoints (the case list, a case).
    """
    _READ_ONLY.add(endpoint)
    return endpoint


def _read_sessions(request: Request) -> sessionmaker[Session]:
    # Read-only endpoints on PostgreSQL get sessions whose connections are in autocommit
    # from checkout: no BEGIN/ROLLBACK round trips, and no I/O while opening the session.
    state = request.app.state
    base: sessionmaker[Session] = state.sessions
    cached = getattr(state, "read_sessions", None)
    if cached is not None and cached[0] is base:
        factory: sessionmaker[Session] = cached[1]
        return factory
    bind = base.kw["bind"]
    if bind.dialect.name == "sqlite":
        factory = base
    else:
        options = {k: v for k, v in base.kw.items() if k != "bind"}
        factory = sessionmaker(bind.execution_options(isolation_level="AUTOCOMMIT"), **options)
    state.read_sessions = (base, factory)
    return factory


async def get_db(request: Request) -> AsyncIterator[Session]:
    """A session per request; anything not committed is rolled back at the end.

    Opening a session does no I/O, so this runs on the event loop rather than costing two
    hops to a worker thread per request; closing one that may still hold a transaction
    (a writer's) is done in a worker thread, as it may talk to the database.
    """
    read_only_endpoint = request.scope.get("endpoint") in _READ_ONLY
    factory = _read_sessions(request) if read_only_endpoint else request.app.state.sessions
    session = factory()
    try:
        yield session
    finally:
        if not session.in_transaction() or (
            read_only_endpoint and session.get_bind().dialect.name != "sqlite"
        ):
            # Nothing begun (the token check went through the read pool), or autocommit:
            # closing sends nothing to the database.
            session.close()
        else:
            await run_in_threadpool(session.close)


Db = Annotated[Session, Depends(get_db)]


def _bearer(request: Request) -> str | None:
    return bearer_of(request.headers.get("authorization", ""))


def bearer_of(header: str) -> str | None:
    """The token of an `Authorization: Bearer …` header value (None: not a bearer token)."""
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


@dataclass(frozen=True)
class SignIn:
    """A device session and its user as stored (before the per-request checks)."""

    session_id: uuid.UUID
    device: str
    expires_at: datetime
    revoked: bool
    user_id: uuid.UUID
    username: str
    role: str
    team_id: uuid.UUID | None
    active: bool


# The token check: plain columns, one indexed lookup. Written once; run through a session
# (SQLite, no read pool), compiled to SQL text through the asyncio read pool, or as the
# first part of a statement that also reads the answer (the case list, a plan preview).
SIGN_IN = (
    select(
        DeviceSession.id.label("session_id"),
        DeviceSession.device_name.label("device"),
        DeviceSession.expires_at.label("expires_at"),
        DeviceSession.revoked_at.label("revoked_at"),
        User.id.label("user_id"),
        User.username.label("username"),
        User.role.label("role"),
        User.team_id.label("team_id"),
        User.active.label("active"),
    )
    .join(User, User.id == DeviceSession.user_id)
    .where(DeviceSession.token_hash == bindparam("digest"))
)
SIGN_IN_COLUMNS = 9
_SIGN_IN_PG = pg_sql(SIGN_IN)


def sign_in_of(row: Sequence[Any] | None) -> SignIn | None:
    """The first `SIGN_IN_COLUMNS` values of a row as a `SignIn` (None: no such token)."""
    if row is None or row[0] is None:
        return None
    session_id, device, expires_at, revoked_at, user_id, username, role, team_id, active = row[
        :SIGN_IN_COLUMNS
    ]
    return SignIn(
        session_id=session_id,
        device=device,
        expires_at=expires_at,
        revoked=revoked_at is not None,
        user_id=user_id,
        username=username,
        role=role,
        team_id=team_id,
        active=active,
    )


def principal_of(sign_in: SignIn | None, now: datetime) -> Principal:
    """The principal of a live, unexpired, unrevoked sign-in of an active user; else 401."""
    if sign_in is None or sign_in.revoked:
        raise unauthorised(
            "登录已失效，请重新登录。", "Your session is no longer valid; please sign in again."
        )
    if sign_in.expires_at <= now:
        raise unauthorised(
            "登录已过期，请重新登录。", "Your session has expired; please sign in again."
        )
    if not sign_in.active:
        raise unauthorised("该账号已停用。", "This account is disabled.")
    return Principal(
        user_id=sign_in.user_id,
        username=sign_in.username,
        role=Role(sign_in.role),
        team_id=sign_in.team_id,
        session_id=sign_in.session_id,
        device=sign_in.device,
    )


def authenticate(db: Session, token: str) -> Principal:
    """The principal of `token`, asked of the database through a session (else 401)."""
    row = db.execute(SIGN_IN, {"digest": token_digest(token)}).first()
    return principal_of(sign_in_of(row), utcnow())


async def bearer_token(request: Request) -> str:
    """The request's bearer token; 401 when there is none (checked before anything else).

    A coroutine only so that FastAPI runs it on the event loop (a plain function
    dependency would cost a hop to a worker thread and back).
    """
    token = _bearer(request)
    if token is None:
        raise unauthorised()
    return token


BearerToken = Annotated[str, Depends(bearer_token)]


async def current_principal(request: Request, db: Db) -> Principal:
    """The signed-in user, from a live, unexpired, unrevoked device token.

    This runs on every request and always asks the database: a revoked token must stop
    working at once on every server process (an in-process memory of tokens was measured
    faster but let a revoked token through for seconds on the other processes). On
    PostgreSQL the question goes through the asyncio read pool, on the event loop.
    """
    token = await bearer_token(request)
    pool = read_pool(request.app)
    if pool is None:
        return await run_in_threadpool(authenticate, db, token)
    return await authenticate_async(pool, token)


async def authenticate_async(pool: Any, token: str) -> Principal:
    """The principal of `token`, asked through the asyncio read pool (else 401)."""
    row = await fetch_one(pool, _SIGN_IN_PG, {"digest": token_digest(token)})
    return principal_of(sign_in_of(row), utcnow())


CurrentUser = Annotated[Principal, Depends(current_principal)]


def require_lead_or_admin(principal: CurrentUser) -> Principal:
    """Team leads and administrators only (403 for agents)."""
    if principal.role.rank < Role.LEAD.rank:
        raise forbidden()
    return principal


def require_admin(principal: CurrentUser) -> Principal:
    """Administrators only."""
    if principal.role is not Role.ADMIN:
        raise forbidden()
    return principal


LeadOrAdmin = Annotated[Principal, Depends(require_lead_or_admin)]
Admin = Annotated[Principal, Depends(require_admin)]
