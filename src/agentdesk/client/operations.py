"""Every change a user makes, as one local transaction: the store **and** the outbox op.

This is the only way the app writes its own work into the local store (pulled server
changes go through `changes.py`). Each method validates its payload (the protocol's
pydantic models), checks the entities exist locally, writes the local rows, applies the
op's effect on the queue columns (`local_effects.py`), appends the op to the outbox —
all in one transaction — and, after the commit, the store announces the changed case.
If anything fails in between, nothing of it is in the file.

Several changes that belong together (a call's attempt, its promise, a note and the
follow-up) are recorded inside `together()`: one transaction for all of them, so a
failure on the last leaves none of them in the store or the outbox.
`record_call_outcome` does that for a call.

Run these off the GUI thread (they write); they return the new op's id and entity id.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID, uuid4

from pydantic import BaseModel

from agentdesk.client import local_effects, outbox
from agentdesk.client.convert import utc_text
from agentdesk.client.store import LocalStore, WriteTx
from agentdesk.domain.follow_up import check_follow_up
from agentdesk.domain.vocabulary import PlanStatus, PromiseStatus
from agentdesk.protocol.ops import (
    CaseReassign,
    CaseScheduleFollowUp,
    ContactAttemptRecord,
    NoteAdd,
    Op,
    OpPayload,
    PlanDecide,
    PlanPropose,
    PlanWithdraw,
    PromiseCreate,
    make_op,
)
from agentdesk.protocol.sync import (
    ContactAttemptData,
    NoteData,
    PlanData,
    PlanDecisionData,
    PromiseData,
)


class OperationError(ValueError):
    """A change that cannot be made locally; the message is in Chinese and English."""

    def __init__(self, field: str, message_zh: str, message_en: str) -> None:
        super().__init__(f"{message_zh} / {message_en}")
        self.field = field
        self.message_zh = message_zh
        self.message_en = message_en


@dataclass(frozen=True)
class LocalChange:
    """The op a change produced and the entity it created or edited."""

    op_id: UUID
    entity_id: UUID
    case_id: UUID


@dataclass(frozen=True)
class CallOutcomeChanges:
    """The changes one call's outcome made (None where the outcome had none)."""

    attempt: LocalChange
    promise: LocalChange | None
    note: LocalChange | None
    follow_up: LocalChange | None


