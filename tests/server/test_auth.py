"""Sign-in, tokens, throttling, revocation and the audit of all of it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from agentdesk.server.admin_ops import revoke_sessions
from agentdesk.server.base import utcnow
from agentdesk.server.db import transaction
from agentdesk.server.models import AuditEntry, DeviceSession
from agentdesk.server.security import token_digest
from agentdesk.server.seed.demo import DEMO_PASSWORD
from tests.server.conftest import Api
from tests.support.server_db import token_for


def login(api: Api, username: str, password: str = DEMO_PASSWORD, device: str = "pc-1") -> dict:
    r = api.post(
        "/auth/login", json={"username": username, "password": password, "device_name": device}
    )
    return {"status": r.status_code, "body": r.json(), "headers": r.headers}


def audit_actions(api: Api) -> list[str]:
    with api.session() as db:
        return list(db.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_login_returns_a_working_token_kept_only_as_a_hash(api: Api) -> None:
    out = login(api, "agent.east1")
    assert out["status"] == 200
    token = out["body"]["token"]
    assert out["body"]["user"]["username"] == "agent.east1"
    assert out["body"]["user"]["role"] == "agent"
    assert out["body"]["user"]["team"]["name"] == "华东组"
    me = api.client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200 and me.json()["username"] == "agent.east1"
    with api.session() as db:
        stored = list(db.scalars(select(DeviceSession.token_hash)))
    assert token not in stored
    assert token_digest(token) in stored
    assert "login" in audit_actions(api)


def test_wrong_password_and_unknown_user_answer_alike_and_are_audited(api: Api) -> None:
    wrong = login(api, "agent.east1", "not-the-password")
    unknown = login(api, "nobody-here", "whatever1")
    assert wrong["status"] == unknown["status"] == 401
    assert wrong["body"]["error"]["code"] == unknown["body"]["error"]["code"] == "bad_credentials"
    assert audit_actions(api).count("login.failed") == 2


def test_messages_follow_accept_language(api: Api) -> None:
    r = api.post(
        "/auth/login",
        json={"username": "x1", "password": "y", "device_name": "d"},
        headers={"Accept-Language": "zh-CN,zh;q=0.9"},
    )
    assert r.json()["error"]["message"] == r.json()["error"]["message_zh"] == "用户名或密码错误。"
    r = api.post("/auth/login", json={"username": "x1", "password": "y", "device_name": "d"})
    assert r.json()["error"]["message"] == "Wrong user name or password."


def test_repeated_failures_are_throttled_even_with_the_right_password(api: Api) -> None:
    for _ in range(5):
        assert login(api, "agent.east2", "wrong-password")["status"] == 401
    locked = login(api, "agent.east2")
    assert locked["status"] == 429
    assert int(locked["headers"]["retry-after"]) >= 1
    assert locked["body"]["error"]["code"] == "too_many_attempts"
    # Another user is not affected.
    assert login(api, "agent.east3")["status"] == 200
    assert "login.throttled" in audit_actions(api)


def test_logout_ends_the_session_and_is_audited(api: Api) -> None:
    token = login(api, "lead.east")["body"]["token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert api.client.post("/api/v1/auth/logout", headers=headers).status_code == 204
    after = api.client.get("/api/v1/me", headers=headers)
    assert after.status_code == 401
    assert after.headers["www-authenticate"] == "Bearer"
    assert "logout" in audit_actions(api)


def test_one_session_per_device_signing_in_again_replaces_it(api: Api) -> None:
    first = login(api, "agent.south1", device="laptop")["body"]["token"]
    other_device = login(api, "agent.south1", device="desk")["body"]["token"]
    second = login(api, "agent.south1", device="laptop")["body"]["token"]
    me = lambda t: api.client.get("/api/v1/me", headers={"Authorization": f"Bearer {t}"})  # noqa: E731
    assert me(first).status_code == 401
    assert me(second).status_code == 200
    assert me(other_device).status_code == 200


def test_revoked_and_expired_tokens_stop_working(api: Api) -> None:
    assert api.get("/me", "agent.east1").status_code == 200
    with transaction(api.session) as db:
        assert revoke_sessions(db, "agent.east1") == 1
    assert api.get("/me", "agent.east1").status_code == 401
    with transaction(api.session) as db:
        db.execute(
            update(DeviceSession)
            .where(DeviceSession.token_hash == token_digest(token_for("agent.east2")))
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    r = api.get("/me", "agent.east2")
    assert r.status_code == 401
    assert "expired" in r.json()["error"]["message_en"]


def test_missing_or_malformed_credentials_are_401(api: Api) -> None:
    assert api.get("/cases").status_code == 401
    assert api.client.get("/api/v1/me", headers={"Authorization": "Basic abc"}).status_code == 401
    assert api.client.get("/api/v1/me", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_login_validates_its_body(api: Api) -> None:
    r = api.post("/auth/login", json={"username": "", "password": "x"})
    assert r.status_code == 422
    fields = {d["field"] for d in r.json()["error"]["details"]}
    assert {"username", "device_name"} <= fields


def test_the_audit_trail_is_append_only(api: Api) -> None:
    import pytest

    from agentdesk.server.audit import AuditIsAppendOnly

    login(api, "agent.east1")
    with api.session() as db:
        entry = db.scalars(select(AuditEntry)).first()
        entry.action = "nothing happened"
        with pytest.raises(AuditIsAppendOnly):
            db.flush()
        db.rollback()
        entry = db.scalars(select(AuditEntry)).first()
        db.delete(entry)
        with pytest.raises(AuditIsAppendOnly):
            db.flush()
