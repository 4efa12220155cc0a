"""A block page writes its cases together and prunes its loans' schedules in one statement;
what a case upsert means one by one (a deferred removal voided, local work kept showing)
holds for the cases of a block too."""

from __future__ import annotations

from uuid import UUID

from agentdesk.client.casefile import open_case
from agentdesk.client.changes import apply_changes, deferred_removal_ids
from agentdesk.client.operations import Operations
from agentdesk.client.outbox import Outbox
from agentdesk.client.queue import CaseQueue, QueueQuery
from agentdesk.client.store import LocalStore
from agentdesk.protocol.ops import NoteAdd, PromiseCreate
from agentdesk.protocol.sync import EntityType, OpResult, OpStatus

from .conftest import CaseSeed, change, page, removal, seed
from .test_blocks import _as_blocks, _schedule


def test_a_case_back_in_a_block_cancels_its_deferred_removal(store: LocalStore) -> None:
    person, other = CaseSeed(name="孙七"), CaseSeed(name="周八")
    seed(store, person, other)
    note = Operations(store).add_note(NoteAdd(case_id=UUID(person.case_id), text="x"))
    apply_changes(store, page(removal(EntityType.CASE, person.case_id)))
    assert deferred_removal_ids(store) == [person.case_id]
    person.version = other.version = 3
    apply_changes(
        store,
        _as_blocks([change(EntityType.CASE, p.case_data(), 3) for p in (person, other)], "b1"),
    )
    assert deferred_removal_ids(store) == []
    assert not open_case(store, person.case_id).row.removal_pending
    Outbox(store).mark_answered([OpResult(op_id=note.op_id, status=OpStatus.APPLIED)])
    open_case(store, person.case_id)  # still held
    queue = CaseQueue(store)
    assert queue.search(QueueQuery(text="sunqi")).count == 1
    queue.close()


def test_cases_of_a_block_keep_showing_unsynced_local_work(store: LocalStore) -> None:
    person, other = CaseSeed(name="周八"), CaseSeed(name="吴九")
    seed(store, person, other)
    Operations(store).create_promise(
        PromiseCreate(case_id=UUID(person.case_id), amount="88.00", due_date="2026-12-24")  # type: ignore[arg-type]
    )
    person.version, person.dpd = 2, 31
    other.version, other.dpd = 2, 45
    apply_changes(
        store,
        _as_blocks([change(EntityType.CASE, p.case_data(), 2) for p in (person, other)], "b2"),
    )
    row = open_case(store, person.case_id).row
    assert row.dpd == 31  # the server's figure
    assert row.promise_status == "open"  # and the agent's own promise, still waiting
    assert open_case(store, other.case_id).row.dpd == 45
    # The queue's search index knows the cases written together.
    queue = CaseQueue(store)
    found = queue.search(QueueQuery(text="wujiu"))
    assert [r.case_id for r in found.rows(0, found.count)] == [other.case_id]
    queue.close()


def test_one_block_page_prunes_the_schedules_of_all_its_loans(store: LocalStore) -> None:
    a, b, c = CaseSeed(name="王芳"), CaseSeed(name="李娜"), CaseSeed(name="张伟")
    seed(store, a, b, c)
    loans = {p.loan_id: p.changes()[2] for p in (a, b, c)}
    for p in (a, b, c):
        apply_changes(store, page(loans[p.loan_id], *_schedule(p.loan_id, 6)))
    # Restructured: a's schedule shorter, b's loan now without rows; c not carried.
    apply_changes(
        store,
        _as_blocks([loans[a.loan_id], loans[b.loan_id], *_schedule(a.loan_id, 2)], "b3"),
    )
    with store.read() as db:
        rows = dict(db.execute("SELECT loan_id, count(*) FROM instalments GROUP BY loan_id"))
    assert rows == {a.loan_id: 2, c.loan_id: 6}
