"""The outbox: order, batches, answers, and the attention list that must be acknowledged."""

from __future__ import annotations

import uuid
from datetime import timedelta
from uuid import UUID

import pytest

from agentdesk.client.casefile import open_case
from agentdesk.client.operations import Operations
from agentdesk.client.outbox import Outbox
from agentdesk.client.store import LocalStore
from agentdesk.protocol.ops import NoteAdd, PlanDecide, PlanDecision, PlanPropose
from agentdesk.protocol.sync import OpResult, OpStatus

from .conftest import CaseSeed, seed


@pytest.fixture
def case(store: LocalStore) -> CaseSeed:
    return seed(store, CaseSeed())[0]


def notes(store: LocalStore, case: CaseSeed, count: int) -> list[UUID]:
    ops = Operations(store)
    return [ops.add_note(NoteAdd(case_id=UUID(case.case_id), text=f"note {n}")).op_id
            for n in range(count)]


def test_pending_ops_come_in_order_and_in_batches(store: LocalStore, case: CaseSeed) -> None:
    op_ids = notes(store, case, 7)
    outbox = Outbox(store)
    assert outbox.count() == 7
    assert [e.op.op_id for e in outbox.pending(limit=100)] == op_ids
    batches = list(outbox.batches(size=3))
    assert [len(b) for b in batches] == [3, 3, 1]
    assert [e.op.op_id for b in batches for e in b] == op_ids
    assert outbox.pending_for_case(case.case_id) == 7


def test_ops_stay_until_answered(store: LocalStore, case: CaseSeed, clock: object) -> None:
    op_ids = notes(store, case, 2)
    outbox = Outbox(store)
    outbox.record_attempt(op_ids)
    outbox.record_attempt(op_ids[:1])
    assert [e.attempts for e in outbox.pending()] == [2, 1]
    summary = outbox.mark_answered([OpResult(op_id=op_ids[1], status=OpStatus.APPLIED)])
    assert (summary.synced, summary.needs_attention) == (1, 0)
    assert [e.op.op_id for e in outbox.pending()] == [op_ids[0]]


def test_applied_and_duplicate_answers_leave_the_outbox_as_synced(
    store: LocalStore, case: CaseSeed
) -> None:
    op_ids = notes(store, case, 2)
    outbox = Outbox(store)
    summary = outbox.mark_answered([
        OpResult(op_id=op_ids[0], status=OpStatus.APPLIED),
        OpResult(op_id=op_ids[1], status=OpStatus.DUPLICATE),
        OpResult(op_id=uuid.uuid4(), status=OpStatus.APPLIED),  # answered before, say
    ])
    assert (summary.synced, summary.needs_attention, summary.unknown) == (2, 0, 1)
    assert outbox.count() == 0
    assert {i.local_state for i in open_case(store, case.case_id).timeline} == {"synced"}
    assert outbox.needs_attention() == []


def test_rejections_go_to_the_attention_list_until_acknowledged(
    store: LocalStore, case: CaseSeed, clock: object
) -> None:
    (op_id,) = notes(store, case, 1)
    outbox = Outbox(store)
    outbox.mark_answered([OpResult(op_id=op_id, status=OpStatus.REJECTED,
                                   reason="案件已改派 / the case was reassigned",
                                   reason_code="case_reassigned")])
    assert outbox.count() == 0
    (item,) = outbox.needs_attention()
    assert item.op_id == op_id
    assert item.status is OpStatus.REJECTED
    assert item.reason_code == "case_reassigned"
    assert "reassigned" in item.reason
    assert item.op.payload.text == "note 0"  # type: ignore[union-attr]
    assert item.acknowledged_at is None
    (timeline_item,) = open_case(store, case.case_id).timeline
    assert timeline_item.local_state == "rejected"

    outbox.acknowledge(op_id)
    assert outbox.needs_attention() == []
    (kept,) = outbox.needs_attention(include_acknowledged=True)
    assert kept.acknowledged_at is not None
    with pytest.raises(KeyError):
        outbox.acknowledge(op_id)


def test_a_conflict_shows_the_servers_version_and_undoes_the_local_guess(
    store: LocalStore, case: CaseSeed
) -> None:
    agent, lead = Operations(store, user_id="agent"), Operations(store, user_id="lead")
    plan = agent.propose_plan(PlanPropose(case_id=UUID(case.case_id), options={"term": 24}))
    outbox = Outbox(store)
    outbox.mark_answered([OpResult(op_id=plan.op_id, status=OpStatus.APPLIED)])
    decision = lead.decide_plan(plan.entity_id, PlanDecide(
        case_id=UUID(case.case_id), decision_id=uuid.uuid4(), decision=PlanDecision.APPROVE))
    assert open_case(store, case.case_id).row.plan_status == "approved"

    # Meanwhile the agent withdrew the plan on the server: the approval conflicts.
    plan_data = open_case(store, case.case_id).plans[0].data.model_dump(mode="json")
    withdrawn = {**plan_data, "status": "withdrawn"}
    outbox.mark_answered([OpResult(
        op_id=decision.op_id, status=OpStatus.CONFLICT, server_version=2, current=withdrawn,
        reason="方案已撤回 / the plan was withdrawn", reason_code="plan_withdrawn")])

    (item,) = outbox.needs_attention()
    assert (item.status, item.server_version) == (OpStatus.CONFLICT, 2)
    assert item.current is not None and item.current["status"] == "withdrawn"
    opened = open_case(store, case.case_id)
    assert opened.plans[0].status == "withdrawn"
    assert opened.row.plan_status is None  # the server's case data: no plan status yet
    kinds = {i.kind: i.local_state for i in opened.timeline}
    assert kinds["plan_decision"] == "conflict"


def test_a_rejection_keeps_other_pending_effects(store: LocalStore, case: CaseSeed) -> None:
    ops = Operations(store)
    first = ops.propose_plan(PlanPropose(case_id=UUID(case.case_id), options={"term": 12}))
    later = timedelta(minutes=1)
    del later
    note = ops.add_note(NoteAdd(case_id=UUID(case.case_id), text="still here"))
    Outbox(store).mark_answered([OpResult(op_id=note.op_id, status=OpStatus.REJECTED,
                                          reason="no")])
    # The plan proposal still waits, so its effect on the queue stays.
    assert open_case(store, case.case_id).row.plan_status == "pending"
    assert Outbox(store).pending()[0].op.op_id == first.op_id
