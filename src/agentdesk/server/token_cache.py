"""A short-lived, in-process memory of which device token belongs to whom.

Every request names its bearer token; looking it up costs a database round trip and a
hop to a worker thread, about as much as the case list's own query. Sign-ins are read
far more often than they change, so each process remembers a token's row briefly.

What keeps that safe:
- the token's own expiry is still checked on every request;
- any commit in this process that wrote device sessions or users (sign-out, revocation,
  disabling an account, a role or team change) forgets everything remembered;
- another process's change (a second `serve` worker, the admin CLI) is seen at the
  latest `TTL_SECONDS` later, when the remembered row runs out.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, UOWTransaction

from agentdesk.server.models import DeviceSession, User

TTL_SECONDS = 5.0
MAX_ENTRIES = 10_000
_DIRTY = "agentdesk_auth_dirty"
_WATCHED = {DeviceSession.__tablename__, User.__tablename__}


@dataclass(frozen=True)
class SignIn:
    """A live device session and its user as stored (before the per-request checks)."""

    session_id: uuid.UUID
    device: str
    expires_at: datetime
    revoked: bool
    user_id: uuid.UUID
    username: str
    role: str
    team_id: uuid.UUID | None
    active: bool


_lock = threading.Lock()
_entries: dict[str, tuple[float, SignIn]] = {}


def recall(digest: str) -> SignIn | None:
    """The remembered sign-in for a token digest, if still fresh."""
    hit = _entries.get(digest)
    if hit is None:
        return None
    stored_at, sign_in = hit
    if time.monotonic() - stored_at > TTL_SECONDS:
        return None
    return sign_in


def remember(digest: str, sign_in: SignIn, looked_up_at: float) -> None:
    """Keep a sign-in read at `looked_up_at` (monotonic), unless a change came since."""
    with _lock:
        if looked_up_at < _forgotten_at:
            return  # a commit that may have changed this row landed during the lookup
        if len(_entries) >= MAX_ENTRIES:
            _entries.clear()
        _entries[digest] = (looked_up_at, sign_in)


_forgotten_at = 0.0


def forget_all() -> None:
    """Drop everything remembered (after this process changed sessions or users)."""
    global _forgotten_at
    with _lock:
        _entries.clear()
        _forgotten_at = time.monotonic()


def _touches_auth(objects: Any) -> bool:
    return any(isinstance(o, (DeviceSession, User)) for o in objects)


@event.listens_for(Session, "after_flush")
def _note_flush(session: Session, _flush: UOWTransaction) -> None:
    if _touches_auth(session.new) or _touches_auth(session.dirty) or _touches_auth(session.deleted):
        session.info[_DIRTY] = True


@event.listens_for(Session, "do_orm_execute")
def _note_bulk(state: Any) -> None:
    if not (state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) in _WATCHED:
        state.session.info[_DIRTY] = True


@event.listens_for(Session, "after_commit")
def _forget_on_commit(session: Session) -> None:
    if session.info.pop(_DIRTY, False):
        forget_all()


@event.listens_for(Session, "after_rollback")
def _clear_flag(session: Session) -> None:
    session.info.pop(_DIRTY, None)
