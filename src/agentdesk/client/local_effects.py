"""How a local op shows in the queue before the server has confirmed it.

A contact attempt sets the case's last contact (and sets, keeps or marks done its next
follow-up, by the domain's rule in `domain/follow_up.py`), a scheduled follow-up sets the
case's next action and its reason, a promise makes the case's promise open, a plan
proposal or decision sets its plan status. The same effect
is applied when the op is made and again after a pulled server copy of the case
overwrote the row while the op still waits in the outbox, so the agent never sees their
own unsynced work disappear from the queue.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from agentdesk.client import preference_rows
from agentdesk.client.convert import parse_utc, utc_text
from agentdesk.domain import follow_up
from agentdesk.domain.vocabulary import PlanStatus, PromiseStatus
from agentdesk.protocol.ops import (
    CaseReassignOp,
    CaseScheduleFollowUpOp,
    ContactAttemptRecordOp,
    ContactPreferenceClearOp,
    ContactPreferenceRecordOp,
    Op,
    PlanDecideOp,
    PlanDecision,
    PlanProposeOp,
    PlanWithdrawOp,
    PromiseCreateOp,
    parse_op,
)

DECISION_STATUS = {
    PlanDecision.APPROVE: PlanStatus.APPROVED,
    PlanDecision.REJECT: PlanStatus.REJECTED,
    PlanDecision.RETURN: PlanStatus.RETURNED,
}


def apply_op_effect(db: sqlite3.Connection, op: Op) -> None:
    """Update the case's queue columns (and a plan's status) as `op` implies."""
    case_id = str(op.payload.case_id)
    if isinstance(op, ContactPreferenceRecordOp | ContactPreferenceClearOp):
        # The borrower's statement (a row of its own), shown until the server answers.
        preference_rows.apply_effect(db, op)
        return
    if isinstance(op, ContactAttemptRecordOp):
        ended = utc_text(op.payload.ended_at)
        db.execute(
            "UPDATE cases SET last_contact_at = max(coalesce(last_contact_at, ''), ?)"
            " WHERE case_id = ?",
            (ended, case_id),
        )
        _follow_up_after_attempt(db, case_id, op)
    elif isinstance(op, CaseScheduleFollowUpOp):
        db.execute(
            "UPDATE cases SET next_action_due = ?, next_action_reason = ? WHERE case_id = ?",
            (utc_text(op.payload.due_at), op.payload.reason or None, case_id),
        )
    elif isinstance(op, PromiseCreateOp):
        db.execute(
            "UPDATE cases SET promise_status = ?, promise_due = ? WHERE case_id = ?",
            (str(PromiseStatus.OPEN), op.payload.due_date.isoformat(), case_id),
        )
    elif isinstance(op, PlanProposeOp):
        _set_plan_status(db, case_id, str(op.entity_id), PlanStatus.PENDING)
    elif isinstance(op, PlanWithdrawOp):
        _set_plan_status(db, case_id, str(op.entity_id), PlanStatus.WITHDRAWN)
    elif isinstance(op, PlanDecideOp):
        status = DECISION_STATUS[op.payload.decision]
        _set_plan_status(db, case_id, str(op.entity_id), status)
    elif isinstance(op, CaseReassignOp):
        db.execute(
            "UPDATE cases SET assignee_id = ? WHERE case_id = ?",
            (str(op.payload.to_user_id), case_id),
        )


# Ops are applied in the order they were made, after the server's copy of the case: the
# follow-up in the row is always older than the op being applied.
_EARLIER = datetime.min.replace(tzinfo=UTC)


def _follow_up_after_attempt(
    db: sqlite3.Connection, case_id: str, op: ContactAttemptRecordOp
) -> None:
    row = db.execute(
        "SELECT next_action_due, next_action_reason FROM cases WHERE case_id = ?", (case_id,)
    ).fetchone()
    if row is None:
        return
    due = parse_utc(row[0])
    current = None if due is None else follow_up.NextAction(due, row[1] or "", _EARLIER)
    after = follow_up.after_attempt(
        current,
        ended_at=op.payload.ended_at,
        follow_up_at=op.payload.next_follow_up_at,
        made_at=op.created_at,
    )
    if after != current:
        db.execute(
            "UPDATE cases SET next_action_due = ?, next_action_reason = ? WHERE case_id = ?",
            (None if after is None else utc_text(after.due_at),
             None if after is None or not after.reason else after.reason, case_id),
        )


def _set_plan_status(
    db: sqlite3.Connection, case_id: str, plan_id: str, status: PlanStatus
) -> None:
    db.execute("UPDATE cases SET plan_status = ? WHERE case_id = ?", (status, case_id))
    db.execute("UPDATE plans SET status = ? WHERE plan_id = ?", (status, plan_id))


def reapply_pending(db: sqlite3.Connection, case_id: str) -> None:
    """Re-apply the effects of this case's unanswered ops, oldest first."""
    bodies = db.execute(
        "SELECT body FROM outbox WHERE case_id = ? ORDER BY seq", (case_id,)
    ).fetchall()
    for (body,) in bodies:
        apply_op_effect(db, parse_op(body))
