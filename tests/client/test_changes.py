"""Applying pulled pages: one transaction with the cursor, and removals that wait for answers."""

from __future__ import annotations

import uuid
from uuid import UUID

import pytest
from pydantic import ValidationError

from agentdesk.client.casefile import UnknownCaseError, current_document, open_case
from agentdesk.client.changes import apply_changes, deferred_removal_ids
from agentdesk.client.operations import Operations
from agentdesk.client.outbox import Outbox
from agentdesk.client.queue import CaseQueue, QueueQuery
from agentdesk.client.store import LocalStore
from agentdesk.protocol.ops import NoteAdd, PromiseCreate
from agentdesk.protocol.sync import EntityType, OpResult, OpStatus

from .conftest import NOW, CaseSeed, change, page, removal, seed


def _count(store: LocalStore, table: str) -> int:
    with store.read() as db:
        return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_a_page_and_its_cursor_commit_together(store: LocalStore) -> None:
    assert store.cursor() is None
    first = CaseSeed(name="王芳")
    apply_changes(store, page(*first.changes(), cursor="c-1"))
    assert store.cursor() == "c-1"
    assert store.last_sync_at() == NOW

    # A page whose last change is bad: nothing of it is applied, the cursor stays.
    second = CaseSeed(name="李娜")
    bad = change(EntityType.CASE, {**second.case_data(), "dpd": -3})
    with pytest.raises(ValidationError):
        apply_changes(store, page(*second.changes()[:-1], bad, cursor="c-2"))
    assert store.cursor() == "c-1"
    assert _count(store, "cases") == 1
    assert _count(store, "borrowers") == 1


def test_upserts_are_idempotent_and_replace_older_data(store: LocalStore) -> None:
    person = CaseSeed(name="王芳", dpd=10)
    seed(store, person)
    seed(store, person)  # the same page again (a retried pull)
    assert _count(store, "cases") == 1
    assert _count(store, "contact_points") == 1
    person.dpd, person.version = 40, 2
    apply_changes(store, page(change(EntityType.CASE, person.case_data(), 2)))
    row = open_case(store, person.case_id).row
    assert (row.dpd, row.bucket) == (40, "M2")


def test_everything_a_case_view_needs_arrives_and_opens(store: LocalStore) -> None:
    person = CaseSeed(name="欧阳娜娜", phones=("13811112222", "13933334444"))
    seed(store, person)
    apply_changes(store, page(
        change(EntityType.INSTALMENT, {"id": "i1", "loan_id": person.loan_id, "seq": 1,
                                       "due_date": "2025-07-01", "principal": "950.00",
                                       "interest": "99.00", "total": "1049.00"}),
        change(EntityType.PAYMENT, {"id": "p1", "loan_id": person.loan_id,
                                    "paid_on": "2025-07-02", "amount": "1049.00"}),
        change(EntityType.NOTE, {"id": "n1", "case_id": person.case_id, "text": "已联系",
                                 "created_at": "2026-11-01T08:00:00Z"}),
        change(EntityType.CONTACT_ATTEMPT, {
            "id": "a1", "case_id": person.case_id, "channel": "call", "result": "no_answer",
            "started_at": "2026-11-02T08:00:00Z"}),
        change(EntityType.MESSAGE, {"id": "m1", "case_id": person.case_id, "channel": "sms",
                                    "body": "还款提醒", "sent_at": "2026-11-03T08:00:00Z"}),
        change(EntityType.PROMISE, {"id": "pr1", "case_id": person.case_id, "amount": "300",
                                    "due_date": "2026-12-01", "status": "open",
                                    "created_at": "2026-11-04T08:00:00Z"}),
        change(EntityType.PLAN, {"id": "pl1", "case_id": person.case_id, "status": "approved",
                                 "options": {"term": 24}, "proposed_at": "2026-11-05T08:00:00Z"}),
        change(EntityType.PLAN_DECISION, {
            "id": "d1", "case_id": person.case_id, "plan_id": "pl1", "decision": "approve",
            "decided_at": "2026-11-06T08:00:00Z"}),
        change(EntityType.SCRIPT, {"id": "negotiation", "version": 3, "language": "zh_CN",
                                   "body": "steps: []"}),
        change(EntityType.SCRIPT, {"id": "negotiation", "version": 4, "language": "zh_CN",
                                   "body": "steps: [greet]"}),
        change(EntityType.CONTACT_POLICY, {"id": "cn", "version": 1, "body": "rules: []"}),
    ))
    opened = open_case(store, person.case_id)
    assert opened.borrower is not None and opened.borrower.name == "欧阳娜娜"
    assert [c.masked for c in opened.contact_points] == ["138****2222", "139****4444"]
    assert opened.loan is not None and str(opened.loan.penalty_due) == "12.50"
    assert [i.seq for i in opened.instalments] == [1]
    assert [str(p.amount) for p in opened.payments] == ["1049.00"]
    assert [i.kind for i in opened.timeline] == [
        "plan_decision", "plan", "promise", "message", "contact_attempt", "note"]
    assert opened.plans[0].status == "approved"
    assert opened.plans[0].decisions[0].decision == "approve"
    script = current_document(store, "script", "negotiation")
    assert script is not None and (script.version, script.body) == (4, "steps: [greet]")
    assert current_document(store, "contact_policy", "cn") is not None
    assert current_document(store, "script", "missing") is None


