"""The case's next action (follow-up) on the server, on SQLite and PostgreSQL: the
`case.schedule_follow_up` op applied once, authorised per case, audited and pulled;
contact attempts setting and completing it; the promise horizon from the policy."""

from __future__ import annotations

import uuid
import warnings
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from agentdesk.domain.vocabulary import CallResult, Channel
from agentdesk.paths import resources_dir
from agentdesk.protocol.ops import (
    CaseScheduleFollowUp,
    ContactAttemptRecord,
    PromiseCreate,
    make_op,
)
from agentdesk.protocol.sync import EntityType, OpResult
from agentdesk.server.app import create_app
from agentdesk.server.db import make_engine
from agentdesk.server.models import AuditEntry, Borrower, Case
from agentdesk.server.settings import Settings
from tests.support.server_db import Backend
from tests.sync.conftest import DeskFactory
from tests.sync.test_server_rules import Sync

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

API = "/api/v1"
AGENT = "agent.east1"


def _open(url: str, settings: Settings | None = None) -> Iterator[Sync]:
    engine = make_engine(url, pool_size=2)
    with TestClient(
        create_app(settings or Settings(db_url=url), engine=engine)
    ) as client:
        yield Sync(client, engine)
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def api(request: pytest.FixtureRequest) -> Iterator[Sync]:
    name = "sync_template" if request.param == "sqlite" else "sync_pg_template"
    backend: Backend = request.getfixturevalue(name)
    yield from _open(backend.make_copy())


def _follow_up(
    case_id: uuid.UUID, due_at: datetime, reason: str = "", *, made: datetime | None = None
) -> dict[str, Any]:
    op = make_op(
        CaseScheduleFollowUp(case_id=case_id, due_at=due_at, reason=reason),
        entity_id=case_id,
        created_at=made or datetime.now(UTC),
    )
    return op.model_dump(mode="json")


def _attempt(
    case_id: uuid.UUID, ended: datetime, follow_up_at: datetime | None = None
) -> dict[str, Any]:
    op = make_op(
        ContactAttemptRecord(
            case_id=case_id, channel=Channel.CALL, result=CallResult.NO_ANSWER,
            started_at=ended - timedelta(minutes=2), ended_at=ended,
            next_follow_up_at=follow_up_at,
        ),
        entity_id=uuid.uuid4(),
        created_at=ended,
    )
    return op.model_dump(mode="json")


def _next_action(sync: Sync, case_id: uuid.UUID) -> tuple[datetime | None, str | None]:
    with Session(sync.engine) as db:
        case = db.get(Case, case_id)
        assert case is not None
        return case.next_action_at, case.next_action_reason


def _pulled_case(sync: Sync, user: str, case_id: uuid.UUID) -> dict[str, Any]:
    changes, _ = sync.pull_all(user)
    found = [c.data for c in changes
             if c.entity_type is EntityType.CASE and c.entity_id == str(case_id) and c.data]
    assert found, f"{user} did not receive case {case_id}"
    return found[-1]


def _one(result: Sequence[OpResult]) -> OpResult:
    assert len(result) == 1
    return result[0]


def test_follow_up_is_applied_once_audited_and_pulled_by_the_lead(api: Sync) -> None:
    case_id = api.case_of(AGENT)
    due = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    op = _follow_up(case_id, due, "发薪日后再联系")
    first = _one(api.push(AGENT, [op]).results)
    assert first.status == "applied"
    assert _next_action(api, case_id) == (due, "发薪日后再联系")
    again = _one(api.push(AGENT, [op]).results)
    assert again.status == "duplicate"
    with Session(api.engine) as db:
        audited = list(db.scalars(select(AuditEntry).where(
            AuditEntry.action == "case.follow_up", AuditEntry.entity_id == str(case_id))))
    assert len(audited) == 1 and audited[0].detail["due_at"] == due.isoformat()
    # The lead of the team pulls the case with its next action and reason.
    data = _pulled_case(api, "lead.east", case_id)
    assert datetime.fromisoformat(data["next_action_due"]) == due
    assert data["next_action_reason"] == "发薪日后再联系"
    # And the case list says it too.
    r = api.client.get(f"{API}/cases", headers=api.headers(AGENT), params={"limit": 200})
    row = next(i for i in r.json()["items"] if i["id"] == str(case_id))
    assert datetime.fromisoformat(row["next_action_due"]) == due


def test_another_agents_case_is_rejected_and_a_past_time_names_the_field(api: Sync) -> None:
    foreign = api.case_of("agent.south1")
    before = _next_action(api, foreign)
    refused = _one(api.push(AGENT, [
        _follow_up(foreign, datetime.now(UTC) + timedelta(days=1))]).results)
    assert refused.status == "rejected" and refused.reason_code == "not_found"
    assert _next_action(api, foreign) == before
    mine = api.case_of(AGENT)
    past = _one(api.push(AGENT, [
        _follow_up(mine, datetime.now(UTC) - timedelta(hours=1))]).results)
    assert past.status == "rejected" and past.reason_code == "too_early"
    assert past.reason is not None and "Follow-up time" in past.reason


def test_the_latest_decision_stands_even_when_an_older_one_arrives_late(api: Sync) -> None:
    case_id = api.case_of(AGENT)
    now = datetime.now(UTC).replace(microsecond=0)
    newer = _follow_up(case_id, now + timedelta(days=3), "新", made=now)
    older = _follow_up(case_id, now + timedelta(days=1), "旧", made=now - timedelta(hours=2))
    assert [r.status for r in api.push(AGENT, [newer, older]).results] == [
        "applied", "applied"]
    assert _next_action(api, case_id) == (now + timedelta(days=3), "新")