class Operations:
    """The user's own changes to one local store."""

    def __init__(self, store: LocalStore, *, user_id: str | None = None) -> None:
        self.store = store
        self.user_id = user_id
        self._open = threading.local()  # the transaction `together()` holds, per thread

    # ------------------------------------------------------------ transactions

    @contextmanager
    def together(self) -> Iterator[None]:
        """Record every change made inside in one local transaction: all or none.

        Changes the same thread makes inside join it; if any of them (or the code
        around them) raises, none is in the store or the outbox."""
        if getattr(self._open, "tx", None) is not None:
            raise RuntimeError("together() is already open on this thread")
        with self.store.write() as tx:
            self._open.tx = tx
            try:
                yield
            finally:
                self._open.tx = None

    @contextmanager
    def _write(self) -> Iterator[WriteTx]:
        tx: WriteTx | None = getattr(self._open, "tx", None)
        if tx is not None:
            yield tx
            return
        with self.store.write() as tx:
            yield tx

    def record_call_outcome(
        self,
        attempt: ContactAttemptRecord,
        *,
        promise: PromiseCreate | None = None,
        note: NoteAdd | None = None,
        follow_up: CaseScheduleFollowUp | None = None,
    ) -> CallOutcomeChanges:
        """A call's contact attempt with the promise, note and follow-up it produced, as
        one local transaction (the promise is linked to the attempt)."""
        with self.together():
            recorded = self.record_contact_attempt(attempt)
            promised = None if promise is None else self.create_promise(
                promise.model_copy(update={"contact_attempt_id": recorded.entity_id}))
            noted = None if note is None else self.add_note(note)
            scheduled = None if follow_up is None else self.schedule_follow_up(follow_up)
        return CallOutcomeChanges(recorded, promised, noted, scheduled)

    # ------------------------------------------------------------ creations

    def record_contact_attempt(self, attempt: ContactAttemptRecord) -> LocalChange:
        """A call (or other contact) and its outcome, with the script transcript."""
        attempt_id = uuid4()
        data = ContactAttemptData(
            id=str(attempt_id),
            case_id=str(attempt.case_id),
            user_id=self.user_id,
            contact_point_id=None if attempt.contact_point_id is None
            else str(attempt.contact_point_id),
            channel=attempt.channel,
            result=attempt.result,
            started_at=attempt.started_at,
            ended_at=attempt.ended_at,
            mood=attempt.mood,
            delinquency_reason=attempt.delinquency_reason,
            notes=attempt.notes,
            transcript=attempt.transcript,
        )
        with self._write() as tx:
            if attempt.contact_point_id is not None:
                self._require(tx.db, "contact_points", "contact_point_id",
                              str(attempt.contact_point_id), "contact_point_id")
            return self._submit(tx, attempt, attempt_id, None,
                                ("contact_attempt", data.started_at, data))

    def add_note(self, note: NoteAdd) -> LocalChange:
        """A note on the case timeline."""
        note_id = uuid4()
        with self._write() as tx:
            data = NoteData(id=str(note_id), case_id=str(note.case_id), author_id=self.user_id,
                            text=note.text, created_at=tx.now)
            return self._submit(tx, note, note_id, None, ("note", tx.now, data))

    def create_promise(self, promise: PromiseCreate) -> LocalChange:
        """A promise to pay; the case's promise shows as open until the server judges it."""
        promise_id = uuid4()
        with self._write() as tx:
            data = PromiseData(id=str(promise_id), case_id=str(promise.case_id),
                               amount=promise.amount, currency=promise.currency,
                               due_date=promise.due_date, status=PromiseStatus.OPEN,
                               created_at=tx.now)
            return self._submit(tx, promise, promise_id, None, ("promise", tx.now, data))

    def propose_plan(self, proposal: PlanPropose) -> LocalChange:
        """A restructuring proposal; pending until a lead (or the server) decides."""
        plan_id = uuid4()
        with self._write() as tx:
            data = PlanData(id=str(plan_id), case_id=str(proposal.case_id),
                            proposed_by=self.user_id, status=PlanStatus.PENDING,
                            options=proposal.options, figures=proposal.preview or {},
                            proposed_at=tx.now)
            change = self._submit(tx, proposal, plan_id, None, ("plan", tx.now, data))
            tx.db.execute(
                "INSERT INTO plans VALUES (?, ?, ?, NULL, 'pending', ?)",
                (str(plan_id), str(proposal.case_id), PlanStatus.PENDING,
                 data.model_dump_json()),
            )
            return change

    # ------------------------------------------------------------ edits

    def withdraw_plan(self, plan_id: UUID, withdrawal: PlanWithdraw) -> LocalChange:
        """Take a pending plan back (the agent who proposed it)."""
        with self._write() as tx:
            version = self._plan_version(tx.db, plan_id, withdrawal.case_id)
            return self._submit(tx, withdrawal, plan_id, version, None)

    def decide_plan(self, plan_id: UUID, decision: PlanDecide) -> LocalChange:
        """A lead's approval, rejection or return of a plan, with a comment."""
        with self._write() as tx:
            version = self._plan_version(tx.db, plan_id, decision.case_id)
            data = PlanDecisionData(id=str(decision.decision_id), case_id=str(decision.case_id),
                                    plan_id=str(plan_id), decided_by=self.user_id,
                                    decision=decision.decision, comment=decision.comment,
                                    decided_at=tx.now)
            change = self._submit(tx, decision, plan_id, version,
                                  ("plan_decision", tx.now, data), item_id=decision.decision_id)
            tx.db.execute(
                "INSERT INTO plan_decisions VALUES (?, ?, ?, ?, NULL, 'pending', ?)",
                (str(decision.decision_id), str(plan_id), str(decision.case_id),
                 str(decision.decision), data.model_dump_json()),
            )
            return change

    def schedule_follow_up(self, follow_up: CaseScheduleFollowUp) -> LocalChange:
        """The case's next action: due at a time in the future, with a short reason.

        Refused (`agentdesk.domain.follow_up.InvalidFollowUp`, naming the allowed range)
        unless the time lies after now and within the follow-up horizon."""
        with self._write() as tx:
            check_follow_up(follow_up.due_at, follow_up.reason, now=tx.now)
            return self._submit(tx, follow_up, follow_up.case_id, None, None)

    def reassign_case(self, reassignment: CaseReassign) -> LocalChange:
        """A lead moves the case to another agent."""
        with self._write() as tx:
            row = tx.db.execute(
                "SELECT version FROM cases WHERE case_id = ?", (str(reassignment.case_id),)
            ).fetchone()
            if row is None:
                raise _unknown_case(reassignment.case_id)
            return self._submit(tx, reassignment, reassignment.case_id, int(row[0]), None)

    # ------------------------------------------------------------ the one transaction

    def _submit(
        self,
        tx: WriteTx,
        payload: OpPayload,
        entity_id: UUID,
        base_version: int | None,
        history_item: tuple[str, datetime, BaseModel] | None,
        *,
        item_id: UUID | None = None,
    ) -> LocalChange:
        case_id = str(payload.case_id)
        if tx.db.execute(
            "SELECT 1 FROM cases WHERE case_id = ?", (case_id,)
        ).fetchone() is None:
            raise _unknown_case(payload.case_id)
        op: Op = make_op(payload, entity_id=entity_id, created_at=tx.now,
                         base_version=base_version)
        if history_item is not None:
            kind, occurred_at, data = history_item
            tx.db.execute(
                "INSERT INTO history VALUES (?, ?, ?, ?, NULL, 'pending', ?)",
                (str(item_id or entity_id), case_id, kind,
                 utc_text(occurred_at),
                 data.model_dump_json()),
            )
        local_effects.apply_op_effect(tx.db, op)
        outbox.append(tx, op)
        tx.case_changed(case_id)
        return LocalChange(op_id=op.op_id, entity_id=entity_id, case_id=payload.case_id)

    @staticmethod
    def _require(db: sqlite3.Connection, table: str, column: str, value: str, field: str) -> None:
        if db.execute(
            f"SELECT 1 FROM {table} WHERE {column} = ?", (value,)
        ).fetchone() is None:
            raise OperationError(field, f"本地没有 {field} = {value}",
                                 f"no {field} {value} in the local store")

    @staticmethod
    def _plan_version(db: sqlite3.Connection, plan_id: UUID, case_id: UUID) -> int:
        row = db.execute(
            "SELECT version, case_id FROM plans WHERE plan_id = ?", (str(plan_id),)
        ).fetchone()
        if row is None or row[1] != str(case_id):
            raise OperationError("plan_id", f"本案件没有方案 {plan_id}",
                                 f"case {case_id} has no plan {plan_id}")
        # A plan proposed offline has no server version yet; the server numbers a new
        # entity's first version 1, and the proposal reaches it before this edit.
        return 1 if row[0] is None else int(row[0])


def _unknown_case(case_id: UUID) -> OperationError:
    return OperationError(
        "case_id", f"本地没有案件 {case_id}", f"no case {case_id} in the local store"
    )
