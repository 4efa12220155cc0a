"""The whole journey of offline work: agent → server → lead → server → agent."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from agentdesk.client.casefile import open_case
from agentdesk.client.sync_engine import SyncState
from agentdesk.server.models import ContactAttempt, Note, Plan, PlanDecision, Promise
from tests.sync.conftest import DeskFactory
from tests.sync.harness import LiveServer, dead_address
from tests.sync.work import approve, attempt, lead_approvable, note, promise, propose

pytestmark = pytest.mark.slow  # a real server process


def test_offline_work_round_trip(
    desk: DeskFactory, server: LiveServer, server_engine: Engine
) -> None:
    agent = desk("agent.east1")
    lead = desk("lead.east")
    first = agent.sync()
    assert first.state is SyncState.SYNCED
    assert agent.case_ids(), "the agent's cases arrive on the first sync"
    assert first.pulled > 0 and agent.progress[-1].phase == "pull"
    case_id, options = lead_approvable(server.url, "agent.east1", sorted(agent.case_ids()))

    # The network goes away (nothing answers at the address); the agent keeps working.
    online = server.url
    agent.point_at(dead_address())
    a = attempt(agent, case_id)
    n = note(agent, case_id)
    p = promise(agent, case_id, "1250.50")
    plan = propose(agent, case_id, options)
    offline = agent.sync()
    assert offline.state is SyncState.OFFLINE
    assert agent.outbox.count() == 4
    assert open_case(agent.store, case_id).plans[0].local_state == "pending"

    agent.point_at(online)
    back = agent.sync()
    assert back.state is SyncState.SYNCED, back.message
    assert (back.pushed, back.applied, back.needs_attention) == (4, 4, 0)
    assert agent.outbox.count() == 0
    with Session(server_engine) as db:
        assert db.get(ContactAttempt, a.entity_id) is not None
        assert db.get(Note, n.entity_id) is not None
        stored_promise = db.get(Promise, p.entity_id)
        assert stored_promise is not None and stored_promise.amount_minor == 125050
        stored_plan = db.get(Plan, plan.entity_id)
        assert stored_plan is not None and stored_plan.status == "pending"

    # The lead pulls the proposal, then decides it with no network.
    assert lead.sync().state is SyncState.SYNCED
    lead_view = open_case(lead.store, case_id).plans[0]
    assert lead_view.data.id == str(plan.entity_id)
    assert lead_view.status == "pending"
    assert lead_view.data.figures == stored_plan.figures  # the server's own figures
    lead.point_at(dead_address())
    decision = approve(lead, case_id, str(plan.entity_id))
    assert lead.sync().state is SyncState.OFFLINE
    lead.point_at(online)
    decided = lead.sync()
    assert decided.state is SyncState.SYNCED and decided.applied == 1, decided

    # The agent learns of the approval.
    assert agent.sync().state is SyncState.SYNCED
    with Session(server_engine) as db:
        server_plan = db.get(Plan, plan.entity_id)
        assert server_plan is not None and server_plan.status == "approved"
        decisions = list(
            db.scalars(select(PlanDecision).where(PlanDecision.plan_id == plan.entity_id))
        )
        assert [d.id for d in decisions] == [decision]
    case = open_case(agent.store, case_id)
    view = next(v for v in case.plans if v.data.id == str(plan.entity_id))
    assert view.status == "approved" and view.local_state == "synced"
    assert view.data.figures == server_plan.figures
    assert [d.decision for d in view.decisions] == ["approve"]
    assert case.case.plan_status == "approved"
    kinds = {item.item_id: (item.kind, item.local_state) for item in case.timeline}
    assert kinds[str(a.entity_id)] == ("contact_attempt", "synced")
    assert kinds[str(n.entity_id)] == ("note", "synced")
    assert kinds[str(p.entity_id)] == ("promise", "synced")
    promise_item = next(i for i in case.timeline if i.item_id == str(p.entity_id))
    assert Decimal(promise_item.data["amount"]) == Decimal("1250.50")
    assert case.case.promise_status == "open"