def test_a_desktop_clock_running_ahead_does_not_win_for_ever(api: Sync) -> None:
    case_id = api.case_of(AGENT)
    now = datetime.now(UTC).replace(microsecond=0)
    ahead = _follow_up(case_id, now + timedelta(days=2), "快了一天的时钟",
                       made=now + timedelta(days=1))
    assert _one(api.push(AGENT, [ahead]).results).status == "applied"
    later = _follow_up(case_id, now + timedelta(hours=3), "正常时钟")
    assert _one(api.push(AGENT, [later]).results).status == "applied"
    assert _next_action(api, case_id) == (now + timedelta(hours=3), "正常时钟")


def test_attempts_set_keep_and_complete_the_follow_up(api: Sync) -> None:
    case_id = api.case_of(AGENT)
    now = datetime.now(UTC).replace(microsecond=0)
    callback = now + timedelta(hours=3)
    assert _one(api.push(AGENT, [_attempt(case_id, now - timedelta(hours=1), callback)])
                .results).status == "applied"
    assert _next_action(api, case_id) == (callback, None)
    # An earlier call than planned (no answer, no new follow-up) leaves it in place.
    assert _one(api.push(AGENT, [_attempt(case_id, now)]).results).status == "applied"
    assert _next_action(api, case_id) == (callback, None)
    # A call at or after the due time carries the follow-up out.
    assert _one(api.push(AGENT, [_attempt(case_id, callback + timedelta(minutes=5))])
                .results).status == "applied"
    assert _next_action(api, case_id) == (None, None)
    assert _pulled_case(api, AGENT, case_id)["next_action_due"] is None


def _borrower_today(sync: Sync, case_id: uuid.UUID) -> date:
    with Session(sync.engine) as db:
        zone = db.scalar(select(Borrower.time_zone).join(Case, Case.borrower_id == Borrower.id)
                         .where(Case.id == case_id))
    assert zone is not None
    return datetime.now(UTC).astimezone(ZoneInfo(zone)).date()


def _promise(case_id: uuid.UUID, due: date) -> dict[str, Any]:
    op = make_op(PromiseCreate(case_id=case_id, amount="100.00", due_date=due),
                 entity_id=uuid.uuid4(), created_at=datetime.now(UTC))
    return op.model_dump(mode="json")


def test_the_server_refuses_a_promise_beyond_the_policy_horizon(
    sync_template: Backend, tmp_path: Path
) -> None:
    shipped = (resources_dir() / "policies" / "authority.yaml").read_text(encoding="utf-8")
    assert "promise_horizon_days: 30" in shipped
    policy = tmp_path / "authority.yaml"
    policy.write_text(shipped.replace("promise_horizon_days: 30", "promise_horizon_days: 7"),
                      encoding="utf-8")
    url = sync_template.make_copy()
    for sync in _open(url, Settings(db_url=url, authority_policy=policy)):
        case_id = sync.case_of(AGENT)
        today = _borrower_today(sync, case_id)  # the horizon counts from the borrower's day
        far = _one(sync.push(AGENT, [_promise(case_id, today + timedelta(days=10))]).results)
        assert far.status == "rejected" and far.reason_code == "too_late"
        assert far.reason is not None and (today + timedelta(days=7)).isoformat() in far.reason
        near = _one(sync.push(AGENT, [_promise(case_id, today + timedelta(days=7))]).results)
        assert near.status == "applied"
    # The shipped policy's 30 days accept the 10-day promise.
    for sync in _open(sync_template.make_copy()):
        case_id = sync.case_of(AGENT)
        today = _borrower_today(sync, case_id)
        assert _one(sync.push(AGENT, [_promise(case_id, today + timedelta(days=10))])
                    .results).status == "applied"


# ---------------------------------------------------------------- through a real server


@pytest.mark.slow  # a real server process (uvicorn on loopback)
def test_an_offline_follow_up_reaches_the_lead_through_a_real_server(
    desk: DeskFactory, server_engine: Engine
) -> None:
    from agentdesk.client.follow_up import next_action
    from agentdesk.client.sync_engine import SyncState
    from tests.sync.harness import dead_address

    agent, lead = desk("agent.east1"), desk("lead.east")
    assert agent.sync().state is SyncState.SYNCED
    assert lead.sync().state is SyncState.SYNCED
    case_id = sorted(agent.case_ids())[0]
    online = agent.api.base_url
    agent.point_at(dead_address())  # offline: the queue shows it at once all the same
    due = (datetime.now(UTC) + timedelta(days=1)).replace(microsecond=0)
    agent.ops.schedule_follow_up(CaseScheduleFollowUp(
        case_id=uuid.UUID(case_id), due_at=due, reason="周五发薪后再联系"))
    assert next_action(agent.store, case_id) is not None
    assert agent.sync().state is SyncState.OFFLINE and agent.outbox.count() == 1
    agent.point_at(online)
    report = agent.sync()
    assert report.state is SyncState.SYNCED and (report.applied, report.needs_attention) == (1, 0)
    with Session(server_engine) as db:
        case = db.get(Case, uuid.UUID(case_id))
        assert case is not None and case.next_action_at == due
    # Another device — the team lead's — pulls it.
    assert lead.sync().state is SyncState.SYNCED
    seen = next_action(lead.store, case_id)
    assert seen is not None and (seen.due_at, seen.reason) == (due, "周五发薪后再联系")
