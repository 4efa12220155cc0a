"""Every local change writes the store and its outbox op in one transaction."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date, timedelta
from decimal import Decimal
from uuid import UUID

import pytest

from agentdesk.client.casefile import open_case
from agentdesk.client.operations import OperationError, Operations
from agentdesk.client.outbox import Outbox
from agentdesk.client.queue import CaseQueue, QueueQuery
from agentdesk.client.store import LocalStore
from agentdesk.domain.vocabulary import CallResult, Channel, DelinquencyReason, Mood
from agentdesk.protocol.ops import (
    CaseReassign,
    ContactAttemptRecord,
    NoteAdd,
    OpType,
    PlanDecide,
    PlanDecision,
    PlanPropose,
    PlanWithdraw,
    PromiseCreate,
    TranscriptEntry,
)

from .conftest import NOW, CaseSeed, seed


@pytest.fixture
def case(store: LocalStore) -> CaseSeed:
    return seed(store, CaseSeed(name="张三"))[0]


@pytest.fixture
def ops(store: LocalStore) -> Operations:
    return Operations(store, user_id="agent-1")


def _counts(store: LocalStore) -> tuple[int, int]:
    with store.read() as db:
        history = db.execute("SELECT count(*) FROM history").fetchone()[0]
        outbox = db.execute("SELECT count(*) FROM outbox").fetchone()[0]
    return history, outbox


def attempt(case: CaseSeed, **fields: object) -> ContactAttemptRecord:
    values: dict[str, object] = {
        "case_id": case.case_id,
        "contact_point_id": None,
        "channel": Channel.CALL,
        "result": CallResult.PROMISE,
        "started_at": NOW,
        "ended_at": NOW + timedelta(minutes=4),
        "mood": Mood.COOPERATIVE,
        "delinquency_reason": DelinquencyReason.JOB_LOSS,
        "notes": "失业三个月，下月入职",
        "transcript": [TranscriptEntry(step_id="greeting", action="answer", value="yes")],
        "next_follow_up_at": NOW + timedelta(days=2),
    }
    values.update(fields)
    return ContactAttemptRecord.model_validate(values)


def test_each_change_writes_history_and_outbox_together(
    store: LocalStore, ops: Operations, case: CaseSeed
) -> None:
    changed: list[frozenset[str]] = []
    store.subscribe(changed.append)
    ops.record_contact_attempt(attempt(case))
    ops.add_note(NoteAdd(case_id=UUID(case.case_id), text="客户态度良好"))
    ops.create_promise(PromiseCreate(case_id=UUID(case.case_id), amount=Decimal("500.00"),
                                     due_date=date(2026, 12, 5)))
    plan = ops.propose_plan(PlanPropose(case_id=UUID(case.case_id),
                                        options={"extension_months": 12}))
    assert _counts(store) == (4, 4)
    assert changed == [frozenset({case.case_id})] * 4

    pending = Outbox(store).pending()
    assert [e.op.type for e in pending] == [
        OpType.CONTACT_ATTEMPT_RECORD, OpType.NOTE_ADD, OpType.PROMISE_CREATE,
        OpType.PLAN_PROPOSE]
    assert pending[3].op.entity_id == plan.entity_id
    assert all(e.op.created_at == NOW for e in pending)

    opened = open_case(store, case.case_id)
    assert {item.kind for item in opened.timeline} == {
        "contact_attempt", "note", "promise", "plan"}
    assert all(item.local_state == "pending" for item in opened.timeline)
    assert opened.plans[0].status == "pending"
    # The queue shows the work at once.
    row = opened.row
    assert row.last_contact_at == NOW + timedelta(minutes=4)
    assert row.next_action_due == NOW + timedelta(days=2)
    assert (row.promise_status, row.promise_due) == ("open", date(2026, 12, 5))
    assert row.plan_status == "pending"
    assert row.pending_ops == 4


def test_a_failure_in_the_middle_leaves_neither_the_change_nor_the_op(
    store: LocalStore, ops: Operations, case: CaseSeed
) -> None:
    # A real SQLite failure at the outbox insert, after the history row was written.
    with store.write() as tx:
        tx.db.execute(
            "CREATE TRIGGER outbox_full BEFORE INSERT ON outbox"
            " BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        )
    changed: list[frozenset[str]] = []
    store.subscribe(changed.append)
    with pytest.raises(sqlite3.IntegrityError, match="disk full"):
        ops.add_note(NoteAdd(case_id=UUID(case.case_id), text="lost?"))
    with pytest.raises(sqlite3.IntegrityError):
        ops.record_contact_attempt(attempt(case))
    assert _counts(store) == (0, 0)
    assert changed == []
    row = open_case(store, case.case_id).row
    assert row.last_contact_at is None  # the case's queue columns were not touched either


def test_changes_to_unknown_cases_or_plans_are_refused(
    store: LocalStore, ops: Operations, case: CaseSeed
) -> None:
    with pytest.raises(OperationError) as error:
        ops.add_note(NoteAdd(case_id=uuid.uuid4(), text="?"))
    assert error.value.field == "case_id"
    assert "本地没有案件" in str(error.value) and "no case" in str(error.value)
    with pytest.raises(OperationError) as error:
        ops.withdraw_plan(uuid.uuid4(), PlanWithdraw(case_id=UUID(case.case_id)))
    assert error.value.field == "plan_id"
    with pytest.raises(OperationError):
        ops.record_contact_attempt(attempt(case, contact_point_id=uuid.uuid4()))
    assert _counts(store) == (0, 0)


def test_plan_edits_carry_the_plan_version(
    store: LocalStore, ops: Operations, case: CaseSeed
) -> None:
    plan = ops.propose_plan(PlanPropose(case_id=UUID(case.case_id), options={"term": 24}))
    ops.withdraw_plan(plan.entity_id, PlanWithdraw(case_id=UUID(case.case_id), reason="重议"))
    lead = Operations(store, user_id="lead-1")
    second = ops.propose_plan(PlanPropose(case_id=UUID(case.case_id), options={"term": 36}))
    decision = lead.decide_plan(second.entity_id, PlanDecide(
        case_id=UUID(case.case_id), decision_id=uuid.uuid4(), decision=PlanDecision.REJECT,
        comment="减免过高"))
    ops_ = [e.op for e in Outbox(store).pending()]
    assert [o.type for o in ops_] == [OpType.PLAN_PROPOSE, OpType.PLAN_WITHDRAW,
                                      OpType.PLAN_PROPOSE, OpType.PLAN_DECIDE]
    # Plans proposed offline are edited against version 1, the server's first version.
    assert ops_[1].base_version == 1 and ops_[3].base_version == 1
    assert ops_[0].base_version is None
    assert decision.entity_id == second.entity_id
    opened = open_case(store, case.case_id)
    statuses = {p.data.id: p.status for p in opened.plans}
    assert statuses == {str(plan.entity_id): "withdrawn", str(second.entity_id): "rejected"}
    rejected = next(p for p in opened.plans if p.status == "rejected")
    assert rejected.decisions[0].comment == "减免过高"
    assert opened.row.plan_status == "rejected"


def test_reassignment_uses_the_case_version(
    store: LocalStore, ops: Operations, case: CaseSeed
) -> None:
    target = uuid.uuid4()
    Operations(store, user_id="lead-1").reassign_case(
        CaseReassign(case_id=UUID(case.case_id), to_user_id=target))
    op = Outbox(store).pending()[0].op
    assert op.type is OpType.CASE_REASSIGN
    assert op.base_version == case.version
    assert op.entity_id == UUID(case.case_id)


def test_queue_rows_count_pending_ops(store: LocalStore, ops: Operations, case: CaseSeed) -> None:
    ops.add_note(NoteAdd(case_id=UUID(case.case_id), text="一"))
    ops.add_note(NoteAdd(case_id=UUID(case.case_id), text="二"))
    queue = CaseQueue(store)
    assert queue.search(QueueQuery()).rows(0, 1)[0].pending_ops == 2
    queue.close()
