"""`/auth/login`, `/auth/logout`, `/me`."""

from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy import select, update

from agentdesk.protocol.auth import LoginRequest, LoginResponse, UserOut
from agentdesk.server import audit
from agentdesk.server.base import utcnow
from agentdesk.server.db import begin_write
from agentdesk.server.deps import CurrentUser, Db, get_settings, read_only
from agentdesk.server.errors import ApiError
from agentdesk.server.models import DeviceSession, User
from agentdesk.server.security import (
    clear_failures,
    hash_password,
    locked_until,
    needs_rehash,
    new_token,
    record_failure,
    token_digest,
    verify_password,
)
from agentdesk.server.users import user_out

router = APIRouter(tags=["auth"])

BAD_LOGIN = ApiError(401, "bad_credentials", "用户名或密码错误。", "Wrong user name or password.")


@router.post("/auth/login", response_model=LoginResponse)
def login(body: LoginRequest, request: Request, db: Db) -> LoginResponse:
    """Sign in; the token replaces any earlier one of the same user on the same device."""
    settings = get_settings(request)
    now = utcnow()
    until = locked_until(db, body.username, now)
    user = db.scalars(select(User).where(User.username == body.username)).first()
    # The deliberate slowness of argon2 happens outside the write transaction, so that
    # sign-ins do not hold up other writers (SQLite has only one at a time).
    ok = until is None and verify_password(user.password_hash if user else None, body.password)
    db.rollback()
    begin_write(db)
    if until is not None:
        wait = max(1, int((until - now).total_seconds()) + 1)
        audit.record(
            db, "login.throttled", username=body.username, device=body.device_name, until=until
        )
        db.commit()
        raise ApiError(
            429,
            "too_many_attempts",
            f"登录失败次数过多，请 {wait} 秒后再试。",
            f"Too many failed sign-ins; try again in {wait} s.",
            headers={"Retry-After": str(wait)},
        )
    if user is not None:
        user = db.get(User, user.id)
    if user is None or not ok or not user.active:
        record_failure(db, body.username, now, settings)
        audit.record(
            db,
            "login.failed",
            username=body.username,
            device=body.device_name,
            reason="disabled" if user is not None and ok else "bad_credentials",
        )
        db.commit()
        raise BAD_LOGIN
    clear_failures(db, body.username)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(body.password)
    # One live session per device: signing in again on the same device revokes the old one.
    db.execute(
        update(DeviceSession)
        .where(
            DeviceSession.user_id == user.id,
            DeviceSession.device_name == body.device_name,
            DeviceSession.revoked_at.is_(None),
        )
        .values(revoked_at=now)
    )
    token = new_token()
    session_row = DeviceSession(
        user_id=user.id,
        device_name=body.device_name,
        token_hash=token_digest(token),
        created_at=now,
        expires_at=now + settings.token_ttl,
    )
    db.add(session_row)
    db.flush()
    audit.record(
        db,
        "login",
        username=user.username,
        device=body.device_name,
        entity="device_session",
        entity_id=session_row.id,
    )
    db.commit()
    return LoginResponse(token=token, expires_at=session_row.expires_at, user=user_out(user))


@router.post("/auth/logout", status_code=204)
def logout(principal: CurrentUser, db: Db) -> None:
    """End this device's session: the token stops working at once."""
    begin_write(db)
    row = db.get(DeviceSession, principal.session_id)
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()
    audit.record(
        db, "logout", actor=principal, entity="device_session", entity_id=principal.session_id
    )
    db.commit()


@router.get("/me", response_model=UserOut)
@read_only
def me(principal: CurrentUser, db: Db) -> UserOut:
    """The signed-in user."""
    user = db.get(User, principal.user_id)
    assert user is not None  # the token check just loaded it
    return user_out(user)
