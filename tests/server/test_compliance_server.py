"""Server side of contact compliance: the active policy, publishing it, flagging attempts.

Real SQLite database migrated with the shipped migrations; real HTTP through the ASGI
test client.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from agentdesk.paths import resources_dir
from agentdesk.server.app import API_PREFIX, create_app
from agentdesk.server.cli import main as server_main
from agentdesk.server.compliance_flags import flag_attempt, judge_attempt
from agentdesk.server.contact_policy import active_policy, publish
from agentdesk.server.db import make_engine, session_factory
from agentdesk.server.migrate import upgrade
from agentdesk.server.models import (
    AuditEntry,
    Borrower,
    Case,
    ContactAttempt,
    ContactPoint,
    DeviceSession,
    Loan,
    Team,
    User,
)
from agentdesk.server.routes import compliance as compliance_routes
from agentdesk.server.security import token_digest
from agentdesk.server.settings import Settings

SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass
class World:
    sessions: sessionmaker[Session]
    client: TestClient
    url: str
    case_id: uuid.UUID
    other_case_id: uuid.UUID
    mobile_id: uuid.UUID
    sister_id: uuid.UUID
    agent_id: uuid.UUID
    tokens: dict[str, str]


def _user(db: Session, name: str, role: str, team: Team | None) -> User:
    user = User(
        username=name,
        display_name=name,
        role=role,
        team_id=team.id if team else None,
        password_hash="not-used",
        language="zh_CN",
        active=True,
    )
    db.add(user)
    db.flush()
    return user


def _token(db: Session, user: User) -> str:
    token = f"token-{user.username}"
    db.add(
        DeviceSession(
            user_id=user.id,
            device_name="test",
            token_hash=token_digest(token),
            expires_at=datetime.now(UTC) + timedelta(days=1),
        )
    )
    return token


def _case(db: Session, borrower: Borrower, team: Team, agent: User, ref: str) -> Case:
    loan = Loan(
        external_id=ref,
        borrower_id=borrower.id,
        product="consumer",
        principal_minor=1_000_000,
        annual_rate=Decimal("0.12"),
        term_months=12,
        method="annuity",
        start_date=date(2025, 1, 1),
        first_due_date=date(2025, 2, 1),
    )
    db.add(loan)
    db.flush()
    case = Case(
        loan_id=loan.id,
        borrower_id=borrower.id,
        team_id=team.id,
        assignee_id=agent.id,
        borrower_name=borrower.name,
        loan_ref=ref,
        holds=[],
    )
    db.add(case)
    db.flush()
    return case


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    upgrade(url)
    engine = make_engine(url)
    app = create_app(Settings(db_url=url), engine)
    if not any(getattr(r, "path", "") == f"{API_PREFIX}/compliance/violations" for r in app.routes):
        app.include_router(compliance_routes.router, prefix=API_PREFIX)
    sessions = session_factory(engine)
    with sessions() as db:
        east, west = Team(name="east"), Team(name="west")
        db.add_all([east, west])
        db.flush()
        agent = _user(db, "agent1", "agent", east)
        lead = _user(db, "lead1", "lead", east)
        other_lead = _user(db, "lead2", "lead", west)
        admin = _user(db, "admin1", "admin", None)
        tokens = {u.username: _token(db, u) for u in (agent, lead, other_lead, admin)}
        borrower = Borrower(
            external_id="B1",
            name="张三",
            national_id="110101199001011234",
            time_zone="Asia/Shanghai",
        )
        db.add(borrower)
        db.flush()
        mobile = ContactPoint(
            external_id="P1",
            borrower_id=borrower.id,
            kind="phone",
            value="13800000000",
            relation="borrower",
        )
        sister = ContactPoint(
            external_id="P2",
            borrower_id=borrower.id,
            kind="phone",
            value="13900000000",
            relation="emergency_contact",
        )
        db.add_all([mobile, sister])
        db.flush()
        case = _case(db, borrower, east, agent, "L-1")
        other = _case(db, borrower, east, agent, "L-2")
        db.commit()
        ids = (case.id, other.id, mobile.id, sister.id, agent.id)
    client = TestClient(app)
    yield World(sessions, client, url, *ids, tokens)
    client.close()
    engine.dispose()


def _attempt(
    w: World,
    when: datetime,
    result: str,
    *,
    case: uuid.UUID | None = None,
    point: uuid.UUID | None = None,
) -> ContactAttempt:
    with w.sessions() as db:
        row = ContactAttempt(
            case_id=case or w.case_id,
            user_id=w.agent_id,
            contact_point_id=point or w.mobile_id,
            channel="call",
            result=result,
            started_at=when,
            ended_at=when + timedelta(minutes=2),
        )
        db.add(row)
        db.flush()
        flag_attempt(db, row, active_policy(db).policy)
        db.commit()
        return row


def _get(w: World, path: str, user: str, **params: str) -> httpx.Response:
    response: httpx.Response = w.client.get(
        f"{API_PREFIX}{path}",
        params=params,
        headers={"Authorization": f"Bearer {w.tokens[user]}", "Accept-Language": "en"},
    )
    return response


def test_shipped_default_is_active_until_something_is_published(world: World) -> None:
    response = _get(world, "/compliance/policy", "agent1")
    assert response.status_code == 200
    body = response.json()
    assert (body["profile"], body["published_at"]) == ("cn", None)
    assert "CN-1" in body["text"]


def test_lawful_attempts_are_not_flagged(world: World) -> None:
    row = _attempt(world, datetime(2026, 3, 2, 10, tzinfo=SHANGHAI), "promise")
    with world.sessions() as db:
        stored = db.get(ContactAttempt, row.id)
        assert stored is not None and not stored.flagged


def test_violations_are_flagged_audited_and_listed_for_the_lead(world: World) -> None:
    late = _attempt(world, datetime(2026, 3, 2, 22, 41, tzinfo=SHANGHAI), "no_answer")
    # Three connected calls on two cases of the same borrower, then a fourth: CN-2 counts
    # across the borrower's cases.
    for hour, case in ((9, world.case_id), (10, world.other_case_id), (11, world.case_id)):
        _attempt(world, datetime(2026, 3, 3, hour, tzinfo=SHANGHAI), "promise", case=case)
    fourth = _attempt(
        world, datetime(2026, 3, 3, 15, tzinfo=SHANGHAI), "refused", case=world.other_case_id
    )
    with world.sessions() as db:
        flagged = {
            a.id: a.flag_reason for a in db.query(ContactAttempt).filter(ContactAttempt.flagged)
        }
        assert flagged == {late.id: "CN-1", fourth.id: "CN-2"}
        audited = db.query(AuditEntry).filter(AuditEntry.action == "compliance.violation").all()
        assert {e.entity_id for e in audited} == {str(late.id), str(fourth.id)}

    response = _get(world, "/compliance/violations", "lead1")
    assert response.status_code == 200
    page = response.json()
    assert page["total"] == 2 and page["next_offset"] is None
    newest = page["items"][0]
    assert newest["attempt_id"] == str(fourth.id)
    assert newest["rules"] == [{"id": "CN-2", "title": "Connected calls per day"}]
    assert newest["agent_username"] == "agent1"
    assert newest["agent_name"] == "agent1"  # its display name (the fixture's is the same)
    # Paging.
    first = _get(world, "/compliance/violations", "admin1", limit="1").json()
    assert first["next_offset"] == 1 and len(first["items"]) == 1
    # A lead of another team sees none of them; an agent may not look at all.
    assert _get(world, "/compliance/violations", "lead2").json()["total"] == 0
    assert _get(world, "/compliance/violations", "agent1").status_code == 403
    # Time filters must be zone-aware.
    naive = _get(world, "/compliance/violations", "admin1", since="2026-03-03T00:00:00")
    assert naive.status_code == 422
    since = _get(world, "/compliance/violations", "admin1", since="2026-03-03T00:00:00Z")
    assert since.json()["total"] == 1


def test_third_party_call_while_the_borrower_is_reachable(world: World) -> None:
    row = _attempt(
        world, datetime(2026, 3, 2, 10, tzinfo=SHANGHAI), "third_party", point=world.sister_id
    )
    with world.sessions() as db:
        stored = db.get(ContactAttempt, row.id)
        assert stored is not None and stored.flag_reason == "CN-4"
    # Once the borrower's own number is dead, reaching the sister is lawful.
    _attempt(world, datetime(2026, 3, 3, 9, tzinfo=SHANGHAI), "not_in_service")
    ok = _attempt(
        world, datetime(2026, 3, 3, 10, tzinfo=SHANGHAI), "third_party", point=world.sister_id
    )
    with world.sessions() as db:
        again = db.get(ContactAttempt, ok.id)
        assert again is not None
        assert judge_attempt(db, again, active_policy(db).policy) == ()


def _us_text() -> str:
    return (resources_dir() / "policies" / "us-regf.yaml").read_text(encoding="utf-8")


def test_publish_over_http_and_its_effect(world: World) -> None:
    headers = {"Authorization": f"Bearer {world.tokens['admin1']}", "Content-Type": "text/plain"}
    response = world.client.post(
        f"{API_PREFIX}/compliance/policy", content=_us_text().encode(), headers=headers
    )
    assert response.status_code == 201, response.text
    assert response.json()["profile"] == "us-regf"
    body = _get(world, "/compliance/policy", "agent1").json()
    assert (body["profile"], body["published_by"]) == ("us-regf", "admin1")
    # The same version twice is refused.
    again = world.client.post(
        f"{API_PREFIX}/compliance/policy", content=_us_text().encode(), headers=headers
    )
    assert again.status_code == 409
    # A broken file: 422 with the line.
    broken = world.client.post(
        f"{API_PREFIX}/compliance/policy",
        content=_us_text().replace("limit: 7", "limit: seven").encode(),
        headers=headers,
    )
    assert broken.status_code == 422
    assert "line" in broken.json()["error"]["message_en"]
    # Leads may not publish.
    lead = {"Authorization": f"Bearer {world.tokens['lead1']}", "Content-Type": "text/plain"}
    assert (
        world.client.post(
            f"{API_PREFIX}/compliance/policy", content=_us_text().encode(), headers=lead
        ).status_code
        == 403
    )


def test_cli_publish_and_show(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "us.yaml"
    good.write_text(_us_text().replace('version: "2026.1"', 'version: "2026.9"'), encoding="utf-8")
    assert (
        server_main(["policy", "publish", str(good), "--db", world.url, "--by", "compliance"]) == 0
    )
    assert "us-regf 2026.9" in capsys.readouterr().out
    assert server_main(["policy", "show", "--db", world.url]) == 0
    assert "us-regf 2026.9" in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text(_us_text().replace('end: "21:00"', "end: 21:00"), encoding="utf-8")
    assert server_main(["policy", "publish", str(bad), "--db", world.url]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml, line" in err and "第" in err
    with world.sessions() as db:
        assert active_policy(db).policy.version == "2026.9"
        assert active_policy(db).published_by == "compliance"
        # Publishing in code is the same act: a new version becomes active.
        publish(db, good.read_text(encoding="utf-8").replace("2026.9", "2026.10"), username="x")
        db.commit()
        assert active_policy(db).policy.version == "2026.10"


def _push(
    w: World, user: str, when: datetime, transcript: list[dict[str, str]] | None = None
) -> str:
    entity_id = str(uuid.uuid4())
    op = {
        "type": "contact_attempt.record",
        "op_id": str(uuid.uuid4()),
        "entity_id": entity_id,
        "created_at": when.isoformat(),
        "payload": {
            "case_id": str(w.case_id),
            "contact_point_id": str(w.mobile_id),
            "channel": "call",
            "result": "no_answer",
            "started_at": when.isoformat(),
            "ended_at": (when + timedelta(seconds=40)).isoformat(),
            "transcript": transcript or [],
        },
    }
    response = w.client.post(
        f"{API_PREFIX}/sync/push",
        json={"device_id": str(uuid.uuid4()), "ops": [op]},
        headers={"Authorization": f"Bearer {w.tokens[user]}"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["results"][0]["status"] == "applied", response.text
    return entity_id


def _stored(w: World, entity_id: str) -> tuple[bool, str | None]:
    with w.sessions() as db:
        stored = db.get(ContactAttempt, uuid.UUID(entity_id))
        assert stored is not None
        return stored.flagged, stored.flag_reason


def test_an_attempt_pushed_by_a_desktop_is_stored_and_flagged(world: World) -> None:
    entity_id = _push(world, "agent1", datetime(2026, 3, 2, 23, 5, tzinfo=SHANGHAI))
    assert _stored(world, entity_id) == (True, "CN-1")
    listed = _get(world, "/compliance/violations", "lead1").json()
    assert [v["attempt_id"] for v in listed["items"]] == [entity_id]


OVERRIDE = {
    "step_id": "compliance",
    "action": "override",
    "value": "CN-1: borrower rang back and asked to be called tonight",
    "at": "2026-03-02T15:00:00+00:00",
}


def test_an_override_counts_only_for_a_role_the_policy_names(world: World) -> None:
    late = datetime(2026, 3, 2, 23, 5, tzinfo=SHANGHAI)
    # The agent's desktop claims an override, but agents may not override CN-1.
    by_agent = _push(world, "agent1", late, [OVERRIDE])
    assert _stored(world, by_agent) == (True, "CN-1")
    # The lead may: stored, not flagged, and the override is audited with its reason.
    by_lead = _push(world, "lead1", late + timedelta(minutes=5), [OVERRIDE])
    assert _stored(world, by_lead) == (False, None)
    with world.sessions() as db:
        entry = (
            db.query(AuditEntry)
            .filter(AuditEntry.action == "compliance.override", AuditEntry.entity_id == by_lead)
            .one()
        )
        assert entry.detail["rules"] == ["CN-1"]
        assert entry.detail["reason"] == "borrower rang back and asked to be called tonight"
    # An override naming another rule does not cover this one.
    other_rule = {**OVERRIDE, "value": "CN-2: something else entirely"}
    assert _stored(world, _push(world, "lead1", late + timedelta(minutes=9), [other_rule]))[0]


def _pull_all(
    w: World, user: str, cursor: str | None = None
) -> tuple[list[dict[str, object]], str]:
    changes: list[dict[str, object]] = []
    while True:
        params = {"cursor": cursor} if cursor else {}
        page = _get(w, "/sync/pull", user, **params).json()
        changes.extend(page["changes"])
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return changes, str(cursor)


def test_desktops_receive_a_published_policy_by_sync(world: World) -> None:
    first, cursor = _pull_all(world, "agent1")
    assert not [c for c in first if c["entity_type"] == "contact_policy"]  # shipped one in force
    headers = {"Authorization": f"Bearer {world.tokens['admin1']}", "Content-Type": "text/plain"}
    posted = world.client.post(
        f"{API_PREFIX}/compliance/policy", content=_us_text().encode(), headers=headers
    )
    assert posted.status_code == 201, posted.text
    later, _ = _pull_all(world, "agent1", cursor)
    (document,) = [c for c in later if c["entity_type"] == "contact_policy"]
    data = document["data"]
    assert isinstance(data, dict)
    assert (data["version"], data["format"], data["body"]) == (1, "yaml", _us_text())
    # A desktop starting from scratch gets it in its first page too.
    fresh, _ = _pull_all(world, "lead1")
    assert [c["entity_id"] for c in fresh if c["entity_type"] == "contact_policy"] == [
        "contact_policy"
    ]
