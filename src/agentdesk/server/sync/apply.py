"""One pushed op, applied through the same rules as the REST endpoints.

- `op_access`: whether the user may apply it to the case, judged now by the server
  (facts made before a reassignment are accepted, and the new holder is told);
- `apply_facts`: what happened on a case — contact attempts, notes, promises, the
  borrower's statements about contact;
- `apply_edits`: plans, the case's follow-up and its holder.

Every refusal is an `ApiError`; `push` turns it into a per-op result. `Conflict` is the
one refusal that carries the server's current version of the edited entity.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from agentdesk.domain.authority import AuthorityPolicy
from agentdesk.protocol.ops import (
    CaseReassignOp,
    CaseScheduleFollowUpOp,
    ContactAttemptRecordOp,
    ContactPreferenceClearOp,
    ContactPreferenceRecordOp,
    NoteAddOp,
    Op,
    PlanDecideOp,
    PlanProposeOp,
    PlanWithdrawOp,
    PromiseCreateOp,
)
from agentdesk.server.deps import Principal
from agentdesk.server.errors import ApiError
from agentdesk.server.sync.apply_edits import (
    decide,
    propose_plan,
    reassign,
    schedule_follow_up,
    withdraw,
)
from agentdesk.server.sync.apply_facts import (
    add_note,
    clear_preference,
    create_promise,
    record_attempt,
    record_preference,
)
from agentdesk.server.sync.op_access import Conflict

__all__ = ["Conflict", "apply_op"]


def apply_op(db: Session, principal: Principal, op: Op, policy: AuthorityPolicy) -> int:
    """Apply `op` in the session's transaction; returns the entity's server version."""
    if isinstance(op, ContactAttemptRecordOp):
        return record_attempt(db, principal, op)
    if isinstance(op, NoteAddOp):
        return add_note(db, principal, op)
    if isinstance(op, PromiseCreateOp):
        return create_promise(db, principal, op, policy)
    if isinstance(op, PlanProposeOp):
        return propose_plan(db, principal, op, policy)
    if isinstance(op, PlanWithdrawOp):
        return withdraw(db, principal, op)
    if isinstance(op, PlanDecideOp):
        return decide(db, principal, op, policy)
    if isinstance(op, ContactPreferenceRecordOp):
        return record_preference(db, principal, op)
    if isinstance(op, ContactPreferenceClearOp):
        return clear_preference(db, principal, op)
    if isinstance(op, CaseScheduleFollowUpOp):
        return schedule_follow_up(db, principal, op)
    if isinstance(op, CaseReassignOp):
        return reassign(db, principal, op)
    raise ApiError(
        422,
        "unknown_op",
        f"服务器不处理此操作：{op.type}",
        f"The server does not handle {op.type}.",
    )
