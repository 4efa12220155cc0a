"""The follow-up op and the call outcome's one transaction, on a real local store."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date, timedelta

import pytest

from agentdesk.client.changes import apply_changes
from agentdesk.client.operations import Operations
from agentdesk.client.outbox import Outbox
from agentdesk.client.queue import CaseQueue, QueueQuery, QuickFilter
from agentdesk.client.store import LocalStore
from agentdesk.domain.follow_up import InvalidFollowUp
from agentdesk.domain.vocabulary import CallResult, Channel, Language
from agentdesk.protocol.ops import (
    CaseScheduleFollowUp,
    ContactAttemptRecord,
    NoteAdd,
    OpType,
    PromiseCreate,
)
from agentdesk.protocol.sync import EntityType, OpResult, OpStatus

from .conftest import NOW, CaseSeed, change, page, seed


@pytest.fixture
def case(store: LocalStore) -> CaseSeed:
    return seed(store, CaseSeed(name="张三"))[0]


@pytest.fixture
def ops(store: LocalStore) -> Operations:
    return Operations(store, user_id="agent-1")


def _row(store: LocalStore, case: CaseSeed) -> tuple[str | None, str | None, str | None]:
    with store.read() as db:
        row = db.execute(
            "SELECT next_action_due, next_action_reason, last_contact_at FROM cases"
            " WHERE case_id = ?", (case.case_id,)).fetchone()
    return row[0], row[1], row[2]


def _counts(store: LocalStore) -> tuple[int, int]:
    with store.read() as db:
        history = db.execute("SELECT count(*) FROM history").fetchone()[0]
        outbox = db.execute("SELECT count(*) FROM outbox").fetchone()[0]
    return history, outbox


def _attempt(case: CaseSeed, minutes: int = 4, **fields: object) -> ContactAttemptRecord:
    return ContactAttemptRecord.model_validate({
        "case_id": case.case_id, "channel": Channel.CALL, "result": CallResult.PROMISE,
        "started_at": NOW, "ended_at": NOW + timedelta(minutes=minutes), **fields})


def test_a_scheduled_follow_up_shows_in_the_queue_at_once_and_waits_in_the_outbox(
    store: LocalStore, ops: Operations, case: CaseSeed
) -> None:
    due = NOW + timedelta(hours=3)  # 13:00 in Shanghai: due today
    change_ = ops.schedule_follow_up(
        CaseScheduleFollowUp(case_id=uuid.UUID(case.case_id), due_at=due, reason="午休后再打"))
    assert change_.entity_id == uuid.UUID(case.case_id)
    assert _row(store, case)[:2] == (due.isoformat(timespec="microseconds"), "午休后再打")
    [entry] = Outbox(store).pending()
    assert entry.op.type is OpType.CASE_SCHEDULE_FOLLOW_UP and entry.op.base_version is None
    queue = CaseQueue(store, time_zone="Asia/Shanghai")
    due_today = queue.search(QueueQuery(filters=frozenset({QuickFilter.DUE_TODAY})))
    assert [r.borrower_name for r in due_today.rows(0, 5)] == ["张三"]
    assert due_today.rows(0, 1)[0].next_action_due == due
    queue.close()


def test_a_follow_up_in_the_past_is_refused_and_nothing_is_written(
    store: LocalStore, ops: Operations, case: CaseSeed
) -> None:
    with pytest.raises(InvalidFollowUp) as raised:
        ops.schedule_follow_up(CaseScheduleFollowUp(
            case_id=uuid.UUID(case.case_id), due_at=NOW - timedelta(minutes=1)))
    assert raised.value.field == "due_at"
    assert "Follow-up time" in raised.value.message(Language.EN)
    assert "not in the future" in raised.value.message(Language.EN)
    assert "跟进时间" in raised.value.message(Language.ZH_CN)
    assert _counts(store) == (0, 0) and _row(store, case)[0] is None


def test_a_pulled_server_copy_keeps_showing_the_unsynced_follow_up(
    store: LocalStore, ops: Operations, case: CaseSeed
) -> None:
    due = NOW + timedelta(days=1)
    ops.schedule_follow_up(CaseScheduleFollowUp(case_id=uuid.UUID(case.case_id), due_at=due,
                                                reason="明天"))
    apply_changes(store, page(change(EntityType.CASE, {**case.case_data(), "dpd": 16}, 2)))
    assert _row(store, case)[:2] == (due.isoformat(timespec="microseconds"), "明天")
    # Once answered, the server's copy (which has it too) is what shows.
    server = {**case.case_data(), "next_action_due": due.isoformat(),
              "next_action_reason": "明天"}
    apply_changes(store, page(change(EntityType.CASE, server, 3)))
    assert _row(store, case)[:2] == (due.isoformat(timespec="microseconds"), "明天")


def test_an_attempt_at_or_after_the_due_time_completes_the_follow_up(
    store: LocalStore, ops: Operations, case: CaseSeed
) -> None:
    due = NOW + timedelta(hours=1)
    ops.schedule_follow_up(CaseScheduleFollowUp(case_id=uuid.UUID(case.case_id), due_at=due))
    ops.record_contact_attempt(_attempt(case, minutes=10))  # earlier: it stays
    assert _row(store, case)[0] == due.isoformat(timespec="microseconds")
    ops.record_contact_attempt(_attempt(case, minutes=70))  # after the due time: done
    assert _row(store, case)[:2] == (None, None)
    later = NOW + timedelta(days=2)
    ops.record_contact_attempt(_attempt(case, minutes=5, next_follow_up_at=later))
    assert _row(store, case)[0] == later.isoformat(timespec="microseconds")


def test_the_call_outcome_is_one_transaction(
    store: LocalStore, ops: Operations, case: CaseSeed
) -> None:
    case_id = uuid.UUID(case.case_id)
    follow = NOW + timedelta(days=1)
    done = ops.record_call_outcome(
        _attempt(case, next_follow_up_at=follow),
        promise=PromiseCreate(case_id=case_id, amount="300.00", due_date=date(2026, 12, 5)),
        note=NoteAdd(case_id=case_id, text="借款人称月底发工资"),
        follow_up=CaseScheduleFollowUp(case_id=case_id, due_at=follow, reason="确认到账"),
    )
    assert done.promise is not None and done.note is not None and done.follow_up is not None
    ops_sent = [e.op for e in Outbox(store).pending()]
    assert [o.type for o in ops_sent] == [
        OpType.CONTACT_ATTEMPT_RECORD, OpType.PROMISE_CREATE, OpType.NOTE_ADD,
        OpType.CASE_SCHEDULE_FOLLOW_UP]
    assert ops_sent[1].payload.contact_attempt_id == done.attempt.entity_id  # type: ignore[union-attr]
    assert _counts(store) == (3, 4)
    assert _row(store, case)[:2] == (follow.isoformat(timespec="microseconds"), "确认到账")


def test_a_failure_while_writing_the_second_op_leaves_neither(
    store: LocalStore, ops: Operations, case: CaseSeed
) -> None:
    case_id = uuid.UUID(case.case_id)
    before_row = _row(store, case)
    # The disk refuses the promise's outbox row (a real SQLite failure, mid-transaction).
    with store.write() as tx:
        tx.db.execute(
            "CREATE TRIGGER refuse_promise BEFORE INSERT ON outbox"
            " WHEN NEW.op_type = 'promise.create'"
            " BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END")
    with pytest.raises(sqlite3.IntegrityError, match="disk I/O error"):
        ops.record_call_outcome(
            _attempt(case, next_follow_up_at=NOW + timedelta(days=1)),
            promise=PromiseCreate(case_id=case_id, amount="300.00", due_date=date(2026, 12, 5)),
        )
    assert _counts(store) == (0, 0)
    assert _row(store, case) == before_row  # no last contact, no follow-up either
    # The same happens when a later op is simply invalid: nothing of the call is kept.
    with pytest.raises(InvalidFollowUp):
        ops.record_call_outcome(
            _attempt(case),
            follow_up=CaseScheduleFollowUp(case_id=case_id, due_at=NOW - timedelta(hours=1)),
        )
    assert _counts(store) == (0, 0) and _row(store, case) == before_row
    # And the store still takes work afterwards (the transaction was closed cleanly).
    with store.write() as tx:
        tx.db.execute("DROP TRIGGER refuse_promise")
    ops.record_call_outcome(_attempt(case))
    assert _counts(store) == (1, 1)


def test_a_rejected_follow_up_leaves_the_queue_and_waits_for_the_agent(
    store: LocalStore, ops: Operations, case: CaseSeed
) -> None:
    change_ = ops.schedule_follow_up(CaseScheduleFollowUp(
        case_id=uuid.UUID(case.case_id), due_at=NOW + timedelta(hours=2), reason="下午"))
    outbox = Outbox(store)
    summary = outbox.mark_answered([OpResult(
        op_id=change_.op_id, status=OpStatus.REJECTED, reason="This case has been reassigned",
        reason_code="case_reassigned")])
    assert summary.needs_attention == 1
    assert _row(store, case)[:2] == (None, None)  # back to the server's copy
    [item] = outbox.needs_attention()
    assert item.op_type is OpType.CASE_SCHEDULE_FOLLOW_UP and item.reason_code == "case_reassigned"