def test_removing_a_case_without_pending_ops_deletes_its_local_copy(store: LocalStore) -> None:
    keep, lose = CaseSeed(name="留"), CaseSeed(name="走")
    seed(store, keep, lose)
    apply_changes(store, page(change(EntityType.NOTE, {
        "id": "n1", "case_id": lose.case_id, "text": "x", "created_at": NOW.isoformat()})))
    apply_changes(store, page(removal(EntityType.CASE, lose.case_id)))
    with pytest.raises(UnknownCaseError):
        open_case(store, lose.case_id)
    assert _count(store, "cases") == 1
    assert _count(store, "history") == 0
    assert _count(store, "loans") == 1 and _count(store, "borrowers") == 1
    queue = CaseQueue(store)
    assert queue.search(QueueQuery(text="zou")).count == 0  # gone from the search index too
    assert queue.search(QueueQuery(text="liu")).count == 1
    queue.close()


def test_removal_waits_until_the_cases_pending_ops_are_answered(store: LocalStore) -> None:
    person = CaseSeed(name="赵六")
    seed(store, person)
    ops = Operations(store)
    note = ops.add_note(NoteAdd(case_id=UUID(person.case_id), text="reassigned soon"))
    promise = ops.create_promise(PromiseCreate(case_id=UUID(person.case_id), amount="100",
                                               due_date="2026-12-01"))  # type: ignore[arg-type]

    result = apply_changes(store, page(removal(EntityType.CASE, person.case_id), cursor="r"))
    assert result.deferred_removals == (person.case_id,)
    assert store.cursor() == "r"  # the removal is recorded; the cursor moves on
    assert deferred_removal_ids(store) == [person.case_id]
    opened = open_case(store, person.case_id)  # still here, flagged
    assert opened.row.removal_pending
    assert len(opened.timeline) == 2

    outbox = Outbox(store)
    first = outbox.mark_answered([OpResult(op_id=note.op_id, status=OpStatus.APPLIED)])
    assert first.removed_cases == ()
    open_case(store, person.case_id)  # one op still waits
    second = outbox.mark_answered([OpResult(
        op_id=promise.op_id, status=OpStatus.REJECTED, reason="案件已改派 / case reassigned")])
    assert second.removed_cases == (person.case_id,)
    with pytest.raises(UnknownCaseError):
        open_case(store, person.case_id)
    assert deferred_removal_ids(store) == []
    # The rejection itself is not lost with the case.
    assert [i.op_id for i in outbox.needs_attention()] == [promise.op_id]


def test_getting_a_case_back_cancels_its_deferred_removal(store: LocalStore) -> None:
    person = CaseSeed(name="孙七")
    seed(store, person)
    note = Operations(store).add_note(NoteAdd(case_id=UUID(person.case_id), text="x"))
    apply_changes(store, page(removal(EntityType.CASE, person.case_id)))
    person.version = 3
    apply_changes(store, page(change(EntityType.CASE, person.case_data(), 3)))
    assert deferred_removal_ids(store) == []
    assert not open_case(store, person.case_id).row.removal_pending
    Outbox(store).mark_answered([OpResult(op_id=note.op_id, status=OpStatus.APPLIED)])
    open_case(store, person.case_id)  # still held


def test_pulled_case_data_keeps_showing_unsynced_local_work(store: LocalStore) -> None:
    person = CaseSeed(name="周八")
    seed(store, person)
    Operations(store).create_promise(PromiseCreate(
        case_id=UUID(person.case_id), amount="88.00", due_date="2026-12-24"))  # type: ignore[arg-type]
    person.version, person.dpd = 2, 31
    apply_changes(store, page(change(EntityType.CASE, person.case_data(), 2)))
    row = open_case(store, person.case_id).row
    assert row.dpd == 31  # the server's figure
    assert row.promise_status == "open"  # and the agent's own promise, still waiting


def test_removing_other_entities(store: LocalStore) -> None:
    person = CaseSeed(name="吴九", phones=("13800001111", "13900002222"))
    seed(store, person)
    apply_changes(store, page(change(EntityType.NOTE, {
        "id": "n1", "case_id": person.case_id, "text": "x", "created_at": NOW.isoformat()})))
    apply_changes(store, page(removal(EntityType.NOTE, "n1"),
                              removal(EntityType.CONTACT_POINT, f"{person.borrower_id}-1")))
    opened = open_case(store, person.case_id)
    assert opened.timeline == ()
    assert len(opened.contact_points) == 1
    queue = CaseQueue(store)
    assert queue.search(QueueQuery(text="00002222")).count == 0
    assert queue.search(QueueQuery(text="00001111")).count == 1
    queue.close()
    apply_changes(store, page(removal(EntityType.CASE, str(uuid.uuid4()))))  # unknown: fine
