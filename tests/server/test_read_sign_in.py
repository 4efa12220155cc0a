"""The case list and the plan preview check the token themselves (on PostgreSQL in the
statement that reads the answer): every way a token can be unusable answers 401 there
exactly as everywhere else, at once, and a usable one sees only what its role allows."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, update

from agentdesk.server.admin_ops import revoke_sessions
from agentdesk.server.base import utcnow
from agentdesk.server.case_list import encode_cursor
from agentdesk.server.db import transaction
from agentdesk.server.models import Case, DeviceSession, User
from agentdesk.server.security import token_digest
from tests.server.conftest import Api
from tests.support.server_db import token_for


def _reads(api: Api) -> dict[str, Callable[[str | None], Any]]:
    """Each read, asked as a user (or with no token)."""
    case_id = str(api.case_of("agent.east1"))
    cursor = encode_cursor(10_000, uuid.UUID(int=0))
    return {
        "first page": lambda u: api.get("/cases", u),
        "page after a cursor": lambda u: api.get("/cases", u, params={"cursor": cursor}),
        "filtered, with total": lambda u: api.get(
            "/cases", u, params={"bucket": "M1", "q": "L0", "include_total": "true"}
        ),
        "preview of a case": lambda u: api.post(
            "/plans/preview", u, json={"case_id": case_id, "options": {"extra_months": 3}}
        ),
    }


READS = ("first page", "page after a cursor", "filtered, with total", "preview of a case")


@pytest.mark.parametrize("read", READS)
def test_revoked_expired_disabled_and_unknown_tokens_read_nothing(api: Api, read: str) -> None:
    ask = _reads(api)[read]
    assert ask("agent.east1").status_code == 200
    with transaction(api.session) as db:
        assert revoke_sessions(db, "agent.east1") == 1
        db.execute(
            update(DeviceSession)
            .where(DeviceSession.token_hash == token_digest(token_for("agent.east2")))
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
        db.execute(update(User).where(User.username == "lead.east").values(active=False))
    revoked, expired, disabled = ask("agent.east1"), ask("agent.east2"), ask("lead.east")
    assert (revoked.status_code, expired.status_code, disabled.status_code) == (401, 401, 401)
    assert "no longer valid" in revoked.json()["error"]["message_en"]
    assert "expired" in expired.json()["error"]["message_en"]
    assert "disabled" in disabled.json()["error"]["message_en"]
    assert ask(None).status_code == 401
    unknown = {"Authorization": "Bearer not-a-token"}
    assert api.get("/cases", headers=unknown).status_code == 401
    assert ask("admin").status_code == 200


def test_a_bad_cursor_with_a_bad_token_is_401_and_with_a_good_one_422(api: Api) -> None:
    bad = {"cursor": "not-a-cursor"}
    assert (
        api.get("/cases", headers={"Authorization": "Bearer nope"}, params=bad).status_code == 401
    )
    r = api.get("/cases", "agent.east1", params=bad)
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "invalid_cursor"


def test_each_role_lists_exactly_its_view(api: Api) -> None:
    own = {str(c) for c in api.cases_of_team("华东组")}

    def ids(user: str) -> set[str]:
        r = api.get("/cases", user, params={"limit": 200})
        assert r.status_code == 200
        return {item["id"] for item in r.json()["items"]}

    agent = ids("agent.east1")
    assert agent and agent <= own
    assert all(
        item["assignee_id"] == str(api.users["agent.east1"].id)
        for item in api.get("/cases", "agent.east1").json()["items"]
    )
    assert ids("lead.east") <= own and agent <= own
    assert ids("admin") - own  # the admin also sees the other team's cases


def test_a_lead_without_a_team_sees_no_cases(api: Api) -> None:
    with transaction(api.session) as db:
        lead = User(
            username="lead.none",
            display_name="No team",
            role="lead",
            team_id=None,
            password_hash="-",
            language="zh_CN",
            active=True,
        )
        db.add(lead)
        db.flush()
        db.add(
            DeviceSession(
                user_id=lead.id,
                device_name="test",
                token_hash=token_digest("lead-none-token"),
                expires_at=utcnow() + timedelta(days=1),
            )
        )
    headers = {"Authorization": "Bearer lead-none-token"}
    r = api.get("/cases", headers=headers, params={"include_total": "true"})
    assert r.status_code == 200
    assert r.json() == {"items": [], "next_cursor": None, "total": 0}
    case_id = str(api.case_of("agent.east1"))
    preview = api.post("/plans/preview", headers=headers, json={"case_id": case_id})
    assert preview.status_code == 404


def test_a_preview_of_an_unknown_case_is_404(api: Api) -> None:
    r = api.post("/plans/preview", "admin", json={"case_id": str(uuid.uuid4())})
    assert r.status_code == 404


@pytest.mark.parametrize("user", ["admin", "lead.east", "agent.east1"])
def test_a_bucket_filter_finds_every_case_of_the_bucket(api: Api, user: str) -> None:
    with api.session() as db:
        me = db.scalars(select(User).where(User.username == user)).one()
        stmt = select(Case.bucket, func.count()).where(Case.closed_at.is_(None))
        if user.startswith("agent"):
            stmt = stmt.where(Case.assignee_id == me.id)
        elif user.startswith("lead"):
            stmt = stmt.where(Case.team_id == me.team_id)
        expected = {b: n for b, n in db.execute(stmt.group_by(Case.bucket))}
    for bucket in ("M1", "M2", "M3", "M3+"):
        seen: list[str] = []
        cursor = None
        for _ in range(100):
            params = {"bucket": bucket, "limit": 37, **({"cursor": cursor} if cursor else {})}
            page = api.get("/cases", user, params=params).json()
            seen += [item["id"] for item in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert len(seen) == len(set(seen)) == expected.get(bucket, 0)


def test_values_the_database_cannot_take_answer_422_not_500(api: Api) -> None:
    huge = encode_cursor(10**30, uuid.UUID(int=0))
    r = api.get("/cases", "agent.east1", params={"cursor": huge})
    assert (r.status_code, r.json()["error"]["code"]) == (422, "invalid_cursor")
    # SQLite finds nothing; PostgreSQL refuses the NUL: either way an answer, not a 500.
    r = api.get("/cases", "agent.east1", params={"q": "王\x00"})
    assert r.status_code in {200, 422}, r.text
