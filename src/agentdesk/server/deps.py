"""Request dependencies: the database session and the signed-in principal."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from agentdesk.domain.vocabulary import Role
from agentdesk.server.base import utcnow
from agentdesk.server.errors import forbidden, unauthorised
from agentdesk.server.models import DeviceSession, User
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


def get_db(request: Request) -> Iterator[Session]:
    """A session per request; anything not committed is rolled back at the end."""
    factory: sessionmaker[Session] = request.app.state.sessions
    with factory() as session:
        if (
            request.scope.get("endpoint") in _READ_ONLY
            and session.get_bind().dialect.name != "sqlite"
        ):
            session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        yield session


Db = Annotated[Session, Depends(get_db)]


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def current_principal(request: Request, db: Db) -> Principal:
    """The signed-in user, from a live, unexpired, unrevoked device token."""
    token = _bearer(request)
    if token is None:
        raise unauthorised()
    # Plain columns, one indexed lookup: this runs on every request.
    row = db.execute(
        select(
            DeviceSession.id,
            DeviceSession.device_name,
            DeviceSession.expires_at,
            DeviceSession.revoked_at,
            User.id,
            User.username,
            User.role,
            User.team_id,
            User.active,
        )
        .join(User, User.id == DeviceSession.user_id)
        .where(DeviceSession.token_hash == token_digest(token))
    ).first()
    if row is None or row[3] is not None:
        raise unauthorised(
            "登录已失效，请重新登录。", "Your session is no longer valid; please sign in again."
        )
    session_id, device, expires_at, _revoked, user_id, username, role, team_id, active = row
    if expires_at <= utcnow():
        raise unauthorised(
            "登录已过期，请重新登录。", "Your session has expired; please sign in again."
        )
    if not active:
        raise unauthorised("该账号已停用。", "This account is disabled.")
    return Principal(
        user_id=user_id,
        username=username,
        role=Role(role),
        team_id=team_id,
        session_id=session_id,
        device=device,
    )


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
