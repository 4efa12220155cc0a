"""Passwords (argon2id), session tokens (random, kept only as SHA-256) and sign-in throttling."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.orm import Session

from agentdesk.server.models import LoginThrottle
from agentdesk.server.settings import Settings

# argon2id with the library's recommended cost (RFC 9106 low-memory profile).
_HASHER = PasswordHasher(type=Type.ID)
# Verifying against this keeps the timing of "no such user" like that of "wrong password".
_DUMMY_HASH = _HASHER.hash("agentdesk-no-such-user")


def hash_password(password: str) -> str:
    """An argon2id hash of `password` (salted, self-describing)."""
    return _HASHER.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Whether `password` matches; always does the work, even without a stored hash."""
    try:
        return _HASHER.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """Whether a hash was made with weaker settings than today's."""
    return _HASHER.check_needs_rehash(stored_hash)


def new_token() -> str:
    """A fresh opaque bearer token (256 random bits)."""
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """What the database keeps of a token: its SHA-256, hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def locked_until(session: Session, username: str, now: datetime) -> datetime | None:
    """When sign-ins for `username` are allowed again, or None if they are now."""
    row = session.get(LoginThrottle, username.lower())
    if row is None or row.locked_until is None or row.locked_until <= now:
        return None
    return row.locked_until


def record_failure(session: Session, username: str, now: datetime, settings: Settings) -> None:
    """Count a failed sign-in; lock the name once failures pile up within the window."""
    key = username.lower()
    row = session.get(LoginThrottle, key, with_for_update=True)
    if row is None:
        row = LoginThrottle(username=key, failures=0, last_failure_at=now)
        session.add(row)
    elif now - row.last_failure_at > settings.failure_window:
        row.failures = 0
    row.failures += 1
    row.last_failure_at = now
    over = row.failures - settings.max_failures
    if over >= 0:
        wait = min(settings.lockout * (2 ** min(over, 16)), settings.max_lockout)
        row.locked_until = now + wait


def clear_failures(session: Session, username: str) -> None:
    """Forget failures after a successful sign-in."""
    row = session.get(LoginThrottle, username.lower())
    if row is not None:
        session.delete(row)
